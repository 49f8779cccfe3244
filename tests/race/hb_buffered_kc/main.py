"""Happens-before: the k-th receive before the (k+C)-th send completes (a semaphore)."""

import goconc
from goconc import chan, go, runtime, sync


def main() -> None:
    sem = chan(None, 1)
    n = 0
    wg = sync.WaitGroup()

    def worker() -> None:
        nonlocal n
        sem.send(None)
        n += 1
        runtime.gosched()
        sem.recv()
        wg.done()

    for _ in range(3):
        wg.add(1)
        go(worker)
    wg.wait()
    print(n)


if __name__ == "__main__":
    goconc.run(main)
