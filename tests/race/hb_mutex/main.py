"""Happens-before: unlock before the next lock."""

import goconc
from goconc import go, sync


def main() -> None:
    mu = sync.Mutex()
    wg = sync.WaitGroup()
    total = 0

    def add(i: int) -> None:
        nonlocal total
        mu.lock()
        total += i
        mu.unlock()
        wg.done()

    for i in range(1, 4):
        wg.add(1)
        go(add, i)
    wg.wait()
    print(total)


if __name__ == "__main__":
    goconc.run(main)
