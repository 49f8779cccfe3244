"""``%%goconc``: run a notebook cell as a goconc program, optionally animated.

Load it with ``%load_ext goconc.magic``, then::

    %%goconc --animate
    ch = chan(int, name="nums")
    go(lambda: ch.send(42))
    print(ch.recv())

The cell's body becomes the ``main`` of a fresh program (``goconc.run``, or
``goconc.animate`` with ``--animate``), on the virtual clock with seed 1 unless
``--clock real`` or ``--seed N`` says otherwise. Names the cell assigns stay
local to that program, as a Go ``main`` function's would; it reads the
notebook's globals (so ``from goconc import *`` in an earlier cell is enough).
"""

from __future__ import annotations

import argparse
import shlex
import textwrap
from typing import Any

from . import _runtime

__all__ = ["goconc_cell", "load_ipython_extension"]

_PARSER = argparse.ArgumentParser(prog="%%goconc", add_help=False)
_PARSER.add_argument("--animate", action="store_true")
_PARSER.add_argument("--clock", choices=("virtual", "real"), default="virtual")
_PARSER.add_argument("--seed", type=int, default=1)
_PARSER.add_argument("--leaks", choices=("warn", "raise", "ignore"), default="warn")


def goconc_cell(line: str, cell: str, namespace: dict[str, Any]) -> Any:
    """Run ``cell`` as the main function of a goconc program; return the widget or main's value."""
    try:
        opts = _PARSER.parse_args(shlex.split(line))
    except SystemExit:
        raise ValueError(f"%%goconc: bad options {line!r}; use [--animate] "
                         f"[--clock virtual|real] [--seed N] [--leaks warn|raise|ignore]")
    source = "def main():\n" + textwrap.indent(cell or "pass", "    ") + "\n"
    scope: dict[str, Any] = {}
    exec(compile(source, "<cell>", "exec"), namespace, scope)
    main = scope["main"]
    if opts.animate:
        from .widget import animate

        return animate(main, clock=opts.clock, seed=opts.seed, leaks=opts.leaks)
    return _runtime.run(main, clock=opts.clock, seed=opts.seed, leaks=opts.leaks)


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext goconc.magic``: register the ``%%goconc`` cell magic."""

    def goconc(line: str, cell: str) -> Any:
        return goconc_cell(line, cell, ipython.user_ns)

    goconc.__doc__ = __doc__
    ipython.register_magic_function(goconc, "cell", "goconc")
