"""semaphore.Weighted: a weighted semaphore that honours ctx."""

import goconc
from goconc import chan, context, go, recv, select, semaphore, time


def gobool(b: bool) -> str:
    return "true" if b else "false"


def main() -> None:
    bg = context.background()
    sem = semaphore.Weighted(3)
    print("TryAcquire(2):", gobool(sem.try_acquire(2)))
    print("TryAcquire(2) with 1 left:", gobool(sem.try_acquire(2)))
    print("TryAcquire(1):", gobool(sem.try_acquire(1)))

    # A blocked acquire gives up when its context is done.
    ctx, cancel = context.with_timeout(bg, 20 * time.Millisecond)
    try:
        sem.acquire(ctx, 1)
        print("Acquire with a timeout: <nil>")
    except Exception as err:
        print("Acquire with a timeout:", err)
    cancel()

    # release wakes waiters in FIFO order.
    got = chan(str)

    def waiter(n: int, msg: str) -> None:
        sem.acquire(bg, n)
        got.send(msg)

    go(waiter, 2, "big waiter acquired 2")
    time.sleep(10 * time.Millisecond)
    go(waiter, 1, "small waiter acquired 1")
    time.sleep(10 * time.Millisecond)
    sem.release(1)
    # 1 is free, but the small waiter queues behind the big one.
    match select(recv(got), recv(time.after(20 * time.Millisecond))):
        case 0, m:
            print("too early:", m)
        case 1, _:
            print("1 free: the small waiter stays behind the big one")
    sem.release(2)  # now both fit: they wake together
    for m in sorted([got.recv(), got.recv()]):
        print(m)

    # Limit concurrency to 2 workers out of 6.
    limit = semaphore.Weighted(2)
    results = chan(int, 6)

    def square(i: int) -> None:
        try:
            results.send(i * i)
        finally:
            limit.release(1)

    for i in range(6):
        limit.acquire(bg, 1)
        go(square, i)
    limit.acquire(bg, 2)  # waits for all workers
    results.close()
    print("sum of squares:", sum(results))

    try:
        limit.release(3)
    except goconc.Panic as r:
        print("recovered:", r)


if __name__ == "__main__":
    goconc.run(main)
