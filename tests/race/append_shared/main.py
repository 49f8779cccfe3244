"""Goroutines append to one list: append reads and writes the list itself."""

import goconc
from goconc import go, sync


def main() -> None:
    results: list[int] = []
    wg = sync.WaitGroup()

    def add(i: int) -> None:
        results.append(i)
        wg.done()

    for i in range(3):
        wg.add(1)
        go(add, i)
    wg.wait()
    print(len(results))


if __name__ == "__main__":
    goconc.run(main)
