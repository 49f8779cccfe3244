"""The race detector's price: each program with and without ``race=True``.

``python -m bench.race_table [--reps N] [--scale S]`` prints a Markdown table:
the lesson's programs (the twins in ``tests/go/lesson_*`` and the lesson's
counters, on the virtual clock) and bench's goconc workloads (``bench/impl/
goconc_impl.py``, at ``1/S`` of their sizes, on the real clock), each run
``N`` times plain, ``race=True`` and ``race=True, preempt=True`` in this
process; the best time of each. Programs that race (none here) would raise
``DataRace``; the table would say so. Timings are reported, never asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import goconc

REPO = Path(__file__).resolve().parents[1]
LESSON = ("lesson_goroutines", "lesson_goroutines_nosleep", "lesson_channels",
          "lesson_waitgroup", "lesson_select", "lesson_fan_out", "lesson_handle_request",
          "mutex_counter", "mantra_counter", "race_counter_fixed", "range_channel",
          "worker_pool", "leak_fixed")


def _load(name: str) -> Callable[[], Any] | None:
    path = REPO / "tests" / "go" / name / "main.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(f"race_table_{name}", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    main: Callable[[], Any] = mod.main
    return main


def _best(run: Callable[[], Any], reps: int) -> tuple[float, str]:
    best = float("inf")
    note = ""
    for _ in range(reps):
        t = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            try:
                run()
            except goconc.DataRace as e:
                note = f"{len(e.reports)} race(s)"
        best = min(best, time.perf_counter() - t)
    return best, note


def rows(reps: int, scale: int) -> list[tuple[str, float, float, float, str]]:
    out = []
    kw: dict[str, Any] = {"clock": "virtual", "seed": 1, "leaks": "ignore"}
    for name in LESSON:
        main = _load(name)
        if main is None:
            continue
        plain, _ = _best(lambda m=main: goconc.run(m, **kw), reps)
        race, note = _best(lambda m=main: goconc.run(m, race=True, **kw), reps)
        both, _ = _best(lambda m=main: goconc.run(m, race=True, preempt=True, **kw), reps)
        out.append((f"lesson: {name}", plain, race, both, note))
    from bench.impl import goconc_impl
    from bench.workloads import WORKLOADS

    for w in WORKLOADS:
        fn = getattr(goconc_impl, w.key.lower(), None)
        if fn is None:
            continue
        n = max(1, w.n // scale)
        plain, _ = _best(lambda f=fn, n=n: goconc.run(f, n, clock="real"), reps)
        race, note = _best(lambda f=fn, n=n: goconc.run(f, n, clock="real", race=True), reps)
        out.append((f"bench {w.key}: {w.title} (n={n})", plain, race, float("nan"), note))
    return out


def table(reps: int = 3, scale: int = 10) -> str:
    lines = ["| program | plain | race=True | slowdown | race+preempt | slowdown | note |",
             "|---|---:|---:|---:|---:|---:|---|"]
    for name, plain, race, both, note in rows(reps, scale):
        b = "" if both != both else f"{both * 1000:.1f} ms"
        bs = "" if both != both else f"{both / plain:.1f}x"
        lines.append(f"| {name} | {plain * 1000:.1f} ms | {race * 1000:.1f} ms | "
                     f"{race / plain:.1f}x | {b} | {bs} | {note} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m bench.race_table")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--scale", type=int, default=10, help="bench sizes divided by this")
    args = ap.parse_args()
    print(f"Python {sys.version.split()[0]}, best of {args.reps}\n")
    print(table(args.reps, args.scale))


if __name__ == "__main__":
    main()
