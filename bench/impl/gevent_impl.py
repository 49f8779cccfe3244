"""The workloads on gevent: ``gevent.queue.Channel`` for unbuffered channels, else ``Queue``.

gevent's queues have no close; a ``None`` sentinel per consumer plays that
part, except in W3b, where ``Queue.shutdown()`` (gevent's close, which wakes
every blocked getter) is the honest equivalent.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import gevent
import gevent.event
import gevent.lock
import gevent.pool
import gevent.queue

from bench.impl._util import counting, now_ns, per, rss_kib, settle
from bench.impl.asyncio_impl import tree_depth
from bench.workloads import W3B_SMALL, W9_FANOUT

Result = dict[str, Any]


def w1(n: int) -> Result:
    ping: gevent.queue.Channel = gevent.queue.Channel()
    pong: gevent.queue.Channel = gevent.queue.Channel()

    def echo() -> None:
        while (v := ping.get()) is not None:
            pong.put(v)

    g = gevent.spawn(echo)
    t0 = now_ns()
    for i in range(n):
        ping.put(i)
        pong.get()
    elapsed = now_ns() - t0
    ping.put(None)
    g.join()
    return {"ns_per_handoff": per(elapsed, 2 * n)}


def w2(n: int) -> Result:
    q: gevent.queue.Queue = gevent.queue.Queue(128)

    def produce() -> None:
        for i in range(n):
            q.put(i)
        q.put(None)

    t0 = now_ns()
    g = gevent.spawn(produce)
    while q.get() is not None:
        pass
    elapsed = now_ns() - t0
    g.join()
    return {"ns_per_item": per(elapsed, n)}


def w3(n: int) -> Result:
    # Join like a WaitGroup: a counter, and one Event set by the last greenlet.
    left = n
    done = gevent.event.Event()

    def work() -> None:
        nonlocal left
        left -= 1
        if left == 0:
            done.set()

    t0 = now_ns()
    for _ in range(n):
        gevent.spawn(work)
    done.wait()
    return {"us_per_goroutine": per(now_ns() - t0, n, 1e3)}


def _park_and_release(n: int, measure: bool) -> tuple[float, int]:
    q: gevent.queue.Queue = gevent.queue.Queue()
    ready, done = gevent.event.Event(), gevent.event.Event()
    started = 0
    left = n

    def waiter() -> None:
        nonlocal started, left
        started += 1
        if started == n:
            ready.set()
        try:
            q.get()
        except gevent.queue.ShutDown:
            pass
        left -= 1
        if left == 0:
            done.set()

    settle()
    before = rss_kib()
    greenlets = [gevent.spawn(waiter) for _ in range(n)]
    ready.wait()
    gevent.sleep(0)  # let the last one reach its get()
    kib = (rss_kib() - before) / n if measure else 0.0
    with counting(measure):
        t0 = now_ns()
        q.shutdown()
        done.wait()
        elapsed = now_ns() - t0
    del greenlets
    return kib, elapsed


def w3b(n: int) -> Result:
    kib, rel = _park_and_release(n, True)
    _, rel_small = _park_and_release(W3B_SMALL, False)
    return {"kib_per_blocked": kib, "release_us": per(rel, n, 1e3),
            "release_1k_us": per(rel_small, W3B_SMALL, 1e3)}


def w4(n: int, workers: int = 10) -> Result:
    jobs: gevent.queue.Channel = gevent.queue.Channel()
    results: gevent.queue.Queue = gevent.queue.Queue(100)

    def worker() -> None:
        while (j := jobs.get()) is not None:
            results.put(j * 2)

    def produce() -> None:
        for i in range(n):
            jobs.put(i)
        for _ in range(workers):
            jobs.put(None)

    t0 = now_ns()
    gs = [gevent.spawn(worker) for _ in range(workers)]
    gs.append(gevent.spawn(produce))
    total = 0
    for _ in range(n):
        total += results.get()
    elapsed = now_ns() - t0
    gevent.joinall(gs)
    return {"ns_per_item": per(elapsed, n)}


def w5(n: int) -> Result:
    # gevent has no select over queues (gevent.select is for file descriptors).
    # The nearest honest equivalent, as for asyncio: one pending getter
    # greenlet per channel and gevent.wait(count=1) on both; the loser stays
    # armed for the next round, so no value is lost.
    a: gevent.queue.Channel = gevent.queue.Channel()
    b: gevent.queue.Channel = gevent.queue.Channel()

    def produce() -> None:
        for i in range(n):
            (a if i % 2 == 0 else b).put(i)

    t0 = now_ns()
    prod = gevent.spawn(produce)
    pending = {gevent.spawn(a.get): a, gevent.spawn(b.get): b}
    total = 0
    for _ in range(n):
        g = gevent.wait(list(pending), count=1)[0]
        total += g.value
        q = pending.pop(g)
        pending[gevent.spawn(q.get)] = q
    elapsed = now_ns() - t0
    gevent.killall(list(pending))
    prod.join()
    return {"ns_per_select": per(elapsed, n)}


def w5a(n: int) -> Result:
    # The polled stand-in for a select with a ready case: look at the two
    # queues in a random order (Go's select picks at random) and take from the
    # first that holds a value.
    a: gevent.queue.Queue = gevent.queue.Queue(1)
    b: gevent.queue.Queue = gevent.queue.Queue(1)
    rnd = random.random
    total = 0
    t0 = now_ns()
    for i in range(n):
        (a if i % 2 == 0 else b).put_nowait(i)
        first, second = (a, b) if rnd() < 0.5 else (b, a)
        total += first.get_nowait() if first.qsize() else second.get_nowait()
    return {"ns_per_select": per(now_ns() - t0, n)}


def w5b(n: int) -> Result:
    # W5's getter greenlets and gevent.wait(count=1); the producer sends only
    # after an ack, so every wait blocks first.
    a: gevent.queue.Channel = gevent.queue.Channel()
    b: gevent.queue.Channel = gevent.queue.Channel()
    ack: gevent.queue.Channel = gevent.queue.Channel()

    def produce() -> None:
        for i in range(n):
            (a if i % 2 == 0 else b).put(i)
            ack.get()

    prod = gevent.spawn(produce)
    pending = {gevent.spawn(a.get): a, gevent.spawn(b.get): b}
    total = 0
    t0 = now_ns()
    for _ in range(n):
        g = gevent.wait(list(pending), count=1)[0]
        total += g.value
        q = pending.pop(g)
        pending[gevent.spawn(q.get)] = q
        ack.put(0)
    elapsed = now_ns() - t0
    gevent.killall(list(pending))
    prod.join()
    return {"ns_per_select": per(elapsed, n)}


def w6(n: int) -> Result:
    lock = gevent.lock.Semaphore(1)  # gevent's mutex
    x = 0
    t0 = now_ns()
    for i in range(n):
        lock.acquire()
        x += i
        lock.release()
    return {"ns_per_lock": per(now_ns() - t0, n)}


def w7(n: int, workers: int = 4) -> Result:
    # Each holder yields inside the critical section so the others queue on the lock.
    lock = gevent.lock.Semaphore(1)
    x = 0
    each = n // workers

    def contend() -> None:
        nonlocal x
        for _ in range(each):
            with lock:
                x += 1
                gevent.sleep(0)

    t0 = now_ns()
    gevent.joinall([gevent.spawn(contend) for _ in range(workers)])
    return {"ns_per_lock": per(now_ns() - t0, each * workers)}


def w8(n: int) -> Result:
    # WaitGroup.go's nearest in gevent: a gevent.pool.Group, then join().
    x = 0

    def work() -> None:
        nonlocal x
        x += 1

    t0 = now_ns()
    group = gevent.pool.Group()
    for _ in range(n):
        group.spawn(work)
    group.join()
    return {"us_per_goroutine": per(now_ns() - t0, n, 1e3)}


class _Node:
    """A hand-rolled cancellation node (gevent has no context): an Event and children."""

    __slots__ = ("children", "event")

    def __init__(self) -> None:
        self.event = gevent.event.Event()
        self.children: list[_Node] = []

    def cancel(self) -> None:
        self.event.set()
        for c in self.children:
            c.cancel()


def w9(n: int) -> Result:
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
    left = len(level)
    done = gevent.event.Event()

    def waiter(node: _Node) -> None:
        nonlocal left
        node.event.wait()
        left -= 1
        if left == 0:
            done.set()

    gs = [gevent.spawn(waiter, leaf) for leaf in level]
    gevent.sleep(0)
    t1 = now_ns()
    root.cancel()
    done.wait()
    cancelled = now_ns() - t1
    del gs
    return {"build_ns_per_ctx": per(built, count), "cancel_ns_per_ctx": per(cancelled, count),
            "contexts": count}


WORKLOADS: dict[str, Callable[[int], Result]] = {
    "W1": w1, "W2": w2, "W3": w3, "W3b": w3b, "W4": w4, "W5": w5,
    "W5a": w5a, "W5b": w5b, "W6": w6, "W7": w7, "W8": w8, "W9": w9,
}
