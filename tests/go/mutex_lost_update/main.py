"""A read-modify-write that yields between the read and the write loses updates."""

from collections.abc import Callable

import goconc
from goconc import runtime, sync


class Counter:
    def __init__(self) -> None:
        self.mu = sync.Mutex()
        self.n = 0

    def inc_unsafe(self) -> None:
        """Read, let other goroutines run, then write back."""
        v = self.n
        runtime.gosched()
        self.n = v + 1

    def inc(self) -> None:
        """The same under the mutex: no one else can touch n in between."""
        with self.mu:
            v = self.n
            runtime.gosched()
            self.n = v + 1


def count(inc: Callable[[Counter], None]) -> int:
    c = Counter()
    wg = sync.WaitGroup()

    def worker() -> None:
        for _ in range(10):
            inc(c)

    for _ in range(100):
        wg.go(worker)
    wg.wait()
    return c.n


def main() -> None:
    unsafe = count(Counter.inc_unsafe)
    print("without the mutex, updates were lost:", str(unsafe < 1000).lower())
    print("with the mutex:", count(Counter.inc))


if __name__ == "__main__":
    goconc.run(main)
