"""The lesson's first goroutine: go(say, "hello"), then a crude sleep."""

import goconc
from goconc import go, time


def say(msg: str) -> None:
    print(msg)


def main() -> None:
    go(say, "hello")  # runs concurrently
    say("world")
    time.sleep(time.Millisecond)  # crude wait; we'll do better


if __name__ == "__main__":
    goconc.run(main)
