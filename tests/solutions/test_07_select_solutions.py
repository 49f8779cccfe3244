"""Chapter 7 (select): the exercise solutions printed in the book are correct.

The code is taken from the notebook itself (the ```python block inside each
``{solution}`` directive), so the test checks exactly what readers see.
"""

from __future__ import annotations

from typing import Any

import pytest
from nbsolutions import solution_code

import goconc
from goconc import RecvChan, chan, context, time

NOTEBOOK = "07-select.ipynb"


def solution(label: str) -> dict[str, Any]:
    """Run the solution labelled ``label`` and return the names it defines."""
    namespace: dict[str, Any] = {}
    exec(compile(solution_code(NOTEBOOK, label), f"<solution {label}>", "exec"), namespace)
    return namespace


@pytest.fixture(autouse=True)
def virtual_clock() -> None:
    goconc.reset(clock="virtual", seed=1)


def replica(name: str, d: time.Duration) -> RecvChan[str]:
    """The exercise's helper: a replica that answers after d."""
    ch = chan(str, 1)
    time.after_func(d, lambda: ch.send(name))
    return ch.recv_only()


def test_first_of_returns_the_fastest_replica() -> None:
    first_of = solution("ex-select-first-of")["first_of"]
    start = time.now()
    got = first_of(context.background(), time.Second,
                   [replica("a", 30 * time.Millisecond), replica("b", 10 * time.Millisecond),
                    replica("c", 20 * time.Millisecond)])
    assert got == "b"
    assert time.since(start) == 10 * time.Millisecond


def test_first_of_times_out() -> None:
    first_of = solution("ex-select-first-of")["first_of"]
    start = time.now()
    with pytest.raises(TimeoutError, match=r"^timeout$"):
        first_of(context.background(), 50 * time.Millisecond, [replica("a", time.Second)])
    assert time.since(start) == 50 * time.Millisecond


def test_first_of_stops_when_the_context_is_cancelled() -> None:
    first_of = solution("ex-select-first-of")["first_of"]
    ctx, cancel = context.with_cancel(context.background())
    time.after_func(5 * time.Millisecond, cancel)
    with pytest.raises(context.Canceled):
        first_of(ctx, time.Second, [replica("a", 30 * time.Millisecond)])
    with (context.with_timeout(context.background(), 5 * time.Millisecond) as tctx,
          pytest.raises(context.DeadlineExceeded)):
        first_of(tctx, time.Second, [replica("a", 30 * time.Millisecond)])


def test_first_of_with_no_replicas_still_times_out() -> None:
    first_of = solution("ex-select-first-of")["first_of"]
    with pytest.raises(TimeoutError):
        first_of(context.background(), time.Millisecond, [])
