"""Run one workload on one Python system in this (fresh) process; print one JSON line.

Usage: ``python -m bench._worker SYSTEM WORKLOAD N``. Exit status 0 with
``{"metrics": {...}}`` or ``{"unavailable": "why"}``; on a crash, the
traceback goes to stderr and the status is 1.
"""

from __future__ import annotations

import importlib
import json
import sys

from bench.impl._util import Unavailable

_MODULES = {
    "goconc": ("bench.impl.goconc_impl", "WORKLOADS"),
    "asyncio": ("bench.impl.asyncio_impl", "WORKLOADS"),
    "uvloop": ("bench.impl.asyncio_impl", "UVLOOP_WORKLOADS"),
    "gevent": ("bench.impl.gevent_impl", "WORKLOADS"),
    "threading": ("bench.impl.threading_impl", "WORKLOADS"),
    "greenlet": ("bench.impl.greenlet_impl", "WORKLOADS"),
    "runloom": ("bench.impl.runloom_impl", "WORKLOADS"),
}


def main(argv: list[str]) -> int:
    system, workload, n = argv[0], argv[1], int(argv[2])
    modname, attr = _MODULES[system]
    try:
        table = getattr(importlib.import_module(modname), attr)
    except ImportError as e:
        print(json.dumps({"unavailable": f"cannot import: {e}"}))
        return 0
    fn = table.get(workload)
    if fn is None:
        print(json.dumps({"unavailable": "not implemented for this system"}))
        return 0
    try:
        metrics = fn(n)
    except Unavailable as e:
        print(json.dumps({"unavailable": str(e)}))
        return 0
    print(json.dumps({"metrics": metrics}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
