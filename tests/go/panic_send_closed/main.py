"""A send on a closed channel panics."""

import goconc
from goconc import chan


def main() -> None:
    ch = chan(int, 1)
    ch.close()
    print("sending on a closed channel")
    ch.send(1)
    print("never")


if __name__ == "__main__":
    goconc.run(main)
