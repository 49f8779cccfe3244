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

import sys
from collections import deque
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

from ._errors import Fatal, Panic
from ._runtime import Goroutine, getsched, goready

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

K = TypeVar("K")
V = TypeVar("V")
R = TypeVar("R")


def _wait(q: deque[Goroutine], reason: str) -> None:
    """Park the running goroutine on ``q`` until someone pops it and readies it."""
    __tracebackhide__ = True  # IPython and pytest hide goconc's own frames
    s = getsched()
    g = s.cur
    assert g is not None
    q.append(g)
    try:
        s.park(reason)
    except BaseException:
        # Unwound while waiting (the program is stopping): leave the queue clean.
        if g in q:
            q.remove(g)
        raise


class WaitGroup:
    """Waits for a collection of goroutines to finish (Go's ``sync.WaitGroup``).

    ``add(n)`` before starting work, ``done()`` when a piece finishes,
    ``wait()`` blocks until the counter is zero. ``go(fn, *args)`` does all
    three bookkeeping steps for one goroutine. Several goroutines may wait;
    the group may be reused once every earlier ``wait`` has returned.
    """

    __slots__ = ("_n", "_waiters")

    def __init__(self) -> None:
        self._n = 0
        self._waiters: deque[Goroutine] = deque()

    def add(self, delta: int) -> None:
        """Add ``delta`` (which may be negative) to the counter.

        Raises:
            Panic: ``sync: negative WaitGroup counter``.
        """
        __tracebackhide__ = True  # IPython and pytest hide goconc's own frames
        n = self._n + delta
        if n < 0:
            raise Panic("sync: negative WaitGroup counter")
        self._n = n
        if n == 0 and self._waiters:
            # The counter reached zero: release every waiter.
            waiters = self._waiters
            self._waiters = deque()
            for g in waiters:
                goready(g)

    def done(self) -> None:
        """Decrement the counter by one (``defer wg.Done()`` in Go)."""
        __tracebackhide__ = True  # IPython and pytest hide goconc's own frames
        n = self._n - 1
        if n > 0:  # the common case, spelled out: nobody to release, nothing to report
            self._n = n
            return
        self.add(-1)

    def wait(self) -> None:
        """Block until the counter is zero; return at once if it already is."""
        __tracebackhide__ = True  # IPython and pytest hide goconc's own frames
        if self._n == 0:
            return
        _wait(self._waiters, "sync.WaitGroup.Wait")

    def go(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> None:
        """Run ``fn(*args, **kwargs)`` in a new goroutine counted by the group (Go's ``wg.Go``).

        If ``fn`` raises, ``done`` is not called and the exception crashes the
        program, while ``wait`` is still blocked, as in Go.
        """
        self.add(1)
        getsched().newproc(fn, args, kwargs, sys._getframe(1), ondone=self.done)

    def __repr__(self) -> str:
        return f"<sync.WaitGroup counter={self._n} waiters={len(self._waiters)}>"


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
    may unlock it. An unlock hands the lock straight to the longest waiter.
    """

    __slots__ = ("_locked", "_waiters")

    def __init__(self) -> None:
        self._locked = False
        self._waiters: deque[Goroutine] = deque()

    def lock(self) -> None:
        """Lock; if the lock is held, block until it is handed to us."""
        __tracebackhide__ = True  # IPython and pytest hide goconc's own frames
        if not self._locked:
            self._locked = True
            return
        _wait(self._waiters, "sync.Mutex.Lock")

    def try_lock(self) -> bool:
        """Lock if the lock is free; True if it did. (Go: rarely the right tool.)"""
        if self._locked:
            return False
        self._locked = True
        return True

    def unlock(self) -> None:
        """Unlock, handing the lock to the first waiting goroutine if there is one.

        Raises:
            Fatal: ``sync: unlock of unlocked mutex`` (Go cannot recover this).
        """
        __tracebackhide__ = True  # IPython and pytest hide goconc's own frames
        if not self._locked:
            raise Fatal("sync: unlock of unlocked mutex")
        if self._waiters:
            goready(self._waiters.popleft())  # still locked: now held by the woken goroutine
        else:
            self._locked = False

    # ``with mu:`` is the book's idiom, so its uncontended path is spelled out.
    def __enter__(self) -> Self:
        if self._locked:
            self.lock()
        else:
            self._locked = True
        return self

    def __exit__(self, et: type[BaseException] | None, e: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._locked and not self._waiters:
            self._locked = False
        else:
            self.unlock()

    def __repr__(self) -> str:
        state = "locked" if self._locked else "unlocked"
        return f"<sync.Mutex {state} waiters={len(self._waiters)}>"


class Locker(_Lock):
    """Something with ``lock()`` and ``unlock()`` (Go's ``sync.Locker``), usable in ``with``."""

    __slots__ = ("_lock", "_unlock")

    def __init__(self, lock: Callable[[], None], unlock: Callable[[], None]) -> None:
        self._lock = lock
        self._unlock = unlock

    def lock(self) -> None:
        """Acquire."""
        __tracebackhide__ = True  # IPython and pytest hide goconc's own frames
        self._lock()

    def unlock(self) -> None:
        """Release."""
        __tracebackhide__ = True  # IPython and pytest hide goconc's own frames
        self._unlock()


class RWMutex(_Lock):
    """A reader/writer lock (Go's ``sync.RWMutex``): many readers or one writer.

    A writer waiting in ``lock()`` keeps new readers out, so writers are not
    starved (and a recursive ``rlock`` can deadlock). When the writer
    unlocks, the readers that queued behind it go first. ``with mu:`` is the
    writer's lock; ``with mu.rlocker():`` the reader's.
    """

    __slots__ = ("_readers", "_rwait", "_writer", "_wwait")

    def __init__(self) -> None:
        self._readers = 0
        self._writer = False
        self._rwait: deque[Goroutine] = deque()
        self._wwait: deque[Goroutine] = deque()

    def rlock(self) -> None:
        """Lock for reading; blocks while a writer holds the lock or waits for it."""
        __tracebackhide__ = True  # IPython and pytest hide goconc's own frames
        if self._writer or self._wwait:
            _wait(self._rwait, "sync.RWMutex.RLock")  # counted in by the writer's unlock
            return
        self._readers += 1

    def try_rlock(self) -> bool:
        """Lock for reading if no writer holds or awaits the lock; True if it did."""
        if self._writer or self._wwait:
            return False
        self._readers += 1
        return True

    def runlock(self) -> None:
        """Undo one ``rlock``; the last reader out lets a waiting writer in.

        Raises:
            Fatal: ``sync: RUnlock of unlocked RWMutex``.
        """
        __tracebackhide__ = True  # IPython and pytest hide goconc's own frames
        if self._readers <= 0:
            raise Fatal("sync: RUnlock of unlocked RWMutex")
        self._readers -= 1
        if self._readers == 0 and self._wwait:
            self._writer = True
            goready(self._wwait.popleft())

    def lock(self) -> None:
        """Lock for writing; blocks until no reader or writer holds the lock."""
        __tracebackhide__ = True  # IPython and pytest hide goconc's own frames
        if self._writer or self._wwait:
            # Go's writers first take the RWMutex's inner Mutex, held by the
            # writer that holds or awaits the lock: Go's dump says Mutex.Lock.
            _wait(self._wwait, "sync.Mutex.Lock")  # the lock is handed over on wake
            return
        if self._readers:
            _wait(self._wwait, "sync.RWMutex.Lock")  # waiting only for the readers to leave
            return
        self._writer = True

    def try_lock(self) -> bool:
        """Lock for writing if nobody holds the lock; True if it did."""
        if self._writer or self._readers:
            return False
        self._writer = True
        return True

    def unlock(self) -> None:
        """Unlock for writing; readers waiting behind this writer go first.

        Raises:
            Fatal: ``sync: Unlock of unlocked RWMutex``.
        """
        __tracebackhide__ = True  # IPython and pytest hide goconc's own frames
        if not self._writer:
            raise Fatal("sync: Unlock of unlocked RWMutex")
        self._writer = False
        if self._rwait:
            readers = self._rwait
            self._rwait = deque()
            self._readers += len(readers)
            for g in readers:
                goready(g)
            if self._wwait:
                # The next writer now has Go's inner Mutex and waits for these readers.
                self._wwait[0].waitreason = "sync.RWMutex.Lock"
        elif self._wwait:
            self._writer = True
            goready(self._wwait.popleft())

    def rlocker(self) -> Locker:
        """A Locker whose ``lock``/``unlock`` are ``rlock``/``runlock``; usable in ``with``."""
        return Locker(self.rlock, self.runlock)

    def __repr__(self) -> str:
        state = "write-locked" if self._writer else f"readers={self._readers}"
        return (f"<sync.RWMutex {state} waiting readers={len(self._rwait)} "
                f"writers={len(self._wwait)}>")


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
        __tracebackhide__ = True  # IPython and pytest hide goconc's own frames
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
        __tracebackhide__ = True  # IPython and pytest hide goconc's own frames
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
        __tracebackhide__ = True  # IPython and pytest hide goconc's own frames
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
    ``signal()`` wakes one waiter and ``broadcast()`` all; with nobody
    waiting they do nothing (a Cond has no memory of signals).
    """

    __slots__ = ("L", "_waiters")

    def __init__(self, lock: Mutex | RWMutex | Locker) -> None:
        self.L = lock
        self._waiters: deque[Goroutine] = deque()

    def wait(self) -> None:
        """Unlock ``L``, wait for a signal, lock ``L`` again."""
        __tracebackhide__ = True  # IPython and pytest hide goconc's own frames
        s = getsched()
        g = s.cur
        assert g is not None
        # Unlock and park with no switch in between: no signal can be missed.
        self._waiters.append(g)
        self.L.unlock()
        try:
            s.park("sync.Cond.Wait")
        except BaseException:
            if g in self._waiters:
                self._waiters.remove(g)
            raise
        self.L.lock()

    def signal(self) -> None:
        """Wake one waiting goroutine, if any."""
        if self._waiters:
            goready(self._waiters.popleft())

    def broadcast(self) -> None:
        """Wake every waiting goroutine."""
        waiters = self._waiters
        self._waiters = deque()
        for g in waiters:
            goready(g)


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
        __tracebackhide__ = True  # IPython and pytest hide goconc's own frames
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
        __tracebackhide__ = True  # IPython and pytest hide goconc's own frames
        prev = self.load(key)
        self._m[key] = value
        return prev

    def compare_and_swap(self, key: K, old: V, new: V) -> bool:
        """Store ``new`` if the current value equals ``old``; True if it did."""
        __tracebackhide__ = True  # IPython and pytest hide goconc's own frames
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
