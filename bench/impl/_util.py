"""Helpers shared by the implementations: clocks, RSS, the Unavailable marker."""

from __future__ import annotations

import gc
import os
from time import perf_counter_ns

__all__ = ["Unavailable", "now_ns", "per", "rss_kib", "settle"]

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


def per(elapsed_ns: int, n: int, unit_ns: float = 1.0) -> float:
    """Elapsed time per unit of work, in units of ``unit_ns`` nanoseconds."""
    return elapsed_ns / unit_ns / n
