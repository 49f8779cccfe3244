"""len reads a list's length; a write of one item does not touch it: no race."""

import goconc
from goconc import go, sync


def main() -> None:
    s = [0] * 3
    wg = sync.WaitGroup()

    def write() -> None:
        s[0] = 1
        wg.done()

    wg.add(1)
    go(write)
    n = len(s)
    wg.wait()
    print(n)


if __name__ == "__main__":
    goconc.run(main)
