"""Goroutines: go(), run(), num_goroutine, gosched, reprs, deep and many spawns."""

from __future__ import annotations

import functools
import gc
import re
import weakref
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from greenlet import getcurrent, greenlet
from vclock import vrun

import goconc
from goconc import Goroutine, _runtime, chan, go, runtime, time

# --- run() ------------------------------------------------------------------------------


def test_run_returns_what_main_returns() -> None:
    assert vrun(lambda: 42) == 42


def test_run_passes_args_and_kwargs_to_main() -> None:
    def main(a: int, b: int, *, scale: int) -> int:
        return (a + b) * scale

    assert vrun(main, 1, 2, scale=10) == 30


def test_run_returns_none_when_main_returns_nothing() -> None:
    assert vrun(lambda: None) is None


def test_run_rejects_an_unknown_clock() -> None:
    with pytest.raises(ValueError):
        goconc.run(lambda: None, clock="sundial")


def test_run_rejects_an_unknown_leaks_mode() -> None:
    with pytest.raises(ValueError):
        goconc.run(lambda: None, leaks="sometimes")


def test_main_returning_ends_the_program_without_waiting_for_others() -> None:
    log: list[str] = []

    def worker() -> None:
        time.sleep(time.Hour)
        log.append("worker finished")

    def main() -> str:
        go(worker)
        return "main done"

    assert vrun(main) == "main done"
    assert log == []


def test_runs_are_independent_programs() -> None:
    def main() -> int:
        go(time.sleep, time.Hour)
        runtime.gosched()
        return runtime.num_goroutine()

    assert [vrun(main) for _ in range(3)] == [2, 2, 2]


def test_run_from_a_plain_thread_of_the_test_works_twice_in_a_row() -> None:
    def main() -> int:
        ch = chan(int)
        go(ch.send, 5)
        return ch.recv()

    assert goconc.run(main, clock="real") == 5
    assert goconc.run(main, clock="virtual", seed=2) == 5


# --- go() -------------------------------------------------------------------------------


def test_go_runs_fn_with_args_and_kwargs() -> None:
    def worker(out: goconc.Chan[str], a: int, *, b: str) -> None:
        out.send(f"{a}{b}")

    def main() -> str:
        out = chan(str)
        go(worker, out, 1, b="x")
        return out.recv()

    assert vrun(main) == "1x"


def test_go_evaluates_arguments_at_the_go_statement() -> None:
    def main() -> list[int]:
        out = chan(int, 3)
        for i in range(3):
            go(out.send, i)
        return sorted(out.recv() for _ in range(3))

    assert vrun(main) == [0, 1, 2]


def test_go_does_not_run_the_goroutine_until_the_caller_yields() -> None:
    log: list[str] = []

    def main() -> None:
        go(log.append, "goroutine")
        log.append("after go")
        runtime.gosched()
        log.append("after gosched")

    vrun(main)
    assert log == ["after go", "goroutine", "after gosched"]


def test_newest_goroutine_runs_first_then_the_others_in_creation_order() -> None:
    # Go's newproc puts the new goroutine in runnext and moves the one there to
    # the local run queue: with one P, Go prints 9 0 1 ... 8.
    log: list[int] = []

    def main() -> None:
        for i in range(10):
            go(log.append, i)
        runtime.gosched()

    vrun(main)
    assert log == [9, *range(9)]


def test_go_with_a_non_callable_raises_type_error() -> None:
    def main() -> None:
        go(42)  # type: ignore[arg-type]

    with pytest.raises(TypeError):
        vrun(main)


async def _coroutine_fn() -> None:
    pass


def _generator_fn() -> Iterator[int]:
    yield 1


async def _async_generator_fn() -> AsyncIterator[int]:
    yield 1


NOT_PLAIN = [
    pytest.param(_coroutine_fn, "is an async function", id="async-def"),
    pytest.param(_generator_fn, "is a generator function", id="generator"),
    pytest.param(_async_generator_fn, "is an async generator function", id="async-generator"),
    pytest.param(functools.partial(_coroutine_fn), "is an async function", id="partial"),
]


@pytest.mark.parametrize(("fn", "what"), NOT_PLAIN)
def test_a_goroutine_of_a_function_whose_call_runs_nothing_crashes_saying_so(
    fn: Any, what: str,
) -> None:
    # Calling it only makes a coroutine or generator: the goroutine would do nothing.
    # (Checked when it runs, on what it returned: cheaper than on every go().)
    def main() -> None:
        go(fn)
        runtime.gosched()

    with pytest.raises(TypeError, match=f"^go: .*{what}.*A goroutine runs a plain function") \
            as info:
        vrun(main)
    assert re.search(r"in goroutine 2 \(.*\), created by goroutine 1 at .*test_goroutines",
                     " ".join(info.value.__notes__)), info.value.__notes__


def test_wg_go_and_errgroup_go_of_an_async_function_crash_saying_so() -> None:
    def with_wg() -> None:
        wg = goconc.sync.WaitGroup()
        wg.go(_coroutine_fn)
        wg.wait()

    def with_errgroup() -> None:
        goconc.errgroup.Group().go(_coroutine_fn)

    for main in (with_wg, with_errgroup):
        with pytest.raises(TypeError, match="_coroutine_fn is an async function"):
            vrun(main)


@pytest.mark.parametrize(("fn", "what"), NOT_PLAIN)
def test_run_rejects_functions_whose_call_runs_nothing(fn: Any, what: str) -> None:
    with pytest.raises(TypeError, match=f"^goconc.run: .*{what}"):
        vrun(fn)
    assert vrun(lambda: 7) == 7


def test_the_error_for_an_async_function_says_how_to_run_a_coroutine() -> None:
    with pytest.raises(TypeError, match=r"asyncio\.run\(_coroutine_fn\(\)\)"):
        vrun(lambda: [go(_coroutine_fn), runtime.gosched()])


def test_run_inside_a_goroutine_raises_and_the_outer_program_goes_on() -> None:
    # A second main inside a goroutine would stop every other goroutine until it
    # ended (and deadlock if it waits for one of them): say so instead.
    def main() -> str:
        ch = chan(int)
        go(ch.send, 5)
        try:
            goconc.run(ch.recv)
        except RuntimeError as e:
            assert "goconc.run() called from goroutine 1 of a running program" in str(e)
            assert "go(...)" in str(e)
        return f"outer got {ch.recv()}"

    assert vrun(main) == "outer got 5"


# --- runtime.Goexit in main -------------------------------------------------------------


def test_goexit_in_main_lets_the_others_finish_then_reports_no_goroutines() -> None:
    # Go: main's defers run, the other goroutines run to the end, then
    # "fatal error: no goroutines (main called runtime.Goexit) - deadlock!".
    log: list[str] = []

    def other() -> None:
        time.sleep(time.Second)
        log.append("other finished")

    def main() -> None:
        go(other)
        try:
            raise goconc.Goexit
        finally:
            log.append("main's finally")

    with pytest.raises(goconc.Deadlock) as info:
        vrun(main)
    assert str(info.value) == "no goroutines (main called runtime.Goexit) - deadlock!"
    assert log == ["main's finally", "other finished"]


def test_goexit_in_main_with_the_others_blocked_forever_is_the_usual_deadlock() -> None:
    def main() -> None:
        go(lambda: chan(int).recv())
        raise goconc.Goexit

    with pytest.raises(goconc.Deadlock) as info:
        vrun(main)
    text = str(info.value)
    assert text.startswith("all goroutines are asleep - deadlock!")
    assert re.search(r"^goroutine 2 \[chan receive\]:$", text, re.M), text
    assert "goroutine 1 " not in text


# --- memory: what a program leaves behind ----------------------------------------------


def _alive() -> tuple[int, int, int]:
    """Live (started, unfinished) greenlets, Goroutines and Schedulers reachable now."""
    gc.collect()
    objs = gc.get_objects()
    me = getcurrent()  # the thread's own greenlet, where the test runs
    return (sum(1 for o in objs if isinstance(o, greenlet) and bool(o) and o is not me),
            sum(1 for o in objs if isinstance(o, Goroutine)),
            sum(1 for o in objs if isinstance(o, _runtime.Scheduler)))


def _busy_program() -> None:
    """Goroutines that finish (their greenlets pooled), block forever (leaked), sleep."""
    wg = goconc.sync.WaitGroup()
    ch = chan(int, 4)
    for i in range(50):
        wg.go(ch.send, i)
        wg.go(ch.recv)
    for _ in range(5):
        go(lambda: chan(int).recv())
        go(time.sleep, time.Hour)
    wg.wait()


def _crashing_program() -> None:
    go(_busy_program)
    go(lambda: chan(int).recv())
    runtime.gosched()
    raise ValueError("boom")


def test_a_finished_program_leaves_no_greenlet_goroutine_or_scheduler_alive() -> None:
    # A live greenlet is never garbage collected, and its frames hold its
    # goroutine, its function and the scheduler: each must have ended.
    before = _alive()
    for _ in range(5):
        vrun(_busy_program)
        with pytest.raises(ValueError):
            vrun(_crashing_program)
        with pytest.raises(goconc.Deadlock):
            vrun(lambda: [go(_busy_program), chan(int).recv()])
    assert _alive() == before


def test_reset_leaves_nothing_of_the_old_toplevel_program_alive() -> None:
    goconc.reset(clock="virtual", seed=1)
    before = _alive()
    try:
        for _ in range(5):
            go(_busy_program)
            time.sleep(time.Second)
            goconc.reset(clock="virtual", seed=1)
        assert _alive() == before
    finally:
        goconc.reset()


class _Big:
    """Stands for a large value; only its lifetime matters."""


def test_a_goroutines_function_arguments_and_return_value_are_freed_when_it_exits() -> None:
    # Go frees a goroutine when it exits: nothing of it stays behind in the
    # greenlet that ran it (now pooled, or running the next goroutine).
    refs: list[weakref.ref[_Big]] = []

    def produce(arg: _Big) -> _Big:
        out = _Big()
        refs.append(weakref.ref(arg))
        refs.append(weakref.ref(out))
        return out

    def main() -> list[bool]:
        go(produce, _Big())
        runtime.gosched()  # produce runs and exits
        gc.collect()
        alive = [r() is not None for r in refs]
        go(lambda: chan(int).recv())  # the next goroutine on that greenlet blocks
        runtime.gosched()
        return alive

    assert vrun(main) == [False, False]


def test_idle_greenlets_beyond_pool_keep_are_ended(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_runtime, "POOL_KEEP", 8)

    def main() -> int:
        before = _alive()[0]
        release = chan(int)
        for _ in range(100):
            go(release.recv)
        runtime.gosched()  # 100 greenlets, each waiting
        release.close()
        runtime.gosched()  # they finish: 100 pooled greenlets
        time.sleep(time.Second)  # idle: the pool is trimmed
        return _alive()[0] - before

    assert vrun(main) <= 8


# --- gosched and num_goroutine ----------------------------------------------------------


def test_gosched_lets_other_goroutines_run_round_robin() -> None:
    log: list[str] = []

    def worker(name: str) -> None:
        for i in range(3):
            log.append(f"{name}{i}")
            runtime.gosched()

    def main() -> None:
        go(worker, "a")
        go(worker, "b")
        for _ in range(10):
            runtime.gosched()

    vrun(main)
    # b is in runnext, a on the local queue; each gosched goes to the global
    # queue, which is taken only once the local one is empty.
    assert log == ["b0", "a0", "b1", "a1", "b2", "a2"]


def test_gosched_alone_returns_at_once() -> None:
    def main() -> int:
        for _ in range(100):
            runtime.gosched()
        return runtime.num_goroutine()

    assert vrun(main) == 1


def test_num_goroutine_is_one_at_the_start_of_main() -> None:
    assert vrun(runtime.num_goroutine) == 1


def test_num_goroutine_counts_blocked_and_runnable_goroutines() -> None:
    def main() -> list[int]:
        counts = [runtime.num_goroutine()]
        block: goconc.Chan[None] = chan()
        for _ in range(5):
            go(block.recv)
        counts.append(runtime.num_goroutine())  # created, not started
        runtime.gosched()
        counts.append(runtime.num_goroutine())  # all blocked
        block.close()
        runtime.gosched()
        runtime.gosched()
        counts.append(runtime.num_goroutine())  # all finished
        return counts

    assert vrun(main) == [1, 6, 6, 1]


def test_num_goroutine_counts_sleeping_goroutines() -> None:
    def main() -> int:
        for _ in range(3):
            go(time.sleep, time.Second)
        runtime.gosched()
        return runtime.num_goroutine()

    assert vrun(main) == 4


# --- reprs and introspection -------------------------------------------------------------


def test_goroutine_repr_shows_id_and_state() -> None:
    def main() -> list[str]:
        ch = chan(int)
        go(ch.send, 1)
        go(ch.recv)
        go(time.sleep, time.Hour)
        runtime.gosched()
        ch2 = chan(int)
        go(ch2.send, 1)
        runtime.gosched()
        return [repr(g) for g in runtime.goroutines()]

    reprs = vrun(main)
    assert reprs[0] == "<goroutine 1 [running]>"
    assert "<goroutine 4 [sleep]>" in reprs
    assert "<goroutine 5 [chan send]>" in reprs
    assert len(reprs) == 3  # 2 and 3 met and finished


def test_goroutine_repr_of_a_runnable_goroutine() -> None:
    def main() -> str:
        go(lambda: None)
        return repr(runtime.goroutines()[-1])

    assert vrun(main) == "<goroutine 2 [runnable]>"


def test_goroutines_lists_every_goroutine_in_creation_order() -> None:
    def main() -> list[int]:
        block: goconc.Chan[None] = chan()
        for _ in range(4):
            go(block.recv)
        runtime.gosched()
        return [g.id for g in runtime.goroutines()]

    assert vrun(main) == [1, 2, 3, 4, 5]


def test_stack_dumps_every_goroutine_in_gos_shape() -> None:
    def parked_here(ch: goconc.Chan[int]) -> None:
        ch.recv()

    def main() -> str:
        ch = chan(int)
        go(parked_here, ch)
        runtime.gosched()
        dump = runtime.stack()
        ch.send(1)
        return dump

    dump = vrun(main)
    assert re.search(r"^goroutine 1 \[running\]:$", dump, re.M), dump
    assert re.search(r"^goroutine 2 \[chan receive\]:$", dump, re.M), dump
    section = dump[dump.index("goroutine 2 [chan receive]:"):]
    assert "parked_here" in section
    assert "created by" in section
    assert "in goroutine 1" in section


# --- deep and many spawns ----------------------------------------------------------------


def test_chain_of_2000_goroutines_each_started_by_the_previous_does_not_recurse() -> None:
    n = 2000

    def link(i: int, done: goconc.Chan[int]) -> None:
        if i == n:
            done.send(i)
        else:
            go(link, i + 1, done)

    def main() -> int:
        done = chan(int)
        go(link, 1, done)
        return done.recv()

    assert vrun(main) == n


def test_chain_of_2000_live_goroutines_each_waiting_for_the_next() -> None:
    n = 2000

    def link(i: int, up: goconc.Chan[int]) -> None:
        if i == n:
            up.send(i)
            return
        down = chan(int)
        go(link, i + 1, down)
        up.send(down.recv())

    def main() -> tuple[int, int]:
        up = chan(int)
        go(link, 1, up)
        for _ in range(5):
            runtime.gosched()
        return up.recv(), runtime.num_goroutine()

    v, _ = vrun(main)
    assert v == n


def test_chain_of_2000_goroutines_started_without_yielding_between() -> None:
    n = 2000

    def link(i: int, out: goconc.Chan[int]) -> None:
        # go() then immediately block: the child must start on the scheduler's
        # stack, not nested inside this goroutine's.
        if i < n:
            go(link, i + 1, out)
        out.send(i)

    def main() -> int:
        out = chan(int, n)
        go(link, 1, out)
        return sum(out.recv() for _ in range(n))

    assert vrun(main) == n * (n + 1) // 2


def test_many_short_goroutines_one_after_another_reuse_fine() -> None:
    n = 20_000

    def main() -> tuple[int, int]:
        done = chan(int)
        total = 0
        for i in range(n):
            go(done.send, i)
            total += done.recv()
        runtime.gosched()
        return total, runtime.num_goroutine()

    assert vrun(main) == (n * (n - 1) // 2, 1)


def test_many_goroutines_alive_at_once() -> None:
    n = 10_000

    def worker(i: int, start: goconc.Chan[None], out: goconc.Chan[int]) -> None:
        start.recv()
        out.send(i)

    def main() -> tuple[int, int, int]:
        start: goconc.Chan[None] = chan()
        out = chan(int)
        for i in range(n):
            go(worker, i, start, out)
        runtime.gosched()
        alive = runtime.num_goroutine()
        start.close()
        total = sum(out.recv() for _ in range(n))
        runtime.gosched()
        return alive, total, runtime.num_goroutine()

    assert vrun(main) == (n + 1, n * (n - 1) // 2, 1)


def test_goroutines_after_pool_reuse_see_their_own_arguments() -> None:
    def echo(i: int, out: goconc.Chan[tuple[int, int]]) -> None:
        runtime.gosched()
        out.send((i, i * i))

    def main() -> bool:
        out: goconc.Chan[tuple[int, int]] = chan(tuple, 100)
        ok = True
        for round_ in range(20):
            for i in range(100):
                go(echo, round_ * 100 + i, out)
            for _ in range(100):
                i, sq = out.recv()
                ok = ok and sq == i * i
        return ok

    assert vrun(main) is True


def test_exception_caught_inside_a_goroutine_does_not_affect_others() -> None:
    def worker(out: goconc.Chan[str]) -> None:
        try:
            raise ValueError("handled")
        except ValueError as e:
            out.send(str(e))

    def main() -> list[str]:
        out = chan(str)
        go(worker, out)
        go(worker, out)
        return [out.recv(), out.recv()]

    assert vrun(main) == ["handled", "handled"]
