"""Semaphores and notify lists: Go's ``runtime/sema.go`` in Python.

``sync``'s Mutex, RWMutex and WaitGroup sleep on a ``Sema`` and Cond on a
``NotifyList``, as Go's do, so goroutines wake in Go's order: a release
readies the longest waiter (``goready``, so it goes into ``runnext``), a
waiter that must wait again may queue at the front (``lifo``), and a release
with ``handoff`` gives the count straight to the waiter and lets it run at
once (``goyield``).
"""

from __future__ import annotations

from collections import deque

from ._runtime import Goroutine, getsched, goready

__all__ = ["NotifyList", "Sema"]

#: pytest leaves this module's frames out of tracebacks (it reads a module-level
#: ``__tracebackhide__``); in IPython, goconc._ipython drops every goconc frame.
__tracebackhide__ = True


class _Waiter:
    """A goroutine asleep on a semaphore (Go's ``sudog`` in a ``semaRoot``)."""

    __slots__ = ("g", "ticket")

    def __init__(self, g: Goroutine) -> None:
        self.g = g
        #: Set by a handoff release: the count was taken on this waiter's behalf.
        self.ticket = False


class Sema:
    """A counting semaphore with a queue of sleepers (Go's ``semacquire``/``semrelease``).

    The count starts at 0. ``acquire`` takes one if there is one, else sleeps
    until a ``release`` wakes it and it can take one; ``release`` adds one and
    wakes the first sleeper.
    """

    __slots__ = ("n", "waiters")

    def __init__(self) -> None:
        self.n = 0
        self.waiters: deque[_Waiter] = deque()

    def acquire(self, reason: str, lifo: bool = False) -> None:
        """Go's ``semacquire1``: sleep with wait reason ``reason`` until a count is ours.

        ``lifo`` queues at the front: a Mutex waiter that was woken but lost
        the lock to a running goroutine waits first in line again.
        """
        if self.n > 0:
            self.n -= 1
            return
        s = getsched()
        w = _Waiter(s.cur)  # type: ignore[arg-type]
        while True:
            if lifo:
                self.waiters.appendleft(w)
            else:
                self.waiters.append(w)
            try:
                s.park(reason)
            except BaseException:
                # Unwound while asleep (the program is stopping).
                if w in self.waiters:
                    self.waiters.remove(w)
                raise
            if w.ticket:
                return
            if self.n > 0:
                self.n -= 1
                return
            # Woken, but a running goroutine took the count first: sleep again.

    def release(self, handoff: bool = False) -> None:
        """Go's ``semrelease1``: add one to the count and wake the first sleeper.

        With ``handoff`` (a Mutex in starvation mode) the count goes straight
        to that sleeper, and the caller yields so that it runs now.
        """
        self.n += 1
        if not self.waiters:
            return
        w = self.waiters.popleft()
        if handoff and self.n > 0:
            self.n -= 1
            w.ticket = True
        goready(w.g)
        if w.ticket:
            w.g.sched.goyield()


class NotifyList:
    """Go's ``notifyList``: the tickets behind ``sync.Cond``.

    ``add`` takes a ticket before the caller unlocks; ``wait`` sleeps unless
    the ticket was notified in between; ``notify_one`` wakes the holder of
    the oldest unnotified ticket, ``notify_all`` every sleeper in the order
    they went to sleep.
    """

    __slots__ = ("notify", "wait_", "waiters")

    def __init__(self) -> None:
        self.wait_ = 0  # the next ticket
        self.notify = 0  # the next ticket to be notified
        self.waiters: deque[tuple[int, Goroutine]] = deque()

    def add(self) -> int:
        """Go's ``notifyListAdd``: take a ticket."""
        t = self.wait_
        self.wait_ += 1
        return t

    def wait(self, t: int, reason: str) -> None:
        """Go's ``notifyListWait``: sleep until ticket ``t`` is notified."""
        if t < self.notify:
            return
        s = getsched()
        g = s.cur
        assert g is not None
        entry = (t, g)
        self.waiters.append(entry)
        try:
            s.park(reason)
        except BaseException:
            if entry in self.waiters:
                self.waiters.remove(entry)
            raise

    def notify_one(self) -> None:
        """Go's ``notifyListNotifyOne``: wake the holder of the oldest ticket."""
        if self.wait_ == self.notify:
            return
        t = self.notify
        self.notify += 1
        for entry in self.waiters:
            if entry[0] == t:
                self.waiters.remove(entry)
                goready(entry[1])
                return
        # Its holder has not gone to sleep yet; its wait() will return at once.

    def notify_all(self) -> None:
        """Go's ``notifyListNotifyAll``: wake every sleeper, in list order."""
        if self.wait_ == self.notify:
            return
        self.notify = self.wait_
        waiters = self.waiters
        self.waiters = deque()
        for _, g in waiters:
            goready(g)
