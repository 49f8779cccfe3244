"""time.sleep used as synchronization: it orders nothing, so this races."""

import goconc
from goconc import go, time


def main() -> None:
    x = 0

    def setter() -> None:
        nonlocal x
        x = 1

    go(setter)
    time.sleep(10 * time.Millisecond)
    print(x)


if __name__ == "__main__":
    goconc.run(main)
