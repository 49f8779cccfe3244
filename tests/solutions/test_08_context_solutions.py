"""Chapter 8 (context): the exercise solutions printed in the book are correct.

The code is taken from the notebook itself (the ```python block inside each
``{solution}`` directive), so the test checks exactly what readers see.
"""

from __future__ import annotations

from typing import Any

import pytest
from nbsolutions import solution_code

import goconc
from goconc import context, time

NOTEBOOK = "08-context.ipynb"


def solution(label: str) -> dict[str, Any]:
    """Run the solution labelled ``label`` and return the names it defines."""
    namespace: dict[str, Any] = {}
    exec(compile(solution_code(NOTEBOOK, label), f"<solution {label}>", "exec"), namespace)
    return namespace


@pytest.fixture(autouse=True)
def virtual_clock() -> None:
    goconc.reset(clock="virtual", seed=1)


class Flaky:
    """An operation that fails ``failures`` times, then returns "ok"; it records its calls."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.calls: list[tuple[context.Context, time.Duration]] = []
        self.start = time.now()

    def __call__(self, ctx: context.Context) -> str:
        self.calls.append((ctx, time.since(self.start)))
        if len(self.calls) <= self.failures:
            raise ConnectionError("try again")
        return "ok"


def test_retry_backs_off_exponentially_until_success() -> None:
    retry = solution("ex-context-retry")["retry"]
    op = Flaky(failures=3)
    ctx = context.background()
    assert retry(ctx, op, 10 * time.Millisecond) == "ok"
    assert [t for _, t in op.calls] == [0, 10 * time.Millisecond, 30 * time.Millisecond,
                                        70 * time.Millisecond]
    assert all(c is ctx for c, _ in op.calls)  # the context is passed on, first


def test_retry_returns_at_once_when_op_succeeds() -> None:
    retry = solution("ex-context-retry")["retry"]
    op = Flaky(failures=0)
    assert retry(context.background(), op, time.Second) == "ok"
    assert len(op.calls) == 1


def test_retry_gives_up_in_the_middle_of_a_wait_at_the_deadline() -> None:
    retry = solution("ex-context-retry")["retry"]
    op = Flaky(failures=10**9)
    with context.with_timeout(context.background(), 100 * time.Millisecond) as ctx:
        with pytest.raises(context.DeadlineExceeded):
            retry(ctx, op, 10 * time.Millisecond)
        assert time.since(op.start) == 100 * time.Millisecond
    assert len(op.calls) == 4  # at 0, 10, 30 and 70 ms


def test_retry_reports_cancellation() -> None:
    retry = solution("ex-context-retry")["retry"]
    ctx, cancel = context.with_cancel(context.background())
    time.after_func(15 * time.Millisecond, cancel)
    with pytest.raises(context.Canceled):
        retry(ctx, Flaky(failures=10**9), 10 * time.Millisecond)


def test_retry_reports_the_context_error_when_the_attempt_failed_because_of_it() -> None:
    retry = solution("ex-context-retry")["retry"]
    ctx, cancel = context.with_cancel(context.background())

    def op(c: context.Context) -> str:
        cancel()
        raise ConnectionError("aborted")

    with pytest.raises(context.Canceled):
        retry(ctx, op, time.Hour)
