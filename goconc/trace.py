"""Record what the runtime does: an event trace, a story-like log, a Perfetto export.

``goconc.trace(main)`` runs ``main`` like ``goconc.run`` (on the virtual clock by
default) with the runtime's hook (``goconc._runtime.hook``) installed, and returns a
``Trace``: every event as plain data (ids, names, the ``repr`` of values), main's
result or the error that ended the program, and the printed lines, each attributed
to the goroutine that printed it. It plays the part of Go's ``runtime/trace`` plus
``go tool trace``, at the scale of a lesson::

    tr = goconc.trace(main)
    print(tr.text())          # g2 send 42 -> results (blocked: no receiver) ...
    print(tr.summary())       # a short deterministic summary
    tr.to_perfetto("main.json")  # open in https://ui.perfetto.dev

The animation widget (``goconc.animate``) replays a ``Trace``: it is always driven
by the recorded events of a real run, never drawn by hand.

Recording costs nothing when no trace is running (the runtime checks ``hook is
None`` once per event site). While recording, the hook appends a tuple per event;
everything else (ids, names, text) is worked out after the run.
"""

from __future__ import annotations

import gc
import json
import sys
import time as _pytime
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from os import PathLike
from typing import IO, Any

from . import _runtime
from ._chan import Case, Chan, default
from ._errors import Deadlock, Panic
from ._runtime import Goroutine
from .time import Duration

__all__ = [
    "CaseInfo",
    "ChannelInfo",
    "Event",
    "GoroutineInfo",
    "Step",
    "Trace",
    "show",
    "trace",
]

#: pytest leaves this module's frames out of tracebacks (it reads a module-level
#: ``__tracebackhide__``); in IPython, goconc._ipython drops every goconc frame.
__tracebackhide__ = True

#: Values are shown through ``repr``, cut to this many characters.
MAX_VALUE_CHARS = 60
#: A printed line, or the message of the exception that ended the program, is
#: kept in the events (and so in the story and the widget) up to this many
#: characters; ``Trace.output`` keeps every line whole.
MAX_TEXT_CHARS = 200
#: Channel, goroutine and element type names are cut to this many characters.
MAX_NAME_CHARS = 40

#: Event kinds, in the order the runtime's hook documents them, plus "print".
KINDS = (
    "go", "run", "block", "ready", "exit", "chan", "send", "sent", "recv", "recvd",
    "close", "select", "selected", "timer", "fire", "stop", "clock", "deadlock", "crash", "print",
)

# Types whose repr cannot change after the event: shown after the run, not during it.
_STABLE = frozenset({int, float, bool, str, bytes, type(None), complex, Duration})
_VALUE_EVENTS = frozenset({"send", "sent", "recvd", "handoff_s", "handoff_r", "sent_s",
                           "recvd_r"})
_CASE_KINDS = ("recv", "recv_ok", "send")


def show(v: Any) -> str:
    """How a trace shows a value: ``repr``, cut to ``MAX_VALUE_CHARS`` (with "…").

    A ``datetime`` (what a timer sends) is shown the way Go prints a ``time.Time``.
    """
    if isinstance(v, datetime):
        s = v.strftime("%Y-%m-%d %H:%M:%S") + (f".{v.microsecond:06d}".rstrip("0")
                                                if v.microsecond else "") + " +0000 UTC"
    else:
        try:
            s = repr(v)
        except Exception as e:  # a broken __repr__ must not break the trace
            s = f"<repr failed: {type(e).__name__}>"
    if len(s) > MAX_VALUE_CHARS:
        s = s[: MAX_VALUE_CHARS - 1] + "…"
    return s


def cut(s: str, limit: int) -> str:
    """``s``, or its first ``limit`` characters and a note that says how much was cut."""
    if len(s) <= limit:
        return s
    return f"{s[:limit]}… ({len(s) - limit:,} more characters cut)"


class _Shown(str):
    """A value already turned into text while recording (its repr could change later)."""


@dataclass(frozen=True, slots=True)
class GoroutineInfo:
    """A goroutine of the traced program: ``g{id}``, its function's name, who started it."""

    id: int
    name: str
    parent: int  # 0 for main


@dataclass(frozen=True, slots=True)
class ChannelInfo:
    """A channel of the traced program.

    ``name`` is the channel's own name (``chan(int, name="results")``), else ``ch{id}``;
    a timer's channel is named after its timer (``after(1s)``, ``tick(100ms)``).
    """

    id: int
    name: str
    cap: int
    elem: str
    timer: bool


@dataclass(frozen=True, slots=True)
class CaseInfo:
    """One case offered by a ``select``: ``kind`` is recv, recv_ok, send or default."""

    kind: str
    ch: int | None = None  # None: a nil channel (or the default case)
    value: str | None = None  # for a send case

    def label(self, names: dict[int, str]) -> str:
        if self.kind == "default":
            return "default"
        ch = "nil" if self.ch is None else names[self.ch]
        if self.kind == "send":
            return f"send {self.value} -> {ch}"
        return f"recv {ch}"


@dataclass(frozen=True, slots=True)
class Event:
    """One thing the runtime did, as plain data.

    ``g`` is the goroutine that acts (None when the runtime itself acts, e.g. a
    timer sending on its channel); ``t`` is the time on the program's clock in
    nanoseconds since it started. Which other fields are set depends on ``kind``:

    ========  ===========================================================
    go        ``peer``: the new goroutine (``g`` started it)
    run       ``g`` gets the CPU
    block     ``reason``: Go's wait reason (``chan send``, ``select``, ``sleep`` …)
    ready     ``g`` is runnable again
    exit      ``g`` has finished (or was unwound at the end of the program)
    chan      ``ch`` was made
    send      ``g`` starts sending ``value`` on ``ch``
    sent      ``value`` left the sender ``g``; ``peer``: the receiver it was
              handed to directly, else None (it went into the buffer)
    recv      ``g`` starts receiving from ``ch``
    recvd     ``g`` got ``value`` (``ok``); ``peer``: the sender it came
              straight from, else None (from the buffer, or the zero value)
    close     ``g`` closed ``ch``
    select    ``g`` offers ``cases``
    selected  ``g``'s select took case ``index``
    timer     a timer was armed to fire at ``at`` (``ch``: its channel;
              ``peer``: the goroutine a sleep wakes)
    fire      a timer fired (``ch``, ``peer`` as for timer)
    stop      ``g`` stopped or reset the timer of ``ch`` (``Timer.stop``/``reset``,
              ``Ticker.stop``/``reset``); ``ok``: what ``Timer.stop`` returns (None
              for a ticker); ``value``: the value it sent that nobody received,
              now discarded, else None
    clock     the virtual clock jumped to ``at``
    print     ``g`` printed the line ``text``
    deadlock  ``text``: Go's message; ``waiting``: (goroutine, reason) pairs
    crash     ``text``: the exception that ended the program, raised in ``g``
    ========  ===========================================================
    """

    seq: int
    t: int
    kind: str
    g: int | None = None
    ch: int | None = None
    value: str | None = None
    ok: bool | None = None
    reason: str | None = None
    peer: int | None = None
    cases: tuple[CaseInfo, ...] = ()
    index: int | None = None
    at: int | None = None
    text: str | None = None
    waiting: tuple[tuple[int, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The event as JSON-ready data, without the fields that are not set."""
        d: dict[str, Any] = {"seq": self.seq, "t": self.t, "kind": self.kind}
        for name in ("g", "ch", "value", "ok", "reason", "peer", "index", "at", "text"):
            v = getattr(self, name)
            if v is not None:
                d[name] = v
        if self.cases:
            d["cases"] = [{"kind": c.kind, "ch": c.ch, "value": c.value} for c in self.cases]
        if self.waiting:
            d["waiting"] = [list(w) for w in self.waiting]
        return d


@dataclass(frozen=True, slots=True)
class Step:
    """One line of the story: events ``start`` to ``end`` (inclusive) and the line."""

    start: int
    end: int
    text: str


class Trace:
    """What one traced run did: its events, goroutines, channels, output and outcome.

    ``result`` is what main returned; ``error`` the exception that ended the program
    (a ``Deadlock``, a crash, a ``Leak``), else None. ``output`` is everything printed.
    The events are worked out from the hook's records when first asked for, so that
    recording stays cheap.
    """

    def __init__(self, raw: list[tuple[Any, ...]], times: list[int] | None,
                 main: Callable[..., Any], *, result: Any = None,
                 error: BaseException | None = None, clock: str = "virtual",
                 seed: int | None = None) -> None:
        self._raw: list[tuple[Any, ...]] | None = raw
        self._times = times
        self._main = main
        self.result = result
        self.error = error
        self.clock = clock
        self.seed = seed
        self._events: list[Event] = []
        self._goroutines: dict[int, GoroutineInfo] = {}
        self._channels: dict[int, ChannelInfo] = {}
        self._steps: list[Step] = []
        self._final: dict[int, str] = {}
        self._output: list[str] = []

    def _build(self) -> None:
        raw = self._raw
        if raw is None:
            return
        self._raw = None
        _build(self, raw, self._times, self._main)
        self._times = None

    @property
    def events(self) -> list[Event]:
        """Every event, in order."""
        self._build()
        return self._events

    @property
    def goroutines(self) -> dict[int, GoroutineInfo]:
        """Every goroutine of the program, by id (main is 1)."""
        self._build()
        return self._goroutines

    @property
    def channels(self) -> dict[int, ChannelInfo]:
        """Every channel the program used, numbered in order of first appearance."""
        self._build()
        return self._channels

    @property
    def steps(self) -> list[Step]:
        """The story's steps: the lines of ``text()`` and the events each covers."""
        self._build()
        return self._steps

    @property
    def final(self) -> dict[int, str]:
        """How each goroutine ended: ``returned``, ``exited``, ``blocked [chan send] …``."""
        self._build()
        return self._final

    @property
    def output(self) -> str:
        """Everything the program printed to ``sys.stdout`` (every line whole)."""
        self._build()
        return "".join(line + "\n" for line in self._output)

    def __iter__(self) -> Iterator[Event]:
        return iter(self.events)

    def __len__(self) -> int:
        return len(self.events)

    def __repr__(self) -> str:
        return (f"<Trace {len(self.events)} events, {len(self.goroutines)} goroutines, "
                f"{len(self.channels)} channels, {self.outcome()}>")

    @property
    def duration(self) -> int:
        """Nanoseconds on the program's clock from start to end."""
        return self.events[-1].t if self.events else 0

    def outcome(self) -> str:
        """How the program ended, in a few words."""
        e = self.error
        if e is None:
            return f"main returned {show(self.result)}"
        if isinstance(e, Deadlock):
            return "fatal error: " + str(e).split("\n", 1)[0]
        if isinstance(e, Panic):
            return cut(f"panic: {e}", MAX_TEXT_CHARS)
        first = str(e).splitlines()[0] if str(e) else ""
        return cut(f"{type(e).__name__}: {first}".rstrip(": "), MAX_TEXT_CHARS)

    def text(self, *, verbose: bool = False) -> str:
        """The log, one line per step, reading like a story.

        ``g2 send 42 -> results (blocked: no receiver)``, ``g1 recv 42 <- results
        (from waiting g2)``, ``clock +1s (now 1s)``, ``g1 select: recv results | recv
        after(1s) -> took recv after(1s)`` … With ``verbose=True``, every event
        on its own line, the scheduler's ``run``s included.
        """
        if verbose:
            return "\n".join(self._event_line(e) for e in self.events)
        return "\n".join(s.text for s in self.steps)

    def _event_line(self, e: Event) -> str:
        parts = [f"{e.seq:5d} {_dur(e.t):>8} {e.kind:8}"]
        if e.g is not None:
            parts.append(f"g{e.g}")
        if e.ch is not None:
            parts.append(self.channels[e.ch].name)
        for name in ("value", "ok", "reason", "peer", "index", "at"):
            v = getattr(e, name)
            if v is not None:
                parts.append(f"{name}={v}")
        if e.cases:
            names = {c.id: c.name for c in self.channels.values()}
            parts.append(" | ".join(c.label(names) for c in e.cases))
        if e.text is not None:
            parts.append(e.text.splitlines()[0] if e.text else "''")
        return " ".join(parts)

    def summary(self) -> str:
        """A short summary: goroutines and how each ended, channels and their traffic,
        time, output and outcome. Deterministic for a virtual-clock run."""
        lines = [f"trace: {len(self.events)} events, {len(self.steps)} steps, "
                 f"{self.clock} time {_dur(self.duration)}"]
        for gid, gi in self.goroutines.items():
            lines.append(f"  g{gid} {gi.name}: {self.final.get(gid, 'exited')}")
        sends: dict[int, int] = {}
        recvs: dict[int, int] = {}
        closed: set[int] = set()
        for e in self.events:
            if e.kind == "sent" and e.ch is not None:
                sends[e.ch] = sends.get(e.ch, 0) + 1
            elif e.kind == "recvd" and e.ch is not None:
                recvs[e.ch] = recvs.get(e.ch, 0) + 1
            elif e.kind == "close" and e.ch is not None:
                closed.add(e.ch)
        for cid, ci in self.channels.items():
            ns, nr = sends.get(cid, 0), recvs.get(cid, 0)
            lines.append(f"  {ci.name} (chan {ci.elem}, cap {ci.cap}): "
                         f"{ns} sent, {nr} received" + (", closed" if cid in closed else ""))
        nout = len(self.output.splitlines())
        lines.append(f"  output: {nout} line{'s' if nout != 1 else ''}")
        lines.append(f"  {self.outcome()}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """The whole trace as JSON-ready data (what the animation widget replays)."""
        return {
            "version": 1,
            "clock": self.clock,
            "goroutines": [{"id": g.id, "name": g.name, "parent": g.parent}
                           for g in self.goroutines.values()],
            "channels": [{"id": c.id, "name": c.name, "cap": c.cap, "elem": c.elem,
                          "timer": c.timer} for c in self.channels.values()],
            "events": [e.to_dict() for e in self.events],
            "steps": [[s.start, s.end, s.text] for s in self.steps],
            "outcome": self.outcome(),
            "error": None if self.error is None else type(self.error).__name__,
            "summary": self.summary(),
        }

    # --- Perfetto ------------------------------------------------------------------------

    def perfetto(self) -> dict[str, Any]:
        """The trace in Chrome's trace-event format (what ui.perfetto.dev opens).

        One track (thread) per goroutine, named ``g2 worker``, with slices for its
        states (``running``, ``runnable``, and each wait: ``chan send`` …); flow
        arrows for values handed from one goroutine to another; instant events for
        goroutine starts, channel makes and closes, timers, prints, the clock and
        the end. Runtime actions (a timer sending) are on a ``runtime`` track.

        Timestamps are in microseconds: the program's clock plus one microsecond
        per event, so that events at the same virtual instant keep their order and
        every slice has a width.
        """
        pid = 1
        out: list[dict[str, Any]] = [
            {"ph": "M", "pid": pid, "tid": 0, "name": "process_name",
             "args": {"name": "goconc program"}},
            {"ph": "M", "pid": pid, "tid": 0, "name": "thread_name",
             "args": {"name": "runtime"}},
        ]
        for gi in self.goroutines.values():
            out.append({"ph": "M", "pid": pid, "tid": gi.id, "name": "thread_name",
                        "args": {"name": f"g{gi.id} {gi.name}"}})
            out.append({"ph": "M", "pid": pid, "tid": gi.id, "name": "thread_sort_index",
                        "args": {"sort_index": gi.id}})
        names = {c.id: c.name for c in self.channels.values()}

        def ts(e: Event) -> float:
            return e.t / 1000 + e.seq

        # Each goroutine's current state slice: (name, start ts).
        open_: dict[int, tuple[str, float]] = {}

        def begin(gid: int, state: str, at: float) -> None:
            end(gid, at)
            open_[gid] = (state, at)

        def end(gid: int, at: float) -> None:
            cur = open_.pop(gid, None)
            if cur is not None:
                out.append({"ph": "X", "pid": pid, "tid": gid, "name": cur[0],
                            "cat": "state", "ts": cur[1], "dur": max(at - cur[1], 0.0)})

        running: int | None = None
        flow = 0
        for e in self.events:
            t = ts(e)
            k = e.kind
            if k == "go" and e.peer is not None:
                begin(e.peer, "runnable", t)
                out.append(_instant(pid, e.g or 0, t, f"go g{e.peer}",
                                    {"goroutine": e.peer,
                                     "function": self.goroutines[e.peer].name}))
            elif k == "run" and e.g is not None:
                if running is not None and running != e.g and \
                        open_.get(running, ("",))[0] == "running":
                    begin(running, "runnable", t)  # it yielded (gosched)
                running = e.g
                begin(e.g, "running", t)
            elif k == "block" and e.g is not None:
                begin(e.g, e.reason or "waiting", t)
                if running == e.g:
                    running = None
            elif k == "ready" and e.g is not None:
                begin(e.g, "runnable", t)
            elif k == "exit" and e.g is not None:
                end(e.g, t)
                if running == e.g:
                    running = None
            elif k == "sent" and e.peer is not None:
                flow += 1
                args = {"value": e.value, "chan": names.get(e.ch or 0, "")}
                out.append({"ph": "s", "pid": pid, "tid": e.g or 0, "ts": t, "id": flow,
                            "cat": "handoff", "name": "handoff", "args": args})
                out.append({"ph": "f", "bp": "e", "pid": pid, "tid": e.peer, "ts": t + 0.5,
                            "id": flow, "cat": "handoff", "name": "handoff", "args": args})
                out.append(_instant(pid, e.g or 0, t, f"send {e.value} -> "
                                    f"{names.get(e.ch or 0, '')}", args))
            elif k in ("sent", "recvd"):
                out.append(_instant(pid, e.g or 0, t,
                                    f"{'send' if k == 'sent' else 'recv'} {e.value} "
                                    f"{'->' if k == 'sent' else '<-'} "
                                    f"{names.get(e.ch or 0, '')}",
                                    {"value": e.value, "ok": e.ok}))
            elif k in ("chan", "close", "timer", "fire", "stop", "print", "selected"):
                label = {"chan": "make", "close": "close", "timer": "timer armed",
                         "fire": "timer fired", "stop": "timer stopped", "print": "print",
                         "selected": f"select took case {e.index}"}[k]
                if e.ch is not None:
                    label += f" {names[e.ch]}"
                args = {"text": e.text} if e.text is not None else {}
                out.append(_instant(pid, e.g or 0, t, label, args))
            elif k == "clock":
                out.append({"ph": "i", "s": "g", "pid": pid, "tid": 0, "ts": t,
                            "name": f"clock -> {_dur(e.at or 0)}"})
            elif k in ("deadlock", "crash"):
                out.append({"ph": "i", "s": "g", "pid": pid, "tid": e.g or 0, "ts": t,
                            "name": "deadlock" if k == "deadlock" else "crash",
                            "args": {"text": e.text or ""}})
        last = ts(self.events[-1]) + 1 if self.events else 0.0
        for gid in list(open_):
            end(gid, last)
        return {"traceEvents": out, "displayTimeUnit": "ns",
                "otherData": {"clock": self.clock, "outcome": self.outcome()}}

    def to_perfetto(self, path: str | PathLike[str] | IO[str]) -> None:
        """Write ``perfetto()`` as JSON to ``path`` (a file name or a text file)."""
        data = self.perfetto()
        if hasattr(path, "write"):
            json.dump(data, path)  # type: ignore[arg-type]
            return
        with open(path, "w", encoding="utf-8") as f:
            json.dump(data, f)


def _instant(pid: int, tid: int, ts: float, name: str, args: dict[str, Any]) -> dict[str, Any]:
    return {"ph": "i", "s": "t", "pid": pid, "tid": tid, "ts": ts, "name": name,
            "cat": "event", "args": args}


def _dur(ns: int) -> str:
    return str(Duration(ns))


# --- recording -------------------------------------------------------------------------


class _Tee:
    """``sys.stdout`` while tracing: passes text through and records whole lines,
    each attributed to the goroutine that printed it."""

    def __init__(self, out: IO[str], record: Callable[[tuple[Any, ...]], None]) -> None:
        self._out = out
        self._record = record
        self._partial: dict[int | None, str] = {}

    def write(self, s: str) -> int:
        cur = _runtime.getsched().cur
        gid = cur.id if cur is not None else None
        text = self._partial.pop(gid, "") + s
        *lines, rest = text.split("\n")
        for line in lines:
            self._record(("print", gid, line))
        if rest:
            self._partial[gid] = rest
        return self._out.write(s)

    def flush(self) -> None:
        self._out.flush()

    def finish(self) -> None:
        for gid, rest in self._partial.items():
            self._record(("print", gid, rest))
        self._partial.clear()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._out, name)


def trace(main: Callable[..., Any], *args: Any, clock: str = "virtual", seed: int | None = 1,
          leaks: str = "warn", **kwargs: Any) -> Trace:
    """Run ``main(*args, **kwargs)`` like ``goconc.run`` and record what the runtime does.

    Defaults to the virtual clock and ``seed=1``, so the same program gives the
    same trace every time. Lines printed while tracing still reach ``sys.stdout``.

    A program that deadlocks, crashes or leaks (with ``leaks="raise"``) is traced to
    its end all the same: the exception does not propagate, it is kept in
    ``Trace.error``, so the trace of a deadlock can be read and animated. Only
    ``KeyboardInterrupt`` and ``SystemExit`` propagate.

    Example::

        def main() -> None:
            results = chan(int, name="results")
            go(lambda: results.send(42))
            print(results.recv())

        tr = goconc.trace(main)
        print(tr.text())

    Returns:
        The ``Trace``; ``result`` holds what main returned.
    """
    raw: list[tuple[Any, ...]] = []
    app = raw.append
    real = clock == "real"
    times: list[int] = []
    base = _pytime.monotonic_ns()
    values = _VALUE_EVENTS
    stable = _STABLE

    # The hook runs for every event: it only appends the hook's own argument tuple.
    # A value whose repr could change later (a list sent, then mutated) is shown now.
    if real:
        tapp = times.append
        mono = _pytime.monotonic_ns

        def hook(*a: Any) -> None:
            if a[0] in values and type(a[3]) not in stable:
                a = (*a[:3], _Shown(show(a[3])), *a[4:])
            app(a)
            tapp(mono() - base)
    else:
        def hook(*a: Any) -> None:
            if a[0] in values and type(a[3]) not in stable:
                a = (*a[:3], _Shown(show(a[3])), *a[4:])
            app(a)

    def record(item: tuple[Any, ...]) -> None:
        app(item)
        if real:
            times.append(_pytime.monotonic_ns() - base)

    prev_hook = _runtime.hook
    prev_out = sys.stdout
    tee = _Tee(prev_out, record)
    result: Any = None
    error: BaseException | None = None
    # The records are tuples that live until the run ends: without this, the cyclic
    # garbage collector would scan the growing list again and again.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    _runtime.hook = hook
    sys.stdout = tee
    try:
        result = _runtime.run(main, *args, clock=clock, seed=seed, leaks=leaks, **kwargs)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as e:
        error = e
    finally:
        _runtime.hook = prev_hook
        tee.finish()
        sys.stdout = prev_out
        if gc_was_enabled:
            gc.enable()
    return Trace(raw, times if real else None, main, result=result, error=error,
                 clock=clock, seed=seed)


def _fn_name(fn: Any) -> str:
    """A goroutine's function as a reader knows it: ``worker``, not ``main.<locals>.worker``."""
    while hasattr(fn, "func"):  # functools.partial
        fn = fn.func
    name = getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None)
    if not isinstance(name, str):
        name = type(fn).__name__
    return cut(name.rsplit("<locals>.", 1)[-1], MAX_NAME_CHARS)


def _expand(raw: list[tuple[Any, ...]], times: list[int] | None
            ) -> tuple[list[tuple[Any, ...]], list[int] | None]:
    """Unfold the runtime's combined events (see ``goconc._runtime.hook``) into plain ones."""
    out: list[tuple[Any, ...]] = []
    otimes: list[int] | None = [] if times is not None else None
    for i, rec in enumerate(raw):
        ev = rec[0]
        if ev == "switch":
            _, g, reason, nxt = rec
            parts: list[tuple[Any, ...]] = [("run", nxt)]
            if reason is not None:
                parts.insert(0, ("block", g, reason))
        elif ev == "handoff_s" or ev == "handoff_r":
            _, sender, ch, v, receiver, woken = rec
            start = ("send", sender, ch, v) if ev == "handoff_s" else ("recv", receiver, ch)
            parts = [start, ("sent", sender, ch, v), ("recvd", receiver, ch, v, True),
                     ("ready", woken)]
        elif ev == "sent_s":
            _, g, ch, v = rec
            parts = [("send", g, ch, v), ("sent", g, ch, v)]
        elif ev == "recvd_r":
            _, g, ch, v, ok = rec
            parts = [("recv", g, ch), ("recvd", g, ch, v, ok)]
        else:
            parts = [rec]
        out.extend(parts)
        if otimes is not None and times is not None:
            otimes.extend([times[i]] * len(parts))
    return out, otimes


def _build(tr: Trace, raw: list[tuple[Any, ...]], times: list[int] | None,
           main: Callable[..., Any]) -> None:
    """Turn the hook's raw tuples into ``Event``s, goroutine and channel tables, steps."""
    raw, times = _expand(raw, times)
    goroutines: dict[int, GoroutineInfo] = {1: GoroutineInfo(1, _fn_name(main), 0)}
    output: list[str] = []
    chan_ids: dict[int, int] = {}  # id(Chan) -> channel number (the Chans are kept alive)
    chan_objs: list[Chan[Any]] = []
    chan_names: dict[int, str] = {}
    events: list[Event] = [Event(0, 0, "go", None, peer=1)]
    waiting: dict[int, str] = {}  # goroutine -> wait reason, for the deadlock report
    alive: set[int] = {1}
    final: dict[int, str] = {}
    main_gone = False
    now = 0

    def cid(c: Any) -> int | None:
        if c is None:
            return None
        n = chan_ids.get(id(c))
        if n is None:
            n = chan_ids[id(c)] = len(chan_objs) + 1
            chan_objs.append(c)
        return n

    def gid(g: Goroutine | None) -> int | None:
        return None if g is None else g.id

    def val(v: Any) -> str:
        return str(v) if type(v) is _Shown else show(v)

    for i, rec in enumerate(raw):
        ev = rec[0]
        a = rec[1:]
        if times is not None:
            now = times[i]
        seq = len(events)
        e: Event
        if ev == "go":
            g, parent = a
            goroutines[g.id] = GoroutineInfo(g.id, _fn_name(g.fn), gid(parent) or 0)
            alive.add(g.id)
            e = Event(seq, now, ev, gid(parent), peer=g.id)
        elif ev == "block":
            waiting[a[0].id] = a[1]
            e = Event(seq, now, ev, a[0].id, reason=a[1])
        elif ev in ("run", "ready"):
            waiting.pop(a[0].id, None)
            e = Event(seq, now, ev, a[0].id)
        elif ev == "exit":
            g = a[0]
            if g.id in final:
                pass  # ended by the deadlock or crash
            elif g.id == 1:
                main_gone = True
                final[1] = "returned"
            elif g.id in waiting:
                final[g.id] = f"leaked [{waiting[g.id]}]" if main_gone else \
                    f"blocked [{waiting[g.id]}]"
            elif main_gone and g.id not in final:
                final[g.id] = "runnable when main returned"
            alive.discard(g.id)
            waiting.pop(g.id, None)
            e = Event(seq, now, ev, g.id)
        elif ev == "chan":
            e = Event(seq, now, ev, None, ch=cid(a[0]))
        elif ev == "send" or ev == "sent":
            e = Event(seq, now, ev, gid(a[0]), ch=cid(a[1]), value=val(a[2]))
        elif ev == "recv":
            e = Event(seq, now, ev, gid(a[0]), ch=cid(a[1]))
        elif ev == "recvd":
            e = Event(seq, now, ev, gid(a[0]), ch=cid(a[1]), value=val(a[2]), ok=bool(a[3]))
        elif ev == "close":
            e = Event(seq, now, ev, gid(a[0]), ch=cid(a[1]))
        elif ev == "select":
            cases = []
            for cs in a[1]:
                if cs is default or not isinstance(cs, Case):
                    cases.append(CaseInfo("default"))
                else:
                    cases.append(CaseInfo(_CASE_KINDS[cs.kind], cid(cs.c),
                                          show(cs.v) if cs.kind == 2 else None))
            e = Event(seq, now, ev, gid(a[0]), cases=tuple(cases))
        elif ev == "selected":
            e = Event(seq, now, ev, gid(a[0]), index=a[1])
        elif ev in ("timer", "fire"):
            t, when = a
            c = getattr(t, "c", None)
            n = cid(c)
            arg = getattr(t, "arg", None)
            peer = arg.id if isinstance(arg, Goroutine) else None
            if ev == "timer" and n is not None and n not in chan_names:
                period = getattr(t, "period", 0)
                chan_names[n] = f"tick({_dur(period)})" if period else f"after({_dur(when - now)})"
            e = Event(seq, now, ev, None, ch=n, peer=peer, at=when,
                      reason="sleep" if peer is not None else None)
        elif ev == "stop":
            g, t, active, dropped = a
            ticker = bool(getattr(t, "period", 0))  # Ticker.stop returns nothing
            e = Event(seq, now, ev, gid(g), ch=cid(getattr(t, "c", None)),
                      ok=None if ticker else active,
                      value=None if dropped is None else val(dropped))
        elif ev == "clock":
            now = a[1] if times is None else now
            e = Event(seq, now, ev, None, at=a[1])
        elif ev == "print":
            output.append(a[1])
            e = Event(seq, now, ev, a[0], text=cut(a[1], MAX_TEXT_CHARS))
        elif ev == "deadlock":
            msg = cut(str(a[0]).split("\n", 1)[0], MAX_TEXT_CHARS)
            w = tuple(sorted((g2, r) for g2, r in waiting.items()))
            for g2, r in w:
                final[g2] = f"blocked [{r}] at the deadlock"
            e = Event(seq, now, ev, None, text=msg, waiting=w)
        elif ev == "crash":
            g, exc = a
            text = f"panic: {exc}" if isinstance(exc, Panic) else \
                f"{type(exc).__name__}: {exc}".rstrip(": ")
            text = cut(text.split("\n", 1)[0], MAX_TEXT_CHARS)
            if g is not None:
                final[g.id] = text
            e = Event(seq, now, ev, gid(g), text=text)
        else:  # an event this version does not know: keep it, as text
            e = Event(seq, now, ev, None, text=repr(a))
        events.append(e)
    # The goroutine that made each channel: whoever was running at its "chan" event.
    running: int | None = None
    fixed: list[Event] = []
    for e in events:
        if e.kind == "run":
            running = e.g
        elif e.kind in ("block", "exit") and e.g == running:
            running = None
        if e.kind == "chan" and running is not None:
            e = _replace(e, g=running)
        fixed.append(e)
    events = _pair_handoffs(fixed)
    channels: dict[int, ChannelInfo] = {}
    for n, c in enumerate(chan_objs, 1):
        timer = type(c).__name__ == "_TimerChan"
        name = c.name or chan_names.get(n) or f"ch{n}"
        et = c.elemtype
        elem = "any" if et is None else getattr(et, "__name__", repr(et))
        # A timer's channel holds its one fired value, yet its cap is 0, as in Go 1.23+.
        channels[n] = ChannelInfo(n, cut(str(name), MAX_NAME_CHARS), c.cap,
                                  cut(str(elem), MAX_NAME_CHARS), timer)
    for g2 in goroutines:
        if g2 not in final and g2 in alive:
            final[g2] = f"blocked [{waiting[g2]}]" if g2 in waiting else "runnable"
    tr._events = events
    tr._output = output
    tr._goroutines = goroutines
    tr._channels = channels
    tr._final = final
    tr._steps = _story(tr)


def _replace(e: Event, **kw: Any) -> Event:
    d = {name: getattr(e, name) for name in Event.__slots__}
    d.update(kw)
    return Event(**d)


def _pair_handoffs(events: list[Event]) -> list[Event]:
    """Mark direct handoffs: a "sent" followed at once by a "recvd" of the same value on
    the same channel is one value going straight from sender to receiver (Go's
    ``send``/``recv`` on a waiting partner); both events get the other side as ``peer``."""
    out = list(events)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.kind == "sent" and b.kind == "recvd" and a.ch == b.ch and b.ok and \
                a.value == b.value and a.peer is None:
            out[i] = _replace(a, peer=b.g)
            out[i + 1] = _replace(b, peer=a.g if a.g is not None else 0)
    return out


# --- the story ---------------------------------------------------------------------------


def _story(tr: Trace) -> list[Step]:
    """Group events into steps, one line each, in the words of ``Trace.text``."""
    ev = tr.events
    ch = {c.id: c for c in tr.channels.values()}
    buflen: dict[int, int] = {c: 0 for c in ch}
    closed: set[int] = set()
    reason: dict[int, str] = {}
    steps: list[Step] = []
    n = len(ev)
    i = 0
    start = 0

    def name(c: int | None) -> str:
        return "nil" if c is None else ch[c].name

    def who(g: int | None) -> str:
        return "runtime" if g is None or g == 0 else f"g{g}"

    def emit(end: int, text: str) -> None:
        nonlocal start
        steps.append(Step(start, end, text))
        start = end + 1

    def at(j: int, kind: str, g: int | None = -1) -> bool:
        return j < n and ev[j].kind == kind and (g == -1 or ev[j].g == g)

    def absorb_ready(j: int, g: int | None) -> int:
        """Include the ready of the goroutine just woken: it is part of this step."""
        if g is not None and at(j, "ready", g):
            reason.pop(g, None)
            return j + 1
        return j

    def recv_outcome(j: int, g: int | None) -> tuple[int, str]:
        """Events from ``j`` on that complete a receive by ``g``: (next index, words)."""
        e = ev[j] if j < n else None
        if e is None:
            return j, ""
        c = e.ch or 0
        if e.kind == "sent" and e.peer == g and at(j + 1, "recvd", g):
            # Straight from a waiting sender.
            r = ev[j + 1]
            return absorb_ready(j + 2, e.g), \
                f"recv {r.value} <- {name(c)} (from waiting {who(e.g)})"
        if e.kind == "recvd" and e.g == g:
            if not e.ok:
                return j + 1, f"recv {e.value}, ok=False <- {name(c)} (closed)"
            buflen[c] = max(buflen.get(c, 0) - 1, 0)
            if at(j + 1, "sent") and ev[j + 1].ch == c and ev[j + 1].peer is None:
                s = ev[j + 1]
                buflen[c] += 1
                return absorb_ready(j + 2, s.g), \
                    f"recv {e.value} <- {name(c)} (buffer; waiting {who(s.g)}'s {s.value} " \
                    f"moves in)"
            if ch[c].timer:
                return j + 1, f"recv {e.value} <- {name(c)} (the fired value it held)"
            return j + 1, f"recv {e.value} <- {name(c)} (buffer {buflen[c]}/{ch[c].cap})"
        return j, ""

    def send_outcome(j: int, g: int | None) -> tuple[int, str]:
        if at(j, "ready") and at(j + 1, "sent", g) and ev[j + 1].peer == ev[j].g:
            # _trysend readies the receiver before it reports the handoff.
            reason.pop(ev[j].g or 0, None)
            j += 1
        e = ev[j] if j < n else None
        if e is None or e.kind != "sent" or e.g != g:
            return j, ""
        c = e.ch or 0
        if e.peer is not None and at(j + 1, "recvd", e.peer):
            return absorb_ready(j + 2, e.peer), \
                f"send {e.value} -> {name(c)} (to waiting {who(e.peer)})"
        buflen[c] = buflen.get(c, 0) + 1
        if ch[c].timer:
            return j + 1, f"send {e.value} -> {name(c)} (held until a receive)"
        return j + 1, f"send {e.value} -> {name(c)} (buffer {buflen[c]}/{ch[c].cap})"

    while i < n:
        e = ev[i]
        k = e.kind
        g = e.g
        if k == "run":
            i += 1
            continue
        if k == "go":
            if e.g is None:
                emit(i, f"g{e.peer} {tr.goroutines[e.peer or 0].name} starts")
            else:
                emit(i, f"{who(g)} go g{e.peer} {tr.goroutines[e.peer or 0].name}")
            i += 1
        elif k == "chan":
            info = ch[e.ch or 0]
            if info.timer:
                i += 1  # told with its timer
                continue
            emit(i, f"{who(g)} make {info.name} (chan {info.elem}, cap {info.cap})")
            i += 1
        elif k == "send":
            c = e.ch or 0
            j, words = send_outcome(i + 1, g)
            if words:
                emit(j - 1, f"{who(g)} {words}")
                i = j
            elif at(i + 1, "block", g):
                why = "no receiver" if ch[c].cap == 0 else "buffer full"
                reason[g or 0] = "chan send"
                emit(i + 1, f"{who(g)} send {e.value} -> {name(c)} (blocked: {why})")
                i += 2
            else:
                extra = " (closed: panic)" if c in closed else ""
                emit(i, f"{who(g)} send {e.value} -> {name(c)}{extra}")
                i += 1
        elif k == "recv":
            c = e.ch or 0
            j, words = recv_outcome(i + 1, g)
            if words:
                emit(j - 1, f"{who(g)} {words}")
                i = j
            elif at(i + 1, "block", g):
                why = "no sender" if ch[c].cap == 0 else "buffer empty"
                reason[g or 0] = "chan receive"
                emit(i + 1, f"{who(g)} recv <- {name(c)} (blocked: {why})")
                i += 2
            else:
                emit(i, f"{who(g)} recv <- {name(c)}")
                i += 1
        elif k in ("sent", "recvd"):
            # Not part of a send/recv/select step: a timer delivering, or a close.
            if k == "sent":
                j, words = send_outcome(i, g)
            else:
                j, words = recv_outcome(i, g)
            if not words:
                j, words = i + 1, f"{who(g)} {k} {e.value} {name(e.ch)}"
            emit(j - 1, f"{who(g)} {words}")
            i = j
        elif k == "close":
            c = e.ch or 0
            closed.add(c)
            j = i + 1
            woken = []
            while j < n and ((at(j, "recvd") and ev[j].ch == c and not ev[j].ok)
                             or at(j, "ready")):
                if ev[j].kind == "ready" and ev[j].g is not None:
                    woken.append(f"g{ev[j].g}")
                    reason.pop(ev[j].g or 0, None)
                j += 1
            extra = f" (wakes {', '.join(woken)})" if woken else ""
            emit(j - 1, f"{who(g)} close {name(c)}{extra}")
            i = j
        elif k == "select":
            offers = " | ".join(cs.label({c.id: c.name for c in ch.values()})
                                for cs in e.cases)
            if at(i + 1, "selected", g):
                idx = ev[i + 1].index or 0
                cs = e.cases[idx]
                j = i + 2
                words = ""
                if cs.kind == "send":
                    j, words = send_outcome(j, g)
                elif cs.kind != "default" and at(j, "recv", g):
                    j, words = recv_outcome(j + 1, g)
                    if not words:
                        j -= 1
                took = words or cs.label({c.id: c.name for c in ch.values()})
                emit(j - 1, f"{who(g)} select: {offers or '(no cases)'} -> took {took}")
                i = j
            elif at(i + 1, "block", g):
                reason[g or 0] = ev[i + 1].reason or "select"
                emit(i + 1, f"{who(g)} select: {offers or '(no cases)'} (blocked)")
                i += 2
            else:
                emit(i, f"{who(g)} select: {offers}")
                i += 1
        elif k == "selected":
            idx = e.index or 0
            # The case that woke a blocked select: find its offers.
            label = f"case {idx}"
            for b in range(i - 1, -1, -1):
                if ev[b].kind == "select" and ev[b].g == g:
                    if idx < len(ev[b].cases):
                        label = ev[b].cases[idx].label({c.id: c.name for c in ch.values()})
                    break
            emit(i, f"{who(g)} select took {label}")
            i += 1
        elif k == "timer":
            if at(i + 1, "fire") and ev[i + 1].ch == e.ch and e.ch is not None:
                i += 1  # a ticker re-arming: told with its tick
                continue
            if e.peer is not None and at(i + 1, "block", e.peer):
                reason[e.peer] = "sleep"
                emit(i + 1, f"g{e.peer} sleep {_dur((e.at or 0) - e.t)}")
                i += 2
                continue
            what = f"timer {name(e.ch)}" if e.ch is not None else "timer"
            actor = _actor(ev, i)
            emit(i, f"{actor}starts {what} (fires at {_dur(e.at or 0)})")
            i += 1
        elif k == "fire":
            if e.peer is not None:
                j = absorb_ready(i + 1, e.peer)
                emit(j - 1, f"g{e.peer} wakes from sleep")
                i = j
            elif e.ch is not None:
                j, words = send_outcome(i + 1, None)
                if words:
                    emit(j - 1, f"timer {name(e.ch)} fires: {words}")
                    i = j
                else:
                    emit(i, f"timer {name(e.ch)} fires")
                    i += 1
            else:
                emit(i, "timer fires")
                i += 1
        elif k == "stop":
            what = f"timer {name(e.ch)}" if e.ch is not None else "an after_func timer"
            if e.value is not None:
                extra = f" (discards {e.value}, sent but not received)"
            elif e.ok is False:
                extra = " (already fired or stopped: returns False)"
            else:
                extra = ""
            emit(i, f"{who(g)} stops {what}{extra}")
            i += 1
        elif k == "clock":
            emit(i, f"clock +{_dur((e.at or 0) - (ev[i - 1].t if i else 0))} "
                    f"(now {_dur(e.at or 0)})")
            i += 1
        elif k == "block":
            reason[g or 0] = e.reason or ""
            emit(i, f"{who(g)} waits [{e.reason}]")
            i += 1
        elif k == "ready":
            r = reason.pop(g or 0, None)
            emit(i, f"{who(g)} wakes" + (f" from [{r}]" if r else ""))
            i += 1
        elif k == "exit":
            leaked = reason.pop(g or 0, None)
            if leaked is not None:
                emit(i, f"{who(g)} unwound: still blocked [{leaked}] when the program ended")
            else:
                emit(i, f"{who(g)} exits")
            i += 1
        elif k == "print":
            emit(i, f"{who(g)} print: {e.text}")
            i += 1
        elif k == "deadlock":
            ws = ", ".join(f"g{w} [{r}]" for w, r in e.waiting)
            emit(i, f"fatal error: {e.text} {ws}")
            i += 1
        elif k == "crash":
            emit(i, f"{who(g)} {e.text}")
            i += 1
        else:
            emit(i, f"{who(g)} {k}")
            i += 1
    if start < n and steps:
        last = steps[-1]
        steps[-1] = Step(last.start, n - 1, last.text)
    return steps


def _actor(ev: list[Event], i: int) -> str:
    """Who is running at event ``i`` (for events the hook reports without a goroutine)."""
    for b in range(i - 1, -1, -1):
        k = ev[b].kind
        if k == "run":
            return f"g{ev[b].g} "
        if k in ("block", "exit", "clock", "fire"):
            return ""
    return "g1 "
