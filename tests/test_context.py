"""context: Go's context/context.go semantics (GO-SEMANTICS "context"), on the virtual clock.

Every test runs a whole program with ``goconc.run(..., clock="virtual", seed=1)``,
so deadlines fire at exact virtual instants and nothing sleeps for real.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

import pytest
import vclock
from vclock import EPOCH

import goconc
from goconc import Panic, RecvChan, chan, context, default, go, recv, runtime, select, time
from goconc._runtime import getsched

vrun = partial(vclock.vrun, leaks="raise")  # a leaked goroutine fails the test


def is_done(ctx: context.Context) -> bool:
    """Whether ctx.done() is closed, asked the Go way: a select with a default."""
    return select(recv(ctx.done()), default)[0] == 0


def wait(done: RecvChan[Any] | None) -> None:
    assert done is not None
    done.recv()


def children(ctx: context.Context) -> int:
    """How many children a package-made cancellable context is tracking (white box)."""
    kids = ctx._children  # type: ignore[attr-defined]
    return 0 if kids is None else len(kids)


# --- Background and TODO --------------------------------------------------------------


@pytest.mark.parametrize("make", [context.background, context.todo])
def test_background_and_todo_are_never_done_and_carry_nothing(make: Any) -> None:
    ctx = make()
    assert ctx.done() is None
    assert ctx.err() is None
    assert context.cause(ctx) is None
    assert ctx.deadline() == (None, False)
    assert ctx.value("k") is None
    assert isinstance(ctx, context.Context)


def test_background_and_todo_strings_are_gos() -> None:
    assert str(context.background()) == "context.Background"
    assert str(context.todo()) == "context.TODO"


def test_selecting_on_background_done_never_fires() -> None:
    def main() -> None:
        i, _ = select(recv(context.background().done()), recv(time.after(time.Second)))
        assert i == 1

    vrun(main)


# --- errors ------------------------------------------------------------------------------


def test_canceled_and_deadline_exceeded_have_gos_text() -> None:
    assert str(context.Canceled()) == "context canceled"
    assert str(context.DeadlineExceeded()) == "context deadline exceeded"


def test_deadline_exceeded_is_a_timeout_error() -> None:
    e = context.DeadlineExceeded()
    assert isinstance(e, TimeoutError)
    assert e.timeout() is True
    assert not isinstance(context.Canceled(), TimeoutError)


def test_error_instances_compare_like_gos_sentinels() -> None:
    assert context.Canceled() == context.Canceled()
    assert context.DeadlineExceeded() == context.DeadlineExceeded()
    assert context.Canceled() != context.DeadlineExceeded()
    assert hash(context.Canceled()) == hash(context.Canceled())
    assert context.Canceled() != Exception("context canceled")


# --- with_cancel -----------------------------------------------------------------------


def test_done_is_the_same_channel_on_every_call() -> None:
    ctx, cancel = context.with_cancel(context.background())
    assert ctx.done() is ctx.done()
    cancel()
    assert ctx.done() is ctx.done()


def test_done_cannot_be_closed_by_the_receiver() -> None:
    ctx, cancel = context.with_cancel(context.background())
    with pytest.raises(TypeError):
        ctx.done().close()  # type: ignore[union-attr]
    cancel()


def test_err_is_none_until_cancel_then_canceled_for_good() -> None:
    ctx, cancel = context.with_cancel(context.background())
    assert ctx.err() is None
    assert not is_done(ctx)
    cancel()
    err = ctx.err()
    assert isinstance(err, context.Canceled)
    assert err == context.Canceled()
    assert is_done(ctx)
    cancel()
    assert ctx.err() is err, "a second cancel changed the error"


def test_done_closed_before_anyone_asked_for_it_reads_as_closed() -> None:
    ctx, cancel = context.with_cancel(context.background())
    cancel()
    v, ok = ctx.done().recv_ok()  # type: ignore[union-attr]
    assert (v, ok) == (None, False)


def test_cancel_wakes_every_goroutine_waiting_on_done() -> None:
    def main() -> None:
        ctx, cancel = context.with_cancel(context.background())
        woke = chan(int)

        def worker(i: int) -> None:
            wait(ctx.done())
            woke.send(i)

        for i in range(5):
            go(worker, i)
        runtime.gosched()
        cancel()
        assert sorted(woke.recv() for _ in range(5)) == [0, 1, 2, 3, 4]

    vrun(main)


def test_cancellation_flows_to_descendants_never_to_parent_or_siblings() -> None:
    root = context.background()
    parent, cancel_parent = context.with_cancel(root)
    child1, cancel_child1 = context.with_cancel(parent)
    child2, _ = context.with_cancel(parent)
    grandchild, _ = context.with_cancel(child2)
    cancel_child1()
    assert child1.err() == context.Canceled()
    assert parent.err() is None and child2.err() is None and grandchild.err() is None
    cancel_parent()
    assert child2.err() == context.Canceled() and grandchild.err() == context.Canceled()
    assert root.err() is None


def test_direct_cancel_returns_after_every_descendant_is_done() -> None:
    def main() -> None:
        root, cancel = context.with_cancel(context.background())
        deep: list[context.Context] = []
        ctx = root
        for i in range(20):
            if i % 4 == 0:
                ctx = context.with_value(ctx, i, i)
            elif i % 4 == 1:
                ctx, _ = context.with_timeout(ctx, time.Hour)
            elif i % 4 == 2:
                ctx, _ = context.with_cancel_cause(ctx)
            else:
                ctx, _ = context.with_cancel(ctx)
            deep.append(ctx)
        cancel()
        assert all(is_done(c) and c.err() == context.Canceled() for c in deep)
        assert getsched().nstrong == 0, "a cancelled deadline left its timer armed"

    vrun(main)


def test_context_derived_from_a_cancelled_parent_is_already_done() -> None:
    parent, cancel = context.with_cancel(context.background())
    cancel()
    for child, _ in (context.with_cancel(parent), context.with_cancel_cause(parent)):
        assert is_done(child)
        assert child.err() is parent.err()
    value_child = context.with_value(parent, "k", "v")
    late, _ = context.with_cancel(value_child)
    assert late.err() is parent.err()


def test_child_cancelled_by_its_parent_reports_the_parents_error_object() -> None:
    parent, cancel = context.with_cancel(context.background())
    child, cancel_child = context.with_cancel(parent)
    cancel()
    assert child.err() is parent.err()
    cancel_child()
    assert child.err() is parent.err()


def test_cancelled_child_leaves_its_parents_child_set() -> None:
    parent, cancel_parent = context.with_cancel(context.background())
    kids = [context.with_cancel(parent) for _ in range(100)]
    assert children(parent) == 100
    for _, cancel in kids:
        cancel()
    assert children(parent) == 0
    cancel_parent()


def test_child_under_a_value_context_joins_the_nearest_cancellable_ancestor() -> None:
    parent, cancel_parent = context.with_cancel(context.background())
    _, cancel_child = context.with_cancel(context.with_value(parent, "k", 1))
    assert children(parent) == 1
    cancel_child()
    assert children(parent) == 0
    cancel_parent()


def test_child_of_background_is_cancelled_only_by_its_own_cancel() -> None:
    ctx, cancel = context.with_cancel(context.background())
    assert ctx.deadline() == (None, False)
    cancel()
    assert ctx.err() == context.Canceled()


# --- cause -------------------------------------------------------------------------------


def test_with_cancel_cause_keeps_err_canceled_and_records_the_cause() -> None:
    ctx, cancel = context.with_cancel_cause(context.background())
    assert context.cause(ctx) is None
    boom = ValueError("database is down")
    cancel(boom)
    assert ctx.err() == context.Canceled()
    assert context.cause(ctx) is boom


def test_cancel_with_none_cause_makes_the_cause_canceled() -> None:
    ctx, cancel = context.with_cancel_cause(context.background())
    cancel(None)
    assert isinstance(context.cause(ctx), context.Canceled)


@pytest.mark.parametrize("make", [
    pytest.param(lambda c: context.with_cancel_cause(c)[1]("shutting down"), id="cancel"),
    pytest.param(lambda c: context.with_timeout_cause(c, time.Second, "slow"),
                 id="with_timeout_cause"),
    pytest.param(lambda c: context.with_deadline_cause(c, time.now(), 42),
                 id="with_deadline_cause"),
])
def test_a_cause_that_is_not_an_exception_is_a_type_error(make: Any) -> None:
    # Go: cannot use "x" (constant of type string) as error value in argument to
    # cancel: string does not implement error. Accepting it would make cause(ctx) a str.
    with pytest.raises(TypeError, match=r"^cannot use .* as error value in argument to "
                                        r".*is not an exception"):
        make(context.background())


def test_first_cancellation_fixes_the_cause() -> None:
    ctx, cancel = context.with_cancel_cause(context.background())
    first = ValueError("first")
    cancel(first)
    cancel(ValueError("too late"))
    assert context.cause(ctx) is first


def test_children_inherit_the_parents_cause_unless_cancelled_first() -> None:
    parent, cancel_parent = context.with_cancel_cause(context.background())
    child, _ = context.with_cancel_cause(parent)
    first, cancel_first = context.with_cancel_cause(parent)
    plain, _ = context.with_cancel(parent)
    own = ValueError("child's own reason")
    down = ValueError("shutting down")
    cancel_first(own)
    cancel_parent(down)
    assert context.cause(child) is down
    assert context.cause(plain) is down
    assert context.cause(context.with_value(plain, "k", 1)) is down
    assert context.cause(first) is own


def test_cause_of_a_plain_cancel_is_its_err() -> None:
    ctx, cancel = context.with_cancel(context.background())
    cancel()
    assert context.cause(ctx) is ctx.err()


def test_with_timeout_cause_sets_the_cause_when_the_deadline_fires() -> None:
    def main() -> None:
        slow = ValueError("backend too slow")
        ctx, cancel = context.with_timeout_cause(context.background(), time.Second, slow)
        wait(ctx.done())
        assert isinstance(ctx.err(), context.DeadlineExceeded)
        assert context.cause(ctx) is slow
        cancel()

    vrun(main)


def test_with_timeout_cause_early_cancel_gives_canceled_not_the_cause() -> None:
    ctx, cancel = context.with_timeout_cause(context.background(), time.Hour, ValueError("x"))
    cancel()
    assert ctx.err() == context.Canceled()
    assert isinstance(context.cause(ctx), context.Canceled)


def test_with_deadline_cause_sets_the_cause_when_the_deadline_fires() -> None:
    def main() -> None:
        slow = ValueError("backend too slow")
        ctx, cancel = context.with_deadline_cause(
            context.background(), time.now() + timedelta(milliseconds=10), slow)
        wait(ctx.done())
        assert context.cause(ctx) is slow and ctx.err() == context.DeadlineExceeded()
        cancel()

    vrun(main)


# --- deadlines -------------------------------------------------------------------------------


def test_with_timeout_fires_at_the_deadline_with_deadline_exceeded() -> None:
    def main() -> None:
        start = time.now()
        ctx, cancel = context.with_timeout(context.background(), 20 * time.Millisecond)
        deadline, ok = ctx.deadline()
        assert ok and deadline == start + timedelta(milliseconds=20)
        assert ctx.err() is None
        wait(ctx.done())
        assert time.since(start) == 20 * time.Millisecond
        assert isinstance(ctx.err(), context.DeadlineExceeded)
        cancel()
        assert isinstance(ctx.err(), context.DeadlineExceeded), "cancel after expiry changed err"

    vrun(main)


def test_waiting_on_a_deadline_is_not_a_deadlock() -> None:
    def main() -> datetime:
        ctx, _ = context.with_timeout(context.background(), time.Hour)
        wait(ctx.done())
        return time.now()

    assert vrun(main) == EPOCH + timedelta(hours=1)


def test_cancel_before_the_deadline_gives_canceled_and_stops_the_timer() -> None:
    def main() -> None:
        ctx, cancel = context.with_timeout(context.background(), time.Hour)
        assert getsched().nstrong == 1
        cancel()
        assert ctx.err() == context.Canceled()
        assert getsched().nstrong == 0

    vrun(main)


def test_with_deadline_fires_at_the_given_time() -> None:
    def main() -> None:
        at = time.now() + timedelta(milliseconds=10)
        ctx, cancel = context.with_deadline(context.background(), at)
        assert ctx.deadline() == (at, True)
        wait(ctx.done())
        assert time.now() == at
        assert ctx.err() == context.DeadlineExceeded()
        cancel()

    vrun(main)


@pytest.mark.parametrize("offset", [timedelta(seconds=-1), timedelta(0)])
def test_deadline_not_in_the_future_is_done_at_once(offset: timedelta) -> None:
    def main() -> None:
        ctx, cancel = context.with_deadline(context.background(), time.now() + offset)
        assert is_done(ctx)
        assert ctx.err() == context.DeadlineExceeded()
        assert getsched().nstrong == 0
        cancel()
        assert ctx.err() == context.DeadlineExceeded()

    vrun(main)


@pytest.mark.parametrize("d", [0, -time.Second])
def test_non_positive_timeout_is_done_at_once(d: int) -> None:
    def main() -> None:
        ctx, _ = context.with_timeout(context.background(), d)
        assert is_done(ctx) and ctx.err() == context.DeadlineExceeded()

    vrun(main)


def test_child_deadline_is_the_earlier_of_its_own_and_its_parents() -> None:
    def main() -> None:
        parent, cancel_parent = context.with_timeout(context.background(), 30 * time.Millisecond)
        pd, _ = parent.deadline()
        later, _ = context.with_timeout(parent, time.Hour)
        assert later.deadline() == (pd, True)
        assert str(later).endswith(".WithCancel"), "a later deadline is just with_cancel"
        sooner, _ = context.with_timeout(parent, 10 * time.Millisecond)
        sd, _ = sooner.deadline()
        assert sd is not None and pd is not None and sd < pd
        wc, _ = context.with_cancel(parent)
        assert wc.deadline() == (pd, True)
        assert context.with_value(parent, "k", 1).deadline() == (pd, True)
        wait(sooner.done())
        assert sooner.err() == context.DeadlineExceeded() and parent.err() is None
        wait(later.done())
        assert later.err() == context.DeadlineExceeded()
        assert time.now() == EPOCH + timedelta(milliseconds=30)
        cancel_parent()

    vrun(main)


def test_child_with_its_own_later_deadline_cancelled_by_parent_reports_canceled() -> None:
    def main() -> None:
        parent, cancel_parent = context.with_cancel(context.background())
        child, cancel_child = context.with_timeout(parent, time.Hour)
        cancel_parent()
        assert child.err() == context.Canceled()
        assert getsched().nstrong == 0
        cancel_child()

    vrun(main)


def test_children_of_a_timed_out_parent_report_deadline_exceeded_and_its_cause() -> None:
    def main() -> None:
        slow = ValueError("slow")
        parent, _ = context.with_timeout_cause(context.background(), time.Second, slow)
        child, _ = context.with_cancel(parent)
        grandchild, _ = context.with_timeout(child, time.Hour)
        wait(grandchild.done())
        assert grandchild.err() is parent.err()
        assert isinstance(grandchild.err(), context.DeadlineExceeded)
        assert context.cause(grandchild) is slow
        assert children(parent) == 0 and children(child) == 0

    vrun(main)


def test_expired_deadline_leaves_its_parents_child_set() -> None:
    def main() -> None:
        parent, cancel = context.with_cancel(context.background())
        child, _ = context.with_timeout(parent, time.Second)
        assert children(parent) == 1
        wait(child.done())
        assert children(parent) == 0
        cancel()

    vrun(main)


def test_deadline_must_be_a_timezone_aware_datetime() -> None:
    with pytest.raises(TypeError, match="timezone-aware"):
        context.with_deadline(context.background(), datetime(2000, 1, 1))
    with pytest.raises(TypeError, match="Duration"):
        context.with_timeout(context.background(), 1.5)  # type: ignore[arg-type]


# --- values ----------------------------------------------------------------------------------


class UserKey(str):
    """A key type of its own: UserKey("id") is not the key "id", as in Go."""


def test_value_lookup_walks_up_through_every_kind_of_context() -> None:
    def main() -> None:
        ctx = context.with_value(context.background(), "a", 1)
        ctx, c1 = context.with_cancel(ctx)
        ctx, c2 = context.with_timeout(ctx, time.Hour)
        ctx, c3 = context.with_cancel_cause(ctx)
        ctx = context.without_cancel(ctx)
        ctx = context.with_value(ctx, "b", 2)
        assert ctx.value("a") == 1 and ctx.value("b") == 2
        assert ctx.value("missing") is None
        for c in (c1, c2):
            c()
        c3(None)

    vrun(main)


def test_innermost_value_wins_and_parents_do_not_see_child_values() -> None:
    outer = context.with_value(context.background(), "user", "ada")
    inner = context.with_value(outer, "user", "grace")
    assert inner.value("user") == "grace"
    assert outer.value("user") == "ada"


def test_keys_match_by_type_as_well_as_value() -> None:
    ctx = context.with_value(context.background(), UserKey("id"), "typed")
    assert ctx.value("id") is None
    assert ctx.value(UserKey("id")) == "typed"
    ctx = context.with_value(ctx, 1, "int")
    assert ctx.value(1.0) is None and ctx.value(True) is None and ctx.value(1) == "int"


def test_nil_key_panics() -> None:
    with pytest.raises(Panic, match=r"^nil key$"):
        context.with_value(context.background(), None, "x")


def test_unhashable_key_panics_as_not_comparable() -> None:
    with pytest.raises(Panic, match=r"^key is not comparable$"):
        context.with_value(context.background(), ["a"], "x")


def test_every_constructor_panics_on_a_nil_parent() -> None:
    makers: list[Any] = [
        lambda: context.with_cancel(None),  # type: ignore[arg-type]
        lambda: context.with_cancel_cause(None),  # type: ignore[arg-type]
        lambda: context.with_timeout(None, time.Second),  # type: ignore[arg-type]
        lambda: context.with_timeout_cause(None, time.Second, None),  # type: ignore[arg-type]
        lambda: context.with_deadline(None, EPOCH),  # type: ignore[arg-type]
        lambda: context.with_deadline_cause(None, EPOCH, None),  # type: ignore[arg-type]
        lambda: context.with_value(None, "k", "v"),  # type: ignore[arg-type]
        lambda: context.without_cancel(None),  # type: ignore[arg-type]
    ]
    for make in makers:
        with pytest.raises(Panic, match=r"^cannot create context from nil parent$"):
            make()


# --- without_cancel ----------------------------------------------------------------------


def test_without_cancel_keeps_values_but_none_of_the_cancellation() -> None:
    def main() -> None:
        parent, cancel = context.with_timeout(
            context.with_value(context.background(), "k", "v"), time.Hour)
        detached = context.without_cancel(parent)
        cancel()
        assert parent.err() == context.Canceled()
        assert detached.err() is None and context.cause(detached) is None
        assert detached.done() is None
        assert detached.deadline() == (None, False)
        assert detached.value("k") == "v"

    vrun(main)


def test_child_of_a_detached_context_is_cancelled_only_on_its_own() -> None:
    parent, cancel_parent = context.with_cancel(context.background())
    child, cancel_child = context.with_cancel(context.without_cancel(parent))
    cancel_parent()
    assert child.err() is None
    cancel_child()
    assert child.err() == context.Canceled()


# --- after_func ------------------------------------------------------------------------------


def test_after_func_runs_f_once_in_its_own_goroutine_after_cancel() -> None:
    def main() -> None:
        ran = chan(int, 3)
        ctx, cancel = context.with_cancel(context.background())
        me = getsched().cur
        stop = context.after_func(ctx, lambda: ran.send(getsched().cur is not me))
        runtime.gosched()
        assert len(ran) == 0
        cancel()
        cancel()
        assert ran.recv() == 1, "f ran in the goroutine that cancelled"
        runtime.gosched()
        assert len(ran) == 0, "f ran twice"
        assert stop() is False

    vrun(main)


def test_after_func_on_a_done_context_runs_f_at_once() -> None:
    def main() -> None:
        ran = chan(str, 1)
        ctx, cancel = context.with_cancel(context.background())
        cancel()
        stop = context.after_func(ctx, lambda: ran.send("ran"))
        assert ran.recv() == "ran"
        assert stop() is False

    vrun(main)


def test_after_func_stop_before_cancel_keeps_f_from_running() -> None:
    def main() -> None:
        ran = chan(str, 1)
        ctx, cancel = context.with_cancel(context.background())
        stop = context.after_func(ctx, lambda: ran.send("never"))
        assert children(ctx) == 1
        assert stop() is True
        assert children(ctx) == 0, "a stopped after_func stayed in the child set"
        assert stop() is False
        cancel()
        runtime.gosched()
        assert len(ran) == 0

    vrun(main)


def test_after_func_stop_does_not_wait_for_a_running_f() -> None:
    def main() -> None:
        log: list[str] = []
        ctx, cancel = context.with_cancel(context.background())

        def f() -> None:
            log.append("f start")
            time.sleep(time.Second)
            log.append("f end")

        stop = context.after_func(ctx, f)
        cancel()
        runtime.gosched()
        assert stop() is False
        assert log == ["f start"]
        time.sleep(2 * time.Second)
        assert log == ["f start", "f end"]

    vrun(main)


def test_after_func_fires_when_a_deadline_passes() -> None:
    def main() -> None:
        ran = chan(datetime, 1)
        ctx, _ = context.with_timeout(context.background(), time.Second)
        context.after_func(ctx, lambda: ran.send(time.now()))
        assert ran.recv() == EPOCH + timedelta(seconds=1)

    vrun(main)


def test_after_func_on_background_never_runs() -> None:
    def main() -> None:
        stop = context.after_func(context.background(), lambda: None)
        assert stop() is True

    vrun(main)


def test_after_func_with_nil_context_is_a_nil_dereference() -> None:
    with pytest.raises(Panic, match="nil pointer dereference"):
        context.after_func(None, lambda: None)  # type: ignore[arg-type]


# --- String() ----------------------------------------------------------------------------


def test_str_names_the_chain_like_go() -> None:
    bg = context.background()
    ctx, cancel = context.with_cancel(context.todo())
    assert str(ctx) == "context.TODO.WithCancel"
    cc, cancel_cc = context.with_cancel_cause(bg)
    assert str(cc) == "context.Background.WithCancel"
    assert str(context.with_value(ctx, "k", "v")) == "context.TODO.WithCancel.WithValue(k, v)"
    assert str(context.without_cancel(ctx)) == "context.TODO.WithCancel.WithoutCancel"
    cancel()
    cancel_cc(None)


class Stringer:
    def __str__(self) -> str:
        return "I am stringer"


def test_str_of_with_value_follows_gos_stringify() -> None:
    bg = context.background()
    assert str(context.with_value(bg, "k", 3)) == "context.Background.WithValue(k, int)"
    assert str(context.with_value(bg, Stringer(), None)) == \
        "context.Background.WithValue(I am stringer, <nil>)"
    assert str(context.with_value(bg, UserKey("k"), "v")) == \
        f"context.Background.WithValue({__name__}.UserKey, v)"


def test_str_of_with_deadline_shows_the_time_and_what_is_left_on_the_virtual_clock() -> None:
    def main() -> None:
        ctx, cancel = context.with_timeout(context.background(), 2 * time.Second)
        assert str(ctx) == \
            "context.Background.WithDeadline(2000-01-01 00:00:02 +0000 UTC [2s])"
        time.sleep(500 * time.Millisecond)
        assert str(ctx) == \
            "context.Background.WithDeadline(2000-01-01 00:00:02 +0000 UTC [1.5s])"
        child, cancel_child = context.with_cancel(ctx)
        assert str(child).endswith("[1.5s]).WithCancel")
        at, cancel_at = context.with_deadline(
            context.background(), datetime(2000, 1, 1, 0, 0, 3, 250000, tzinfo=UTC))
        assert str(at) == \
            "context.Background.WithDeadline(2000-01-01 00:00:03.25 +0000 UTC [2.75s])"
        for c in (cancel, cancel_child, cancel_at):
            c()

    vrun(main)


# --- with blocks -------------------------------------------------------------------------------


def test_pair_unpacks_like_a_tuple() -> None:
    pair = context.with_cancel(context.background())
    assert isinstance(pair, tuple) and len(pair) == 2
    ctx, cancel = pair
    cancel()
    assert ctx.err() == context.Canceled()


def test_with_block_gives_the_context_and_cancels_it_on_exit() -> None:
    def main() -> None:
        with context.with_timeout(context.background(), time.Hour) as ctx:
            assert ctx.err() is None
            assert str(ctx).startswith("context.Background.WithDeadline(")
        assert ctx.err() == context.Canceled()
        assert getsched().nstrong == 0

    vrun(main)


def test_with_block_cancels_even_when_the_body_raises() -> None:
    with pytest.raises(KeyError), context.with_cancel(context.background()) as ctx:
        raise KeyError("x")
    assert ctx.err() == context.Canceled()


def test_with_cancel_cause_block_makes_the_exception_the_cause() -> None:
    with pytest.raises(KeyError), context.with_cancel_cause(context.background()) as ctx:
        raise KeyError("x")
    assert isinstance(context.cause(ctx), KeyError)
    with context.with_cancel_cause(context.background()) as ok:
        pass
    assert isinstance(context.cause(ok), context.Canceled)


# --- custom contexts as parents ---------------------------------------------------------------


class ChanContext:
    """A Context of our own: done when its channel is closed."""

    def __init__(self) -> None:
        self.c: goconc.Chan[None] = chan()
        self.error: BaseException | None = None

    def deadline(self) -> tuple[datetime | None, bool]:
        return None, False

    def done(self) -> RecvChan[None] | None:
        return self.c.recv_only()

    def err(self) -> BaseException | None:
        return self.error

    def value(self, key: object) -> Any:
        return "custom" if key == "who" else None

    def cancel(self) -> None:
        self.error = context.Canceled()
        self.c.close()


class AfterFuncContext(ChanContext):
    """A custom Context that offers after_func, which children must use."""

    def __init__(self) -> None:
        super().__init__()
        self.registered: list[Any] = []
        self.stopped = 0

    def after_func(self, f: Any) -> Any:
        self.registered.append(f)

        def stop() -> bool:
            self.stopped += 1
            return True

        return stop

    def cancel(self) -> None:
        super().cancel()
        for f in self.registered:
            f()


def test_child_of_a_custom_context_is_cancelled_through_a_goroutine() -> None:
    def main() -> None:
        parent = ChanContext()
        child, _ = context.with_cancel(parent)
        grand, _ = context.with_timeout(child, time.Hour)
        assert runtime.num_goroutine() == 2, "no goroutine watches the custom parent"
        assert grand.value("who") == "custom"
        assert str(child) == f"{__name__}.ChanContext.WithCancel"
        parent.cancel()
        wait(grand.done())
        assert grand.err() == context.Canceled()
        assert context.cause(grand) is parent.error
        runtime.gosched()
        assert runtime.num_goroutine() == 1

    vrun(main)


def test_watcher_of_a_custom_parent_ends_when_the_child_is_cancelled() -> None:
    def main() -> None:
        parent = ChanContext()
        _, cancel = context.with_cancel(parent)
        assert runtime.num_goroutine() == 2
        cancel()
        runtime.gosched()
        assert runtime.num_goroutine() == 1

    vrun(main)


def test_child_of_an_already_done_custom_context_is_done_at_once() -> None:
    def main() -> None:
        parent = ChanContext()
        parent.cancel()
        child, _ = context.with_cancel(parent)
        assert child.err() is parent.error

    vrun(main)


def test_custom_context_with_after_func_is_used_instead_of_a_goroutine() -> None:
    def main() -> None:
        parent = AfterFuncContext()
        child, cancel = context.with_cancel(parent)
        assert runtime.num_goroutine() == 1 and len(parent.registered) == 1
        other, cancel_other = context.with_cancel(parent)
        cancel_other()
        assert parent.stopped == 1, "cancel did not call the parent's stop()"
        parent.cancel()
        assert child.err() == context.Canceled() and other.err() == context.Canceled()
        cancel()

    vrun(main)


def test_custom_wrapper_with_its_own_done_channel_is_not_short_circuited() -> None:
    class Wrapper(ChanContext):
        """Wraps a package context for values but has a done channel of its own."""

        def __init__(self, inner: context.Context) -> None:
            super().__init__()
            self.inner = inner

        def value(self, key: object) -> Any:
            return self.inner.value(key)

    def main() -> None:
        inner, cancel_inner = context.with_cancel(context.background())
        w = Wrapper(inner)
        child, _ = context.with_cancel(w)
        assert children(inner) == 0
        w.cancel()
        wait(child.done())
        assert child.err() is w.error
        cancel_inner()

    vrun(main)


# --- misc -----------------------------------------------------------------------------------


def test_select_on_done_with_other_cases() -> None:
    def main() -> None:
        ctx, cancel = context.with_timeout(context.background(), 50 * time.Millisecond)
        results = chan(int)

        def producer() -> None:
            for i in range(100):
                match select(recv(ctx.done()), goconc.send(results, i)):
                    case 0, _:
                        return

        go(producer)
        got = [results.recv(), results.recv()]
        wait(ctx.done())
        assert got == [0, 1]
        cancel()

    vrun(main)


def test_repr_is_readable() -> None:
    ctx, cancel = context.with_cancel(context.background())
    assert repr(ctx) == "<context.Background.WithCancel>"
    cancel()
    assert repr(ctx) == "<context.Background.WithCancel [context canceled]>"
    assert repr(context.Canceled()) == "context.Canceled()"
