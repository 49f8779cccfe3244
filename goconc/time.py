"""Go's ``time`` package on goconc's clocks: Duration, sleep, timers and tickers.

Follows ``time/sleep.go``, ``time/tick.go`` and ``runtime/time.go`` with Go
1.23+ timer channels: their len and cap are 0, and after ``stop()`` or
``reset()`` returns no stale value can be received. On the virtual clock,
time moves only when every goroutine is blocked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from . import _runtime as _rt
from ._chan import Chan, RecvChan
from ._errors import Panic
from ._runtime import Goroutine, Scheduler, getsched, goready
from ._runtime import Timer as _RTimer

__all__ = [
    "Duration",
    "Hour",
    "Microsecond",
    "Millisecond",
    "Minute",
    "Nanosecond",
    "Second",
    "Ticker",
    "Timer",
    "after",
    "after_func",
    "new_ticker",
    "new_timer",
    "now",
    "since",
    "sleep",
    "tick",
    "until",
]

#: pytest leaves this module's frames out of tracebacks (it reads a module-level
#: ``__tracebackhide__``); in IPython, goconc._ipython drops every goconc frame.
__tracebackhide__ = True


def _frac(v: int, prec: int) -> tuple[str, int]:
    """Go's fmtFrac: the fraction of v/10**prec without trailing zeros, and v/10**prec."""
    digits = []
    printing = False
    for _ in range(prec):
        d = v % 10
        printing = printing or d != 0
        if printing:
            digits.append(str(d))
        v //= 10
    if printing:
        return "." + "".join(reversed(digits)), v
    return "", v


#: A Duration is Go's int64 of nanoseconds: about 292 years either way.
_MAX_NS = (1 << 63) - 1
_MIN_NS = -(1 << 63)


def _overflow(what: str, ns: int) -> OverflowError:
    """Go's compile error for a constant Duration out of range, worded for Python."""
    where = "to time.Duration" if what == "time.Duration" else \
        f"as time.Duration value in argument to {what}"
    verb = "convert" if what == "time.Duration" else "use"
    return OverflowError(
        f"cannot {verb} {ns} {where} (overflows): a Duration is an int64 of "
        f"nanoseconds, from {_MIN_NS} to {_MAX_NS} (about 292 years either way)")


class Duration(int):
    """Elapsed time in nanoseconds (Go's ``time.Duration``), an ``int`` that fits int64.

    ``str()`` is Go's ``String()``: ``1.5s``, ``2m0s``, ``100ms``, ``0s``.
    Arithmetic with ints keeps the type: ``5 * time.Second`` and
    ``time.Second / 2`` (``500ms``: Go's integer division, toward zero) are
    Durations; ``d // time.Millisecond`` counts whole milliseconds (an int),
    ``d / time.Millisecond`` is their ratio (a float, as with ``timedelta``).
    A result outside int64 raises OverflowError (Go: a constant that
    overflows does not compile).
    """

    def __new__(cls, ns: int | float = 0) -> Duration:
        v = int(ns)
        if v > _MAX_NS or v < _MIN_NS:
            raise _overflow("time.Duration", v)
        return super().__new__(cls, v)

    def __str__(self) -> str:
        u = abs(int(self))
        neg = self < 0
        if u < 1_000_000_000:
            # Under a second: the largest of ns, µs, ms that fits, like 1.2ms.
            if u == 0:
                return "0s"
            if u < 1_000:
                prec, unit = 0, "ns"
            elif u < 1_000_000:
                prec, unit = 3, "µs"
            else:
                prec, unit = 6, "ms"
            frac, u = _frac(u, prec)
            out = f"{u}{frac}{unit}"
        else:
            frac, u = _frac(u, 9)
            out = f"{u % 60}{frac}s"
            u //= 60
            if u > 0:
                out = f"{u % 60}m{out}"
                u //= 60
                if u > 0:
                    out = f"{u}h{out}"
        return "-" + out if neg else out

    __repr__ = __str__

    def __format__(self, spec: str) -> str:
        return format(str(self), spec) if not spec or spec[-1] not in "dxXobn" \
            else format(int(self), spec)

    @overload  # type: ignore[override]
    def __add__(self, o: datetime) -> datetime: ...
    @overload
    def __add__(self, o: int) -> Duration: ...
    def __add__(self, o: int | datetime) -> Duration | datetime:
        # time.now() + 2 * time.Second is Go's t.Add(2 * time.Second).
        if isinstance(o, datetime):
            return o + self.to_timedelta()
        return Duration(int(self) + o)

    __radd__ = __add__

    def __sub__(self, o: int) -> Duration:
        return Duration(int(self) - o)

    @overload
    def __rsub__(self, o: datetime) -> datetime: ...
    @overload
    def __rsub__(self, o: int) -> Duration: ...
    def __rsub__(self, o: int | datetime) -> Duration | datetime:
        if isinstance(o, datetime):
            return o - self.to_timedelta()
        return Duration(o - int(self))

    def __mul__(self, o: int | float) -> Duration:
        return Duration(int(self) * o)

    __rmul__ = __mul__

    def __floordiv__(self, o: int) -> Any:
        # Duration // Duration is a count (Go: int64(d / time.Millisecond)).
        r = int(self) // o
        return r if isinstance(o, Duration) else Duration(r)

    def __truediv__(self, o: int | float) -> Any:
        if isinstance(o, Duration):
            return int(self) / int(o)  # a ratio, as timedelta / timedelta
        if isinstance(o, int):
            if o == 0:
                raise ZeroDivisionError("integer divide by zero")
            q = abs(int(self)) // abs(o)  # Go's division truncates toward zero
            return Duration(q if (self < 0) == (o < 0) else -q)
        return Duration(int(self) / o)

    def __mod__(self, o: int) -> Duration:
        return Duration(int(self) % o)

    def __neg__(self) -> Duration:
        return Duration(-int(self))

    def __abs__(self) -> Duration:
        return Duration(abs(int(self)))

    def nanoseconds(self) -> int:
        """The duration as an integer nanosecond count."""
        return int(self)

    def microseconds(self) -> int:
        """The duration as an integer microsecond count (truncated toward zero)."""
        return int(int(self) / 1_000)

    def milliseconds(self) -> int:
        """The duration as an integer millisecond count (truncated toward zero)."""
        return int(int(self) / 1_000_000)

    def seconds(self) -> float:
        """The duration as a floating-point number of seconds."""
        return int(self) / 1e9

    def minutes(self) -> float:
        """The duration as a floating-point number of minutes."""
        return int(self) / 60e9

    def hours(self) -> float:
        """The duration as a floating-point number of hours."""
        return int(self) / 3600e9

    def truncate(self, m: int) -> Duration:
        """The result of rounding toward zero to a multiple of ``m`` (Go's Truncate)."""
        if m <= 0:
            return self
        return Duration(int(self) - int(int(self) - int(int(self) / m) * m))

    def round(self, m: int) -> Duration:
        """The result of rounding to the nearest multiple of ``m``, halfway away from zero."""
        if m <= 0:
            return self
        d = int(self)
        r = abs(d) % m
        if d < 0:
            r = -r
            if r + r > -m:
                return Duration(d - r)
            return Duration(d - r - m)
        if r + r < m:
            return Duration(d - r)
        return Duration(d + m - r)

    def to_timedelta(self) -> timedelta:
        """The duration as a ``datetime.timedelta`` (microsecond precision)."""
        return timedelta(microseconds=int(self) // 1000)


Nanosecond = Duration(1)
Microsecond = Duration(1_000)
Millisecond = Duration(1_000_000)
Second = Duration(1_000_000_000)
Minute = Duration(60 * 1_000_000_000)
Hour = Duration(3600 * 1_000_000_000)


def _dur(d: object, what: str) -> int:
    if isinstance(d, bool) or not isinstance(d, int):
        if isinstance(d, timedelta):
            ns = (d // timedelta(microseconds=1)) * 1000
            if ns > _MAX_NS or ns < _MIN_NS:
                raise _overflow(what, ns)
            return ns
        raise TypeError(
            f"{what}: need a Duration (an int of nanoseconds), not {type(d).__name__} {d!r}; "
            f"write e.g. 500 * time.Millisecond")
    if d > _MAX_NS or d < _MIN_NS:
        raise _overflow(what, int(d))
    return int(d)


def sleep(d: int) -> None:
    """Pause the current goroutine for at least ``d`` (Go's ``time.Sleep``).

    ``d <= 0`` returns at once. On the virtual clock the sleep returns as soon
    as every other goroutine is blocked, with the clock advanced by ``d``.
    """
    ns = _dur(d, "time.sleep")
    if ns <= 0:
        return
    s = getsched()
    t = _RTimer(_wake, s.cur, strong=True)
    s.add_timer(t, s.nanotime() + ns)
    try:
        s.park("sleep")
    except BaseException:
        s.del_timer(t)
        raise


def _wake(g: Goroutine, when: int) -> None:
    goready(g)


class _TimerChan(Chan[datetime]):
    """A timer's channel: it holds at most one value, yet len and cap are 0 (Go 1.23+)."""

    __slots__ = ()

    def __len__(self) -> int:
        return 0

    @property
    def cap(self) -> int:
        return 0


def _send_time(c: _TimerChan, when: int) -> None:
    s = getsched()
    # A ticker's pending tick is kept; later ones are dropped for a slow reader.
    c._trysend(s.wall_of(when), sender=False)


def _stop_timer(s: Scheduler, t: _RTimer) -> bool:
    """Disarm ``t`` and discard a value it sent that nobody received (Go 1.23+:
    no value sent before Stop or Reset can be received after it). True if the
    timer was active: armed, or expired with its value still unreceived."""
    active = s.del_timer(t)
    c = t.c
    dropped = None
    if c is not None and c.buf:
        dropped = c.buf[0]
        c.buf.clear()
        active = True
    if _rt.hook is not None:
        _rt.hook("stop", s.cur, t, active, dropped)
    return active


#: The type of a Timer's ``c``: a channel (``new_timer``) or None (``after_func``).
#: A plain ``Timer`` annotation means the first (PEP 696's default, which only type
#: checkers need to see: typing.TypeVar takes ``default`` from Python 3.13).
if TYPE_CHECKING:
    from typing_extensions import TypeVar as _TypeVarDefault
    _C = _TypeVarDefault("_C", RecvChan[datetime], None, default=RecvChan[datetime])
else:
    _C = TypeVar("_C", RecvChan[datetime], None)


class Timer(Generic[_C]):
    """A single event (Go's ``*time.Timer``): ``c`` receives the time when it fires.

    For ``after_func`` timers ``c`` is None and the function runs in its own
    goroutine instead. The two are ``Timer[RecvChan[datetime]]`` and
    ``Timer[None]`` to a type checker, so ``new_timer(d).c.recv()`` checks.
    """

    __slots__ = ("_s", "_t", "c")

    def __init__(self, s: Scheduler, c: _C, rt: _RTimer) -> None:
        self._s = s
        self.c: _C = c
        self._t = rt

    def stop(self) -> bool:
        """Stop the timer. True if this call stopped it; False if it had already
        fired (and its value was received) or been stopped. No value sent before
        the call can be received after it. Does not wait for an ``after_func``
        function that is already running.
        """
        return _stop_timer(self._s, self._t)

    def reset(self, d: int) -> bool:
        """Re-arm the timer to fire after ``d``; True if it was active (as ``stop``)."""
        ns = _dur(d, "Timer.reset")
        active = _stop_timer(self._s, self._t)
        self._arm(ns)
        return active

    def _arm(self, ns: int) -> None:
        # An expired timer (ns <= 0) fires at the next schedule, or at once when
        # its channel is received from (Go 1.23's maybeRunChan).
        s = self._s
        s.add_timer(self._t, s.nanotime() + max(ns, 0))

    def __repr__(self) -> str:
        state = "active" if self._t.active or (self._t.c is not None and self._t.c.buf) \
            else "stopped"
        return f"<time.Timer {state}>"


def new_timer(d: int) -> Timer[RecvChan[datetime]]:
    """A Timer that sends the current time on its channel ``c`` after ``d``."""
    ns = _dur(d, "time.new_timer")
    s = getsched()
    c = _TimerChan(datetime, 1)
    rt = c.timer = _RTimer(_send_time, c, strong=False, c=c)
    t: Timer[RecvChan[datetime]] = Timer(s, c, rt)
    t._arm(ns)
    return t


def after(d: int) -> RecvChan[datetime]:
    """A channel that receives the current time after ``d`` (Go's ``time.After``).

    Each call makes a new timer: inside a select loop, a fresh timeout per pass.
    """
    return new_timer(d).c


def after_func(d: int, f: Callable[[], Any]) -> Timer[None]:
    """Run ``f()`` in its own goroutine after ``d`` (Go's ``time.AfterFunc``); ``c`` is None.

    A pending after_func keeps the program alive: the deadlock report waits for it.
    """
    ns = _dur(d, "time.after_func")
    if not callable(f):
        raise TypeError(f"time.after_func: f must be callable, not {type(f).__name__}")
    s = getsched()

    def fire(_: object, when: int) -> None:
        s.newproc(f, (), {}, None)

    rt = _RTimer(fire, None, strong=True)
    t = Timer(s, None, rt)
    s.add_timer(rt, s.nanotime() + max(ns, 0))
    return t


class Ticker:
    """Ticks on ``c`` every ``d`` (Go's ``*time.Ticker``); a slow reader misses ticks."""

    __slots__ = ("_s", "_t", "c")

    def __init__(self, d: int) -> None:
        ns = _dur(d, "time.new_ticker")
        if ns <= 0:
            raise Panic("non-positive interval for NewTicker")
        s = self._s = getsched()
        c = _TimerChan(datetime, 1)
        self.c: RecvChan[datetime] = c
        self._t = c.timer = _RTimer(_send_time, c, strong=False, c=c, period=ns)
        s.add_timer(self._t, s.nanotime() + ns)

    def stop(self) -> None:
        """Turn the ticker off; no tick sent before the call can be received after it."""
        _stop_timer(self._s, self._t)

    def reset(self, d: int) -> None:
        """Stop the ticker and restart it with period ``d``.

        Raises:
            Panic: ``non-positive interval for Ticker.Reset``.
        """
        ns = _dur(d, "Ticker.reset")
        if ns <= 0:
            raise Panic("non-positive interval for Ticker.Reset")
        self.stop()
        self._t.period = ns
        self._s.add_timer(self._t, self._s.nanotime() + ns)

    def __repr__(self) -> str:
        return f"<time.Ticker every {Duration(self._t.period)}>"


def new_ticker(d: int) -> Ticker:
    """A Ticker sending the time on ``c`` every ``d``.

    Raises:
        Panic: ``non-positive interval for NewTicker``.
    """
    return Ticker(d)


def tick(d: int) -> RecvChan[datetime] | None:
    """The channel of a new Ticker (Go's ``time.Tick``); None (nil) when ``d <= 0``."""
    if _dur(d, "time.tick") <= 0:
        return None
    return Ticker(d).c


def now() -> datetime:
    """The current time on the program's clock (UTC, timezone-aware).

    On the virtual clock it starts at 2000-01-01 00:00:00 UTC.
    """
    return getsched().now()


def since(t: datetime) -> Duration:
    """The time elapsed since ``t`` (Go's ``time.Since``)."""
    return Duration(((now() - t) // timedelta(microseconds=1)) * 1000)


def until(t: datetime) -> Duration:
    """The duration until ``t`` (Go's ``time.Until``)."""
    return Duration(((t - now()) // timedelta(microseconds=1)) * 1000)
