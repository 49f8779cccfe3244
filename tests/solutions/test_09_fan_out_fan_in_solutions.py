"""Chapter 9 (fan-out / fan-in): the exercise solutions printed in the book are correct.

The code is taken from the notebook itself (the ```python block inside each
``{solution}`` directive), so the test checks exactly what readers see.
"""

from __future__ import annotations

from typing import Any

import pytest
from nbsolutions import solution_code

import goconc
from goconc import context, recv, runtime, select, time

NOTEBOOK = "09-fan-out-fan-in.ipynb"


def solution(label: str, **env: Any) -> dict[str, Any]:
    """Run the solution labelled ``label`` with the names in ``env`` and return its namespace."""
    namespace: dict[str, Any] = dict(env)
    exec(compile(solution_code(NOTEBOOK, label), f"<solution {label}>", "exec"), namespace)
    return namespace


@pytest.fixture(autouse=True)
def virtual_clock() -> None:
    goconc.reset(clock="virtual", seed=1)


def work(ctx: context.Context, item: int) -> int:
    """The chapter's work: 10-50 ms depending on the item; multiples of 5 fail."""
    if item % 5 == 0:
        raise ValueError(f"item {item}: bad input")
    d = (item * 7 % 5 + 1) * 10 * time.Millisecond
    match select(recv(time.after(d)), recv(ctx.done())):
        case 0, _:
            return item * item
        case _:
            raise ctx.err()


def process_ordered() -> Any:
    return solution("ex-fan-out-ordered", work=work)["process_ordered"]


def test_the_book_example() -> None:
    assert process_ordered()(context.background(), [1, 2, 3, 4, 5, 6]) == ([1, 4, 9, 16, 36], None)


def test_results_keep_the_input_order_and_run_concurrently() -> None:
    items = list(range(40, 0, -1))
    start = time.now()
    out, err = process_ordered()(context.background(), items)
    assert err is None
    assert out == [i * i for i in items if i % 5 != 0]
    # 32 good items on 10 workers, 10-50 ms each: far less than the 960 ms of a serial run.
    assert time.since(start) <= 200 * time.Millisecond


def test_cancellation_returns_partial_ordered_results_and_the_error() -> None:
    items = list(range(1, 101))
    with context.with_timeout(context.background(), 25 * time.Millisecond) as ctx:
        out, err = process_ordered()(ctx, items)
    assert err == context.DeadlineExceeded()
    assert 0 < len(out) < 80
    squares = [i * i for i in items]
    assert [squares.index(r) for r in out] == sorted(squares.index(r) for r in out)


def test_no_goroutine_is_left_behind() -> None:
    before = runtime.num_goroutine()
    ctx, cancel = context.with_cancel(context.background())
    time.after_func(15 * time.Millisecond, cancel)
    process_ordered()(ctx, list(range(1, 50)))
    time.sleep(time.Second)
    assert runtime.num_goroutine() == before
