"""Run a goconc twin of a Go program and fail the way the Go program would.

Usage::

    python tests/go/runtwin.py tests/go/<name>/main.py --clock virtual|real [--seed N]

The twin module must define ``main() -> None``. It runs as goroutine 1 of a
fresh runtime (``goconc.run``). On success the exit code is 0. When the
program crashes, stderr starts with the line Go would print first and the exit
code is Go's 2:

* a ``goconc.Panic`` (or any other ``Exception``) -> ``panic: <message>``
* a ``goconc.Deadlock`` -> ``fatal error: all goroutines are asleep - deadlock!``
* any other ``goconc.Fatal`` -> ``fatal error: <first line of its message>``

The rest of the report (goroutine dump, Python traceback) follows that line.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import traceback
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    # Let the runner work from a checkout without `pip install -e .`.
    sys.path.insert(0, str(REPO))

import goconc  # noqa: E402


def load_twin(path: Path) -> ModuleType:
    """Import a twin from its file, under a name unique to its folder."""
    name = f"gotwin_{path.parent.name}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def go_crash_line(exc: BaseException) -> str:
    """The first line Go writes to stderr for a program ended by ``exc``."""
    message = str(exc)
    if isinstance(exc, goconc.Fatal):
        # Covers Deadlock too: its message starts with
        # "all goroutines are asleep - deadlock!" and a dump follows.
        return "fatal error: " + message.partition("\n")[0]
    # A goconc.Panic carries Go's message. Any other exception stands for a
    # panic with an error value, whose Error() text Go prints: str() is the
    # closest Python spelling of that.
    return "panic: " + message.partition("\n")[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("twin", type=Path, help="path to a twin's main.py")
    parser.add_argument("--clock", choices=("virtual", "real"), default="virtual")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument(
        "--leaks",
        choices=("warn", "raise", "ignore"),
        default="ignore",
        help="Go exits silently when main returns with goroutines left (default: ignore)",
    )
    args = parser.parse_args(argv)

    module = load_twin(args.twin)
    try:
        goconc.run(module.main, clock=args.clock, seed=args.seed, leaks=args.leaks)
    except (Exception, goconc.Fatal) as exc:
        sys.stdout.flush()
        print(go_crash_line(exc), file=sys.stderr)
        print(file=sys.stderr)
        traceback.print_exception(exc, file=sys.stderr)
        sys.stderr.flush()
        return 2
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
