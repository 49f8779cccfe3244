"""The schedtick%61 fairness check, at a known schedtick: one goroutine from
the head of the global queue runs before runnext and the local queue.

See main.go for the derivation (align() makes schedtick%61 == 1; each lone
gosched counts one tick).
"""

import goconc
from goconc import chan, go, runtime, sync


def align() -> None:
    """Return with the P's schedtick%61 == 1 (see main.go)."""
    done = chan(bool, 1)
    while True:
        ran = False

        def x() -> None:
            nonlocal ran
            ran = True
            done.send(True)

        go(x)
        runtime.gosched()
        hit = not ran
        done.recv()
        if hit:
            return


def main() -> None:
    runtime.gosched()
    align()

    out: list[str] = []
    wg = sync.WaitGroup()

    def worker(name: str) -> None:
        out.append(name)
        wg.done()

    # Round 1.
    for _ in range(59):
        runtime.gosched()
    wg.add(3)
    go(worker, "A")
    go(worker, "B")
    go(worker, "C")
    out.append("main-yields")
    runtime.gosched()
    out.append("main-back")
    wg.wait()
    round1 = " ".join(out)

    # Round 2.
    out = []
    for _ in range(58):
        runtime.gosched()
    wg.add(4)

    def y() -> None:
        out.append("Y1")
        runtime.gosched()
        out.append("Y2")
        wg.done()

    go(worker, "A")
    go(worker, "B")
    go(worker, "C")
    go(y)
    runtime.gosched()
    out.append("main-back")
    wg.wait()
    round2 = " ".join(out)

    print("round 1:", round1)
    print("round 2:", round2)


if __name__ == "__main__":
    goconc.run(main)
