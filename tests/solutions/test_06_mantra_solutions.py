"""Chapter 6 (The mantra): the Account on the page owns its balance in one goroutine."""

from __future__ import annotations

from typing import Any

import pytest
from nbsolutions import run_solution

import goconc
from goconc import runtime, sync

NOTEBOOK = "06-mantra.ipynb"
LABEL = "ex-mantra-account"


def test_deposits_and_withdrawals_as_the_exercise_states() -> None:
    def check(ns: dict[str, Any]) -> tuple[int, bool, bool, int]:
        acct = ns["Account"]()
        wg = sync.WaitGroup()
        for _ in range(100):
            wg.go(acct.deposit, 10)
        wg.wait()
        before = acct.balance()
        too_much = acct.withdraw(1001)
        exact = acct.withdraw(1000)
        after = acct.balance()
        acct.close()
        return before, too_much, exact, after

    assert run_solution(NOTEBOOK, LABEL, check) == (1000, False, True, 0)


def test_concurrent_withdrawals_never_overdraw() -> None:
    def check(ns: dict[str, Any]) -> tuple[int, int]:
        acct = ns["Account"]()
        acct.deposit(100)
        granted = []
        wg = sync.WaitGroup()

        def take() -> None:
            if acct.withdraw(15):
                granted.append(15)

        for _ in range(20):
            wg.go(take)
        wg.wait()
        balance = acct.balance()
        acct.close()
        return len(granted), balance

    assert run_solution(NOTEBOOK, LABEL, check) == (6, 10)


def test_close_stops_the_owner_goroutine() -> None:
    def check(ns: dict[str, Any]) -> tuple[int, int]:
        acct = ns["Account"]()
        with_owner = runtime.num_goroutine()
        acct.close()
        runtime.gosched()
        return with_owner, runtime.num_goroutine()

    # leaks="raise" in run_solution would also fail if the owner were still blocked
    assert run_solution(NOTEBOOK, LABEL, check) == (2, 1)


def test_the_balance_is_not_an_attribute_of_the_object() -> None:
    def check(ns: dict[str, Any]) -> None:
        acct = ns["Account"]()
        acct.deposit(42)
        assert 42 not in vars(acct).values()
        acct.close()
        with pytest.raises(goconc.Panic, match="send on closed channel"):
            acct.deposit(1)

    run_solution(NOTEBOOK, LABEL, check)
