"""A goroutine blocked on a timer's channel is woken by the timer at the next
scheduling point and goes to runnext, ahead of the local run queue; an
expired timer's channel is received from without yielding.

See main.go for the derivation.
"""

import goconc
from goconc import chan, go, runtime, sync, time


def gobool(b: bool) -> str:
    return "true" if b else "false"


def main() -> None:
    runtime.gosched()

    out: list[str] = []
    wg = sync.WaitGroup()

    def worker(name: str) -> None:
        out.append(name)
        wg.done()

    ready = chan(bool)

    # Part 1.
    t = time.new_timer(time.Hour)
    wg.add(3)

    def r() -> None:
        ready.send(True)
        t.c.recv()
        out.append("R")
        wg.done()

    go(r)
    ready.recv()
    go(worker, "A")
    active = t.reset(0)
    go(worker, "B")
    out.append(f"main-reset({gobool(active)})")
    wg.wait()
    part1 = " ".join(out)

    # Part 2.
    out = []
    wg.add(1)
    go(worker, "D")
    time.after(0).recv()
    out.append("main-got-After(0)")
    wg.wait()
    part2 = " ".join(out)

    print("part 1:", part1)
    print("part 2:", part2)


if __name__ == "__main__":
    goconc.run(main)
