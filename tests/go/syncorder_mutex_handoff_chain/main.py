"""Mutex handoff chain: four waiters in queue order, each relocking before the next runs."""

import goconc
from goconc import chan, go, runtime, sync


def main() -> None:
    runtime.gosched()

    ev = chan(str, 16)
    mu = sync.Mutex()
    wg = sync.WaitGroup()
    queued = chan(bool)

    def waiter(i: int) -> None:
        queued.send(True)
        mu.lock()
        ev.send(f"w{i} has the lock")
        mu.unlock()
        mu.lock()
        ev.send(f"w{i} has the lock again")
        mu.unlock()
        wg.done()

    mu.lock()
    for i in range(4):
        wg.add(1)
        go(waiter, i)
        queued.recv()
    ev.send("main unlocks")
    mu.unlock()
    wg.wait()
    ev.close()

    out: list[str] = []
    for s in ev:
        out.append(s + "\n")
    print("".join(out), end="")


if __name__ == "__main__":
    goconc.run(main)
