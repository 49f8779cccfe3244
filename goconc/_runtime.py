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
"""

from __future__ import annotations

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

from greenlet import getcurrent, greenlet

from ._errors import Deadlock, Goexit, Leak, LeakWarning

__all__ = ["Goroutine", "Scheduler", "blocking", "getsched", "go", "reset", "run"]

#: The virtual clock starts here, like Go's testing/synctest.
VIRTUAL_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)

#: Go's P: a local run queue of 256 (``p.runq``), and every 61st schedule
#: looks at the global queue first (``findRunnable``).
RUNQ_SIZE = 256
GLOBAL_CHECK = 61

#: Finished greenlets kept for reuse (Go's gFree list). The pool grows freely
#: while goroutines run (so waking 100,000 costs the same per goroutine as
#: waking 1,000) and is trimmed to this size whenever the program goes idle.
POOL_KEEP = 4096

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
        dirs = {_GOCONC_DIR}
        for key in ("stdlib", "platstdlib", "purelib", "platlib"):
            try:
                dirs.add(sysconfig.get_paths()[key])
            except KeyError:
                pass
        _user_dirs = tuple(sorted(os.path.join(d, "") for d in dirs if d))
    return _user_dirs


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
        # How the program ended.
        self.dying = False
        self.dead = False
        self.crash: tuple[Goroutine | None, BaseException] | None = None
        self.main_done = False
        self.main_result: Any = None
        self.leaks = "warn"
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

        Raises ``Goexit`` when the program is stopping (the goroutine is being
        unwound), and whatever the hub throws into the main goroutine at a
        deadlock or crash.
        """
        __tracebackhide__ = True  # IPython and pytest hide goconc's own frames
        cur = self.cur
        if reason is not None:
            if self.dying:
                raise Goexit()
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
                glet.switch()
                return
            self.nextg = g  # the hub starts it on a fresh greenlet
        if hook is not None and reason is not None:
            hook("block", cur, reason)
        self.cur = None
        self.hub.switch()

    def gosched(self) -> None:
        """Go's ``Gosched`` (``goschedImpl``): the running goroutine goes to the
        tail of the *global* run queue, so everything on the local one runs first."""
        __tracebackhide__ = True  # IPython and pytest hide goconc's own frames
        if self.dying:
            return
        g = self.cur
        assert g is not None
        self.globq.append(g)
        self.park()

    def goyield(self) -> None:
        """Go's ``goyield``: like ``gosched``, but to the tail of the *local* queue
        (a semaphore's direct handoff lets the woken waiter run at once)."""
        __tracebackhide__ = True  # IPython and pytest hide goconc's own frames
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
                if g.ondone is not None:
                    g.ondone()
                if g is self.main:
                    self.main_result = r
            except Goexit:
                pass
            except BaseException as e:
                if not self.dying and self.crash is None:
                    self.crash = (g, e)
            self.goexit0(g)
            if g is self.main:
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
            self.pool.append(me)
            if nxt is None:
                self.cur = None
                self.hub.switch()
            else:
                self.cur = nxt
                if hook is not None:
                    hook("run", nxt)
                nxt.glet.switch()  # type: ignore[union-attr]

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
        while True:
            g = self.nextg
            if g is not None:
                self.nextg = None
            else:
                try:
                    g = self._findrunnable()
                except KeyboardInterrupt as e:
                    self.crash = (None, e)
                    g = None
                if g is None:
                    return self._finish()
            self.cur = g
            if hook is not None:
                hook("run", g)
            glet = g.glet
            if glet is None:
                if self.pool:
                    glet = g.glet = self.pool.pop()
                else:
                    glet = g.glet = greenlet(_gstart, parent=self.hub)
            try:
                glet.switch()
            except KeyboardInterrupt as e:
                # Raised in the hub's own frame while it was switching.
                if self.crash is None:
                    self.crash = (self.cur, e)

    def _findrunnable(self) -> Goroutine | None:
        """Go's ``findRunnable``: the next goroutine to run, or None when the program ended."""
        while True:
            if self.crash is not None or self.main_done:
                return None
            self._poll()
            g = self.runqget()
            if g is not None:
                return g
            if len(self.pool) > POOL_KEEP:
                del self.pool[POOL_KEEP:]  # idle: let surplus greenlets go
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
        msg = "all goroutines are asleep - deadlock!\n\n" + self.dump(gs)
        self.crash = (None, Deadlock(msg))

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
        """Unwind every goroutine but ``keep`` with ``Goexit``, in creation order."""
        self.dying = True
        me = getcurrent()
        for g in list(self.allg.values()):
            if g is keep:
                continue
            glet = g.glet
            if glet is not None and not glet.dead and glet is not me and bool(glet):
                self.cur = g
                try:
                    if glet.parent is not me:
                        glet.parent = me
                    glet.throw(Goexit())
                except BaseException:
                    pass
            self.goexit0(g)
        self.cur = None
        self.runnext = self.nextg = None
        self.runq.clear()
        self.globq.clear()
        self.pool.clear()
        self.timers.clear()
        self.ntimers = 0
        self.nstrong = 0

    def _finish(self) -> Any:
        """Runs on the hub when the program ended: stop everyone, then report."""
        crash = self.crash
        if hook is not None and crash is not None:
            if isinstance(crash[1], Deadlock):
                hook("deadlock", str(crash[1]))
            else:
                hook("crash", crash[0], crash[1])
        if crash is not None and isinstance(crash[1], KeyboardInterrupt):
            print("goconc: interrupted; stopping every goroutine of the program.\n\n"
                  + self.dump(), file=sys.stderr)
        if self.toplevel:
            main = self.main
            self.teardown(keep=main)
            self.dead = True
            if getattr(_tls, "sched", None) is self:
                del _tls.sched
            assert crash is not None
            g, exc = crash
            self._annotate(g, exc)
            assert main.glet is not None
            main.glet.throw(exc)
            raise AssertionError("unreachable: the top-level program ended")  # pragma: no cover
        if crash is None:
            leaked = [g for g in self.allg.values() if g.waitreason is not None]
            report = ""
            if leaked and self.leaks != "ignore":
                n = len(leaked)
                report = (f"{n} goroutine{'s' if n != 1 else ''} still blocked when main "
                          f"returned (leaked):\n\n" + self.dump(leaked))
            self.teardown()
            self.dead = True
            if report:
                if self.leaks == "raise":
                    raise Leak(report)
                warnings.warn_explicit(LeakWarning(report), LeakWarning, "<goconc>", 0)
            return self.main_result
        g, exc = crash
        self.teardown()
        self.dead = True
        self._annotate(g, exc)
        raise exc

    def _annotate(self, g: Goroutine | None, exc: BaseException) -> None:
        if g is not None and g is not self.main:
            name = getattr(g.fn, "__qualname__", None) or "goroutine"
            exc.add_note(f"in goroutine {g.id} ({name}), "
                         f"created by goroutine {g.parent_id} at {self.site(g)}")


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
        return _tls.sched  # type: ignore[no-any-return]
    except AttributeError:
        cfg = getattr(_tls, "config", ("real", None))
        s = _tls.sched = Scheduler(cfg[0], cfg[1], toplevel=True)
        return s


def reset(clock: str = "real", seed: int | None = None) -> None:
    """Start a fresh top-level program, where the calling code is the main goroutine.

    Call it at the top of a notebook (``goconc.reset(clock="virtual", seed=1)``)
    to get deterministic output: the virtual clock and a seeded ``select``.
    Goroutines of the previous top-level program are unwound with ``Goexit``.

    Raises:
        RuntimeError: when called inside ``run()`` or from a goroutine other
            than the top-level main.
    """
    if clock not in ("real", "virtual"):
        raise ValueError(f'clock must be "real" or "virtual", not {clock!r}')
    old: Scheduler | None = getattr(_tls, "sched", None)
    if old is not None:
        if not old.toplevel:
            raise RuntimeError("goconc.reset() cannot be called inside goconc.run()")
        if old.cur is not old.main:
            raise RuntimeError("goconc.reset() must be called from the main goroutine")
        old.teardown(keep=old.main)
        old.dead = True
    _tls.config = (clock, seed)
    _tls.sched = Scheduler(clock, seed, toplevel=True)


def run(main: Callable[..., Any], *args: Any, clock: str = "real", seed: int | None = None,
        leaks: str = "warn", **kwargs: Any) -> Any:
    """Run ``main(*args, **kwargs)`` as goroutine 1 of a fresh program and return its value.

    Args:
        main: the program's main function.
        clock: ``"real"`` or ``"virtual"`` (see ``Scheduler``).
        seed: seeds every random choice; with the virtual clock, the same
            program and seed give byte-identical output.
        leaks: what to do with goroutines still blocked when main returns:
            ``"warn"`` (``LeakWarning``), ``"raise"`` (``Leak``) or ``"ignore"``.
            They are unwound with ``Goexit`` in every case.

    Raises:
        Deadlock: when every goroutine is blocked forever.
        BaseException: the exception that escaped any goroutine (the same
            object, with a note naming the goroutine), after every other
            goroutine was unwound.
        Leak: with ``leaks="raise"``.
    """
    __tracebackhide__ = True  # IPython and pytest hide goconc's own frames
    if leaks not in ("warn", "raise", "ignore"):
        raise ValueError(f'leaks must be "warn", "raise" or "ignore", not {leaks!r}')
    if not callable(main):
        raise TypeError(f"goconc.run: main must be callable, not {type(main).__name__}")
    s = Scheduler(clock, seed)
    s.leaks = leaks
    g = s._newg(main, args, kwargs, 0, None)
    s.main = g
    s.runq.append(g)
    prev = getattr(_tls, "sched", None)
    _tls.sched = s
    try:
        return s.hub.switch()
    finally:
        if prev is None:
            del _tls.sched
        else:
            _tls.sched = prev


def go(fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> None:
    """Start ``fn(*args, **kwargs)`` in a new goroutine (Go's ``go`` statement).

    Like Go, the arguments are evaluated now, in the caller; the call runs
    later, when the scheduler gets to it. The caller keeps running; the new
    goroutine goes into ``runnext`` (as Go's ``newproc`` does), so it runs
    first when the caller blocks, and goroutines started before it follow in
    the order they were started.
    """
    __tracebackhide__ = True  # IPython and pytest hide goconc's own frames
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


_executor: Any = None


def blocking(fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
    """Run a blocking call (file, socket, database) on a worker thread.

    Only the calling goroutine waits, parked as ``[syscall]``; the others keep
    running, the way Go hands a blocking system call off its P. On the
    virtual clock, time stands still while the call is in flight.

    Returns what ``fn`` returns, or raises what it raises.
    """
    __tracebackhide__ = True  # IPython and pytest hide goconc's own frames
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
    """A call running on a worker thread for ``blocking()``; see ``submit_blocking``."""

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


def submit_blocking(s: Scheduler, fn: Callable[..., Any], args: tuple[Any, ...],
                    kwargs: dict[str, Any], done: Callable[[bool, Any], None]) -> BlockingCall:
    """Start ``fn(*args, **kwargs)`` on a worker thread; ``done(ok, result)`` runs later
    on the scheduler (never on the worker thread), unless the program has ended or
    the call was abandoned.

    Until then the program counts a call in flight: no deadlock is reported and
    the virtual clock stands still.
    """
    global _executor
    if _executor is None:
        from concurrent.futures import ThreadPoolExecutor
        _executor = ThreadPoolExecutor(max_workers=64, thread_name_prefix="goconc-blocking")
    comp = s.completions
    handle = BlockingCall(s, done)

    def call() -> None:
        try:
            value = fn(*args, **kwargs)
        except BaseException as e:  # handed back to the scheduler
            comp.put((handle, False, e))
        else:
            comp.put((handle, True, value))

    s.inflight += 1
    _executor.submit(call)
    return handle
