"""Chapter 14 (pipelines and cancellation): the exercise solutions on the page.

The code is taken from the notebook itself (the ```python block inside each
``{solution}`` directive), so the test checks exactly what readers see.
"""

from __future__ import annotations

from typing import Any

from nbsolutions import run_solution

from goconc import RecvChan, chan, context, go, runtime, time

NOTEBOOK = "14-pipelines.ipynb"
ms = time.Millisecond


def produce(values: list[int], delay: int) -> RecvChan[int]:
    """Send ``values``, ``delay`` apart, then close."""
    ch = chan(int)

    def run() -> None:
        for v in values:
            time.sleep(delay)
            ch.send(v)
        ch.close()

    go(run)
    return ch.recv_only()


def test_merge2_forwards_both_inputs_in_order_of_arrival_then_closes() -> None:
    def check(ns: dict[str, Any]) -> list[int]:
        before = runtime.num_goroutine()
        a, b = produce([1, 2, 3], 10 * ms), produce([10, 20], 12 * ms)
        out = ns["merge2"](context.background(), a, b)
        assert runtime.num_goroutine() == before + 3  # two producers and merge2's one
        got: list[int] = list(out)  # ends only when out is closed
        return got

    assert run_solution(NOTEBOOK, "ex-pipelines-merge2", check) == [1, 10, 2, 20, 3]


def test_merge2_keeps_zero_values_and_handles_closed_inputs() -> None:
    def check(ns: dict[str, Any]) -> tuple[list[int], list[int]]:
        zeros = list(ns["merge2"](context.background(), produce([0, 0, 5], ms), produce([], ms)))
        empty = list(ns["merge2"](context.background(), produce([], ms), produce([], ms)))
        return zeros, empty

    assert run_solution(NOTEBOOK, "ex-pipelines-merge2", check) == ([0, 0, 5], [])


def test_merge2_stops_and_closes_when_ctx_is_done_even_if_an_input_stays_open() -> None:
    def check(ns: dict[str, Any]) -> None:
        with context.with_timeout(context.background(), 25 * ms) as ctx:
            a = produce([0, 1, 2], 10 * ms)
            silent = chan(int).recv_only()  # never sends, never closes
            start = time.now()
            assert list(ns["merge2"](ctx, a, silent)) == [0, 1]
            assert time.since(start) == 25 * ms
            time.sleep(ms)
            assert runtime.num_goroutine() == 2  # main and a's producer, still sending 2
        assert list(a) == [2]

    run_solution(NOTEBOOK, "ex-pipelines-merge2", check)


def test_first_over_returns_the_first_fourth_power_over_the_limit_and_leaves_nothing() -> None:
    def check(ns: dict[str, Any]) -> list[int]:
        got = []
        for limit, nums in ((100, (4, 5, 6, 7)), (100, (1, 2, 4)), (0, (3,)),
                            (1000, (1, 2, 3)), (100, ())):
            got.append(ns["first_over"](limit, *nums))
            time.sleep(ms)
            assert runtime.num_goroutine() == 1, (limit, nums)
        return got

    assert run_solution(NOTEBOOK, "ex-pipelines-done", check) == [256, 256, 81, -1, -1]


def test_first_over_closes_done_even_when_building_the_pipeline_raises() -> None:
    def check(ns: dict[str, Any]) -> None:
        real_sq = ns["sq"]
        calls = 0

        def sq_failing_the_second_time(done: Any, inp: Any) -> Any:
            nonlocal calls
            calls += 1
            if calls == 2:  # gen and the first sq are running by now
                raise ValueError("no second stage")
            return real_sq(done, inp)

        ns["sq"] = sq_failing_the_second_time
        try:
            ns["first_over"](100, 4, 5, 6, 7)
        except ValueError:
            pass
        time.sleep(ms)
        assert runtime.num_goroutine() == 1  # the finally closed done: both stages returned

    run_solution(NOTEBOOK, "ex-pipelines-done", check)
