"""main waits on a channel that nobody will ever send on: a deadlock."""

import goconc
from goconc import chan


def main() -> None:
    ch = chan(int)
    print("waiting for a value that never comes")
    print(ch.recv())


if __name__ == "__main__":
    goconc.run(main)
