"""Zero-duration time.after_func timers fire at the next scheduling point, and
each function's new goroutine takes runnext, ahead of the local run queue.

See main.go for the derivation. Part 2: time.sleep(0) returns at once
without yielding.
"""

import goconc
from goconc import go, runtime, sync, time


def main() -> None:
    runtime.gosched()

    out: list[str] = []
    wg = sync.WaitGroup()

    def worker(name: str) -> None:
        out.append(name)
        wg.done()

    # Part 1.
    wg.add(5)
    go(worker, "A")
    time.after_func(0, lambda: worker("T1"))
    go(worker, "B")
    time.after_func(0, lambda: worker("T2"))
    go(worker, "C")
    out.append("main-waits")
    wg.wait()
    part1 = " ".join(out)

    # Part 2.
    out = []
    wg.add(1)
    go(worker, "D")
    time.sleep(0)
    out.append("main-after-Sleep(0)")
    wg.wait()
    part2 = " ".join(out)

    print("part 1:", part1)
    print("part 2:", part2)


if __name__ == "__main__":
    goconc.run(main)
