"""semaphore.Weighted: acquire honours ctx, a done ctx wins, waiters are FIFO so a
large request is not starved."""

from gofmt import show

import goconc
from goconc import chan, context, go, semaphore, time


def acquire(sem: semaphore.Weighted, ctx: context.Context, n: int) -> BaseException | None:
    """Go's ``err := sem.Acquire(ctx, n)``: the raised ctx error, or None."""
    try:
        sem.acquire(ctx, n)
    except (context.Canceled, context.DeadlineExceeded) as err:
        return err
    return None


def main() -> None:
    bg = context.background()
    sem = semaphore.Weighted(3)
    print("TryAcquire(2), TryAcquire(2):", show(sem.try_acquire(2)), show(sem.try_acquire(2)))

    with context.with_timeout(bg, 10 * time.Millisecond) as ctx:
        print("Acquire(2) with a timeout:", show(acquire(sem, ctx, 2)))

    with context.with_timeout(bg, 10 * time.Millisecond) as big:
        print("Acquire(4) beyond the size:", show(acquire(sem, big, 4)))

    done, cancel_done = context.with_cancel(bg)
    cancel_done()
    print("a done ctx wins even though 1 is free:", show(acquire(sem, done, 1)))

    order = chan(str, 2)

    def take(n: int, name: str) -> None:
        sem.acquire(bg, n)
        order.send(name)
        sem.release(n)

    go(take, 3, "big")
    time.sleep(20 * time.Millisecond)
    go(take, 1, "small")
    time.sleep(20 * time.Millisecond)
    print("TryAcquire(1) while a big request waits:", show(sem.try_acquire(1)))
    sem.release(2)
    print("served:", order.recv(), order.recv())

    try:
        sem.release(1)
    except goconc.Panic as r:
        print("recovered:", r)


if __name__ == "__main__":
    goconc.run(main)
