"""Mutex starvation mode: after a waiter waited > 1 ms, Unlock hands the lock over and yields."""

import goconc
from goconc import chan, go, runtime, sync, time


def main() -> None:
    runtime.gosched()

    ev = chan(str, 32)
    mu = sync.Mutex()
    wg = sync.WaitGroup()
    queued = chan(bool)
    wake = chan(bool)

    def waiter(i: int) -> None:
        queued.send(True)
        mu.lock()
        ev.send(f"w{i} has the lock")
        mu.unlock()
        ev.send(f"w{i}: Unlock returned")
        wg.done()

    mu.lock()
    for i in range(3):
        wg.add(1)
        go(waiter, i)
        queued.recv()
    ev.send("w0, w1, w2 wait in Lock")
    time.sleep(5 * time.Millisecond)
    runtime.gosched()

    def h() -> None:
        wake.send(True)

    go(h)
    ev.send("main: Unlock after 5 ms, and Lock again at once")
    mu.unlock()
    mu.lock()
    wake.recv()
    ev.send("main: Unlock (starvation mode)")
    mu.unlock()
    ev.send("main: Unlock returned")
    wg.wait()
    ev.close()

    out: list[str] = []
    for s in ev:
        out.append(s + "\n")
    print("".join(out), end="")


if __name__ == "__main__":
    goconc.run(main)
