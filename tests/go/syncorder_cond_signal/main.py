"""Cond.signal wakes the oldest ticket first; two signals in a row run the second first."""

import goconc
from goconc import chan, go, runtime, sync


def main() -> None:
    runtime.gosched()

    out: list[str] = []
    mu = sync.Mutex()
    cond = sync.Cond(mu)
    ready = chan(bool)
    woke = chan(int)

    def waiter(i: int) -> None:
        mu.lock()
        ready.send(True)
        cond.wait()
        mu.unlock()
        woke.send(i)

    for i in range(3):
        go(waiter, i)
        ready.recv()
    out.append("w0, w1, w2 wait, in that order\n")

    mu.lock()
    cond.signal()
    mu.unlock()
    out.append(f"one Signal: w{woke.recv()} runs\n")

    mu.lock()
    cond.signal()
    cond.signal()
    mu.unlock()
    a = woke.recv()
    b = woke.recv()
    out.append(f"two Signals: w{a} runs, then w{b}\n")
    print("".join(out), end="")


if __name__ == "__main__":
    goconc.run(main)
