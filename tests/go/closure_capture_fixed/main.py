"""The closure capture gotcha, fixed: pass u as an argument, or bind it with a default."""

import goconc
from goconc import chan, go, sync

mu = sync.Mutex()
seen: list[str] = []


def record(u: str) -> None:
    with mu:
        seen.append(u)


def report(how: str) -> None:
    print(how + ":", " ".join(sorted(seen)))
    seen.clear()


def main() -> None:
    wg = sync.WaitGroup()

    # Fix 1: pass u as an argument; the goroutine gets its own copy.
    start = chan()

    def worker(u: str) -> None:
        try:
            start.recv()
            record(u)
        finally:
            wg.done()

    for u in ["a", "b", "c"]:
        wg.add(1)
        go(worker, u)
    start.close()
    wg.wait()
    report("passed as argument")

    # Fix 2: Python has no per-iteration variables; a default argument is
    # evaluated when the function is defined, once per iteration.
    start2 = chan()
    for u in ["a", "b", "c"]:
        wg.add(1)

        def worker2(u: str = u) -> None:
            try:
                start2.recv()
                record(u)
            finally:
                wg.done()

        go(worker2)
    start2.close()
    wg.wait()
    report("per-iteration variable")


if __name__ == "__main__":
    goconc.run(main)
