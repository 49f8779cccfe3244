"""Chapter 15 (the sync toolbox): the exercise solutions on the page.

The code is taken from the notebook itself (the ```python block inside each
``{solution}`` directive), so the test checks exactly what readers see.
"""

from __future__ import annotations

from typing import Any

from nbsolutions import run_solution

from goconc import chan, go, recv, runtime, select, sync, time

NOTEBOOK = "15-sync-toolbox.ipynb"
ms = time.Millisecond


def test_barrier_releases_everyone_when_the_last_one_arrives() -> None:
    def check(ns: dict[str, Any]) -> list[time.Duration]:
        b = ns["Barrier"](3)
        back = chan(time.Duration, 3)
        start = time.now()

        def arrive(d: int) -> None:
            time.sleep(d * ms)
            b.wait()
            back.send(time.since(start))

        for d in (10, 20, 30):
            go(arrive, d)
        return [back.recv() for _ in range(3)]

    assert run_solution(NOTEBOOK, "ex-sync-barrier", check) == [30 * ms] * 3


def test_barrier_holds_everyone_until_the_n_th_arrives() -> None:
    def check(ns: dict[str, Any]) -> None:
        b = ns["Barrier"](3)
        back = chan(int, 3)
        for i in range(2):
            go(lambda i=i: (b.wait(), back.send(i)))
        assert select(recv(back), recv(time.after(time.Second)))[0] == 1  # nobody returned
        b.wait()  # the third arrives: everyone returns
        assert sorted([back.recv(), back.recv()]) == [0, 1]
        assert ns["Barrier"](1).wait() is None  # alone, at once

    run_solution(NOTEBOOK, "ex-sync-barrier", check)


def test_transfers_in_opposite_directions_finish_and_keep_the_total() -> None:
    def check(ns: dict[str, Any]) -> tuple[int, int, int]:
        account, transfer = ns["Account"], ns["transfer"]
        a, b, c = account(1, 100), account(2, 100), account(3, 100)
        wg = sync.WaitGroup()

        def slow_lock(acct: Any) -> None:
            # as the checker does: a lock takes 1 ms, so the transfers overlap
            mu = acct.mu
            real_enter = mu.__enter__

            class Slow:
                def __enter__(self) -> Any:
                    got = real_enter()
                    time.sleep(ms)
                    return got

                def __exit__(self, *exc: Any) -> None:
                    mu.__exit__(*exc)

            acct.mu = Slow()

        for acct in (a, b, c):
            slow_lock(acct)
        for src, dst, amount in ((a, b, 10), (b, a, 20), (b, c, 5), (c, a, 7), (a, c, 1)):
            wg.go(transfer, src, dst, amount)
        wg.wait()
        assert runtime.num_goroutine() == 1
        return a.balance, b.balance, c.balance

    assert run_solution(NOTEBOOK, "ex-sync-lock-order", check) == (116, 85, 99)


def test_a_transfer_to_the_same_account_moves_nothing() -> None:
    def check(ns: dict[str, Any]) -> int:
        a = ns["Account"](1, 100)
        ns["transfer"](a, a, 5)
        balance: int = a.balance
        return balance

    assert run_solution(NOTEBOOK, "ex-sync-lock-order", check) == 100
