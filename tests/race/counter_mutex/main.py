"""The lesson's Counter with its mutex: no race."""

import goconc
from goconc import go, sync


class Counter:
    def __init__(self) -> None:
        self.mu = sync.Mutex()
        self.n = 0

    def inc(self) -> None:
        with self.mu:
            self.n += 1

    def value(self) -> int:
        with self.mu:
            return self.n


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
    print(c.value())


if __name__ == "__main__":
    goconc.run(main)
