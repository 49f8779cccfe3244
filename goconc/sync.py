"""Go's ``sync`` package: WaitGroup, Mutex, RWMutex, Once, Cond and Map.

Follows ``sync/waitgroup.go``, ``sync/mutex.go``, ``sync/rwmutex.go``,
``sync/once.go``, ``sync/oncefunc.go`` and ``sync/cond.go``. Waiting
goroutines park on the scheduler (no busy-waiting) and show Go's wait reasons
in a deadlock dump: ``[sync.WaitGroup.Wait]``, ``[sync.Mutex.Lock]``,
``[sync.RWMutex.RLock]``, ``[sync.RWMutex.Lock]``, ``[sync.Cond.Wait]``.
Misusing a lock is one of Go's fatal errors (``goconc.Fatal``), which
``except Exception`` does not catch; a negative WaitGroup counter is a panic.
"""

from __future__ import annotations

import operator
import sys
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

from ._errors import Fatal, Panic
from ._runtime import getsched
from ._sema import NotifyList, Sema

__all__ = [
    "Cond",
    "Locker",
    "Map",
    "Mutex",
    "Once",
    "RWMutex",
    "WaitGroup",
    "once_func",
    "once_value",
]

#: pytest leaves this module's frames out of tracebacks (it reads a module-level
#: ``__tracebackhide__``); in IPython, goconc._ipython drops every goconc frame.
__tracebackhide__ = True

K = TypeVar("K")
V = TypeVar("V")
R = TypeVar("R")


#: Mutex.state's bits, as in Go's internal/sync/mutex.go.
_LOCKED = 1
_WOKEN = 2
_STARVING = 4
_WAITER_SHIFT = 3
#: A waiter that has waited longer than this (on the program's clock) turns
#: the Mutex to starvation mode: Go's starvationThresholdNs.
_STARVATION_NS = 1_000_000
#: RWMutex.reader_count is pushed this far below zero while a writer is in.
_MAX_READERS = 1 << 30


#: CPython's one small int 1 (an identity test is cheaper than a type test).
_ONE = 1


def _count(delta: object) -> int:
    """``delta`` as an int, or the TypeError Go's compiler would give (Add takes an int)."""
    try:
        return operator.index(delta)  # type: ignore[arg-type]
    except TypeError:
        cut = " (truncated)" if isinstance(delta, float) and not delta.is_integer() else ""
        raise TypeError(f"cannot use {delta!r} (value of type {type(delta).__name__}) as int "
                        f"value in argument to WaitGroup.add{cut}") from None


class WaitGroup:
    """Waits for a collection of goroutines to finish (Go's ``sync.WaitGroup``).

    ``add(n)`` before starting work, ``done()`` when a piece finishes,
    ``wait()`` blocks until the counter is zero. ``go(fn, *args)`` does all
    three bookkeeping steps for one goroutine. Several goroutines may wait;
    the group may be reused once every earlier ``wait`` has returned. The
    ``add`` that brings the counter to zero wakes the waiters in the order
    they began to wait, as Go's does (so, through ``runnext``, the last of
    them runs first).
    """

    __slots__ = ("_n", "_sema", "_w")

    def __init__(self) -> None:
        self._n = 0  # the counter (the high half of Go's state)
        self._w = 0  # waiters (the low half)
        self._sema = Sema()

    def add(self, delta: int) -> None:
        """Add ``delta`` (which may be negative) to the counter.

        Raises:
            Panic: ``sync: negative WaitGroup counter``.
        """
        if delta is not _ONE and type(delta) is not int:  # add(1), the usual, spelled out
            delta = _count(delta)  # an int-like delta, or a TypeError
        n = self._n + delta
        if n < 0:
            self._n = n  # as in Go, the counter stays broken
            raise Panic("sync: negative WaitGroup counter")
        self._n = n
        if n > 0 or self._w == 0:
            return
        # The counter reached zero: release every waiter.
        w = self._w
        self._w = 0
        for _ in range(w):
            self._sema.release()

    def done(self) -> None:
        """Decrement the counter by one (``defer wg.Done()`` in Go)."""
        n = self._n - 1
        if n > 0:  # the common case, spelled out: nobody to release, nothing to report
            self._n = n
            return
        self.add(-1)

    def wait(self) -> None:
        """Block until the counter is zero; return at once if it already is.

        Raises:
            Panic: ``sync: WaitGroup is reused before previous Wait has
                returned`` when ``add`` starts the counter again before this
                waiter, already released, got to run.
        """
        if self._n == 0:
            return
        self._w += 1
        try:
            self._sema.acquire("sync.WaitGroup.Wait")
        except BaseException:
            if self._w:
                self._w -= 1
            raise
        if self._n or self._w:
            raise Panic("sync: WaitGroup is reused before previous Wait has returned")

    def go(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> None:
        """Run ``fn(*args, **kwargs)`` in a new goroutine counted by the group (Go's ``wg.Go``).

        If ``fn`` raises, ``done`` is not called and the exception crashes the
        program, while ``wait`` is still blocked, as in Go.
        """
        self.add(1)
        getsched().newproc(fn, args, kwargs, sys._getframe(1), ondone=self.done)

    def __repr__(self) -> str:
        return f"<sync.WaitGroup counter={self._n} waiters={self._w}>"


class _Lock:
    """``with lock:`` for anything with ``lock()`` and ``unlock()`` (Go's ``sync.Locker``)."""

    __slots__ = ()

    def lock(self) -> None:
        raise NotImplementedError

    def unlock(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        self.lock()
        return self

    def __exit__(self, et: type[BaseException] | None, e: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.unlock()


class Mutex(_Lock):
    """A mutual exclusion lock (Go's ``sync.Mutex``); ``with mu:`` locks and unlocks.

    Not reentrant: locking it twice in one goroutine blocks forever (a
    deadlock if nothing else can run). Not tied to a goroutine: another one
    may unlock it. Not FIFO: as in Go's normal mode, ``unlock`` only wakes
    the first waiter, and a goroutine that is still running may lock again
    before it runs (the woken waiter then waits again, first in line). A
    waiter that has waited more than 1 ms turns the mutex to starvation
    mode, where ``unlock`` hands the lock straight to the first waiter.
    The algorithm is Go's ``internal/sync/mutex.go``, line by line; with one
    thread there is no spinning, and every compare-and-swap succeeds.
    """

    __slots__ = ("_sema", "_state")

    def __init__(self) -> None:
        self._state = 0
        self._sema = Sema()

    def lock(self) -> None:
        """Lock; if the lock is held, block until this goroutine gets it."""
        if not self._state:
            self._state = 1  # _LOCKED: the fast path, spelled out
            return
        self._lock_slow()

    def _lock_slow(self) -> None:
        wait_start = -1  # not waited yet (Go uses 0: its clock is never 0, ours starts there)
        starving = False
        awoke = False
        old = self._state
        while True:
            new = old
            if not old & _STARVING:
                new |= _LOCKED  # don't try to take a starving mutex: newcomers queue
            if old & (_LOCKED | _STARVING):
                new += 1 << _WAITER_SHIFT
            if starving and old & _LOCKED:
                new |= _STARVING
            if awoke:
                new &= ~_WOKEN
            self._state = new
            if not old & (_LOCKED | _STARVING):
                return  # locked it
            lifo = wait_start >= 0
            s = getsched()
            if wait_start < 0:
                wait_start = s.nanotime()
            self._sema.acquire("sync.Mutex.Lock", lifo)
            starving = starving or s.nanotime() - wait_start > _STARVATION_NS
            old = self._state
            if old & _STARVING:
                # Handed to us directly: fix the state and go.
                delta = _LOCKED - (1 << _WAITER_SHIFT)
                if not starving or old >> _WAITER_SHIFT == 1:
                    delta -= _STARVING  # the last waiter, or not starving: leave the mode
                self._state += delta
                return
            awoke = True

    def try_lock(self) -> bool:
        """Lock if the lock is free; True if it did. (Go: rarely the right tool.)"""
        old = self._state
        if old & (_LOCKED | _STARVING):
            return False
        self._state = old | _LOCKED
        return True

    def unlock(self) -> None:
        """Unlock, waking the first waiting goroutine if there is one.

        Raises:
            Fatal: ``sync: unlock of unlocked mutex`` (Go cannot recover this).
        """
        if self._state == 1:  # _LOCKED alone: nobody waits, the fast path
            self._state = 0
            return
        self._unlock_slow(self._state - _LOCKED)

    def _unlock_slow(self, new: int) -> None:
        if not (new + _LOCKED) & _LOCKED:
            raise Fatal("sync: unlock of unlocked mutex")
        self._state = new
        if not new & _STARVING:
            # Normal mode: wake one waiter, unless there is none, or one is
            # already awake, or someone took the lock meanwhile.
            if new >> _WAITER_SHIFT == 0 or new & (_LOCKED | _WOKEN | _STARVING):
                return
            self._state = (new - (1 << _WAITER_SHIFT)) | _WOKEN
            self._sema.release()
        else:
            # Starvation mode: hand the lock to the first waiter, which runs now.
            self._sema.release(handoff=True)

    # ``with mu:`` is the book's idiom, so its uncontended path is spelled out.
    def __enter__(self) -> Self:
        if not self._state:
            self._state = 1  # _LOCKED
        else:
            self._lock_slow()
        return self

    def __exit__(self, et: type[BaseException] | None, e: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._state == 1:  # _LOCKED alone
            self._state = 0
        else:
            self._unlock_slow(self._state - _LOCKED)

    def __repr__(self) -> str:
        state = "locked" if self._state & _LOCKED else "unlocked"
        return f"<sync.Mutex {state} waiters={self._state >> _WAITER_SHIFT}>"


class Locker(_Lock):
    """Something with ``lock()`` and ``unlock()`` (Go's ``sync.Locker``), usable in ``with``."""

    __slots__ = ("_lock", "_unlock")

    def __init__(self, lock: Callable[[], None], unlock: Callable[[], None]) -> None:
        self._lock = lock
        self._unlock = unlock

    def lock(self) -> None:
        """Acquire."""
        self._lock()

    def unlock(self) -> None:
        """Release."""
        self._unlock()


class RWMutex(_Lock):
    """A reader/writer lock (Go's ``sync.RWMutex``): many readers or one writer.

    A writer waiting in ``lock()`` keeps new readers out, so writers are not
    starved (and a recursive ``rlock`` can deadlock). When the writer
    unlocks, the readers that queued behind it are let in, then the next
    writer. ``with mu:`` is the writer's lock; ``with mu.rlocker():`` the
    reader's. The algorithm is Go's ``sync/rwmutex.go``: writers exclude
    each other with a Mutex, then wait for the readers already in.
    """

    __slots__ = ("_reader_count", "_reader_sem", "_reader_wait", "_w", "_writer_sem")

    def __init__(self) -> None:
        self._w = Mutex()  # held by the writer that holds or awaits the lock
        self._writer_sem = Sema()  # the writer waits here for readers to leave
        self._reader_sem = Sema()  # readers wait here for the writer to leave
        #: Readers in; pushed below zero by _MAX_READERS while a writer is in or waits.
        self._reader_count = 0
        self._reader_wait = 0  # readers the waiting writer still waits for

    def rlock(self) -> None:
        """Lock for reading; blocks while a writer holds the lock or waits for it."""
        self._reader_count += 1
        if self._reader_count < 0:
            self._reader_sem.acquire("sync.RWMutex.RLock")

    def try_rlock(self) -> bool:
        """Lock for reading if no writer holds or awaits the lock; True if it did."""
        if self._reader_count < 0:
            return False
        self._reader_count += 1
        return True

    def runlock(self) -> None:
        """Undo one ``rlock``; the last reader out lets a waiting writer in.

        Raises:
            Fatal: ``sync: RUnlock of unlocked RWMutex``.
        """
        r = self._reader_count - 1
        if r < 0:
            if r + 1 == 0 or r + 1 == -_MAX_READERS:
                raise Fatal("sync: RUnlock of unlocked RWMutex")
            self._reader_count = r
            self._reader_wait -= 1
            if self._reader_wait == 0:
                self._writer_sem.release()  # the last reader out: the writer goes in
            return
        self._reader_count = r

    def lock(self) -> None:
        """Lock for writing; blocks until no reader or writer holds the lock."""
        self._w.lock()
        # Announce the writer to readers, then wait for those already in.
        r = self._reader_count
        self._reader_count = r - _MAX_READERS
        if r != 0:
            self._reader_wait += r
            if self._reader_wait != 0:
                self._writer_sem.acquire("sync.RWMutex.Lock")

    def try_lock(self) -> bool:
        """Lock for writing if nobody holds the lock; True if it did."""
        if not self._w.try_lock():
            return False
        if self._reader_count != 0:
            self._w.unlock()
            return False
        self._reader_count = -_MAX_READERS
        return True

    def unlock(self) -> None:
        """Unlock for writing: let in the readers that wait, then the next writer.

        Raises:
            Fatal: ``sync: Unlock of unlocked RWMutex``.
        """
        r = self._reader_count + _MAX_READERS
        if r >= _MAX_READERS:
            raise Fatal("sync: Unlock of unlocked RWMutex")
        self._reader_count = r
        for _ in range(r):
            self._reader_sem.release()
        self._w.unlock()

    def rlocker(self) -> Locker:
        """A Locker whose ``lock``/``unlock`` are ``rlock``/``runlock``; usable in ``with``."""
        return Locker(self.rlock, self.runlock)

    def __repr__(self) -> str:
        c = self._reader_count
        if c < 0 and not self._reader_wait:
            state = "write-locked"
        else:  # a waiting writer has pushed the count below zero
            state = f"readers={c + _MAX_READERS if c < 0 else c}"
        return (f"<sync.RWMutex {state} waiting readers={len(self._reader_sem.waiters)} "
                f"writers={self._w._state >> _WAITER_SHIFT}>")


class Once:
    """Runs a function exactly once (Go's ``sync.Once``).

    Only the first ``do`` calls its function, even if later calls pass
    another; no ``do`` returns before that call has returned. A function
    that raises still counts as done. Calling ``do`` from inside the function
    deadlocks, as in Go.
    """

    __slots__ = ("_done", "_m")

    def __init__(self) -> None:
        self._done = False
        self._m = Mutex()

    def do(self, f: Callable[[], Any]) -> None:
        """Call ``f()`` if and only if this is the first ``do`` of this Once."""
        if self._done:
            return
        with self._m:
            if not self._done:
                try:
                    f()
                finally:
                    self._done = True


def once_func(f: Callable[[], Any]) -> Callable[[], None]:
    """A function that calls ``f`` only once (Go 1.21's ``sync.OnceFunc``).

    If ``f`` raises, every call raises the same exception again.
    """
    value = once_value(f)

    def call() -> None:
        value()

    return call


def once_value(f: Callable[[], R]) -> Callable[[], R]:
    """A function that calls ``f`` once and returns its value on every call (``sync.OnceValue``).

    If ``f`` raises, every call raises the same exception again. Go's
    ``OnceValues`` is the same function here: return a tuple.
    """
    once = Once()
    result: list[R] = []
    failure: list[BaseException] = []

    def call() -> R:
        def first() -> None:
            try:
                result.append(f())
            except BaseException as e:
                failure.append(e)
                raise
        once.do(first)
        if failure:
            raise failure[0]
        return result[0]

    return call


once_values = once_value


class Cond:
    """A condition variable (Go's ``sync.Cond``) over a Locker ``L``.

    ``wait()`` unlocks ``L`` and parks in one step, then locks ``L`` again
    before returning; wait in a loop that rechecks the condition.
    ``signal()`` wakes the longest waiter and ``broadcast()`` all, in the
    order they began to wait; with nobody waiting they do nothing (a Cond has
    no memory of signals). Go's tickets (``notifyList``) decide who is woken.
    """

    __slots__ = ("L", "_notify")

    def __init__(self, lock: Mutex | RWMutex | Locker) -> None:
        self.L = lock
        self._notify = NotifyList()

    def wait(self) -> None:
        """Unlock ``L``, wait for a signal, lock ``L`` again.

        ``L`` is locked again however the wait ends: also when the goroutine is
        unwound (its program ends) or interrupted while it waits, as
        ``threading.Condition.wait`` re-acquires in a ``finally``. So the
        ``with cv.L:`` around the wait unlocks it exactly once.
        """
        # The ticket is taken before unlocking: a signal in between is not missed.
        t = self._notify.add()
        self.L.unlock()
        try:
            self._notify.wait(t, "sync.Cond.Wait")
        finally:
            self.L.lock()

    def signal(self) -> None:
        """Wake one waiting goroutine, if any."""
        self._notify.notify_one()

    def broadcast(self) -> None:
        """Wake every waiting goroutine."""
        self._notify.notify_all()


class Map(Generic[K, V]):
    """A map safe for concurrent use (Go's ``sync.Map``).

    Go reaches for it when keys are written once and read many times, or
    when goroutines touch disjoint keys; otherwise a dict behind a Mutex is
    simpler and as fast. ``load`` returns ``(value, ok)`` like Go.
    """

    __slots__ = ("_m",)

    def __init__(self) -> None:
        self._m: dict[K, V] = {}

    def load(self, key: K) -> tuple[V | None, bool]:
        """The value for ``key`` and whether it was there."""
        try:
            return self._m[key], True
        except KeyError:
            return None, False

    def store(self, key: K, value: V) -> None:
        """Set the value for ``key``."""
        self._m[key] = value

    def load_or_store(self, key: K, value: V) -> tuple[V, bool]:
        """The existing value and True, or store ``value`` and return it with False."""
        m = self._m
        if key in m:
            return m[key], True
        m[key] = value
        return value, False

    def load_and_delete(self, key: K) -> tuple[V | None, bool]:
        """Delete ``key``, returning its previous value and whether it was there."""
        try:
            return self._m.pop(key), True
        except KeyError:
            return None, False

    def delete(self, key: K) -> None:
        """Delete ``key`` (nothing happens if it is absent)."""
        self._m.pop(key, None)

    def swap(self, key: K, value: V) -> tuple[V | None, bool]:
        """Store ``value``, returning the previous value and whether there was one."""
        prev = self.load(key)
        self._m[key] = value
        return prev

    def compare_and_swap(self, key: K, old: V, new: V) -> bool:
        """Store ``new`` if the current value equals ``old``; True if it did."""
        m = self._m
        if key in m and m[key] == old:
            m[key] = new
            return True
        return False

    def compare_and_delete(self, key: K, old: V) -> bool:
        """Delete ``key`` if its value equals ``old``; True if it did."""
        m = self._m
        if key in m and m[key] == old:
            del m[key]
            return True
        return False

    def range(self, f: Callable[[K, V], bool]) -> None:
        """Call ``f(key, value)`` for each entry until it returns False.

        Like Go, it sees a snapshot-ish view: entries stored during the walk
        may or may not be visited.
        """
        for k, v in list(self._m.items()):
            if not f(k, v):
                return

    def clear(self) -> None:
        """Delete every entry."""
        self._m.clear()

    def __iter__(self) -> Iterator[tuple[K, V]]:
        """Pairs ``(key, value)``, for ``for k, v in m:`` (a snapshot)."""
        return iter(list(self._m.items()))

    def __repr__(self) -> str:
        return f"<sync.Map len={len(self._m)}>"
