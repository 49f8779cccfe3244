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
    runtime.gosched()  # let setup run first, so that the loop below ends
    while not done:  # a racy read: no edge orders it after setup's write
        pass
    print(a)


if __name__ == "__main__":
    goconc.run(main)
