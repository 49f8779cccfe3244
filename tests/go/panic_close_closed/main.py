"""Closing a closed channel panics."""

import goconc
from goconc import chan


def main() -> None:
    ch = chan(int)
    ch.close()
    print("closing it again")
    ch.close()
    print("never")


if __name__ == "__main__":
    goconc.run(main)
