"""Notebook tracebacks for goconc's failures: the user's frames and Go's message only.

A panic or deadlock is raised inside goconc's scheduler (the goroutine parks
there), and bad input (``go(42)``) inside goconc's functions, so a plain
IPython traceback ends in goconc's own files, with paths of the machine that
ran the notebook. This handler drops those frames: the
reader sees the cell line that blocked or panicked, then Go's message.
Installed by ``import goconc`` only when it runs inside an IPython shell.
"""

from __future__ import annotations

import os
from types import TracebackType
from typing import Any

from . import _runtime
from ._errors import Fatal, Goexit, Leak, Panic

_GOCONC_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "")


def _user_tb(tb: TracebackType | None) -> TracebackType | None:
    """The traceback without goconc's own frames."""
    frames = []
    while tb is not None:
        if not tb.tb_frame.f_code.co_filename.startswith(_GOCONC_DIR):
            frames.append(tb)
        tb = tb.tb_next
    out: TracebackType | None = None
    for t in reversed(frames):
        out = TracebackType(out, t.tb_frame, t.tb_lasti, t.tb_lineno)
    return out


def _handler(shell: Any, etype: type[BaseException], value: BaseException,
             tb: TracebackType | None, tb_offset: int | None = None) -> None:
    # Shown here: IPython drops what a custom handler returns.
    shell.showtraceback((etype, value, _user_tb(tb)), tb_offset=tb_offset)


def _after_cell(result: Any) -> None:
    """An interrupted cell ends the top-level program: the cell is its main
    goroutine, and after Ctrl-C no goroutine it started may run again."""
    if isinstance(getattr(result, "error_in_exec", None), KeyboardInterrupt):
        _runtime.interrupted()


def install() -> None:
    """Use the handler in the running IPython shell, if there is one, and end the
    top-level program when a cell is interrupted."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython was imported, so it is there
        return
    shell = get_ipython()
    if shell is None:
        return
    events = getattr(shell, "events", None)
    if events is not None and _after_cell not in events.callbacks.get("post_run_cell", []):
        events.register("post_run_cell", _after_cell)
    if shell.custom_exceptions:
        return  # someone else's handler is in place: leave it
    # Exception too: a TypeError or ValueError that goconc raises for bad input
    # (go(42)) would otherwise show the goconc line that raised it. Tracebacks
    # without goconc frames are shown unchanged.
    shell.set_custom_exc((Exception, Panic, Fatal, Goexit, Leak), _handler)
