"""The lesson's Counter without its mutex: inc from many goroutines races."""

import goconc
from goconc import go, sync


class Counter:
    def __init__(self) -> None:
        self.n = 0

    def inc(self) -> None:
        self.n += 1


def main() -> None:
    c = Counter()
    wg = sync.WaitGroup()

    def worker() -> None:
        c.inc()
        wg.done()

    for _ in range(10):
        wg.add(1)
        go(worker)
    wg.wait()
    print(c.n)


if __name__ == "__main__":
    goconc.run(main)
