"""golang.org/x/sync/semaphore: a weighted semaphore with FIFO waiters.

Follows ``semaphore/semaphore.go`` (x/sync v0.20.0). Waiters are served in
arrival order, and a waiter that does not fit blocks every waiter behind it,
so a large request is not starved by a stream of small ones.

Go's ``Acquire`` returns ``ctx.Err()`` when the context ends first; here
``acquire`` *raises* that exception (``context.Canceled`` or
``context.DeadlineExceeded``) and leaves the semaphore unchanged::

    try:
        sem.acquire(ctx, 1)
    except context.DeadlineExceeded:
        ...
"""

from __future__ import annotations

from typing import NoReturn

from . import context
from ._chan import Chan, default, recv, select
from ._errors import Panic

__all__ = ["Weighted"]

#: pytest leaves this module's frames out of tracebacks (it reads a module-level
#: ``__tracebackhide__``); in IPython, goconc._ipython drops every goconc frame.
__tracebackhide__ = True


class _Waiter:
    """A blocked ``acquire``: its weight and the channel closed when it gets it."""

    __slots__ = ("n", "ready")

    def __init__(self, n: int) -> None:
        self.n = n
        self.ready: Chan[None] = Chan()


def _fail(ctx: context.Context) -> NoReturn:
    err = ctx.err()
    assert err is not None
    # One error object is shared by every waiter of ctx: raise it without the
    # frames of earlier raises.
    raise err.with_traceback(None)


class Weighted:
    """A semaphore of total weight ``n`` (Go's ``semaphore.NewWeighted(n)``).

    Invariant: ``0 <= cur <= size`` (``cur`` is the weight held), and
    ``waiters`` (a dict used as an ordered set, Go's ``list.List``) is
    non-empty only while its head does not fit.
    """

    __slots__ = ("_cur", "_size", "_waiters")

    def __init__(self, n: int) -> None:
        self._size = n
        self._cur = 0
        self._waiters: dict[_Waiter, None] = {}

    def acquire(self, ctx: context.Context, n: int = 1) -> None:
        """Acquire weight ``n``, waiting until it is available or ``ctx`` is done.

        A context that is already done wins, even if the weight is free. A
        request larger than the semaphore's size waits for ``ctx`` without
        holding up the others.

        Raises:
            context.Canceled, context.DeadlineExceeded: ``ctx.err()`` when
                ``ctx`` ended first; the semaphore is then unchanged.
        """
        done = ctx.done()
        if done is not None and select(recv(done), default)[0] == 0:
            # ctx was done before this call: fail even if we could acquire.
            _fail(ctx)
        if self._size - self._cur >= n and not self._waiters:
            self._cur += n
            return
        if n > self._size:
            # Doomed: do not make the other acquires wait behind this one.
            select(recv(done))
            _fail(ctx)

        w = _Waiter(n)
        self._waiters[w] = None
        i, _ = select(recv(done), recv(w.ready))
        if i == 0:
            if w.ready.closed:
                # Acquired after ctx was done: pretend we did not.
                self._cur -= n
                self._notify_waiters()
            else:
                is_front = next(iter(self._waiters)) is w
                del self._waiters[w]
                # At the front with weight left over: the next ones may fit now.
                if is_front and self._size > self._cur:
                    self._notify_waiters()
            _fail(ctx)
        # Acquired. Check that ctx is not done meanwhile.
        if done is not None and select(recv(done), default)[0] == 0:
            self.release(n)
            _fail(ctx)

    def try_acquire(self, n: int = 1) -> bool:
        """Acquire weight ``n`` without waiting; False (and no change) if it is not free
        or others are already waiting."""
        if self._size - self._cur >= n and not self._waiters:
            self._cur += n
            return True
        return False

    def release(self, n: int = 1) -> None:
        """Give back weight ``n`` and wake the waiters at the front that now fit.

        Raises:
            Panic: ``semaphore: released more than held``.
        """
        self._cur -= n
        if self._cur < 0:
            raise Panic("semaphore: released more than held")
        self._notify_waiters()

    def _notify_waiters(self) -> None:
        waiters = self._waiters
        while waiters:
            w = next(iter(waiters))
            if self._size - self._cur < w.n:
                # The head does not fit: everyone behind it waits too, even
                # smaller requests, or a large request could starve.
                break
            self._cur += w.n
            del waiters[w]
            w.ready.close()

    def __repr__(self) -> str:
        return (f"<semaphore.Weighted size={self._size} held={self._cur} "
                f"waiters={len(self._waiters)}>")
