"""Happens-before: a send before the receive that takes its value completes."""

import goconc
from goconc import chan, go


def main() -> None:
    x = 0
    c = chan(int, 1)

    def worker() -> None:
        nonlocal x
        x = 1
        c.send(0)

    go(worker)
    c.recv()
    print(x)


if __name__ == "__main__":
    goconc.run(main)
