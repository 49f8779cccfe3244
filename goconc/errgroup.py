"""golang.org/x/sync/errgroup: a group of goroutines working on one task, with its first error.

Follows ``errgroup/errgroup.go`` (x/sync v0.20.0). A ``Group`` is a WaitGroup
that also keeps the first error; ``with_context`` adds a context that the
first error cancels, with the error as its cause::

    g, ctx = errgroup.with_context(parent)
    for url in urls:
        g.go(fetch, ctx, url)
    g.wait()        # raises the first exception a fetch raised

In Go a task returns an ``error``; here a task *raises* an ``Exception``, and
its return value is ignored. A ``goconc.Panic`` (Go's panic) is not an error:
as in Go, it crashes the program. A limit (``set_limit``) is a buffered
channel of tokens, as in Go, so a ``go()`` over the limit waits as
``[chan send]``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from . import context, sync
from ._chan import Chan
from ._errors import Panic
from ._runtime import check_fn, getsched

__all__ = ["Group", "with_context"]

#: pytest leaves this module's frames out of tracebacks (it reads a module-level
#: ``__tracebackhide__``); in IPython, goconc._ipython drops every goconc frame.
__tracebackhide__ = True


def _check(fn: object) -> None:
    # Before a limit token is taken: a bad call must not use up a slot.
    if not callable(fn):
        raise TypeError(f"errgroup: cannot call non-function {fn!r}")
    check_fn(fn, "errgroup.Group.go")  # an async def or generator function would run nothing


class Group:
    """A collection of goroutines working on subtasks of one task (Go's ``errgroup.Group``).

    A new Group has no limit and cancels nothing. Do not reuse a Group for
    another task.
    """

    __slots__ = ("_cancel", "_err", "_errset", "_sem", "_wg")

    def __init__(self) -> None:
        self._cancel: context.CancelCauseFunc | None = None
        self._wg = sync.WaitGroup()
        #: The limit's tokens: one per active goroutine; None means no limit.
        self._sem: Chan[None] | None = None
        self._err: Exception | None = None
        self._errset = False  # Go's errOnce

    def go(self, fn: Callable[..., Any], /, *args: Any) -> None:
        """Call ``fn(*args)`` in a new goroutine.

        Waits first, while the group is at its limit. The first exception a
        function raises is kept for ``wait()`` and cancels the group's context.
        The first ``go()`` must happen before ``wait()``.
        """
        _check(fn)
        if self._sem is not None:
            self._sem.send(None)
        self._start(fn, args, sys._getframe(1))

    def try_go(self, fn: Callable[..., Any], /, *args: Any) -> bool:
        """Call ``fn(*args)`` in a new goroutine only if the group is below its limit.

        Returns:
            Whether the goroutine was started.
        """
        _check(fn)
        if self._sem is not None and not self._sem._trysend(None):
            return False
        self._start(fn, args, sys._getframe(1))
        return True

    def _start(self, fn: Callable[..., Any], args: tuple[Any, ...], site: Any) -> None:
        self._wg.add(1)
        getsched().newproc(self._run, (fn, args), {}, site)

    def _run(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        try:
            fn(*args)
        except Panic:
            raise  # a panic is not an error: it crashes the program, as in Go
        except Exception as err:
            if not self._errset:
                self._errset = True
                self._err = err
                if self._cancel is not None:
                    self._cancel(err)
        self._done()

    def _done(self) -> None:
        if self._sem is not None:
            self._sem.recv()
        self._wg.done()

    def wait(self) -> None:
        """Wait until every function started by ``go()`` has returned.

        Then cancels the group's context (if any) and raises the first
        exception a function raised, if one did.
        """
        self._wg.wait()
        if self._cancel is not None:
            self._cancel(self._err)
        if self._err is not None:
            raise self._err

    def set_limit(self, n: int) -> None:
        """Allow at most ``n`` active goroutines; a negative ``n`` means no limit.

        With ``n == 0`` no goroutine can be added. Later ``go()`` calls wait
        until they can start one without exceeding the limit.

        Raises:
            Panic: ``errgroup: modify limit while N goroutines in the group
                are still active``.
        """
        if n < 0:
            self._sem = None
            return
        active = len(self._sem) if self._sem is not None else 0
        if active != 0:
            raise Panic(f"errgroup: modify limit while {active} goroutines in the group "
                        f"are still active")
        self._sem = Chan(None, n)

    def __repr__(self) -> str:
        limit = f" limit={self._sem.cap}" if self._sem is not None else ""
        err = f" err={self._err!r}" if self._err is not None else ""
        return f"<errgroup.Group active={self._wg._n}{limit}{err}>"


def with_context(ctx: context.Context) -> tuple[Group, context.Context]:
    """A new Group and a context derived from ``ctx``.

    The context is cancelled the first time a function started by ``go()``
    raises (``context.cause(ctx)`` is that exception), or when ``wait()``
    returns, whichever comes first.
    """
    gctx, cancel = context.with_cancel_cause(ctx)
    g = Group()
    g._cancel = cancel
    return g, gctx
