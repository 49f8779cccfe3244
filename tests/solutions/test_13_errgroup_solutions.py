"""Chapter 13 (errgroup, semaphores and worker pools): the exercise solutions on the page.

The code is taken from the notebook itself (the ```python block inside each
``{solution}`` directive), so the test checks exactly what readers see.
"""

from __future__ import annotations

from typing import Any

import pytest
from nbsolutions import run_solution

from goconc import atomic, context, recv, runtime, select, time

NOTEBOOK = "13-errgroup.ipynb"
ms = time.Millisecond


def fetch(ctx: context.Context, url: str) -> str:
    """The chapter's fetch: 10 ms per character of the URL, or the context's error."""
    match select(recv(time.after(len(url) * 10 * ms)), recv(ctx.done())):
        case 0, _:
            return "<" + url + ">"
        case _:
            err = ctx.err()
            assert err is not None
            raise err


def save(ctx: context.Context, pages: list[str]) -> str:
    """The chapter's save: 50 ms, or the context's error."""
    match select(recv(time.after(50 * ms)), recv(ctx.done())):
        case 0, _:
            return "saved " + " ".join(pages)
        case _:
            err = ctx.err()
            assert err is not None
            raise err


def with_helpers(ns: dict[str, Any]) -> dict[str, Any]:
    """The solution calls the fetch and save that the chapter defined before it."""
    ns.update(fetch=fetch, save=save)
    return ns


def test_fetch_and_save_saves_every_page_in_order() -> None:
    def check(ns: dict[str, Any]) -> tuple[str, time.Duration]:
        start = time.now()
        got = with_helpers(ns)["fetch_and_save"](context.background(), ["a", "bb", "ccc"])
        return got, time.since(start)

    # the fetches run in parallel (30 ms, the longest), then save takes 50 ms
    assert run_solution(NOTEBOOK, "ex-errgroup-ctx-after-wait", check) == (
        "saved <a> <bb> <ccc>", 80 * ms)


def test_fetch_and_save_still_honours_the_callers_context() -> None:
    def check(ns: dict[str, Any]) -> None:
        fetch_and_save = with_helpers(ns)["fetch_and_save"]
        with context.with_timeout(context.background(), 60 * ms) as ctx:
            start = time.now()
            with pytest.raises(context.DeadlineExceeded):
                fetch_and_save(ctx, ["a", "bb"])  # save would end at 70 ms
            assert time.since(start) == 60 * ms

    run_solution(NOTEBOOK, "ex-errgroup-ctx-after-wait", check)


def test_fetch_and_save_a_failed_fetch_cancels_the_others() -> None:
    def check(ns: dict[str, Any]) -> None:
        calls: list[str] = []

        def flaky(ctx: context.Context, url: str) -> str:
            calls.append(url)
            if url == "bad":
                time.sleep(10 * ms)
                raise ValueError("bad url")
            return fetch(ctx, url)

        ns = with_helpers(ns)
        ns["fetch"] = flaky
        start = time.now()
        with pytest.raises(ValueError, match="bad url"):
            ns["fetch_and_save"](context.background(), ["bad", "a" * 50])
        assert time.since(start) == 10 * ms  # not the 500 ms of the long fetch

    run_solution(NOTEBOOK, "ex-errgroup-ctx-after-wait", check)


def test_map_limited_keeps_the_order_and_the_limit() -> None:
    def check(ns: dict[str, Any]) -> tuple[list[str], time.Duration, int]:
        running, most = atomic.Int64(), atomic.Int64()

        def measured(ctx: context.Context, url: str) -> str:
            n = running.add(1)
            most.store(max(most.load(), n))
            try:
                return fetch(ctx, url)
            finally:
                running.add(-1)

        start = time.now()
        got = ns["map_limited"](context.background(), ["a", "bb", "ccc", "d"], 2, measured)
        return got, time.since(start), most.load()

    assert run_solution(NOTEBOOK, "ex-errgroup-map-limited", check) == (
        ["<a>", "<bb>", "<ccc>", "<d>"], 40 * ms, 2)


def test_map_limited_with_the_page_example_and_no_items() -> None:
    def check(ns: dict[str, Any]) -> tuple[list[str], list[str], int]:
        page = ns["map_limited"](context.background(), ["a", "bb", "ccc", "d"], 2, fetch)
        empty = ns["map_limited"](context.background(), [], 3, fetch)
        return page, empty, runtime.num_goroutine()

    assert run_solution(NOTEBOOK, "ex-errgroup-map-limited", check) == (
        ["<a>", "<bb>", "<ccc>", "<d>"], [], 1)


def test_map_limited_raises_the_first_error_and_cancels_the_rest() -> None:
    def check(ns: dict[str, Any]) -> None:
        cancelled: list[str] = []

        def f(ctx: context.Context, item: int) -> int:
            if item == 2:
                time.sleep(5 * ms)
                raise ValueError("item 2 failed")
            try:
                fetch(ctx, "x" * 100)  # a second, unless cancelled
            except context.Canceled:
                cancelled.append(str(item))
                raise
            return item

        start = time.now()
        with pytest.raises(ValueError, match="item 2 failed"):
            ns["map_limited"](context.background(), [1, 2, 3, 4], 3, f)
        assert time.since(start) == 5 * ms
        assert sorted(cancelled) == ["1", "3", "4"]

    run_solution(NOTEBOOK, "ex-errgroup-map-limited", check)
