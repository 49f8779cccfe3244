"""Go's ``runtime`` package: counting goroutines, yielding, and goroutine dumps."""

from __future__ import annotations

from ._runtime import Goroutine, getsched

__all__ = ["goroutines", "gosched", "num_goroutine", "stack"]

#: pytest leaves this module's frames out of tracebacks (it reads a module-level
#: ``__tracebackhide__``); in IPython, goconc._ipython drops every goconc frame.
__tracebackhide__ = True


def num_goroutine() -> int:
    """How many goroutines exist, blocked and leaked ones included (1 at the start of main)."""
    return len(getsched().allg)


def gosched() -> None:
    """Yield the processor: the current goroutine goes to the back of the run queue."""
    getsched().gosched()


def goroutines() -> list[Goroutine]:
    """A snapshot of every goroutine of the program, in creation order."""
    return list(getsched().allg.values())


def stack() -> str:
    """A dump of every goroutine in Go's shape (Go's ``runtime.Stack(buf, true)``)."""
    return getsched().dump()
