"""The race detector's price: each program with and without ``race=True``.

``python -m bench.race_table [--reps N] [--scale S]`` prints a Markdown table:
the lesson's programs (the twins in ``tests/go/lesson_*`` and the lesson's
counters, on the virtual clock) and bench's goconc workloads (``bench/impl/
goconc_impl.py``, at ``1/S`` of their sizes, on the real clock), each run
``N`` times plain, ``race=True`` and ``race=True, preempt=True`` in this
process; the best time of each. Programs that race (none here) would raise
``DataRace``; the table would say so. Timings are reported, never asserted.

``python -m bench.race_table --instructions`` counts instructions instead
(callgrind, as ``bench.instructions`` does), which a loaded machine does not
move: a lesson program run 1 and 3 times, a bench workload at ``n/1000`` and
``n/250`` of its full size, each in a fresh process, plain and ``race=True``;
the difference between the two sizes is the cost of the work without start-up
and imports, and the ratio of those differences is the slowdown.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import os
import re
import subprocess
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


#: --instructions: a lesson program runs this many times, a bench workload at its full
#: size divided by these.
RUNS = (1, 3)
DIVISORS = (1000, 250)


def _child(name: str, mode: str, size: int) -> None:
    """One measured process: a lesson program ``size`` times, or a workload at n=size."""
    race = mode == "race"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            if name.startswith("W"):
                from bench.impl import goconc_impl
                goconc.run(getattr(goconc_impl, name.lower()), size, clock="real", race=race)
            else:
                main = _load(name)
                for _ in range(size):
                    goconc.run(main, race=race, clock="virtual", seed=1, leaks="ignore")
        except goconc.DataRace:
            pass


def _count(name: str, mode: str, size: int) -> int:
    env = dict(os.environ, PYTHONHASHSEED="0")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    proc = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
         "-m", "bench.race_table", "--child", name, mode, str(size)],
        cwd=REPO, env=env, capture_output=True, text=True, check=False)
    m = re.search(r"Collected : (\d+)", proc.stderr)
    if proc.returncode != 0 or m is None:
        tail = (proc.stderr.strip().splitlines() or ["(no output)"])[-1]
        raise RuntimeError(f"{name} {mode} {size}: exit {proc.returncode}: {tail}")
    return int(m.group(1))


def instructions_table() -> str:
    from bench.impl import goconc_impl
    from bench.workloads import WORKLOADS

    jobs: list[tuple[str, str, tuple[int, int]]] = [
        (f"lesson: {name}", name, RUNS) for name in LESSON
        if (REPO / "tests" / "go" / name / "main.py").exists()]
    jobs += [(f"bench {w.key}: {w.title}", w.key, (w.n // DIVISORS[0], w.n // DIVISORS[1]))
             for w in WORKLOADS if hasattr(goconc_impl, w.key.lower())]
    lines = ["| program | plain | race=True | slowdown |", "|---|---:|---:|---:|"]
    for label, name, (a, b) in jobs:
        print(f"{label} ...", file=sys.stderr, flush=True)
        plain = _count(name, "plain", b) - _count(name, "plain", a)
        race = _count(name, "race", b) - _count(name, "race", a)
        unit = "per run" if a == RUNS[0] and not name.startswith("W") else f"n={a} to {b}"
        lines.append(f"| {label} ({unit}) | {plain / (b - a):,.0f} | {race / (b - a):,.0f} | "
                     f"{race / plain:.1f}x |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m bench.race_table")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--scale", type=int, default=10, help="bench sizes divided by this")
    ap.add_argument("--instructions", action="store_true",
                    help="count instructions with callgrind instead of timing")
    ap.add_argument("--child", nargs=3, metavar=("NAME", "MODE", "SIZE"),
                    help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(args.child[0], args.child[1], int(args.child[2]))
        return
    if args.instructions:
        print(f"Python {sys.version.split()[0]}, instructions per unit of work (callgrind)\n")
        print(instructions_table())
        return
    print(f"Python {sys.version.split()[0]}, best of {args.reps}\n")
    print(table(args.reps, args.scale))


if __name__ == "__main__":
    main()
