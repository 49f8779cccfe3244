"""Floors, not peers: what raw greenlets cost with no scheduler at all.

W1 switches straight between two greenlets (the least any greenlet-based
handoff can cost); W3b parks bare greenlets (the least a blocked goroutine can
weigh) and releases them by switching into each once more.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from greenlet import getcurrent, greenlet

from bench.impl._util import now_ns, per, rss_kib, settle
from bench.workloads import W3B_SMALL

Result = dict[str, Any]


def w1(n: int) -> Result:
    main = getcurrent()

    def echo(v: Any) -> None:
        while v is not None:
            v = main.switch(v)

    g = greenlet(echo)
    t0 = now_ns()
    for i in range(n):
        g.switch(i)
    elapsed = now_ns() - t0
    g.switch(None)
    return {"ns_per_handoff": per(elapsed, 2 * n)}


def _park_and_release(n: int, measure: bool) -> tuple[float, int]:
    main = getcurrent()

    def parked() -> None:
        main.switch()

    settle()
    before = rss_kib()
    gs = [greenlet(parked) for _ in range(n)]
    for g in gs:
        g.switch()
    kib = (rss_kib() - before) / n if measure else 0.0
    t0 = now_ns()
    for g in gs:
        g.switch()
    elapsed = now_ns() - t0
    return kib, elapsed


def w3b(n: int) -> Result:
    kib, rel = _park_and_release(n, True)
    _, rel_small = _park_and_release(W3B_SMALL, False)
    return {"kib_per_blocked": kib, "release_us": per(rel, n, 1e3),
            "release_1k_us": per(rel_small, W3B_SMALL, 1e3)}


WORKLOADS: dict[str, Callable[[int], Result]] = {"W1": w1, "W3b": w3b}
