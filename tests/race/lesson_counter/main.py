"""The lesson's Counter without its mutex (chapter 5): a race on Counter.n."""

import goconc
from goconc import sync


class Counter:
    def __init__(self) -> None:
        self.n = 0

    def inc(self) -> None:
        self.n += 1


def main() -> None:
    c = Counter()
    wg = sync.WaitGroup()

    def worker() -> None:
        for _ in range(10):
            c.inc()

    for _ in range(100):
        wg.go(worker)
    wg.wait()
    print("count:", c.n)


if __name__ == "__main__":
    goconc.run(main)
