"""The newest Python that runloom installs on, in a venv of its own: the bench's second interpreter.

runloom (PyPI) builds on CPython 3.12+ only, so it cannot run beside goconc
on the main venv's 3.11. ``python -m bench`` runs it on the newest CPython
the machine has that it installs on, with goconc and a bare-greenlet floor on
that same interpreter in the same run (``SYSTEMS`` ``goconc-new``, ``runloom``,
``greenlet-new``). The venv is ``.venvs/bench-pyX.Y`` (git-ignored), made on
the first run; goconc comes from the checkout (``PYTHONPATH``), so it is
always the code being measured. The interpreters are found as tests/matrix.py
finds them (the PATH, pyenv's ``versions/``).
"""

from __future__ import annotations

import importlib.metadata as md
import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENVS = ROOT / ".venvs"
RUNLOOM = "runloom==0.2.0"
#: runloom's C code reads ``PyThreadState.current_exception``, new in 3.12.
OLDEST = 12


def _find_pythons() -> dict[int, tuple[tuple[int, int, int], str]]:
    spec = importlib.util.spec_from_file_location("_matrix", ROOT / "tests" / "matrix.py")
    assert spec is not None and spec.loader is not None
    matrix = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(matrix)
    found: dict[int, tuple[tuple[int, int, int], str]] = matrix.find_pythons()
    return found


def _greenlet() -> str:
    """The main venv's greenlet, so both floors are the same greenlet."""
    try:
        return f"greenlet=={md.version('greenlet')}"
    except md.PackageNotFoundError:
        return "greenlet"


def _setup(python: str, minor: int) -> tuple[Path | None, str]:
    venv = VENVS / f"bench-py3.{minor}"
    failed = VENVS / f"bench-py3.{minor}.failed"
    stamp = venv / ".installed-stamp"
    exe = venv / "bin" / "python"
    if stamp.exists():
        return exe, ""
    if failed.exists():
        return None, failed.read_text().strip()
    print(f"bench: setting up {venv.relative_to(ROOT)} ({RUNLOOM}, {_greenlet()}; "
          "runloom builds from source: under a minute)", file=sys.stderr, flush=True)
    VENVS.mkdir(exist_ok=True)
    steps = [[python, "-m", "venv", str(venv)],
             [str(exe), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
              RUNLOOM, _greenlet()]]
    for cmd in steps:
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            tail = (proc.stderr.strip().splitlines() or ["(no output)"])[-1]
            why = f"{RUNLOOM} does not install on 3.{minor}: {tail[:200]}"
            failed.write_text(why + "\n")
            return None, why
    stamp.touch()
    return exe, ""


def interpreter() -> tuple[Path | None, str, str]:
    """(the venv's python, its version "3.13", "") or (None, "", why not)."""
    pythons = _find_pythons()
    reasons = []
    for minor in sorted(pythons, reverse=True):
        if minor < OLDEST:
            break
        _version, python = pythons[minor]
        exe, why = _setup(python, minor)
        if exe is not None:
            return exe, f"3.{minor}", ""
        reasons.append(why)
    if not reasons:
        reasons.append(f"no CPython 3.{OLDEST}+ found (runloom needs one)")
    return None, "", "; ".join(reasons)
