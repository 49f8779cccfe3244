"""Channels and select: Go's ``runtime/chan.go`` and ``runtime/select.go`` in Python.

The same names as Go's runtime: ``hchan`` is ``Chan`` (a ring buffer ``buf``
of capacity ``dataqsiz``, a ``closed`` flag, and the wait queues ``recvq`` and
``sendq`` of ``sudog``s, each a parked goroutine plus the value it carries).
Every operation is written out case by case, in Go's order.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from threading import get_ident
from typing import (
    TYPE_CHECKING,
    Any,
    Generic,
    Protocol,
    TypeVar,
    overload,
    runtime_checkable,
)

from . import _runtime as _rt
from ._errors import Panic
from ._runtime import Goroutine, Scheduler, getsched, goready, goreadylist

__all__ = [
    "Case",
    "Chan",
    "ChannelStatistics",
    "RecvChan",
    "SendChan",
    "chan",
    "close",
    "default",
    "recv",
    "recv_ok",
    "select",
    "send",
]

#: pytest leaves this module's frames out of tracebacks (it reads a module-level
#: ``__tracebackhide__``); in IPython, goconc._ipython drops every goconc frame.
__tracebackhide__ = True

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
T_contra = TypeVar("T_contra", contravariant=True)


class _SelectWait(list["sudog"]):
    """One blocked ``select``: the list of its sudogs, and ``done``, the one that
    completed it (set by the waker). A list, made without a Python ``__init__``,
    as a select that waits makes one every time."""

    done: sudog | None = None


class sudog:
    """A goroutine parked on a channel, with the value it sends or receives.

    ``ok`` is set by the waker: True when the value was handed over, False
    when the channel was closed instead. A plain send or receive reuses its
    goroutine's one sudog (``Goroutine.sg``); a select makes one per case.
    """

    __slots__ = ("c", "elem", "g", "idx", "isrecv", "live", "ok", "sel")

    def __init__(self, g: Goroutine, c: Chan[Any], elem: Any, isrecv: bool,
                 sel: _SelectWait | None = None, idx: int = 0) -> None:
        self.g = g
        self.c = c
        self.elem = elem
        self.ok = False
        self.isrecv = isrecv
        #: Still on its wait queue (not yet dequeued or removed).
        self.live = True
        #: The select this sudog is a case of (Go's ``isSelect``), and the case's index.
        self.sel = sel
        self.idx = idx


class waitq:
    """A FIFO of sudogs with O(1) enqueue, dequeue and removal.

    Removal takes the newest sudog off the deque at once; any other it marks
    dead and leaves in place. Dequeue skips the dead, and the deque is
    compacted when they outnumber the living, so a select loop that keeps
    abandoning its sudogs does not grow the queue.
    """

    __slots__ = ("dead", "n", "q")

    def __init__(self) -> None:
        self.q: deque[sudog] = deque()
        #: Live sudogs: goroutines really waiting here.
        self.n = 0
        self.dead = 0

    def enqueue(self, sg: sudog) -> None:
        self.q.append(sg)
        self.n += 1

    def dequeue(self) -> sudog | None:
        """The first live sudog, now off the queue; a select's other cases are withdrawn."""
        q = self.q
        while q:
            sg = q.popleft()
            if not sg.live:
                self.dead -= 1
                continue
            sg.live = False
            self.n -= 1
            if sg.sel is not None:
                _selectdone(sg)
            return sg
        return None

    def remove(self, sg: sudog) -> None:
        """Withdraw ``sg`` (a select case not taken, or a goroutine unwound while waiting)."""
        if not sg.live:
            return
        sg.live = False
        self.n -= 1
        q = self.q
        if q and q[-1] is sg:
            q.pop()  # the newest waiter (a select's case, often): no need to leave it dead
            return
        self.dead += 1
        if self.dead > 32 and self.dead > self.n:
            self.q = deque(s for s in self.q if s.live)
            self.dead = 0

    def __len__(self) -> int:
        return self.n


def _selectdone(sg: sudog) -> None:
    """``sg``, just dequeued, wins its select: withdraw the select's other cases
    now, before anyone else can complete them (Go's ``selectDone``)."""
    sel = sg.sel
    assert sel is not None
    sel.done = sg
    for other in sel:
        if other.live:
            c = other.c
            (c.recvq if other.isrecv else c.sendq).remove(other)


def _abandon(q: waitq, sg: sudog) -> None:
    """Withdraw a goroutine's cached sudog from ``q`` after an exception in its
    wait; the goroutine gets a fresh one, as this one may stay on ``q`` (dead)."""
    q.remove(sg)
    sg.g.sg = None


@dataclass(frozen=True)
class ChannelStatistics:
    """A snapshot of a channel's state (trio's ``statistics()`` shape)."""

    current_buffer_used: int
    max_buffer_size: int
    tasks_waiting_send: int
    tasks_waiting_receive: int
    closed: bool


def _typename(t: Any) -> str:
    if t is None:
        return "any"
    return getattr(t, "__name__", None) or repr(t)


def _cur() -> Goroutine | None:
    try:
        return _rt._tls.sched.cur  # type: ignore[no-any-return]
    except AttributeError:
        return getsched().cur


_IMMUTABLE = frozenset({int, float, complex, bool, str, bytes, tuple, frozenset, type(None)})


class Chan(Generic[T]):
    """A Go channel (``hchan``): make one with ``chan(T)`` or ``chan(T, size)``.

    A send on an unbuffered channel completes only when a receiver takes the
    value; on a buffered channel it blocks only while the buffer is full.
    After ``close()``, receivers drain the buffer and then get the zero value
    with ``ok=False``, forever.
    """

    __slots__ = (
        "__weakref__",
        "buf",
        "closed",
        "dataqsiz",
        "elemtype",
        "limit",
        "name",
        "rcase",
        "recvq",
        "rokcase",
        "sendq",
        "thread",
        "timer",
        "zero",
    )

    def __init__(self, elemtype: type[T] | None = None, size: int = 0, *,
                 name: str | None = None) -> None:
        if elemtype is not None and not isinstance(elemtype, type):
            raise TypeError(
                f"chan: element type must be a type, not {type(elemtype).__name__} "
                f"{elemtype!r} (a buffered channel of ints is chan(int, 3))")
        if isinstance(size, bool) or not isinstance(size, int):
            raise TypeError(f"chan: size must be an int, not {type(size).__name__}")
        if size < 0 or size > 1 << 40:
            raise Panic("makechan: size out of range")
        self.buf: deque[T] = deque()
        self.dataqsiz = size
        self.closed = False
        #: The buffer's capacity while open, -1 once closed: one test of "room
        #: to send" for the fast path (Go's ``chansend`` checks the two apart).
        self.limit = size
        self.recvq = waitq()
        self.sendq = waitq()
        self.elemtype = elemtype
        self.zero: Any = None
        if elemtype is not None:
            try:
                self.zero = elemtype()
            except Exception:
                self.zero = None
        self.name = name
        #: The runtime timer that sends on this channel (Go's ``hchan.timer``), if any.
        self.timer: _rt.Timer | None = None
        #: The OS thread that made it: the deadlock report names another thread's channel.
        self.thread = get_ident()
        #: ``recv(self)`` and ``recv_ok(self)``, made once: a case is immutable,
        #: so a select in a loop builds no case objects.
        self.rcase: Case | None = None
        self.rokcase: Case | None = None
        if _rt.hook is not None:
            _rt.hook("chan", self)

    def _zero(self) -> Any:
        """The element type's zero value: a fresh ``T()`` for a mutable type, as Go
        gives every receive its own zero value."""
        z = self.zero
        if z is None or type(z) in _IMMUTABLE:
            return z
        try:
            return self.elemtype()  # type: ignore[misc]
        except Exception:
            return None

    # --- chansend -------------------------------------------------------------

    def send(self, v: T) -> None:
        """Send ``v`` (Go's ``ch <- v``): block until a receiver takes it or there is room.

        Raises:
            Panic: ``send on closed channel``, also when the channel is closed
                while this send is blocked.
        """
        buf = self.buf
        if buf:
            if len(buf) < self.limit and _rt.hook is None:
                # The common case of a buffered channel, spelled out: values are
                # waiting (so no receiver is) and there is room.
                buf.append(v)
                return
        elif self.limit > 0 and not self.recvq.n and _rt.hook is None:
            # An empty buffer (open: limit is -1 once closed) and no receiver waiting.
            buf.append(v)
            return
        # With a hook, an operation that completes at once reports one combined
        # event (see goconc._runtime.hook); one that blocks reports its start first.
        h = _rt.hook
        if self.closed:
            if h is not None:
                h("send", _cur(), self, v)
            raise Panic("send on closed channel")
        rq = self.recvq
        if rq.n:
            # A receiver is waiting: hand the value straight over.
            sg = rq.q.popleft()  # waitq.dequeue, spelled out
            if sg.live:
                sg.live = False
                rq.n -= 1
                if sg.sel is not None:
                    _selectdone(sg)
            else:
                rq.q.appendleft(sg)
                sg = rq.dequeue()  # type: ignore[assignment]
            sg.elem = v
            sg.ok = True
            g = sg.g
            g.waitreason = None  # goready, spelled out (the event below says "ready")
            pp = g.sched
            old = pp.runnext
            pp.runnext = g
            if old is not None:
                if len(pp.runq) < _rt.RUNQ_SIZE:
                    pp.runq.append(old)
                else:
                    pp.runqputslow(old)
            if h is not None:
                h("handoff_s", _cur(), self, v, g, g)
            return
        if self.dataqsiz and len(buf) < self.dataqsiz:
            # There is room in the buffer.
            buf.append(v)
            if h is not None:
                h("sent_s", _cur(), self, v)
            return
        # Block until a receiver takes the value or the channel is closed.
        if h is not None:
            h("send", _cur(), self, v)
        try:  # getsched(), spelled out: one call less on every block
            s: Scheduler = _rt._tls.sched
        except AttributeError:
            s = getsched()
        me: Goroutine = s.cur  # type: ignore[assignment]
        sg = me.sg
        if sg is None:
            sg = me.sg = sudog(me, self, v, False)
        else:
            sg.elem = v
            sg.live = True
        sq = self.sendq
        sq.q.append(sg)
        sq.n += 1
        try:
            s.park("chan send")
        except BaseException:
            _abandon(sq, sg)
            raise
        sg.elem = None
        if not sg.ok:
            raise Panic("send on closed channel")

    def _trysend(self, v: T, sender: bool = True) -> bool:
        """Send without blocking; False if it would block. Panics on a closed channel.

        ``sender=False`` when the runtime sends (a timer firing), not a goroutine.
        """
        if self.closed:
            raise Panic("send on closed channel")
        rq = self.recvq
        if rq.n:
            sg = rq.dequeue()
            assert sg is not None
            sg.elem = v
            sg.ok = True
            goready(sg.g)
            if _rt.hook is not None:
                self._handoff(_cur() if sender else None, sg.g, v)
            return True
        if len(self.buf) < self.dataqsiz:
            self.buf.append(v)
            if _rt.hook is not None:
                _rt.hook("sent", _cur() if sender else None, self, v)
            return True
        return False

    def _handoff(self, sender: Goroutine | None, receiver: Goroutine, v: Any) -> None:
        """Report a value handed from a sender straight to a receiver."""
        h = _rt.hook
        assert h is not None
        h("sent", sender, self, v)
        h("recvd", receiver, self, v, True)

    # --- chanrecv -------------------------------------------------------------

    def recv(self) -> T:
        """Receive a value (Go's ``<-ch``); the zero value once closed and drained."""
        if not self.sendq.n and _rt.hook is None:
            buf = self.buf
            if buf:
                # The common case of a buffered channel, spelled out as in __iter__:
                # take from the buffer (no sender waits, or it would be full).
                return buf.popleft()
            if not self.closed and self.timer is None:
                # Nothing to take: block, as recv_ok does (spelled out: one call
                # less for every receive that waits, and every wake-up).
                try:
                    s: Scheduler = _rt._tls.sched
                except AttributeError:
                    s = getsched()
                me: Goroutine = s.cur  # type: ignore[assignment]
                sg = me.sg
                if sg is None:
                    sg = me.sg = sudog(me, self, None, True)
                else:
                    sg.live = True
                rq = self.recvq
                rq.q.append(sg)
                rq.n += 1
                try:
                    s.park("chan receive")
                except BaseException:
                    _abandon(rq, sg)
                    raise
                v = sg.elem
                sg.elem = None
                return v  # type: ignore[no-any-return]
        return self.recv_ok()[0]

    def recv_ok(self) -> tuple[T, bool]:
        """Receive (Go's ``v, ok := <-ch``); ``ok`` is False once closed and drained."""
        h = _rt.hook
        sq = self.sendq
        if sq.n:
            # A sender is waiting. Unbuffered: take its value directly. Buffered
            # (so the buffer is full): take the head, and the sender's value
            # goes to the tail, keeping FIFO order.
            sg = sq.q.popleft()  # waitq.dequeue, spelled out
            if sg.live:
                sg.live = False
                sq.n -= 1
                if sg.sel is not None:
                    _selectdone(sg)
            else:
                sq.q.appendleft(sg)
                sg = sq.dequeue()  # type: ignore[assignment]
            buf = self.buf
            if self.dataqsiz == 0:
                v = sg.elem
            else:
                v = buf.popleft()
                buf.append(sg.elem)
            sg.ok = True
            g = sg.g
            g.waitreason = None  # goready, spelled out (the event below says "ready")
            pp = g.sched
            old = pp.runnext
            pp.runnext = g
            if old is not None:
                if len(pp.runq) < _rt.RUNQ_SIZE:
                    pp.runq.append(old)
                else:
                    pp.runqputslow(old)
            if h is not None:
                if self.dataqsiz == 0:
                    h("handoff_r", g, self, v, _cur(), g)
                else:
                    h("recvd_r", _cur(), self, v, True)
                    h("sent", g, self, sg.elem)
                    h("ready", g)
            return v, True
        if self.buf:
            v = self.buf.popleft()
            if h is not None:
                h("recvd_r", _cur(), self, v, True)
            return v, True
        if self.closed:
            z = self._zero()
            if h is not None:
                h("recvd_r", _cur(), self, z, False)
            return z, False
        if self.timer is not None and not self.recvq.n and getsched().run_timer(self.timer):
            # An expired timer sends its value when its channel is received from.
            return self.recv_ok()
        # Block until a sender hands a value over or the channel is closed.
        if h is not None:
            h("recv", _cur(), self)
        try:  # getsched(), spelled out: one call less on every block
            s: Scheduler = _rt._tls.sched
        except AttributeError:
            s = getsched()
        me: Goroutine = s.cur  # type: ignore[assignment]
        sg = me.sg
        if sg is None:
            sg = me.sg = sudog(me, self, None, True)
        else:
            sg.live = True
        rq = self.recvq
        rq.q.append(sg)
        rq.n += 1
        try:
            s.park("chan receive")
        except BaseException:
            _abandon(rq, sg)
            raise
        v = sg.elem
        sg.elem = None
        return v, sg.ok

    def _tryrecv(self) -> tuple[T, bool] | None:
        """Receive without blocking; None if it would block."""
        if self.sendq.n or self.buf or self.closed:
            return self.recv_ok()
        if self.timer is not None and not self.recvq.n and getsched().run_timer(self.timer):
            return self.recv_ok()
        return None

    # --- closechan ------------------------------------------------------------

    def close(self) -> None:
        """Close the channel (Go's ``close(ch)``): no more sends.

        Every blocked receiver wakes with the zero value and ``ok=False``;
        every blocked sender wakes and panics.

        Raises:
            Panic: ``close of closed channel``.
        """
        h = _rt.hook
        if h is not None:
            h("close", _cur(), self)
        if self.closed:
            raise Panic("close of closed channel")
        self.closed = True
        self.limit = -1
        # Collect every waiter, receivers first, on Go's gList; each is runnable
        # from here on (its waitreason cleared, as goready does).
        glist: list[Goroutine] = []
        rq = self.recvq
        if rq.n:
            z = self.zero
            fresh = not (z is None or type(z) in _IMMUTABLE)  # a new zero value each
            # The whole queue is emptied, so its counts are set once at the end
            # (waitq.remove, called by _selectdone on a select's other cases, may
            # still count them down, or compact the queue, meanwhile).
            while True:  # not `while rq.n:` (CPython 3.11 never specializes such a loop)
                q = rq.q
                if not q:
                    break
                sg = q.popleft()  # waitq.dequeue, spelled out
                if not sg.live:
                    continue
                sg.live = False
                if sg.sel is not None:
                    _selectdone(sg)
                sg.elem = self._zero() if fresh else z
                sg.ok = False
                g = sg.g
                g.waitreason = None
                glist.append(g)
                if h is not None:
                    h("recvd", g, self, sg.elem, False)
            rq.n = rq.dead = 0
        sq = self.sendq
        while sq.n:
            sg = sq.dequeue()  # type: ignore[assignment]
            sg.ok = False
            sg.g.waitreason = None
            glist.append(sg.g)
        # Go pops the gList into goready: the last waiter collected is readied
        # first. With runnext, waiters queued 0 1 2 3 then run 0 3 2 1.
        goreadylist(glist)

    # --- the rest ------------------------------------------------------------------

    def __iter__(self) -> Iterator[T]:
        """Go's ``for v := range ch``: receive until the channel is closed and drained."""
        buf = self.buf
        sq = self.sendq
        while True:
            while buf and not sq.n and _rt.hook is None:
                # The common case, spelled out: take from the buffer.
                yield buf.popleft()
            v, ok = self.recv_ok()
            if not ok:
                return
            yield v

    def __len__(self) -> int:
        """Values in the buffer (0 for an unbuffered channel, even with senders waiting)."""
        return len(self.buf)

    def __bool__(self) -> bool:
        # A channel is a value, never "empty": `if ch:` must not depend on len().
        return True

    @property
    def cap(self) -> int:
        """The buffer's capacity (0 for an unbuffered channel)."""
        return self.dataqsiz

    def send_only(self) -> SendChan[T]:
        """A send-only view (Go's ``chan<- T``): receiving from it raises TypeError."""
        return _SendOnly(self)

    def recv_only(self) -> RecvChan[T]:
        """A receive-only view (Go's ``<-chan T``): sending on or closing it raises TypeError."""
        return _RecvOnly(self)

    def statistics(self) -> ChannelStatistics:
        """A snapshot: buffer used and size, goroutines waiting to send and to receive."""
        return ChannelStatistics(len(self), self.cap, self.sendq.n, self.recvq.n, self.closed)

    def _typestr(self) -> str:
        return f"chan {_typename(self.elemtype)}"

    def _describe(self, typestr: str) -> str:
        name = f" {self.name!r}" if self.name else ""
        closed = " closed" if self.closed else ""
        return f"<{typestr}{name} len={len(self)} cap={self.cap}{closed}>"

    def __repr__(self) -> str:
        return self._describe(self._typestr())


@runtime_checkable
class RecvChan(Protocol[T_co]):
    """A channel you may only receive from (Go's ``<-chan T``): a ``Chan`` or a view."""

    def recv(self) -> T_co:
        """Receive a value; the zero value once the channel is closed and drained."""
        ...

    def recv_ok(self) -> tuple[T_co, bool]:
        """Receive ``(value, ok)``; ``ok`` is False once closed and drained."""
        ...

    def __iter__(self) -> Iterator[T_co]: ...
    def __len__(self) -> int: ...

    @property
    def cap(self) -> int:
        """The buffer's capacity."""
        ...


@runtime_checkable
class SendChan(Protocol[T_contra]):
    """A channel you may only send on and close (Go's ``chan<- T``): a ``Chan`` or a view."""

    def send(self, v: T_contra) -> None:
        """Send ``v``, blocking by Go's rules; panics on a closed channel."""
        ...

    def close(self) -> None:
        """Close the channel: no more sends."""
        ...

    def __len__(self) -> int: ...

    @property
    def cap(self) -> int:
        """The buffer's capacity."""
        ...


class _View(Generic[T]):
    __slots__ = ("_c",)

    def __init__(self, c: Chan[T]) -> None:
        self._c = c

    def __len__(self) -> int:
        return len(self._c)

    def __bool__(self) -> bool:
        return True

    @property
    def cap(self) -> int:
        return self._c.cap

    def statistics(self) -> ChannelStatistics:
        return self._c.statistics()

    def __eq__(self, other: object) -> bool:
        # Like Go, views of one channel compare equal to it and to each other.
        return _unwrap_any(other) is self._c

    def __hash__(self) -> int:
        return hash(self._c)


class _RecvOnly(_View[T]):
    """``<-chan T``: receive, range, len and cap; sending and closing raise TypeError."""

    __slots__ = ()

    def recv(self) -> T:
        return self._c.recv()

    def recv_ok(self) -> tuple[T, bool]:
        return self._c.recv_ok()

    def __iter__(self) -> Iterator[T]:
        return iter(self._c)

    def __repr__(self) -> str:
        return self._c._describe(f"<-chan {_typename(self._c.elemtype)}")

    if not TYPE_CHECKING:
        def send(self, v):
            raise TypeError(f"invalid operation: cannot send to receive-only channel "
                            f"(variable of type <-chan {_typename(self._c.elemtype)})")

        def close(self):
            raise TypeError(f"invalid operation: cannot close receive-only channel "
                            f"(variable of type <-chan {_typename(self._c.elemtype)})")


class _SendOnly(_View[T]):
    """``chan<- T``: send, close, len and cap; receiving raises TypeError."""

    __slots__ = ()

    def send(self, v: T) -> None:
        self._c.send(v)

    def close(self) -> None:
        self._c.close()

    def __repr__(self) -> str:
        return self._c._describe(f"chan<- {_typename(self._c.elemtype)}")

    if not TYPE_CHECKING:
        def _cannot(self, *args):
            raise TypeError(f"invalid operation: cannot receive from send-only channel "
                            f"(variable of type chan<- {_typename(self._c.elemtype)})")

        recv = recv_ok = __iter__ = _cannot


def _unwrap_any(ch: object) -> object:
    return ch._c if isinstance(ch, _View) else ch


def _unwrap_recv(ch: Any) -> Chan[Any] | None:
    if ch is None or type(ch) is Chan or isinstance(ch, Chan):
        return ch
    if isinstance(ch, _RecvOnly):
        return ch._c
    if isinstance(ch, _SendOnly):
        raise TypeError(f"invalid operation: cannot receive from send-only channel "
                        f"(variable of type chan<- {_typename(ch._c.elemtype)})")
    raise TypeError(f"select: recv needs a channel, not {type(ch).__name__}")


def _unwrap_send(ch: Any) -> Chan[Any] | None:
    if ch is None or type(ch) is Chan or isinstance(ch, Chan):
        return ch
    if isinstance(ch, _SendOnly):
        return ch._c
    if isinstance(ch, _RecvOnly):
        raise TypeError(f"invalid operation: cannot send to receive-only channel "
                        f"(variable of type <-chan {_typename(ch._c.elemtype)})")
    raise TypeError(f"select: send needs a channel, not {type(ch).__name__}")


@overload
def chan(elemtype: None = None, size: int = 0, *, name: str | None = None) -> Chan[Any]: ...
@overload
def chan(elemtype: type[T], size: int = 0, *, name: str | None = None) -> Chan[T]: ...
def chan(elemtype: type[T] | None = None, size: int = 0, *,
         name: str | None = None) -> Chan[Any] | Chan[T]:
    """Make a channel (Go's ``make(chan T, size)``).

    Args:
        elemtype: the element type; its zero value ``T()`` is what a receive
            on a closed, drained channel returns (None if ``T()`` fails or no
            type is given).
        size: the buffer's capacity; 0 (the default) is unbuffered.
        name: a label for reprs, dumps, traces and animations.

    Raises:
        Panic: ``makechan: size out of range`` for a negative size.
    """
    return Chan(elemtype, size, name=name)


def close(ch: SendChan[Any] | None) -> None:
    """Go's built-in ``close``, which also accepts a nil channel (None) and panics on it.

    Raises:
        Panic: ``close of nil channel`` or ``close of closed channel``.
    """
    if ch is None:
        raise Panic("close of nil channel")
    if not isinstance(ch, (Chan, _View)):
        raise TypeError(f"invalid operation: cannot close non-channel {ch!r} "
                        f"(variable of type {type(ch).__name__})")
    ch.close()


# --- select -------------------------------------------------------------------

_RECV, _RECV_OK, _SEND = 0, 1, 2


class Case:
    """One case of a ``select``: made by ``recv``, ``recv_ok`` or ``send``.

    A case is immutable, so one made before a loop serves every ``select`` in it.
    """

    __slots__ = ("c", "kind", "rc", "v")

    def __init__(self, c: Chan[Any] | None, kind: int, v: Any) -> None:
        self.c = c
        self.kind = kind
        self.v = v
        #: The channel of a plain receive on a channel that no timer sends on,
        #: else None: select's fast path for two such cases tests only this.
        self.rc = c if kind == _RECV and c is not None and c.timer is None else None

    def __repr__(self) -> str:
        kind = ("recv", "recv_ok", "send")[self.kind]
        extra = f", {self.v!r}" if self.kind == _SEND else ""
        return f"{kind}({self.c!r}{extra})"


class _Default:
    """The ``default`` case: makes a ``select`` non-blocking."""

    __slots__ = ()

    rc = None  # (see Case.rc)

    def __repr__(self) -> str:
        return "default"


#: The ``default`` case of a select: taken when no other case is ready.
default: Any = _Default()


def recv(ch: RecvChan[Any] | None) -> Case:
    """A receive case (``case v := <-ch``); select returns the value. None never fires."""
    if type(ch) is Chan:
        # A receive case holds nothing but its channel: one per channel serves all.
        cs = ch.rcase
        if cs is None:
            cs = ch.rcase = Case(ch, _RECV, None)
        return cs
    return Case(_unwrap_recv(ch), _RECV, None)


def recv_ok(ch: RecvChan[Any] | None) -> Case:
    """A receive case (``case v, ok := <-ch``); select returns ``(v, ok)``."""
    if type(ch) is Chan:
        cs = ch.rokcase
        if cs is None:
            cs = ch.rokcase = Case(ch, _RECV_OK, None)
        return cs
    return Case(_unwrap_recv(ch), _RECV_OK, None)


def send(ch: SendChan[Any] | None, v: Any) -> Case:
    """A send case (``case ch <- v``); select returns None. None never fires."""
    return Case(_unwrap_send(ch), _SEND, v)


def _nil_reason(kind: int) -> str:
    return "chan send (nil chan)" if kind == _SEND else "chan receive (nil chan)"


def select(*cases: Case | _Default) -> tuple[int, Any]:
    """Go's ``select``: wait until one case can proceed, then do it.

    Among ready cases one is picked uniformly at random (from the program's
    seeded RNG); ``default`` is taken only when none is ready. A closed
    channel is always ready; a send case on a closed channel panics even with
    a default. A None channel is Go's nil channel: never ready. ``select()``
    with no cases blocks forever.

    Returns:
        ``(index, value)``: the index of the chosen case among the arguments,
        and its value: the received value for ``recv``, ``(v, ok)`` for
        ``recv_ok``, None for ``send`` and ``default``.
    """
    if len(cases) == 2 and _rt.hook is None:
        # Two receives, the commonest select (on channels without a timer, whose
        # expiry pass 1 would check; no trace), with pass 1 spelled out.
        a, b = cases
        try:
            ca, cb = a.rc, b.rc
        except AttributeError:  # not a case: pass 1 below says so
            ca = cb = None
        if ca is not None and cb is not None:
            ra = ca.buf or ca.sendq.n or ca.closed
            rb = cb.buf or cb.sendq.n or cb.closed
            if ra and (not rb or getsched().rng.random() < 0.5):  # as pass 1 picks
                i, pc = 0, ca
            elif rb:
                i, pc = 1, cb
            else:
                return _selectpark(cases, 2)
            pbuf = pc.buf
            if pbuf and not pc.sendq.n:
                return i, pbuf.popleft()  # the common case of a buffered channel
            return i, pc.recv()
    # Go's pass 1 over the poll order: which cases can proceed now. Scanned in
    # case order; the pick below is uniform among them, as Go's random order
    # makes it. Most selects find one ready case or none: no list for those.
    first = -1
    ready: list[int] | None = None
    dflt = -1
    live = 0
    for i, cs in enumerate(cases):
        if type(cs) is not Case:
            if cs is default:
                if dflt >= 0:
                    raise TypeError("select: multiple defaults")
                dflt = i
                continue
            raise TypeError(f"select: a case must be recv(ch), recv_ok(ch), send(ch, v) or "
                            f"default, not {cs!r}")
        c = cs.c
        if c is None:
            continue
        live += 1
        if cs.kind == _SEND:
            if not (c.closed or c.recvq.n or len(c.buf) < c.dataqsiz):
                continue
        elif not (c.sendq.n or c.buf or c.closed) and (
                c.timer is None or c.recvq.n or not getsched().run_timer(c.timer)):
            continue  # (an expired timer's channel has its value now: ready)
        if first < 0:
            first = i
        elif ready is None:
            ready = [first, i]
        else:
            ready.append(i)
    h = _rt.hook
    if first >= 0:
        if ready is not None:
            first = ready[int(getsched().rng.random() * len(ready))]
        cs = cases[first]
        assert type(cs) is Case
        c = cs.c
        assert c is not None
        if h is not None:
            h("select", _cur(), cases, dflt >= 0)
            h("selected", _cur(), first)
        if cs.kind == _SEND:
            c._trysend(cs.v)
            return first, None
        buf = c.buf
        if buf and not c.sendq.n and h is None:
            # The common case of a buffered channel, as in Chan.recv.
            v = buf.popleft()
            return first, ((v, True) if cs.kind == _RECV_OK else v)
        v, ok = c.recv_ok()
        return first, ((v, ok) if cs.kind == _RECV_OK else v)
    if dflt >= 0:
        if h is not None:
            h("select", _cur(), cases, True)
            h("selected", _cur(), dflt)
        return dflt, None

    return _selectpark(cases, live)


def _selectpark(cases: tuple[Case | _Default, ...], live: int) -> tuple[int, Any]:
    """Pass 2 and 3 of Go's ``selectgo``: no case is ready and there is no default.
    Enqueue a sudog on every channel, park, and complete the case that woke us."""
    h = _rt.hook
    s = getsched()
    if h is not None:
        h("select", s.cur, cases, False)
    if live == 0:
        # Nothing can ever be ready: block forever, with Go's wait reasons.
        if not cases:
            reason = "select (no cases)"
        elif len(cases) == 1:
            reason = _nil_reason(cases[0].kind)  # type: ignore[union-attr]
        else:
            reason = "select"
        s.park(reason)
        raise AssertionError("unreachable: a select with no channels was woken")
    g = s.cur
    assert g is not None
    sel = _SelectWait()
    for i, cs in enumerate(cases):
        c = cs.c  # type: ignore[union-attr]
        if c is None:
            continue
        if cs.kind == _SEND:  # type: ignore[union-attr]
            sg = sudog(g, c, cs.v, False, sel, i)  # type: ignore[union-attr]
            q = c.sendq
        else:
            sg = sudog(g, c, None, True, sel, i)
            q = c.recvq
        sel.append(sg)
        q.q.append(sg)  # waitq.enqueue, spelled out
        q.n += 1
    if len(cases) == 1:
        # Go compiles a one-case select into a plain send or receive.
        reason = "chan send" if cases[0].kind == _SEND else "chan receive"  # type: ignore[union-attr]
    else:
        reason = "select"
    try:
        s.park(reason)
    except BaseException:
        for sg in sel:
            if sg.live:
                (sg.c.recvq if sg.isrecv else sg.c.sendq).remove(sg)
        raise
    done = sel.done
    assert done is not None
    if h is not None:
        h("selected", g, done.idx)
    kind = cases[done.idx].kind  # type: ignore[union-attr]
    if kind == _SEND:
        if not done.ok:
            raise Panic("send on closed channel")
        return done.idx, None
    return done.idx, ((done.elem, done.ok) if kind == _RECV_OK else done.elem)
