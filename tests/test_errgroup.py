"""errgroup: golang.org/x/sync/errgroup semantics, on the virtual clock."""

from __future__ import annotations

from functools import partial
from typing import Any

import pytest
import vclock

import goconc
from goconc import Panic, context, errgroup, runtime, time
from goconc._runtime import getsched

vrun = partial(vclock.vrun, leaks="raise")  # a leaked goroutine fails the test


def test_wait_with_no_goroutines_returns_at_once() -> None:
    def main() -> None:
        errgroup.Group().wait()

    vrun(main)


def test_wait_waits_for_every_goroutine_and_returns_none_without_errors() -> None:
    def main() -> None:
        g = errgroup.Group()
        finished: list[int] = []

        def task(i: int) -> int:
            time.sleep(i * time.Second)
            finished.append(i)
            return i  # the return value is ignored

        for i in (3, 1, 2):
            g.go(task, i)
        g.wait()  # no error: nothing raised
        assert finished == [1, 2, 3]
        assert time.now().second == 3

    vrun(main)


def test_wait_raises_the_first_error_and_drops_the_later_ones() -> None:
    def main() -> None:
        g = errgroup.Group()
        first = ValueError("first")

        def fail(d: int, err: Exception) -> None:
            time.sleep(d)
            raise err

        g.go(fail, 2 * time.Second, KeyError("second"))
        g.go(fail, time.Second, first)
        g.go(time.sleep, 3 * time.Second)
        with pytest.raises(ValueError) as info:
            g.wait()
        assert info.value is first
        assert time.now().second == 3, "wait returned before every goroutine had"

    vrun(main)


def test_a_panic_in_a_task_is_not_an_error_but_crashes_the_program() -> None:
    def main() -> None:
        g = errgroup.Group()

        def bad() -> None:
            raise Panic("boom")

        g.go(bad)
        g.wait()

    with pytest.raises(Panic, match="boom"):
        vrun(main)


def test_waiting_goroutine_shows_gos_wait_reason() -> None:
    def main() -> None:
        g = errgroup.Group()
        g.go(time.sleep, time.Second)
        goconc.go(g.wait)
        runtime.gosched()
        waiter = runtime.goroutines()[-1]
        assert waiter.state == "sync.WaitGroup.Wait"
        g.wait()

    vrun(main)


# --- with_context -------------------------------------------------------------------------


def test_first_error_cancels_the_context_with_the_error_as_cause() -> None:
    def main() -> None:
        g, ctx = errgroup.with_context(context.background())
        boom = RuntimeError("boom")
        seen: list[Any] = []

        def fail() -> None:
            time.sleep(time.Second)
            raise boom

        def worker() -> None:
            done = ctx.done()
            assert done is not None
            done.recv()
            seen.append((time.now().second, ctx.err(), context.cause(ctx)))

        g.go(worker)
        g.go(fail)
        with pytest.raises(RuntimeError):
            g.wait()
        assert seen == [(1, context.Canceled(), boom)]
        assert seen[0][2] is boom

    vrun(main)


def test_context_is_not_cancelled_while_tasks_run_without_error() -> None:
    def main() -> None:
        g, ctx = errgroup.with_context(context.background())

        def task() -> None:
            time.sleep(time.Second)
            assert ctx.err() is None

        g.go(task)
        g.wait()
        assert ctx.err() == context.Canceled()
        assert isinstance(context.cause(ctx), context.Canceled)

    vrun(main)


def test_wait_cancels_the_context_even_with_no_goroutines() -> None:
    g, ctx = errgroup.with_context(context.background())
    g.wait()
    assert ctx.err() == context.Canceled()


def test_group_context_is_cancelled_with_its_parent() -> None:
    parent, cancel = context.with_cancel(context.background())
    _, ctx = errgroup.with_context(parent)
    cancel()
    assert ctx.err() == context.Canceled()


# --- limits -----------------------------------------------------------------------------


def test_set_limit_bounds_the_active_goroutines() -> None:
    def main() -> None:
        g = errgroup.Group()
        g.set_limit(2)
        active = 0
        peak = 0

        def task() -> None:
            nonlocal active, peak
            active += 1
            peak = max(peak, active)
            time.sleep(time.Second)
            active -= 1

        for _ in range(6):
            g.go(task)
        g.wait()
        assert peak == 2
        assert time.now().second == 3

    vrun(main)


def test_go_over_the_limit_waits_as_a_channel_send() -> None:
    def main() -> None:
        g = errgroup.Group()
        g.set_limit(1)
        g.go(time.sleep, time.Second)
        goconc.go(g.go, time.sleep, time.Second)
        runtime.gosched()
        assert runtime.goroutines()[-1].state == "chan send"
        g.wait()

    vrun(main)


def test_negative_limit_means_no_limit() -> None:
    def main() -> None:
        g = errgroup.Group()
        g.set_limit(1)
        g.set_limit(-1)
        for _ in range(10):
            g.go(time.sleep, time.Second)
        assert runtime.num_goroutine() == 11
        g.wait()

    vrun(main)


def test_limit_zero_lets_no_goroutine_start() -> None:
    def main() -> None:
        g = errgroup.Group()
        g.set_limit(0)
        assert g.try_go(lambda: None) is False
        g.go(lambda: None)

    with pytest.raises(goconc.Deadlock, match=r"\[chan send\]"):
        vrun(main)


def test_modifying_the_limit_while_goroutines_are_active_panics() -> None:
    def main() -> None:
        g = errgroup.Group()
        g.set_limit(5)
        for _ in range(3):
            g.go(time.sleep, time.Second)
        with pytest.raises(Panic) as info:
            g.set_limit(10)
        assert str(info.value) == \
            "errgroup: modify limit while 3 goroutines in the group are still active"
        g.wait()
        g.set_limit(10)

    vrun(main)


def test_try_go_starts_only_below_the_limit() -> None:
    def main() -> None:
        g = errgroup.Group()
        g.set_limit(1)
        assert g.try_go(time.sleep, time.Second) is True
        assert g.try_go(time.sleep, time.Second) is False
        time.sleep(2 * time.Second)
        assert g.try_go(time.sleep, time.Second) is True
        g.wait()

    vrun(main)


def test_try_go_without_a_limit_always_starts() -> None:
    def main() -> None:
        g = errgroup.Group()
        assert all(g.try_go(time.sleep, time.Second) for _ in range(5))
        g.wait()

    vrun(main)


def test_try_go_error_is_kept_like_go() -> None:
    def main() -> None:
        g = errgroup.Group()

        def fail() -> None:
            raise KeyError("k")

        assert g.try_go(fail)
        with pytest.raises(KeyError):
            g.wait()

    vrun(main)


def test_repr_shows_the_state() -> None:
    def main() -> None:
        g = errgroup.Group()
        g.set_limit(2)
        g.go(time.sleep, time.Second)
        assert repr(g) == "<errgroup.Group active=1 limit=2>"
        g.wait()
        assert getsched().nstrong == 0

    vrun(main)
