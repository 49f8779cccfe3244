"""Two goroutines writing different attributes of one object: no race."""

import goconc
from goconc import go, sync


class Stats:
    def __init__(self) -> None:
        self.reads = 0
        self.writes = 0


def main() -> None:
    s = Stats()
    wg = sync.WaitGroup()
    wg.add(2)

    def reads() -> None:
        s.reads = 1
        wg.done()

    def writes() -> None:
        s.writes = 2
        wg.done()

    go(reads)
    go(writes)
    wg.wait()
    print(s.reads, s.writes)


if __name__ == "__main__":
    goconc.run(main)
