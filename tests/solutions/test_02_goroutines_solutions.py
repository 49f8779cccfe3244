"""Chapter 2 (Goroutines): the exercise's solution on the page sorts by sleeping."""

from __future__ import annotations

from typing import Any

import pytest
from nbsolutions import run_solution

NOTEBOOK = "02-goroutines.ipynb"


@pytest.mark.parametrize(
    ("nums", "want"),
    [
        ([30, 10, 20], [10, 20, 30]),
        ([3, 1, 2, 1, 0], [0, 1, 1, 2, 3]),
        ([], []),
        ([5], [5]),
    ],
)
def test_sleep_sort_returns_the_numbers_in_order(nums: list[int], want: list[int]) -> None:
    def check(ns: dict[str, Any]) -> list[int]:
        result: list[int] = ns["sleep_sort"](nums)
        return result

    assert run_solution(NOTEBOOK, "ex-goroutines-sleep-sort", check) == want


def test_sleep_sort_waits_only_for_the_longest_sleeper() -> None:
    def check(ns: dict[str, Any]) -> Any:
        from goconc import time

        t0 = time.now()
        ns["sleep_sort"]([7, 2])
        return time.since(t0)

    from goconc import time

    assert run_solution(NOTEBOOK, "ex-goroutines-sleep-sort", check) == 8 * time.Millisecond
