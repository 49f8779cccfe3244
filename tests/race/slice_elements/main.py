"""Goroutines writing different items of one list: no race."""

import goconc
from goconc import go, sync


def main() -> None:
    results = [0] * 4
    wg = sync.WaitGroup()

    def square(i: int) -> None:
        results[i] = i * i
        wg.done()

    for i in range(4):
        wg.add(1)
        go(square, i)
    wg.wait()
    print("[" + " ".join(map(str, results)) + "]")


if __name__ == "__main__":
    goconc.run(main)
