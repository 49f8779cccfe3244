"""The workloads on goconc, written as the Go programs in ``bench/go/main.go`` are.

Parts of goconc land over time: workloads that need ``sync`` or ``context``
raise ``Unavailable`` until those modules have the names they use, and W3
joins with a counter and a channel until ``sync.WaitGroup`` exists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import goconc
from bench.impl._util import Unavailable, counting, now_ns, per, rss_kib, settle
from bench.impl.asyncio_impl import tree_depth
from bench.workloads import W3B_SMALL, W9_FANOUT
from goconc import chan, go, recv, select

Result = dict[str, Any]


def _need(module: Any, *names: str) -> None:
    missing = [n for n in names if not hasattr(module, n)]
    if missing:
        raise Unavailable(f"{module.__name__} has no {', '.join(missing)} yet")


def w1(n: int) -> Result:
    ping, pong = chan(int), chan(int)

    def echo() -> None:
        for v in ping:
            pong.send(v)

    go(echo)
    t0 = now_ns()
    for i in range(n):
        ping.send(i)
        pong.recv()
    elapsed = now_ns() - t0
    ping.close()
    return {"ns_per_handoff": per(elapsed, 2 * n)}


def w2(n: int) -> Result:
    ch = chan(int, 128)

    def produce() -> None:
        for i in range(n):
            ch.send(i)
        ch.close()

    t0 = now_ns()
    go(produce)
    for _ in ch:
        pass
    return {"ns_per_item": per(now_ns() - t0, n)}


def w3(n: int) -> Result:
    if hasattr(goconc.sync, "WaitGroup"):
        wg = goconc.sync.WaitGroup()

        def work() -> None:
            wg.done()

        t0 = now_ns()
        for _ in range(n):
            wg.add(1)
            go(work)
        wg.wait()
        return {"us_per_goroutine": per(now_ns() - t0, n, 1e3), "join": "WaitGroup"}
    # Until sync lands: a counter, and a channel the last goroutine sends on.
    left = n
    done = chan(int, 1)

    def work_counted() -> None:
        nonlocal left
        left -= 1
        if left == 0:
            done.send(1)

    t0 = now_ns()
    for _ in range(n):
        go(work_counted)
    done.recv()
    return {"us_per_goroutine": per(now_ns() - t0, n, 1e3), "join": "counter+chan"}


def _park_and_release(n: int, measure: bool) -> tuple[float, int]:
    ch = chan(int)
    ready, done = chan(int, 1), chan(int, 1)
    started = 0
    left = n

    def waiter() -> None:
        nonlocal started, left
        started += 1
        if started == n:
            ready.send(1)  # buffered: main is readied, we go on to block below
        ch.recv()
        left -= 1
        if left == 0:
            done.send(1)

    settle()
    before = rss_kib()
    for _ in range(n):
        go(waiter)
    ready.recv()
    kib = (rss_kib() - before) / n if measure else 0.0
    with counting(measure):
        t0 = now_ns()
        ch.close()
        done.recv()
        elapsed = now_ns() - t0
    return kib, elapsed


def w3b(n: int) -> Result:
    kib, rel = _park_and_release(n, True)
    _, rel_small = _park_and_release(W3B_SMALL, False)
    return {"kib_per_blocked": kib, "release_us": per(rel, n, 1e3),
            "release_1k_us": per(rel_small, W3B_SMALL, 1e3)}


def w4(n: int, workers: int = 10) -> Result:
    jobs, results = chan(int), chan(int, 100)

    def worker() -> None:
        for j in jobs:
            results.send(j * 2)

    def produce() -> None:
        for i in range(n):
            jobs.send(i)
        jobs.close()

    t0 = now_ns()
    for _ in range(workers):
        go(worker)
    go(produce)
    total = 0
    for _ in range(n):
        total += results.recv()
    return {"ns_per_item": per(now_ns() - t0, n)}


def w5(n: int) -> Result:
    a, b = chan(int), chan(int)

    def produce() -> None:
        for i in range(n):
            (a if i % 2 == 0 else b).send(i)

    t0 = now_ns()
    go(produce)
    total = 0
    for _ in range(n):
        _, v = select(recv(a), recv(b))
        total += v
    return {"ns_per_select": per(now_ns() - t0, n)}


def w5a(n: int) -> Result:
    # A select that never waits: one of its two buffered channels holds a value.
    a, b = chan(int, 1), chan(int, 1)
    total = 0
    t0 = now_ns()
    for i in range(n):
        (a if i % 2 == 0 else b).send(i)
        _, v = select(recv(a), recv(b))
        total += v
    return {"ns_per_select": per(now_ns() - t0, n)}


def w5b(n: int) -> Result:
    # A select that always waits: the producer sends only after an ack, so the
    # select blocks first, and the send wakes it (one plain handoff more per select).
    a, b, ack = chan(int), chan(int), chan(int)

    def produce() -> None:
        for i in range(n):
            (a if i % 2 == 0 else b).send(i)
            ack.recv()

    go(produce)
    total = 0
    t0 = now_ns()
    for _ in range(n):
        _, v = select(recv(a), recv(b))
        total += v
        ack.send(0)
    return {"ns_per_select": per(now_ns() - t0, n)}


def w6(n: int) -> Result:
    _need(goconc.sync, "Mutex")
    mu = goconc.sync.Mutex()
    x = 0
    t0 = now_ns()
    for i in range(n):
        mu.lock()
        x += i
        mu.unlock()
    return {"ns_per_lock": per(now_ns() - t0, n)}


def w7(n: int, workers: int = 4) -> Result:
    # Each holder yields inside the critical section so the others queue on the lock.
    _need(goconc.sync, "Mutex", "WaitGroup")
    mu = goconc.sync.Mutex()
    wg = goconc.sync.WaitGroup()
    gosched = goconc.runtime.gosched
    x = 0
    each = n // workers

    def contend() -> None:
        nonlocal x
        for _ in range(each):
            mu.lock()
            x += 1
            gosched()
            mu.unlock()

    t0 = now_ns()
    for _ in range(workers):
        wg.go(contend)
    wg.wait()
    return {"ns_per_lock": per(now_ns() - t0, each * workers)}


def w8(n: int) -> Result:
    _need(goconc.sync, "WaitGroup")
    wg = goconc.sync.WaitGroup()
    x = 0

    def work() -> None:
        nonlocal x
        x += 1

    t0 = now_ns()
    for _ in range(n):
        wg.go(work)
    wg.wait()
    return {"us_per_goroutine": per(now_ns() - t0, n, 1e3)}


def w9(n: int) -> Result:
    ctxmod = goconc.context
    _need(ctxmod, "background", "with_cancel")
    depth = tree_depth(n)
    root, cancel = ctxmod.with_cancel(ctxmod.background())
    t0 = now_ns()
    level = [root]
    cancels = []
    count = 0
    for _ in range(depth):
        nxt = []
        for p in level:
            for _ in range(W9_FANOUT):
                c, cf = ctxmod.with_cancel(p)
                nxt.append(c)
                cancels.append(cf)
        count += len(nxt)
        level = nxt
    built = now_ns() - t0
    left = len(level)
    started = 0
    ready, done = chan(int, 1), chan(int, 1)

    def waiter(ctx: Any) -> None:
        nonlocal started, left
        started += 1
        if started == len(level):
            ready.send(1)
        ctx.done().recv()
        left -= 1
        if left == 0:
            done.send(1)

    for leaf in level:
        go(waiter, leaf)
    ready.recv()
    t1 = now_ns()
    cancel()
    done.recv()
    cancelled = now_ns() - t1
    for cf in cancels:
        cf()
    return {"build_ns_per_ctx": per(built, count), "cancel_ns_per_ctx": per(cancelled, count),
            "contexts": count}


def _under_run(fn: Callable[[int], Result]) -> Callable[[int], Result]:
    def run(n: int) -> Result:
        result: Result = goconc.run(fn, n, clock="real")
        return result

    return run


WORKLOADS: dict[str, Callable[[int], Result]] = {
    k: _under_run(f) for k, f in {
        "W1": w1, "W2": w2, "W3": w3, "W3b": w3b, "W4": w4, "W5": w5,
        "W5a": w5a, "W5b": w5b, "W6": w6, "W7": w7, "W8": w8, "W9": w9,
    }.items()
}
