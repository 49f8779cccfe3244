"""The loop counter passed to each goroutine as an argument: no race."""

import goconc
from goconc import go, sync


def main() -> None:
    wg = sync.WaitGroup()

    def show(j: int) -> None:
        print(j)
        wg.done()

    for i in range(5):
        wg.add(1)
        go(show, i)
    wg.wait()


if __name__ == "__main__":
    goconc.run(main)
