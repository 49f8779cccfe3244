"""Ten go statements in a loop, then wg.wait: Go runs 9 0 1 ... 8.

See main.go for the derivation (each new goroutine takes runnext and kicks
the previous one to the tail of the local run queue).
"""

import goconc
from goconc import go, runtime, sync


def main() -> None:
    runtime.gosched()

    out: list[str] = []
    wg = sync.WaitGroup()

    def worker(i: int) -> None:
        out.append(str(i))
        wg.done()

    for i in range(10):
        wg.add(1)
        go(worker, i)
    wg.wait()
    print(" ".join(out))


if __name__ == "__main__":
    goconc.run(main)
