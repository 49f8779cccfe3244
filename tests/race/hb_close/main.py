"""Happens-before: close before a receive that returns because of it."""

import goconc
from goconc import chan, go


def main() -> None:
    x = 0
    done = chan()

    def worker() -> None:
        nonlocal x
        x = 1
        done.close()

    go(worker)
    done.recv()
    print(x)


if __name__ == "__main__":
    goconc.run(main)
