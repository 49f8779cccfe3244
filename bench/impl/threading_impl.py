"""The workloads on OS threads and ``queue.Queue`` (run at smaller n; see ``Workload.divisor``).

``queue.Queue`` has no unbuffered mode and no close before Python 3.13:
``Queue(1)`` is the nearest unbuffered channel and a ``None`` sentinel per
consumer plays close.
"""

from __future__ import annotations

import queue
import random
import threading
import time
from collections.abc import Callable
from typing import Any

from bench.impl._util import now_ns, per, rss_kib, settle
from bench.impl.asyncio_impl import tree_depth
from bench.workloads import W3B_SMALL, W9_FANOUT

Result = dict[str, Any]


def _start(fn: Callable[..., Any], *args: Any) -> threading.Thread:
    t = threading.Thread(target=fn, args=args, daemon=True)
    t.start()
    return t


def w1(n: int) -> Result:
    ping: queue.Queue[int | None] = queue.Queue(1)
    pong: queue.Queue[int] = queue.Queue(1)

    def echo() -> None:
        while (v := ping.get()) is not None:
            pong.put(v)

    t = _start(echo)
    t0 = now_ns()
    for i in range(n):
        ping.put(i)
        pong.get()
    elapsed = now_ns() - t0
    ping.put(None)
    t.join()
    return {"ns_per_handoff": per(elapsed, 2 * n)}


def w2(n: int) -> Result:
    q: queue.Queue[int | None] = queue.Queue(128)

    def produce() -> None:
        for i in range(n):
            q.put(i)
        q.put(None)

    t0 = now_ns()
    t = _start(produce)
    while q.get() is not None:
        pass
    elapsed = now_ns() - t0
    t.join()
    return {"ns_per_item": per(elapsed, n)}


def w3(n: int) -> Result:
    # Join like a WaitGroup: a counter under a lock, and an Event set by the last thread.
    left = n
    mu = threading.Lock()
    done = threading.Event()

    def work() -> None:
        nonlocal left
        with mu:
            left -= 1
            last = left == 0
        if last:
            done.set()

    t0 = now_ns()
    for _ in range(n):
        _start(work)
    done.wait()
    return {"us_per_goroutine": per(now_ns() - t0, n, 1e3)}


def _park_and_release(n: int, measure: bool) -> tuple[float, int]:
    q: queue.Queue[None] = queue.Queue()
    mu = threading.Lock()
    ready, done = threading.Event(), threading.Event()
    started = 0
    left = n

    def waiter() -> None:
        nonlocal started, left
        with mu:
            started += 1
            if started == n:
                ready.set()
        q.get()
        with mu:
            left -= 1
            if left == 0:
                done.set()

    settle()
    before = rss_kib()
    threads = [_start(waiter) for _ in range(n)]
    ready.wait()
    time.sleep(0.05)  # let the last one reach its get()
    kib = (rss_kib() - before) / n if measure else 0.0
    t0 = now_ns()
    for _ in range(n):  # no close: one sentinel per waiter
        q.put(None)
    done.wait()
    elapsed = now_ns() - t0
    for t in threads:
        t.join()
    return kib, elapsed


def w3b(n: int) -> Result:
    kib, rel = _park_and_release(n, True)
    small = min(n, W3B_SMALL)
    _, rel_small = _park_and_release(small, False)
    return {"kib_per_blocked": kib, "release_us": per(rel, n, 1e3),
            "release_1k_us": per(rel_small, small, 1e3)}


def w4(n: int, workers: int = 10) -> Result:
    jobs: queue.Queue[int | None] = queue.Queue(1)
    results: queue.Queue[int] = queue.Queue(100)

    def worker() -> None:
        while (j := jobs.get()) is not None:
            results.put(j * 2)

    def produce() -> None:
        for i in range(n):
            jobs.put(i)
        for _ in range(workers):
            jobs.put(None)

    t0 = now_ns()
    ts = [_start(worker) for _ in range(workers)]
    ts.append(_start(produce))
    total = 0
    for _ in range(n):
        total += results.get()
    elapsed = now_ns() - t0
    for t in ts:
        t.join()
    return {"ns_per_item": per(elapsed, n)}


def w5(n: int) -> Result:
    # queue.Queue has no select and threading has no wait-for-any: the usual
    # substitute is one forwarder thread per source queue feeding a merged
    # queue of (index, value), which the consumer reads.
    a: queue.Queue[int | None] = queue.Queue(1)
    b: queue.Queue[int | None] = queue.Queue(1)
    merged: queue.Queue[tuple[int, int]] = queue.Queue(1)

    def forward(idx: int, src: queue.Queue[int | None]) -> None:
        while (v := src.get()) is not None:
            merged.put((idx, v))

    def produce() -> None:
        for i in range(n):
            (a if i % 2 == 0 else b).put(i)
        a.put(None)
        b.put(None)

    t0 = now_ns()
    ts = [_start(forward, 0, a), _start(forward, 1, b), _start(produce)]
    total = 0
    for _ in range(n):
        total += merged.get()[1]
    elapsed = now_ns() - t0
    for t in ts:
        t.join()
    return {"ns_per_select": per(elapsed, n)}


def w5a(n: int) -> Result:
    # The polled stand-in for a select with a ready case: look at the two
    # queues in a random order (Go's select picks at random) and take from the
    # first that holds a value. One thread: no switch, only the queues' locks.
    a: queue.Queue[int] = queue.Queue(1)
    b: queue.Queue[int] = queue.Queue(1)
    rnd = random.random
    total = 0
    t0 = now_ns()
    for i in range(n):
        (a if i % 2 == 0 else b).put_nowait(i)
        first, second = (a, b) if rnd() < 0.5 else (b, a)
        total += first.get_nowait() if first.qsize() else second.get_nowait()
    return {"ns_per_select": per(now_ns() - t0, n)}


def w5b(n: int) -> Result:
    # W5's forwarder threads and merged queue; the producer sends only after
    # an ack, so every wait blocks first.
    a: queue.Queue[int | None] = queue.Queue(1)
    b: queue.Queue[int | None] = queue.Queue(1)
    ack: queue.Queue[int] = queue.Queue(1)
    merged: queue.Queue[tuple[int, int]] = queue.Queue(1)

    def forward(idx: int, src: queue.Queue[int | None]) -> None:
        while (v := src.get()) is not None:
            merged.put((idx, v))

    def produce() -> None:
        for i in range(n):
            (a if i % 2 == 0 else b).put(i)
            ack.get()
        a.put(None)
        b.put(None)

    ts = [_start(forward, 0, a), _start(forward, 1, b), _start(produce)]
    total = 0
    t0 = now_ns()
    for _ in range(n):
        total += merged.get()[1]
        ack.put(0)
    elapsed = now_ns() - t0
    for t in ts:
        t.join()
    return {"ns_per_select": per(elapsed, n)}


def w6(n: int) -> Result:
    lock = threading.Lock()
    x = 0
    t0 = now_ns()
    for i in range(n):
        lock.acquire()
        x += i
        lock.release()
    return {"ns_per_lock": per(now_ns() - t0, n)}


def w7(n: int, workers: int = 4) -> Result:
    # Each holder yields (time.sleep(0) drops the GIL) inside the critical
    # section, so the other threads really contend for the lock.
    lock = threading.Lock()
    x = 0
    each = n // workers

    def contend() -> None:
        nonlocal x
        for _ in range(each):
            with lock:
                x += 1
                time.sleep(0)

    t0 = now_ns()
    ts = [_start(contend) for _ in range(workers)]
    for t in ts:
        t.join()
    return {"ns_per_lock": per(now_ns() - t0, each * workers)}


def w8(n: int) -> Result:
    # WaitGroup.go's nearest with threads: start them all, then join each.
    x = 0

    def work() -> None:
        nonlocal x
        x += 1

    t0 = now_ns()
    ts = [_start(work) for _ in range(n)]
    for t in ts:
        t.join()
    return {"us_per_goroutine": per(now_ns() - t0, n, 1e3)}


class _Node:
    """A hand-rolled cancellation node: a threading.Event and its children."""

    __slots__ = ("children", "event")

    def __init__(self) -> None:
        self.event = threading.Event()
        self.children: list[_Node] = []

    def cancel(self) -> None:
        self.event.set()
        for c in self.children:
            c.cancel()


def w9(n: int) -> Result:
    # A tree of Events cancelled recursively. No thread waits on the leaves
    # (10,000 threads would measure thread wake-ups, not the tree), so this is
    # a lower bound: the cost of setting the tree's Events.
    depth = tree_depth(n)
    t0 = now_ns()
    root = _Node()
    level = [root]
    count = 0
    for _ in range(depth):
        nxt = []
        for p in level:
            for _ in range(W9_FANOUT):
                c = _Node()
                p.children.append(c)
                nxt.append(c)
        count += len(nxt)
        level = nxt
    built = now_ns() - t0
    t1 = now_ns()
    root.cancel()
    cancelled = now_ns() - t1
    return {"build_ns_per_ctx": per(built, count), "cancel_ns_per_ctx": per(cancelled, count),
            "contexts": count}


WORKLOADS: dict[str, Callable[[int], Result]] = {
    "W1": w1, "W2": w2, "W3": w3, "W3b": w3b, "W4": w4, "W5": w5,
    "W5a": w5a, "W5b": w5b, "W6": w6, "W7": w7, "W8": w8, "W9": w9,
}
