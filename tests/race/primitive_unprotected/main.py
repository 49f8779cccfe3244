"""A field written by one goroutine and read by another without synchronization."""

import goconc
from goconc import go, sync


class Watchdog:
    def __init__(self) -> None:
        self.last = 0

    def keep_alive(self) -> None:
        self.last = 42

    def check(self) -> bool:
        return self.last > 0


def main() -> None:
    w = Watchdog()
    wg = sync.WaitGroup()
    wg.add(2)

    def alive() -> None:
        w.keep_alive()
        wg.done()

    def check() -> None:
        print(str(w.check() or True).lower())
        wg.done()

    go(alive)
    go(check)
    wg.wait()


if __name__ == "__main__":
    goconc.run(main)
