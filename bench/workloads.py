"""What each workload measures: sizes, metrics and units, shared by the runner and the table.

Every metric is "lower is better" (time or memory per unit of work), so a ratio
``system / goconc`` above 1 means goconc did better.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "NEW_PY", "PY_PEERS", "SYSTEMS", "W9_FANOUT", "WORKLOADS", "Metric", "System", "Workload",
]

#: Context-tree shape of W9: fan-out 10, depth 4 (10 + 100 + 1,000 + 10,000 below the root).
W9_FANOUT = 10

#: Release in W3b is also measured with this many goroutines, to show its cost is flat.
W3B_SMALL = 1_000


@dataclass(frozen=True)
class Metric:
    key: str  # name in the JSON the implementations print
    unit: str  # shown in the table


@dataclass(frozen=True)
class Workload:
    key: str
    title: str
    n: int  # full size; --quick divides it by 10
    metrics: tuple[Metric, ...]
    # Systems too slow to run the full size in a few seconds run n // divisor
    # and report per unit, as everyone does (the table's notes list sizes).
    divisor: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class System:
    key: str
    label: str
    peer: bool  # a Python peer that goconc is compared against ("fastest peer")


SYSTEMS: tuple[System, ...] = (
    System("goconc", "goconc", False),
    System("asyncio", "asyncio", True),
    System("uvloop", "uvloop", True),
    System("gevent", "gevent", True),
    System("threading", "threading", True),
    # A floor, not a peer: raw greenlet switches / a bare parked greenlet.
    System("greenlet", "greenlet", False),
    # Real Go, with one P (like Python's one running thread) and with all cores.
    System("go1", "go P=1", False),
    System("go", "go P=all", False),
    # On a second interpreter, the newest that runloom installs on (bench.newest):
    # runloom (C fibers), and goconc and the greenlet floor on that same interpreter.
    # Their "relative" column is against goconc-new, not goconc; the labels get
    # the interpreter's version when it is known.
    System("goconc-new", "goconc (new)", False),
    System("runloom", "runloom", False),
    System("greenlet-new", "greenlet (new)", False),
)

#: The systems that run on the second interpreter, and what bench._worker calls them there.
NEW_PY = {"goconc-new": "goconc", "runloom": "runloom", "greenlet-new": "greenlet"}

PY_PEERS = tuple(s.key for s in SYSTEMS if s.peer)

# Divisors keep the full run to a few minutes: goconc and Go always run the
# issue's sizes; the slowest peers run fewer iterations of the same loop.
_SLOW_PEERS = {"asyncio": 2, "uvloop": 2, "gevent": 2, "threading": 10}
_SPAWN = {"gevent": 2, "threading": 50}
# runloom maps a C stack (and a guard page) per live fiber: 100,000 at once exceed
# Linux's default vm.max_map_count (65,530), so it spawns and parks n/4.
_SPAWN_RL = {**_SPAWN, "runloom": 4}

WORKLOADS: tuple[Workload, ...] = (
    Workload("W1", "unbuffered ping-pong", 200_000,
             (Metric("ns_per_handoff", "ns/handoff"),), _SLOW_PEERS),
    Workload("W2", "buffered cap-128 throughput", 1_000_000,
             (Metric("ns_per_item", "ns/item"),), {"asyncio": 2, "uvloop": 2, "threading": 10}),
    Workload("W3", "spawn + join", 100_000,
             (Metric("us_per_goroutine", "us/goroutine"),), _SPAWN_RL),
    Workload("W3b", "blocked on a receive", 100_000,
             (Metric("kib_per_blocked", "KiB/blocked"),
              Metric("release_us", "us/wake (n)"),
              Metric("release_1k_us", "us/wake (1k)")),
             {"gevent": 2, "threading": 50, "runloom": 4}),
    Workload("W4", "fan-out/fan-in, 10 workers", 100_000,
             (Metric("ns_per_item", "ns/item"),), {"asyncio": 2, "threading": 10}),
    Workload("W5", "select over two channels", 200_000,
             (Metric("ns_per_select", "ns/select"),),
             {"asyncio": 4, "uvloop": 4, "gevent": 8, "threading": 10}),
    Workload("W5a", "select, a case ready", 200_000,
             (Metric("ns_per_select", "ns/select"),),
             {"asyncio": 2, "uvloop": 2, "gevent": 2, "threading": 2}),
    Workload("W5b", "select that waits", 200_000,
             (Metric("ns_per_select", "ns/select"),),
             {"asyncio": 4, "uvloop": 4, "gevent": 8, "threading": 10}),
    Workload("W6", "Mutex, uncontended", 1_000_000,
             (Metric("ns_per_lock", "ns/lock+unlock"),)),
    Workload("W7", "Mutex, 4 contenders", 200_000,
             (Metric("ns_per_lock", "ns/lock+unlock"),), {"asyncio": 2, "threading": 20}),
    Workload("W8", "WaitGroup.go spawn + wait", 100_000,
             (Metric("us_per_goroutine", "us/goroutine"),), _SPAWN),
    Workload("W9", "cancel a context tree", 10_000,
             (Metric("build_ns_per_ctx", "ns/ctx build"),
              Metric("cancel_ns_per_ctx", "ns/ctx cancel"))),
)
