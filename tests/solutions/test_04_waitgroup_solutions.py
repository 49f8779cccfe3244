"""Chapter 4 (WaitGroup): the fixed lengths() on the page binds values, not variables."""

from __future__ import annotations

from typing import Any

import pytest
from nbsolutions import run_solution

from goconc import runtime

NOTEBOOK = "04-waitgroup.ipynb"
LABEL = "ex-waitgroup-lengths"


@pytest.mark.parametrize(
    ("words", "want"),
    [
        (["go", "is", "great"], [2, 2, 5]),
        (["a", "bb", "ccc", "dddd"], [1, 2, 3, 4]),
        ([], []),
    ],
)
def test_lengths_measures_every_word(words: list[str], want: list[int]) -> None:
    def check(ns: dict[str, Any]) -> list[int]:
        result: list[int] = ns["lengths"](words)
        return result

    assert run_solution(NOTEBOOK, LABEL, check) == want


def test_lengths_runs_one_goroutine_per_word_and_waits_for_all() -> None:
    started: list[int] = []

    def check(ns: dict[str, Any]) -> tuple[list[int], int]:
        real_go = ns["sync"].WaitGroup.go

        def counting_go(wg: Any, fn: Any, *args: Any) -> None:
            started.append(len(args))
            real_go(wg, fn, *args)

        ns["sync"].WaitGroup.go = counting_go
        try:
            result = ns["lengths"](["x", "yy", "zzz"])
        finally:
            ns["sync"].WaitGroup.go = real_go
        return result, runtime.num_goroutine()

    assert run_solution(NOTEBOOK, LABEL, check) == ([1, 2, 3], 1)
    assert len(started) == 3
