"""Closing a nil channel (None) panics."""

import goconc
from goconc import Chan, close


def main() -> None:
    ch: Chan[int] | None = None
    print("closing a nil channel")
    close(ch)  # Go's built-in close; ch.close() would be an AttributeError on None
    print("never")


if __name__ == "__main__":
    goconc.run(main)
