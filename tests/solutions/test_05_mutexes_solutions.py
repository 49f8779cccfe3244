"""Chapter 5 (Mutexes): the KeyCounter on the page counts exactly despite yielding."""

from __future__ import annotations

from typing import Any

from nbsolutions import run_solution

from goconc import sync

NOTEBOOK = "05-mutexes.ipynb"
LABEL = "ex-mutex-keycounter"


def test_concurrent_increments_are_all_counted() -> None:
    def check(ns: dict[str, Any]) -> tuple[int, int, int]:
        c = ns["KeyCounter"]()
        wg = sync.WaitGroup()

        def worker() -> None:
            for _ in range(5):
                c.inc("a")
                c.inc("b")

        for _ in range(100):
            wg.go(worker)
        wg.wait()
        return c.value("a"), c.value("b"), c.value("never")

    assert run_solution(NOTEBOOK, LABEL, check) == (500, 500, 0)


def test_inc_yields_between_read_and_write() -> None:
    """The exercise requires a gosched inside inc: other goroutines do get to run."""

    def check(ns: dict[str, Any]) -> list[str]:
        c = ns["KeyCounter"]()
        log: list[str] = []
        wg = sync.WaitGroup()
        wg.go(lambda: (c.inc("k"), log.append("inc done")))
        wg.go(lambda: log.append("other ran"))
        wg.wait()
        return log

    assert run_solution(NOTEBOOK, LABEL, check) == ["other ran", "inc done"]
