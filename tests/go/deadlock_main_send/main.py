"""main sends on an unbuffered channel that nobody receives from: a deadlock."""

import goconc
from goconc import chan


def main() -> None:
    ch = chan(int)
    print("sending with no receiver")
    ch.send(42)
    print("never")


if __name__ == "__main__":
    goconc.run(main)
