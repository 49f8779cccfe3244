"""The scheduler: goroutines, the run queue, timers, clocks, deadlock and leak detection.

Follows Go's ``runtime/proc.go`` (``newproc``, ``gopark``/``goready``,
``schedule``, ``findRunnable``, ``checkdead``) and ``runtime/time.go`` (the
timer heap), in Python form. A goroutine (``g`` in Go) is a ``Goroutine``
whose stack is a greenlet. One ``Scheduler`` per OS thread runs at a time:
either the implicit top-level program, whose main goroutine is the code that
called goconc (a script, a notebook cell), or a program started by ``run()``.

Invariants:

* Only the running goroutine (``sched.cur``) or the hub touches scheduler state;
  worker threads of ``blocking()`` only put results on ``completions``.
* A goroutine is waiting exactly when ``g.waitreason`` is not None; it is then
  on no run queue, and only ``goready()`` puts it back.
* A runnable goroutine that is not running is in exactly one of ``runnext``,
  the local run queue ``runq``, the global run queue ``globq``, or ``nextg``
  (picked, waiting for the hub to give it a fresh greenlet).
* New goroutines start on a greenlet created by the hub (a shallow stack) or
  on a pooled, finished greenlet: never nested inside a goroutine's stack.
* When a program has ended, none of its greenlets is alive (each goroutine was
  unwound, each pooled greenlet and the hub ended), except one abandoned for
  swallowing ``Goexit``: a live greenlet is never freed by the garbage
  collector, and its frames hold the scheduler.
* Ctrl-C can land at any instruction. Wherever it lands, the program ends
  the same way (``_interrupt``, then ``_finish``): the hub, ``run()`` and the
  main goroutine of the top-level program each catch a ``KeyboardInterrupt``
  that reaches them and finish the program, and every step of the end can be
  repeated, so an interrupt in the middle of it only starts it again.
"""

from __future__ import annotations

import functools
import heapq
import os
import queue
import random
import sys
import sysconfig
import threading
import time as _pytime
import warnings
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from types import CodeType, FrameType
from typing import Any

if sys.platform == "emscripten":  # the browser (Pyodide): stacks switch through JSPI
    from ._jspi import GreenletExit, getcurrent, greenlet
    from ._jspi import idle as _idle
else:
    from greenlet import GreenletExit, getcurrent, greenlet
    _idle: Callable[[float], None] | None = None

from ._errors import AbandonWarning, Deadlock, Fatal, Goexit, Leak, LeakWarning

__all__ = ["Goroutine", "Scheduler", "blocking", "getsched", "go", "reset", "run"]

#: pytest leaves this module's frames out of tracebacks (it reads a module-level
#: ``__tracebackhide__``); in IPython, goconc._ipython drops every goconc frame.
__tracebackhide__ = True

#: The virtual clock starts here, like Go's testing/synctest.
VIRTUAL_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)

#: Go's P: a local run queue of 256 (``p.runq``), and every 61st schedule
#: looks at the global queue first (``findRunnable``).
RUNQ_SIZE = 256
GLOBAL_CHECK = 61

#: The latest instant a timer can be set for (Go's ``maxWhen``, int64's largest).
MAX_WHEN = (1 << 63) - 1

#: Finished greenlets kept for reuse (Go's gFree list). The pool grows freely
#: while goroutines run (so waking 100,000 costs the same per goroutine as
#: waking 1,000) and is trimmed to this size whenever the program goes idle.
POOL_KEEP = 4096

#: A goroutine that catches Goexit and blocks again this many times while its
#: program ends (a bare ``except:`` around a blocking call) is abandoned.
MAX_UNWINDS = 10
#: ... or that is woken this many times while the program ends (goroutines
#: that keep waking each other from their finally blocks).
MAX_RESUMES = 1000

#: Go's limit on OS threads (``runtime/debug.SetMaxThreads``): one more
#: ``blocking()`` call in flight than this is a fatal error, as in Go.
MAX_THREADS = 10_000
#: An idle ``blocking()`` thread waits this long for another call, then exits.
THREAD_IDLE_SECONDS = 10.0

#: Code flags of functions whose call runs none of their body: async def,
#: generators, async generators (CO_GENERATOR | CO_COROUTINE |
#: CO_ITERABLE_COROUTINE | CO_ASYNC_GENERATOR).
_CO_NOT_PLAIN = 0x20 | 0x80 | 0x100 | 0x200

#: Greenlets of goroutines abandoned at the end of their program. Kept
#: forever: freeing one would throw GreenletExit into it, and a goroutine
#: that swallows Goexit would swallow that too and run again.
_abandoned: list[greenlet] = []

#: Threads that have had a goconc program, for the deadlock report's hint.
_sched_threads: set[int] = set()

_tls = threading.local()

#: The one hook through which the runtime reports what it does, for goconc.trace:
#: ``hook(event, *args)``. None (the default) costs one global lookup per event site.
#: Events: ("go", g, parent) ("run", g) ("block", g, reason) ("ready", g) ("exit", g)
#: ("chan", ch) ("send", g, ch, v) ("sent", g, ch, v) ("recv", g, ch)
#: ("recvd", g, ch, v, ok) ("close", g, ch) ("select", g, cases, has_default)
#: ("selected", g, index) ("timer", t, when) ("fire", t, when) ("clock", old, new)
#: ("deadlock", message) ("crash", g, exc). g is None for the runtime itself (a timer).
#: Two events stand for several, to keep the hot paths cheap while tracing:
#: ("switch", g, reason, next) is "block" g (when reason is not None) then "run" next;
#: an operation that completes at once reports its start with its end:
#: ("handoff_s", sender, ch, v, receiver, woken) is "send", "sent", "recvd", "ready" woken;
#: ("handoff_r", ...) the same begun by the receiver ("recv" first);
#: ("sent_s", g, ch, v) is "send" then "sent"; ("recvd_r", g, ch, v, ok) "recv" then "recvd".
hook: Callable[..., None] | None = None
_GOCONC_DIR = os.path.dirname(os.path.abspath(__file__))


class Goroutine:
    """A goroutine: a function, its greenlet, and why it is waiting.

    ``repr`` reads like Go's dump header: ``<goroutine 7 [chan send]>``.
    """

    __slots__ = (
        "__weakref__",
        "args",
        "fn",
        "glet",
        "id",
        "kwargs",
        "ondone",
        "param",
        "parent_id",
        "sched",
        "sg",
        "site_code",
        "site_lasti",
        "waitreason",
    )

    def __init__(
        self, sched: Scheduler, gid: int, fn: Callable[..., Any], args: tuple[Any, ...],
        kwargs: dict[str, Any] | None, parent_id: int, site_code: CodeType | None,
        site_lasti: int,
    ) -> None:
        self.id = gid
        self.fn = fn
        self.args = args
        self.kwargs = kwargs
        #: Called when fn returns normally (WaitGroup.go's done), in the goroutine.
        self.ondone: Callable[[], Any] | None = None
        self.glet: greenlet | None = None
        #: Go's waitReason ("chan receive", "select", "sleep", ...); None when runnable.
        self.waitreason: str | None = None
        self.sched = sched
        self.parent_id = parent_id
        #: Where the goroutine was started (Go's gopc), for dumps and crash notes.
        self.site_code = site_code
        self.site_lasti = site_lasti
        #: What the waker hands to the goroutine it wakes (e.g. a blocking call's result).
        self.param: Any = None
        #: The sudog this goroutine reuses for a plain send or receive (Go's
        #: per-P sudog cache); made on its first block. None after an abandoned wait.
        self.sg: Any = None

    @property
    def state(self) -> str:
        """Go's status word: "running", "runnable", or the wait reason."""
        if self.sched.cur is self:
            return "running"
        return self.waitreason or "runnable"

    @property
    def site_line(self) -> int:
        """The line of the ``go`` statement that started this goroutine (0 if unknown).

        Worked out only when asked (a dump, a crash note): ``go()`` keeps the
        cheap bytecode offset, as Go keeps a PC and symbolizes it later.
        """
        code, lasti = self.site_code, self.site_lasti
        if code is None or lasti < 0:
            return 0
        for start, end, line in code.co_lines():
            if start <= lasti < end:
                return line or 0
        return 0

    def __repr__(self) -> str:
        return f"<goroutine {self.id} [{self.state}]>"


class Timer:
    """One entry of the timer heap (Go's runtime ``timer``).

    ``f(arg, now)`` runs on the scheduler when the timer fires; it must not
    block. A *strong* timer (a sleep, an ``after_func``) keeps the program
    alive, so it delays deadlock detection; a channel timer does so only
    while some goroutine is waiting on its channel ``c`` (as in Go).
    """

    __slots__ = ("arg", "c", "f", "period", "sched", "seq", "strong", "when")

    def __init__(
        self, f: Callable[[Any, int], None], arg: Any, *, strong: bool, c: Any = None,
        period: int = 0,
    ) -> None:
        self.when = 0
        self.period = period
        self.f = f
        self.arg = arg
        self.strong = strong
        self.c = c
        #: The heap entry that is current; 0 when the timer is not in the heap.
        self.seq = 0
        self.sched: Scheduler | None = None

    @property
    def active(self) -> bool:
        return self.seq != 0


_user_dirs: tuple[str, ...] | None = None


def _hidden_dirs() -> tuple[str, ...]:
    """Folders whose frames a goroutine dump leaves out: goconc, stdlib, site-packages."""
    global _user_dirs
    if _user_dirs is None:
        dirs = {_GOCONC_DIR, os.path.dirname(os.__file__)}  # (Pyodide's is a zip file)
        for key in ("stdlib", "platstdlib", "purelib", "platlib"):
            try:
                dirs.add(sysconfig.get_paths()[key])
            except KeyError:
                pass
        _user_dirs = tuple(sorted(os.path.join(d, "") for d in dirs if d))
    return _user_dirs


def user_file(filename: str) -> bool:
    """A file of the user's (a notebook cell, their script), not goconc's or Python's."""
    if filename.startswith("<frozen"):
        return False
    if filename.startswith("<"):
        return True
    path = os.path.abspath(filename)
    return not path.startswith(_hidden_dirs()) and "site-packages" not in path


def show_path(filename: str) -> str:
    """A file name as a dump shows it: stable across machines and runs.

    Notebook cells live in temporary files with per-process names, so they
    show as ``<cell>``; files under the working directory show relative.
    """
    if "ipykernel_" in filename or filename.startswith("<ipython-input"):
        return "<cell>"
    if filename.startswith("<"):
        return filename
    cwd = os.getcwd()
    if filename.startswith(cwd + os.sep):
        return filename[len(cwd) + 1:]
    return filename


def user_frames(frame: FrameType | None) -> list[tuple[str, str, int]]:
    """The user's frames, innermost first, as (function, file, line)."""
    hidden = _hidden_dirs()
    out = []
    while frame is not None:
        fn = frame.f_code.co_filename
        if not fn.startswith(hidden) and not fn.startswith("<frozen"):
            out.append((frame.f_code.co_qualname, show_path(fn), frame.f_lineno))
        frame = frame.f_back
    return out


class Scheduler:
    """One program: its goroutines, run queue, timers and clock.

    Args:
        clock: ``"real"`` (timers follow the wall clock) or ``"virtual"``
            (time stands still while any goroutine can run, then jumps to the
            next timer, like Go's testing/synctest).
        seed: seeds the one RNG behind every random choice (``select``).
        toplevel: the implicit program whose main goroutine is the caller.
    """

    def __init__(self, clock: str = "real", seed: int | None = None, *,
                 toplevel: bool = False) -> None:
        if clock not in ("real", "virtual"):
            raise ValueError(f'clock must be "real" or "virtual", not {clock!r}')
        self.clock = clock
        self.real = clock == "real"
        self.seed = seed
        self.rng = random.Random(seed)
        self.toplevel = toplevel
        # Go's single P (runtime/proc.go): runnext, the local run queue (at most
        # RUNQ_SIZE), the global run queue, and the count of schedules that
        # started a new time slice (Go's p.schedtick).
        self.runnext: Goroutine | None = None
        self.runq: deque[Goroutine] = deque()
        self.globq: deque[Goroutine] = deque()
        self.schedtick = 0
        #: Picked by park() to run next, waiting for the hub to give it a greenlet.
        self.nextg: Goroutine | None = None
        self.allg: dict[int, Goroutine] = {}
        self.goidgen = 0
        self.cur: Goroutine | None = None
        self.pool: list[greenlet] = []
        # Timer heap of (when, seq, timer); stale entries (seq mismatch) are skipped.
        self.timers: list[tuple[int, int, Timer]] = []
        self.timerseq = 0
        self.ntimers = 0  # armed timers; the heap may hold more (stale) entries
        self.nstrong = 0
        self.vnow = 0
        self.base = _pytime.monotonic_ns()
        # blocking(): calls in flight on worker threads and their results.
        self.inflight = 0
        # Each item: (call, ok, value); call.done(ok, value) runs on the scheduler.
        self.completions: queue.SimpleQueue[tuple[BlockingCall, bool, Any]] = queue.SimpleQueue()
        # How the program ended. dying: it is being torn down; dead: torn down;
        # finished: _finish has nothing left to do but return or raise.
        self.dying = False
        self.dead = False
        self.finished = False
        self.crash: tuple[Goroutine | None, BaseException] | None = None
        self.main_done = False
        #: main raised Goexit (Go's runtime.Goexit in main): the others run on.
        self.main_goexit = False
        self.main_result: Any = None
        self.leaks = "warn"
        # The end, in steps that may each be repeated (see _finish).
        self.reported = False  # the trace hook was told, the leak report made
        self.leak_report = ""
        self.dumped = False  # the interrupt's goroutine dump was printed
        self.annotated = False
        #: The program's scheduler to go back to when this one ends (run() inside
        #: the top-level program).
        self.prev: Scheduler | None = None
        # Teardown: the greenlet that unwinds the goroutines; goroutines that
        # blocked while being unwound (ids), and how often each was unwound or woken.
        self.unwinder: greenlet | None = None
        self.parked_dying: set[int] = set()
        self.unwinds: dict[int, int] = {}
        self.resumes: dict[int, int] = {}
        self.abandoned: list[str] = []
        #: The race detector (goconc._race.Detector) with race=True or preempt=True.
        self.race: Any = None
        self.thread = threading.get_ident()
        _sched_threads.add(self.thread)
        self.hub = greenlet(self._hub_loop)
        if toplevel:
            main = self._newg(_no_fn, (), {}, 0, None)
            main.glet = getcurrent()
            self.main = main
            self.cur = main
            self.schedtick = 1  # main is running: its schedule counted

    # --- goroutines -------------------------------------------------------

    def _newg(self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any],
              parent_id: int, site: FrameType | None) -> Goroutine:
        self.goidgen += 1
        g = Goroutine(self, self.goidgen, fn, args, kwargs or None, parent_id,
                      site.f_code if site is not None else None,
                      site.f_lasti if site is not None else -1)
        self.allg[g.id] = g
        return g

    def newproc(self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any],
                site: FrameType | None, ondone: Callable[[], Any] | None = None) -> Goroutine:
        """Go's ``newproc``: make a goroutine and put it in ``runnext`` (see ``goready``).

        ``ondone()`` runs in the goroutine when ``fn`` returns normally.
        """
        if not callable(fn):
            raise TypeError(f"go: cannot call non-function {fn!r}")
        cur = self.cur
        g = self._newg(fn, args, kwargs, cur.id if cur is not None else 0, site)
        g.ondone = ondone
        if not self.dying:
            old = self.runnext  # goready's runqput, spelled out (WaitGroup.go's cost)
            self.runnext = g
            if old is not None:
                if len(self.runq) < RUNQ_SIZE:
                    self.runq.append(old)
                else:
                    self.runqputslow(old)
        if hook is not None:
            hook("go", g, cur)
        return g

    # --- the run queues (Go's runqput, runqputslow, runqget, findRunnable) ---

    def runqputtail(self, g: Goroutine) -> None:
        """Go's ``runqput(pp, gp, next=false)``: the tail of the local run queue."""
        if len(self.runq) < RUNQ_SIZE:
            self.runq.append(g)
        else:
            self.runqputslow(g)

    def runqputslow(self, g: Goroutine) -> None:
        """Go's ``runqputslow``: the local queue is full, so its older half and
        ``g`` move to the tail of the global queue."""
        q = self.runq
        self.globq.extend([q.popleft() for _ in range(RUNQ_SIZE // 2)])
        self.globq.append(g)

    def runqget(self) -> Goroutine | None:
        """The next goroutine to run: the queue part of Go's ``findRunnable``.

        Every 61st schedule takes the global queue's head first (fairness);
        then ``runnext``, which inherits the time slice (so it does not count
        as a schedule); then the local queue; then a batch from the global
        queue (at most half the local queue's size; the first runs, the rest
        move to the local queue). Counts ``schedtick`` as Go's ``execute`` does.
        """
        globq = self.globq
        if globq and self.schedtick % GLOBAL_CHECK == 0:
            self.schedtick += 1
            return globq.popleft()
        g = self.runnext
        if g is not None:
            self.runnext = None
            return g
        if self.runq:
            self.schedtick += 1
            return self.runq.popleft()
        if globq:
            self.schedtick += 1
            g = globq.popleft()
            runq = self.runq
            for _ in range(min(len(globq), RUNQ_SIZE // 2 - 1)):
                runq.append(globq.popleft())
            return g
        return None

    def park(self, reason: str | None = None) -> None:
        """Go's ``gopark``: the running goroutine waits until someone calls ``ready``.

        Then switch to the next goroutine: directly to the next runnable one
        (one greenlet switch), or to the hub when a fresh greenlet, a timer or
        a blocking call's result needs attention, or when nothing can run.
        With no ``reason`` the caller only gives up the processor: it has put
        itself back on the run queue (``gosched``) or has finished (a worker
        greenlet going back to the pool).

        While the program is being torn down, a goroutine that waits (in a
        ``finally`` block, or after catching ``Goexit``) goes back to
        ``teardown``, which resumes it if something wakes it and unwinds it
        again with ``Goexit`` if nothing does.

        Raises ``Goexit`` when the program is stopping (the goroutine is being
        unwound), and, in the main goroutine of the top-level program, the
        exception that ended the program (a deadlock, a crash, an interrupt).
        """
        cur = self.cur
        if reason is not None:
            if self.dying:
                self._park_dying(cur, reason)
                return
            cur.waitreason = reason  # type: ignore[union-attr]
        if self.inflight or (self.timers and (self.real or self.timers[0][0] <= self.vnow)):
            self._poll()  # Go's schedule() runs due timers first (checkTimers)
        # runqget(), with its common case spelled out: runnext, when this is
        # not a 61st schedule with work on the global queue.
        g = self.runnext
        if g is not None and not (self.globq and self.schedtick % GLOBAL_CHECK == 0):
            self.runnext = None
        else:
            g = self.runqget()
        if g is not None:
            glet = g.glet
            if glet is None and self.pool:
                glet = g.glet = self.pool.pop()
            if glet is not None:
                self.cur = g
                if hook is not None:
                    hook("switch", cur, reason, g)  # "block" (if reason) + "run"
                try:
                    glet.switch()
                except KeyboardInterrupt as e:
                    self._hub_died(e)
                    raise
                return
            self.nextg = g  # the hub starts it on a fresh greenlet
        if hook is not None and reason is not None:
            hook("block", cur, reason)
        self.cur = None
        try:
            self.hub.switch()
        except KeyboardInterrupt as e:
            self._hub_died(e)
            raise

    def _hub_died(self, e: KeyboardInterrupt) -> None:
        """An interrupt came out of the switch in ``park``: in the top-level
        program's main goroutine, either the program's outcome (the hub raises
        it into main) or the hub's death by an interrupt that landed outside its
        handlers. Then main ends the program itself (raising its outcome)."""
        if self.toplevel and not self.finished and self.hub.dead:
            self._interrupt(e)
            self._finish()

    def _park_dying(self, g: Goroutine | None, reason: str) -> None:
        """``park`` while the program is being torn down: back to ``teardown``.

        It switches back here if something woke the goroutine meanwhile (say,
        the unlock that ``Cond.wait`` waits for to take ``L`` back), else it
        throws ``Goexit`` in again.
        """
        un = self.unwinder
        me = getcurrent()
        if g is None or un is None or me is un or g.glet is not me or un.dead:
            raise Goexit()
        g.waitreason = reason
        self.parked_dying.add(g.id)
        self.cur = None
        un.switch()

    def gosched(self) -> None:
        """Go's ``Gosched`` (``goschedImpl``): the running goroutine goes to the
        tail of the *global* run queue, so everything on the local one runs first."""
        if self.dying:
            return
        g = self.cur
        assert g is not None
        self.globq.append(g)
        self.park()

    def goyield(self) -> None:
        """Go's ``goyield``: like ``gosched``, but to the tail of the *local* queue
        (a semaphore's direct handoff lets the woken waiter run at once)."""
        if self.dying:
            return
        g = self.cur
        assert g is not None
        self.runqputtail(g)
        self.park()

    def _worker(self) -> None:
        """The body of every goroutine greenlet: run goroutines until the pool is full."""
        me = getcurrent()
        while True:
            g = self.cur
            assert g is not None
            try:
                # Spelled out so CPython inlines the call: a shallower C stack
                # makes every later greenlet switch of this goroutine cheaper.
                args = g.args
                if g.kwargs:
                    r = g.fn(*args, **g.kwargs)
                elif not args:
                    r = g.fn()
                elif len(args) == 1:
                    r = g.fn(args[0])
                elif len(args) == 2:
                    r = g.fn(args[0], args[1])
                elif len(args) == 3:
                    r = g.fn(args[0], args[1], args[2])
                else:
                    r = g.fn(*args)
                if r is not None:
                    _check_result(g, r)  # an async def or generator function ran nothing
                    if g is self.main:
                        self.main_result = r
                    r = None  # Go frees what a goroutine leaves behind when it exits
                if g.ondone is not None:
                    g.ondone()
            except Goexit:
                if g is self.main and not self.dying:
                    # Go's runtime.Goexit in main: main is gone, the others run on,
                    # and the program can only end in a deadlock report.
                    self.main_goexit = True
            except BaseException as e:
                ki = _interrupt_of(e)
                if not self.dying and self.crash is None:
                    self.crash = (g, e if ki is None else ki)
                elif ki is not None:
                    self._interrupt(ki)  # Ctrl-C while the program ends: not lost
            # goexit0(g), spelled out: once per goroutine.
            if hook is not None and g.id in self.allg:
                hook("exit", g)
            g.glet = None
            g.args = ()
            g.kwargs = None
            self.allg.pop(g.id, None)
            if self.cur is g:
                self.cur = None
            if g is self.main and not self.main_goexit:
                self.main_done = True
                return
            if self.dying or self.crash is not None:
                return
            # Go's schedule() after goexit0; this greenlet runs the next
            # goroutine if that one has none yet, else goes back to the pool.
            if self.inflight or (self.timers and (self.real or self.timers[0][0] <= self.vnow)):
                self._poll()
            # runqget(), with its common case here spelled out: the local queue.
            runq = self.runq
            if runq and self.runnext is None and (self.schedtick % GLOBAL_CHECK
                                                  or not self.globq):
                self.schedtick += 1
                nxt: Goroutine | None = runq.popleft()
            else:
                nxt = self.runqget()
            if nxt is not None and nxt.glet is None:
                nxt.glet = me
                self.cur = nxt
                if hook is not None:
                    hook("run", nxt)
                continue
            # To the pool, keeping nothing of the goroutine that ended here.
            self.pool.append(me)
            g = None
            args = ()
            if nxt is None:
                self.cur = None
                self.hub.switch()
            else:
                self.cur = nxt
                if hook is not None:
                    hook("run", nxt)
                glet = nxt.glet
                assert glet is not None
                nxt = None
                glet.switch()

    def goexit0(self, g: Goroutine) -> None:
        """Go's ``goexit0``: the goroutine is gone."""
        if hook is not None and g.id in self.allg:
            hook("exit", g)
        g.glet = None
        g.args = ()
        g.kwargs = None
        self.allg.pop(g.id, None)
        if self.cur is g:
            self.cur = None

    # --- the hub: timers, blocking results, deadlock, the end ---------------

    def _hub_loop(self) -> Any:
        """The hub's life: schedule until the program ends, then end it.

        A Ctrl-C that lands anywhere in here (a timer's callback, the wait for
        a blocking call, the end of the program) ends the program: the loop
        goes round again, ``_schedule`` sees the crash, and ``_finish`` starts
        (or resumes) the end.
        """
        while True:
            try:
                self._schedule()
                return self._finish()
            except KeyboardInterrupt as e:
                if self.finished:
                    raise  # the program's own outcome, on its way out
                self._interrupt(e)

    def _schedule(self) -> None:
        """Start or resume goroutines until the program has ended."""
        while True:
            g = self.nextg
            if g is not None and self.crash is None and not self.dying:
                self.nextg = None
            else:
                g = self._findrunnable()
                if g is None:
                    return
            self.cur = g
            if hook is not None:
                hook("run", g)
            glet = g.glet
            if glet is None:
                if self.pool:
                    glet = g.glet = self.pool.pop()
                else:
                    glet = g.glet = greenlet(_gstart, parent=self.hub)
            glet.switch()

    def _findrunnable(self) -> Goroutine | None:
        """Go's ``findRunnable``: the next goroutine to run, or None when the program ended."""
        while True:
            if self.crash is not None or self.main_done or self.dying:
                return None
            self._poll()
            g = self.runqget()
            if g is not None:
                return g
            if len(self.pool) > POOL_KEEP:
                self._kill_pool(POOL_KEEP)  # idle: let surplus greenlets go
            if self.inflight:
                # A blocking call is in flight: wait for it (time stands still
                # on the virtual clock meanwhile, as in synctest).
                timeout = None
                if self.real and self.timers:
                    timeout = max(0.0, (self.timers[0][0] - self.nanotime()) / 1e9)
                self._wait_completion(timeout)
                continue
            if not self._timers_can_wake():
                self._deadlock()
                return None
            when = self.timers[0][0]
            if self.real:
                delay = (when - self.nanotime()) / 1e9
                if delay > 0:
                    self._wait_completion(delay)
            else:
                if when > self.vnow:
                    if hook is not None:
                        hook("clock", self.vnow, when)
                    self.vnow = when
                self._run_timers()

    def _poll(self) -> None:
        """Collect finished blocking calls and fire due timers."""
        if self.inflight:
            comp = self.completions
            while True:
                try:
                    call, ok, value = comp.get_nowait()
                except queue.Empty:
                    break
                if call.abandoned:
                    continue
                self.inflight -= 1
                if not self.dying:
                    call.done(ok, value)
        if self.timers and (self.real or self.timers[0][0] <= self.vnow):
            self._run_timers()

    def _wait_completion(self, timeout: float | None) -> None:
        # Short slices keep Ctrl-C responsive on every platform.
        slice_ = 0.25 if timeout is None else min(timeout, 0.25)
        if _idle is not None:  # the browser: no threads, so wait on its event loop
            _idle(slice_)
            return
        try:
            item = self.completions.get(timeout=slice_)
        except queue.Empty:
            return
        self.completions.put(item)

    # --- timers ---------------------------------------------------------------

    def nanotime(self) -> int:
        """Monotonic nanoseconds on this program's clock."""
        if self.real:
            return _pytime.monotonic_ns() - self.base
        return self.vnow

    def now(self) -> datetime:
        """Wall-clock time on this program's clock (UTC, aware)."""
        if self.real:
            return datetime.now(UTC)
        return VIRTUAL_EPOCH + timedelta(microseconds=self.vnow // 1000)

    def wall_of(self, when: int) -> datetime:
        """The wall-clock time of a monotonic instant ``when``."""
        return self.now() - timedelta(microseconds=(self.nanotime() - when) // 1000)

    def add_timer(self, t: Timer, when: int) -> None:
        """Arm ``t`` to fire at monotonic time ``when`` (replacing any earlier arming)."""
        if t.seq:
            self.del_timer(t)
        if when > MAX_WHEN:
            when = MAX_WHEN  # Go's maxWhen: now + a huge Duration must not overflow int64
        self.timerseq += 1
        t.seq = self.timerseq
        t.when = when
        t.sched = self
        self.ntimers += 1
        if t.strong:
            self.nstrong += 1
        heapq.heappush(self.timers, (when, t.seq, t))
        if hook is not None:
            hook("timer", t, when)

    def del_timer(self, t: Timer) -> bool:
        """Disarm ``t``; True if it was armed. Its heap entry goes stale (lazy removal)."""
        if not t.seq:
            return False
        t.seq = 0
        self.ntimers -= 1
        if t.strong:
            self.nstrong -= 1
        timers = self.timers
        while timers and timers[0][2].seq != timers[0][1]:
            heapq.heappop(timers)
        if len(timers) > 2 * self.ntimers + 64:
            # Mostly stale entries (e.g. many contexts cancelled before their
            # deadline): rebuild, so the heap stays O(armed timers).
            self.timers = [e for e in timers if e[2].seq == e[1]]
            heapq.heapify(self.timers)
        return True

    def _run_timers(self) -> None:
        now = self.nanotime()
        timers = self.timers
        while timers:
            when, seq, t = timers[0]
            if t.seq != seq:
                heapq.heappop(timers)
                continue
            if when > now:
                break
            heapq.heappop(timers)
            t.seq = 0
            self.ntimers -= 1
            if t.strong:
                self.nstrong -= 1
            if t.period > 0:
                # A ticker: re-arm at the next multiple of its period, dropping missed ticks.
                self.add_timer(t, when + t.period * (1 + (now - when) // t.period))
            if hook is not None:
                hook("fire", t, when)
            t.f(t.arg, when)

    def run_timer(self, t: Timer) -> bool:
        """Go's ``maybeRunChan``: fire ``t`` now if it is armed and due; True if it fired.

        A receive from a timer's channel calls it, so an expired timer's value
        is there at once, not only at the next schedule."""
        if not t.seq or t.when > self.nanotime():
            return False
        when = t.when
        self.del_timer(t)
        if t.period > 0:
            now = self.nanotime()
            self.add_timer(t, when + t.period * (1 + (now - when) // t.period))
        if hook is not None:
            hook("fire", t, when)
        t.f(t.arg, when)
        return True

    def _timers_can_wake(self) -> bool:
        """Go's ``checkdead`` view of timers: could any armed timer wake a goroutine?"""
        if self.nstrong:
            return True
        return any(t.seq == seq and t.c is not None and t.c.recvq.n
                   for _, seq, t in self.timers)

    # --- the end of a program -------------------------------------------------

    def _deadlock(self) -> None:
        gs = list(self.allg.values())
        if not gs and self.main_goexit:
            # Go's checkdead: no goroutine left at all, because main called Goexit.
            self.crash = (None, Deadlock("no goroutines (main called runtime.Goexit) - deadlock!"))
            return
        msg = "all goroutines are asleep - deadlock!\n\n" + self.dump(gs) + self._other_threads(gs)
        self.crash = (None, Deadlock(msg))

    def _other_threads(self, gs: list[Goroutine]) -> str:
        """The deadlock report's note when another OS thread is involved: each thread
        runs its own program, and a goroutine of one never wakes one of another."""
        mine = self.thread
        names = {t.ident: t.name for t in threading.enumerate()}
        foreign = []
        for g in gs:
            sg = g.sg  # the sudog of a plain send or receive, live while it waits
            c = getattr(sg, "c", None) if sg is not None and sg.live else None
            if c is not None and getattr(c, "thread", mine) != mine:
                foreign.append(f"goroutine {g.id} waits on a channel made on thread "
                               f"{names.get(c.thread, c.thread)}")
        others = [name for ident, name in names.items()
                  if ident != mine and ident in _sched_threads]
        if not foreign and not others:
            return ""
        why = "; ".join(foreign) if foreign else \
            f"goconc programs are also running on other threads: {', '.join(others)}"
        return (f"\n\n({why}. Each OS thread runs its own goconc program, and a goroutine "
                f"of one cannot wake a goroutine of another: a channel, lock or WaitGroup "
                f"shared between them is never handed over. Run every goroutine that uses "
                f"it in one program.)")

    def dump(self, gs: list[Goroutine] | None = None) -> str:
        """A goroutine dump in Go's shape (``goroutine 1 [chan receive]:`` + frames)."""
        if gs is None:
            gs = list(self.allg.values())
        parts = []
        for g in gs:
            lines = [f"goroutine {g.id} [{g.state}]:"]
            frame: FrameType | None = None
            glet = g.glet
            if glet is not None and g is not self.cur:
                frame = glet.gr_frame
            elif g is self.cur:
                frame = sys._getframe(1)
            if frame is None and g.waitreason is None and g.glet is None:
                name = getattr(g.fn, "__qualname__", repr(g.fn))
                lines.append(f"{name}(...)\n\t(not started)")
            for func, fname, line in user_frames(frame):
                lines.append(f"{func}(...)\n\t{fname}:{line}")
            if g.parent_id and g.site_code is not None:
                lines.append(
                    f"created by {g.site_code.co_qualname} in goroutine {g.parent_id}\n"
                    f"\t{show_path(g.site_code.co_filename)}:{g.site_line}")
            parts.append("\n".join(lines))
        return "\n\n".join(parts)

    def site(self, g: Goroutine) -> str:
        """Where ``g`` was started, as ``file:line``."""
        if g.site_code is None:
            return "?"
        return f"{show_path(g.site_code.co_filename)}:{g.site_line}"

    def teardown(self, keep: Goroutine | None = None) -> None:
        """Unwind every goroutine but ``keep`` with ``Goexit``, in creation order.

        Their ``finally`` and ``with`` blocks run. One that waits meanwhile
        comes back here (``_park_dying``): it is resumed if something wakes it,
        else unwound again; one that goes on catching ``Goexit`` and waiting is
        abandoned (``MAX_UNWINDS``). Then the pooled greenlets and the hub end,
        so that nothing of the program stays alive. A Ctrl-C meanwhile is kept
        (see ``_interrupt``) and the unwinding goes on; calling it again
        carries on where it stopped.
        """
        self.dying = True
        while True:
            try:
                self._teardown(keep)
                return
            except KeyboardInterrupt as e:
                self._interrupt(e)

    def _teardown(self, keep: Goroutine | None) -> None:
        me = getcurrent()
        self.unwinder = me
        allg = self.allg
        while True:
            gs = [g for g in allg.values() if g is not keep and g.glet is not me]
            if not gs:
                break
            for g in gs:
                if allg.get(g.id) is g:
                    self._unwind(g, me)
                self._report_interrupt()
        self._kill_pool(0)
        hub = self.hub
        if hub is not me and hub and not hub.dead:
            # The top-level program's hub, waiting in its loop: end it too.
            if hub.parent is not me:
                hub.parent = me
            hub.throw(GreenletExit)
        self.unwinder = None
        self.cur = keep
        self.parked_dying.clear()
        self.runnext = self.nextg = None
        self.runq.clear()
        self.globq.clear()
        self.timers.clear()
        self.ntimers = 0
        self.nstrong = 0

    def _unwind(self, g: Goroutine, me: greenlet) -> None:
        """One step of teardown for ``g``: throw Goexit in (or resume it, if it was
        woken while waiting in a finally block); afterwards it has ended, or it
        waits again (then it comes back to this on the next round)."""
        glet = g.glet
        if glet is None or glet.dead or not glet:
            self.goexit0(g)  # never started, or its greenlet has ended
            return
        gid = g.id
        woken = gid in self.parked_dying and g.waitreason is None
        if woken:
            n = self.resumes[gid] = self.resumes.get(gid, 0) + 1
            if n > MAX_RESUMES:
                self._abandon(g)
                return
        else:
            n = self.unwinds.get(gid, 0)
            if n >= MAX_UNWINDS:
                self._abandon(g)
                return
            self.unwinds[gid] = n + 1
        self.parked_dying.discard(gid)
        self.cur = g
        if glet.parent is not me:
            glet.parent = me
        try:
            if woken:
                glet.switch()
            else:
                glet.throw(Goexit())
        except KeyboardInterrupt as e:
            self._interrupt(e)  # its greenlet ended by an interrupt outside its handlers
        except Goexit:
            pass  # a pooled greenlet that g had been given but had not started on
        self.cur = None
        if glet.dead:
            self.goexit0(g)

    def _abandon(self, g: Goroutine) -> None:
        """Give up on ``g``: it swallows Goexit. It never runs again (see ``_abandoned``)."""
        glet = g.glet
        if glet is not None:
            _abandoned.append(glet)
        name = getattr(g.fn, "__qualname__", None) or "goroutine"
        self.abandoned.append(
            f"goroutine {g.id} ({name}), created by goroutine {g.parent_id} at {self.site(g)}")
        self.goexit0(g)

    def _kill_pool(self, keep: int) -> None:
        """End the pooled greenlets beyond the first ``keep`` (Go frees idle g's too)."""
        pool = self.pool
        me = getcurrent()
        while len(pool) > keep:
            glet = pool[-1]
            if glet and not glet.dead:
                glet.parent = me
                glet.throw(GreenletExit)  # it waits outside any goroutine's code: it just ends
            pool.pop()

    def _interrupt(self, e: KeyboardInterrupt) -> None:
        """Ctrl-C reached goconc's own code (the hub, the end of a program, an
        unwinding goroutine): the program ends with it, whatever it was doing."""
        crash = self.crash
        if crash is not None and isinstance(crash[1], KeyboardInterrupt):
            return
        if crash is not None and e.__context__ is None:
            e.__context__ = crash[1]
        self.crash = (None, e)
        self.dumped = False

    def _report_interrupt(self) -> None:
        """After an interrupt: print the goroutine dump, once."""
        crash = self.crash
        if crash is not None and isinstance(crash[1], KeyboardInterrupt) and not self.dumped:
            dump = self.dump()
            print("goconc: interrupted; stopping every goroutine of the program."
                  + ("\n\n" + dump if dump else ""), file=sys.stderr)
            self.dumped = True

    def _uninstall(self) -> None:
        """This thread's program is no longer this one: back to the one it ran in."""
        if self.race is not None:
            from ._race import stop
            stop(self.race)
        if getattr(_tls, "sched", None) is self:
            if self.prev is not None and not self.prev.dead:
                _tls.sched = self.prev
            else:
                del _tls.sched

    def _warn_abandoned(self) -> None:
        if self.abandoned:
            gs, self.abandoned = self.abandoned, []
            n = len(gs)
            they, their = ("It", "its") if n == 1 else ("They", "their")
            msg = (f"{n} goroutine{'s' if n != 1 else ''} abandoned: caught Goexit and "
                   f"blocked again, {MAX_UNWINDS} times, while the program ended (a bare "
                   f"`except:` or `except BaseException:` around a blocking call swallows "
                   f"Goexit: catch Exception instead). {they} will never run again, and "
                   f"{their} remaining finally blocks will not run:\n" + "\n".join(gs))
            warnings.warn_explicit(AbandonWarning(msg), AbandonWarning, "<goconc>", 0)

    def _finish(self) -> Any:
        """End the program: report, unwind everyone, uninstall, then return main's
        value or raise what ended it.

        Runs on the hub; on the caller of ``run()`` or on the top-level main if
        an interrupt killed the hub. An interrupt in the middle of it is kept
        (``_interrupt``) and the end is started again, so each step can be
        repeated without harm, and the outcome is then ``KeyboardInterrupt``.
        """
        if not self.reported:
            crash = self.crash
            if hook is not None and crash is not None:
                if isinstance(crash[1], Deadlock):
                    hook("deadlock", str(crash[1]))
                else:
                    hook("crash", crash[0], crash[1])
            if crash is None and not self.toplevel and self.leaks != "ignore":
                leaked = [g for g in self.allg.values() if g.waitreason is not None]
                if leaked:
                    n = len(leaked)
                    self.leak_report = (
                        f"{n} goroutine{'s' if n != 1 else ''} still blocked when main "
                        f"returned (leaked):\n\n" + self.dump(leaked))
            self.reported = True
        self._report_interrupt()
        self.teardown(keep=self.main if self.toplevel else None)
        self._report_interrupt()  # Ctrl-C while they were unwound
        self.dead = True
        self._uninstall()
        self._warn_abandoned()
        crash = self.crash
        if crash is None:
            report, self.leak_report = self.leak_report, ""
            result, self.main_result = self.main_result, None
            self.finished = True
            if report:
                if self.leaks == "raise":
                    raise Leak(report)
                warnings.warn_explicit(LeakWarning(report), LeakWarning, "<goconc>", 0)
            return result
        g, exc = crash
        if not self.annotated:
            self.annotated = True
            self._annotate(g, exc)
        self.finished = True
        # On the hub of the top-level program, this ends the hub and raises exc in
        # main, the hub's parent, where main parked.
        raise exc

    def _annotate(self, g: Goroutine | None, exc: BaseException) -> None:
        if g is not None and g is not self.main:
            if not isinstance(getattr(exc, "__notes__", []), list):
                return  # add_note would raise TypeError: leave the user's __notes__ alone
            name = getattr(g.fn, "__qualname__", None) or "goroutine"
            exc.add_note(f"in goroutine {g.id} ({name}), "
                         f"created by goroutine {g.parent_id} at {self.site(g)}")

    def end_toplevel(self) -> None:
        """End the top-level program (``reset()``, an interrupted cell): unwind every
        goroutine but main, and leave it; the next use of goconc starts a new one."""
        try:
            self.teardown(keep=self.main)
        finally:
            self.dead = True
            self.finished = True
            self._uninstall()
        self._warn_abandoned()


def _interrupt_of(e: BaseException) -> KeyboardInterrupt | None:
    """The Ctrl-C behind ``e``: ``e`` itself, or one that ``e`` was raised while
    handling (an interrupt in the middle of a lock's bookkeeping makes the
    ``with`` block's unlock fail next). Ctrl-C ends the program whatever
    happened while it unwound a goroutine."""
    seen = 0
    x: BaseException | None = e
    while x is not None and seen < 20:
        if isinstance(x, KeyboardInterrupt):
            return x
        x = x.__context__
        seen += 1
    return None


def _check_result(g: Goroutine, r: Any) -> None:
    """A goroutine's function returned ``r``: if the function is an ``async def`` or a
    generator function, ``r`` is a coroutine or generator and none of its body ran.
    Raise the TypeError that says so (it crashes the program, naming where the
    goroutine was started); ``go()`` leaves this check to here, as it is cheaper
    on a value than on every function."""
    try:
        check_fn(g.fn, "go")
    except TypeError:
        close = getattr(r, "close", None)
        if close is not None:
            close()  # no "coroutine was never awaited" warning on top
        raise


def check_fn(fn: Any, where: str) -> None:
    """Raise TypeError unless ``fn`` can be a goroutine: a callable whose call runs it.

    Calling an ``async def`` or generator function only makes a coroutine or a
    generator and runs none of the body, so such a goroutine would silently do
    nothing.
    """
    f = fn
    while isinstance(f, functools.partial):
        f = f.func
    f = getattr(f, "__func__", f)
    code = getattr(f, "__code__", None)
    if not isinstance(code, CodeType):
        if not callable(fn):
            if where == "go":
                raise TypeError(f"go: cannot call non-function {fn!r}")
            raise TypeError(f"{where}: main must be callable, not {type(fn).__name__}")
        return
    flags = code.co_flags
    if not flags & _CO_NOT_PLAIN:
        return
    name = getattr(f, "__qualname__", None) or repr(fn)
    if flags & 0x80:  # CO_COROUTINE
        what = "an async function: calling it only creates a coroutine"
        fix = (f"define it with def, not async def (a coroutine runs with "
               f"asyncio.run({name}()), outside goconc)")
    elif flags & 0x200:  # CO_ASYNC_GENERATOR
        what = "an async generator function: calling it only creates an async generator"
        fix = "define it with def, not async def, and without yield"
    else:
        what = "a generator function: calling it only creates a generator"
        fix = "drop the yield, and send the values on a channel instead"
    raise TypeError(f"{where}: {name} is {what} and runs none of its body. "
                    f"A goroutine runs a plain function: {fix}")


def goready(g: Goroutine) -> None:
    """Go's ``goready``: a waiting goroutine becomes runnable.

    It does what Go's ``runqput(pp, gp, next=true)`` does, as ``newproc`` does
    for a new goroutine: ``g`` goes into ``runnext``, and the goroutine that was
    there moves to the tail of the local run queue. So ``g`` runs as soon as the
    running goroutine stops, and the others in the order they became runnable.
    The hot paths (``go``, ``newproc``, a channel handoff) spell these lines out.
    """
    g.waitreason = None
    s = g.sched
    old = s.runnext
    s.runnext = g
    if old is not None:
        if len(s.runq) < RUNQ_SIZE:
            s.runq.append(old)
        else:
            s.runqputslow(old)
    if hook is not None:
        hook("ready", g)


def goreadylist(glist: list[Goroutine]) -> None:
    """``goready`` for every goroutine of ``glist``, the last first: Go's
    ``closechan`` collects the waiters on a gList, a stack, and pops each into
    ``goready``. Done in bulk, with the end state that readying them one at a
    time gives: ``glist[0]``, readied last, holds ``runnext``; what ``runnext``
    held, then the rest from the last to the second, went one by one to the tail
    of the local run queue, each overflowing it (``runqputslow``) when full.
    All of ``glist`` waits on one channel, so on one scheduler.
    """
    if not glist:
        return
    s = glist[0].sched
    old = s.runnext
    s.runnext = glist[0]
    tail = glist[:0:-1]
    if old is not None:
        tail.insert(0, old)
    runq = s.runq
    i, n = 0, len(tail)
    while i < n:
        room = RUNQ_SIZE - len(runq)
        if room > 0:
            runq.extend(tail[i:i + room])
            i += room
        else:
            s.runqputslow(tail[i])
            i += 1
    if hook is not None:
        for g in reversed(glist):
            hook("ready", g)


def _gstart() -> None:
    """The run of every goroutine greenlet. A plain function finds its scheduler
    (the hub starting it is this thread's current one): a bound method would
    cost an object and a C frame, saved with the stack, per greenlet."""
    _tls.sched._worker()


def _no_fn() -> None:
    """The function of a main goroutine that is the caller itself."""


def getsched() -> Scheduler:
    """The program this thread is running: a ``run()``'s, or else the top-level one."""
    try:
        s: Scheduler = _tls.sched
    except AttributeError:
        return _new_toplevel()
    if s.dead:  # left behind by an interrupt (see run()): a fresh program instead
        return _new_toplevel()
    return s


def _new_toplevel() -> Scheduler:
    """The top-level program of this thread, made on first use (and after each end)."""
    if getattr(_tls, "blocking_thread", False):
        raise RuntimeError(
            "goconc.blocking: the blocking function used goconc (a channel, a lock, "
            "time.sleep, ...), but it runs on a thread of its own, outside the program, "
            "where no goroutine can wait or be woken. Give blocking() only the blocking "
            "call (file, socket, database) and do the goconc part in the goroutine.")
    cfg = getattr(_tls, "config", ("real", None, False, False))
    s = _tls.sched = Scheduler(cfg[0], cfg[1], toplevel=True)
    if cfg[2] or cfg[3]:
        from . import _race
        s.race = _race.start(s, None, cfg[2], cfg[3])
    return s


def reset(clock: str = "real", seed: int | None = None, *, race: bool = False,
          preempt: bool = False) -> None:
    """Start a fresh top-level program, where the calling code is the main goroutine.

    Call it at the top of a notebook (``goconc.reset(clock="virtual", seed=1)``)
    to get deterministic output: the virtual clock and a seeded ``select``.
    Goroutines of the previous top-level program are unwound with ``Goexit``.
    ``race`` and ``preempt`` are ``run()``'s: in a notebook the cells that
    follow are watched, and each race is reported under the cell that raced.

    Raises:
        RuntimeError: when called inside ``run()`` or from a goroutine other
            than the top-level main.
    """
    if clock not in ("real", "virtual"):
        raise ValueError(f'clock must be "real" or "virtual", not {clock!r}')
    old: Scheduler | None = getattr(_tls, "sched", None)
    if old is not None and not old.dead:
        if not old.toplevel:
            raise RuntimeError("goconc.reset() cannot be called inside goconc.run()")
        if old.cur is not old.main and getcurrent() is not old.main.glet:
            raise RuntimeError("goconc.reset() must be called from the main goroutine")
        old.end_toplevel()
    _tls.config = (clock, seed, race, preempt)
    s = _tls.sched = Scheduler(clock, seed, toplevel=True)
    if race or preempt:
        from . import _race
        s.race = _race.start(s, None, race, preempt)


def interrupted() -> None:
    """The top-level main goroutine (a notebook cell) was interrupted in its own code.

    After an interrupt no goroutine of the old program may run again: print
    the dump and end the top-level program, as an interrupt that lands in a
    goroutine or in the scheduler does. The next use of goconc starts a new
    one, with the same clock and seed. The notebook integration calls this
    when a cell ends with ``KeyboardInterrupt``.
    """
    s: Scheduler | None = getattr(_tls, "sched", None)
    if s is None or s.dead or not s.toplevel or getcurrent() is not s.main.glet:
        return
    if len(s.allg) > 1:
        s._interrupt(KeyboardInterrupt())
        s._report_interrupt()
    s.end_toplevel()


def run(main: Callable[..., Any], *args: Any, clock: str = "real", seed: int | None = None,
        leaks: str = "warn", race: bool = False, preempt: bool = False, **kwargs: Any) -> Any:
    """Run ``main(*args, **kwargs)`` as goroutine 1 of a fresh program and return its value.

    Args:
        main: the program's main function.
        clock: ``"real"`` or ``"virtual"`` (see ``Scheduler``).
        seed: seeds every random choice; with the virtual clock, the same
            program and seed give byte-identical output.
        leaks: what to do with goroutines still blocked when main returns:
            ``"warn"`` (``LeakWarning``), ``"raise"`` (``Leak``) or ``"ignore"``.
            They are unwound with ``Goexit`` in every case.
        race: Go's ``-race``: watch the user's reads and writes and report each
            data race on stderr (see ``goconc._race``); nothing is watched without it.
        preempt: let the scheduler switch goroutines at any watched access (a
            coin from the seeded RNG), the way Go's can stop a goroutine anywhere.

    Raises:
        Deadlock: when every goroutine is blocked forever.
        BaseException: the exception that escaped any goroutine (the same
            object, with a note naming the goroutine), after every other
            goroutine was unwound.
        Leak: with ``leaks="raise"``.
        DataRace: with ``race=True``, when main returned and races were found.
        RuntimeError: when called from a goroutine (a program has one main).
    """
    if leaks not in ("warn", "raise", "ignore"):
        raise ValueError(f'leaks must be "warn", "raise" or "ignore", not {leaks!r}')
    check_fn(main, "goconc.run")
    prev: Scheduler | None = getattr(_tls, "sched", None)
    if prev is not None and prev.dead:
        prev = None
    if prev is not None and (not prev.toplevel or getcurrent() is not prev.main.glet):
        cur = prev.cur
        raise RuntimeError(
            f"goconc.run() called from goroutine {cur.id if cur is not None else '?'} of a "
            f"running program: a program has one main, and a second one here would stop "
            f"every other goroutine until it ended. Start the function as a goroutine "
            f"with go(...) instead.")
    s = Scheduler(clock, seed)
    s.leaks = leaks
    g = s._newg(main, args, kwargs, 0, None)
    s.main = g
    s.prev = prev
    s.runq.append(g)
    if race or preempt:  # the race detector (goconc._race), only when asked for
        from . import _race
        s.race = _race.start(s, main, race, preempt)
    try:
        _tls.sched = s
        result = s.hub.switch()
    except KeyboardInterrupt as e:
        if s.finished:
            raise
        # Ctrl-C killed the hub outside its handlers (or landed here before it
        # started): end the program from here.
        s._interrupt(e)
        result = s._finish()
    finally:
        if getattr(_tls, "sched", None) is s:
            s._uninstall()
    if s.race is not None:
        _race.finish(s.race)
    return result


def go(fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> None:
    """Start ``fn(*args, **kwargs)`` in a new goroutine (Go's ``go`` statement).

    Like Go, the arguments are evaluated now, in the caller; the call runs
    later, when the scheduler gets to it. The caller keeps running; the new
    goroutine goes into ``runnext`` (as Go's ``newproc`` does), so it runs
    first when the caller blocks, and goroutines started before it follow in
    the order they were started.
    """
    if not callable(fn):
        raise TypeError(f"go: cannot call non-function {fn!r}")
    # newproc, spelled out: this is the cost of every goroutine.
    try:
        s: Scheduler = _tls.sched
    except AttributeError:
        s = getsched()
    f = sys._getframe(1)
    cur = s.cur
    s.goidgen = gid = s.goidgen + 1
    g = Goroutine(s, gid, fn, args, kwargs or None, cur.id if cur is not None else 0,
                  f.f_code, f.f_lasti)
    s.allg[gid] = g
    if not s.dying:
        old = s.runnext  # goready's runqput, spelled out
        s.runnext = g
        if old is not None:
            if len(s.runq) < RUNQ_SIZE:
                s.runq.append(old)
            else:
                s.runqputslow(old)
    if hook is not None:
        hook("go", g, cur)


def blocking(fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
    """Run a blocking call (file, socket, database) on a thread of its own.

    Only the calling goroutine waits, parked as ``[syscall]``; the others keep
    running, the way Go hands a goroutine in a blocking system call its own
    OS thread (an M) and lets the P go on. Idle threads are reused; a call
    that never returns keeps its thread, and no other call waits for it. On
    the virtual clock, time stands still while the call is in flight. The
    threads are daemons: the process exits at once when the program ends,
    even with a call still running, as Go's does.

    ``fn`` must not use goconc itself (it runs outside the program): that
    raises RuntimeError.

    Returns what ``fn`` returns, or raises what it raises.

    Raises:
        Fatal: ``runtime: program exceeds 10000-thread limit`` (Go's limit on
            threads), or when the OS refuses a new thread.
    """
    s = getsched()
    g = s.cur
    assert g is not None

    def done(ok: bool, value: Any) -> None:
        g.param = (ok, value)
        goready(g)

    submit_blocking(s, fn, args, kwargs, done)
    g.param = None
    s.park("syscall")
    ok, value = g.param
    g.param = None
    if ok:
        return value
    raise value


class BlockingCall:
    """A call running on a thread for ``blocking()``; see ``submit_blocking``."""

    __slots__ = ("abandoned", "done", "sched")

    def __init__(self, s: Scheduler, done: Callable[[bool, Any], None]) -> None:
        self.sched = s
        self.done = done
        self.abandoned = False

    def abandon(self) -> None:
        """Stop waiting for the call: it no longer holds off deadlock detection or
        the virtual clock, and its result, when it comes, is dropped."""
        if not self.abandoned:
            self.abandoned = True
            self.sched.inflight -= 1


#: A call for a ``blocking()`` thread: it does the work and returns the delivery of its result.
_Call = Callable[[], Callable[[], None]]


class _Threads:
    """The threads of ``blocking()`` calls (Go's Ms in system calls), for the process.

    Each call in flight has a thread of its own: an idle one if there is one,
    else a new daemon thread. An idle thread offers itself on ``idle`` as a
    ticket (a one-item list holding its inbox) and waits on the inbox for
    ``THREAD_IDLE_SECONDS``; whoever pops the ticket first (a caller handing it
    a call, or the thread itself giving up) wins it. Only single C-level
    operations (``SimpleQueue.put``/``get``, ``list.pop``, ``set.add``) touch
    the shared state, so no lock is held where Ctrl-C can land.
    """

    def __init__(self) -> None:
        self.idle: queue.SimpleQueue[list[queue.SimpleQueue[_Call]]] = queue.SimpleQueue()
        self.threads: set[threading.Thread] = set()

    def start(self, call: _Call) -> None:
        """Run ``call`` on a thread; what it returns (the result's delivery) runs
        there too, once the thread is idle again: so the next call, which the
        delivered result may prompt at once, finds it idle."""
        idle = self.idle
        while True:
            try:
                ticket = idle.get_nowait()
            except queue.Empty:
                break
            try:
                inbox = ticket.pop()
            except IndexError:
                continue  # that thread has just given up waiting
            inbox.put(call)
            return
        if len(self.threads) >= MAX_THREADS:
            raise Fatal(f"runtime: program exceeds {MAX_THREADS}-thread limit "
                        f"(goconc.blocking calls in flight)\nfatal error: thread exhaustion")
        t = threading.Thread(target=self._loop, args=(call,), name="goconc-blocking",
                             daemon=True)
        self.threads.add(t)
        try:
            t.start()
        except RuntimeError as e:  # the OS would not make another thread
            self.threads.discard(t)
            raise Fatal(f"runtime: failed to create new OS thread (have {len(self.threads)} "
                        f"already; {e})\nfatal error: newosproc") from None

    def _loop(self, call: _Call) -> None:
        _tls.blocking_thread = True
        inbox: queue.SimpleQueue[_Call] = queue.SimpleQueue()
        try:
            while True:
                deliver = call()
                ticket = [inbox]
                self.idle.put(ticket)
                deliver()
                try:
                    call = inbox.get(timeout=THREAD_IDLE_SECONDS)
                except queue.Empty:
                    try:
                        ticket.pop()
                    except IndexError:  # a caller took the ticket just now: its call comes
                        try:
                            call = inbox.get(timeout=THREAD_IDLE_SECONDS)
                        except queue.Empty:
                            return  # that caller was interrupted before handing it over
                    else:
                        return
        finally:
            self.threads.discard(threading.current_thread())


_threads = _Threads()


def submit_blocking(s: Scheduler, fn: Callable[..., Any], args: tuple[Any, ...],
                    kwargs: dict[str, Any], done: Callable[[bool, Any], None]) -> BlockingCall:
    """Start ``fn(*args, **kwargs)`` on a thread of its own; ``done(ok, result)`` runs later
    on the scheduler (never on that thread), unless the program has ended or
    the call was abandoned.

    Until then the program counts a call in flight: no deadlock is reported and
    the virtual clock stands still.
    """
    comp = s.completions
    handle = BlockingCall(s, done)

    def call() -> Callable[[], None]:
        try:
            value = fn(*args, **kwargs)
        except BaseException as e:  # handed back to the scheduler
            return functools.partial(comp.put, (handle, False, e))
        return functools.partial(comp.put, (handle, True, value))

    _threads.start(call)
    s.inflight += 1
    return handle
