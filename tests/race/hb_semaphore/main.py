"""Happens-before: semaphore.Weighted of size 1 used as a lock."""

import goconc
from goconc import context, go, runtime, semaphore, sync


def main() -> None:
    sem = semaphore.Weighted(1)
    ctx = context.background()
    total = 0
    wg = sync.WaitGroup()

    def add(i: int) -> None:
        nonlocal total
        sem.acquire(ctx, 1)
        total += i
        runtime.gosched()
        sem.release(1)
        wg.done()

    for i in range(1, 4):
        wg.add(1)
        go(add, i)
    wg.wait()
    print(total)


if __name__ == "__main__":
    goconc.run(main)
