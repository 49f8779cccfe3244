"""The workloads on asyncio (asyncio.Queue as the channel); ``uvloop`` runs the same code.

asyncio has no unbuffered queue: ``asyncio.Queue(1)`` is the nearest (a send
completes once the value is queued, not once it is received). A closed channel
becomes a ``None`` sentinel per consumer, since asyncio.Queue has no close
before Python 3.13.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from typing import Any

from bench.impl._util import counting, now_ns, per, rss_kib, settle
from bench.workloads import W3B_SMALL, W9_FANOUT

Result = dict[str, Any]


async def w1(n: int) -> Result:
    ping: asyncio.Queue[int | None] = asyncio.Queue(1)
    pong: asyncio.Queue[int] = asyncio.Queue(1)

    async def echo() -> None:
        while (v := await ping.get()) is not None:
            await pong.put(v)

    task = asyncio.create_task(echo())
    t0 = now_ns()
    for i in range(n):
        await ping.put(i)
        await pong.get()
    elapsed = now_ns() - t0
    await ping.put(None)
    await task
    return {"ns_per_handoff": per(elapsed, 2 * n)}


async def w2(n: int) -> Result:
    q: asyncio.Queue[int | None] = asyncio.Queue(128)

    async def produce() -> None:
        for i in range(n):
            await q.put(i)
        await q.put(None)

    t0 = now_ns()
    task = asyncio.create_task(produce())
    while await q.get() is not None:
        pass
    elapsed = now_ns() - t0
    await task
    return {"ns_per_item": per(elapsed, n)}


async def w3(n: int) -> Result:
    # Join like a WaitGroup: a counter, and one Future set by the last task.
    left = n
    done = asyncio.get_running_loop().create_future()

    async def work() -> None:
        nonlocal left
        left -= 1
        if left == 0:
            done.set_result(None)

    t0 = now_ns()
    tasks = [asyncio.create_task(work()) for _ in range(n)]
    await done
    elapsed = now_ns() - t0
    del tasks
    return {"us_per_goroutine": per(elapsed, n, 1e3)}


async def _park_and_release(n: int, measure: bool) -> tuple[float, int]:
    # asyncio's nearest to "blocked on a receive": a task awaiting a Future;
    # setting the Future releases them all, like closing a channel.
    loop = asyncio.get_running_loop()
    gate = loop.create_future()
    ready, done = loop.create_future(), loop.create_future()
    started = 0
    left = n

    async def waiter() -> None:
        nonlocal started, left
        started += 1
        if started == n:
            ready.set_result(None)
        await gate
        left -= 1
        if left == 0:
            done.set_result(None)

    settle()
    before = rss_kib()
    tasks = [asyncio.create_task(waiter()) for _ in range(n)]
    await ready
    kib = (rss_kib() - before) / n if measure else 0.0
    with counting(measure):
        t0 = now_ns()
        gate.set_result(None)
        await done
        elapsed = now_ns() - t0
    del tasks
    return kib, elapsed


async def w3b(n: int) -> Result:
    kib, rel = await _park_and_release(n, True)
    _, rel_small = await _park_and_release(W3B_SMALL, False)
    return {"kib_per_blocked": kib, "release_us": per(rel, n, 1e3),
            "release_1k_us": per(rel_small, W3B_SMALL, 1e3)}


async def w4(n: int, workers: int = 10) -> Result:
    jobs: asyncio.Queue[int | None] = asyncio.Queue(1)
    results: asyncio.Queue[int] = asyncio.Queue(100)

    async def worker() -> None:
        while (j := await jobs.get()) is not None:
            await results.put(j * 2)

    async def produce() -> None:
        for i in range(n):
            await jobs.put(i)
        for _ in range(workers):
            await jobs.put(None)

    t0 = now_ns()
    tasks = [asyncio.create_task(worker()) for _ in range(workers)]
    tasks.append(asyncio.create_task(produce()))
    total = 0
    for _ in range(n):
        total += await results.get()
    elapsed = now_ns() - t0
    await asyncio.gather(*tasks)
    return {"ns_per_item": per(elapsed, n)}


async def w5(n: int) -> Result:
    # asyncio has no select. The nearest honest equivalent: keep one pending
    # get() task per queue and asyncio.wait(FIRST_COMPLETED) on both; the
    # task that lost the race stays armed for the next round, so no value is
    # lost (cancelling the loser would be cheaper but can drop a value).
    a: asyncio.Queue[int] = asyncio.Queue(1)
    b: asyncio.Queue[int] = asyncio.Queue(1)

    async def produce() -> None:
        for i in range(n):
            await (a if i % 2 == 0 else b).put(i)

    t0 = now_ns()
    prod = asyncio.create_task(produce())
    pending = {asyncio.create_task(a.get()): a, asyncio.create_task(b.get()): b}
    total = 0
    for _ in range(n):
        done, _ = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        t = next(iter(done))
        total += t.result()
        q = pending.pop(t)
        pending[asyncio.create_task(q.get())] = q
    elapsed = now_ns() - t0
    for t in pending:
        t.cancel()
    await prod
    return {"ns_per_select": per(elapsed, n)}


async def w5a(n: int) -> Result:
    # The polled stand-in for a select with a ready case: look at the two
    # queues in a random order (Go's select picks at random) and take from the
    # first that holds a value.
    a: asyncio.Queue[int] = asyncio.Queue(1)
    b: asyncio.Queue[int] = asyncio.Queue(1)
    rnd = random.random
    total = 0
    t0 = now_ns()
    for i in range(n):
        (a if i % 2 == 0 else b).put_nowait(i)
        first, second = (a, b) if rnd() < 0.5 else (b, a)
        total += first.get_nowait() if first.qsize() else second.get_nowait()
    return {"ns_per_select": per(now_ns() - t0, n)}


async def w5b(n: int) -> Result:
    # W5's pending get() tasks and asyncio.wait(FIRST_COMPLETED); the producer
    # sends only after an ack, so every wait blocks first.
    a: asyncio.Queue[int] = asyncio.Queue(1)
    b: asyncio.Queue[int] = asyncio.Queue(1)
    ack: asyncio.Queue[int] = asyncio.Queue(1)

    async def produce() -> None:
        for i in range(n):
            await (a if i % 2 == 0 else b).put(i)
            await ack.get()

    prod = asyncio.create_task(produce())
    pending = {asyncio.create_task(a.get()): a, asyncio.create_task(b.get()): b}
    total = 0
    t0 = now_ns()
    for _ in range(n):
        done, _ = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        t = next(iter(done))
        total += t.result()
        q = pending.pop(t)
        pending[asyncio.create_task(q.get())] = q
        await ack.put(0)
    elapsed = now_ns() - t0
    for t in pending:
        t.cancel()
    await prod
    return {"ns_per_select": per(elapsed, n)}


async def w6(n: int) -> Result:
    lock = asyncio.Lock()
    x = 0
    t0 = now_ns()
    for i in range(n):
        await lock.acquire()
        x += i
        lock.release()
    return {"ns_per_lock": per(now_ns() - t0, n)}


async def w7(n: int, workers: int = 4) -> Result:
    # Each holder yields inside the critical section so the others queue on the lock.
    lock = asyncio.Lock()
    x = 0
    each = n // workers

    async def contend() -> None:
        nonlocal x
        for _ in range(each):
            async with lock:
                x += 1
                await asyncio.sleep(0)

    t0 = now_ns()
    await asyncio.gather(*(contend() for _ in range(workers)))
    return {"ns_per_lock": per(now_ns() - t0, each * workers)}


async def w8(n: int) -> Result:
    # WaitGroup.go's nearest in asyncio: a TaskGroup.
    x = 0

    async def work() -> None:
        nonlocal x
        x += 1

    t0 = now_ns()
    async with asyncio.TaskGroup() as tg:
        for _ in range(n):
            tg.create_task(work())
    return {"us_per_goroutine": per(now_ns() - t0, n, 1e3)}


async def w9(n: int) -> Result:
    # A context tree's nearest in asyncio: a tree of tasks, each inner task a
    # TaskGroup of W9_FANOUT children, each leaf awaiting a Future. Cancelling
    # the root task cancels the tree; we time until the root has finished.
    loop = asyncio.get_running_loop()
    depth = tree_depth(n)
    leaves = W9_FANOUT**depth
    started = 0
    ready = loop.create_future()
    forever = loop.create_future()

    async def node(d: int) -> None:
        nonlocal started
        if d == 0:
            started += 1
            if started == leaves:
                ready.set_result(None)
            await forever
            return
        async with asyncio.TaskGroup() as tg:
            for _ in range(W9_FANOUT):
                tg.create_task(node(d - 1))

    t0 = now_ns()
    root = asyncio.create_task(node(depth))
    await ready
    built = now_ns() - t0
    count = sum(W9_FANOUT**k for k in range(1, depth + 1))
    t1 = now_ns()
    root.cancel()
    try:
        await root
    except asyncio.CancelledError:
        pass
    cancelled = now_ns() - t1
    return {"build_ns_per_ctx": per(built, count), "cancel_ns_per_ctx": per(cancelled, count),
            "contexts": count}


def tree_depth(n: int) -> int:
    """Smallest depth whose W9_FANOUT**depth leaves reach n."""
    depth, leaves = 0, 1
    while leaves < n:
        depth, leaves = depth + 1, leaves * W9_FANOUT
    return depth


_ASYNC: dict[str, Callable[[int], Awaitable[Result]]] = {
    "W1": w1, "W2": w2, "W3": w3, "W3b": w3b, "W4": w4, "W5": w5,
    "W5a": w5a, "W5b": w5b, "W6": w6, "W7": w7, "W8": w8, "W9": w9,
}


def _runner(use_uvloop: bool) -> dict[str, Callable[[int], Result]]:
    def make(fn: Callable[[int], Awaitable[Result]]) -> Callable[[int], Result]:
        def run(n: int) -> Result:
            factory = None
            if use_uvloop:
                import uvloop

                factory = uvloop.new_event_loop
            with asyncio.Runner(loop_factory=factory) as runner:
                return runner.run(fn(n))

        return run

    return {k: make(f) for k, f in _ASYNC.items()}


WORKLOADS = _runner(False)
UVLOOP_WORKLOADS = _runner(True)
