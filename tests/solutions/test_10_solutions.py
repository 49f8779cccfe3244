"""Chapter 10 (pitfalls): the exercise's solution on the page fixes the leak it is about."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from nbsolutions import solution_code

import goconc
from goconc import context, recv, runtime, select, time

NOTEBOOK = "10-pitfalls.ipynb"
REPLICAS = {"a": 30 * time.Millisecond, "b": 10 * time.Millisecond, "c": 20 * time.Millisecond}


def query(ctx: context.Context, name: str, delay: int) -> str:
    """The chapter's query: a reply after ``delay``, or ``ctx.err()`` when ctx is done first."""
    match select(recv(time.after(delay)), recv(ctx.done())):
        case 0, _:
            return f"{name}: result"
        case _:
            raise ctx.err()  # type: ignore[misc]


def run_program(check: Callable[[Callable[..., str]], Any]) -> Any:
    """Run ``check(first_reply)`` as main of a fresh program; a leaked goroutine fails it."""
    code = compile(solution_code(NOTEBOOK, "ex-pitfalls-first-reply"), "<solution>", "exec")

    def main() -> Any:
        namespace: dict[str, Any] = {"__name__": "solution", "query": query}
        exec(code, namespace)
        return check(namespace["first_reply"])

    return goconc.run(main, clock="virtual", seed=1, leaks="raise")


def test_returns_the_first_reply_as_soon_as_it_arrives() -> None:
    def check(first_reply: Callable[..., str]) -> None:
        start = time.now()
        assert first_reply(context.background(), REPLICAS) == "b: result"
        assert time.since(start) == 10 * time.Millisecond

    run_program(check)


def test_the_slower_queries_stop_at_once() -> None:
    def check(first_reply: Callable[..., str]) -> None:
        before = runtime.num_goroutine()
        first_reply(context.background(), REPLICAS)
        time.sleep(time.Millisecond)  # far less than the 10-20 ms the slower replicas have left
        assert runtime.num_goroutine() == before

    run_program(check)


def test_many_calls_leave_nothing_behind() -> None:
    def check(first_reply: Callable[..., str]) -> None:
        before = runtime.num_goroutine()
        for _ in range(50):
            first_reply(context.background(), REPLICAS)
        time.sleep(time.Second)
        assert runtime.num_goroutine() == before

    run_program(check)


def test_raises_the_context_error_when_no_reply_comes_in_time() -> None:
    def check(first_reply: Callable[..., str]) -> None:
        with (context.with_timeout(context.background(), 5 * time.Millisecond) as ctx,
              pytest.raises(context.DeadlineExceeded)):
            first_reply(ctx, REPLICAS)
        ctx, cancel = context.with_cancel(context.background())
        cancel()
        with pytest.raises(context.Canceled):
            first_reply(ctx, REPLICAS)

    run_program(check)
