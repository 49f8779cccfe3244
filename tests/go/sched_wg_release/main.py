"""WaitGroup and Cond wake their waiters in FIFO order, one goready each, so
three waiters queued 0 1 2 run 2 0 1.

See main.go for the derivation (semrelease per waiter, notifyListNotifyAll,
notifyListNotifyOne; each goready takes runnext).
"""

import goconc
from goconc import chan, go, runtime, sync


def main() -> None:
    runtime.gosched()

    out: list[str] = []
    lines: list[str] = []
    wg = sync.WaitGroup()
    ready = chan(int)

    # WaitGroup.
    wg2 = sync.WaitGroup()
    wg2.add(1)

    def waiter(i: int) -> None:
        ready.send(i)
        wg2.wait()
        out.append(f"W{i}")
        wg.done()

    for i in range(3):
        wg.add(1)
        go(waiter, i)
        ready.recv()
    wg.add(1)

    def x() -> None:
        out.append("X")
        wg.done()

    go(x)
    wg2.done()
    out.append("main-done")
    wg.wait()
    lines.append("wg.Done:        " + " ".join(out))

    # Cond.Broadcast and Cond.Signal.
    mu = sync.Mutex()
    cond = sync.Cond(mu)

    def cond_waiter(name: str, i: int) -> None:
        mu.lock()
        ready.send(i)
        cond.wait()
        out.append(f"{name}{i}")
        mu.unlock()
        wg.done()

    for name in ["C", "S"]:
        out = []
        for i in range(3):
            wg.add(1)
            go(cond_waiter, name, i)
            ready.recv()
        if name == "C":
            cond.broadcast()
            out.append("main-broadcast")
            wg.wait()
            lines.append("cond.Broadcast: " + " ".join(out))
        else:
            for _ in range(3):
                cond.signal()
            out.append("main-signalled")
            wg.wait()
            lines.append("cond.Signal x3: " + " ".join(out))
    print("\n".join(lines))


if __name__ == "__main__":
    goconc.run(main)
