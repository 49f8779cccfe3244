"""chan(T, n) with a negative n panics."""

import goconc
from goconc import chan


def main() -> None:
    n = -1
    print("making a channel of size", n)
    ch = chan(int, n)
    print("never", ch)


if __name__ == "__main__":
    goconc.run(main)
