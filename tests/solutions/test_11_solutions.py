"""Chapter 11 (takeaways): the exercise's merge on the page fans in, closes, and stops on ctx."""

from __future__ import annotations

from typing import Any

from nbsolutions import run_solution

from goconc import chan, context, go, runtime, time

NOTEBOOK = "11-takeaways.ipynb"


def produce(values: list[int], delay: int) -> Any:
    ch = chan(int)

    def run() -> None:
        for v in values:
            time.sleep(delay)
            ch.send(v)
        ch.close()

    go(run)
    return ch.recv_only()


def test_merge_delivers_every_value_then_closes() -> None:
    def check(ns: dict[str, Any]) -> None:
        a = produce([1, 2, 3], 10 * time.Millisecond)
        b = produce([10, 20], 12 * time.Millisecond)
        c = produce([], time.Millisecond)
        out = ns["merge"](context.background(), a, b, c)
        got = list(out)  # ends only when out is closed
        assert sorted(got) == [1, 2, 3, 10, 20]
        assert got == [1, 10, 2, 20, 3]  # order of arrival on the virtual clock

    run_solution(NOTEBOOK, "ex-takeaways-merge", check)


def test_merge_stops_and_closes_when_ctx_is_done_even_if_inputs_stay_open() -> None:
    def check(ns: dict[str, Any]) -> None:
        with context.with_timeout(context.background(), 25 * time.Millisecond) as ctx:
            a = produce([0, 1, 2], 10 * time.Millisecond)
            silent = chan(int).recv_only()  # never sends, never closes
            before = runtime.num_goroutine()
            got = list(ns["merge"](ctx, a, silent))
            assert got == [0, 1]
            time.sleep(time.Millisecond)
            assert runtime.num_goroutine() == before  # merge's goroutines are gone
        # a's producer is still blocked on sending 2: take it, so that nothing leaks.
        assert list(a) == [2]

    run_solution(NOTEBOOK, "ex-takeaways-merge", check)


def test_merge_returns_a_receive_only_channel() -> None:
    def check(ns: dict[str, Any]) -> None:
        out = ns["merge"](context.background())
        assert list(out) == []
        try:
            out.close()
        except TypeError:
            return
        raise AssertionError("the caller could close merge's output")

    run_solution(NOTEBOOK, "ex-takeaways-merge", check)
