"""A race on the loop counter: every goroutine reads the variable the loop writes."""

import goconc
from goconc import go, sync


def main() -> None:
    wg = sync.WaitGroup()
    i = 0

    def show() -> None:
        print(i)  # reads the counter the loop writes
        wg.done()

    for i in range(5):  # noqa: B007 - show() reads i: the race
        wg.add(1)
        go(show)
    wg.wait()


if __name__ == "__main__":
    goconc.run(main)
