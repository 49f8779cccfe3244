"""The course's exercises, and checkers that tell a learner what their code does wrong.

Every chapter from 2 on has two exercises: one where the learner writes something, and a
*find-the-bug*, where they fix a short program. The cell that checks an exercise is::

    from goconc import exercises
    exercises.check("ex-channels-pipeline")

``check`` looks the exercise's names up in the caller's globals (the notebook), runs the
learner's code in a fresh goconc program on the virtual clock with a fixed seed (never in
the learner's own top-level program, which it leaves as it was), with several inputs, and
prints one line when everything is right, or what is wrong, in the terms of the chapter
and with goconc's own evidence: which goroutine is blocked where (``runtime.stack()``),
what was still running when the function returned, what a panic said and where, what came
back instead of what should have, and how long it took on the virtual clock.

A checker never raises because of the learner's code: exceptions, wrong return types,
goroutines that block for ever or keep the clock running, and (when it runs in the main
thread, as a notebook cell does) loops that never block all become a message.

The exercises themselves are data: ``EXERCISES[label]`` holds an ``Exercise`` with its
starter code and, for the exercises that are not on a page yet, its text, hints and
solution, so that a chapter can show them (``Exercise.myst()``).
"""

from __future__ import annotations

import _thread
import contextlib
import io
import itertools
import linecache
import re
import sys
import textwrap
import threading
import time as _pytime
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NoReturn, TypeVar

from . import _runtime as _rt
from . import context, runtime, sync, time
from ._chan import chan, recv, recv_ok, select, send
from ._errors import DataRace, Deadlock, Fatal, Panic
from ._runtime import go, run

__all__ = ["EXERCISES", "INTRO", "Exercise", "Verdict", "check", "verdict"]

T = TypeVar("T")

#: A learner's call that has not returned after this much virtual time is reported as
#: stuck: the exercises work in milliseconds, so a minute is "for ever" at their scale.
STUCK_AFTER = time.Minute

#: A checker's program is interrupted (as Ctrl-C would) after this many seconds of real
#: time: a loop that never blocks would never end, since the virtual clock moves only when
#: every goroutine is blocked. Only when the checker runs in the main thread (a notebook
#: cell, a script, pytest).
REAL_TIME_LIMIT = 10.0


#: A value in a message is shown with repr, cut to this many characters.
_MAX_SHOWN = 70
#: A message lists at most this many goroutines.
_MAX_LISTED = 6


#: The paragraph that opens chapter 2's "Exercises" section, where exercises first appear
#: (label ``exercises-how``); the later chapters say it in one line that links to it.
INTRO = """\
Two exercises; the second is a *find-the-bug*, a short program that goes wrong, for you
to fix. Under each is a cell to work in, and under that a
check. Run your cell, then the check: it runs your code in a fresh program on the virtual
clock, with several inputs, and says what is wrong — which goroutine waits where, what came
back instead of what, what a panic said — or that it all passed. The outputs on this page
are what the checks say about the code as given. Hints and solutions stay folded until you
open them."""


# --- verdicts ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a checker found: ``passed``, or not (``done`` is False while the starter code
    is untouched), and the ``message`` that says why. ``str()`` is what ``check`` prints."""

    label: str
    passed: bool
    message: str
    done: bool = True

    def __str__(self) -> str:
        if self.passed:
            return f"✔ {self.label} passed: {self.message}"
        if not self.done:
            return f"✘ {self.label}: not done yet. {self.message}"
        return f"✘ {self.label}: not yet. {self.message}"


class _Fail(Exception):
    """Raised anywhere in a checker (even inside the checker's program): the verdict."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _NotDone(_Fail):
    """The learner has not written this yet (a name is missing, or the starter's
    ``raise NotImplementedError`` is still there)."""


def _fail(message: str) -> NoReturn:
    raise _Fail(message)


# --- showing things to a learner ---------------------------------------------------------


def _show(v: Any) -> str:
    """A value as a message shows it: repr, cut to ``_MAX_SHOWN`` characters."""
    try:
        s = repr(v)
    except Exception as e:
        s = f"<a {type(v).__name__} whose repr raised {type(e).__name__}>"
    if len(s) > _MAX_SHOWN:
        s = s[: _MAX_SHOWN - 1] + "…"
    return s


def _call_text(name: str, *args: Any) -> str:
    """``gen(1, 2, 3)``: how a message names a call."""
    return f"{name}({', '.join(_show(a) for a in args)})"


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _short(qualname: str) -> str:
    """``gen.<locals>.run`` as ``gen.run``: a function as the learner wrote it (a
    comprehension's frame is its function's)."""
    parts = [p for p in qualname.split(".")
             if p not in ("<locals>", "<listcomp>", "<dictcomp>", "<setcomp>", "<genexpr>")]
    return ".".join(parts) or qualname


def _where(exc: BaseException) -> str:
    """`` at line 7 of gen.run``: the learner's innermost line in a traceback, or ''."""
    found = ""
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if _rt.user_file(code.co_filename):
            found = f" at line {tb.tb_lineno} of {_short(code.co_qualname)}"
        tb = tb.tb_next
    return found


#: What Go's panics and fatal errors mean, in a learner's terms.
_PANIC_HINTS = {
    "send on closed channel": (
        "A goroutine sent on a channel that was already closed. Close a channel only when "
        "nothing more will be sent on it, and only in the goroutine that sends: a receiver "
        "never closes."),
    "close of closed channel": (
        "A channel was closed twice. Only one goroutine closes a channel, once: the one "
        "that sends on it."),
    "close of nil channel": "close(None): the channel was never made.",
    "sync: negative WaitGroup counter": (
        "done() was called more often than add(): every add(1) is matched by exactly one "
        "done()."),
    "sync: unlock of unlocked mutex": (
        "unlock() of a mutex that is not locked: unlock exactly once per lock (`with mu:` "
        "does it for you)."),
}


def _exc_text(exc: BaseException) -> str:
    """``panicked: send on closed channel`` / ``raised ValueError: bad input``."""
    if isinstance(exc, Panic):
        return f"panicked: {exc}"
    msg = str(exc)
    if isinstance(exc, Fatal):
        return f"hit a fatal error: {msg}"
    return f"raised {type(exc).__name__}" + (f": {msg}" if msg else "")


def _hint_for(exc: BaseException) -> str:
    hint = _PANIC_HINTS.get(str(exc)) if isinstance(exc, (Panic, Fatal)) else None
    return f"\n  {hint}" if hint else ""


# --- goroutines, read from goconc's own dump ---------------------------------------------


@dataclass(frozen=True, slots=True)
class _Frame:
    func: str
    file: str
    line: int


@dataclass(frozen=True, slots=True)
class _G:
    """One goroutine of ``runtime.stack()``'s dump, as data."""

    id: int
    state: str
    frames: tuple[_Frame, ...]  # the learner's frames only, innermost first
    fn: str  # its function (or where it is, for a goroutine of the checker's)
    creator: str | None  # the function whose go statement started it
    by_learner: bool  # started by the learner's code (not by the checker)

    @property
    def learner(self) -> bool:
        """The learner's goroutine, or one of the checker's that is inside their code."""
        return self.by_learner or bool(self.frames)

    @property
    def waiting(self) -> bool:
        return self.state not in ("running", "runnable", "not started")

    def name(self) -> str:
        """``goroutine 4 (sq.run)``, or ``goroutine 7 (one of the checker's, in inc)``."""
        if self.by_learner:
            return f"goroutine {self.id} ({_short(self.fn)})"
        if self.frames:
            return f"goroutine {self.id} (the checker's, calling {_short(self.frames[-1].func)})"
        return f"goroutine {self.id} (the checker's)"

    def doing(self) -> str:
        """``is blocked in chan send at line 7`` (``of sq.run`` when not its own function)."""
        if self.state == "not started":
            return "has not started yet"
        if self.state == "runnable":
            what = "is runnable (it has not had its turn yet)"
        elif self.state == "running":
            what = "is running"
        elif self.state == "sleep":
            what = "is sleeping (time.sleep)"
        else:
            what = f"is blocked in {self.state}"
        if self.frames:
            inner = self.frames[0]
            what += f" at line {inner.line}"
            if inner.func != self.fn or not self.by_learner:
                what += f" of {_short(inner.func)}"
        return what

    def in_function(self, prefix: str) -> bool:
        """Whether the goroutine is in (or was started in) a function named ``prefix``."""
        names = [f.func for f in self.frames] + [self.fn] + ([self.creator] if self.creator else [])
        return any(n == prefix or n.startswith(prefix + ".") for n in names)


_HEADER = re.compile(r"goroutine (\d+) \[(.*)\]:")
_CREATED = re.compile(r"created by (\S+) in goroutine (\d+)")


def _parse_dump(dump: str) -> list[_G]:
    """``runtime.stack()``'s text (Go's shape) as ``_G`` records."""
    out: list[_G] = []
    for block in dump.split("\n\n"):
        lines = block.split("\n")
        m = _HEADER.fullmatch(lines[0])
        if m is None:
            continue
        state = m[2]
        frames: list[_Frame] = []
        creator: str | None = None
        by_learner = False
        not_started: str | None = None
        for head, where in zip(lines[1::2], lines[2::2], strict=False):
            where = where.strip()
            c = _CREATED.fullmatch(head)
            if c is not None:
                creator = c[1]
                by_learner = _rt.user_file(where.rsplit(":", 1)[0])
            elif where == "(not started)":
                not_started = head.removesuffix("(...)")
            else:
                file, _, line = where.rpartition(":")
                frames.append(_Frame(head.removesuffix("(...)"), file,
                                     int(line) if line.isdigit() else 0))
        if not_started is not None:
            state = "not started"
        fn = not_started or (frames[-1].func if frames else "?")
        out.append(_G(int(m[1]), state, tuple(frames), fn, creator, by_learner))
    return out


def _listing(gs: list[_G]) -> str:
    """One indented line per goroutine: who, and what it is doing."""
    lines = [f"    {g.name()} {g.doing()}" for g in gs[:_MAX_LISTED]]
    if len(gs) > _MAX_LISTED:
        lines.append(f"    … and {_plural(len(gs) - _MAX_LISTED, 'more goroutine')}")
    return "\n".join(lines)


# --- the checker's program ---------------------------------------------------------------


#: A checker's explanation of what went wrong, from the goroutines it found ("" if none).
_Explain = Callable[["_Probe", list[_G]], str]


class _Probe:
    """What a scenario shares with the checker's program: what it is doing now (for the
    message if it gets stuck or crashes), and the goroutines that are the checker's own."""

    def __init__(self) -> None:
        self.doing = "your code"
        self.objects: dict[str, Any] = {}
        #: The checker's goroutines: main, the one running the scenario, and helpers.
        self.main_id = self.body_id = 0
        self.mine: set[int] = set()
        #: The scenario waits for the checker's own goroutines (``_hammer``), not in the
        #: learner's code.
        self.hammering = False

    def call(self, doing: str, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Call the learner's ``fn``; an exception it raises is the verdict."""
        self.doing = doing
        try:
            return fn(*args, **kwargs)
        except _Fail:
            raise
        except NotImplementedError as e:
            raise _not_done(e) from None
        except Exception as e:
            _fail(f"{doing} {_exc_text(e)}{_where(e)}.{_hint_for(e)}")

    def attempt(self, doing: str, fn: Callable[..., Any], *args: Any,
                **kwargs: Any) -> _Attempt:
        """Call the learner's ``fn`` and time it; an exception is part of the result."""
        self.doing = doing
        start = time.now()
        try:
            value = fn(*args, **kwargs)
        except _Fail:
            raise
        except NotImplementedError as e:
            raise _not_done(e) from None
        except Exception as e:
            return _Attempt(doing, None, e, time.since(start))
        return _Attempt(doing, value, None, time.since(start))

    def next_id(self) -> int:
        """The id the next goroutine will get. Ids only grow, so the difference of two
        readings counts the goroutines started in between, even those that have ended."""
        go(_nothing)  # it runs (and ends) whenever the scenario next blocks
        gid = runtime.goroutines()[-1].id
        self.mine.add(gid)
        return gid + 1

    def others(self) -> list[_G]:
        """The learner's goroutines now (not main, not the one running the scenario)."""
        return [g for g in _parse_dump(runtime.stack())
                if g.id not in self.mine and g.learner]

    def no_leftovers(self, after: str, settle: int = time.Second, *,
                     explain: _Explain | None = None) -> None:
        """Fail if goroutines of the learner's are still there ``settle`` after ``after``
        returned (0: right when it returned)."""
        if settle:
            time.sleep(settle)
        else:
            runtime.gosched()
        left = self.others()
        if not left:
            return
        blocked = [g for g in left if g.waiting]
        n = len(left)
        when = "when it returned" if not settle else f"{time.Duration(settle)} after it returned"
        verb = "was" if n == 1 else "were"
        still = "still blocked" if len(blocked) == n else "still there"
        msg = f"{after} returned, but {_plural(n, 'goroutine')} {verb} {still} {when} (leaked):\n"
        msg += _listing(left)
        if explain is not None:
            msg += "\n" + explain(self, left)
        _fail(msg)


@dataclass(frozen=True, slots=True)
class _Attempt:
    doing: str
    value: Any
    exc: Exception | None
    elapsed: time.Duration

    def value_or_fail(self) -> Any:
        if self.exc is not None:
            _fail(f"{self.doing} {_exc_text(self.exc)}{_where(self.exc)}.{_hint_for(self.exc)}")
        return self.value


def _nothing() -> None:
    pass


def _not_done(e: NotImplementedError) -> _NotDone:
    where = _where(e)
    return _NotDone(f"Your code still raises NotImplementedError{where}: replace that line "
                    f"with your code, run the cell, then run this check again.")


def _go(p: _Probe, fn: Callable[..., Any], *args: Any) -> None:
    """Start one of the checker's own goroutines (not counted as the learner's)."""
    go(fn, *args)
    p.mine.add(runtime.goroutines()[-1].id)


def _stuck_message(p: _Probe, gs: list[_G], explain: _Explain | None) -> str:
    others = [g for g in gs if g.id != p.main_id]
    if any(g.state in ("sleep", "runnable", "running") for g in others):
        head = (f"{p.doing} did not finish: after {STUCK_AFTER} on the virtual clock it was "
                f"still going.")
    else:
        head = (f"{p.doing} never returns: every goroutine is blocked, and nothing can wake "
                f"them (a deadlock).")
    lines = []
    caller = next((g for g in others if g.id == p.body_id), None)
    if caller is not None and p.hammering:
        lines.append("    the checker is waiting for its goroutines to return")
    elif caller is not None and caller.frames:
        inner = caller.frames[0]
        lines.append(f"    the call is blocked in {caller.state} at line {inner.line} of "
                     f"{_short(inner.func)}")
    elif caller is not None:
        lines.append(f"    the call is blocked in {caller.state}")
    listed = [g for g in others if g.id != p.body_id and g.learner]
    if listed:
        lines.append(_listing(listed))
    msg = "\n".join([head, *lines])
    if explain is not None:
        extra = explain(p, others)
        if extra:
            msg += "\n" + extra
    return msg


def _crash_message(p: _Probe, exc: BaseException) -> str:
    who = ""
    for note in getattr(exc, "__notes__", None) or []:
        m = re.match(r"in goroutine (\d+) \((.*?)\), created by goroutine", str(note))
        if m is not None and int(m[1]) not in p.mine:
            who = f"goroutine {m[1]} ({_short(m[2])}) "
            break
    return f"{p.doing} crashed the program: {who}{_exc_text(exc)}{_where(exc)}.{_hint_for(exc)}"


def _run(scenario: Callable[[_Probe], T], *, settle: int | None = time.Second,
         explain_stuck: _Explain | None = None, explain_leak: _Explain | None = None) -> T:
    """Run ``scenario(probe)`` in a fresh program (virtual clock, seed 1) and return what it
    returns. Raises ``_Fail`` with the learner's message when it fails, gets stuck, crashes
    the program, spins, or leaves goroutines behind (``settle`` after it returned; None:
    not checked)."""
    outer = getattr(_rt._tls, "sched", None)
    if outer is not None and not outer.toplevel and not outer.dead:
        _fail("call exercises.check at the top level of a cell or script, not inside "
              "goconc.run or a goroutine.")
    p = _Probe()
    box: dict[str, Any] = {}

    def main() -> None:
        done = chan(bool, 1)

        def body() -> None:
            try:
                box["value"] = scenario(p)
                if settle is not None:
                    p.doing = "it"
                    p.no_leftovers("Your code", settle, explain=explain_leak)
            except Exception as e:  # the scenario's verdict, or the checker's own bug
                box["error"] = e
                # A goroutine about to crash explains more than a wrong value: let it.
                time.sleep(time.Millisecond)
            done.send(True)

        p.main_id = runtime.goroutines()[0].id
        go(body)
        p.body_id = runtime.goroutines()[-1].id
        p.mine.update((p.main_id, p.body_id))
        if select(recv(done), recv(time.after(STUCK_AFTER)))[0] == 1:
            box["stuck"] = _parse_dump(runtime.stack())

    try:
        _guarded(main)
    except _Fail:
        raise
    except _Spun as s:
        _fail(_spin_message(p, s.exc))
    except NotImplementedError as e:
        raise _not_done(e) from None
    except RuntimeError as e:
        if "goconc.run() called from goroutine" in str(e):
            _fail("call exercises.check at the top level of a cell or script, not inside "
                  "goconc.run or a goroutine.")
        _fail(_crash_message(p, e))
    except KeyboardInterrupt:
        raise
    except BaseException as e:  # a crash of the learner's program: Panic, Fatal, SystemExit
        _fail(_crash_message(p, e))
    if "stuck" in box:
        _fail(_stuck_message(p, box["stuck"], explain_stuck))
    if "error" in box:
        raise box["error"]
    value: T = box["value"]
    return value


class _Spun(Exception):
    def __init__(self, exc: KeyboardInterrupt) -> None:
        super().__init__("spun")
        self.exc = exc


def _spin_message(p: _Probe, exc: KeyboardInterrupt) -> str:
    who = ""
    for note in getattr(exc, "__notes__", None) or []:
        m = re.match(r"in goroutine (\d+) \((.*?)\), created by goroutine", str(note))
        if m is not None and int(m[1]) not in p.mine:
            who = f" (goroutine {m[1]}, {_short(m[2])})"
    return (f"{p.doing} kept running for {REAL_TIME_LIMIT:g} s of real time without ever "
            f"waiting{who}{_where(exc)}: a loop that never blocks (a receive from a closed "
            f"channel, a select with a ready case or a default, a busy wait) never lets the "
            f"other goroutines run, and never lets the virtual clock move.")


def _guarded(main: Callable[[], None]) -> None:
    """``goconc.run(main)`` on the virtual clock, with the learner's prints hidden, and
    interrupted (as Ctrl-C would) after ``REAL_TIME_LIMIT`` seconds of real time."""
    out, err = io.StringIO(), io.StringIO()
    fired = threading.Event()
    lock = threading.Lock()
    finished = False

    def interrupt() -> None:
        with lock:
            if not finished:
                fired.set()
                _thread.interrupt_main()

    timer: threading.Timer | None = None
    if threading.current_thread() is threading.main_thread() and sys.platform != "emscripten":
        timer = threading.Timer(REAL_TIME_LIMIT, interrupt)
        timer.daemon = True
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                if timer is not None:
                    timer.start()
                run(main, clock="virtual", seed=1, leaks="ignore")
            finally:
                with lock:
                    finished = True
                if timer is not None:
                    timer.cancel()
            if fired.is_set():  # the interrupt is on its way: let it land here
                for _ in range(1000):
                    _pytime.sleep(0.001)
    except KeyboardInterrupt as e:
        if not fired.is_set():
            raise
        raise _Spun(e) from None


# --- checking the learner's namespace ----------------------------------------------------


def _need(ns: Mapping[str, Any], *names: str) -> list[Any]:
    """The learner's objects called ``names``; a missing one means "not done yet"."""
    out = []
    for name in names:
        if name not in ns:
            raise _NotDone(f"`{name}` is not defined: write it in the exercise's cell and run "
                           f"that cell, then run this check again.")
        obj = ns[name]
        if not callable(obj):
            _fail(f"`{name}` is not a function: it is {_show(obj)} ({type(obj).__name__}).")
        out.append(obj)
    return out


def _with_globals(fn: Any, **names: Any) -> Any:
    """``fn`` as it would be if its module defined ``names`` (the chapter's helpers, such
    as ``work``): a copy of the function with its own globals, so the learner's namespace
    stays as it is. Functions it defines inside see the same globals."""
    if not isinstance(fn, types.FunctionType):
        return fn
    g = dict(fn.__globals__)
    g.update(names)
    new = types.FunctionType(fn.__code__, g, fn.__name__, fn.__defaults__, fn.__closure__)
    new.__kwdefaults__ = fn.__kwdefaults__
    new.__qualname__ = fn.__qualname__
    return new


def _is_recv_chan(v: Any) -> bool:
    return callable(getattr(v, "recv_ok", None)) and callable(getattr(v, "recv", None))


def _expect_chan(v: Any, doing: str) -> None:
    if not _is_recv_chan(v):
        _fail(f"{doing} returned {_show(v)} (a {type(v).__name__}), not a channel: make one "
              f"with chan(...), start a goroutine that sends on it, and return the channel.")


def _expect_list(v: Any, doing: str) -> None:
    if not isinstance(v, list):
        _fail(f"{doing} returned {_show(v)} (a {type(v).__name__}), not a list.")


def _chan_closed(c: Any) -> bool | None:
    stats = getattr(c, "statistics", None)
    if stats is None:
        return None
    return bool(stats().closed)


# --- exercises and verdicts -------------------------------------------------------------


@dataclass(frozen=True)
class Exercise:
    """One exercise of the course.

    ``kind`` is ``"write"`` (the learner writes ``names`` from a stub) or
    ``"find-the-bug"`` (the starter is a buggy program to fix). ``starter`` is the code
    cell the learner starts from. For an exercise whose text is on its chapter's page
    already, ``text``, ``hints`` and ``solution`` are empty; otherwise they hold the MyST
    text of the exercise, its hints and the code of its solution (``discussion`` follows
    the code), and ``myst()`` renders them for the page.
    """

    label: str
    chapter: str
    title: str
    kind: str
    names: tuple[str, ...]
    starter: str
    checker: Callable[[Mapping[str, Any]], str] = field(repr=False)
    text: str = ""
    hints: tuple[str, ...] = ()
    solution: str = ""
    discussion: str = ""

    def myst(self) -> tuple[str, str]:
        """The ``{exercise}`` block (text and folded hints) and the folded ``{solution}``
        block, as MyST Markdown for two cells of the chapter's notebook."""
        hints = "".join(f"\n\n```{{dropdown}} {'Hint' if len(self.hints) == 1 else f'Hint {i}'}\n"
                        f"{_wrap(h)}\n```" for i, h in enumerate(self.hints, 1))
        exercise = (f"````{{exercise}} {self.title}\n:label: {self.label}\n\n"
                    f"{self.text.strip()}{hints}\n````")
        discussion = f"\n\n{self.discussion.strip()}" if self.discussion.strip() else ""
        solution = (f"````{{solution}} {self.label}\n:class: dropdown\n\n```python\n"
                    f"{self.solution.strip()}\n```{discussion}\n````")
        return exercise, solution


def _wrap(text: str) -> str:
    """A paragraph of Markdown, wrapped as the course's notebooks wrap their text."""
    return textwrap.fill(text.strip(), 90, break_long_words=False, break_on_hyphens=False)


def verdict(label: str, namespace: Mapping[str, Any]) -> Verdict:
    """Check exercise ``label`` against the learner's ``namespace`` and return the verdict.

    Never raises because of the learner's code: only a real Ctrl-C
    (``KeyboardInterrupt``) passes through.

    Raises:
        KeyError: for an unknown label (the message lists the labels).
    """
    ex = EXERCISES.get(label)
    if ex is None:
        raise KeyError(f"no exercise labelled {label!r}; the labels are: "
                       + ", ".join(sorted(EXERCISES)))
    try:
        summary = ex.checker(namespace)
    except _NotDone as e:
        return Verdict(label, False, e.message, done=False)
    except _Fail as e:
        return Verdict(label, False, e.message)
    except KeyboardInterrupt:
        raise
    except BaseException as e:  # the learner's code got past every guard: still a verdict
        return Verdict(label, False, f"checking your code {_exc_text(e)}{_where(e)}.")
    return Verdict(label, True, summary)


def check(label: str, namespace: Mapping[str, Any] | None = None) -> None:
    """Check exercise ``label`` and print the verdict: one line when it passes, else what
    is wrong.

    Args:
        label: the exercise's label, as on the page (``"ex-channels-pipeline"``).
        namespace: where the learner's code is; by default the caller's globals (the
            notebook's, when called from a cell).
    """
    if namespace is None:
        namespace = sys._getframe(1).f_globals
    print(verdict(label, namespace))


# --- chapter 2: goroutines ---------------------------------------------------------------


def _still_running(p: _Probe, when: str) -> str:
    """``when it returned, 2 goroutines were still sleeping: ...`` or ''."""
    left = p.others()
    if not left:
        return ""
    verb = "was" if len(left) == 1 else "were"
    if all(g.state in ("not started", "runnable") for g in left):
        what = "had not even started"
    elif all(g.state == "sleep" for g in left):
        what = f"{verb} still sleeping"
    else:
        what = f"{verb} still running"
    return f"; {when}, {_plural(len(left), 'goroutine')} {what}:\n" + _listing(left)


def _check_sleep_sort(ns: Mapping[str, Any]) -> str:
    (sleep_sort,) = _need(ns, "sleep_sort")

    def scenario(p: _Probe) -> None:
        for nums in ([30, 10, 20], [5, 1, 4, 2, 3], [7], [], [2, 1, 2]):
            doing = _call_text("sleep_sort", nums)
            first = p.next_id()
            a = p.attempt(doing, sleep_sort, list(nums))
            started = p.next_id() - first - 1
            got = a.value_or_fail()
            _expect_list(got, doing)
            want = sorted(nums)
            if got != want:
                msg = f"{doing} returned {_show(got)} after {a.elapsed}, expected {_show(want)}"
                running = _still_running(p, "when it returned")
                if running:
                    _fail(msg + running + "\n  The final sleep was too short: it must last "
                          "longer than the longest sleeper.")
                _fail(msg + ".")
            if started < len(nums):
                _fail(f"{doing} returned the right list, but started "
                      f"{_plural(started, 'goroutine')} for {_plural(len(nums), 'number')}: "
                      f"start one goroutine per number, which sleeps that many milliseconds "
                      f"and then appends it.")
            if nums and a.elapsed < max(nums) * time.Millisecond:
                _fail(f"{doing} returned after only {a.elapsed}, before the goroutine that "
                      f"sleeps {max(nums)} ms could have woken up: start one goroutine per "
                      f"number, which sleeps that many milliseconds and then appends it.")
            p.no_leftovers(doing)

    _run(scenario)
    return "the sleepers wake in order of their numbers, and sleep_sort waits long enough."


_SLEEP_SORT = Exercise(
    label="ex-goroutines-sleep-sort",
    chapter="02-goroutines",
    title="Sleep sort",
    kind="write",
    names=("sleep_sort",),
    starter='''\
from goconc import go, time


def sleep_sort(nums: list[int]) -> list[int]:
    raise NotImplementedError("your sleep_sort here")
''',
    checker=_check_sleep_sort,
)


def _check_run_all(ns: Mapping[str, Any]) -> str:
    (run_all,) = _need(ns, "run_all")
    cases: list[tuple[dict[str, int], list[str]]] = [
        ({"a": 30, "b": 10, "c": 20}, ["b", "c", "a"]),
        ({"slow": 500, "fast": 1}, ["fast", "slow"]),
        ({"solo": 5}, ["solo"]),
        ({}, []),
    ]

    def scenario(p: _Probe) -> None:
        for tasks, want in cases:
            doing = _call_text("run_all", tasks)
            a = p.attempt(doing, run_all, dict(tasks))
            got = a.value_or_fail()
            _expect_list(got, doing)
            longest = time.Duration(max(tasks.values(), default=0) * time.Millisecond)
            if got != want:
                msg = f"{doing} returned {_show(got)} after {a.elapsed}, expected {_show(want)}"
                running = _still_running(p, "when it returned")
                if running:
                    _fail(msg + running + "\n  A sleep is a guess about how long the tasks "
                          "take. Wait until each goroutine says it has finished instead.")
                total = sum(tasks.values()) * time.Millisecond
                if len(tasks) > 1 and got == list(tasks) and a.elapsed >= total:
                    _fail(msg + f": the tasks ran one after another, in {a.elapsed}, the sum "
                          f"of their times. Start each in a goroutine of its own.")
                _fail(msg + ".")
            if a.elapsed > longest + time.Millisecond:
                _fail(f"{doing} returned the right names, but after {a.elapsed}, when the "
                      f"longest task needed only {longest}: wait for the goroutines to finish, "
                      f"not for a fixed time.")
            p.no_leftovers(doing)

    _run(scenario)
    return ("run_all returns as soon as the last task has finished, with every task, "
            "however long they take.")


_RUN_ALL = Exercise(
    label="ex-goroutines-wait-for-them",
    chapter="02-goroutines",
    title="Find the bug: a guess instead of a wait",
    kind="find-the-bug",
    names=("run_all",),
    text='''\
`run_all(tasks)` runs every task at once, each in its own goroutine: task `name` works for
`tasks[name]` milliseconds. It returns the names in the order in which the tasks finished,
so `run_all({"a": 30, "b": 10, "c": 20})` should be `["b", "c", "a"]`, 30 ms after the call.
It uses a sleep to wait, like this chapter's first examples, and it is not right. Run the
check to see what it does; then fix it so that it returns every name, for any durations,
as soon as the last task has finished.''',
    starter='''\
from goconc import chan, go, time


def run_all(tasks: dict[str, int]) -> list[str]:
    finished: list[str] = []

    def work(name: str, ms: int) -> None:
        time.sleep(ms * time.Millisecond)  # stands in for real work
        finished.append(name)

    for name, ms in tasks.items():
        go(work, name, ms)
    time.sleep(20 * time.Millisecond)  # long enough?
    return finished
''',
    hints=(
        "How long would the sleep have to be for *any* `tasks`? Can `run_all` know that in "
        "advance? A sleep waits for a duration; what you want to wait for is an event: "
        "\"every task has finished\".",
        "The section \"Why the sleep is crude\" showed the fix for one goroutine: it sends on "
        "a `done` channel when it has finished, and main receives. With several goroutines, "
        "receive once per task.",
    ),
    solution='''\
from goconc import chan, go, time


def run_all(tasks: dict[str, int]) -> list[str]:
    finished: list[str] = []
    done = chan(bool)

    def work(name: str, ms: int) -> None:
        time.sleep(ms * time.Millisecond)  # stands in for real work
        finished.append(name)
        done.send(True)  # "I have finished"

    for name, ms in tasks.items():
        go(work, name, ms)
    for _ in tasks:
        done.recv()  # one "finished" per task
    return finished
''',
    discussion='''\
Twenty milliseconds was a guess that fitted only tasks shorter than 20 ms: with the 30 ms
task, `run_all` returned without `"a"` — and `"c"` only made it by luck of the tie. No
duration fits every input, and a generous one makes every call slow. Each goroutine now
says when it has finished, and `run_all` waits for exactly as many messages as it started
goroutines: it returns the moment the last task is done. Chapter 4's `sync.WaitGroup` is
the standard tool for this count.''',
    checker=_check_run_all,
)


# --- chapter 3: channels -----------------------------------------------------------------


def _unclosed_stage(p: _Probe, gs: list[_G]) -> str:
    """Which stage of ``p.objects["stages"]`` ([(name, channel)], upstream first) ended
    without closing its channel, or why the first stage never returned."""
    caller = next((g for g in gs if g.id == p.body_id), None)
    name = p.objects.get("calling")
    if name is not None and caller is not None and caller.in_function(name):
        how = "sends" if caller.state == "chan send" else "waits"
        return (f"  {name} {how} before it returns: the caller gets the channel only when "
                f"{name} returns, so nobody can be at the other end yet. Start a goroutine "
                f"that does the work, and return the channel at once.")
    for name, ch in p.objects.get("stages", []):
        if _chan_closed(ch) is False and not any(g.in_function(name) for g in gs):
            return (f"  The goroutine that {name} started has ended without closing its "
                    f"channel, so whoever reads that channel with `for` waits for ever. Close "
                    f"it when the sending is done, in a `finally`.")
    return ""


def _check_pipeline(ns: Mapping[str, Any]) -> str:
    gen, sq = _need(ns, "gen", "sq")

    def stage(p: _Probe, doing: str, name: str, fn: Callable[..., Any], *args: Any) -> Any:
        p.objects["calling"] = name
        a = p.attempt(doing, fn, *args)
        p.objects["calling"] = None
        ch = a.value_or_fail()
        _expect_chan(ch, doing)
        if a.elapsed:
            _fail(f"{doing} took {a.elapsed} to return: it should return its channel at once "
                  f"and let a goroutine do the sending.")
        p.objects.setdefault("stages", []).append((name, ch))
        return ch

    def read(p: _Probe, what: str, ch: Any, want: list[int]) -> None:
        got: list[Any] = p.call(f"list({what})", list, ch)
        if got != want:
            _fail(f"list({what}) gave {_show(got)}, expected {_show(want)}.")

    def scenario(p: _Probe) -> None:
        for nums in ((1, 2, 3), (), (7,), tuple(range(10))):
            p.objects["stages"] = []
            g = _call_text("gen", *nums)
            read(p, g, stage(p, g, "gen", gen, *nums), list(nums))
        for nums in ((2, 3, 4), ()):
            p.objects["stages"] = []
            g = _call_text("gen", *nums)
            s = stage(p, f"sq({g})", "sq", sq, stage(p, g, "gen", gen, *nums))
            read(p, f"sq({g})", s, [n * n for n in nums])
        p.objects["stages"] = []
        s = stage(p, "sq(sq(gen(1, 2, 3)))", "sq", sq,
                  stage(p, "sq(gen(1, 2, 3))", "sq", sq, stage(p, "gen(1, 2, 3)", "gen", gen,
                                                                 1, 2, 3)))
        read(p, "sq(sq(gen(1, 2, 3)))", s, [1, 16, 81])
        # sq must not wait for its input before it returns.
        p.objects["stages"] = []
        silent = chan(int)
        s = stage(p, "sq(inp), with an input that has sent nothing yet,", "sq", sq,
                  silent.recv_only())
        silent.close()
        read(p, "sq(inp), with inp closed before it sent anything,", s, [])

    _run(scenario, explain_stuck=_unclosed_stage, explain_leak=_unclosed_stage)
    return ("gen and sq return at once, send every value in order, close their channels "
            "when done, and leave no goroutine behind.")


_PIPELINE = Exercise(
    label="ex-channels-pipeline",
    chapter="03-channels",
    title="A two-stage pipeline",
    kind="write",
    names=("gen", "sq"),
    starter='''\
from goconc import RecvChan, chan, go


def gen(*nums: int) -> RecvChan[int]:
    raise NotImplementedError("your gen here")


def sq(inp: RecvChan[int]) -> RecvChan[int]:
    raise NotImplementedError("your sq here")
''',
    checker=_check_pipeline,
)


def _explain_shout(p: _Probe, gs: list[_G]) -> str:
    caller = next((g for g in gs if g.id == p.body_id), None)
    if caller is None:
        return ""
    if caller.state == "chan send":
        return ("  shout_all is blocked sending. A send waits until another goroutine "
                "receives (or until there is room in the buffer), and the only goroutine "
                "that would receive is shout_all itself, further down.")
    if caller.state == "chan receive":
        return ("  shout_all is waiting for the next value, and none will come: the loop "
                "that receives ends only when the channel is closed.")
    return ""


def _check_shout(ns: Mapping[str, Any]) -> str:
    (shout_all,) = _need(ns, "shout_all")

    def scenario(p: _Probe) -> None:
        words_list = [["go", "is", "fun"], [], ["one"],
                      [f"w{i}" for i in range(20)]]
        for words in words_list:
            doing = _call_text("shout_all", words)
            got = p.call(doing, shout_all, list(words))
            _expect_list(got, doing)
            want = [w.upper() + "!" for w in words]
            if got != want:
                _fail(f"{doing} returned {_show(got)}, expected {_show(want)}.")

    _run(scenario, explain_stuck=_explain_shout)
    return ("shout_all works for any number of words, and no send waits for a receiver that "
            "never comes.")


_SHOUT = Exercise(
    label="ex-channels-deadlock",
    chapter="03-channels",
    title="Find the bug: a send that nobody receives",
    kind="find-the-bug",
    names=("shout_all",),
    text='''\
`shout_all` should return every word in upper case with a `!`, in order:
`shout_all(["go", "is", "fun"])` is `["GO!", "IS!", "FUN!"]`. It passes the words through a
channel on the way (in a bigger program, another stage would sit at the other end). Run the
cell with `shout_all` as it is, then the check below it: the check reports what the program
does instead. Fix `shout_all` so that it works for any number of words, and keep the
channel.''',
    starter='''\
from goconc import chan, go


def shout_all(words: list[str]) -> list[str]:
    ch = chan(str)
    for w in words:
        ch.send(w.upper() + "!")
    ch.close()
    return [s for s in ch]
''',
    hints=(
        "The check says which goroutine is blocked, and in what. An unbuffered send completes "
        "only when *another* goroutine receives. Which goroutine would receive here, and when "
        "would it get there?",
        "Send from a goroutine of its own, which closes the channel when it is done, while "
        "`shout_all` receives. (`chan(str, len(words))` works too. A buffer of a fixed size, "
        "such as 1, only moves the deadlock to the second word.)",
    ),
    solution='''\
from goconc import chan, go


def shout_all(words: list[str]) -> list[str]:
    ch = chan(str)

    def produce() -> None:
        try:
            for w in words:
                ch.send(w.upper() + "!")
        finally:
            ch.close()  # ends the receiving loop below

    go(produce)
    return [s for s in ch]
''',
    discussion='''\
The one goroutine was both the sender and the receiver, and an unbuffered send waits for a
receiver, so the first send waited for the loop below it, which could never start. In a Go
program that is `fatal error: all goroutines are asleep - deadlock!`. With the sends in a
goroutine of their own, `shout_all` receives while the producer sends, and the `close` in
the `finally` ends its loop. `chan(str, len(words))` also works, because then no send ever
waits, but sizing a buffer to the input is a decision about memory, not a cure for a
missing receiver.''',
    checker=_check_shout,
)


# --- chapter 4: WaitGroup ----------------------------------------------------------------


def _explain_waitgroup(p: _Probe, gs: list[_G]) -> str:
    if any(g.state == "sync.WaitGroup.Wait" for g in gs):
        return ("  wg.wait() waits until the counter is back at 0, and it never gets there: "
                "every add must be matched by exactly one done().")
    return ""


def _check_lengths(ns: Mapping[str, Any]) -> str:
    (lengths,) = _need(ns, "lengths")

    def scenario(p: _Probe) -> None:
        for words in (["go", "is", "great"], [], ["a"], ["abc", "de", "f", "ghij"],
                      [f"w{'x' * i}" for i in range(12)]):
            doing = _call_text("lengths", words)
            first = p.next_id()
            got = p.call(doing, lengths, list(words))
            started = p.next_id() - first - 1
            _expect_list(got, doing)
            want = [len(w) for w in words]
            if got == want and started < len(words):
                _fail(f"{doing} returned the right lengths, but started "
                      f"{_plural(started, 'goroutine')} for {_plural(len(words), 'word')}: keep "
                      f"it concurrent, one goroutine per word.")
            if got == want:
                p.no_leftovers(doing)
                continue
            msg = f"{doing} returned {_show(got)}, expected {_show(want)}"
            if (len(words) > 1 and len(got) == len(words) and got[-1] == want[-1]
                    and not any(got[:-1])):
                _fail(msg + f": every goroutine wrote the length of the last word, "
                      f"{words[-1]!r}, at the last index. They read i and w when they ran, "
                      f"after the loop had finished; give measure parameters, and pass the "
                      f"values when you start it.")
            running = _still_running(p, "when it returned")
            if running:
                _fail(msg + running + "\n  lengths returned before its goroutines had "
                      "finished: wait for them.")
            _fail(msg + ".")

    _run(scenario, explain_stuck=_explain_waitgroup)
    return "each goroutine measures its own word, and lengths waits for all of them."


_LENGTHS = Exercise(
    label="ex-waitgroup-lengths",
    chapter="04-waitgroup",
    title="Find the bug: every goroutine measures the last word",
    kind="find-the-bug",
    names=("lengths",),
    starter='''\
from goconc import sync


def lengths(words: list[str]) -> list[int]:
    out = [0] * len(words)
    wg = sync.WaitGroup()
    for i, w in enumerate(words):

        def measure() -> None:
            out[i] = len(w)

        wg.go(measure)
    wg.wait()
    return out
''',
    checker=_check_lengths,
)


def _explain_fetch_sizes(p: _Probe, gs: list[_G]) -> str:
    return _explain_waitgroup(p, gs)


def _check_fetch_sizes(ns: Mapping[str, Any]) -> str:
    (fetch_sizes,) = _need(ns, "fetch_sizes")
    cases = [{"index": 30, "about": 10, "blog": 20}, {}, {"home": 5},
             {f"page{i}": 10 * i for i in range(1, 9)}]

    def scenario(p: _Probe) -> None:
        for pages in cases:
            doing = _call_text("fetch_sizes", pages)
            a = p.attempt(doing, fetch_sizes, dict(pages))
            got = a.value_or_fail()
            want = {name: 100 * len(name) for name in pages}
            if not isinstance(got, dict):
                _fail(f"{doing} returned {_show(got)} (a {type(got).__name__}), not a dict.")
            longest = time.Duration(max(pages.values(), default=0) * time.Millisecond)
            if got != want:
                msg = f"{doing} returned {_show(got)} after {a.elapsed}, expected {_show(want)}"
                left = p.others()
                running = _still_running(p, "when it returned")
                if left and all(g.state in ("not started", "runnable") for g in left):
                    _fail(msg + running + "\n  wg.wait() returned at once, because the counter "
                          "was still 0: each wg.add(1) was to run in a goroutine that had not "
                          "started yet. Call wg.add(1) before go(...), in the goroutine that "
                          "waits.")
                if running:
                    _fail(msg + running + "\n  wg.wait() returned while pages were still "
                          "being fetched: the counter reached 0 too early.")
                _fail(msg + ".")
            if a.elapsed > longest + time.Millisecond:
                _fail(f"{doing} returned the right sizes after {a.elapsed}; the slowest page "
                      f"takes only {longest}: fetch the pages at the same time, each in its own "
                      f"goroutine.")
            p.no_leftovers(doing)

    _run(scenario, explain_stuck=_explain_fetch_sizes)
    return "wg.wait() waits for every page, and the pages are fetched at the same time."


_FETCH_SIZES = Exercise(
    label="ex-waitgroup-add-before-go",
    chapter="04-waitgroup",
    title="Find the bug: a WaitGroup that does not wait",
    kind="find-the-bug",
    names=("fetch_sizes",),
    text='''\
`fetch_sizes(pages)` fetches every page at the same time and returns each page's size. Page
`name` takes `pages[name]` milliseconds, and (to keep the example small) its size is 100
bytes per letter of its name. So `fetch_sizes({"index": 30, "about": 10, "blog": 20})`
should return `{"index": 500, "about": 500, "blog": 400}` after 30 ms. It uses a
`WaitGroup`, with a `finally` for the `done()`, and still it returns `{}`. Run the check,
read what it says about the goroutines, and fix `fetch_sizes`.''',
    starter='''\
from goconc import go, sync, time


def fetch_sizes(pages: dict[str, int]) -> dict[str, int]:
    sizes: dict[str, int] = {}
    wg = sync.WaitGroup()

    def fetch(name: str, ms: int) -> None:
        wg.add(1)
        try:
            time.sleep(ms * time.Millisecond)  # the download
            sizes[name] = 100 * len(name)
        finally:
            wg.done()

    for name, ms in pages.items():
        go(fetch, name, ms)
    wg.wait()
    return sizes
''',
    hints=(
        "When `main` reaches `wg.wait()`, which of the goroutines has run its first line? "
        "What is the counter then?",
        "The section \"Why `Add` comes before `go`\" has the rule: the goroutine that waits "
        "counts the work *before* it starts it. `wg.go(fetch, name, ms)` does both at once.",
    ),
    solution='''\
from goconc import go, sync, time


def fetch_sizes(pages: dict[str, int]) -> dict[str, int]:
    sizes: dict[str, int] = {}
    wg = sync.WaitGroup()

    def fetch(name: str, ms: int) -> None:
        try:
            time.sleep(ms * time.Millisecond)  # the download
            sizes[name] = 100 * len(name)
        finally:
            wg.done()

    for name, ms in pages.items():
        wg.add(1)  # counted before the goroutine exists
        go(fetch, name, ms)
    wg.wait()
    return sizes
''',
    discussion='''\
A new goroutine does not run at once: it waits in the run queue until `main` blocks, and
`main` first blocks in `wg.wait()`. By then no `fetch` has run its `wg.add(1)`, the counter
is 0, and `wait` returns at once with an empty dict. In Go the same code is a race: with
several CPUs, some goroutines may get to their `Add` in time and some may not, so the
result changes from run to run. Counting in the goroutine that waits, before the `go`
statement, makes the count right whatever the scheduler does.''',
    checker=_check_fetch_sizes,
)


# --- chapter 5: mutexes ------------------------------------------------------------------


def _explain_mutex(p: _Probe, gs: list[_G]) -> str:
    locked = [g for g in gs if g.state == "sync.Mutex.Lock" and g.frames]
    for g in locked:
        callers = [f.func for f in g.frames[1:]]
        if callers:
            who = "the call" if g.id == p.body_id else g.name()
            return (f"  {who} waits for a lock in {_short(g.frames[0].func)}, called from "
                    f"{_short(callers[0])}. If {_short(callers[0])} already holds that mutex, "
                    f"the goroutine waits for itself: a sync.Mutex is not reentrant. Take the "
                    f"lock once, and call a helper that does not lock.")
    if locked:
        return ("  Goroutines wait for a lock that nobody will unlock: does some path return "
                "(or raise) without unlocking? `with self.mu:` unlocks on every path.")
    return ""


def _new(cls: Any, doing: str, p: _Probe, *args: Any) -> Any:
    obj = p.call(doing, cls, *args)
    return obj


def _method(obj: Any, name: str, cls_name: str) -> Callable[..., Any]:
    m = getattr(obj, name, None)
    if not callable(m):
        _fail(f"{cls_name} has no method {name}().")
    return m  # type: ignore[no-any-return]


def _hammer(p: _Probe, n: int, fn: Callable[[], None]) -> None:
    """Run ``fn`` in ``n`` of the checker's goroutines at once, and wait for them."""
    wg = sync.WaitGroup()
    for _ in range(n):
        wg.add(1)

        def one() -> None:
            try:
                fn()
            finally:
                wg.done()

        _go(p, one)
    p.hammering = True
    wg.wait()
    p.hammering = False


def _check_keycounter(ns: Mapping[str, Any]) -> str:
    (KeyCounter,) = _need(ns, "KeyCounter")

    def scenario(p: _Probe) -> None:
        kc = _new(KeyCounter, "KeyCounter()", p)
        inc, value = _method(kc, "inc", "KeyCounter"), _method(kc, "value", "KeyCounter")
        got = p.call("value('never seen')", value, "never seen")
        if got != 0:
            _fail(f"value('never seen') returned {_show(got)}, expected 0.")
        ran: list[bool] = []
        _go(p, lambda: ran.append(True))
        p.call("inc('x')", inc, "x")
        if not ran:
            _fail("inc('x') never lets another goroutine run: the exercise asks it to call "
                  "runtime.gosched() between reading the old count and writing the new one. "
                  "(That yield is what makes the lock necessary.)")
        x = p.call("value('x')", value, "x")
        if x != 1:
            _fail(f"After one inc('x'), value('x') is {_show(x)}, expected 1.")

        def hits() -> None:
            for _ in range(5):
                inc("a")
                inc("b")

        p.doing = "100 goroutines each calling inc('a') and inc('b') 5 times"
        _hammer(p, 100, hits)
        a, b = p.call("value('a')", value, "a"), p.call("value('b')", value, "b")
        if (a, b) != (500, 500):
            ints = isinstance(a, int) and isinstance(b, int)
            lost = f"{500 - a} and {500 - b}" if ints else "some"
            _fail(f"After 100 goroutines each called inc('a') and inc('b') 5 times, value('a') "
                  f"is {_show(a)} and value('b') is {_show(b)}, not 500: {lost} updates were "
                  f"lost. Two goroutines read the same old count, and both wrote it plus one: "
                  f"hold the mutex from the read to the write.")

    _run(scenario, explain_stuck=_explain_mutex)
    return "no update is lost; the lock covers the whole read, yield and write."


_KEYCOUNTER = Exercise(
    label="ex-mutex-keycounter",
    chapter="05-mutexes",
    title="A counter per key",
    kind="write",
    names=("KeyCounter",),
    starter='''\
from goconc import runtime, sync


class KeyCounter:
    def __init__(self) -> None:
        raise NotImplementedError("your KeyCounter here")

    def inc(self, key: str) -> None:
        raise NotImplementedError

    def value(self, key: str) -> int:
        raise NotImplementedError
''',
    checker=_check_keycounter,
)


def _check_stock(ns: Mapping[str, Any]) -> str:
    (Stock,) = _need(ns, "Stock")

    def scenario(p: _Probe) -> None:
        s = _new(Stock, "Stock({'pear': 2})", p, {"pear": 2})
        take, left = _method(s, "take", "Stock"), _method(s, "left", "Stock")
        got = [p.call("take('pear')", take, "pear") for _ in range(3)]
        if got != [True, True, False]:
            _fail(f"Three take('pear') calls, one after another, on Stock({{'pear': 2}}) "
                  f"returned {_show(got)}, expected [True, True, False].")
        if p.call("take('plum')", take, "plum") is not False:
            _fail("take('plum') on a Stock without plums should return False.")
        s = _new(Stock, "Stock({'apple': 10})", p, {"apple": 10})
        take, left = _method(s, "take", "Stock"), _method(s, "left", "Stock")
        results: list[Any] = []
        p.doing = "20 goroutines each calling take('apple') on Stock({'apple': 10})"
        _hammer(p, 20, lambda: results.append(take("apple")))
        n_ok = sum(1 for r in results if r is True)
        remaining = p.call("left('apple')", left, "apple")
        if n_ok != 10 or remaining != 0:
            _fail(f"20 goroutines each called take('apple') on Stock({{'apple': 10}}): "
                  f"{n_ok} got one, and left('apple') is now {_show(remaining)}. Exactly 10 "
                  f"should get one, leaving 0. Between the check (left) and the update, the "
                  f"lock is released, and the other goroutines check the same old count: "
                  f"check and update under one lock.")

    _run(scenario, explain_stuck=_explain_mutex)
    return ("exactly as many takes succeed as there are items; the check and the update are "
            "one step.")


_STOCK = Exercise(
    label="ex-mutex-check-then-act",
    chapter="05-mutexes",
    title="Find the bug: every method locks, and it still oversells",
    kind="find-the-bug",
    names=("Stock",),
    text='''\
`Stock` keeps a count per item for a shop. `take(item)` takes one if there is any left, and
says whether it got one. Every access to `counts` holds the mutex, so it looks safe. But
when 20 goroutines each call `take("apple")` on a stock of 10 apples, all 20 get one, and
the count ends at −10. (`runtime.gosched()` stands in for real work done between the
check and the update, such as a price lookup: as in the chapter, it gives the other
goroutines their turn.) Fix `Stock` so that exactly 10 succeed. Keep the
`runtime.gosched()` between the check and the update.''',
    starter='''\
from goconc import runtime, sync


class Stock:
    def __init__(self, counts: dict[str, int]) -> None:
        self.mu = sync.Mutex()  # guards counts
        self.counts = dict(counts)

    def left(self, item: str) -> int:
        with self.mu:
            return self.counts.get(item, 0)

    def take(self, item: str) -> bool:
        if self.left(item) == 0:
            return False
        runtime.gosched()  # real work happens here: say, a price lookup
        with self.mu:
            self.counts[item] -= 1
        return True
''',
    hints=(
        "Each access is locked, but `take` is two accesses: a check, then an update. What can "
        "other goroutines do in between?",
        "Hold the lock from the check to the update. Careful: `left` locks too, and a "
        "`sync.Mutex` is not reentrant, so calling `self.left` while holding `self.mu` waits "
        "for ever. Read `self.counts` directly inside the locked block.",
    ),
    solution='''\
from goconc import runtime, sync


class Stock:
    def __init__(self, counts: dict[str, int]) -> None:
        self.mu = sync.Mutex()  # guards counts
        self.counts = dict(counts)

    def left(self, item: str) -> int:
        with self.mu:
            return self.counts.get(item, 0)

    def take(self, item: str) -> bool:
        with self.mu:  # the check and the update are one step
            if self.counts.get(item, 0) == 0:
                return False
            runtime.gosched()  # real work happens here: say, a price lookup
            self.counts[item] -= 1
            return True
''',
    discussion='''\
This is *check-then-act*: each access was safe on its own, but the decision (there is one
left) was stale by the time it was acted on, because the lock was released in between and
nineteen other goroutines made the same decision from the same count. A lock protects an
*invariant* (here: the count never goes below zero), so it must be held for every step that
relies on it. Go's race detector would not have found this bug: there is no data race, only
a race between two correctly locked operations.''',
    checker=_check_stock,
)


# --- chapter 6: share memory by communicating --------------------------------------------


def _attributes(obj: Any) -> dict[str, Any]:
    try:
        return dict(vars(obj))
    except TypeError:  # __slots__
        return {name: getattr(obj, name) for name in getattr(type(obj), "__slots__", ())
                if hasattr(obj, name)}


def _check_account(ns: Mapping[str, Any]) -> str:
    (Account,) = _need(ns, "Account")

    def scenario(p: _Probe) -> None:
        acct = _new(Account, "Account()", p)
        deposit, withdraw, balance, close = (
            _method(acct, name, "Account") for name in ("deposit", "withdraw", "balance", "close"))
        for name, v in _attributes(acct).items():
            if isinstance(v, (sync.Mutex, sync.RWMutex)):
                _fail(f"Account uses a sync.{type(v).__name__} (self.{name}). This exercise is "
                      f"about sharing memory by communicating: let one goroutine own the "
                      f"balance, and talk to it over a channel.")
        p.doing = "100 goroutines each calling deposit(10)"
        _hammer(p, 100, lambda: deposit(10))
        b = p.call("balance()", balance)
        if b != 1000:
            _fail(f"After 100 goroutines each deposited 10, balance() is {_show(b)}, not 1000.")
        for name, v in _attributes(acct).items():
            if type(v) is int and v == 1000:
                _fail(f"The balance is an attribute of the object (self.{name} == 1000), where "
                      f"any goroutine can reach it. Keep it in a local variable of the owner "
                      f"goroutine.")
        for amount, want, after in ((1001, False, 1000), (1000, True, 0)):
            doing = f"withdraw({amount}) from a balance of {1000 if not want else after + amount}"
            got = p.call(doing, withdraw, amount)
            if got is not want:
                _fail(f"{doing} returned {_show(got)}, expected {want}.")
            b = p.call("balance()", balance)
            if b != after:
                _fail(f"After {doing}, balance() is {_show(b)}, expected {after}.")
        p.call("deposit(1000)", deposit, 1000)
        results: list[Any] = []
        p.doing = "10 goroutines each calling withdraw(300) from a balance of 1000"
        _hammer(p, 10, lambda: results.append(withdraw(300)))
        n_ok = sum(1 for r in results if r is True)
        b = p.call("balance()", balance)
        if n_ok != 3 or b != 100:
            _fail(f"10 goroutines each called withdraw(300) from a balance of 1000: {n_ok} "
                  f"succeeded, and balance() is {_show(b)}. Exactly 3 should succeed, leaving "
                  f"100: the check and the update must happen together, in the owner.")
        p.call("close()", close)
        p.no_leftovers("close()", explain=lambda p, gs: (
            "  close() must end the owner goroutine: close the channel its loop receives "
            "from, and the loop ends."))

    _run(scenario)
    return "one goroutine owns the balance; deposits, withdrawals and close() all go through it."


_ACCOUNT = Exercise(
    label="ex-mantra-account",
    chapter="06-mantra",
    title="A bank account owned by a goroutine",
    kind="write",
    names=("Account",),
    starter='''\
from typing import Any

from goconc import Chan, chan, go


class Account:
    def __init__(self) -> None:
        raise NotImplementedError("your Account here")

    def deposit(self, amount: int) -> None:
        raise NotImplementedError

    def withdraw(self, amount: int) -> bool:
        raise NotImplementedError

    def balance(self) -> int:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError
''',
    checker=_check_account,
)


def _check_batches(ns: Mapping[str, Any]) -> str:
    (batches,) = _need(ns, "batches")
    cases: list[tuple[list[str], int]] = [
        (list("abcdefg"), 3), (list("abcd"), 2), ([], 3), (["x"], 5),
        ([f"w{i}" for i in range(10)], 4),
    ]

    def scenario(p: _Probe) -> None:
        for words, size in cases:
            doing = _call_text("batches", words, size)
            got = p.call(doing, batches, list(words), size)
            _expect_list(got, doing)
            want = [words[i:i + size] for i in range(0, len(words), size)]
            if got == want and len({id(b) for b in got}) == len(got):
                p.no_leftovers(doing)
                continue
            msg = f"{doing} returned {_show(got)}, expected {_show(want)}"
            shared = len(got) - len({id(b) for b in got})
            if shared:
                distinct = len(got) - shared
                how = ("all one and the same list" if distinct == 1
                       else f"only {distinct} distinct lists")
                _fail(msg + f": {len(got)} batches, but {how}. The producer sent the same "
                      f"list again and again, and changed it "
                      f"after each send, so the batches the caller had received changed under "
                      f"it. Once a value is sent, it belongs to the receiver: start a new list "
                      f"for the next batch.")
            _fail(msg + ". Did the producer change a batch after sending it? Once a value is "
                  "sent, it belongs to the receiver.")

    _run(scenario)
    return "each batch is handed over for good; the producer starts a new list after every send."


_BATCHES = Exercise(
    label="ex-mantra-handover",
    chapter="06-mantra",
    title="Find the bug: a batch that changes after it was sent",
    kind="find-the-bug",
    names=("batches",),
    text='''\
`batches(words, size)` groups words into lists of `size` (the last one may be shorter): a
producer goroutine fills each batch and sends it on a channel, and the caller collects
what arrives. `batches(list("abcdefg"), 3)` should be
`[["a", "b", "c"], ["d", "e", "f"], ["g"]]`, but it is `[["g"], ["g"], ["g"]]`. Fix it. (Making
the channel buffered does not help; find out why.)''',
    starter='''\
from goconc import chan, go


def batches(words: list[str], size: int) -> list[list[str]]:
    out = chan(list)

    def producer() -> None:
        batch: list[str] = []
        try:
            for w in words:
                batch.append(w)
                if len(batch) == size:
                    out.send(batch)
                    batch.clear()  # reuse the list for the next batch
            if batch:
                out.send(batch)
        finally:
            out.close()

    go(producer)
    return [b for b in out]
''',
    hints=(
        "What travels on the channel: a copy of the list, or the list itself? Print "
        "`[id(b) for b in batches(list(\"abcdefg\"), 3)]`.",
        "\"Ownership can travel\": after `out.send(batch)`, `batch` is the receiver's. The "
        "producer must not touch it again; it starts a new list instead.",
    ),
    solution='''\
from goconc import chan, go


def batches(words: list[str], size: int) -> list[list[str]]:
    out = chan(list)

    def producer() -> None:
        batch: list[str] = []
        try:
            for w in words:
                batch.append(w)
                if len(batch) == size:
                    out.send(batch)  # the batch now belongs to the receiver
                    batch = []  # a new list for the next one
            if batch:
                out.send(batch)
        finally:
            out.close()

    go(producer)
    return [b for b in out]
''',
    discussion='''\
A channel carries a *reference* to the list, in Go as in Python (in Go, a slice header
that points at the same array). Sending it hands the list over, but the producer kept
using it: `batch.clear()` emptied the batch the caller had just received, and the next
`append`s filled it again. All three "batches" were one list, seen at the end. With a
buffer, the producer runs even further ahead, and the result is the same. `batch = []`
gives the producer a new list and leaves the sent one alone; sending `batch.copy()` would
work too, at the cost of a copy.''',
    checker=_check_batches,
)


# --- chapter 7: select -------------------------------------------------------------------


def _replica(name: str, d: int) -> Any:
    """The exercise's helper: a channel that delivers ``name`` after ``d``."""
    ch = chan(str, 1)
    time.after_func(d, lambda: ch.send(name))
    return ch.recv_only()


def _ms(d: int) -> str:
    return str(time.Duration(d))


def _expect_raise(a: _Attempt, kind: type[BaseException], message: str, at: int,
                  why: str) -> None:
    """``a`` must have raised ``kind`` with ``str(exc) == message`` after exactly ``at``."""
    shown = (f"{kind.__name__}({message!r})" if kind in (TimeoutError, ValueError)
             else f"{message} (ctx.err())")
    if a.exc is None:
        _fail(f"{a.doing} returned {_show(a.value)} after {a.elapsed}; {why}, so it should "
              f"raise {shown} after {_ms(at)}.")
    if not isinstance(a.exc, kind) or str(a.exc) != message:
        _fail(f"{a.doing} {_exc_text(a.exc)}{_where(a.exc)}, after {a.elapsed}; {why}, so "
              f"it should raise {shown}.")
    if a.elapsed != at:
        _fail(f"{a.doing} raised {message}, but after {a.elapsed}; {why}, so it should raise "
              f"it after {_ms(at)}, not {'sooner' if a.elapsed < at else 'later'}.")


def _check_first_of(ns: Mapping[str, Any]) -> str:
    (first_of,) = _need(ns, "first_of")
    ms = time.Millisecond

    def replicas(spec: dict[str, int]) -> tuple[list[Any], str]:
        chans = [_replica(name, d * ms) for name, d in spec.items()]
        shown = "[" + ", ".join(f"{name} after {d}ms" for name, d in spec.items()) + "]"
        return chans, shown

    def scenario(p: _Probe) -> None:
        bg = context.background()
        for spec, want, at in (({"a": 30, "b": 10}, "b", 10), ({"c": 5}, "c", 5),
                               ({"x": 20, "y": 40, "z": 30}, "x", 20)):
            chans, shown = replicas(spec)
            a = p.attempt(f"first_of(ctx, 1s, {shown})", first_of, bg, time.Second, chans)
            got = a.value_or_fail()
            if got != want:
                _fail(f"{a.doing} returned {_show(got)} after {a.elapsed}; expected {want!r}, "
                      f"the first answer, after {at}ms.")
            if a.elapsed != at * ms:
                _fail(f"{a.doing} returned {want!r}, but after {a.elapsed}; the answer was "
                      f"there after {at}ms. Wait for all the replicas at once, in one select.")
        chans, shown = replicas({"a": 50, "b": 80})
        a = p.attempt(f"first_of(ctx, 20ms, {shown})", first_of, bg, 20 * ms, chans)
        _expect_raise(a, TimeoutError, "timeout", 20 * ms,
                      "no answer comes within 20ms")
        if isinstance(a.exc, context.DeadlineExceeded):
            _fail(f"{a.doing} raised context.DeadlineExceeded; expected TimeoutError('timeout').")
        a = p.attempt("first_of(ctx, 15ms, [])", first_of, bg, 15 * ms, [])
        _expect_raise(a, TimeoutError, "timeout", 15 * ms,
                      "with no replicas, no answer can come")
        ctx, cancel = context.with_cancel(bg)
        time.after_func(5 * ms, cancel)
        chans, shown = replicas({"a": 50})
        a = p.attempt(f"first_of(ctx, 1s, {shown})", first_of, ctx, time.Second, chans)
        _expect_raise(a, context.Canceled, "context canceled", 5 * ms,
                      "ctx is cancelled after 5ms")
        with context.with_timeout(bg, 8 * ms) as ctx:
            chans, shown = replicas({"a": 50})
            a = p.attempt(f"first_of(ctx, 1s, {shown})", first_of, ctx, time.Second, chans)
        _expect_raise(a, context.DeadlineExceeded, "context deadline exceeded", 8 * ms,
                      "ctx has a deadline 8ms away")

    _run(scenario)
    return "first_of takes the first answer, and gives up at the timeout or when ctx is done."


_FIRST_OF = Exercise(
    label="ex-select-first-of",
    chapter="07-select",
    title="The first of several replicas",
    kind="write",
    names=("first_of",),
    starter='''\
from goconc import RecvChan, chan, context, recv, select, time


def replica(name: str, d: time.Duration) -> RecvChan[str]:
    ch = chan(str, 1)
    time.after_func(d, lambda: ch.send(name))
    return ch.recv_only()


def first_of(ctx: context.Context, timeout: time.Duration,
             replicas: list[RecvChan[str]]) -> str:
    raise NotImplementedError("your first_of here")
''',
    checker=_check_first_of,
)


def _check_collect(ns: Mapping[str, Any]) -> str:
    (collect,) = _need(ns, "collect")
    ms = time.Millisecond

    def producer(out: Any, n: int, every: int, close: bool, stop: Any) -> None:
        for i in range(1, n + 1):
            time.sleep(every)
            if select(send(out, f"m{i}"), recv(stop))[0] == 1:
                return
        if close:
            out.close()

    def scenario(p: _Probe) -> None:
        cases = [
            ("a message every 10ms for a second", 100, False, 35, ["m1", "m2", "m3"],
             35),
            ("2 messages, 10ms apart, and then closed", 2, True, 1000, ["m1", "m2"], 20),
            ("a channel that never sends", 0, False, 25, [], 25),
            ("a channel that is closed at once", 0, True, 25, [], 0),
        ]
        for what, n, close, budget, want, at in cases:
            msgs, stop = chan(str), chan(bool)
            _go(p, producer, msgs, n, 10 * ms, close, stop)
            doing = f"collect(msgs, {_ms(budget * ms)}), where msgs is {what},"
            a = p.attempt(doing, collect, msgs.recv_only(), budget * ms)
            stop.close()
            got = a.value_or_fail()
            _expect_list(got, doing)
            if got == want and a.elapsed == at * ms:
                continue
            msg = (f"{doing} returned {_plural(len(got), 'message')} after {a.elapsed}; it "
                   f"should return {_show(want)} after {at}ms")
            if a.elapsed > budget * ms and n and not close:
                _fail(msg + f". The budget is {_ms(budget * ms)} for the whole call, but each "
                      f"pass of the loop starts a new time.after({_ms(budget * ms)}): every "
                      f"message starts the budget over, and it runs out only when the "
                      f"messages stop. Make the timer once, before the loop.")
            if "" in got:
                _fail(msg + ". It collected empty strings: a receive from a closed channel "
                      "returns the zero value at once. Use recv_ok, and stop when ok is False.")
            _fail(msg + ".")

    _run(scenario)
    return "the budget counts from the call, however many messages arrive, and a close ends it."


_COLLECT = Exercise(
    label="ex-select-budget",
    chapter="07-select",
    title="Find the bug: a timeout that never comes",
    kind="find-the-bug",
    names=("collect",),
    text='''\
`collect(msgs, budget)` gathers the messages that arrive on `msgs` within `budget` of the
call, and returns them; it returns sooner if `msgs` is closed. With a message every 10 ms
and a 35 ms budget it should return 3 messages after 35 ms. It works in a quick test with a
quiet channel, but with a steady stream of messages it does not return until the stream
stops. Fix it.''',
    starter='''\
from goconc import RecvChan, recv, recv_ok, select, time


def collect(msgs: RecvChan[str], budget: time.Duration) -> list[str]:
    got: list[str] = []
    while True:
        match select(recv_ok(msgs), recv(time.after(budget))):
            case 0, (msg, True):
                got.append(msg)
            case 0, (_, False):
                return got  # msgs is closed: nothing more will come
            case _:
                return got  # the budget is spent
''',
    hints=(
        "When does the timer that ends the budget start? How many timers does the loop make "
        "for 100 messages?",
        "The chapter's rule: `time.after(d)` in a `select` is a timeout; inside a loop it is a "
        "new timer every pass. Make the timer once, before the loop, and select on the same "
        "channel every time.",
    ),
    solution='''\
from goconc import RecvChan, recv, recv_ok, select, time


def collect(msgs: RecvChan[str], budget: time.Duration) -> list[str]:
    got: list[str] = []
    deadline = time.after(budget)  # one timer for the whole call
    while True:
        match select(recv_ok(msgs), recv(deadline)):
            case 0, (msg, True):
                got.append(msg)
            case 0, (_, False):
                return got  # msgs is closed: nothing more will come
            case _:
                return got  # the budget is spent
''',
    discussion='''\
Each call of `time.after(budget)` makes a new timer that fires `budget` from *now*. Inside
the loop, every message that arrived before the timer fired started a fresh one, so the
budget measured the gap between two messages, not the time since the call. That is right
for an *idle* timeout ("give up after 35 ms without a message"), and wrong for a *total*
one. One timer made before the loop fires once, 35 ms after the call, however busy the
channel is. (`recv_ok` matters as well: a plain `recv` on a closed channel returns `""` at
once, for ever, and the loop would spin.)''',
    checker=_check_collect,
)


# --- chapter 8: context ------------------------------------------------------------------


class _AttemptFailed(Exception):
    """What the checker's ``op`` raises when an attempt fails."""


def _check_retry(ns: Mapping[str, Any]) -> str:
    (retry,) = _need(ns, "retry")
    ms = time.Millisecond

    def make_op(fail_times: int | None, honour_ctx: bool = False
                ) -> tuple[Callable[[Any], str], list[int]]:
        """An op that fails ``fail_times`` times (None: always); it records when it ran."""
        calls: list[int] = []
        start = time.now()

        def op(ctx: Any) -> str:
            calls.append(time.since(start))
            if not callable(getattr(ctx, "done", None)):
                not_ctx.append(ctx)
                raise _AttemptFailed("not a context")
            if honour_ctx and select(recv(time.after(time.Second)), recv(ctx.done()))[0] == 1:
                raise ctx.err()
            if fail_times is None or len(calls) <= fail_times:
                raise _AttemptFailed(f"attempt {len(calls)} failed")
            return "ok"

        return op, calls

    not_ctx: list[Any] = []  # what op was given instead of a context (op's own check)

    def waits(calls: list[int]) -> str:
        return ", ".join(_ms(b - a) for a, b in itertools.pairwise(calls)) or "none"

    def scenario(p: _Probe) -> None:
        bg = context.background()
        op, calls = make_op(0)
        a = p.attempt("retry(ctx, op, 10ms), with an op that succeeds at once,", retry, bg,
                      op, 10 * ms)
        if not_ctx:
            _fail(f"retry called op({_show(not_ctx[0])}); it should pass op the context: "
                  f"op(ctx).")
        if a.value_or_fail() != "ok" or a.elapsed or len(calls) != 1:
            _fail(f"{a.doing} returned {_show(a.value)} after {a.elapsed}, having called op "
                  f"{_plural(len(calls), 'time')}; expected 'ok' at once, after one call.")
        op, calls = make_op(2)
        a = p.attempt("retry(ctx, op, 10ms), with an op that fails twice and then returns 'ok',",
                      retry, bg, op, 10 * ms)
        got = a.value_or_fail()
        if got != "ok":
            _fail(f"{a.doing} returned {_show(got)}; expected 'ok', what op returned.")
        if len(calls) != 3 or a.elapsed != 30 * ms:
            _fail(f"{a.doing} called op {_plural(len(calls), 'time')} and returned after "
                  f"{a.elapsed}, waiting {waits(calls)} between the attempts; expected 3 "
                  f"calls, waits of 10ms and 20ms (twice as long each time), and 30ms in all.")
        with context.with_timeout(bg, 100 * ms) as ctx:
            op, calls = make_op(None)
            a = p.attempt("retry(ctx, op, 10ms), with a 100ms timeout on ctx and an op that "
                          "always fails,", retry, ctx, op, 10 * ms)
        if len(calls) >= 3 and calls[:4] != [0, 10 * ms, 30 * ms, 70 * ms][:len(calls)]:
            _fail(f"{a.doing} waited {waits(calls)} between attempts; expected 10ms, 20ms, "
                  f"40ms: start at base, and double the wait after each failure.")
        if isinstance(a.exc, _AttemptFailed):
            _fail(f"{a.doing} raised op's own error ({a.exc}) after {a.elapsed}; when ctx is "
                  f"done, retry should raise ctx.err(), context deadline exceeded.")
        if a.exc is not None and a.elapsed > 100 * ms:
            _fail(f"{a.doing} raised {a.exc} after {a.elapsed}, not after 100ms: it must give "
                  f"up as soon as ctx is done, also in the middle of a wait. time.sleep cannot "
                  f"be interrupted: select on time.after(delay) and ctx.done().")
        _expect_raise(a, context.DeadlineExceeded, "context deadline exceeded", 100 * ms,
                      "ctx's deadline passes after 100ms")
        ctx, cancel = context.with_cancel(bg)
        time.after_func(15 * ms, cancel)
        op, calls = make_op(None)
        a = p.attempt("retry(ctx, op, 10ms), with ctx cancelled after 15ms (during the second "
                      "wait),", retry, ctx, op, 10 * ms)
        _expect_raise(a, context.Canceled, "context canceled", 15 * ms,
                      "ctx is cancelled after 15ms")
        with context.with_timeout(bg, 50 * ms) as ctx:
            op, calls = make_op(None, honour_ctx=True)
            a = p.attempt("retry(ctx, op, 10ms), with a 50ms timeout on ctx and an op that "
                          "takes 1s unless ctx is done,", retry, ctx, op, 10 * ms)
        _expect_raise(a, context.DeadlineExceeded, "context deadline exceeded", 50 * ms,
                      "the attempt is cut short when ctx's deadline passes after 50ms")

    _run(scenario)
    return "retry backs off 10ms, 20ms, 40ms, … and stops the moment ctx is done, even mid-wait."


_RETRY = Exercise(
    label="ex-context-retry",
    chapter="08-context",
    title="Retry with backoff, until the context says stop",
    kind="write",
    names=("retry",),
    starter='''\
from collections.abc import Callable
from typing import Any

from goconc import context, recv, select, time


def retry(ctx: context.Context, op: Callable[[context.Context], Any],
          base: time.Duration) -> Any:
    raise NotImplementedError("your retry here")
''',
    checker=_check_retry,
)


def _check_handler(ns: Mapping[str, Any]) -> str:
    (handler,) = _need(ns, "handler")
    ms = time.Millisecond
    want = ["user", "orders of user"]
    lost = ("\n  The cancellation does not reach every call that waits: every function that "
            "blocks must take ctx (first) and pass it on, and every context must be derived "
            "from the one the caller passed in.")

    def expect_stop(a: _Attempt, kind: type[BaseException], message: str, at: int,
                    why: str) -> None:
        try:
            _expect_raise(a, kind, message, at, why)
        except _Fail as e:
            if a.exc is None or a.elapsed > at:
                _fail(e.message + lost)
            raise

    def scenario(p: _Probe) -> None:
        bg = context.background()
        a = p.attempt("handler(ctx)", handler, bg)
        got = a.value_or_fail()
        if got != want or a.elapsed != 40 * ms:
            _fail(f"{a.doing} returned {_show(got)} after {a.elapsed}; expected {_show(want)} "
                  f"after 40ms (20ms for the user, 20ms for the orders).")
        a = p.attempt("handler(ctx, orders_ms=100)", handler, bg, orders_ms=100)
        expect_stop(a, context.DeadlineExceeded, "context deadline exceeded", 50 * ms,
                    "the handler's 50ms budget runs out during the orders")
        ctx, cancel = context.with_cancel(bg)
        time.after_func(30 * ms, cancel)
        a = p.attempt("handler(ctx), with ctx cancelled by the caller after 30ms,", handler, ctx)
        expect_stop(a, context.Canceled, "context canceled", 30 * ms,
                    "the caller gives up after 30ms")
        for d in (25, 10):
            with context.with_timeout(bg, d * ms) as ctx:
                a = p.attempt(f"handler(ctx), with a {d}ms deadline on the caller's ctx,",
                              handler, ctx)
            expect_stop(a, context.DeadlineExceeded, "context deadline exceeded", d * ms,
                        f"the caller's deadline passes after {d}ms")

    _run(scenario)
    return "the caller's cancellation and deadline, and the handler's own budget, reach every call."


_HANDLER = Exercise(
    label="ex-context-pass-it-on",
    chapter="08-context",
    title="Find the bug: a deadline that does not reach the database",
    kind="find-the-bug",
    names=("handler",),
    text='''\
`handler(ctx)` serves one request in at most 50 ms: it fetches the user (20 ms), then the
user's orders (20 ms), and returns both. `fetch` stands in for a call to another service,
and honours the context it is given. When the caller gives up — its `ctx` is cancelled, or
its deadline passes — the handler should stop at once and raise `ctx.err()`; the same when
its own 50 ms budget runs out. It does that only while it is fetching the user. Run the check,
then fix the program. (`user_ms` and `orders_ms` let the check make the services slower.)''',
    starter='''\
from goconc import context, recv, select, time


def fetch(ctx: context.Context, what: str, ms: int) -> str:
    """A call to another service: the answer after ms milliseconds, unless ctx is done first."""
    match select(recv(time.after(ms * time.Millisecond)), recv(ctx.done())):
        case 0, _:
            return what
        case _:
            raise ctx.err()


def load_orders(user: str, ms: int) -> str:
    return fetch(context.background(), f"orders of {user}", ms)


def handler(ctx: context.Context, user_ms: int = 20, orders_ms: int = 20) -> list[str]:
    with context.with_timeout(ctx, 50 * time.Millisecond) as ctx:  # the request's budget
        user = fetch(ctx, "user", user_ms)
        return [user, load_orders(user, orders_ms)]
''',
    hints=(
        "Which calls wait, and which context does each of them get? Cancelling a context "
        "reaches only the calls that were given it, or a context derived from it.",
        "The rule \"pass the context as the first argument\": `load_orders` blocks, so it "
        "takes `ctx` first and passes it on. `context.background()` in the middle of a call "
        "tree cuts the tree in two.",
    ),
    solution='''\
from goconc import context, recv, select, time


def fetch(ctx: context.Context, what: str, ms: int) -> str:
    """A call to another service: the answer after ms milliseconds, unless ctx is done first."""
    match select(recv(time.after(ms * time.Millisecond)), recv(ctx.done())):
        case 0, _:
            return what
        case _:
            raise ctx.err()


def load_orders(ctx: context.Context, user: str, ms: int) -> str:
    return fetch(ctx, f"orders of {user}", ms)


def handler(ctx: context.Context, user_ms: int = 20, orders_ms: int = 20) -> list[str]:
    with context.with_timeout(ctx, 50 * time.Millisecond) as ctx:  # the request's budget
        user = fetch(ctx, "user", user_ms)
        return [user, load_orders(ctx, user, orders_ms)]
''',
    discussion='''\
`load_orders` made its own root with `context.background()`, so neither the handler's
budget nor the caller's cancellation could reach the orders query: a cancelled request
went on waiting for it, and a slow one ran past its 50 ms. In a real server that is a
database query that keeps running for a client that has gone. Passing `ctx` down (first
argument, every function that blocks) is what makes one `cancel()` — or one deadline —
stop the whole tree. Deriving the budget from `context.background()` instead of from the
caller's `ctx` would cut the tree one level higher, with the same effect.''',
    checker=_check_handler,
)


# --- chapter 9: fan-out / fan-in ---------------------------------------------------------


def _work(ctx: Any, item: int) -> int:
    """The chapter's work: 10-50 ms depending on the item; multiples of 5 fail."""
    if item % 5 == 0:
        raise ValueError(f"item {item}: bad input")
    d = (item * 7 % 5 + 1) * 10 * time.Millisecond
    match select(recv(time.after(d)), recv(ctx.done())):
        case 0, _:
            return item * item
        case _:
            raise ctx.err()


def _check_process_ordered(ns: Mapping[str, Any]) -> str:
    (process_ordered,) = _need(ns, "process_ordered")
    process_ordered = _with_globals(process_ordered, work=_work)
    ms = time.Millisecond

    def result(a: _Attempt) -> tuple[list[Any], Any]:
        got = a.value_or_fail()
        if not (isinstance(got, tuple) and len(got) == 2 and isinstance(got[0], list)):
            _fail(f"{a.doing} returned {_show(got)}; expected a pair (results, ctx.err()), "
                  f"with the results in a list.")
        return got[0], got[1]

    def scenario(p: _Probe) -> None:
        bg = context.background()
        for items in ([1, 2, 3, 4, 5, 6], [9, 8, 7, 6, 4, 3, 2, 1], list(range(40, 0, -1)), [],
                      [5, 10]):
            doing = (f"process_ordered(ctx, {_show(items)})" if len(items) < 12 else
                     f"process_ordered(ctx, [{items[0]}, {items[1]}, …, {items[-1]}])")
            a = p.attempt(doing, process_ordered, bg, list(items))
            out, err = result(a)
            want = [i * i for i in items if i % 5 != 0]
            if out != want:
                msg = f"{doing} returned {_show(out)}, expected {_show(want)}"
                if sorted(out) == sorted(want) and out == sorted(want):
                    _fail(msg + ": the results sorted by value. They must follow the order of "
                          "items, whatever their values.")
                if sorted(out) == sorted(want):
                    _fail(msg + ": the right results, in the order the workers finished them. "
                          "Keep each item's position with it, and put every result in its "
                          "place.")
                _fail(msg + " (the squares of the items, in their order, without the "
                      "multiples of 5, whose work fails).")
            if err is not None:
                _fail(f"{doing} returned the error {_show(err)}; with a context that is never "
                      f"cancelled, ctx.err() is None.")
            if len(items) > 10 and a.elapsed > 200 * ms:
                _fail(f"{doing} took {a.elapsed}: the items were not processed 10 at a time. "
                      f"Start 10 workers that all take jobs from the one jobs channel.")
            p.no_leftovers(doing)
        items = list(range(1, 101))
        with context.with_timeout(bg, 25 * ms) as ctx:
            doing = "process_ordered(ctx, [1, 2, …, 100]) with a 25ms timeout on ctx"
            a = p.attempt(doing, process_ordered, ctx, items)
        out, err = result(a)
        if not isinstance(err, context.DeadlineExceeded):
            _fail(f"{doing} returned {_show(err)} as its error; expected ctx.err(), context "
                  f"deadline exceeded.")
        if a.elapsed > 75 * ms:
            _fail(f"{doing} returned after {a.elapsed}: once ctx is done, the feeder must stop "
                  f"feeding (a select on ctx.done()), so it should return soon after 25ms.")
        if not 0 < len(out) < 80:
            _fail(f"{doing} returned {_plural(len(out), 'result')}; after 25ms, some but not "
                  f"all of the items should be done.")
        squares = [i * i for i in items]
        if any(r not in squares for r in out) or [squares.index(r) for r in out] != sorted(
                squares.index(r) for r in out):
            _fail(f"{doing} returned {_show(out)}: the partial results must be in the order of "
                  f"items too.")
        p.no_leftovers(doing)
        ctx, cancel = context.with_cancel(bg)
        cancel()
        doing = "process_ordered(ctx, [1, 2, …, 20]) with ctx cancelled before the call"
        a = p.attempt(doing, process_ordered, ctx, list(range(1, 21)))
        out, err = result(a)
        if not isinstance(err, context.Canceled) or len(out) > 10:
            _fail(f"{doing} returned ({_show(out)}, {_show(err)}); expected few or no results, "
                  f"and ctx.err(), context canceled.")

    _run(scenario)
    return ("the results come back in the order of items, 10 at a time, and cancellation stops "
            "it all.")


_PROCESS_ORDERED = Exercise(
    label="ex-fan-out-ordered",
    chapter="09-fan-out-fan-in",
    title="Fan in, in order",
    kind="write",
    names=("process_ordered",),
    starter='''\
from goconc import chan, context, go, recv, select, send, sync


def process_ordered(ctx: context.Context,
                    items: list[int]) -> tuple[list[int], BaseException | None]:
    raise NotImplementedError("your process_ordered here")
''',
    checker=_check_process_ordered,
)


def _explain_squares(p: _Probe, gs: list[_G]) -> str:
    caller = next((g for g in gs if g.id == p.body_id), None)
    senders = [g for g in gs if g.state == "chan send" and g.learner and g.id != p.body_id]
    waiters = [g for g in gs if g.state == "sync.WaitGroup.Wait"]
    if caller is not None and caller.state == "sync.WaitGroup.Wait" and senders:
        return ("  squares waits for the workers (wg.wait()) before it reads results, and the "
                "workers wait for someone to read results (chan send): each waits for the "
                "other. Let a goroutine of its own wait and then close results, while squares "
                "reads.")
    if caller is not None and caller.state == "chan receive" and not waiters:
        return ("  squares waits for the next result, and none will come: nobody closes "
                "results, so the loop that reads it never ends. A goroutine of its own should "
                "wait for the workers and then close it.")
    return ""


def _check_squares(ns: Mapping[str, Any]) -> str:
    (squares,) = _need(ns, "squares")

    def scenario(p: _Probe) -> None:
        for items in ([1, 2, 3, 4, 5], [], [7], list(range(1, 21))):
            doing = _call_text("squares", items)
            got = p.call(doing, squares, list(items))
            _expect_list(got, doing)
            want = [i * i for i in items]
            if sorted(got) != want:
                _fail(f"{doing} returned {_show(got)}, expected the squares {_show(want)} (in "
                      f"any order).")
            p.no_leftovers(doing)

    _run(scenario, explain_stuck=_explain_squares)
    return "the workers' results flow out while they work, and the closer ends the reading loop."


_SQUARES = Exercise(
    label="ex-fan-out-closer",
    chapter="09-fan-out-fan-in",
    title="Find the bug: a pool that never finishes",
    kind="find-the-bug",
    names=("squares",),
    text='''\
`squares(items)` squares the items with a pool of three workers. It has everything the
chapter's `process` has — `jobs`, `results`, a `WaitGroup`, a feeder that closes `jobs`, a
`close(results)` — except the closer goroutine: it waits for the workers itself, closes
`results`, and then collects. With no items it returns `[]`, but `squares([1, 2, 3, 4, 5])`
never returns. Run the check and read which goroutine waits for what. Fix `squares`
(the results may come back in any order).''',
    starter='''\
from goconc import chan, go, sync


def squares(items: list[int]) -> list[int]:
    jobs = chan(int)
    results = chan(int)
    wg = sync.WaitGroup()

    def worker() -> None:
        try:
            for item in jobs:
                results.send(item * item)
        finally:
            wg.done()

    for _ in range(3):
        wg.add(1)
        go(worker)

    def feed() -> None:
        try:
            for item in items:
                jobs.send(item)
        finally:
            jobs.close()

    go(feed)
    wg.wait()  # wait for the workers,
    results.close()  # then close results,
    return [r for r in results]  # and collect them
''',
    hints=(
        "What is each goroutine waiting for? The workers want to hand over a result. Who takes "
        "it, and when does that goroutine start taking?",
        "Section \"Why is there a closer goroutine?\": whoever reads `results` must be reading "
        "*while* the workers run. So the `wg.wait()` and the `close` go into a goroutine of "
        "their own, and `squares` ranges over `results` at once. (A bigger buffer is not the "
        "fix: it only moves the deadlock to a longer list.)",
    ),
    solution='''\
from goconc import chan, go, sync


def squares(items: list[int]) -> list[int]:
    jobs = chan(int)
    results = chan(int)
    wg = sync.WaitGroup()

    def worker() -> None:
        try:
            for item in jobs:
                results.send(item * item)
        finally:
            wg.done()

    for _ in range(3):
        wg.add(1)
        go(worker)

    def feed() -> None:
        try:
            for item in items:
                jobs.send(item)
        finally:
            jobs.close()

    go(feed)

    def close_results() -> None:  # the closer
        wg.wait()
        results.close()

    go(close_results)
    return [r for r in results]  # reads while the workers work
''',
    discussion='''\
`results` is unbuffered, so a worker's send completes only when someone receives. `squares`
would receive only after `wg.wait()`, and `wg.wait()` returns only when every worker has
finished — which none can, since each is stuck on its first send. Every goroutine waits
for another: a deadlock (with no items, no worker ever sends, which is why `[]` worked). The
closer goroutine breaks the cycle: `squares` reads while the workers send, and the close
comes when the last worker has finished, which ends the reading loop. Buffering `results`
with `len(items)` would also work, as in the chapter's `process`, but the closer is what
lets the results flow while the work is still going on.''',
    checker=_check_squares,
)


# --- chapter 10: pitfalls ----------------------------------------------------------------


_REPLICAS = {"a": 30 * time.Millisecond, "b": 10 * time.Millisecond, "c": 20 * time.Millisecond}


def _query(ctx: Any, name: str, delay: int) -> str:
    """The chapter's query: a reply after ``delay``, or ``ctx.err()`` when ctx is done first."""
    match select(recv(time.after(delay)), recv(ctx.done())):
        case 0, _:
            return f"{name}: result"
        case _:
            raise ctx.err()


def _check_first_reply(ns: Mapping[str, Any]) -> str:
    (first_reply,) = _need(ns, "first_reply")
    first_reply = _with_globals(first_reply, query=_query)
    ms = time.Millisecond
    shown = "{'a': 30ms, 'b': 10ms, 'c': 20ms}"

    def leak(p: _Probe, gs: list[_G]) -> str:
        return ("  The slower queries must stop at once, not when their own delays run out: "
                "pass them a context that first_reply cancels when it returns, and give "
                "their sends a way out too (a select with ctx.done()).")

    def scenario(p: _Probe) -> None:
        bg = context.background()
        doing = f"first_reply(ctx, {shown})"
        a = p.attempt(doing, first_reply, bg, dict(_REPLICAS))
        got = a.value_or_fail()
        if got != "b: result" or a.elapsed != 10 * ms:
            _fail(f"{doing} returned {_show(got)} after {a.elapsed}; expected 'b: result', the "
                  f"first reply, after 10ms.")
        p.no_leftovers(doing, time.Millisecond, explain=leak)
        p.doing = f"50 calls of {doing}"
        for _ in range(50):
            first_reply(bg, dict(_REPLICAS))
        p.no_leftovers(p.doing, time.Millisecond, explain=leak)
        with context.with_timeout(bg, 5 * ms) as ctx:
            a = p.attempt(f"first_reply(ctx, {shown}), with a 5ms deadline on ctx,",
                          first_reply, ctx, dict(_REPLICAS))
        _expect_raise(a, context.DeadlineExceeded, "context deadline exceeded", 5 * ms,
                      "no reply can come before ctx's deadline")
        p.no_leftovers(a.doing, time.Millisecond, explain=leak)
        ctx, cancel = context.with_cancel(bg)
        cancel()
        a = p.attempt(f"first_reply(ctx, {shown}), with ctx cancelled before the call,",
                      first_reply, ctx, dict(_REPLICAS))
        _expect_raise(a, context.Canceled, "context canceled", 0,
                      "ctx is done before any reply")

    _run(scenario, settle=time.Millisecond)
    return "first_reply returns the first reply and stops the others at once; nothing leaks."


_FIRST_REPLY = Exercise(
    label="ex-pitfalls-first-reply",
    chapter="10-pitfalls",
    title="The first reply, without leaks",
    kind="write",
    names=("first_reply",),
    starter='''\
from goconc import chan, context, go, recv, runtime, select, send, time


def first_reply(ctx: context.Context, replicas: dict[str, int]) -> str:
    raise NotImplementedError("your first_reply here")
''',
    checker=_check_first_reply,
)


def _check_first_n(ns: Mapping[str, Any]) -> str:
    (first_n,) = _need(ns, "first_n")

    def leak(p: _Probe, gs: list[_G]) -> str:
        return ("  The producer waits for ever to send its next number: first_n must tell it "
                "to stop, and it must listen (a select on a context's done() beside its send).")

    def scenario(p: _Probe) -> None:
        for k in (3, 0, 1, 10):
            doing = _call_text("first_n", k)
            got = p.call(doing, first_n, k)
            p.no_leftovers(doing, time.Millisecond, explain=leak)
            _expect_list(got, doing)
            want = list(range(1, k + 1))
            if got != want:
                _fail(f"{doing} returned {_show(got)}, expected {_show(want)}.")

    _run(scenario, settle=time.Millisecond)
    return "first_n stops its producer by cancelling, and only the sender closes a channel."


_FIRST_N = Exercise(
    label="ex-pitfalls-who-closes",
    chapter="10-pitfalls",
    title="Find the bug: the receiver closes the channel",
    kind="find-the-bug",
    names=("first_n",),
    text='''\
`numbers` sends 1, 2, 3, … on a channel for as long as someone takes them, and
`first_n(k)` takes the first `k`. When it has enough, `first_n` closes the channel to tell
`numbers` to stop. `first_n(3)` returns `[1, 2, 3]` — and then the program crashes. Run
the check, then fix the program so that `first_n` returns the first `k` numbers and
`numbers` stops right after, without a panic and without a leak.''',
    starter='''\
from goconc import Chan, chan, context, go, recv, select, send


def numbers(out: Chan[int]) -> None:
    n = 1
    while True:
        out.send(n)
        n += 1


def first_n(k: int) -> list[int]:
    ch = chan(int)
    go(numbers, ch)
    got = [ch.recv() for _ in range(k)]
    ch.close()  # we have enough: tell numbers to stop
    return got
''',
    hints=(
        "The panic names the goroutine and the line. Which goroutine owns the channel — which "
        "one sends on it? Section 3: closing is a message from the *sender* to the receivers, "
        "never the other way round.",
        "The receiver needs another way to say \"stop\": a context. `first_n` makes one with "
        "`context.with_cancel` in a `with` block (leaving the block cancels it) and passes it "
        "to `numbers`, whose send becomes a `select` with `ctx.done()`. Nobody needs to close "
        "`ch` at all.",
    ),
    solution='''\
from goconc import Chan, chan, context, go, recv, select, send


def numbers(ctx: context.Context, out: Chan[int]) -> None:
    n = 1
    while True:
        match select(send(out, n), recv(ctx.done())):
            case 1, _:
                return  # the receiver has had enough
        n += 1


def first_n(k: int) -> list[int]:
    with context.with_cancel(context.background()) as ctx:  # cancelled on leaving
        ch = chan(int)
        go(numbers, ctx, ch)
        return [ch.recv() for _ in range(k)]
''',
    discussion='''\
After the k-th value, `numbers` is already waiting to send the next one. `close` wakes it
with a panic, `send on closed channel`: in Go the whole program dies. Without the
`close`, `numbers` would wait for ever instead: a leak. The fix separates the two
messages: the data flows from `numbers` to `first_n` on `ch`, and "stop" flows the other
way, on the context's `done()` channel, which `first_n` closes by cancelling. `ch` is never
closed, and need not be: an unreachable channel is garbage-collected. Giving `numbers` the
type `SendChan[int]` and `first_n` a `RecvChan[int]` would let mypy (or Go's compiler)
reject the receiver's `close` outright.''',
    checker=_check_first_n,
)


# --- chapter 10: find and fix the race (race=True) ---------------------------------------


def _race_excerpt(report: str) -> str:
    """The two accesses of a race report, on one line each: what, where, by whom."""
    out = []
    lines = report.splitlines()
    for i, ln in enumerate(lines):
        if re.match(r"(Read|Write|Previous read|Previous write) at ", ln):
            where = lines[i + 2].strip() if i + 2 < len(lines) else ""
            func = lines[i + 1].strip().removesuffix("()") if i + 1 < len(lines) else ""
            out.append(f"{ln.rstrip(':')}, at line {where.rpartition(':')[2]} of {func}")
    return "; ".join(out)


def _check_tally(ns: Mapping[str, Any]) -> str:
    (tally,) = _need(ns, "tally")
    from . import _race

    code = getattr(tally, "__code__", None)
    if code is None or _race._watched_codes(code.co_filename, tally.__globals__) is None:
        _fail("the race detector cannot see your code's source (define tally in a cell or "
              "a file, not with exec).")
    for words in (["go", "py", "go"], ["a"], [], ["x", "y", "x", "z", "x"]):
        doing = _call_text("tally", words)
        box: dict[str, Any] = {}
        err = io.StringIO()

        def main(words: list[str] = words, box: dict[str, Any] = box) -> None:
            box["value"] = tally(list(words))

        try:
            with contextlib.redirect_stderr(err):
                run(main, clock="virtual", seed=1, race=True, leaks="raise")
        except NotImplementedError as e:
            raise _not_done(e) from None
        except Fatal as e:
            reports = getattr(e, "reports", None)
            if reports:
                _fail(f"{doing} has a data race: {_race_excerpt(reports[0])}. Two goroutines "
                      f"touch the same place with nothing that orders them: hold one "
                      f"sync.Mutex around every access to it (the read too), or let one "
                      f"goroutine own it.")
            _fail(f"{doing} {_exc_text(e)}.")
        except Exception as e:
            _fail(f"{doing} {_exc_text(e)}.")
        want: dict[str, int] = {}
        for w in words:
            want[w] = want.get(w, 0) + 1
        got = box.get("value")
        if got != want:
            _fail(f"{doing} returned {_show(got)}, expected {_show(want)}.")
    return "tally counts every word, and goconc's race detector (race=True) finds no race."


_TALLY = Exercise(
    label="ex-pitfalls-find-the-race",
    chapter="10-pitfalls",
    title="Find and fix the race",
    kind="find-the-bug",
    names=("tally",),
    text=\
"""`tally(words)` counts each word with one goroutine per word. It returns the right
counts every time: in goconc `counts[word] = ... + 1` has no blocking point, so no other
goroutine runs in the middle of it. And yet the goroutines race on `counts`, as Go's
`-race` would say of the same program, and as the check says: it runs `tally` with
`race=True`. Fix `tally` so that the check finds no race and the counts stay right.""",
    starter="""\
from goconc import go, sync


def tally(words: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    wg = sync.WaitGroup()

    def count(word: str) -> None:
        counts[word] = counts.get(word, 0) + 1
        wg.done()

    for word in words:
        wg.add(1)
        go(count, word)
    wg.wait()
    return counts
""",
    hints=(
        "The check's message names the two accesses: two goroutines, the same dict, nothing "
        "between them. A dict is one place, as a Go map is: a write at any key races with an "
        "access at any other.",
        "Give `counts` a `sync.Mutex` and hold it across the whole read-and-write "
        "(`with mu:` around the line). Locking only the write leaves the read racing.",
    ),
    solution="""\
from goconc import go, sync


def tally(words: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    mu = sync.Mutex()  # guards counts
    wg = sync.WaitGroup()

    def count(word: str) -> None:
        with mu:
            counts[word] = counts.get(word, 0) + 1
        wg.done()

    for word in words:
        wg.add(1)
        go(count, word)
    wg.wait()
    return counts
""",
    discussion="""\
The mutex orders every update after the previous one (an unlock happens before the next
lock), and `wg.wait()` orders all of them before `return counts`. In Go the starter is a
real bug even when its output looks right: with several cores two goroutines can write the
map at once, and the runtime stops the program with `fatal error: concurrent map writes`.
goconc's `preempt=True` makes such interleavings happen in Python too.""",
    checker=_check_tally,
)


# --- chapter 11: takeaways ---------------------------------------------------------------


def _produce(p: _Probe, values: list[int], delay: int, *, close: bool = True) -> Any:
    """One of the checker's inputs: sends ``values``, ``delay`` apart, then closes."""
    ch = chan(int)

    def run_() -> None:
        for v in values:
            time.sleep(delay)
            ch.send(v)
        if close:
            ch.close()

    _go(p, run_)
    return ch.recv_only()


def _explain_merge(p: _Probe, gs: list[_G]) -> str:
    caller = next((g for g in gs if g.id == p.body_id), None)
    learner = [g for g in gs if g.by_learner]
    if caller is not None and caller.state == "chan receive" and not learner:
        return ("  Every input is closed and drained, and merge's goroutines have ended, but "
                "the output was never closed, so a reader's `for v in out` waits for ever. "
                "Close it once, after every forwarder has finished (a WaitGroup, and a "
                "goroutine that waits and closes).")
    if caller is not None and caller.state == "chan receive" and p.objects.get("ctx_done"):
        return ("  ctx is done, but merge's goroutines are still waiting on their inputs: "
                "every blocking operation of a forwarder (its receive and its send) needs a "
                "select with ctx.done().")
    return ""


def _check_merge(ns: Mapping[str, Any]) -> str:
    (merge,) = _need(ns, "merge")
    ms = time.Millisecond

    def scenario(p: _Probe) -> None:
        bg = context.background()
        a = _produce(p, [1, 2, 3], 10 * ms)
        b = _produce(p, [10, 20], 12 * ms)
        c = _produce(p, [], ms)
        setup = "where a sends 1, 2, 3 (10ms apart), b sends 10, 20 (12ms apart), c nothing,"
        out = p.call(f"merge(ctx, a, b, c), {setup}", merge, bg, a, b, c)
        _expect_chan(out, "merge(ctx, a, b, c)")
        doing = f"list(merge(ctx, a, b, c)), {setup}"
        got: list[Any] = p.call(doing, list, out)
        if sorted(got) != [1, 2, 3, 10, 20]:
            _fail(f"{doing} is {_show(got)}; expected every value of every input, in the "
                  f"order they arrive: [1, 10, 2, 20, 3].")
        if got != [1, 10, 2, 20, 3]:
            _fail(f"{doing} is {_show(got)}; expected the values in the order they arrive: "
                  f"[1, 10, 2, 20, 3]. Forward each input in a goroutine of its own.")
        p.no_leftovers(doing[:-1])
        zeros = _produce(p, [0, 0, 5], ms)
        doing = "list(merge(ctx, zeros)), where zeros sends 0, 0, 5,"
        got = p.call(doing, list, p.call("merge(ctx, zeros)", merge, bg, zeros))
        if got != [0, 0, 5]:
            _fail(f"{doing} is {_show(got)}: a 0 from an input is a value, not the end of the "
                  f"input. Use recv_ok to tell a closed input from a zero value.")
        got = p.call("list(merge(ctx))", list, p.call("merge(ctx)", merge, bg))
        if got != []:
            _fail(f"list(merge(ctx)), with no inputs, is {_show(got)}; expected [].")
        with context.with_timeout(bg, 25 * ms) as ctx:
            slow = _produce(p, [0, 1, 2], 10 * ms)
            silent = chan(int).recv_only()  # never sends, never closes
            setup = ("where ctx times out after 25ms, slow sends 0, 1, 2 (10ms apart) and "
                     "silent never sends nor closes,")
            out = p.call(f"merge(ctx, slow, silent), {setup}", merge, ctx, slow, silent)
            p.objects["ctx_done"] = True
            doing = f"list(merge(ctx, slow, silent)), {setup}"
            start = time.now()
            got = p.call(doing, list, out)
            if got != [0, 1]:
                _fail(f"{doing} is {_show(got)}; expected [0, 1], what arrived before ctx was "
                      f"done.")
            if time.since(start) > 26 * ms:
                _fail(f"{doing} ended only after {time.since(start)}: merge should stop, and "
                      f"close its output, when ctx is done, after 25ms.")
            p.no_leftovers(doing[:-1], time.Millisecond)
        p.objects["ctx_done"] = False
        for _ in slow:  # the checker's producer still has a value to send
            pass

    _run(scenario, explain_stuck=_explain_merge)
    return ("merge forwards every value, closes its output once, and stops when ctx is done, "
            "even if an input never closes.")


_MERGE = Exercise(
    label="ex-takeaways-merge",
    chapter="11-takeaways",
    title="merge: fan-in as a function",
    kind="write",
    names=("merge",),
    starter='''\
from goconc import RecvChan, chan, context, go, recv, recv_ok, select, send, sync


def merge(ctx: context.Context, *inputs: RecvChan[int]) -> RecvChan[int]:
    raise NotImplementedError("your merge here")
''',
    checker=_check_merge,
)


def _explain_serve(p: _Probe, gs: list[_G]) -> str:
    caller = next((g for g in gs if g.id == p.body_id), None)
    if caller is not None and caller.state == "chan receive" and any(
            g.state == "sync.WaitGroup.Wait" for g in gs):
        return ("  serve waits for results to be closed. The goroutine that closes it waits in "
                "wg.wait() for a wg.done() that never comes: an ask whose lookup raised "
                "returned without calling wg.done(). Call it on every path, in a finally.")
    return ""


def _check_serve(ns: Mapping[str, Any]) -> str:
    (serve,) = _need(ns, "serve")
    ms = time.Millisecond
    replies = ["users: ok after 10ms", "orders: ok after 30ms", "stock: ok after 80ms"]
    ok = (None, "None")
    dl = (context.DeadlineExceeded, "context deadline exceeded")
    cn = (context.Canceled, "context canceled")

    def scenario(p: _Probe) -> None:
        bg = context.background()
        cancelled, cancel = context.with_cancel(bg)
        cases: list[tuple[str, Any, int, list[str], tuple[Any, str], int]] = [
            ("serve(ctx, 1s)", bg, time.Second, replies, ok, 80),
            ("serve(ctx, 50ms)", bg, 50 * ms, replies[:2], dl, 50),
            ("serve(ctx, 5ms)", bg, 5 * ms, [], dl, 5),
            ("serve(ctx, 1s), with ctx cancelled by the caller after 20ms,", cancelled,
             time.Second, replies[:1], cn, 20),
        ]
        for doing, ctx, budget, want, (kind, err_text), at in cases:
            if ctx is cancelled:
                time.after_func(20 * ms, cancel)
            a = p.attempt(doing, serve, ctx, budget)
            got = a.value_or_fail()
            if not (isinstance(got, tuple) and len(got) == 2):
                _fail(f"{doing} returned {_show(got)}; expected a pair (replies, ctx.err()).")
            out, err = got
            right_err = err is None if kind is None else isinstance(err, kind)
            if out != want or not right_err or a.elapsed != at * ms:
                _fail(f"{doing} returned ({_show(out)}, {_show(err)}) after {a.elapsed}; "
                      f"expected ({_show(want)}, {err_text}) after {at}ms.")
            p.no_leftovers(doing.rstrip(","), time.Millisecond)

    _run(scenario, explain_stuck=_explain_serve, settle=time.Millisecond)
    return ("serve returns on time, with what arrived and why it stopped, and leaves nothing "
            "running.")


_SERVE = Exercise(
    label="ex-takeaways-every-path",
    chapter="11-takeaways",
    title="Find the bug: the postcard, rearranged",
    kind="find-the-bug",
    names=("serve",),
    text='''\
`serve(ctx, budget)` is the postcard's `handle`, rearranged a little: `ask` returns early
when its lookup is too late, and calls `wg.done()` as its last line instead of in a
`finally`. With a budget of a second it works. With 50 ms it should return the two fast
replies and `context deadline exceeded` after 50 ms, but it never returns. Run the check,
then fix `serve`. It should also stop at once, with `context canceled`, when the caller
cancels `ctx`.''',
    starter='''\
from goconc import chan, context, go, recv, select, send, sync, time


def lookup(ctx: context.Context, name: str, delay: int) -> str:
    match select(recv(time.after(delay)), recv(ctx.done())):
        case 0, _:
            return f"{name}: ok after {delay}"
        case _:
            raise ctx.err()


def serve(ctx: context.Context, budget: int) -> tuple[list[str], BaseException | None]:
    with context.with_timeout(ctx, budget) as ctx:
        results = chan(str)
        wg = sync.WaitGroup()
        for name, delay in (("users", 10), ("orders", 30), ("stock", 80)):
            wg.add(1)

            def ask(name: str = name, delay: int = delay * time.Millisecond) -> None:
                try:
                    reply = lookup(ctx, name, delay)
                except context.DeadlineExceeded:
                    return  # too late: nothing to send
                select(send(results, reply), recv(ctx.done()))
                wg.done()

            go(ask)
        go(lambda: (wg.wait(), results.close()))
        return list(results), ctx.err()
''',
    hints=(
        "The check says who waits for whom. `serve` waits for `results` to be closed; who "
        "closes it, and what is that goroutine waiting for?",
        "Every `wg.add(1)` needs exactly one `wg.done()`, on *every* path out of `ask`: the "
        "normal one, the early `return`, and an exception. That is what `finally` is for. "
        "(Catching `context.Canceled` as well is not enough: any other exception would leave "
        "the count too high again.)",
    ),
    solution='''\
from goconc import chan, context, go, recv, select, send, sync, time


def lookup(ctx: context.Context, name: str, delay: int) -> str:
    match select(recv(time.after(delay)), recv(ctx.done())):
        case 0, _:
            return f"{name}: ok after {delay}"
        case _:
            raise ctx.err()


def serve(ctx: context.Context, budget: int) -> tuple[list[str], BaseException | None]:
    with context.with_timeout(ctx, budget) as ctx:
        results = chan(str)
        wg = sync.WaitGroup()
        for name, delay in (("users", 10), ("orders", 30), ("stock", 80)):
            wg.add(1)

            def ask(name: str = name, delay: int = delay * time.Millisecond) -> None:
                try:
                    reply = lookup(ctx, name, delay)
                    select(send(results, reply), recv(ctx.done()))
                except (context.DeadlineExceeded, context.Canceled):
                    pass  # too late: nothing to send
                finally:
                    wg.done()  # on every path

            go(ask)
        go(lambda: (wg.wait(), results.close()))
        return list(results), ctx.err()
''',
    discussion='''\
When the budget ran out, `stock`'s lookup raised `context deadline exceeded`, and `ask`
returned early, past the `wg.done()` at its end. The counter stayed at 1, so the closer
waited in `wg.wait()` for ever, `results` was never closed, and `serve` waited for ever in
`list(results)`: a deadlock made of three takeaways at once. In Go, `defer wg.Done()` as
the first line of the goroutine runs on every way out; in Python, `finally` does (and
`wg.go(ask)` would count and call `done` for you). Catching `Canceled` too matters for the
caller's cancellation; the `finally` matters for every other surprise.''',
    checker=_check_serve,
)


# --- chapter 12: timers and tickers ------------------------------------------------------


def _events_at(p: _Probe, schedule: list[tuple[int, str]]) -> Any:
    """A receive-only channel that receives each name at its time, then is closed."""
    events = chan(str)

    def run() -> None:
        start = time.now()
        try:
            for at, name in schedule:
                time.sleep(at - time.since(start))
                events.send(name)
        finally:
            events.close()

    _go(p, run)
    return events.recv_only()


def _printed(p: _Probe, doing: str, fn: Callable[..., Any], *args: Any) -> tuple[list[str], int]:
    """What ``fn(*args)`` prints, line by line, and how long it took."""
    out = io.StringIO()
    start = time.now()
    with contextlib.redirect_stdout(out):
        p.call(doing, fn, *args)
    return out.getvalue().splitlines(), time.since(start)


def _explain_drain(p: _Probe, gs: list[_G]) -> str:
    if any(g.in_function("watch") and g.state == "chan receive" for g in gs):
        return ("  watch waits in a receive from t.c that nothing will ever send: the "
                "select received the timer's value (that was the idle), so t.stop() returns "
                "False, and the drain t.c.recv() blocks. Since Go 1.23 the drain is never "
                "needed: t.reset(idle) alone re-arms the timer.")
    return ""


def _check_watch(ns: Mapping[str, Any]) -> str:
    (watch,) = _need(ns, "watch")
    ms = time.Millisecond

    def show(schedule: list[tuple[int, str]], idle: int) -> str:
        evs = ", ".join(f"{name} at {_ms(at)}" for at, name in schedule) or "none"
        return f"watch(events, {_ms(idle)}) with events {evs}"

    cases: list[tuple[list[tuple[int, str]], int, list[str]]] = [
        ([(100 * ms, "a"), (200 * ms, "b"), (1000 * ms, "c"), (1100 * ms, "d")], 300 * ms,
         ["event a", "event b", "idle", "event c", "event d"]),
        ([(100 * ms, "a"), (200 * ms, "b"), (1000 * ms, "c"), (1100 * ms, "d"),
          (2000 * ms, "e")], 300 * ms,
         ["event a", "event b", "idle", "event c", "event d", "idle", "event e"]),
        ([(100 * ms, "a"), (200 * ms, "b"), (300 * ms, "c")], 300 * ms,
         ["event a", "event b", "event c"]),
        ([], 300 * ms, []),
    ]

    def scenario(p: _Probe) -> None:
        for schedule, idle, want in cases:
            doing = show(schedule, idle)
            events = _events_at(p, schedule)
            got, took = _printed(p, doing, watch, events, idle)
            if got != want:
                _fail(f"{doing} printed {_show(got)}; expected {_show(want)}. After an idle "
                      f"the timer must wait for the next event to be re-armed, and each "
                      f"event re-arms it for a full {_ms(idle)}.")
            end = schedule[-1][0] if schedule else 0
            if took > end:
                _fail(f"{doing} printed the right lines, but returned {_ms(took - end)} after "
                      f"events was closed; it should return as soon as it is closed.")

    _run(scenario, settle=time.Millisecond, explain_stuck=_explain_drain)
    return ("watch re-arms its timer with reset alone, prints every event and every idle "
            "once, and returns when events is closed.")


_WATCH = Exercise(
    label="ex-timers-drain",
    chapter="12-timers",
    title="Find the bug: the drain that waits for ever",
    kind="find-the-bug",
    names=("watch",),
    starter='''\
from goconc import RecvChan, recv, recv_ok, select, time


def watch(events: RecvChan[str], idle: time.Duration) -> None:
    t = time.new_timer(idle)
    while True:
        match select(recv_ok(events), recv(t.c)):
            case 0, (_, False):
                return
            case 0, (ev, True):
                print("event", ev)
                if not t.stop():
                    t.c.recv()  # drain the value that fired meanwhile
                t.reset(idle)
            case 1, _:
                print("idle")
''',
    checker=_check_watch,
)


def _check_token_bucket(ns: Mapping[str, Any]) -> str:
    (token_bucket,) = _need(ns, "token_bucket")
    ms = time.Millisecond

    def leak(p: _Probe, gs: list[_G]) -> str:
        return ("  Closing done must stop the goroutine that refills the bucket: select on "
                "the ticker's channel and on done, return when done is ready, and stop the "
                "ticker in a finally.")

    def take(p: _Probe, doing: str, tokens: Any, n: int) -> list[int]:
        start = time.now()
        times: list[int] = []
        for _ in range(n):
            p.call(f"{doing}: receiving a token", tokens.recv)
            times.append(time.since(start))
        return times

    def scenario(p: _Probe) -> None:
        done = chan()
        doing = "token_bucket(200ms, 3, done)"
        tokens = p.call(doing, token_bucket, 200 * ms, 3, done.recv_only())
        _expect_chan(tokens, doing)
        cap = getattr(tokens, "cap", None)
        if cap != 3:
            _fail(f"{doing} returned a channel with room for {cap} tokens; the bucket holds "
                  f"burst = 3 tokens: make it chan(datetime, burst).")
        if len(tokens) != 3:
            _fail(f"{doing} returned a bucket with {_plural(len(tokens), 'token')} in it; it "
                  f"starts full, with 3.")
        got = take(p, doing, tokens, 5)
        want = [0, 0, 0, 200 * ms, 400 * ms]
        if got != want:
            _fail(f"With {doing}, five requests got their tokens at "
                  f"{', '.join(_ms(t) for t in got)}; expected 0s, 0s, 0s, 200ms, 400ms: three "
                  f"at once (the burst), then one per 200ms.")
        p.doing = f"{doing}, after 1s without requests"
        time.sleep(time.Second)
        if len(tokens) != 3:
            _fail(f"{p.doing}, the bucket holds {_plural(len(tokens), 'token')}; it should be "
                  f"full again, with 3, and never hold more.")
        got = take(p, doing, tokens, 5)
        if got != want:
            _fail(f"With {doing}, after a pause of 1s five requests got their tokens at "
                  f"{', '.join(_ms(t) for t in got)}; expected 0s, 0s, 0s, 200ms, 400ms again. "
                  f"A full bucket holds 3 tokens and no more: a token made while it is full "
                  f"is dropped (a select with a send case and default), not kept waiting.")
        done.close()
        p.no_leftovers(f"{doing}, then done.close(),", 500 * ms, explain=leak)

    _run(scenario, settle=time.Millisecond, explain_leak=leak)
    return ("token_bucket starts full, lets a burst of 3 through, refills one token per "
            "period up to the burst, and stops when done is closed.")


_TOKEN_BUCKET = Exercise(
    label="ex-timers-bucket",
    chapter="12-timers",
    title="A token bucket",
    kind="write",
    names=("token_bucket",),
    starter='''\
from datetime import datetime

from goconc import RecvChan, chan, default, go, recv, select, send, time


def token_bucket(every: time.Duration, burst: int, done: RecvChan[None]) -> RecvChan[datetime]:
    raise NotImplementedError("your token_bucket here")
''',
    checker=_check_token_bucket,
)


# --- chapter 13: errgroup, semaphores and worker pools -----------------------------------


def _fetch_page(ctx: Any, url: str) -> str:
    """The chapter's fetch: 10ms per character of the URL, or the context's error."""
    match select(recv(time.after(len(url) * 10 * time.Millisecond)), recv(ctx.done())):
        case 0, _:
            return "<" + url + ">"
        case _:
            raise ctx.err()


def _save_pages(ctx: Any, pages: list[str]) -> str:
    """The chapter's save: 50ms, or the context's error."""
    match select(recv(time.after(50 * time.Millisecond)), recv(ctx.done())):
        case 0, _:
            return "saved " + " ".join(pages)
        case _:
            raise ctx.err()


def _check_fetch_and_save(ns: Mapping[str, Any]) -> str:
    (fetch_and_save,) = _need(ns, "fetch_and_save")
    ms = time.Millisecond
    seen: list[Any] = []

    def save(ctx: Any, pages: list[str]) -> str:
        seen.append(ctx)
        return _save_pages(ctx, pages)

    def failing_fetch(ctx: Any, url: str) -> str:
        if url == "bad":
            time.sleep(5 * ms)
            raise ValueError("fetch bad: 404")
        return _fetch_page(ctx, url)

    fas = _with_globals(fetch_and_save, fetch=_fetch_page, save=save)
    fas_bad = _with_globals(fetch_and_save, fetch=failing_fetch, save=save)

    def scenario(p: _Probe) -> None:
        bg = context.background()
        doing = "fetch_and_save(ctx, ['a', 'bb', 'ccc'])"
        a = p.attempt(doing, fas, bg, ["a", "bb", "ccc"])
        if isinstance(a.exc, context.Canceled):
            given = seen[-1] if seen else None
            why = (" save was given the group's context, which errgroup cancels when wait "
                   "returns, even when every function succeeded; give save the caller's ctx "
                   "(and the group's context a name of its own, such as gctx)."
                   if given is not None and given is not bg else "")
            _fail(f"{doing} raised context canceled after {a.elapsed}, though every fetch "
                  f"succeeded.{why}")
        got = a.value_or_fail()
        want = "saved <a> <bb> <ccc>"
        if got != want or a.elapsed != 80 * ms:
            _fail(f"{doing} returned {_show(got)} after {a.elapsed}; expected {want!r} after "
                  f"80ms: the fetches in parallel (30ms, the longest), then the save (50ms).")
        doing = "fetch_and_save(ctx, ['a', 'bad', 'cccccccccc']), where fetching 'bad' fails"
        a = p.attempt(doing, fas_bad, bg, ["a", "bad", "cccccccccc"])
        if a.exc is None or str(a.exc) != "fetch bad: 404":
            _fail(f"{doing} {'returned ' + _show(a.value) if a.exc is None else _exc_text(a.exc)}"
                  f" after {a.elapsed}; expected it to raise the fetch's error, "
                  f"ValueError('fetch bad: 404').")
        if a.elapsed != 5 * ms:
            _fail(f"{doing} raised the fetch's error, but after {a.elapsed}, not 5ms: the "
                  f"fetches must share the group's context, so that the first error cancels "
                  f"the others.")

    _run(scenario)
    return ("fetch_and_save fetches with the group's context and saves with the caller's, "
            "which wait does not cancel.")


_FETCH_AND_SAVE = Exercise(
    label="ex-errgroup-ctx-after-wait",
    chapter="13-errgroup",
    title="Find the bug: a context used after wait",
    kind="find-the-bug",
    names=("fetch_and_save",),
    starter='''\
from goconc import context, errgroup, recv, select, time


def fetch(ctx: context.Context, url: str) -> str:
    """Fetch a page: 10 ms per character of the URL, or the context's error."""
    match select(recv(time.after(len(url) * 10 * time.Millisecond)), recv(ctx.done())):
        case 0, _:
            return "<" + url + ">"
        case _:
            raise ctx.err()


def save(ctx: context.Context, pages: list[str]) -> str:
    """Save the pages: 50 ms, or the context's error."""
    match select(recv(time.after(50 * time.Millisecond)), recv(ctx.done())):
        case 0, _:
            return "saved " + " ".join(pages)
        case _:
            raise ctx.err()


def fetch_and_save(ctx: context.Context, urls: list[str]) -> str:
    g, ctx = errgroup.with_context(ctx)
    pages = [""] * len(urls)

    def get(i: int, url: str) -> None:
        pages[i] = fetch(ctx, url)

    for i, url in enumerate(urls):
        g.go(get, i, url)
    g.wait()
    return save(ctx, pages)
''',
    checker=_check_fetch_and_save,
)


def _check_map_limited(ns: Mapping[str, Any]) -> str:
    (map_limited,) = _need(ns, "map_limited")
    ms = time.Millisecond

    def scenario(p: _Probe) -> None:
        bg = context.background()
        running = [0, 0]  # now, most at once
        cancelled: list[str] = []

        def f(ctx: Any, item: str) -> str:
            running[0] += 1
            running[1] = max(running)
            try:
                if item.startswith("bad"):
                    time.sleep(len(item) * 10 * ms)
                    raise ValueError(f"{item}: bad input")
                try:
                    return _fetch_page(ctx, item)
                except (context.Canceled, context.DeadlineExceeded):
                    cancelled.append(item)
                    raise
            finally:
                running[0] -= 1

        for items, limit, took in ((["a", "bb", "ccc", "d"], 2, 40 * ms),
                                   (["a", "bb", "ccc", "d"], 1, 70 * ms),
                                   (["dd", "c", "b", "a"], 4, 20 * ms), ([], 2, 0)):
            running[1] = 0
            doing = f"map_limited(ctx, {_show(items)}, {limit}, fetch)"
            a = p.attempt(doing, map_limited, bg, list(items), limit, f)
            got = a.value_or_fail()
            _expect_list(got, doing)
            want = ["<" + i + ">" for i in items]
            if got != want:
                _fail(f"{doing} returned {_show(got)}; expected {_show(want)}, the results in "
                      f"the order of the items.")
            if running[1] > limit:
                _fail(f"{doing} ran {running[1]} calls at once; at most {limit} may run at once "
                      f"(g.set_limit(limit) before the first g.go).")
            if a.elapsed != took:
                _fail(f"{doing} returned after {a.elapsed}; with {limit} calls at a time it "
                      f"takes {_ms(took)}: start the next call as soon as one is done.")
        doing = "map_limited(ctx, ['bad', 'cccccccccc', 'dddddddddd'], 3, f), where f('bad') fails"
        a = p.attempt(doing, map_limited, bg, ["bad", "cccccccccc", "dddddddddd"], 3, f)
        if a.exc is None or str(a.exc) != "bad: bad input":
            _fail(f"{doing} {'returned ' + _show(a.value) if a.exc is None else _exc_text(a.exc)}"
                  f"; expected it to raise the first error, ValueError('bad: bad input').")
        if a.elapsed != 30 * ms or sorted(cancelled) != ["cccccccccc", "dddddddddd"]:
            _fail(f"{doing} raised the first error after {a.elapsed}; the other calls should "
                  f"see their context cancelled at 30ms and stop, which they do when they are "
                  f"given the group's context (errgroup.with_context).")

    _run(scenario)
    return ("map_limited keeps the order, runs at most limit calls at once, and the first "
            "error cancels the rest.")


_MAP_LIMITED = Exercise(
    label="ex-errgroup-map-limited",
    chapter="13-errgroup",
    title="map_limited",
    kind="write",
    names=("map_limited",),
    starter='''\
from collections.abc import Callable
from typing import Any

from goconc import context, errgroup


def map_limited(ctx: context.Context, items: list[Any], limit: int,
                f: Callable[[context.Context, Any], Any]) -> list[Any]:
    raise NotImplementedError("your map_limited here")
''',
    checker=_check_map_limited,
)


# --- chapter 14: pipelines and cancellation ----------------------------------------------


def _explain_merge2(p: _Probe, gs: list[_G]) -> str:
    caller = next((g for g in gs if g.id == p.body_id), None)
    learner = [g for g in gs if g.by_learner]
    if caller is not None and caller.state == "chan receive" and not learner:
        return ("  Both inputs are closed and merge2's goroutine has returned, but the output "
                "was never closed, so a reader's `for v in out` waits for ever: close it in a "
                "finally.")
    if p.objects.get("ctx_done"):
        return ("  ctx is done, but merge2 is still waiting: its select needs a third case, "
                "recv(ctx.done()), and its send must be a select with ctx.done() too.")
    return ""


def _check_merge2(ns: Mapping[str, Any]) -> str:
    (merge2,) = _need(ns, "merge2")
    ms = time.Millisecond

    def merged(p: _Probe, doing: str, ctx: Any, a: Any, b: Any) -> tuple[list[Any], int]:
        first = p.next_id()
        out = p.call(f"merge2(ctx, a, b), {doing}", merge2, ctx, a, b)
        started = p.next_id() - first - 1
        _expect_chan(out, "merge2(ctx, a, b)")
        got: list[Any] = p.call(f"list(merge2(ctx, a, b)), {doing}", list, out)
        return got, started

    def scenario(p: _Probe) -> None:
        bg = context.background()
        setup = "where a sends 1, 2, 3 (10ms apart) and b sends 10, 20 (12ms apart),"
        got, started = merged(p, setup, bg, _produce(p, [1, 2, 3], 10 * ms),
                              _produce(p, [10, 20], 12 * ms))
        doing = f"list(merge2(ctx, a, b)), {setup}"
        if sorted(got) == [1, 2, 10, 20]:
            _fail(f"{doing} is {_show(got)}: 3 is missing. b is closed (at 24ms) before a "
                  f"sends 3 (at 30ms): a closed input must switch its own case off "
                  f"(set it to None), not end the loop; stop when both are None.")
        if sorted(got) != [1, 2, 3, 10, 20]:
            _fail(f"{doing} is {_show(got)}; expected every value of both inputs, in the order "
                  f"they arrive: [1, 10, 2, 20, 3].")
        if got != [1, 10, 2, 20, 3]:
            _fail(f"{doing} is {_show(got)}; expected the values in the order they arrive: "
                  f"[1, 10, 2, 20, 3]. Wait for both inputs at once, with one select.")
        if started != 1:
            _fail(f"{doing} is right, but merge2 started {_plural(started, 'goroutine')}: the "
                  f"exercise asks for one goroutine, whose select waits on both inputs.")
        p.no_leftovers(doing[:-1])
        setup = "where a sends 0, 0, 5 and b is closed at once,"
        got, _ = merged(p, setup, bg, _produce(p, [0, 0, 5], ms), _produce(p, [], ms))
        if got != [0, 0, 5]:
            _fail(f"list(merge2(ctx, a, b)), {setup} is {_show(got)}; expected [0, 0, 5]: a 0 "
                  f"is a value, not the end of an input. recv_ok tells them apart.")
        with context.with_timeout(bg, 25 * ms) as ctx:
            slow = _produce(p, [0, 1, 2], 10 * ms)
            silent = chan(int).recv_only()  # never sends, never closes
            setup = ("where ctx times out after 25ms, a sends 0, 1, 2 (10ms apart) and b "
                     "never sends nor closes,")
            p.objects["ctx_done"] = True
            start = time.now()
            got, _ = merged(p, setup, ctx, slow, silent)
            if got != [0, 1]:
                _fail(f"list(merge2(ctx, a, b)), {setup} is {_show(got)}; expected [0, 1], "
                      f"what arrived before ctx was done.")
            if time.since(start) > 26 * ms:
                _fail(f"list(merge2(ctx, a, b)), {setup} ended only after "
                      f"{time.since(start)}: merge2 should stop, and close its output, when "
                      f"ctx is done, after 25ms.")
            p.no_leftovers("merge2(ctx, a, b), " + setup[:-1], time.Millisecond)
        p.objects["ctx_done"] = False
        for _ in slow:  # the checker's producer still has a value to send
            pass

    _run(scenario, explain_stuck=_explain_merge2)
    return ("merge2 forwards both inputs in one goroutine, switches a closed input off, and "
            "stops when ctx is done.")


_MERGE2 = Exercise(
    label="ex-pipelines-merge2",
    chapter="14-pipelines",
    title="merge2: one goroutine, two inputs",
    kind="write",
    names=("merge2",),
    starter='''\
from goconc import RecvChan, chan, context, go, recv, recv_ok, select, send


def merge2(ctx: context.Context, a: RecvChan[int], b: RecvChan[int]) -> RecvChan[int]:
    raise NotImplementedError("your merge2 here")
''',
    checker=_check_merge2,
)


def _explain_first_over(p: _Probe, gs: list[_G]) -> str:
    caller = next((g for g in gs if g.id == p.body_id), None)
    if caller is not None and caller.state == "chan send":
        return ("  first_over waits to send on done, but every stage has already returned: "
                "nobody will ever receive that value. A close never blocks, and a closed "
                "channel is ready for every receiver, however many there are.")
    return ""


def _explain_first_over_leak(p: _Probe, gs: list[_G]) -> str:
    return ("  Every stage that still waits to send must be told to stop, and a value sent "
            "on done reaches one goroutine only. Close done instead (in a finally, so that "
            "every return closes it): a closed channel is ready for every receiver at once.")


def _check_first_over(ns: Mapping[str, Any]) -> str:
    (first_over,) = _need(ns, "first_over")
    cases: list[tuple[int, tuple[int, ...], int]] = [
        (100, (4, 5, 6, 7), 256),
        (100, (1, 2, 4), 256),
        (100, (1, 2, 3, 4, 5), 256),
        (0, (3,), 81),
        (1000, (1, 2, 3), -1),
        (100, (5, 1, 2, 3, 4, 6, 7, 8, 9), 625),
        (100, (), -1),
    ]

    def scenario(p: _Probe) -> None:
        for limit, nums, want in cases:
            doing = _call_text("first_over", limit, *nums)
            got = p.call(doing, first_over, limit, *nums)
            p.no_leftovers(doing, time.Millisecond, explain=_explain_first_over_leak)
            if got != want:
                _fail(f"{doing} returned {_show(got)}, expected {want}.")

    _run(scenario, settle=time.Millisecond, explain_stuck=_explain_first_over)
    return ("first_over stops every stage with one close of done, however many are waiting, "
            "and whether or not they have finished.")


_FIRST_OVER = Exercise(
    label="ex-pipelines-done",
    chapter="14-pipelines",
    title="Find the bug: one value on done",
    kind="find-the-bug",
    names=("first_over",),
    text='''\
`first_over(limit, *nums)` raises the numbers to the fourth power in a pipeline of three
stages, `gen`, `sq` and `sq` again, and returns the first result larger than `limit` (or
-1 if there is none). Every stage takes a `done` channel, as in the blog post's first
attempt at cancellation: when `first_over` has its answer, it sends a value on `done` to
tell the stages to stop. `first_over(100, 4, 5, 6, 7)` returns 256, but leaves a
goroutine behind, and `first_over(100, 1, 2, 4)` never returns. Fix `first_over`, so that
it returns the right number and stops every stage, whatever the numbers.''',
    starter='''\
from goconc import RecvChan, chan, go, recv, select, send


def gen(done: RecvChan[None], *nums: int) -> RecvChan[int]:
    out = chan(int)

    def run() -> None:
        try:
            for n in nums:
                if select(send(out, n), recv(done))[0] == 1:
                    return
        finally:
            out.close()

    go(run)
    return out.recv_only()


def sq(done: RecvChan[None], inp: RecvChan[int]) -> RecvChan[int]:
    out = chan(int)

    def run() -> None:
        try:
            for n in inp:
                if select(send(out, n * n), recv(done))[0] == 1:
                    return
        finally:
            out.close()

    go(run)
    return out.recv_only()


def first_over(limit: int, *nums: int) -> int:
    done = chan(None)
    for n in sq(done, sq(done, gen(done, *nums))):
        if n > limit:
            done.send(None)  # tell the stages to stop
            return n
    return -1
''',
    hints=(
        "How many goroutines receive one value sent on `done`? How many stages may be "
        "waiting to send when `first_over` has its answer, and how many when the numbers "
        "have just run out? Read what the check says about the two calls with that in mind.",
        "The blog post's answer: \"closing a channel ... is effectively a broadcast signal to "
        "the senders\". A receive from a closed channel is ready at once, for every receiver. "
        "Close `done` in a `finally`, so that every way out of `first_over` closes it.",
    ),
    solution='''\
from goconc import RecvChan, chan, go, recv, select, send


def gen(done: RecvChan[None], *nums: int) -> RecvChan[int]:
    out = chan(int)

    def run() -> None:
        try:
            for n in nums:
                if select(send(out, n), recv(done))[0] == 1:
                    return
        finally:
            out.close()

    go(run)
    return out.recv_only()


def sq(done: RecvChan[None], inp: RecvChan[int]) -> RecvChan[int]:
    out = chan(int)

    def run() -> None:
        try:
            for n in inp:
                if select(send(out, n * n), recv(done))[0] == 1:
                    return
        finally:
            out.close()

    go(run)
    return out.recv_only()


def first_over(limit: int, *nums: int) -> int:
    done = chan(None)
    try:
        for n in sq(done, sq(done, gen(done, *nums))):
            if n > limit:
                return n
        return -1
    finally:
        done.close()  # a broadcast: every stage that waits, or will, stops
''',
    discussion='''\
With `4, 5, 6, 7`, when 256 arrives more than one stage is waiting to send its next
value. The one value on `done` releases one of them; another waits for ever, a leak. With
`1, 2, 4`, 256 is the last value: every stage has returned by then, nobody will ever
receive from `done`, and `first_over` blocks on its own send, a deadlock. The number of
values to send depends on how many senders are blocked at that moment, which the receiver
cannot know: "keeping track of these counts is tedious and error-prone", says the blog
post. A close needs no count: it never blocks, and every
receive from a closed channel, now or later, is ready at once. Putting it in a `finally`
(Go's `defer close(done)`) also covers the `return -1` and any exception.''',
    checker=_check_first_over,
)


# --- chapter 15: the sync toolbox -------------------------------------------------------


def _check_barrier(ns: Mapping[str, Any]) -> str:
    (barrier_cls,) = _need(ns, "Barrier")
    ms = time.Millisecond

    def arrive(p: _Probe, b: Any, n: int, delays: list[int]) -> tuple[list[int], int]:
        """Goroutines call b.wait() after each delay; the times they return (in ms, in
        the order they return), and how many are still waiting a second later."""
        back = chan(int, len(delays))
        start = time.now()

        def caller(d: int) -> None:
            time.sleep(d * ms)
            p.call(f"b.wait(), with b = Barrier({n}),", b.wait)
            back.send(time.since(start) // ms)

        for d in delays:
            _go(p, caller, d)
        times: list[int] = []
        deadline = time.after(time.Second + max(delays, default=0) * ms)
        while len(times) < len(delays):
            match select(recv(back), recv(deadline)):
                case 0, t:
                    times.append(t)
                case _:
                    break
        return times, len(delays) - len(times)

    def scenario(p: _Probe) -> None:
        b = p.call("Barrier(3)", barrier_cls, 3)
        times, left = arrive(p, b, 3, [10, 20, 30])
        setup = "Barrier(3), with three goroutines calling wait() at 10ms, 20ms and 30ms,"
        if left and times:
            _fail(f"{setup} let only {_plural(len(times), 'goroutine')} return (at "
                  f"{', '.join(f'{t}ms' for t in times)}); {left} still "
                  f"{'waits' if left == 1 else 'wait'} in wait() a second later. signal() "
                  f"wakes one waiter; broadcast() wakes them all.")
        if left:
            _fail(f"{setup} let none of them return: the last one to arrive must wake the "
                  f"others (broadcast()), and must not wait itself.")
        if times != [30, 30, 30]:
            _fail(f"{setup} let them return at {', '.join(f'{t}ms' for t in times)}; "
                  f"expected all three at 30ms, when the last one arrives. wait() must block "
                  f"(cond.wait() in a loop) until the count reaches n.")
        b = p.call("Barrier(1)", barrier_cls, 1)
        times, left = arrive(p, b, 1, [5])
        if times != [5]:
            _fail(f"Barrier(1): a goroutine calling wait() at 5ms returned at {times}; "
                  f"expected at once, at 5ms: it is the last (and only) one.")
        b = p.call("Barrier(5)", barrier_cls, 5)
        times, left = arrive(p, b, 5, [0, 0, 0, 0, 0])
        if times != [0] * 5:
            _fail(f"Barrier(5), with five goroutines calling wait() at the same moment, let "
                  f"{_plural(len(times), 'goroutine')} return; expected all five at once.")
        b = p.call("Barrier(3)", barrier_cls, 3)
        times, left = arrive(p, b, 3, [10, 20])
        if times:
            _fail(f"Barrier(3), with only two goroutines calling wait(), let "
                  f"{_plural(len(times), 'goroutine')} return at "
                  f"{', '.join(f'{t}ms' for t in times)}: nobody may return before the "
                  f"third arrives.")
        times, left = arrive(p, b, 3, [0])
        if left:
            _fail("Barrier(3): when the third goroutine arrived, after two had waited for a "
                  f"second, {_plural(left, 'goroutine')} still did not return.")

    _run(scenario)
    return ("Barrier.wait() holds every goroutine until the n-th arrives, then releases them "
            "all at once.")


_BARRIER = Exercise(
    label="ex-sync-barrier",
    chapter="15-sync-toolbox",
    title="A barrier with sync.Cond",
    kind="write",
    names=("Barrier",),
    starter='''\
from goconc import sync


class Barrier:
    """wait() blocks until n goroutines have called it; then all of them return."""

    def __init__(self, n: int) -> None:
        raise NotImplementedError("your Barrier here")

    def wait(self) -> None:
        raise NotImplementedError("your Barrier here")
''',
    checker=_check_barrier,
)


class _SlowMutex(sync.Mutex):
    """The checker's account lock: locking it takes 1 ms, as a lock on a database row
    would, so two transfers really do run at the same time between their two locks."""

    __slots__ = ()

    def lock(self) -> None:
        super().lock()
        time.sleep(time.Millisecond)

    def __enter__(self) -> _SlowMutex:
        self.lock()
        return self


class _Account:
    """The checker's account: its balance may change only while its lock is held."""

    def __init__(self, id: int, balance: int) -> None:
        self.id = id
        self.mu = _SlowMutex()
        self._balance = balance

    @property
    def balance(self) -> int:
        return self._balance

    @balance.setter
    def balance(self, v: int) -> None:
        if self.mu.try_lock():
            self.mu.unlock()
            _fail(f"account {self.id}'s balance changed while its lock was not held: a "
                  f"transfer must hold both accounts' locks while it changes them.")
        self._balance = v

    def __repr__(self) -> str:
        return f"Account({self.id}, {self._balance})"


def _explain_transfer(p: _Probe, gs: list[_G]) -> str:
    if p.objects.get("self"):
        return ("  transfer(a, a, 5) locks a.mu and then waits to lock a.mu again: a Go "
                "Mutex (and goconc's) is not reentrant, so a goroutine that locks a mutex it "
                "already holds waits for ever. A transfer to the same account moves nothing: "
                "return before locking anything.")
    return ("  Each transfer holds one account's lock and waits for the other's, which the "
            "other transfer holds (AB/BA): lock the two accounts in the same order in every "
            "transfer, whatever the direction (for example the lower id first).")


def _check_transfer(ns: Mapping[str, Any]) -> str:
    (transfer,) = _need(ns, "transfer")

    def together(p: _Probe, doing: str, *moves: tuple[_Account, _Account, int]) -> None:
        done = chan(bool, len(moves))

        def move(src: _Account, dst: _Account, amount: int) -> None:
            p.call(doing, transfer, src, dst, amount)
            done.send(True)

        for m in moves:
            _go(p, move, *m)
        p.doing = doing
        for _ in moves:
            done.recv()

    def scenario(p: _Probe) -> None:
        a, b, c = _Account(1, 100), _Account(2, 100), _Account(3, 100)
        p.call("transfer(a, b, 10)", transfer, a, b, 10)
        if (a.balance, b.balance) != (90, 110):
            _fail(f"after transfer(a, b, 10) from 100 and 100, the balances are "
                  f"{a.balance} and {b.balance}; expected 90 and 110.")
        together(p, "running transfer(a, b, 10) and transfer(b, a, 20) at the same time",
                 (a, b, 10), (b, a, 20))
        if (a.balance, b.balance) != (100, 100):
            _fail(f"after transfer(a, b, 10) and transfer(b, a, 20), the balances are "
                  f"{a.balance} and {b.balance}; expected 100 and 100.")
        together(p, "running transfer(a, b, 1), transfer(b, c, 1) and transfer(c, a, 1) at "
                    "the same time", (a, b, 1), (b, c, 1), (c, a, 1))
        p.objects["self"] = True
        p.call("transfer(a, a, 5)", transfer, a, a, 5)
        p.objects["self"] = False
        if a.balance != 100:
            _fail(f"after transfer(a, a, 5), a's balance is {a.balance}; expected 100: "
                  f"nothing moves.")

    _run(scenario, explain_stuck=_explain_transfer)
    return ("transfer takes the two locks in one order for every transfer, so transfers in "
            "opposite directions cannot deadlock, and a transfer to the same account works.")


_TRANSFER = Exercise(
    label="ex-sync-lock-order",
    chapter="15-sync-toolbox",
    title="Find the bug: two transfers at once",
    kind="find-the-bug",
    names=("transfer",),
    text='''\
`transfer(src, dst, amount)` moves money between two accounts. Each account has its own
mutex, and a transfer holds both while it changes the balances. Alone, a transfer works.
When a transfer from `a` to `b` and one from `b` to `a` run at the same time, both wait for
ever (the check's accounts take 1 ms to lock, as a database row would, so the two
transfers really do overlap). Fix `transfer` so that any transfers can run at the same
time. A transfer from an account to itself must work too, and move nothing.''',
    starter='''\
from goconc import sync


class Account:
    def __init__(self, id: int, balance: int) -> None:
        self.id = id
        self.balance = balance
        self.mu = sync.Mutex()


def transfer(src: Account, dst: Account, amount: int) -> None:
    with src.mu:
        with dst.mu:
            src.balance -= amount
            dst.balance += amount
''',
    hints=(
        "Run the check and read who holds what: each transfer has taken its first lock and "
        "waits for its second. Which lock does each one take first?",
        "Pick one order for all locks (the lower `id` first) and take them in that order, "
        "whatever the direction of the transfer. Then think about `transfer(a, a, 5)`: what "
        "happens when a goroutine locks a `Mutex` it already holds?",
    ),
    solution='''\
from goconc import sync


class Account:
    def __init__(self, id: int, balance: int) -> None:
        self.id = id
        self.balance = balance
        self.mu = sync.Mutex()


def transfer(src: Account, dst: Account, amount: int) -> None:
    if src is dst:
        return  # nothing moves; and locking src.mu twice would wait for ever
    first, second = (src, dst) if src.id < dst.id else (dst, src)
    with first.mu:
        with second.mu:
            src.balance -= amount
            dst.balance += amount
''',
    discussion='''\
`transfer(a, b, 10)` locks `a` then `b`; `transfer(b, a, 20)` locks `b` then `a`. If each
gets its first lock before the other's second, each waits for the lock the other holds,
and neither will let go: the AB/BA deadlock. Go's runtime reports a deadlock only when
every goroutine is blocked; in a server, where other goroutines still run, the two
transfers would hang silently. One global order (here, by id) makes a cycle of waiting
impossible: whoever holds the lower lock can always get the higher one. The same-account
case needs its own line, because `sync.Mutex` is not reentrant: the second `with` on the
same mutex would wait for the first to be released, by the same goroutine, for ever.''',
    checker=_check_transfer,
)


# --- chapter 16: testing concurrent code ------------------------------------------------


#: The debounces a learner's test is run against: the right one, and one per bug a good
#: test catches (what it does wrong, and what a test must check to see it).
_DEBOUNCE_BUGS = {
    "at-once": ("forwards every value at once, without waiting for the input to be quiet",
                "check that nothing comes out before the input has been quiet for d (a "
                "select with a default, after wait())"),
    "first": ("sends the first value of a burst instead of the last",
              "send two values or more in one burst, and check which one comes out"),
    "no-reset": ("starts its timer at the first value of a burst and never restarts it, so "
                 "it sends d after the burst began, not d after it ended",
                 "space the values of a burst out (a time.sleep between two sends) and check "
                 "when the value comes out, with time.since"),
    "loses-last": ("drops the value still waiting when the input is closed",
                   "close the input while a value is waiting, and check that it still comes "
                   "out"),
    "never-closes": ("never closes its output",
                     "check that the output is closed at the end (recv_ok() gives ok False); "
                     "a test that waits for ever fails too, as synctest.Test fails on a "
                     "deadlock"),
}


def _debouncer(bug: str | None, alive: list[int]) -> Callable[..., Any]:
    """chapter 16's debounce, right (``bug`` None) or with one of ``_DEBOUNCE_BUGS``;
    ``alive[0]`` counts its goroutines that have not returned."""

    def debounce(inp: Any, d: time.Duration) -> Any:
        out: Any = chan(str)

        def run_() -> None:
            alive[0] += 1
            try:
                last, waiting = "", False
                quiet = time.new_timer(d)
                quiet.stop()
                while True:
                    match select(recv_ok(inp), recv(quiet.c)):
                        case 0, (_, False):
                            if waiting and bug != "loses-last":
                                out.send(last)
                            return
                        case 0, (v, True):
                            if bug == "at-once":
                                out.send(v)
                                continue
                            if not (bug == "first" and waiting):
                                last = v
                            if not (bug == "no-reset" and waiting):
                                quiet.reset(d)
                            waiting = True
                        case _:
                            out.send(last)
                            waiting = False
            finally:
                alive[0] -= 1
                if bug != "never-closes":
                    out.close()

        go(run_)
        return out.recv_only()

    return debounce


def _check_debounce_test(ns: Mapping[str, Any]) -> str:
    (debounce_test,) = _need(ns, "debounce_test")

    def against(bug: str | None) -> tuple[_Attempt, int]:
        alive = [0]
        what = "a correct debounce" if bug is None else "a wrong debounce"
        doing = f"debounce_test(debounce), with {what},"

        def scenario(p: _Probe) -> tuple[_Attempt, int]:
            a = p.attempt(doing, debounce_test, _debouncer(bug, alive))
            time.sleep(time.Second)  # let a debounce that is ending end
            return a, alive[0]  # before the end of the program unwinds what is left

        return _run(scenario, settle=None)

    a, left = against(None)
    if a.exc is not None:
        _fail(f"Your test fails a correct debounce: it {_exc_text(a.exc)}{_where(a.exc)}. "
              f"Check what chapter 16's debounce does: the last value of a burst, d after "
              f"the last send; on close, the value still waiting, then the output closed.")
    if left:
        _fail("Your test passes a correct debounce, but leaves its goroutine blocked when it "
              "returns (leaked): close the input at the end of the test. synctest.Test "
              "fails such a test (\"blocked goroutines remain\"), and so does "
              "goconc.run(..., leaks=\"raise\").")
    for bug, (does, how) in _DEBOUNCE_BUGS.items():
        try:
            a, _ = against(bug)
        except _NotDone:
            raise
        except _Fail:
            continue  # it deadlocked or crashed: a failing test, as synctest.Test's
        if a.exc is None:
            _fail(f"Your test passes a debounce that {does}: a test that cannot fail it "
                  f"does not test debounce. To catch it, {how}.")
    return (f"your test passes the right debounce, leaves nothing running, and fails all "
            f"{len(_DEBOUNCE_BUGS)} wrong ones.")


_DEBOUNCE_TEST = Exercise(
    label="ex-testing-debounce-test",
    chapter="16-testing",
    title="A test that catches every wrong debounce",
    kind="write",
    names=("debounce_test",),
    starter='''\
from goconc import chan, default, recv, runtime, select, time


def wait() -> None:
    """synctest.Wait: return once every other goroutine is blocked."""
    while sum(g.waitreason is None for g in runtime.goroutines()) > 1:
        runtime.gosched()


def debounce_test(debounce) -> None:
    """Raise AssertionError if debounce is wrong; return if it is right."""
    raise NotImplementedError("your test here")
''',
    checker=_check_debounce_test,
)


def _replica_query(name: str, delay: time.Duration) -> str:
    time.sleep(delay)
    return f"reply from {name}"


def _explain_first_leak(p: _Probe, gs: list[_G]) -> str:
    if any(g.state == "chan send" for g in gs):
        return ("  The replicas that answer after the first block for ever in their send: "
                "nobody receives from replies again. Give every reply a place to go (a "
                "buffer for all of them), or a way out (a select with a done channel that "
                "first closes).")
    return ""


def _check_first_replica(ns: Mapping[str, Any]) -> str:
    (first,) = _need(ns, "first")
    ms = time.Millisecond

    def scenario(p: _Probe) -> None:
        cases = [
            ({"a": 30 * ms, "b": 10 * ms, "c": 20 * ms}, "reply from b", 10 * ms),
            ({"a": 5 * ms}, "reply from a", 5 * ms),
            ({"x": 40 * ms, "y": 30 * ms}, "reply from y", 30 * ms),
        ]
        for replicas, want, at in cases:
            shown = "{" + ", ".join(f"{k!r}: {time.Duration(v)}" for k, v in replicas.items()) + "}"
            doing = f"first({shown})"
            a = p.attempt(doing, _with_globals(first, query=_replica_query), replicas)
            got = a.value_or_fail()
            if got != want:
                _fail(f"{doing} returned {_show(got)}; expected {want!r}, the fastest reply.")
            if a.elapsed != at:
                _fail(f"{doing} returned after {a.elapsed}; expected {time.Duration(at)}, "
                      f"as soon as the fastest replica answers.")
            p.no_leftovers(doing, time.Second, explain=_explain_first_leak)

    _run(scenario, settle=None)
    return ("first returns the fastest reply at once, and every other replica's goroutine "
            "ends: nothing leaks.")


_FIRST_REPLICA = Exercise(
    label="ex-testing-leak",
    chapter="16-testing",
    title="Find the bug: the test passes, the leak check does not",
    kind="find-the-bug",
    names=("first",),
    text='''\
`first(replicas)` asks every replica at once and returns the first reply: this is the
program of the goroutine leak profile above, in Python. Its test passes, since
`first({"a": 30ms, "b": 10ms, "c": 20ms})` returns `"reply from b"` after 10 ms. But the
leak check of this chapter (a goroutine count, goleak, synctest.Test, or
`goconc.run(..., leaks="raise")`) fails it. Run the check, then fix `first` so that it
still returns the fastest reply at once, and leaves no goroutine behind.''',
    starter='''\
from goconc import chan, go, time


def query(name: str, delay: time.Duration) -> str:
    time.sleep(delay)
    return f"reply from {name}"


def first(replicas: dict[str, time.Duration]) -> str:
    replies = chan(str)
    for name, delay in replicas.items():
        go(lambda name=name, delay=delay: replies.send(query(name, delay)))
    return replies.recv()
''',
    hints=(
        "The check lists the goroutines still there a second after `first` returned. Where "
        "is each one blocked, and who could ever receive what it is sending?",
        "A channel with room for every reply (`chan(str, len(replicas))`) lets every "
        "sender finish whether anyone receives or not. Waiting for every reply would fix "
        "the leak too, but then `first` is as slow as the slowest replica.",
    ),
    solution='''\
from goconc import chan, go, time


def query(name: str, delay: time.Duration) -> str:
    time.sleep(delay)
    return f"reply from {name}"


def first(replicas: dict[str, time.Duration]) -> str:
    replies = chan(str, len(replicas))  # room for every reply: no sender waits
    for name, delay in replicas.items():
        go(lambda name=name, delay=delay: replies.send(query(name, delay)))
    return replies.recv()
''',
    discussion='''\
With an unbuffered channel, each send waits for a receiver, and `first` receives once: the
other replicas wait for ever, each holding its goroutine (and, in a server, whatever that
goroutine holds). A test that only checks the value cannot see it; a leak check can. In Go
this is the profile's `[chan send (leaked)]`. With a buffer of `len(replicas)` every send
completes at once, the goroutines end, and the channel is garbage once nobody refers to
it. A buffer of 1 is not enough for three replicas: the third still waits. Cancelling
the slow queries (a context, as in chapter 10's first exercise) would also stop them
early.''',
    checker=_check_first_replica,
)


# --- chapter 17: the memory model and data races ----------------------------------------


#: A report's access line and the learner's frame under it, as the race detector prints
#: them: "Write at Progress.done by goroutine 3:" then "  Progress.add()" then
#: "      <your cell>:9".
_RACE_ACCESS = re.compile(r"^((?:Previous )?(?:read|write|Read|Write)) at (.+?) by (.+?):\n"
                          r"  (\S+?)\(\)\n\s+.+:(\d+)$", re.M)


def _race_run(main: Callable[[], T], learner: list[Any], *, preempt: bool) -> tuple[T, list[str]]:
    """Run ``main`` in a fresh program with Go's race detector (``race=True``, and
    ``preempt=True`` if asked: the seeded coin switches goroutines at the learner's reads and
    writes), on the virtual clock with seed 1, the learner's functions ``learner`` watched.
    Returns what main returned and the race reports (none: race-free). The learner's prints
    and the reports are hidden; a crash, a deadlock or a busy loop becomes the verdict."""
    outer = getattr(_rt._tls, "sched", None)
    if outer is not None and not outer.toplevel and not outer.dead:
        _fail("call exercises.check at the top level of a cell or script, not inside "
              "goconc.run or a goroutine.")
    for fn in learner:
        code = getattr(fn, "__code__", None)
        if code is not None and not linecache.getlines(code.co_filename):
            _fail(f"the race detector needs the source of `{fn.__name__}`, and Python has "
                  f"none for {code.co_filename}: define it in a notebook cell or a file.")
    box: dict[str, Any] = {}

    def wrapped() -> None:
        d = _rt._tls.sched.race
        for fn in learner:
            d.instrument(fn)
        box["value"] = main()

    out, err = io.StringIO(), io.StringIO()
    fired = threading.Event()
    lock = threading.Lock()
    finished = False

    def interrupt() -> None:
        with lock:
            if not finished:
                fired.set()
                _thread.interrupt_main()

    timer: threading.Timer | None = None
    if threading.current_thread() is threading.main_thread():
        timer = threading.Timer(REAL_TIME_LIMIT, interrupt)
        timer.daemon = True
    reports: list[str] = []
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                if timer is not None:
                    timer.start()
                run(wrapped, clock="virtual", seed=1, leaks="ignore", race=True,
                    preempt=preempt)
            except DataRace as e:
                reports = e.reports
            finally:
                with lock:
                    finished = True
                if timer is not None:
                    timer.cancel()
            if fired.is_set():  # the interrupt is on its way: let it land here
                for _ in range(1000):
                    _pytime.sleep(0.001)
    except KeyboardInterrupt:
        if not fired.is_set():
            raise
        _fail(f"your code kept running for {REAL_TIME_LIMIT:g} s of real time without ever "
              f"waiting: a loop that never blocks (a busy wait on a flag) never lets the "
              f"other goroutines run.")
    except _Fail:
        raise
    except NotImplementedError as e:
        raise _not_done(e) from None
    except Deadlock as e:
        _, _, dump = str(e).partition("\n")
        blocked = [g for g in _parse_dump(dump.strip()) if g.learner]
        _fail("your code never returns: every goroutine is blocked, and nothing can wake "
              "them (a deadlock)." + ("\n" + _listing(blocked) if blocked else ""))
    except Exception as e:
        _fail(f"your code {_exc_text(e)}{_where(e)}.{_hint_for(e)}")
    except BaseException as e:  # a Panic, SystemExit and the like, from the learner's code
        _fail(f"your code {_exc_text(e)}{_where(e)}.{_hint_for(e)}")
    return box["value"], reports


def _race_text(doing: str, reports: list[str]) -> str:
    """What the first race report says, in a sentence and its two access lines."""
    found = _RACE_ACCESS.findall(reports[0])
    msg = (f"{doing} has a data race: Go's race detector (race=True) found "
           f"{_plural(len(reports), 'race')}. The first:")
    for kind, place, who, fn, line in found[:2]:
        msg += f"\n    {kind} of {place} by {who}, at line {line} of {_short(fn)}"
    return msg + ("\n  No happens-before edge (a channel operation, a lock, a WaitGroup, a "
                  "Once, an atomic) orders these two accesses, so the program is wrong even "
                  "when its result looks right.")


def _check_progress(ns: Mapping[str, Any]) -> str:
    (progress_cls,) = _need(ns, "Progress")
    workers, each = 3, 4
    doing = (f"{workers} workers calling add() {each} times each, 10ms apart, while a "
             f"monitor calls value() every 15ms,")

    def main() -> Any:
        p = progress_cls()
        seen: list[Any] = []
        wg = sync.WaitGroup()
        finished = chan(None)

        def worker() -> None:
            try:
                for _ in range(each):
                    time.sleep(10 * time.Millisecond)
                    p.add()
            finally:
                wg.done()

        def monitor() -> None:
            while True:
                match select(recv(finished), recv(time.after(15 * time.Millisecond))):
                    case 0, _:
                        return
                    case _:
                        seen.append(p.value())

        for _ in range(workers):
            wg.add(1)
            go(worker)
        go(monitor)
        wg.wait()
        finished.close()
        return seen, p.value()

    (seen, final), reports = _race_run(main, [progress_cls], preempt=True)
    if reports:
        _fail(_race_text(doing, reports))
    want = workers * each
    if final != want:
        _fail(f"after {doing} value() returned {_show(final)}, not {want}.")
    if any(not isinstance(v, int) or not 0 <= v <= want for v in seen) or seen != sorted(seen):
        _fail(f"while {doing} value() returned {_show(seen)}: each value must be a count "
              f"that was really reached, and they only grow.")
    return ("Progress is race-free under Go's race detector, with goroutines switched at "
            "random (preempt=True): every add is counted, and value() sees real counts.")


_PROGRESS = Exercise(
    label="ex-memory-model-progress",
    chapter="17-memory-model",
    title="Find the race: a read is only a read",
    kind="find-the-bug",
    names=("Progress",),
    starter='''\
from goconc import sync


class Progress:
    """How many jobs are done: workers call add(), a monitor calls value()."""

    def __init__(self) -> None:
        self.mu = sync.Mutex()
        self.done = 0

    def add(self) -> None:
        with self.mu:
            self.done += 1

    def value(self) -> int:
        return self.done  # only a read: no lock needed?
''',
    checker=_check_progress,
)


def _check_lazy(ns: Mapping[str, Any]) -> str:
    (make_lazy,) = _need(ns, "make_lazy")
    n = 6
    calls: list[int] = []

    def load() -> dict[str, str]:
        calls.append(1)
        time.sleep(10 * time.Millisecond)  # loading takes a while: others ask meanwhile
        return {"name": "config", "mode": "fast"}

    doing = "make_lazy(load)"

    def main() -> Any:
        get = make_lazy(load)
        if not callable(get):
            _fail(f"{doing} returned {_show(get)} (a {type(get).__name__}), not a function.")
        before = len(calls)
        results: list[Any] = [None] * n
        wg = sync.WaitGroup()

        def ask(i: int) -> None:
            try:
                results[i] = get()
            finally:
                wg.done()

        for i in range(n):
            wg.add(1)
            go(ask, i)
        wg.wait()
        return before, results

    (before, results), reports = _race_run(main, [make_lazy], preempt=True)
    if reports:
        _fail(_race_text(f"{doing}'s get(), called by {n} goroutines at once,", reports))
    if before:
        _fail(f"{doing} called load before anyone called get(): load must run on the first "
              f"get(), not when make_lazy is called.")
    if len(calls) != 1:
        _fail(f"{n} goroutines called get() at once, and load was called "
              f"{_plural(len(calls), 'time')}: it must run once, whoever asks first, while "
              f"the others wait for it.")
    first = results[0]
    if not isinstance(first, dict) or first != {"name": "config", "mode": "fast"} \
            or any(r is not first for r in results):
        _fail(f"{n} goroutines called get() and got {_show(results)}: every call must return "
              f"the one value that load returned.")
    return ("make_lazy's get() calls load once, on the first call, and every goroutine gets "
            "its value, race-free under Go's race detector with goroutines switched at "
            "random (preempt=True).")


_LAZY = Exercise(
    label="ex-memory-model-lazy",
    chapter="17-memory-model",
    title="Lazy initialization, published safely",
    kind="write",
    names=("make_lazy",),
    starter='''\
from collections.abc import Callable
from typing import TypeVar

from goconc import sync

T = TypeVar("T")


def make_lazy(load: Callable[[], T]) -> Callable[[], T]:
    raise NotImplementedError("your make_lazy here")
''',
    checker=_check_lazy,
)


# --- chapter 18: Go next to Python -------------------------------------------------------


def _timed_work(p: _Probe, name: str, d: time.Duration, fail: bool = False) -> Any:
    """One of the checker's calls: ``name`` after ``d`` (or an error), unless its ctx is
    done first. ``p.objects[name]`` says how it ended, and when."""

    def work(ctx: context.Context) -> str:
        start = time.now()
        match select(recv(time.after(d)), recv(ctx.done())):
            case 0, _:
                p.objects[name] = ("finished", time.since(start))
                if fail:
                    raise RuntimeError(f"{name} failed")
                return name
            case _:
                p.objects[name] = ("cancelled", time.since(start))
                err = ctx.err()
                assert err is not None
                raise err

    return work


def _check_gather(ns: Mapping[str, Any]) -> str:
    (gather,) = _need(ns, "gather")
    ms = time.Millisecond

    def scenario(p: _Probe) -> None:
        bg = context.background()
        works = [_timed_work(p, "a", 10 * ms), _timed_work(p, "b", 30 * ms),
                 _timed_work(p, "c", 20 * ms)]
        doing = "gather(ctx, a, b, c), where a takes 10ms, b 30ms and c 20ms,"
        a = p.attempt(doing, gather, bg, *works)
        got = a.value_or_fail()
        if got != ["a", "b", "c"]:
            _fail(f"{doing} returned {_show(got)}; expected ['a', 'b', 'c'], each result in "
                  f"the place of its call, whatever order they finish in.")
        if a.elapsed != 30 * ms:
            _fail(f"{doing} returned after {a.elapsed}; expected 30ms, the time of the "
                  f"slowest call: run the calls at the same time, each in a goroutine.")
        p.no_leftovers(doing.rstrip(","), time.Millisecond)
        got = p.call("gather(ctx)", gather, bg)
        if got != []:
            _fail(f"gather(ctx), with no calls, returned {_show(got)}; expected [].")
        works = [_timed_work(p, "x", 40 * ms), _timed_work(p, "y", 15 * ms, fail=True),
                 _timed_work(p, "z", 60 * ms)]
        doing = "gather(ctx, x, y, z), where y fails after 15ms and x and z take 40ms and 60ms,"
        a = p.attempt(doing, gather, bg, *works)
        if a.exc is None:
            _fail(f"{doing} returned {_show(a.value)}; it should raise y's error, as "
                  f"errgroup's wait() does (a TaskGroup would raise an ExceptionGroup).")
        if str(a.exc) != "y failed":
            _fail(f"{doing} {_exc_text(a.exc)}; expected y's error, RuntimeError: y failed, "
                  f"the first error.")
        if a.elapsed != 15 * ms or p.objects.get("z", ("",))[0] != "cancelled":
            _fail(f"{doing} raised after {a.elapsed}, and z {p.objects.get('z', ('?',))[0]}; "
                  f"expected the error after 15ms, with x and z cancelled at once: give the "
                  f"calls the context of errgroup.with_context, which the first error "
                  f"cancels.")
        p.no_leftovers(doing.rstrip(","), time.Millisecond)
        ctx, cancel = context.with_cancel(bg)
        time.after_func(5 * ms, cancel)
        works = [_timed_work(p, "s", 40 * ms), _timed_work(p, "t", 50 * ms)]
        doing = "gather(ctx, s, t), with ctx cancelled by the caller after 5ms,"
        a = p.attempt(doing, gather, ctx, *works)
        if not isinstance(a.exc, context.Canceled) or a.elapsed != 5 * ms:
            got_text = _exc_text(a.exc) if a.exc is not None else f"returned {_show(a.value)}"
            _fail(f"{doing} {got_text} after {a.elapsed}; expected it to raise context "
                  f"canceled after 5ms: derive the group's context from the caller's ctx.")
        p.no_leftovers(doing.rstrip(","), time.Millisecond)

    _run(scenario, settle=time.Millisecond)
    return ("gather runs every call at once, keeps their order, and the first error (or the "
            "caller) cancels the rest, as errgroup and TaskGroup do.")


_GATHER = Exercise(
    label="ex-python-gather",
    chapter="18-go-and-python",
    title="gather: asyncio's TaskGroup, with errgroup",
    kind="write",
    names=("gather",),
    starter='''\
from collections.abc import Callable

from goconc import context, errgroup


def gather(ctx: context.Context, *calls: Callable[[context.Context], str]) -> list[str]:
    raise NotImplementedError("your gather here")
''',
    checker=_check_gather,
)


def _check_call_with_timeout(ns: Mapping[str, Any]) -> str:
    (call_with_timeout,) = _need(ns, "call_with_timeout")
    ms = time.Millisecond

    def scenario(p: _Probe) -> None:
        bg = context.background()
        doing = "call_with_timeout(ctx, 50ms, work), where work takes 10ms,"
        a = p.attempt(doing, call_with_timeout, bg, 50 * ms, _timed_work(p, "fast", 10 * ms))
        got = a.value_or_fail()
        if got != "fast" or a.elapsed != 10 * ms:
            _fail(f"{doing} returned {_show(got)} after {a.elapsed}; expected 'fast' after "
                  f"10ms.")
        p.no_leftovers(doing.rstrip(","), time.Millisecond)
        doing = "call_with_timeout(ctx, 50ms, work), where work takes 100ms,"
        a = p.attempt(doing, call_with_timeout, bg, 50 * ms, _timed_work(p, "slow", 100 * ms))
        if a.exc is None or not isinstance(a.exc, TimeoutError) or a.elapsed != 50 * ms:
            got_text = _exc_text(a.exc) if a.exc is not None else f"returned {_show(a.value)}"
            _fail(f"{doing} {got_text} after {a.elapsed}; expected it to raise a TimeoutError "
                  f"(context deadline exceeded is one) after 50ms.")
        time.sleep(60 * ms)
        how = p.objects.get("slow", ("still running", 0))
        if how[0] != "cancelled":
            _fail(f"{doing} gave up after 50ms, but work {how[0]} after "
                  f"{time.Duration(how[1])}: nothing told it to stop. asyncio.timeout cancels "
                  f"the coroutine it wraps; a goroutine cannot be cancelled from outside. "
                  f"Derive a context with the timeout (context.with_timeout) and give it to "
                  f"work, which stops when that context is done.")
        p.no_leftovers(doing.rstrip(","), time.Millisecond, explain=lambda p, gs: (
            "  The goroutine that ran work waits for ever to send its result: nobody "
            "receives it after the timeout. No goroutine is needed at all: work already "
            "honours its context."))
        ctx, cancel = context.with_cancel(bg)
        time.after_func(20 * ms, cancel)
        doing = ("call_with_timeout(ctx, 50ms, work), where work takes 100ms and the caller "
                 "cancels ctx after 20ms,")
        a = p.attempt(doing, call_with_timeout, ctx, 50 * ms, _timed_work(p, "w", 100 * ms))
        if not isinstance(a.exc, context.Canceled) or a.elapsed != 20 * ms:
            got_text = _exc_text(a.exc) if a.exc is not None else f"returned {_show(a.value)}"
            _fail(f"{doing} {got_text} after {a.elapsed}; expected context canceled after "
                  f"20ms: the caller's cancellation must reach work too.")
        p.no_leftovers(doing.rstrip(","), time.Millisecond)

    _run(scenario, settle=time.Millisecond)
    return ("call_with_timeout stops work itself when time is up or the caller cancels, "
            "and leaves nothing running.")


_CALL_WITH_TIMEOUT = Exercise(
    label="ex-python-timeout",
    chapter="18-go-and-python",
    title="Find the bug: a timeout written the asyncio way",
    kind="find-the-bug",
    names=("call_with_timeout",),
    text='''\
`call_with_timeout(ctx, d, work)` should return what `work(ctx)` returns, or raise a
`TimeoutError` after `d`. Its author thought of `asyncio.wait_for(work(), d)`, which
cancels `work` when the time is up, and wrote the Go version of its outside: a goroutine
for the work, and a `select` against a timer. A test that calls it with a slow `work`
sees the `TimeoutError` after `d`, and passes. Run the check, then fix
`call_with_timeout`: when it gives up, `work` must stop too, and nothing may be left
running. It must also stop when the caller cancels `ctx`.''',
    starter='''\
from collections.abc import Callable

from goconc import chan, context, go, recv, select, time


def call_with_timeout(ctx: context.Context, d: time.Duration,
                      work: Callable[[context.Context], str]) -> str:
    result = chan(str)
    go(lambda: result.send(work(ctx)))
    match select(recv(result), recv(time.after(d))):
        case 0, v:
            return v
        case _:
            raise TimeoutError(f"timed out after {d}")
''',
    hints=(
        "The check says what `work` did after `call_with_timeout` gave up. Which context "
        "does `work` get, and who cancels it when the time is up?",
        "In Go, the timeout goes into the context: `context.with_timeout(ctx, d)`, "
        "passed to `work`. Since `work` returns (with `ctx.err()`) as soon as that "
        "context is done, no goroutine and no timer are needed.",
    ),
    solution='''\
from collections.abc import Callable

from goconc import context, time


def call_with_timeout(ctx: context.Context, d: time.Duration,
                      work: Callable[[context.Context], str]) -> str:
    with context.with_timeout(ctx, d) as ctx:
        return work(ctx)  # raises context deadline exceeded (a TimeoutError) after d
''',
    discussion='''\
`asyncio.wait_for` and `asyncio.timeout` can stop the work because asyncio can cancel a
task from outside: the next `await` in it raises `CancelledError`. Nothing can do that to
a goroutine. The `select` only stopped *waiting*: `work` ran on to the end with a context
that nobody cancelled, and then its goroutine blocked for ever on a send that nobody
would receive. In Go the deadline travels with the work, in its context: `work` sees
`ctx.done()` close after `d` and returns, and the caller's own cancellation reaches it the
same way. `context.DeadlineExceeded` is a `TimeoutError`, so callers that catch
`TimeoutError` still work. (A buffered channel would fix the leak, but not the work that
goes on for nothing.)''',
    checker=_check_call_with_timeout,
)


# --- chapter 19: capstones ---------------------------------------------------------------


class _FakeWeb:
    """The crawler checker's fetcher: ``fetch(ctx, url)`` takes 20 ms (or the context's
    error), returns ``(body, links)``, raises the learner's ``NotFound`` for a page that is
    not there and ``RuntimeError`` for the broken one; it records when each fetch started."""

    TAKES = 20 * time.Millisecond

    def __init__(self, pages: Mapping[str, tuple[str, list[str]]], not_found: type[BaseException],
                 broken: str = "") -> None:
        self.pages = pages
        self.not_found = not_found
        self.broken = broken
        self.start = time.now()
        self.started: list[tuple[int, str]] = []  # (virtual ns since start, url)
        self.failed_at: int | None = None

    def fetch(self, ctx: Any, url: Any) -> tuple[str, list[str]]:
        self.started.append((time.since(self.start), url))
        match select(recv(time.after(self.TAKES)), recv(ctx.done())):
            case 1, _:
                raise ctx.err()
        if url == self.broken:
            self.failed_at = time.since(self.start)
            raise RuntimeError(f"fetch {url}: 500 internal server error")
        if url in self.pages:
            body, links = self.pages[url]
            return body, list(links)
        raise self.not_found(f"fetch {url}: not found")


_TOUR_WEB = {
    "https://golang.org/": (
        "The Go Programming Language", ["https://golang.org/pkg/", "https://golang.org/cmd/"]),
    "https://golang.org/pkg/": (
        "Packages", ["https://golang.org/", "https://golang.org/cmd/",
                     "https://golang.org/pkg/fmt/", "https://golang.org/pkg/os/"]),
    "https://golang.org/pkg/fmt/": (
        "Package fmt", ["https://golang.org/", "https://golang.org/pkg/"]),
    "https://golang.org/pkg/os/": (
        "Package os", ["https://golang.org/", "https://golang.org/pkg/"]),
}

#: A wide web: the start links to six pages, each links back and to the next.
_WIDE_WEB = {"a": ("page a", [f"a{i}" for i in range(1, 7)])} | {
    f"a{i}": (f"page a{i}", ["a", f"a{i % 6 + 1}", f"a{i}x"]) for i in range(1, 7)}


def _distances(web: Mapping[str, tuple[str, list[str]]], start: str) -> dict[str, int]:
    """How many links each URL is from ``start`` (pages that are not there included)."""
    dist = {start: 0}
    frontier = [start]
    while frontier:
        nxt = []
        for url in frontier:
            for link in web.get(url, ("", []))[1]:
                if link not in dist:
                    dist[link] = dist[url] + 1
                    nxt.append(link)
        frontier = nxt
    return dist


def _check_crawler(ns: Mapping[str, Any]) -> str:
    crawl, not_found = _need(ns, "crawl", "NotFound")
    if not (isinstance(not_found, type) and issubclass(not_found, Exception)):
        _fail(f"`NotFound` is {_show(not_found)}; keep the starter's exception class.")
    ms = time.Millisecond
    every = 10 * ms

    def crawl_ok(p: _Probe, web: Mapping[str, tuple[str, list[str]]], start: str,
                 depth: int) -> None:
        f = _FakeWeb(web, not_found)
        doing = f"crawl(ctx, {start!r}, {depth}, fetch, 10ms)"
        a = p.attempt(doing, crawl, context.background(), start, depth, f.fetch, every)
        got = a.value_or_fail()
        dist = _distances(web, start)
        urls = [u for _, u in f.started]
        twice = sorted({u for u in urls if urls.count(u) > 1})
        if twice:
            _fail(f"{doing} fetched {twice[0]} {urls.count(twice[0])} times. Fetch each page "
                  f"once: remember the URLs you have started, in a set under a mutex, and "
                  f"check and add in the same locked step.")
        too_far = [u for u in urls if dist[u] >= depth]
        if too_far:
            _fail(f"{doing} fetched {too_far[0]}, which is {dist[too_far[0]]} links from the "
                  f"start: with depth {depth}, fetch only pages fewer than {depth} links away "
                  f"(the start is at depth {depth}, its links at {depth - 1}, …; stop at 0).")
        want = {u: web[u][0] for u, d in dist.items() if d < depth and u in web}
        missed = sorted(u for u, d in dist.items() if d < depth and u not in urls)
        if missed:
            _fail(f"{doing} never fetched {missed[0]}, which is {dist[missed[0]]} links from "
                  f"the start: every page fewer than {depth} links away is to be fetched.")
        if got != want:
            _fail(f"{doing} returned {_show(got)}; expected {_show(want)}: the body of every "
                  f"page found, by URL, without the pages that were not found.")
        for k, (at, url) in enumerate(f.started, 1):
            if at < k * every:
                _fail(f"{doing} started fetch number {k} ({url}) at {time.Duration(at)}: at "
                      f"most one fetch may start per tick of `every`, so fetch {k} may not "
                      f"start before {time.Duration(k * every)}. Take a tick from one ticker, "
                      f"shared by all the fetches, before each fetch.")
        levels = max(dist[u] for u in urls) + 1
        bound = len(urls) * every + levels * _FakeWeb.TAKES
        if a.elapsed > bound:
            _fail(f"{doing} took {a.elapsed}, fetching one page after another. Fetch the "
                  f"links of a page concurrently (a goroutine per page, in an errgroup): "
                  f"with the rate limit it can take {time.Duration(bound)} at most.")
        p.no_leftovers(doing, 0)

    def scenario(p: _Probe) -> None:
        crawl_ok(p, _TOUR_WEB, "https://golang.org/", 4)
        crawl_ok(p, _TOUR_WEB, "https://golang.org/", 2)
        crawl_ok(p, _WIDE_WEB, "a", 2)
        crawl_ok(p, _WIDE_WEB, "a", 3)
        crawl_ok(p, _TOUR_WEB, "https://golang.org/", 1)

        f = _FakeWeb(_WIDE_WEB, not_found, broken="a1")
        doing = "crawl(ctx, 'a', 3, fetch, 10ms), where fetching a1 fails,"
        a = p.attempt(doing, crawl, context.background(), "a", 3, f.fetch, every)
        err = f"fetch {f.broken}: 500 internal server error"
        if a.exc is None:
            _fail(f"{doing} returned {_show(a.value)}; it should raise the error of that fetch, "
                  f"RuntimeError({err!r}).")
        if not isinstance(a.exc, RuntimeError) or str(a.exc) != err:
            _fail(f"{doing} {_exc_text(a.exc)}{_where(a.exc)}; it should raise the first "
                  f"error, RuntimeError({err!r}) (and ignore NotFound).")
        assert f.failed_at is not None
        if a.elapsed != f.failed_at:
            _fail(f"{doing} raised the right error, but after {a.elapsed}, while the fetch "
                  f"failed at {time.Duration(f.failed_at)}. The first error should cancel "
                  f"the rest: run the fetches in errgroup.with_context(ctx) and give them "
                  f"the group's ctx, and wait for a tick in a select with ctx.done().")
        late = [u for at, u in f.started if at > f.failed_at]
        if late:
            _fail(f"{doing} started fetching {late[0]} after the failure: once the group's "
                  f"ctx is done, start nothing more.")
        p.no_leftovers(doing, 0)

        ctx, cancel = context.with_cancel(context.background())
        time.after_func(45 * ms, cancel)
        f = _FakeWeb(_WIDE_WEB, not_found)
        doing = "crawl(ctx, 'a', 3, fetch, 10ms), with ctx cancelled at 45ms,"
        a = p.attempt(doing, crawl, ctx, "a", 3, f.fetch, every)
        if a.exc is not None and isinstance(a.exc, context.Canceled) and a.elapsed > 45 * ms:
            _fail(f"{doing} raised context canceled, but after {a.elapsed}: a fetch waiting for "
                  f"its tick should stop at once when ctx is done. Wait for the tick in a "
                  f"select with ctx.done().")
        _expect_raise(a, context.Canceled, "context canceled", 45 * ms,
                      "the caller cancels ctx after 45ms")
        p.no_leftovers(doing, 0)

    _run(scenario, settle=time.Millisecond)
    return ("crawl fetches each page once, to the depth, concurrently but no faster than the "
            "ticker, and the first error or the caller's cancellation stops it at once.")


_CRAWLER = Exercise(
    label="ex-capstone-crawler",
    chapter="19-capstones",
    title="The Tour's web crawler, done properly",
    kind="write",
    names=("crawl", "NotFound"),
    starter='''\
from collections.abc import Callable

from goconc import context, errgroup, recv, select, sync, time


class NotFound(LookupError):
    """What fetch raises for a page that is not there."""


Fetch = Callable[[context.Context, str], tuple[str, list[str]]]


def crawl(ctx: context.Context, url: str, depth: int, fetch: Fetch,
          every: time.Duration) -> dict[str, str]:
    raise NotImplementedError("your crawl here")
''',
    checker=_check_crawler,
)


def _search(kind: str, d: int) -> Callable[[str], str]:
    """The Google checker's fake search: ``kind`` answers after ``d``."""

    def search(query: str) -> str:
        time.sleep(d)
        return f"{kind} result for {query!r}"

    search.__qualname__ = f"fake_search({kind!r}, {_ms(d)})"
    return search


def _explain_google(p: _Probe, gs: list[_G]) -> str:
    if any(g.state == "chan send" for g in gs):
        return ("  A replica (or a search) that answers after its answer is no longer wanted "
                "sends on a channel that nobody receives from any more. Give that channel "
                "room for every answer: chan(str, len(replicas)) in first, chan(str, 3) in "
                "google.")
    return ""


def _check_google(ns: Mapping[str, Any]) -> str:
    first, google = _need(ns, "first", "google")
    ms = time.Millisecond

    def spec(kind: str, *ds: int) -> tuple[list[Callable[[str], str]], str]:
        rs = [_search(f"{kind}{i}" if len(ds) > 1 else kind, d * ms)
              for i, d in enumerate(ds, 1)]
        return rs, "[" + ", ".join(f"{d}ms" for d in ds) + "]"

    def scenario(p: _Probe) -> None:
        for ds, best, at in (((30, 10, 20), "r2", 10), ((5,), "r", 5), ((40, 40, 15), "r3", 15)):
            rs, shown = spec("r", *ds)
            doing = f"first('golang', replicas answering after {shown[1:-1]})"
            a = p.attempt(doing, first, "golang", *rs)
            got = a.value_or_fail()
            if got != f"{best} result for 'golang'":
                _fail(f"{doing} returned {_show(got)} after {a.elapsed}; expected "
                      f"{best + ' result for ' + repr('golang')!r}, the fastest, after {at}ms.")
            if a.elapsed != at * ms:
                _fail(f"{doing} returned the right answer, but after {a.elapsed}: the fastest "
                      f"replica answers after {at}ms. Query every replica at once, each in its "
                      f"own goroutine, and take the first answer from their channel.")
            p.no_leftovers(doing, 100 * ms, explain=_explain_google)
        cases = [
            ((30, 15), (10, 25), (50, 20), 40, ["image1", "web2", "video2"], 20),
            ((30,), (10,), (50,), 40, ["image", "web"], 40),
            ((30,), (10,), (50,), 80, ["image", "web", "video"], 50),
            ((90, 70), (60, 95), (85, 99), 50, [], 50),
        ]
        for web_d, image_d, video_d, timeout, want_kinds, at in cases:
            web, ws = spec("web", *web_d)
            image, is_ = spec("image", *image_d)
            video, vs = spec("video", *video_d)
            doing = (f"google('golang', {timeout}ms, web={ws}, image={is_}, video={vs})")
            a = p.attempt(doing, google, "golang", timeout * ms, web, image, video)
            got = a.value_or_fail()
            _expect_list(got, doing)
            want = [f"{k} result for 'golang'" for k in want_kinds]
            if got != want:
                if sorted(got) == sorted(want):
                    _fail(f"{doing} returned {_show(got)}; expected {_show(want)}: the results "
                          f"in the order they arrived.")
                late = [r for r in got if r not in want]
                if late and all(r in got for r in want):
                    _fail(f"{doing} returned {_show(late[0])}, which arrived after the "
                          f"{timeout}ms timeout, and returned after {a.elapsed}. Make the "
                          f"timer once, before the loop (time.after in the loop restarts the "
                          f"timeout for every result), and stop at it.")
                _fail(f"{doing} returned {_show(got)} after {a.elapsed}; expected {_show(want)}"
                      f" after {at}ms: the first answer of each kind that arrives within the "
                      f"timeout.")
            if a.elapsed != at * ms:
                why = ("the last result arrived" if len(want) == 3 else "the timeout ran out")
                _fail(f"{doing} returned the right results, but after {a.elapsed}; {why} after "
                      f"{at}ms. Make the timer once, before the loop: time.after in the loop "
                      f"restarts the timeout for every result.")
            p.no_leftovers(doing, time.Second, explain=_explain_google)
    _run(scenario, explain_leak=_explain_google)
    return ("first takes the fastest replica, google gathers the three kinds as they arrive "
            "and stops at the timeout, and no goroutine is left blocked.")


_GOOGLE = Exercise(
    label="ex-capstone-google",
    chapter="19-capstones",
    title="Google Search 3.0",
    kind="write",
    names=("first", "google"),
    starter='''\
from collections.abc import Callable

from goconc import chan, go, recv, select, time

Search = Callable[[str], str]


def fake_search(kind: str, d: time.Duration) -> Search:
    def search(query: str) -> str:
        time.sleep(d)
        return f"{kind} result for {query!r}"

    return search


def first(query: str, *replicas: Search) -> str:
    raise NotImplementedError("your first here")


def google(query: str, timeout: time.Duration, web: list[Search], image: list[Search],
           video: list[Search]) -> list[str]:
    raise NotImplementedError("your google here")
''',
    checker=_check_google,
)


def _schedule(takes: list[int], limit: int) -> list[tuple[int, int]]:
    """When each download starts and ends if they start in order, ``limit`` at a time."""
    slots = [0] * limit
    out = []
    for d in takes:
        i = min(range(limit), key=lambda k: slots[k])
        start = slots[i]
        slots[i] = start + d
        out.append((start, start + d))
    return out


def _check_downloader(ns: Mapping[str, Any]) -> str:
    (download_all,) = _need(ns, "download_all")
    ms = time.Millisecond
    takes = {"index.html": 100, "logo.png": 300, "video.mp4": 800, "style.css": 200,
             "font.woff": 150, "app.js": 250}
    missing = 50  # a URL that is not there fails after 50ms

    def run_case(p: _Probe, urls: list[str], limit: int, budget: int,
                 cancel_at: int | None = None) -> None:
        running = [0, 0]  # now, most at once

        def download(ctx: Any, url: Any) -> str:
            running[0] += 1
            running[1] = max(running)
            try:
                d = takes.get(url, missing) * ms
                match select(recv(time.after(d)), recv(ctx.done())):
                    case 1, _:
                        raise ctx.err()
                if url not in takes:
                    raise LookupError("404 not found")
                return f"<{url}>"
            finally:
                running[0] -= 1

        ctx, cancel = context.with_cancel(context.background())
        shown = f"download_all(ctx, {_show(urls)}, {limit}, {budget}ms, download)"
        if cancel_at is not None:
            time.after_func(cancel_at * ms, cancel)
            shown += f", with ctx cancelled at {cancel_at}ms,"
        a = p.attempt(shown, download_all, ctx, list(urls), limit, budget * ms, download)
        cancel()
        got = a.value_or_fail()
        if not (isinstance(got, tuple) and len(got) == 2 and all(isinstance(x, dict)
                                                                  for x in got)):
            _fail(f"{shown} returned {_show(got)}; expected a pair of dicts (bodies by URL, "
                  f"errors by URL).")
        bodies, errors = got
        plan = _schedule([takes.get(u, missing) for u in urls], limit)
        stop = min(budget, cancel_at if cancel_at is not None else budget)
        cut_err = "context canceled" if cancel_at is not None and cancel_at < budget else \
            "context deadline exceeded"
        want_bodies = {u: f"<{u}>" for u, (_, end) in zip(urls, plan, strict=True)
                       if u in takes and end <= stop}
        want_errors = {u: ("404 not found" if u not in takes and end <= stop else cut_err)
                       for u, (_, end) in zip(urls, plan, strict=True) if u not in want_bodies}
        if running[1] > limit:
            _fail(f"{shown} ran {running[1]} downloads at once; at most {limit} may run at "
                  f"once (errgroup's set_limit, or a buffered channel as a semaphore).")
        extra = sorted(set(bodies) - set(want_bodies))
        if extra:
            _fail(f"{shown} returned a body for {extra[0]}, which cannot finish within {stop}ms "
                  f"when the downloads run {limit} at a time. Give the whole call one deadline, "
                  f"context.with_timeout(ctx, budget), and pass that ctx to download.")
        if bodies != want_bodies:
            _fail(f"{shown} returned the bodies {_show(bodies)}; expected {_show(want_bodies)}"
                  f", the downloads that finished within {stop}ms, {limit} at a time.")
        shown_errors = {u: str(e) for u, e in errors.items()}
        if set(errors) != set(want_errors):
            _fail(f"{shown} returned errors for {_show(sorted(errors))}; expected one for "
                  f"every URL without a body: {_show(sorted(want_errors))}.")
        for u, e in errors.items():
            if not isinstance(e, BaseException) or shown_errors[u] != want_errors[u]:
                _fail(f"{shown} gave {_show(e)} as the error of {u}; expected "
                      f"{want_errors[u]!r}: the exception that download raised for it.")
        end = max((e for _, e in plan), default=0)
        want_at = min(stop, end)
        if a.elapsed != want_at * ms:
            more = (" Give the whole call one deadline: context.with_timeout(ctx, budget)."
                    if a.elapsed > want_at * ms else "")
            _fail(f"{shown} returned after {a.elapsed}; expected after {want_at}ms.{more}")
        p.no_leftovers(shown.rstrip(","), 0)

    def scenario(p: _Probe) -> None:
        five = ["index.html", "logo.png", "video.mp4", "missing.txt", "style.css"]
        run_case(p, five, 2, 700)
        run_case(p, five, 2, 2000)
        run_case(p, [*five, "font.woff", "app.js"], 3, 1000)
        run_case(p, ["logo.png", "nothere.txt", "index.html"], 1, 120)
        run_case(p, five, 2, 2000, cancel_at=150)
        run_case(p, [], 2, 100)

    _run(scenario, settle=time.Millisecond)
    return ("download_all keeps to the limit and the budget, and accounts for every URL: a body "
            "or the error that stopped it.")


_DOWNLOADER = Exercise(
    label="ex-capstone-downloader",
    chapter="19-capstones",
    title="A downloader with a limit and a deadline",
    kind="write",
    names=("download_all",),
    starter='''\
from collections.abc import Callable

from goconc import context, errgroup, sync, time

Download = Callable[[context.Context, str], str]


def download_all(ctx: context.Context, urls: list[str], limit: int, budget: time.Duration,
                 download: Download) -> tuple[dict[str, str], dict[str, BaseException]]:
    raise NotImplementedError("your download_all here")
''',
    checker=_check_downloader,
)


# --- the registry ------------------------------------------------------------------------


EXERCISES: dict[str, Exercise] = {
    e.label: e
    for e in (
        _SLEEP_SORT, _RUN_ALL,
        _PIPELINE, _SHOUT,
        _LENGTHS, _FETCH_SIZES,
        _KEYCOUNTER, _STOCK,
        _ACCOUNT, _BATCHES,
        _FIRST_OF, _COLLECT,
        _RETRY, _HANDLER,
        _PROCESS_ORDERED, _SQUARES,
        _FIRST_REPLY, _FIRST_N,
        _TALLY,
        _MERGE, _SERVE,
        _WATCH, _TOKEN_BUCKET,
        _FETCH_AND_SAVE, _MAP_LIMITED,
        _MERGE2, _FIRST_OVER,
        _BARRIER, _TRANSFER,
        _DEBOUNCE_TEST, _FIRST_REPLICA,
        _LAZY, _PROGRESS,
        _GATHER, _CALL_WITH_TIMEOUT,
        _CRAWLER, _GOOGLE, _DOWNLOADER,
    )
}
