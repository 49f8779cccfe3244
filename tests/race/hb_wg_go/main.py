"""Happens-before: the end of a wg.go function before wait returns."""

import goconc
from goconc import sync


def main() -> None:
    wg = sync.WaitGroup()
    x = 0

    def work() -> None:
        nonlocal x
        x = 7

    wg.go(work)
    wg.wait()
    print(x)


if __name__ == "__main__":
    goconc.run(main)
