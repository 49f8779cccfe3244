"""Go's time package: Duration, sleep, timers (Go 1.23+ semantics), tickers, clocks."""

from __future__ import annotations

import time as pytime
from datetime import datetime, timedelta
from typing import Any

import pytest
from vclock import EPOCH, elapsed, vrun

import goconc
from goconc import Deadlock, Panic, chan, default, go, recv, runtime, select, time


def ready(c: Any) -> bool:
    """Whether a value can be received from ``c`` right now (without blocking)."""
    i, _ = select(recv(c), default)
    return i == 0


# --- Duration -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ns", "text"),
    [
        (0, "0s"),
        (1, "1ns"),
        (999, "999ns"),
        (1_000, "1µs"),
        (1_001, "1.001µs"),
        (1_500, "1.5µs"),
        (1_000_000, "1ms"),
        (1_234_567, "1.234567ms"),
        (100_000_000, "100ms"),
        (1_500_000_000, "1.5s"),
        (59_000_000_000, "59s"),
        (61_000_000_000, "1m1s"),
        (120_000_000_000, "2m0s"),
        (3_600_000_000_000, "1h0m0s"),
        (5_400_000_000_000, "1h30m0s"),
        (3_723_500_000_000, "1h2m3.5s"),
        (360_000_000_000_000, "100h0m0s"),
        (-1, "-1ns"),
        (-1_000_000_000, "-1s"),
        (-1_500_000, "-1.5ms"),
        (2**63 - 1, "2562047h47m16.854775807s"),
        (-(2**63), "-2562047h47m16.854775808s"),
    ],
)
def test_duration_str_is_gos_string(ns: int, text: str) -> None:
    # Strings checked against Go 1.27's Duration.String(); "µ" is U+00B5 as in Go.
    assert str(time.Duration(ns)) == text


def test_duration_is_an_int_of_nanoseconds() -> None:
    d = time.Duration(1500)
    assert isinstance(d, int)
    assert d == 1500
    assert time.Nanosecond == 1
    assert time.Microsecond == 1_000
    assert time.Millisecond == 1_000_000
    assert time.Second == 1_000_000_000
    assert time.Minute == 60 * time.Second
    assert time.Hour == 60 * time.Minute


def test_duration_constants_print_like_go() -> None:
    units = [time.Nanosecond, time.Microsecond, time.Millisecond, time.Second, time.Minute,
             time.Hour]
    assert [str(u) for u in units] == ["1ns", "1µs", "1ms", "1s", "1m0s", "1h0m0s"]


def test_duration_arithmetic_stays_a_duration() -> None:
    assert str(2 * time.Second) == "2s"
    assert str(time.Second * 90) == "1m30s"
    assert str(time.Minute + 30 * time.Second) == "1m30s"
    assert str(time.Second - 2 * time.Second) == "-1s"


def test_duration_divided_by_a_number_is_a_duration_truncated_toward_zero() -> None:
    # Checked with Go 1.27: time.Second/2, -time.Second/3, time.Minute/7.
    assert isinstance(time.Second / 2, time.Duration)
    assert [str(time.Second / 2), str(-time.Second / 3), str(time.Minute / 7)] == \
        ["500ms", "-333.333333ms", "8.571428571s"]
    assert time.Duration(-7) / 2 == -3  # toward zero, as Go's integer division
    assert str(time.Second / 2.5) == "400ms"
    with pytest.raises(ZeroDivisionError, match="integer divide by zero"):
        time.Second / 0


def test_duration_divided_by_a_duration_is_their_ratio() -> None:
    # Python's timedelta / timedelta; for a whole count, d // time.Millisecond.
    assert time.Second / time.Millisecond == 1000.0
    assert (3 * time.Second) / (2 * time.Second) == 1.5
    assert time.Second // time.Millisecond == 1000


@pytest.mark.parametrize("make", [
    pytest.param(lambda: time.Duration(1 << 63), id="Duration(1<<63)"),
    pytest.param(lambda: time.Duration(-(1 << 63) - 1), id="below int64"),
    pytest.param(lambda: time.Hour * 10**9, id="Hour*1e9"),
    pytest.param(lambda: time.Duration((1 << 63) - 1) + 1, id="max+1"),
])
def test_a_duration_outside_int64_raises_overflow_error(make: Any) -> None:
    # Go: "cannot use 1 << 100 (untyped int constant ...) as time.Duration value
    # (overflows)"; a Duration is an int64.
    with pytest.raises(OverflowError, match=r"overflows\): a Duration is an int64"):
        make()


def test_sleep_of_more_than_int64_nanoseconds_says_it_overflows() -> None:
    with pytest.raises(OverflowError, match=r"^cannot use 1267650600228229401496703205376 as "
                                            r"time.Duration value in argument to time.sleep"):
        vrun(lambda: time.sleep(1 << 100))
    assert str(time.Duration((1 << 63) - 1)) == "2562047h47m16.854775807s"


def test_the_longest_sleep_on_the_virtual_clock_does_not_overflow() -> None:
    # Go clamps a timer's when at maxWhen (int64's largest) instead of wrapping.
    def main() -> tuple[bool, int]:
        time.sleep(time.Second)
        time.sleep(time.Duration((1 << 63) - 1))
        return time.now().year == 2292, goconc._runtime.getsched().nanotime()

    assert vrun(main) == (True, (1 << 63) - 1)


# --- the virtual clock ---------------------------------------------------------------


def test_virtual_clock_starts_at_2000_01_01_utc() -> None:
    t = vrun(time.now)
    assert t == EPOCH
    assert t.tzinfo is not None and t.utcoffset() == timedelta(0)


def test_virtual_sleep_of_an_hour_returns_at_once_with_the_clock_advanced_by_exactly_1h() -> None:
    def main() -> datetime:
        time.sleep(time.Hour)
        return time.now()

    wall = pytime.monotonic()
    t = vrun(main)
    assert pytime.monotonic() - wall < 5
    assert t == EPOCH + timedelta(hours=1)


def test_virtual_time_stands_still_while_any_goroutine_can_run() -> None:
    def main() -> datetime:
        for _ in range(1000):
            runtime.gosched()
        return time.now()

    assert vrun(main) == EPOCH


def test_virtual_time_does_not_jump_while_another_goroutine_keeps_running() -> None:
    seen: list[datetime] = []

    def spinner(done: goconc.Chan[None]) -> None:
        for _ in range(200):
            seen.append(time.now())
            runtime.gosched()
        done.close()

    def main() -> time.Duration:
        done: goconc.Chan[None] = chan()
        go(spinner, done)
        time.sleep(time.Second)  # cannot return before the spinner stops running
        after_sleep = elapsed()
        done.recv()
        return after_sleep

    assert vrun(main) == time.Second
    assert seen == [EPOCH] * 200


@pytest.mark.parametrize("d", [0, -1, -time.Hour])
def test_sleep_with_non_positive_duration_returns_at_once(d: int) -> None:
    def main() -> datetime:
        time.sleep(d)
        return time.now()

    assert vrun(main) == EPOCH


def test_sleepers_wake_in_order_of_their_deadlines() -> None:
    log: list[tuple[str, time.Duration]] = []

    def sleeper(name: str, d: int, done: goconc.Chan[None]) -> None:
        time.sleep(d)
        log.append((name, elapsed()))
        done.send(None)

    def main() -> None:
        done: goconc.Chan[None] = chan()
        go(sleeper, "c", 3 * time.Second, done)
        go(sleeper, "a", 1 * time.Second, done)
        go(sleeper, "b", 2 * time.Second, done)
        for _ in range(3):
            done.recv()

    vrun(main)
    assert log == [("a", time.Second), ("b", 2 * time.Second), ("c", 3 * time.Second)]


def test_since_and_until_return_durations() -> None:
    def main() -> tuple[Any, Any]:
        start = time.now()
        time.sleep(1500 * time.Millisecond)
        return time.since(start), time.until(start + timedelta(seconds=2))

    since, until = vrun(main)
    assert isinstance(since, time.Duration) and isinstance(until, time.Duration)
    assert since == 1500 * time.Millisecond
    assert until == 500 * time.Millisecond
    assert str(since) == "1.5s"


# --- after and timers -----------------------------------------------------------------


def test_after_delivers_the_time_it_fired() -> None:
    def main() -> tuple[datetime, datetime]:
        t = time.after(3 * time.Second).recv()
        return t, time.now()

    fired, now = vrun(main)
    assert fired == now == EPOCH + timedelta(seconds=3)


@pytest.mark.parametrize("d", [0, -time.Second])
def test_after_with_non_positive_duration_is_ready_at_once(d: int) -> None:
    def main() -> tuple[bool, datetime]:
        return ready(time.after(d)), time.now()

    assert vrun(main) == (True, EPOCH)


def test_timer_fires_once_on_its_channel() -> None:
    def main() -> tuple[datetime, bool]:
        t = time.new_timer(time.Second)
        fired = t.c.recv()
        time.sleep(time.Hour)
        return fired, ready(t.c)

    assert vrun(main) == (EPOCH + timedelta(seconds=1), False)


def test_timer_channel_len_and_cap_are_zero() -> None:
    def main() -> None:
        t = time.new_timer(time.Second)
        assert (len(t.c), t.c.cap) == (0, 0)
        time.sleep(2 * time.Second)  # expired, value not received
        assert (len(t.c), t.c.cap) == (0, 0)
        assert ready(t.c)

    vrun(main)


def test_stop_of_an_active_timer_returns_true_and_nothing_is_ever_received() -> None:
    def main() -> tuple[bool, bool]:
        t = time.new_timer(time.Second)
        stopped = t.stop()
        time.sleep(time.Hour)
        return stopped, ready(t.c)

    assert vrun(main) == (True, False)


def test_stop_after_the_value_was_received_returns_false() -> None:
    def main() -> bool:
        t = time.new_timer(time.Second)
        t.c.recv()
        return t.stop()

    assert vrun(main) is False


def test_second_stop_returns_false() -> None:
    def main() -> tuple[bool, bool]:
        t = time.new_timer(time.Second)
        return t.stop(), t.stop()

    assert vrun(main) == (True, False)


def test_stop_of_an_expired_but_unreceived_timer_returns_true_and_discards_the_value() -> None:
    def main() -> tuple[bool, bool]:
        t = time.new_timer(time.Second)
        time.sleep(2 * time.Second)
        return t.stop(), ready(t.c)

    assert vrun(main) == (True, False)


def test_reset_returns_whether_the_timer_was_active() -> None:
    def main() -> list[bool]:
        t = time.new_timer(time.Second)
        out = [t.reset(2 * time.Second)]  # active
        t.stop()
        out.append(t.reset(time.Second))  # stopped
        t.c.recv()
        out.append(t.reset(time.Second))  # fired and received
        time.sleep(5 * time.Second)
        out.append(t.reset(time.Second))  # expired, not received: still active
        return out

    assert vrun(main) == [True, False, False, True]


def test_no_stale_value_after_reset_of_an_expired_timer() -> None:
    def main() -> tuple[datetime, datetime]:
        t = time.new_timer(time.Second)
        time.sleep(2 * time.Second)  # it fired at 1s; nobody received
        t.reset(time.Hour)
        fired = t.c.recv()
        return fired, time.now()

    fired, now = vrun(main)
    expected = EPOCH + timedelta(seconds=2, hours=1)
    assert fired == now == expected


def test_reset_after_stop_rearms_the_timer() -> None:
    def main() -> time.Duration:
        t = time.new_timer(time.Second)
        t.stop()
        t.reset(3 * time.Second)
        t.c.recv()
        return elapsed()

    assert vrun(main) == 3 * time.Second


def test_timer_can_be_received_in_a_select_with_timeout() -> None:
    def main() -> tuple[int, time.Duration]:
        never: goconc.Chan[int] = chan(int)
        i, _ = select(recv(never), recv(time.new_timer(250 * time.Millisecond).c))
        return i, elapsed()

    assert vrun(main) == (1, 250 * time.Millisecond)


# --- after_func -------------------------------------------------------------------------


def test_after_func_runs_f_in_its_own_goroutine_after_d() -> None:
    def main() -> tuple[Any, time.Duration, bool]:
        done: goconc.Chan[int] = chan(int)
        main_goroutines = runtime.num_goroutine()
        t = time.after_func(2 * time.Second, lambda: done.send(runtime.num_goroutine()))
        during = done.recv()
        return t.c, elapsed(), during == main_goroutines + 1

    assert vrun(main) == (None, 2 * time.Second, True)


def test_after_func_stopped_before_it_fires_never_runs() -> None:
    ran: list[bool] = []

    def main() -> bool:
        t = time.after_func(time.Second, lambda: ran.append(True))
        stopped = t.stop()
        time.sleep(time.Hour)
        return stopped

    assert vrun(main) is True
    assert ran == []


def test_after_func_stop_after_it_ran_returns_false() -> None:
    def main() -> bool:
        done: goconc.Chan[None] = chan()
        t = time.after_func(time.Second, done.close)
        done.recv()
        return t.stop()

    assert vrun(main) is False


def test_after_func_reset_after_it_fired_runs_it_again() -> None:
    runs: list[time.Duration] = []

    def main() -> bool:
        done: goconc.Chan[None] = chan()

        def f() -> None:
            runs.append(elapsed())
            done.send(None)

        t = time.after_func(time.Second, f)
        done.recv()
        active = t.reset(time.Second)
        done.recv()
        return active

    assert vrun(main) is False
    assert runs == [time.Second, 2 * time.Second]


# --- tickers -----------------------------------------------------------------------------


def test_ticker_ticks_every_period() -> None:
    def main() -> list[time.Duration]:
        tk = time.new_ticker(100 * time.Millisecond)
        out = []
        for _ in range(4):
            tk.c.recv()
            out.append(elapsed())
        tk.stop()
        return out

    assert vrun(main) == [n * 100 * time.Millisecond for n in (1, 2, 3, 4)]


def test_ticker_keeps_at_most_one_pending_tick() -> None:
    def main() -> tuple[bool, bool, time.Duration]:
        tk = time.new_ticker(time.Second)
        time.sleep(10 * time.Second + 500 * time.Millisecond)
        first = ready(tk.c)
        second = ready(tk.c)
        tk.c.recv()
        tk.stop()
        return first, second, elapsed()

    assert vrun(main) == (True, False, 11 * time.Second)


def test_stopped_ticker_delivers_no_stale_tick() -> None:
    def main() -> bool:
        tk = time.new_ticker(time.Second)
        time.sleep(3 * time.Second)
        tk.stop()
        time.sleep(time.Hour)
        return ready(tk.c)

    assert vrun(main) is False


def test_ticker_reset_changes_the_period() -> None:
    def main() -> list[time.Duration]:
        tk = time.new_ticker(time.Second)
        tk.c.recv()
        tk.reset(5 * time.Second)
        tk.c.recv()
        out = [elapsed()]
        tk.c.recv()
        out.append(elapsed())
        tk.stop()
        return out

    assert vrun(main) == [6 * time.Second, 11 * time.Second]


@pytest.mark.parametrize("d", [0, -time.Second])
def test_new_ticker_with_non_positive_interval_panics(d: int) -> None:
    def main() -> None:
        time.new_ticker(d)

    with pytest.raises(Panic) as info:
        vrun(main)
    assert str(info.value) == "non-positive interval for NewTicker"


def test_ticker_reset_with_non_positive_interval_panics() -> None:
    def main() -> None:
        tk = time.new_ticker(time.Second)
        try:
            tk.reset(0)
        finally:
            tk.stop()

    with pytest.raises(Panic) as info:
        vrun(main)
    assert str(info.value) == "non-positive interval for Ticker.Reset"


def test_tick_returns_a_ticking_channel() -> None:
    def main() -> list[time.Duration]:
        c = time.tick(time.Minute)
        out = []
        for _ in range(3):
            c.recv()
            out.append(elapsed())
        return out

    assert vrun(main) == [time.Minute, 2 * time.Minute, 3 * time.Minute]


def test_tick_with_non_positive_interval_returns_nil() -> None:
    assert vrun(lambda: time.tick(0)) is None


# --- what delays the deadlock report ----------------------------------------------------


def test_sleeping_goroutine_delays_the_deadlock_report() -> None:
    def sleeper(ch: goconc.Chan[int]) -> None:
        time.sleep(time.Hour)
        ch.send(1)

    def main() -> tuple[int, time.Duration]:
        ch = chan(int)
        go(sleeper, ch)
        return ch.recv(), elapsed()

    assert vrun(main) == (1, time.Hour)


def test_timer_that_main_waits_on_delays_the_deadlock_report() -> None:
    def main() -> time.Duration:
        time.new_timer(time.Minute).c.recv()
        return elapsed()

    assert vrun(main) == time.Minute


def test_pending_after_func_delays_the_deadlock_report() -> None:
    def main() -> tuple[int, time.Duration]:
        ch = chan(int)
        time.after_func(time.Hour, lambda: ch.send(7))
        return ch.recv(), elapsed()

    assert vrun(main) == (7, time.Hour)


def test_deadlock_is_reported_after_a_pending_after_func_has_run() -> None:
    ran: list[time.Duration] = []

    def main() -> None:
        time.after_func(time.Hour, lambda: ran.append(elapsed()))
        chan(int).recv()

    with pytest.raises(Deadlock):
        vrun(main)
    assert ran == [time.Hour]


def test_timer_another_goroutine_waits_on_delays_the_deadlock_report() -> None:
    def waiter(t: time.Timer, out: goconc.Chan[time.Duration]) -> None:
        t.c.recv()
        out.send(elapsed())

    def main() -> time.Duration:
        out: goconc.Chan[time.Duration] = chan(time.Duration)
        go(waiter, time.new_timer(time.Minute), out)
        return out.recv()

    assert vrun(main) == time.Minute


def test_stopping_a_timer_leaves_its_blocked_receiver_blocked_forever() -> None:
    def waiter(t: time.Timer, out: goconc.Chan[int]) -> None:
        t.c.recv()
        out.send(1)

    def main() -> None:
        t = time.new_timer(time.Minute)
        out = chan(int)
        go(waiter, t, out)
        runtime.gosched()
        assert t.stop() is True
        out.recv()

    with pytest.raises(Deadlock) as info:
        vrun(main)
    assert "goroutine 2 [chan receive]:" in str(info.value)


def test_timer_nobody_waits_on_does_not_delay_the_deadlock_report() -> None:
    seen: list[datetime] = []

    def main() -> None:
        t = time.new_timer(time.Hour)
        seen.append(time.now())
        chan(int).recv()
        t.stop()

    with pytest.raises(Deadlock) as info:
        vrun(main)
    assert "goroutine 1 [chan receive]:" in str(info.value)
    assert seen == [EPOCH]


def test_ticker_nobody_waits_on_does_not_delay_the_deadlock_report() -> None:
    def main() -> None:
        time.new_ticker(time.Second)
        chan(int).recv()

    with pytest.raises(Deadlock):
        vrun(main)


# --- determinism and the real clock ------------------------------------------------------


def test_same_seed_on_the_virtual_clock_prints_identical_output(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def worker(i: int, out: goconc.Chan[str]) -> None:
        for n in range(3):
            time.sleep((i + 1) * 7 * time.Millisecond)
            out.send(f"worker {i} step {n} at {time.now().time()}")

    def main() -> None:
        out: goconc.Chan[str] = chan(str)
        for i in range(4):
            go(worker, i, out)
        for _ in range(12):
            print(out.recv())

    runs = []
    for _ in range(2):
        vrun(main)
        runs.append(capsys.readouterr().out)
    assert runs[0] == runs[1]
    assert runs[0].count("\n") == 12


def test_real_clock_sleepers_wake_in_deadline_order() -> None:
    log: list[str] = []

    def sleeper(name: str, d: int, done: goconc.Chan[None]) -> None:
        time.sleep(d)
        log.append(name)
        done.send(None)

    def main() -> None:
        done: goconc.Chan[None] = chan()
        go(sleeper, "slow", 20 * time.Millisecond, done)
        go(sleeper, "fast", 1 * time.Millisecond, done)
        done.recv()
        done.recv()

    goconc.run(main, clock="real")
    assert log == ["fast", "slow"]


def test_real_clock_timer_fires_and_stop_prevents_a_second() -> None:
    def main() -> tuple[bool, bool, bool]:
        t = time.new_timer(time.Millisecond)
        t.c.recv()
        u = time.new_timer(time.Hour)
        return t.stop(), u.stop(), ready(u.c)

    assert goconc.run(main, clock="real") == (False, True, False)


def test_real_clock_now_is_aware_utc_and_after_advances() -> None:
    def main() -> tuple[datetime, datetime]:
        start = time.now()
        fired = time.after(time.Millisecond).recv()
        return start, fired

    start, fired = goconc.run(main, clock="real")
    assert start.utcoffset() == timedelta(0)
    assert fired >= start
