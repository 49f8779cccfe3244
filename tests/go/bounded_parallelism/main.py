"""Bounded parallelism three ways: errgroup.set_limit, a buffered channel as a
semaphore, and semaphore.Weighted. Six 200ms tasks, at most two at a time."""

from datetime import datetime

import goconc
from goconc import atomic, chan, context, errgroup, go, semaphore, sync, time


class Meter:
    """Counts the tasks running now and the most that ever ran at once."""

    def __init__(self) -> None:
        self.now = atomic.Int64()
        self.max = atomic.Int64()

    def task(self) -> None:
        n = self.now.add(1)
        while True:
            old = self.max.load()
            if n <= old or self.max.compare_and_swap(old, n):
                break
        time.sleep(200 * time.Millisecond)
        self.now.add(-1)


def report(how: str, m: Meter, start: datetime) -> None:
    print(how + ": at most", m.max.load(), "at once, took",
          time.since(start).round(100 * time.Millisecond))


def main() -> None:
    tasks, limit = 6, 2

    # errgroup.set_limit: go blocks until a slot is free.
    m1 = Meter()
    start = time.now()
    g = errgroup.Group()
    g.set_limit(limit)
    for _ in range(tasks):
        g.go(m1.task)
    g.wait()
    report("errgroup.SetLimit", m1, start)

    # A buffered channel as a semaphore: a send takes a slot, a receive frees it.
    m2 = Meter()
    start = time.now()
    sem = chan(None, limit)
    wg = sync.WaitGroup()

    def limited_task() -> None:
        try:
            m2.task()
        finally:
            sem.recv()
            wg.done()

    for _ in range(tasks):
        sem.send(None)  # blocks while limit tasks are running
        wg.add(1)
        go(limited_task)
    wg.wait()
    report("buffered channel", m2, start)

    # semaphore.Weighted: acquire(ctx, 1) takes a slot; acquire(ctx, limit) waits for all.
    m3 = Meter()
    start = time.now()
    ctx = context.background()
    w = semaphore.Weighted(limit)

    def weighted_task() -> None:
        try:
            m3.task()
        finally:
            w.release(1)

    for _ in range(tasks):
        w.acquire(ctx, 1)
        go(weighted_task)
    w.acquire(ctx, limit)
    report("semaphore.Weighted", m3, start)


if __name__ == "__main__":
    goconc.run(main)
