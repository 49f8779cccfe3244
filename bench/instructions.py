"""``python -m bench.instructions``: instructions per unit of work, counted by callgrind.

Wall-clock medians on a shared machine move by up to 2x from one run to the
next; the number of instructions a run executes does not (``valgrind
--tool=callgrind`` counts them, whatever else the machine is doing). Each
workload runs at two sizes, and the difference divided by the difference in
work is the cost of one unit (a handoff, an item, a select) without start-up
and imports. Use it to tell whether a change to goconc made a hot path
cheaper; the wall-clock table (``python -m bench``) stays the measure that
the targets are judged by, since an instruction is not a nanosecond
(greenlet's stack copies and cache misses cost more than their count).

W3b counts its release alone: from ``close()`` until the last woken
goroutine has finished (``bench.impl._util.counting``; callgrind starts with
collection off, and a tiny C helper built here with ``valgrind/callgrind.h``
toggles it), so its unit is one wake-up, spawning and parking excluded.

Usage: ``python -m bench.instructions [--only W1,W2] [--systems goconc,gevent]``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys

from bench.cli import ROOT, _table
from bench.workloads import PY_PEERS, WORKLOADS

#: Workloads whose cost per unit is meaningful here (W9 builds and cancels a tree).
DEFAULT_ONLY = ("W1", "W2", "W3", "W3b", "W4", "W5", "W5a", "W5b", "W6", "W7", "W8")
#: Units of work per n (W1 counts two handoffs per round trip).
UNITS = {"W1": 2}
#: The two sizes are the workload's full size divided by these.
SMALL, LARGE = 60, 20
#: Workloads counted only inside ``counting()`` blocks (see the module docstring),
#: and their sizes' divisors (a wake-up's cost depends a little on how many wait).
WINDOWED = {"W3b": (10, 4)}

_TOGGLE_C = """#include <valgrind/callgrind.h>
void cg_toggle(void) { CALLGRIND_TOGGLE_COLLECT; }
"""


def _toggle_lib() -> str:
    """Build (once) the helper that toggles callgrind's collection from Python."""
    out = ROOT / "bench" / "results" / "cgtoggle.so"
    if not out.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        src = out.with_suffix(".c")
        src.write_text(_TOGGLE_C)
        subprocess.run([os.environ.get("CC", "cc"), "-O2", "-shared", "-fPIC", "-o", str(out),
                        str(src)], check=True)
    return str(out)


def count(system: str, workload: str, n: int) -> int:
    """Instructions executed by one fresh ``bench._worker`` process (W3b: its release)."""
    env = dict(os.environ, PYTHONHASHSEED="0")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    extra = []
    if workload in WINDOWED:
        env["BENCH_CALLGRIND_TOGGLE"] = _toggle_lib()
        extra = ["--collect-atstart=no"]
    proc = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *extra,
         sys.executable, "-m", "bench._worker", system, workload, str(n)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if '"unavailable"' in proc.stdout:
        raise LookupError(proc.stdout.strip())
    m = re.search(r"Collected : (\d+)", proc.stderr)
    if proc.returncode != 0 or m is None:
        tail = (proc.stderr.strip().splitlines() or ["(no output)"])[-1]
        raise RuntimeError(f"{system} {workload} n={n}: exit {proc.returncode}: {tail}")
    return int(m.group(1))


def per_unit(system: str, workload: str, full_n: int) -> float:
    small, large = WINDOWED.get(workload, (SMALL, LARGE))
    n1, n2 = full_n // small, full_n // large
    a, b = count(system, workload, n1), count(system, workload, n2)
    return (b - a) / ((n2 - n1) * UNITS.get(workload, 1))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.instructions",
                                description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--only", default=",".join(DEFAULT_ONLY), metavar="W1,W2")
    p.add_argument("--systems", default="goconc," + ",".join(PY_PEERS), metavar="goconc,gevent")
    args = p.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install -y valgrind)", file=sys.stderr)
        return 1
    only = args.only.split(",")
    systems = ["goconc", *(s for s in args.systems.split(",") if s != "goconc")]
    rows = []
    for wl in (w for w in WORKLOADS if w.key in only):
        cells: dict[str, float | None] = {}
        for system in systems:
            print(f"{wl.key} {system} ...", file=sys.stderr, flush=True)
            try:
                cells[system] = per_unit(system, wl.key, wl.n // wl.divisor.get(system, 1))
            except LookupError:
                cells[system] = None
        base = cells["goconc"]
        peers = [v for s, v in cells.items() if s != "goconc" and v is not None]
        ratio = f"{min(peers) / base:.2f}x" if base and peers else "n/a"
        rows.append([f"{wl.key} {wl.title}",
                     *(f"{v:,.0f}" if v is not None else "n/a" for v in cells.values()), ratio])
    print(f"\nInstructions per unit of work (callgrind, PYTHONHASHSEED=0, n = full/{SMALL} "
          f"and full/{LARGE}; W3b: its release alone, per wake-up, n = full/10 and full/4); "
          "lower is better\n")
    print(_table(["workload", *systems, "fewest peer / goconc"], rows, left=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
