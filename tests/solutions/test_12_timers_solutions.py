"""Chapter 12 (Timers and tickers): the exercise solutions printed in the book are correct.

The code is taken from the notebook itself (the ```python block inside each
``{solution}`` directive), so the test checks exactly what readers see.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from nbsolutions import run_solution

from goconc import RecvChan, chan, go, runtime, time

NOTEBOOK = "12-timers.ipynb"
ms = time.Millisecond


def events_at(*schedule: tuple[time.Duration, str]) -> RecvChan[str]:
    """The exercise's helper: each name at its time after the start, then close."""
    events = chan(str)

    def run() -> None:
        start = time.now()
        try:
            for at, name in schedule:
                time.sleep(at - time.since(start))
                events.send(name)
        finally:
            events.close()

    go(run)
    return events.recv_only()


def test_watch_prints_every_event_and_returns(capsys: pytest.CaptureFixture[str]) -> None:
    def check(ns: dict[str, Any]) -> time.Duration:
        start = time.now()
        ns["watch"](events_at((100 * ms, "a"), (200 * ms, "b"), (1000 * ms, "c"),
                              (1100 * ms, "d")), 300 * ms)
        return time.since(start)

    assert run_solution(NOTEBOOK, "ex-timers-drain", check) == 1100 * ms
    assert capsys.readouterr().out == "event a\nevent b\nidle\nevent c\nevent d\n"


def test_watch_reports_each_idle_stretch_once(capsys: pytest.CaptureFixture[str]) -> None:
    def check(ns: dict[str, Any]) -> None:
        ns["watch"](events_at((500 * ms, "a"), (2000 * ms, "b")), 300 * ms)

    run_solution(NOTEBOOK, "ex-timers-drain", check)
    assert capsys.readouterr().out == "idle\nevent a\nidle\nevent b\n"


def test_watch_returns_when_events_closes_before_the_timer() -> None:
    def check(ns: dict[str, Any]) -> tuple[time.Duration, int]:
        start = time.now()
        ns["watch"](events_at((10 * ms, "a")), time.Hour)
        return time.since(start), runtime.num_goroutine()

    assert run_solution(NOTEBOOK, "ex-timers-drain", check) == (10 * ms, 1)


def test_token_bucket_lets_a_burst_through_then_one_per_tick() -> None:
    def check(ns: dict[str, Any]) -> list[time.Duration]:
        done = chan()
        tokens = ns["token_bucket"](200 * ms, 3, done)
        start = time.now()
        times = []
        for _ in range(5):
            tokens.recv()
            times.append(time.since(start))
        done.close()
        return times

    assert run_solution(NOTEBOOK, "ex-timers-bucket", check) == [0, 0, 0, 200 * ms, 400 * ms]


def test_token_bucket_holds_at_most_burst_tokens() -> None:
    def check(ns: dict[str, Any]) -> tuple[int, int, int]:
        done = chan()
        tokens = ns["token_bucket"](100 * ms, 2, done)
        cap = tokens.cap
        time.sleep(time.Second)  # ten ticks, but the bucket holds two
        full = len(tokens)
        start = time.now()
        for _ in range(3):
            tokens.recv()
        third = time.since(start)
        done.close()
        return cap, full, third

    assert run_solution(NOTEBOOK, "ex-timers-bucket", check) == (2, 2, 100 * ms)


def test_token_bucket_tokens_carry_their_time_and_refill_stops_on_done() -> None:
    def check(ns: dict[str, Any]) -> tuple[bool, int, int]:
        done = chan()
        tokens = ns["token_bucket"](50 * ms, 1, done)
        first = tokens.recv()
        running = runtime.num_goroutine()
        done.close()
        time.sleep(time.Second)
        with pytest.raises(TypeError):
            tokens.send(first)  # receive-only
        return isinstance(first, datetime), running, runtime.num_goroutine()

    # leaks="raise" in run_solution also fails the test if refill is still blocked.
    assert run_solution(NOTEBOOK, "ex-timers-bucket", check) == (True, 2, 1)
