"""context.blocking: a blocking call that gives up when its context is done."""

from __future__ import annotations

import sqlite3
import threading
from functools import partial

import pytest
import vclock

import goconc
from goconc import chan, context, go, runtime

vrun = partial(vclock.vrun, leaks="warn")  # goconc.run's own default

SLOW_QUERY = """
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)
SELECT count(*) FROM n
"""  # never ends on its own: only an interrupt stops it


def test_returns_the_calls_value_when_the_context_stays_alive() -> None:
    def main() -> int:
        ctx, cancel = context.with_cancel(context.background())
        try:
            return context.blocking(ctx, lambda a, b: a + b, 2, 3)  # type: ignore[no-any-return]
        finally:
            cancel()

    assert vrun(main) == 5


def test_raises_what_the_call_raises() -> None:
    def boom() -> None:
        raise ValueError("disk on fire")

    def main() -> None:
        context.blocking(context.background(), boom)

    with pytest.raises(ValueError, match="disk on fire"):
        vrun(main)


def test_an_already_cancelled_context_does_not_start_the_call() -> None:
    started = threading.Event()

    def main() -> str:
        ctx, cancel = context.with_cancel(context.background())
        cancel()
        try:
            context.blocking(ctx, started.set)
        except context.Canceled as e:
            return str(e)
        return "ran"

    assert vrun(main) == "context canceled"
    assert not started.is_set()


def test_cancel_interrupts_a_sqlite_query_and_raises_ctx_err() -> None:
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    outcome = chan(str, 1)

    def query(ctx: context.Context) -> None:
        try:
            context.blocking(ctx, lambda: conn.execute(SLOW_QUERY).fetchone(),
                             interrupt=conn.interrupt)
            outcome.send("finished")
        except context.Canceled as e:
            outcome.send(f"gave up: {e}")

    def main() -> str:
        ctx, cancel = context.with_cancel(context.background())
        go(query, ctx)
        runtime.gosched()  # the query goroutine starts its call and waits
        cancel()
        return outcome.recv()

    assert vrun(main) == "gave up: context canceled"
    # The connection is usable again: the interrupted query is over.
    assert conn.execute("SELECT 1").fetchone() == (1,)


def test_a_deadline_interrupts_a_sqlite_query_on_the_real_clock() -> None:
    conn = sqlite3.connect(":memory:", check_same_thread=False)

    def main() -> str:
        with context.with_timeout(context.background(), 50 * goconc.time.Millisecond) as ctx:
            try:
                context.blocking(ctx, lambda: conn.execute(SLOW_QUERY).fetchone(),
                                 interrupt=conn.interrupt)
            except context.DeadlineExceeded as e:
                return str(e)
        return "finished"

    assert goconc.run(main, clock="real") == "context deadline exceeded"


def test_without_interrupt_the_call_is_abandoned_and_no_longer_holds_the_program() -> None:
    release = threading.Event()

    def main() -> str:
        ctx, cancel = context.with_cancel(context.background())
        got = chan(str, 1)

        def call() -> None:
            try:
                context.blocking(ctx, release.wait)
            except context.Canceled:
                got.send("abandoned")

        go(call)
        runtime.gosched()
        cancel()
        return got.recv()

    try:
        assert vrun(main) == "abandoned"
    finally:
        release.set()
