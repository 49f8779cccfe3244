"""goconc's race detector (race=True) and preemption (preempt=True), unit by unit.

The verdicts against real Go's -race are in tests/test_race_corpus.py; here:
the vector clocks and FastTrack epochs, every happens-before edge with and
without it, the report's shape and place names, what is watched, that nothing
is installed or paid without race=True, and that preempt=True is deterministic.
"""

from __future__ import annotations

import builtins
import random
import re
import subprocess
import sys
import textwrap
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import goconc
from goconc import (
    _race,
    _runtime,
    atomic,
    chan,
    context,
    errgroup,
    go,
    runtime,
    semaphore,
    sync,
    time,
)


def races(main: Callable[[], Any], **kw: Any) -> list[str]:
    """Run ``main`` with race=True on the virtual clock: the reports (none: [])."""
    try:
        goconc.run(main, clock="virtual", seed=1, race=True, **kw)
    except goconc.DataRace as e:
        assert str(e) == f"Found {len(e.reports)} data race(s)"
        return e.reports
    return []


# --- vector clocks ------------------------------------------------------------------------

def test_acquire_joins_and_release_ticks_the_own_clock() -> None:
    d = _race.Detector(None, True, False)
    x = object()
    a = _race._GInfo(1, {1: 5, 2: 1}, [])
    b = _race._GInfo(2, {2: 3}, [])
    d.release(a, x)  # merge a's clock into x's, then a moves on
    assert a.vc == {1: 6, 2: 1}
    d.acquire(b, d.sync[id(x)][1])
    assert b.vc == {1: 5, 2: 3}  # joined: the max per goroutine
    d.release(b, x)  # a merge keeps what x knew
    assert d.sync[id(x)][1] == {1: 5, 2: 3}
    assert b.vc == {1: 5, 2: 4}
    d.release(a, x, store=True)  # a store (Go's racerelease) replaces it
    assert d.sync[id(x)][1] == {1: 6, 2: 1}


@pytest.mark.parametrize("seed", range(20))
def test_the_shortcuts_give_the_clocks_of_plain_joins(seed: int) -> None:
    """``known``, ``base`` and ``delta`` (joins that skip what a clock already has) end
    with the same clocks as the textbook rules, over random acquires, releases, stores,
    goroutine handoffs and new goroutines."""
    rng = random.Random(seed)
    d = _race.Detector(None, True, False)
    objs = [object() for _ in range(4)]
    gs = [_race._GInfo(i, {i: 1}, []) for i in range(1, 4)]
    plain = {g.id: dict(g.vc) for g in gs}  # the model: a dict per goroutine ...
    psync: dict[int, dict[int, int]] = {}  # ... and per object

    def join(a: dict[int, int], b: dict[int, int]) -> dict[int, int]:
        return {k: max(a.get(k, 0), b.get(k, 0)) for k in a.keys() | b.keys()}

    for _ in range(400):
        g = rng.choice(gs)
        x = rng.choice(objs)
        op = rng.random()
        if op < 0.3:
            e = d.sync.get(id(x))
            if e is not None:
                d.acquire(g, e[1])
                plain[g.id] = join(plain[g.id], psync[id(x)])
        elif op < 0.75:
            store = rng.random() < 0.4
            d.release(g, x, store)
            psync[id(x)] = dict(plain[g.id]) if store or id(x) not in psync else join(
                psync[id(x)], plain[g.id])
            plain[g.id][g.id] += 1
        elif op < 0.85:  # an unbuffered handoff orders both ways (Go's racesync)
            h = rng.choice(gs)
            if h is not g:
                d._sync(g, h)
                plain[h.id] = join(plain[h.id], plain[g.id])
                plain[g.id][g.id] += 1
                plain[g.id] = join(plain[g.id], plain[h.id])
                plain[h.id][h.id] += 1
        elif len(plain) < 40:  # g starts a goroutine, and may finish
            new = _race._GInfo(len(plain) + 1, dict(g.vc), [])
            new.vc[new.id] = 1
            g.tick()
            plain[new.id] = dict(plain[g.id]) | {new.id: 1}
            plain[g.id][g.id] += 1
            if rng.random() < 0.5 and len(gs) > 1:
                gs.remove(g)
                g.forget()
            gs.append(new)
        for gi in gs:
            assert {k: v for k, v in gi.vc.items() if v} == {
                k: v for k, v in plain[gi.id].items() if v}
        for k, (_, vc, _) in d.sync.items():
            assert {a: v for a, v in vc.items() if v} == {
                a: v for a, v in psync[k].items() if v}


def test_a_place_used_by_one_goroutine_stays_an_epoch() -> None:
    class Box:
        v = 0

    box = Box()
    seen: list[Any] = []

    def main() -> None:
        d = _runtime.getsched().race
        for _ in range(100):
            box.v = box.v + 1
        sh = d.shadow[(id(box), "v")]
        seen.append((sh.r, sh.rtid, sh.rclk, sh.wtid, sh.wclk))
        wg = sync.WaitGroup()

        def reader() -> None:
            _ = box.v

        wg.go(reader)
        wg.go(reader)
        wg.wait()
        sh = d.shadow[(id(box), "v")]
        seen.append(sorted(sh.r) if sh.r is not None else None)

    goconc.run(main, clock="virtual", seed=1, race=True)
    # one goroutine: the last read and write are epochs (goroutine 1 at clock 1)
    assert seen[0] == (None, 1, 1, 1, 1)
    # two goroutines read concurrently: the reads become a clock
    assert seen[1] == [2, 3]


# --- happens-before, edge by edge: with the edge no race, without it a race ------------

def edge_go(with_edge: bool) -> Callable[[], None]:
    def main() -> None:
        x = [0]
        done = chan(bool, 1)

        def read() -> None:
            print(x[0])
            done.send(True)

        if with_edge:
            x[0] = 1
            go(read)
        else:
            go(read)
            runtime.gosched()
            x[0] = 1
        done.recv()
    return main


def edge_send(with_edge: bool) -> Callable[[], None]:
    def main() -> None:
        x = [0]
        c = chan(int, 1)

        def worker() -> None:
            x[0] = 1
            c.send(0)

        go(worker)
        if with_edge:
            c.recv()
        else:
            time.sleep(time.Millisecond)
        print(x[0])
    return main


def edge_unbuffered_recv(with_edge: bool) -> Callable[[], None]:
    def main() -> None:
        x = [0]
        c = chan(int, 0 if with_edge else 1)  # with a buffer, the send completes first
        done = chan(bool, 1)

        def worker() -> None:
            x[0] = 1
            c.recv()
            done.send(True)

        go(worker)
        time.sleep(time.Millisecond)
        c.send(0)
        print(x[0])
        done.recv()
    return main


def edge_buffer_slot(with_edge: bool) -> Callable[[], None]:
    def main() -> None:
        cap = 1 if with_edge else 2  # k-th receive before the (k+C)-th send
        sem = chan(None, cap)
        n = [0]
        wg = sync.WaitGroup()

        def worker() -> None:
            sem.send(None)
            n[0] += 1
            runtime.gosched()
            sem.recv()
            wg.done()

        for _ in range(2):
            wg.add(1)
            go(worker)
        wg.wait()
    return main


def edge_close(with_edge: bool) -> Callable[[], None]:
    def main() -> None:
        x = [0]
        done = chan()

        def worker() -> None:
            x[0] = 1
            if with_edge:
                done.close()

        go(worker)
        if with_edge:
            done.recv()
        else:
            time.sleep(time.Millisecond)
        print(x[0])
    return main


def edge_mutex(with_edge: bool) -> Callable[[], None]:
    def main() -> None:
        mu = sync.Mutex()
        wg = sync.WaitGroup()
        total = [0]

        def add() -> None:
            if with_edge:
                with mu:
                    total[0] += 1
            else:
                total[0] += 1
            wg.done()

        for _ in range(2):
            wg.add(1)
            go(add)
        wg.wait()
    return main


def edge_rwmutex(with_edge: bool) -> Callable[[], None]:
    def main() -> None:
        mu = sync.RWMutex()
        wg = sync.WaitGroup()
        box = {"n": 0}

        def writer() -> None:
            mu.lock()
            box["n"] += 1
            mu.unlock()
            wg.done()

        def reader() -> None:
            if with_edge:
                mu.rlock()
            _ = box["n"]
            if with_edge:
                mu.runlock()
            wg.done()

        wg.add(3)
        go(writer)
        go(reader)
        go(writer)
        wg.wait()
    return main


def edge_waitgroup(with_edge: bool) -> Callable[[], None]:
    def main() -> None:
        wg = sync.WaitGroup()
        x = [0]

        def work() -> None:
            x[0] = 1

        if with_edge:
            wg.go(work)
            wg.wait()
        else:
            go(work)
            time.sleep(time.Millisecond)
        print(x[0])
    return main


def edge_once(with_edge: bool) -> Callable[[], None]:
    def main() -> None:
        once = sync.Once()
        wg = sync.WaitGroup()
        cfg: list[int] = [0]

        def setup() -> None:
            cfg[0] = 8080

        def worker() -> None:
            if with_edge:
                once.do(setup)
            else:
                setup()
            _ = cfg[0]
            wg.done()

        for _ in range(2):
            wg.add(1)
            go(worker)
        wg.wait()
    return main


def edge_atomic(with_edge: bool) -> Callable[[], None]:
    def main() -> None:
        ready = atomic.Bool()
        plain = [False]
        x = [0]

        def worker() -> None:
            x[0] = 1
            ready.store(True)
            plain[0] = True

        go(worker)
        if with_edge:
            while not ready.load():
                runtime.gosched()
        else:
            time.sleep(time.Millisecond)
        print(x[0])
    return main


def edge_context(with_edge: bool) -> Callable[[], None]:
    def main() -> None:
        ctx, cancel = context.with_cancel(context.background())
        reason = [""]

        def stop() -> None:
            reason[0] = "shutdown"
            cancel()

        go(stop)
        if with_edge:
            d = ctx.done()
            assert d is not None
            d.recv()
        else:
            time.sleep(time.Millisecond)
        print(reason[0])
    return main


def edge_errgroup(with_edge: bool) -> Callable[[], None]:
    def main() -> None:
        g = errgroup.Group()
        out = [0, 0]

        def work() -> None:
            out[1] = 5

        g.go(work)
        if with_edge:
            g.wait()
        else:
            time.sleep(time.Millisecond)
        print(out[1])
        g.wait()
    return main


def edge_semaphore(with_edge: bool) -> Callable[[], None]:
    def main() -> None:
        sem = semaphore.Weighted(1)
        ctx = context.background()
        total = [0]
        wg = sync.WaitGroup()

        def add() -> None:
            if with_edge:
                sem.acquire(ctx, 1)
            total[0] += 1
            runtime.gosched()
            if with_edge:
                sem.release(1)
            wg.done()

        for _ in range(2):
            wg.add(1)
            go(add)
        wg.wait()
    return main


def edge_after_func(with_edge: bool) -> Callable[[], None]:
    def main() -> None:
        msg = [""]
        done = chan(bool)

        def f() -> None:
            print(msg[0])
            done.send(True)

        if with_edge:
            msg[0] = "hello"
            time.after_func(time.Millisecond, f)
        else:
            time.after_func(time.Millisecond, f)
            time.sleep(2 * time.Millisecond)
            msg[0] = "hello"
        done.recv()
    return main


EDGES = [edge_go, edge_send, edge_unbuffered_recv, edge_buffer_slot, edge_close, edge_mutex,
         edge_rwmutex, edge_waitgroup, edge_once, edge_atomic, edge_context, edge_errgroup,
         edge_semaphore, edge_after_func]


@pytest.mark.parametrize("edge", EDGES, ids=[e.__name__ for e in EDGES])
def test_each_edge_orders_and_its_absence_is_a_race(edge: Callable[[bool], Callable[[], None]],
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert races(edge(True)) == [], capsys.readouterr().err
    found = races(edge(False))
    assert len(found) >= 1
    assert "WARNING: DATA RACE" in capsys.readouterr().err


def test_close_not_ordered_after_a_send_is_a_race() -> None:
    def main() -> None:
        c = chan(int, 1)
        go(lambda: c.send(1))
        time.sleep(time.Millisecond)
        c.close()

    (r,) = races(main)
    assert "Write at a channel (chan int) by main goroutine" in r
    assert "Previous read at a channel (chan int) by goroutine 2" in r


def test_wg_add_inside_the_goroutine_is_caught() -> None:
    def main() -> None:
        wg = sync.WaitGroup()
        mu = sync.Mutex()
        count = [0]

        def worker() -> None:
            wg.add(1)
            with mu:
                count[0] += 1
            wg.done()

        for _ in range(3):
            go(worker)
        wg.wait()
        print(count[0])
        time.sleep(time.Millisecond)

    (r,) = races(main)
    assert "count[0]" in r and "Previous read at count[0] by main goroutine" in r


# --- the report ---------------------------------------------------------------------

class Counter:
    def __init__(self) -> None:
        self.n = 0

    def inc(self) -> None:
        self.n += 1


def counter_main() -> None:
    c = Counter()
    wg = sync.WaitGroup()
    for _ in range(2):
        wg.go(c.inc)
    wg.wait()


def _line(fn: Callable[..., Any], text: str) -> int:
    import inspect
    lines, first = inspect.getsourcelines(fn)
    return first + next(i for i, ln in enumerate(lines) if text in ln)


def test_the_report_has_gos_shape(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(goconc.DataRace) as info:
        goconc.run(counter_main, clock="virtual", seed=1, race=True)
    assert isinstance(info.value, goconc.Fatal)
    inc = _line(Counter.inc, "self.n += 1")
    go_line = _line(counter_main, "wg.go(c.inc)")
    here = "tests/test_race.py"
    want = textwrap.dedent(f"""\
        ==================
        WARNING: DATA RACE
        Read at Counter.n by goroutine 2:
          Counter.inc()
              {here}:{inc}

        Previous write at Counter.n by goroutine 3:
          Counter.inc()
              {here}:{inc}

        Goroutine 2 (running) created at:
          counter_main()
              {here}:{go_line}

        Goroutine 3 (finished) created at:
          counter_main()
              {here}:{go_line}
        ==================""")
    assert info.value.reports == [want]
    err = capsys.readouterr().err
    assert err == want + "\nFound 1 data race(s)\n"


def test_places_are_named_readably() -> None:
    results = [0] * 4
    hits: dict[str, int] = {}

    class Box:
        n = 0

    box = Box()

    def main() -> None:
        global counter
        wg = sync.WaitGroup()

        def w1() -> None:
            global counter
            counter += 1
            results[3] = 1
            hits["a"] = 1
            box.n = 1
            wg.done()

        wg.add(2)
        go(w1)
        go(w1)
        wg.wait()

    text = "\n".join(races(main))
    for place in ("counter", "results[3]", "hits['a']", "Box.n"):
        assert f" at {place} by " in text, (place, text)


def test_a_container_read_whole_is_named_by_its_source() -> None:
    results = [0] * 2
    hits: dict[int, int] = {}

    def main() -> None:
        def w(i: int) -> None:
            results[i] = i
            hits[i] = 1

        go(w, 0)
        go(w, 1)
        time.sleep(time.Second)  # orders nothing
        for _ in results:
            pass
        print(len(hits), 1 in hits, [r for r in results])

    text = "\n".join(races(main))
    assert "Read at results[0] by main goroutine" in text, text
    assert "Read at hits by main goroutine" in text, text
    assert "__gr_" not in text, text


counter = 0


def test_each_race_once_per_pair_of_lines() -> None:
    def main() -> None:
        c = Counter()
        wg = sync.WaitGroup()
        for _ in range(50):
            wg.go(c.inc)
        wg.wait()

    assert len(races(main)) == 1


def test_user_frames_only_and_nested_calls() -> None:
    def deep(c: Counter) -> None:
        c.inc()

    def main() -> None:
        c = Counter()
        wg = sync.WaitGroup()
        wg.go(deep, c)
        wg.go(deep, c)
        wg.wait()

    (r,) = races(main)
    assert "goconc/" not in r and "Counter.inc()" in r
    assert "test_user_frames_only_and_nested_calls.deep()" in r


# --- what is watched --------------------------------------------------------------------

def test_containers_as_go_places() -> None:
    def list_items() -> None:  # different items: no race
        xs = [0, 0]
        wg = sync.WaitGroup()
        def first() -> None:
            xs[0] = 1

        wg.go(first)

        def second() -> None:
            xs[1] = 1

        wg.go(second)
        wg.wait()

    def dict_keys() -> None:  # a dict is one place
        d: dict[str, int] = {}
        wg = sync.WaitGroup()

        def a() -> None:
            d["a"] = 1

        def b() -> None:
            d["b"] = 1

        wg.go(a)
        wg.go(b)
        wg.wait()

    def set_add() -> None:
        s: set[int] = set()
        q: deque[int] = deque()
        wg = sync.WaitGroup()

        def a() -> None:
            s.add(1)
            q.append(1)

        wg.go(a)
        wg.go(a)
        wg.wait()

    def iterate_while_appending() -> None:
        xs: list[int] = []
        wg = sync.WaitGroup()

        def a() -> None:
            xs.append(1)

        def b() -> None:
            for _ in xs:
                pass
            print(len(xs))

        wg.go(a)
        wg.go(b)
        wg.wait()

    assert races(list_items) == []
    assert len(races(dict_keys)) == 1
    assert len(races(set_add)) == 2
    assert len(races(iterate_while_appending)) == 1


def test_locals_are_not_watched_and_immutable_values_are_fine() -> None:
    def main() -> None:
        wg = sync.WaitGroup()

        def work(i: int) -> None:
            total = 0
            for j in range(i):
                total += j
            t = (1, 2)
            _ = t[0] + len("abc")

        for i in range(3):
            wg.go(work, i)
        wg.wait()

    assert races(main) == []


def test_a_race_free_program_prints_and_returns_as_without_race(
        capsys: pytest.CaptureFixture[str]) -> None:
    def main() -> int:
        results = [0] * 3
        wg = sync.WaitGroup()
        for i in range(3):
            def sq(i: int = i) -> None:
                results[i] = i * i
            wg.go(sq)
        wg.wait()
        print(results)
        return sum(results)

    assert goconc.run(main, clock="virtual", seed=1, race=True) == 5
    assert capsys.readouterr() == ("[0, 1, 4]\n", "")


# --- off costs nothing; on, everything is put back ----------------------------------------

def test_without_race_nothing_is_installed() -> None:
    script = textwrap.dedent("""
        import builtins, sys
        import goconc
        from goconc import sync, _runtime
        class C:
            def inc(self): self.n = 1
        def main():
            c = C()
            code = C.inc.__code__
            wg = sync.WaitGroup()
            wg.go(c.inc)
            assert _runtime.hook is None
            wg.wait()
            assert C.inc.__code__ is code
        lock = sync.Mutex.lock
        goconc.run(main, clock="virtual")
        assert "goconc._race" not in sys.modules, "the detector was imported"
        assert not any(n.startswith("__gr_") for n in dir(builtins))
        assert sync.Mutex.lock is lock
        print("clean")
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=60)
    assert out.stdout == "clean\n", out.stderr


def test_after_a_race_run_everything_is_put_back() -> None:
    code = Counter.inc.__code__
    methods = {n: getattr(sync.Mutex, n) for n in ("lock", "unlock", "__enter__", "__exit__")}
    wg_methods = {n: getattr(sync.WaitGroup, n) for n in ("add", "done", "wait")}
    with pytest.raises(goconc.DataRace):
        goconc.run(counter_main, clock="virtual", seed=1, race=True)
    assert Counter.inc.__code__ is code
    assert {n: getattr(sync.Mutex, n) for n in methods} == methods
    assert {n: getattr(sync.WaitGroup, n) for n in wg_methods} == wg_methods
    assert _runtime.hook is None
    assert _race._active is None
    # the code that stays compiled with helpers records nothing now
    assert builtins.__gr_ra__(Counter(), "n") == 0  # type: ignore[attr-defined]


def test_the_hook_chains_with_a_trace() -> None:
    tr = goconc.trace(counter_main, race=False)
    assert tr.events
    tr = goconc.trace(counter_main, race=True)
    assert isinstance(tr.error, goconc.DataRace) and len(tr.error.reports) == 1
    assert len(tr.events) == len(goconc.trace(counter_main).events)


# --- preempt -----------------------------------------------------------------------------

class UnsafeCounter:
    def __init__(self) -> None:
        self.n = 0
        self.mu = sync.Mutex()

    def inc(self) -> None:
        self.n += 1

    def safe_inc(self) -> None:
        with self.mu:
            self.n += 1


def lost_updates() -> tuple[int, int]:
    def count(safe: bool) -> int:
        c = UnsafeCounter()
        wg = sync.WaitGroup()
        for _ in range(200):
            wg.go(c.safe_inc if safe else c.inc)
        wg.wait()
        return c.n
    return count(False), count(True)


def test_without_preempt_no_update_is_lost() -> None:
    assert goconc.run(lost_updates, clock="virtual", seed=1) == (200, 200)


def test_preempt_loses_updates_reproducibly() -> None:
    outs = {goconc.run(lost_updates, clock="virtual", seed=7, preempt=True) for _ in range(20)}
    assert len(outs) == 1, outs
    (unsafe, safe), = outs
    assert unsafe < 200 and safe == 200
    other = goconc.run(lost_updates, clock="virtual", seed=8, preempt=True)
    assert other[1] == 200 and other[0] < 200


def test_preempt_same_seed_same_output_20_runs(tmp_path: Path) -> None:
    script = textwrap.dedent("""
        import goconc
        from goconc import go, sync
        def main():
            wg = sync.WaitGroup()
            log = []
            def w(i):
                for j in range(3):
                    log.append((i, j))
                wg.done()
            for i in range(4):
                wg.add(1)
                go(w, i)
            wg.wait()
            print(log)
        goconc.run(main, clock="virtual", seed=3, preempt=True)
    """)
    prog = tmp_path / "prog.py"
    prog.write_text(script)
    outs = set()
    for _ in range(20):
        out = subprocess.run([sys.executable, str(prog)], capture_output=True, text=True,
                             timeout=60)
        assert out.returncode == 0, out.stderr
        outs.add(out.stdout)
    assert len(outs) == 1
    prog.write_text(script.replace(", preempt=True", ""))
    plain = subprocess.run([sys.executable, str(prog)], capture_output=True, text=True,
                           timeout=60).stdout
    assert plain != outs.pop()  # the goroutines did interleave


def test_race_and_preempt_name_the_counter(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(goconc.DataRace):
        goconc.run(lost_updates, clock="virtual", seed=1, race=True, preempt=True)
    err = capsys.readouterr().err
    assert re.search(r"(Read|Write) at UnsafeCounter\.n by goroutine \d+:", err)
    assert "UnsafeCounter.safe_inc" not in err


# --- notebooks: %%goconc --race and reset(race=True) --------------------------------------

def run_ipython(cells: list[str]) -> str:
    script = textwrap.dedent('''
        from IPython.testing.globalipapp import start_ipython
        ip = start_ipython()
        for cell in CELLS:
            r = ip.run_cell(cell)
            if r.error_in_exec is not None:
                print("ERROR:", type(r.error_in_exec).__name__, r.error_in_exec)
    ''').replace("CELLS", repr(cells))
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=120)
    return out.stdout + out.stderr


def test_goconc_magic_race_flag() -> None:
    text = run_ipython([
        "%load_ext goconc.magic\nfrom goconc import go, sync",
        "%%goconc --race\nn = 0\nwg = sync.WaitGroup()\ndef inc():\n    nonlocal n\n"
        "    n += 1\n    wg.done()\nwg.add(2)\ngo(inc)\ngo(inc)\nwg.wait()\nprint(n)",
    ])
    assert "WARNING: DATA RACE" in text and "at n by goroutine" in text, text
    assert "ERROR: DataRace Found 1 data race(s)" in text, text
    assert "<cell>:6" in text, text


def test_reset_race_in_a_script_says_found_at_exit_and_what_it_cannot_watch(
        tmp_path: Path) -> None:
    script = tmp_path / "prog.py"
    script.write_text(textwrap.dedent("""\
        import goconc
        from goconc import go, time
        goconc.reset(clock="virtual", seed=1, race=True)
        n = 0
        def inc():
            global n
            n += 1
        go(inc)
        go(inc)
        time.sleep(time.Second)
        print(n)
        """))
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         timeout=120, cwd=tmp_path)
    assert out.stdout == "2\n"
    err = out.stderr
    assert f"{script.name}:3: RuntimeWarning: goconc.reset(race=True) watches the functions" \
        in err, err
    assert "Read at n by goroutine 2:" in err and "prog.py:7" in err, err
    assert err.endswith("==================\nFound 1 data race(s)\n"), err


def test_reset_race_watches_the_next_cells() -> None:
    text = run_ipython([
        "import goconc\nfrom goconc import go, sync, time\n"
        "goconc.reset(clock='virtual', seed=1, race=True)",
        "hits = {}\ndef w(k):\n    hits[k] = 1\ngo(w, 'a')\ngo(w, 'b')\ntime.sleep(time.Second)",
        "print(len(hits))",
        "goconc.reset(clock='virtual', seed=1)\nprint(goconc._runtime.hook)",
    ])
    assert "Write at hits['a']" in text or "Write at hits['b']" in text, text
    assert "Previous write at hits by" in text, text
    # The sleep orders nothing: the next cell's len(hits) races with the writes too (Go
    # reports a second race on one variable when its two stacks are new), under that cell.
    assert "Read at hits by main goroutine" in text, text
    assert text.count("Found 1 data race(s)") == 2, text
    assert "__gr_" not in text, text
    assert text.startswith("2\nNone\n"), text
