"""Go's ``context`` package: cancellation, deadlines and request-scoped values.

Follows ``context/context.go``. A context is a node in a tree: ``background()``
is the root, and every ``with_*`` constructor derives a child. Cancelling a
node closes its ``done()`` channel and cancels every descendant, never the
parent or a sibling. The cancellable kinds keep a set of their children
(``cancelCtx.children`` in Go), so a cancel costs O(descendants) and nothing
polls; a child leaves its parent's set when it is cancelled, so a long-lived
parent does not accumulate dead children.

Errors are exception classes, since Go's ``error`` values are exceptions in
Python: ``ctx.err()`` returns an *instance* of ``Canceled`` or
``DeadlineExceeded`` (or None). Test for them the Python way, or the Go way::

    isinstance(ctx.err(), context.DeadlineExceeded)   # errors.Is(err, context.DeadlineExceeded)
    ctx.err() == context.Canceled()                    # err == context.Canceled

(instances of one of these classes compare equal to each other, as Go's
sentinel errors do). A child cancelled by its parent reports the very same
error object as the parent.

The pair a ``with_cancel*``/``with_timeout*``/``with_deadline*`` constructor
returns is a real 2-tuple, so Go's ``ctx, cancel := ...`` reads
``ctx, cancel = ...``. It is also a context manager whose ``with`` block gets
the context and calls cancel on the way out, the Python spelling of
``defer cancel()``::

    with context.with_timeout(parent, 2 * time.Second) as ctx:
        fetch(ctx)

For ``with_cancel_cause`` the block's exception (if it raised an
``Exception``) becomes the cause; otherwise cancel is called with None.

Go's ``Context`` is an interface; here it is the ``Context`` protocol, and any
object with ``deadline()``, ``done()``, ``err()`` and ``value(key)`` works as a
parent. For such a custom parent, cancellation reaches the child through the
parent's ``after_func(f) -> stop`` method if it has one, or else through a
goroutine that waits on the parent's ``done()`` (as in Go).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Any, Protocol, runtime_checkable

from ._chan import Chan, RecvChan, default, recv, select
from ._errors import Panic
from ._runtime import VIRTUAL_EPOCH, Scheduler, getsched, submit_blocking
from ._runtime import Timer as _RTimer
from .time import Duration

__all__ = [
    "CancelCauseFunc",
    "CancelFunc",
    "Canceled",
    "Context",
    "ContextCancel",
    "ContextCancelCause",
    "DeadlineExceeded",
    "after_func",
    "background",
    "blocking",
    "cause",
    "todo",
    "with_cancel",
    "with_cancel_cause",
    "with_deadline",
    "with_deadline_cause",
    "with_timeout",
    "with_timeout_cause",
    "with_value",
    "without_cancel",
]

#: pytest leaves this module's frames out of tracebacks (it reads a module-level
#: ``__tracebackhide__``); in IPython, goconc._ipython drops every goconc frame.
__tracebackhide__ = True


# --- errors ---------------------------------------------------------------------


class Canceled(Exception):
    """``context canceled``: the error of a context cancelled by a cancel function.

    Go's ``context.Canceled`` is one sentinel value compared with ``==``;
    here it is a class, every instance equals every other, and ``ctx.err()``
    returns an instance: ``isinstance(err, context.Canceled)`` or
    ``err == context.Canceled()``.
    """

    def __init__(self, msg: str = "context canceled") -> None:
        super().__init__(msg)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def __repr__(self) -> str:
        return "context.Canceled()"


class DeadlineExceeded(TimeoutError):
    """``context deadline exceeded``: the error of a context whose deadline passed.

    A ``TimeoutError`` (Go's has ``Timeout() == true``). Every instance equals
    every other: ``isinstance(err, context.DeadlineExceeded)`` or
    ``err == context.DeadlineExceeded()``.
    """

    def __init__(self, msg: str = "context deadline exceeded") -> None:
        super().__init__(msg)

    def __str__(self) -> str:
        return "context deadline exceeded"

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def __repr__(self) -> str:
        return "context.DeadlineExceeded()"

    def timeout(self) -> bool:
        """Always True (Go's ``net.Error`` convention)."""
        return True

    def temporary(self) -> bool:
        """Always True (Go's ``net.Error`` convention)."""
        return True


# --- the interface ----------------------------------------------------------------


@runtime_checkable
class Context(Protocol):
    """What every context offers (Go's ``context.Context`` interface).

    Implement these four methods to make a context of your own; it can then
    be the parent of any ``with_*`` context.
    """

    def deadline(self) -> tuple[datetime | None, bool]:
        """When a deadline will cancel the context: ``(t, True)``, or ``(None, False)``."""
        ...

    def done(self) -> RecvChan[None] | None:
        """A channel closed when the context is cancelled (the same one on every
        call), or None when it can never be cancelled."""
        ...

    def err(self) -> BaseException | None:
        """None until ``done()`` is closed; then why (``Canceled``/``DeadlineExceeded``)."""
        ...

    def value(self, key: object) -> Any:
        """The value stored for ``key`` here or in the nearest ancestor, or None."""
        ...


#: ``cancel()``: cancels the context and its descendants; later calls do nothing.
CancelFunc = Callable[[], None]
#: ``cancel(cause)``: like CancelFunc, and sets the cause (None means ``Canceled``).
CancelCauseFunc = Callable[[BaseException | None], None]


class ContextCancel(tuple[Context, CancelFunc]):
    """``(ctx, cancel)`` as returned by ``with_cancel``/``with_timeout``/``with_deadline``.

    A plain 2-tuple to unpack, and also a context manager: ``with`` gives the
    context and calls ``cancel()`` at the end of the block.
    """

    __slots__ = ()

    def __enter__(self) -> Context:
        return self[0]

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None,
                 tb: TracebackType | None) -> None:
        self[1]()


class ContextCancelCause(tuple[Context, CancelCauseFunc]):
    """``(ctx, cancel)`` as returned by ``with_cancel_cause``.

    A plain 2-tuple to unpack, and also a context manager: ``with`` gives the
    context and calls ``cancel(e)`` at the end of the block, where ``e`` is the
    ``Exception`` that ended the block, or None.
    """

    __slots__ = ()

    def __enter__(self) -> Context:
        return self[0]

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None,
                 tb: TracebackType | None) -> None:
        self[1](ev if isinstance(ev, Exception) else None)


# --- Background and TODO ----------------------------------------------------------


class _EmptyCtx:
    """Never cancelled, no deadline, no values (Go's ``emptyCtx``)."""

    __slots__ = ()
    _name = ""

    def deadline(self) -> tuple[datetime | None, bool]:
        return None, False

    def done(self) -> RecvChan[None] | None:
        return None

    def err(self) -> BaseException | None:
        return None

    def value(self, key: object) -> Any:
        return None

    def __str__(self) -> str:
        return self._name

    def __repr__(self) -> str:
        return f"<{self._name}>"


class _BackgroundCtx(_EmptyCtx):
    __slots__ = ()
    _name = "context.Background"


class _TodoCtx(_EmptyCtx):
    __slots__ = ()
    _name = "context.TODO"


_BACKGROUND = _BackgroundCtx()
_TODO = _TodoCtx()


def background() -> Context:
    """The root of every context tree: never cancelled, no deadline, no values.

    ``done()`` is None (a select case on it never fires); ``str()`` is
    ``context.Background``.
    """
    return _BACKGROUND


def todo() -> Context:
    """Like ``background()``, for code that does not know yet which context to use."""
    return _TODO


# --- cancelCtx --------------------------------------------------------------------

#: The key under which a cancellable context answers ``value()`` with itself
#: (Go's ``&cancelCtxKey``): how ``cause()`` and propagation find the nearest one.
_CANCEL_CTX_KEY = object()

#: Handed out by ``done()`` of a context cancelled before anyone asked for its
#: channel (Go's ``closedchan``).
_closedchan: Chan[None] = Chan(name="ctx.done")
_closedchan.close()
_CLOSED = _closedchan.recv_only()


def _check_parent(parent: object) -> None:
    if parent is None:
        raise Panic("cannot create context from nil parent")


class _CancelCtx:
    """A context that can be cancelled (Go's ``cancelCtx``).

    Invariants: ``_err`` is None until the first cancel, which sets ``_err``
    and ``_cause``, closes the done channel and empties ``_children`` (to
    None). ``_children`` holds the package-made contexts to cancel with this
    one, in the order they were derived.
    """

    __slots__ = ("_cause", "_children", "_donec", "_donev", "_err", "_parent")

    def __init__(self) -> None:
        self._parent: Any = None
        self._donec: Chan[None] | None = None
        self._donev: RecvChan[None] | None = None
        self._children: dict[_CancelCtx, None] | None = None
        self._err: BaseException | None = None
        self._cause: BaseException | None = None

    def deadline(self) -> tuple[datetime | None, bool]:
        return self._parent.deadline()  # type: ignore[no-any-return]

    def done(self) -> RecvChan[None]:
        # Made lazily: many contexts are never watched.
        v = self._donev
        if v is None:
            c: Chan[None] = Chan(name="ctx.done")
            self._donec = c
            v = self._donev = c.recv_only()
        return v

    def err(self) -> BaseException | None:
        return self._err

    def value(self, key: object) -> Any:
        if key is _CANCEL_CTX_KEY:
            return self
        return _value(self._parent, key)

    def __str__(self) -> str:
        return _context_name(self._parent) + ".WithCancel"

    def __repr__(self) -> str:
        state = f" [{self._err}]" if self._err is not None else ""
        return f"<{self}{state}>"

    # --- propagation -----------------------------------------------------------

    def _propagate(self, parent: Any, child: _CancelCtx) -> None:
        """Arrange for ``child`` to be cancelled when ``parent`` is (Go's propagateCancel)."""
        self._parent = parent
        done = parent.done()
        if done is None:
            return  # the parent is never cancelled
        p = _parent_cancel_ctx(parent, done)
        if p is not None:
            # A package-made ancestor shares the parent's done channel: join its children.
            if p._err is not None:
                child._cancel(False, p._err, p._cause)
            else:
                if p._children is None:
                    p._children = {}
                p._children[child] = None
            return
        # A custom parent.
        if select(recv(done), default)[0] == 0:
            child._cancel(False, parent.err(), cause(parent))
            return
        af = getattr(parent, "after_func", None)
        if callable(af):
            stop = af(lambda: child._cancel(False, parent.err(), cause(parent)))
            self._parent = _StopCtx(parent, stop)
            return
        getsched().newproc(_watch_parent, (parent, child), {}, None)

    def _cancel(self, remove_from_parent: bool, err: BaseException | None,
                cause_: BaseException | None) -> None:
        """Close done, cancel every child, and (if asked) leave the parent's child set.

        The first call wins: it fixes ``err`` and ``cause``; later ones do nothing.
        """
        if err is None:
            raise Panic("context: internal error: missing cancel error")
        if self._err is not None:
            return  # already cancelled
        if cause_ is None:
            cause_ = err
        self._err = err
        self._cause = cause_
        if self._donec is None:
            self._donev = _CLOSED
        else:
            self._donec.close()
        children = self._children
        self._children = None
        if children:
            for child in children:
                child._cancel(False, err, cause_)
        if remove_from_parent:
            _remove_child(self._parent, self)

    def _cancel_func(self) -> None:
        if self._err is None:
            self._cancel(True, Canceled(), None)

    def _cancel_cause_func(self, cause_: BaseException | None) -> None:
        _check_cause(cause_, "cancel")
        if self._err is None:
            self._cancel(True, Canceled(), cause_)


def _check_cause(cause_: object, what: str) -> None:
    """A cause is an exception or None (Go's ``error``; a string does not compile)."""
    if cause_ is not None and not isinstance(cause_, BaseException):
        t = type(cause_).__name__
        raise TypeError(f"cannot use {cause_!r} (value of type {t}) as error value in "
                        f"argument to {what}: {t} is not an exception (write e.g. "
                        f"RuntimeError({cause_!r}), or None)")


def _watch_parent(parent: Any, child: _CancelCtx) -> None:
    """The goroutine that carries a custom parent's cancellation to a child."""
    i, _ = select(recv(parent.done()), recv(child.done()))
    if i == 0:
        child._cancel(False, parent.err(), cause(parent))


class _StopCtx:
    """A custom parent whose ``after_func`` cancels our child; ``stop`` undoes that."""

    __slots__ = ("ctx", "stop")

    def __init__(self, ctx: Any, stop: Callable[[], bool]) -> None:
        self.ctx = ctx
        self.stop = stop

    def deadline(self) -> tuple[datetime | None, bool]:
        return self.ctx.deadline()  # type: ignore[no-any-return]

    def done(self) -> RecvChan[None] | None:
        return self.ctx.done()  # type: ignore[no-any-return]

    def err(self) -> BaseException | None:
        return self.ctx.err()  # type: ignore[no-any-return]

    def value(self, key: object) -> Any:
        return self.ctx.value(key)

    def __str__(self) -> str:
        return _context_name(self.ctx)


def _parent_cancel_ctx(parent: Any, done: RecvChan[None]) -> _CancelCtx | None:
    """The package-made context whose done channel ``parent.done()`` is, if any.

    A custom context may wrap ours yet override ``done()``; then we must not
    take a shortcut through our own child set (Go's parentCancelCtx).
    """
    p = parent.value(_CANCEL_CTX_KEY)
    if not isinstance(p, _CancelCtx):
        return None
    if p.done() != done:
        return None
    return p


def _remove_child(parent: Any, child: _CancelCtx) -> None:
    if type(parent) is _StopCtx:
        parent.stop()
        return
    done = parent.done()
    if done is None:
        return
    p = _parent_cancel_ctx(parent, done)
    if p is not None and p._children is not None:
        p._children.pop(child, None)


def with_cancel(parent: Context) -> ContextCancel:
    """A child of ``parent`` with a ``cancel()`` of its own.

    The child's ``done()`` closes when ``cancel()`` is called or when the
    parent is cancelled, whichever comes first; calling ``cancel()`` again does
    nothing. Always call cancel once the work is done (or use ``with``), so the
    parent forgets the child.

    Raises:
        Panic: ``cannot create context from nil parent`` for a None parent.
    """
    _check_parent(parent)
    c = _CancelCtx()
    c._propagate(parent, c)
    return ContextCancel((c, c._cancel_func))


def with_cancel_cause(parent: Context) -> ContextCancelCause:
    """Like ``with_cancel``, but ``cancel(cause)`` also records why.

    ``err()`` is still ``Canceled``; ``cause(ctx)`` returns the given
    exception (``Canceled`` for ``cancel(None)``). The first cancellation,
    of this context or of an ancestor, fixes the cause.

    Raises:
        Panic: ``cannot create context from nil parent``.
    """
    _check_parent(parent)
    c = _CancelCtx()
    c._propagate(parent, c)
    return ContextCancelCause((c, c._cancel_cause_func))


def cause(c: Context) -> BaseException | None:
    """Why ``c`` was cancelled: the cause given to the first cancellation of
    ``c`` or of an ancestor, or else ``c.err()``; None while ``c`` is not done.
    """
    err = c.err()
    if err is None:
        return None
    cc = c.value(_CANCEL_CTX_KEY)
    if isinstance(cc, _CancelCtx) and cc._cause is not None:
        return cc._cause
    return err


# --- timerCtx ---------------------------------------------------------------------


class _TimerCtx(_CancelCtx):
    """A cancelCtx with a deadline (Go's ``timerCtx``), armed as a strong runtime timer.

    The timer is strong, like Go's ``time.AfterFunc``: a goroutine waiting on
    ``done()`` is waiting for the timer, not deadlocked.
    """

    __slots__ = ("_deadline", "_sched", "_tcause", "_timer", "_when")

    def __init__(self, deadline: datetime, when: int, s: Scheduler) -> None:
        super().__init__()
        self._deadline = deadline
        #: The deadline on the program's monotonic clock, in nanoseconds.
        self._when = when
        self._timer: _RTimer | None = None
        self._sched = s
        self._tcause: BaseException | None = None

    def deadline(self) -> tuple[datetime | None, bool]:
        return self._deadline, True

    def __str__(self) -> str:
        left = Duration(self._when - self._sched.nanotime())
        return (f"{_context_name(self._parent)}.WithDeadline("
                f"{_format_time(self._deadline)} [{left}])")

    def _cancel(self, remove_from_parent: bool, err: BaseException | None,
                cause_: BaseException | None) -> None:
        _CancelCtx._cancel(self, False, err, cause_)
        if remove_from_parent:
            _remove_child(self._parent, self)
        t = self._timer
        if t is not None:
            self._sched.del_timer(t)
            self._timer = None

    def _expire(self) -> None:
        self._cancel(True, DeadlineExceeded(), self._tcause)


def _fire(c: _TimerCtx, when: int) -> None:
    """The deadline's timer function: runs on the scheduler, must not block."""
    if type(c._parent) is _StopCtx:
        # Leaving a custom parent calls its stop(), user code that may block:
        # run it in a goroutine, as Go's time.AfterFunc does.
        c._sched.newproc(c._expire, (), {}, None)
    else:
        c._expire()


def _ns(td: timedelta) -> int:
    return (td // timedelta(microseconds=1)) * 1000


def _deadline_ctx(parent: Context, d: datetime, when: int, s: Scheduler,
                  cause_: BaseException | None) -> ContextCancel:
    """Go's WithDeadlineCause, with the deadline both as wall time ``d`` and monotonic ``when``."""
    cur, ok = parent.deadline()
    if ok and cur is not None and cur < d:
        # The parent's deadline is sooner: the new one would never fire.
        return with_cancel(parent)
    c = _TimerCtx(d, when, s)
    c._tcause = cause_
    c._propagate(parent, c)
    if when - s.nanotime() <= 0:
        c._cancel(True, DeadlineExceeded(), cause_)  # the deadline has already passed
        return ContextCancel((c, c._cancel_func))
    if c._err is None:
        t = c._timer = _RTimer(_fire, c, strong=True)
        s.add_timer(t, when)
    return ContextCancel((c, c._cancel_func))


def _aware(d: object, what: str) -> datetime:
    if not isinstance(d, datetime):
        raise TypeError(f"{what}: the deadline must be a datetime, not {type(d).__name__}")
    if d.tzinfo is None or d.utcoffset() is None:
        raise TypeError(f"{what}: the deadline must be timezone-aware, like time.now(); "
                        f"got the naive datetime {d}")
    return d


def _mono_of(s: Scheduler, d: datetime) -> int:
    """A wall-clock instant on the program's monotonic clock."""
    if not s.real:
        return _ns(d - VIRTUAL_EPOCH)  # exact: the virtual clock started at the epoch
    return s.nanotime() + _ns(d - s.now())


def with_deadline(parent: Context, d: datetime) -> ContextCancel:
    """A child of ``parent`` cancelled with ``DeadlineExceeded`` at time ``d``
    (a timezone-aware datetime such as ``time.now() + timedelta(seconds=1)``).

    If the parent's deadline is sooner, this is ``with_cancel(parent)``. A
    deadline already past gives a context that is done at once. ``cancel()``
    before the deadline gives ``Canceled`` and releases the timer: always call it.

    Raises:
        Panic: ``cannot create context from nil parent``.
    """
    return with_deadline_cause(parent, d, None)


def with_deadline_cause(parent: Context, d: datetime,
                        cause: BaseException | None) -> ContextCancel:
    """Like ``with_deadline``; when the deadline fires, ``cause(ctx)`` is ``cause``.

    The cancel function does not set the cause: an early cancel gives ``Canceled``.

    Raises:
        Panic: ``cannot create context from nil parent``.
    """
    _check_parent(parent)
    _check_cause(cause, "context.with_deadline_cause")
    d = _aware(d, "context.with_deadline")
    s = getsched()
    return _deadline_ctx(parent, d, _mono_of(s, d), s, cause)


def with_timeout(parent: Context, timeout: int) -> ContextCancel:
    """``with_deadline(parent, time.now() + timeout)``; ``timeout`` is a Duration.

    Raises:
        Panic: ``cannot create context from nil parent``.
    """
    return with_timeout_cause(parent, timeout, None)


def with_timeout_cause(parent: Context, timeout: int,
                       cause: BaseException | None) -> ContextCancel:
    """``with_deadline_cause(parent, time.now() + timeout, cause)``.

    Raises:
        Panic: ``cannot create context from nil parent``.
    """
    _check_parent(parent)
    _check_cause(cause, "context.with_timeout_cause")
    if isinstance(timeout, bool) or not isinstance(timeout, int):
        raise TypeError(f"context.with_timeout: need a Duration (an int of nanoseconds), "
                        f"not {type(timeout).__name__}; write e.g. 2 * time.Second")
    s = getsched()
    when = s.nanotime() + int(timeout)
    return _deadline_ctx(parent, s.wall_of(when), when, s, cause)


# --- valueCtx and withoutCancelCtx -------------------------------------------------


class _ValueCtx:
    """One key-value pair on top of a parent (Go's ``valueCtx``)."""

    __slots__ = ("_key", "_parent", "_val")

    def __init__(self, parent: Any, key: object, val: Any) -> None:
        self._parent = parent
        self._key = key
        self._val = val

    def deadline(self) -> tuple[datetime | None, bool]:
        return self._parent.deadline()  # type: ignore[no-any-return]

    def done(self) -> RecvChan[None] | None:
        return self._parent.done()  # type: ignore[no-any-return]

    def err(self) -> BaseException | None:
        return self._parent.err()  # type: ignore[no-any-return]

    def value(self, key: object) -> Any:
        if _same_key(self._key, key):
            return self._val
        return _value(self._parent, key)

    def __str__(self) -> str:
        return (f"{_context_name(self._parent)}.WithValue("
                f"{_stringify(self._key)}, {_stringify(self._val)})")

    def __repr__(self) -> str:
        return f"<{self}>"


class _WithoutCancelCtx:
    """The parent's values without its cancellation (Go's ``withoutCancelCtx``)."""

    __slots__ = ("_parent",)

    def __init__(self, parent: Any) -> None:
        self._parent = parent

    def deadline(self) -> tuple[datetime | None, bool]:
        return None, False

    def done(self) -> RecvChan[None] | None:
        return None

    def err(self) -> BaseException | None:
        return None

    def value(self, key: object) -> Any:
        return _value(self, key)

    def __str__(self) -> str:
        return _context_name(self._parent) + ".WithoutCancel"

    def __repr__(self) -> str:
        return f"<{self}>"


def _same_key(a: object, b: object) -> bool:
    # Go compares interface keys by dynamic type and value: key("id") != "id".
    return a is b or (type(a) is type(b) and a == b)


def _value(c: Any, key: object) -> Any:
    """Walk up the tree to the innermost value for ``key`` (Go's ``value``)."""
    while True:
        t = type(c)
        if t is _ValueCtx:
            if _same_key(c._key, key):
                return c._val
            c = c._parent
        elif t is _CancelCtx or t is _TimerCtx or t is _AfterFuncCtx:
            if key is _CANCEL_CTX_KEY:
                return c
            c = c._parent
        elif t is _WithoutCancelCtx:
            if key is _CANCEL_CTX_KEY:
                return None
            c = c._parent
        elif t is _BackgroundCtx or t is _TodoCtx:
            return None
        else:
            return c.value(key)


def with_value(parent: Context, key: object, val: Any) -> Context:
    """A child of ``parent`` whose ``value(key)`` is ``val``; other keys ask the parent.

    Keys match by type and ``==`` (a key of your own class cannot collide
    with another package's string key). Keep values request-scoped: this is
    not a way to pass optional parameters.

    Raises:
        Panic: ``cannot create context from nil parent``, ``nil key`` for a
            None key, ``key is not comparable`` for an unhashable key.
    """
    _check_parent(parent)
    if key is None:
        raise Panic("nil key")
    try:
        hash(key)
    except TypeError:
        raise Panic("key is not comparable")
    return _ValueCtx(parent, key, val)


def without_cancel(parent: Context) -> Context:
    """A child that keeps ``parent``'s values but none of its cancellation.

    ``done()`` is None, there is no deadline, and ``err()`` and ``cause()``
    are None whatever happens to the parent.

    Raises:
        Panic: ``cannot create context from nil parent``.
    """
    _check_parent(parent)
    return _WithoutCancelCtx(parent)


# --- AfterFunc --------------------------------------------------------------------


class _AfterFuncCtx(_CancelCtx):
    """Joins ``ctx``'s children; its cancellation starts ``f`` once (Go's ``afterFuncCtx``)."""

    __slots__ = ("_f", "_once")

    def __init__(self, f: Callable[[], Any]) -> None:
        super().__init__()
        self._f = f
        #: Go's sync.Once: set by whichever comes first, running f or stop().
        self._once = False

    def _cancel(self, remove_from_parent: bool, err: BaseException | None,
                cause_: BaseException | None) -> None:
        _CancelCtx._cancel(self, False, err, cause_)
        if remove_from_parent:
            _remove_child(self._parent, self)
        if not self._once:
            self._once = True
            getsched().newproc(self._f, (), {}, None)

    def _stop(self) -> bool:
        if self._once:
            return False
        self._once = True
        self._cancel(True, Canceled(), None)
        return True


def after_func(ctx: Context, f: Callable[[], Any]) -> Callable[[], bool]:
    """Call ``f()`` in its own goroutine once ``ctx`` is done (at once if it already is).

    Returns:
        ``stop()``: disconnects f from ctx. True if this call kept f from
        running; False if f was already started or stop was already called.
        It does not wait for a running f.
    """
    if ctx is None:
        raise Panic("runtime error: invalid memory address or nil pointer dereference")
    if not callable(f):
        raise TypeError(f"context.after_func: f must be callable, not {type(f).__name__}")
    a = _AfterFuncCtx(f)
    a._propagate(ctx, a)
    return a._stop


# --- String() ---------------------------------------------------------------------


def _type_name(v: object) -> str:
    t = type(v)
    if t.__module__ == "builtins":
        return t.__qualname__
    mod = "main" if t.__module__ == "__main__" else t.__module__
    return f"{mod}.{t.__qualname__}"


def _has_str(v: object) -> bool:
    """Whether ``v``'s class has a ``__str__`` of its own (Go: implements Stringer)."""
    for klass in type(v).__mro__:
        if "__str__" in klass.__dict__:
            return klass.__module__ != "builtins"
    return False


def _context_name(c: object) -> str:
    if isinstance(c, (_EmptyCtx, _CancelCtx, _ValueCtx, _WithoutCancelCtx, _StopCtx)) \
            or _has_str(c):
        return str(c)
    return _type_name(c)


def _stringify(v: object) -> str:
    if type(v) is str:
        return v
    if v is None:
        return "<nil>"
    if _has_str(v):
        return str(v)
    return _type_name(v)


def _format_time(t: datetime) -> str:
    """Go's ``time.Time.String()`` without the monotonic reading:
    ``2000-01-01 00:00:02.5 +0000 UTC``."""
    s = t.strftime("%Y-%m-%d %H:%M:%S")
    if t.microsecond:
        s += f".{t.microsecond:06d}".rstrip("0")
    off = t.utcoffset() or timedelta(0)
    mins = int(off.total_seconds()) // 60
    sign = "-" if mins < 0 else "+"
    zone = f"{sign}{abs(mins) // 60:02d}{abs(mins) % 60:02d}"
    name = t.tzname()
    if t.tzinfo is UTC or (name == "UTC" and not mins):
        name = "UTC"
    elif not name or name.startswith("UTC"):
        name = zone  # Go names a fixed zone without an abbreviation by its offset
    return f"{s} {zone} {name}"


def blocking(ctx: Context, fn: Callable[..., Any], /, *args: Any,
             interrupt: Callable[[], Any] | None = None, **kwargs: Any) -> Any:
    """``goconc.blocking`` that gives up when ``ctx`` is done, as a Go driver does.

    Runs ``fn(*args, **kwargs)`` on a worker thread while the calling goroutine
    waits on both the call and ``ctx.done()``. If the context is done first,
    ``interrupt()`` is called (for example ``sqlite3.Connection.interrupt``),
    the call is waited for so no work runs on behind your back, and
    ``ctx.err()`` is raised. Without ``interrupt`` the call is abandoned: its
    thread finishes on its own and its result is dropped.

    Raises:
        Canceled | DeadlineExceeded: the context was done before the call returned.
    """
    err = ctx.err()
    if err is not None:
        raise err
    s = getsched()
    result: Chan[tuple[bool, Any]] = Chan(None, 1)
    returned = threading.Event()

    def run() -> Any:
        try:
            return fn(*args, **kwargs)
        finally:
            returned.set()

    def finished(ok: bool, value: Any) -> None:
        result._trysend((ok, value), sender=False)

    call = submit_blocking(s, run, (), {}, finished)
    done = ctx.done()
    if done is None:
        ok, value = result.recv()
    else:
        i, got = select(recv(result), recv(done))
        if i == 1:
            if interrupt is None:
                call.abandon()
            else:
                # An interrupt can land before the call has really started (sqlite
                # ignores it then): keep interrupting until the call returns.
                def keep_interrupting() -> None:
                    while not returned.is_set():
                        interrupt()
                        returned.wait(0.005)

                threading.Thread(target=keep_interrupting, daemon=True).start()
                result.recv()
            err = ctx.err()
            assert err is not None
            raise err
        ok, value = got
    if ok:
        return value
    raise value
