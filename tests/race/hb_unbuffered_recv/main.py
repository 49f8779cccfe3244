"""Happens-before: a receive from an unbuffered channel before the send completes."""

import goconc
from goconc import chan, go


def main() -> None:
    x = 0
    c = chan(int)
    done = chan(bool, 1)

    def worker() -> None:
        nonlocal x
        x = 1
        c.recv()
        done.send(True)

    go(worker)
    c.send(0)
    print(x)
    done.recv()


if __name__ == "__main__":
    goconc.run(main)
