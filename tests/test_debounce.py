"""Chapter 16: debounce_test.go's tests, for debounce's twin, with pytest.

``goconc.run(test, clock="virtual", leaks="raise")`` plays the part of ``synctest.Test``:
time is fake (it starts at 2000-01-01 00:00 UTC and moves only when every goroutine is
blocked), a deadlock fails the test, and so does a goroutine still blocked when the test
returns.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

import goconc
from goconc import chan, default, recv, runtime, select, time

TWIN = Path(__file__).resolve().parent / "go" / "debounce" / "main.py"
spec = importlib.util.spec_from_file_location("debounce_twin", TWIN)
assert spec is not None and spec.loader is not None
twin = importlib.util.module_from_spec(spec)
spec.loader.exec_module(twin)
debounce = twin.debounce

ms = time.Millisecond


def bubble(test: Callable[[], None]) -> None:
    """synctest.Test: run ``test`` as main of a fresh program on the virtual clock."""
    goconc.run(test, clock="virtual", seed=1, leaks="raise")


def wait() -> None:
    """synctest.Wait: return once every other goroutine is blocked."""
    while sum(g.waitreason is None for g in runtime.goroutines()) > 1:
        runtime.gosched()


def test_a_burst_gives_its_last_value() -> None:
    def test() -> None:
        inp = chan(str)
        out = debounce(inp, 500 * ms)
        start = time.now()
        inp.send("h")
        inp.send("he")
        wait()  # until debounce's goroutine is blocked
        match select(recv(out), default):
            case 0, v:
                pytest.fail(f"got {v!r} before the input was quiet")
        assert out.recv() == "he"
        assert time.since(start) == 500 * ms
        inp.close()
        assert out.recv_ok() == ("", False)

    bubble(test)


def test_close_sends_the_value_still_waiting() -> None:
    def test() -> None:
        inp = chan(str)
        out = debounce(inp, 500 * ms)
        inp.send("hey")
        time.sleep(499 * ms)
        wait()  # synctest.Sleep(499ms)
        match select(recv(out), default):
            case 0, v:
                pytest.fail(f"got {v!r} after 499ms")
        inp.close()
        assert out.recv() == "hey"
        assert out.recv_ok() == ("", False)

    bubble(test)


def test_nothing_in_nothing_out() -> None:
    def test() -> None:
        inp = chan(str)
        out = debounce(inp, time.Second)
        inp.close()
        assert out.recv_ok() == ("", False)

    bubble(test)


def test_a_test_that_forgets_to_close_the_input_fails() -> None:
    def test() -> None:
        inp = chan(str)
        out = debounce(inp, 500 * ms)
        inp.send("hey")
        assert out.recv() == "hey"
        # No inp.close(): debounce's goroutine waits for more input for ever.

    with pytest.raises(goconc.Leak, match=r"select"):
        bubble(test)


def test_the_bubble_s_clock_starts_where_synctest_s_does() -> None:
    def test() -> None:
        assert time.now() == datetime(2000, 1, 1, tzinfo=UTC)
        time.sleep(time.Hour)  # costs no real time
        assert time.now() == datetime(2000, 1, 1, 1, tzinfo=UTC)

    bubble(test)
