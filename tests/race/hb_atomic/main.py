"""Happens-before: an atomic store before the atomic load that sees it."""

import goconc
from goconc import atomic, go, runtime


def main() -> None:
    ready = atomic.Bool()
    x = 0

    def worker() -> None:
        nonlocal x
        x = 1
        ready.store(True)

    go(worker)
    while not ready.load():
        runtime.gosched()
    print(x)


if __name__ == "__main__":
    goconc.run(main)
