"""len reads a list's length while append writes it: a race."""

import goconc
from goconc import go, sync


def main() -> None:
    s = [0] * 3
    wg = sync.WaitGroup()

    def grow() -> None:
        s.append(1)
        wg.done()

    wg.add(1)
    go(grow)
    n = len(s)
    wg.wait()
    print(n)


if __name__ == "__main__":
    goconc.run(main)
