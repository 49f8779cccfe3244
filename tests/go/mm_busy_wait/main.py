"""Busy-waiting on a plain flag, from the memory model's "Incorrect
synchronization": nothing promises that main ever sees done, or a."""

import goconc
from goconc import go, runtime

a = ""
done = False


def setup() -> None:
    global a, done
    a = "hello, world"
    done = True


def main() -> None:
    go(setup)
    while not done:  # a racy read, again and again
        runtime.gosched()
    print(a)


if __name__ == "__main__":
    goconc.run(main)
