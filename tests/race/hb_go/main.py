"""Happens-before: go(...) is before the goroutine's first step."""

import goconc
from goconc import chan, go


def main() -> None:
    x = 0
    done = chan(bool)
    x = 1

    def show() -> None:
        print(x)
        done.send(True)

    go(show)
    done.recv()


if __name__ == "__main__":
    goconc.run(main)
