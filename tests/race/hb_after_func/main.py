"""Happens-before: time.after_func's call before f runs in its own goroutine."""

import goconc
from goconc import chan, time


def main() -> None:
    msg = ""
    done = chan(bool)
    msg = "hello"

    def f() -> None:
        print(msg)
        done.send(True)

    time.after_func(time.Millisecond, f)
    done.recv()


if __name__ == "__main__":
    goconc.run(main)
