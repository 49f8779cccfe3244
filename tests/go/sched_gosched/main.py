"""runtime.gosched puts the caller on the GLOBAL run queue, so goroutines in
runnext and the local run queue run before it comes back.

See main.go for the derivation, and for align(), which lines up the P's
schedtick so that the schedtick%61 check cannot fire.
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

    # Part 1: main yields while three goroutines are runnable.
    wg.add(3)
    go(worker, "A")
    go(worker, "B")
    go(worker, "C")
    out.append("main-yields")
    runtime.gosched()
    out.append("main-back")
    wg.wait()
    part1 = " ".join(out)

    # Part 2: a goroutine yields while others are in the local queue.
    out = []
    wg.add(3)

    def p() -> None:
        out.append("P1")
        runtime.gosched()
        out.append("P2")
        wg.done()

    go(p)
    go(worker, "Q")
    go(worker, "R")
    wg.wait()
    part2 = " ".join(out)

    print("part 1:", part1)
    print("part 2:", part2)


if __name__ == "__main__":
    goconc.run(main)
