"""Without the sleep, main returns first and the program ends: "hello" is never printed."""

import goconc
from goconc import go


def say(msg: str) -> None:
    print(msg)


def main() -> None:
    go(say, "hello")
    say("world")
    # main returns: the program exits without waiting for other goroutines.


if __name__ == "__main__":
    goconc.run(main)
