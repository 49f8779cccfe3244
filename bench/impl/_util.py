"""Helpers shared by the implementations: clocks, RSS, the Unavailable marker."""

from __future__ import annotations

import gc
import os
from time import perf_counter_ns

__all__ = ["Unavailable", "counting", "now_ns", "per", "rss_kib", "settle"]

now_ns = perf_counter_ns

_PAGE_KIB = os.sysconf("SC_PAGE_SIZE") / 1024


class Unavailable(Exception):
    """The system cannot run this workload (yet); the table shows n/a and the reason."""


def rss_kib() -> float:
    """Resident set size of this process, from /proc/self/statm (the Go program reads the same)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * _PAGE_KIB


def settle() -> None:
    """Collect garbage so an RSS reading is not inflated by dead objects."""
    gc.collect()


def _toggle() -> None:
    """Toggle callgrind's collection (``CALLGRIND_TOGGLE_COLLECT``), when
    ``python -m bench.instructions`` runs this process under callgrind with
    ``--collect-atstart=no`` and names its tiny helper library in
    ``BENCH_CALLGRIND_TOGGLE``; a no-op otherwise."""


_lib = os.environ.get("BENCH_CALLGRIND_TOGGLE")
if _lib:
    import ctypes

    _toggle = ctypes.CDLL(_lib).cg_toggle  # type: ignore[assignment]


class counting:  # lower case: used like a function, `with counting():`
    """Around the part of a workload that ``bench.instructions`` counts on its
    own (W3b's release): callgrind collects inside the block only. Collection
    is one global switch, so it counts every greenlet and thread that runs
    meanwhile. ``counting(False)`` counts nothing (W3b's second, small release)."""

    def __init__(self, on: bool = True) -> None:
        self.on = on

    def __enter__(self) -> None:
        if self.on:
            _toggle()

    def __exit__(self, *exc: object) -> None:
        if self.on:
            _toggle()


def per(elapsed_ns: int, n: int, unit_ns: float = 1.0) -> float:
    """Elapsed time per unit of work, in units of ``unit_ns`` nanoseconds."""
    return elapsed_ns / unit_ns / n
