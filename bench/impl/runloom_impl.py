"""The workloads on runloom (PyPI ``runloom``: Go-style fibers in C and assembly, Python 3.12+).

runloom is the nearest thing to goconc: stackful goroutines (``runloom.fiber``),
Go channels (``Chan(cap)``; ``recv()`` returns ``(value, ok)``; ``close()``),
``select([("recv", ch), ("send", ch, v)])`` and a ``WaitGroup``, all in a C
extension. It runs on its own interpreter (the newest one it installs on; see
``bench.newest``), beside goconc on that same interpreter, so the pair's ratio
is the cost of goconc being Python. Each fiber's C stack is its own mapping
(plus a guard page), so 100,000 live fibers exceed Linux's default
``vm.max_map_count`` of 65,530: W3 and W3b run at n/4 (``Workload.divisor``).
A select's list of cases is built once, before the loop: goconc's ``recv(ch)``
returns the channel's one receive case, so neither loop allocates cases.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import runloom
from runloom import Chan, select
from runloom import fiber as go

from bench.impl._util import counting, now_ns, per, rss_kib, settle
from bench.workloads import W3B_SMALL

Result = dict[str, Any]


def w1(n: int) -> Result:
    ping, pong = Chan(), Chan()

    def echo() -> None:
        while True:
            v, ok = ping.recv()
            if not ok:
                return
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
    ch = Chan(128)

    def produce() -> None:
        for i in range(n):
            ch.send(i)
        ch.close()

    t0 = now_ns()
    go(produce)
    while ch.recv()[1]:
        pass
    return {"ns_per_item": per(now_ns() - t0, n)}


def w3(n: int) -> Result:
    wg = runloom.WaitGroup()

    def work() -> None:
        wg.done()

    t0 = now_ns()
    for _ in range(n):
        wg.add(1)
        go(work)
    wg.wait()
    return {"us_per_goroutine": per(now_ns() - t0, n, 1e3), "join": "WaitGroup"}


def _park_and_release(n: int, measure: bool) -> tuple[float, int]:
    ch = Chan()
    ready, done = Chan(1), Chan(1)
    started = 0
    left = n

    def waiter() -> None:
        nonlocal started, left
        started += 1
        if started == n:
            ready.send(1)
        ch.recv()
        left -= 1
        if left == 0:
            done.send(1)

    settle()
    before = rss_kib()
    for _ in range(n):
        go(waiter)
    ready.recv()
    runloom.yield_now()  # let the last one reach its receive
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
    jobs, results = Chan(), Chan(100)

    def worker() -> None:
        while True:
            j, ok = jobs.recv()
            if not ok:
                return
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
        total += results.recv()[0]
    return {"ns_per_item": per(now_ns() - t0, n)}


def w5(n: int) -> Result:
    a, b = Chan(), Chan()

    def produce() -> None:
        for i in range(n):
            (a if i % 2 == 0 else b).send(i)

    t0 = now_ns()
    go(produce)
    total = 0
    cases = [("recv", a), ("recv", b)]
    for _ in range(n):
        _, (v, _ok) = select(cases)
        total += v
    return {"ns_per_select": per(now_ns() - t0, n)}


def w5a(n: int) -> Result:
    a, b = Chan(1), Chan(1)
    total = 0
    cases = [("recv", a), ("recv", b)]
    t0 = now_ns()
    for i in range(n):
        (a if i % 2 == 0 else b).send(i)
        _, (v, _ok) = select(cases)
        total += v
    return {"ns_per_select": per(now_ns() - t0, n)}


def w5b(n: int) -> Result:
    a, b, ack = Chan(), Chan(), Chan()

    def produce() -> None:
        for i in range(n):
            (a if i % 2 == 0 else b).send(i)
            ack.recv()

    go(produce)
    total = 0
    cases = [("recv", a), ("recv", b)]
    t0 = now_ns()
    for _ in range(n):
        _, (v, _ok) = select(cases)
        total += v
        ack.send(0)
    return {"ns_per_select": per(now_ns() - t0, n)}


def _under_run(fn: Callable[[int], Result]) -> Callable[[int], Result]:
    def run(n: int) -> Result:
        out: list[Result] = []
        runloom.run(1, lambda: out.append(fn(n)))
        return out[0]

    return run


WORKLOADS: dict[str, Callable[[int], Result]] = {
    k: _under_run(f) for k, f in {
        "W1": w1, "W2": w2, "W3": w3, "W3b": w3b, "W4": w4, "W5": w5,
        "W5a": w5a, "W5b": w5b,
    }.items()
}
