"""Chapter 1's first pair: a goroutine sends, main receives."""

import goconc
from goconc import chan, go


def main() -> None:
    messages = chan(str)

    go(lambda: messages.send("ping"))

    msg = messages.recv()
    print(msg)


if __name__ == "__main__":
    goconc.run(main)
