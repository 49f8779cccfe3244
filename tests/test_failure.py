"""Failure is loud and Go-like: deadlock, crashes, Goexit unwinding, leaks, interrupts.

Also the top-level program (``goconc.reset``), where the test itself is the
main goroutine, as in a notebook cell.
"""

from __future__ import annotations

import contextlib
import gc
import io
import re
import subprocess
import sys
import textwrap
import threading
import warnings
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from types import CodeType, FrameType
from typing import Any

import pytest
import vclock
from vclock import deadlock_of, yield_many

import goconc
from goconc import (
    Deadlock,
    Fatal,
    Goexit,
    Leak,
    LeakWarning,
    Panic,
    _runtime,
    chan,
    default,
    go,
    recv,
    runtime,
    select,
    send,
    time,
)

vrun = partial(vclock.vrun, leaks="warn")  # goconc.run's own default


def waiter(log: list[str], name: str, extra_yields: int) -> None:
    """Yield a few times, then block forever; log ``name`` when unwound."""
    try:
        yield_many(extra_yields)
        chan(int).recv()
    finally:
        log.append(name)


def leak_warnings(record: pytest.WarningsRecorder) -> list[str]:
    return [str(w.message) for w in record if issubclass(w.category, LeakWarning)]


# --- the exception classes ---------------------------------------------------------------


def test_panic_is_a_runtime_error() -> None:
    assert issubclass(Panic, RuntimeError)


def test_fatal_and_goexit_escape_except_exception() -> None:
    for cls in (Fatal, Deadlock, Goexit):
        assert issubclass(cls, BaseException)
        assert not issubclass(cls, Exception)
    assert issubclass(Deadlock, Fatal)


def test_leak_is_an_exception_and_leak_warning_a_warning() -> None:
    assert issubclass(Leak, Exception)
    assert issubclass(LeakWarning, Warning)


# --- deadlock ------------------------------------------------------------------------------


def test_deadlock_message_starts_with_gos_fatal_error() -> None:
    msg = deadlock_of(lambda: chan(int).recv())
    assert msg.startswith("all goroutines are asleep - deadlock!")


def test_deadlock_dump_reports_main_blocked_in_chan_receive() -> None:
    msg = deadlock_of(lambda: chan(int).recv())
    assert re.search(r"^goroutine 1 \[chan receive\]:$", msg, re.M), msg


def test_deadlock_dump_reports_chan_send() -> None:
    msg = deadlock_of(lambda: chan(int).send(1))
    assert re.search(r"^goroutine 1 \[chan send\]:$", msg, re.M), msg


def test_deadlock_dump_reports_select() -> None:
    msg = deadlock_of(lambda: select(recv(chan(int)), recv(chan(int))))
    assert re.search(r"^goroutine 1 \[select\]:$", msg, re.M), msg


def test_deadlock_dump_reports_select_with_no_cases() -> None:
    msg = deadlock_of(lambda: select())
    assert re.search(r"^goroutine 1 \[select \(no cases\)\]:$", msg, re.M), msg


def test_deadlock_dump_reports_a_single_case_select_on_nil_as_nil_chan_receive() -> None:
    # Go compiles a one-case select to a plain receive, which parks as "chan receive (nil chan)".
    msg = deadlock_of(lambda: select(recv(None)))
    assert re.search(r"^goroutine 1 \[chan receive \(nil chan\)\]:$", msg, re.M), msg


def test_deadlock_dump_reports_a_single_case_select_send_on_nil_as_nil_chan_send() -> None:
    msg = deadlock_of(lambda: select(send(None, 1)))
    assert re.search(r"^goroutine 1 \[chan send \(nil chan\)\]:$", msg, re.M), msg


def test_deadlock_dump_lists_every_goroutine_with_its_creator() -> None:
    def main() -> None:
        a, b = chan(int), chan(int)
        go(a.send, 1)
        go(b.recv)
        runtime.gosched()
        select(recv(chan(int)), recv(chan(int)))

    msg = deadlock_of(main)
    headers = re.findall(r"^goroutine (\d+) \[([^\]]+)\]:$", msg, re.M)
    assert headers == [("1", "select"), ("2", "chan send"), ("3", "chan receive")], msg
    assert msg.count("created by") == 2
    assert msg.count(" in goroutine 1\n") == 2


def test_deadlock_dump_shows_the_users_function_where_a_goroutine_blocked() -> None:
    def stuck_receiver(ch: goconc.Chan[int]) -> None:
        ch.recv()

    def main() -> None:
        ch = chan(int)
        go(stuck_receiver, ch)
        ch.recv()

    msg = deadlock_of(main)
    section = msg[msg.index("goroutine 2 [chan receive]:"):]
    first_frame = section.splitlines()[1]
    assert "stuck_receiver" in first_frame, msg
    assert "test_failure.py:" in section, msg
    main_section = msg[msg.index("goroutine 1 [chan receive]:"):msg.index("goroutine 2")]
    assert "main" in main_section.splitlines()[1], msg


def test_deadlock_is_not_caught_by_except_exception_and_finally_runs() -> None:
    log: list[str] = []

    def main() -> None:
        try:
            chan(int).recv()
        except Exception:
            log.append("except Exception")
        finally:
            log.append("finally")

    deadlock_of(main)
    assert log == ["finally"]


def test_deadlock_unwinds_other_goroutines() -> None:
    log: list[str] = []

    def stuck() -> None:
        try:
            chan(int).recv()
        finally:
            log.append("stuck unwound")

    def main() -> None:
        go(stuck)
        chan(int).recv()

    deadlock_of(main)
    assert log == ["stuck unwound"]


def test_partial_deadlock_while_main_still_runs_is_not_reported() -> None:
    def main() -> str:
        go(lambda: chan(int).recv())
        time.sleep(time.Second)
        return "done"

    assert vrun(main, leaks="ignore") == "done"


def test_deadlock_while_others_spin_in_gosched_is_not_reported_until_they_stop() -> None:
    def spinner(n: int, done: goconc.Chan[int]) -> None:
        for _ in range(n):
            runtime.gosched()
        done.send(n)

    def main() -> int:
        done = chan(int)
        go(spinner, 100, done)
        return done.recv()

    assert vrun(main) == 100


# --- crashes -------------------------------------------------------------------------------


def test_crash_in_a_goroutine_raises_the_same_exception_object_from_run() -> None:
    raised: list[BaseException] = []

    def crasher() -> None:
        e = ValueError("boom")
        raised.append(e)
        raise e

    def main() -> None:
        go(crasher)
        chan(int).recv()

    with pytest.raises(ValueError) as info:
        vrun(main)
    assert info.value is raised[0]
    assert str(info.value) == "boom"


def test_crash_note_names_the_goroutine_and_where_it_was_started() -> None:
    def crasher() -> None:
        raise ValueError("boom")

    def main() -> None:
        go(crasher)
        chan(int).recv()

    with pytest.raises(ValueError) as info:
        vrun(main)
    notes = getattr(info.value, "__notes__", [])
    assert len(notes) == 1, notes
    assert "goroutine 2" in notes[0]
    assert "crasher" in notes[0]
    assert "test_failure.py:" in notes[0]


def test_main_cannot_catch_another_goroutines_crash() -> None:
    log: list[str] = []

    def crasher() -> None:
        raise ValueError("boom")

    def main() -> None:
        go(crasher)
        try:
            chan(int).recv()
        except ValueError:
            log.append("main caught it")
        except Exception:
            log.append("main caught something")
        finally:
            log.append("main finally")

    with pytest.raises(ValueError):
        vrun(main)
    assert log == ["main finally"]


def test_crash_stops_the_program_at_once() -> None:
    log: list[str] = []

    def crasher() -> None:
        raise KeyError("k")

    def bystander() -> None:
        for i in range(10):
            log.append(f"bystander {i}")
            runtime.gosched()

    def main() -> None:
        go(crasher)
        go(bystander)  # runs first (runnext); its gosched lets the crasher run
        yield_many(10)
        log.append("main after yield")

    with pytest.raises(KeyError):
        vrun(main)
    assert log == ["bystander 0"]


def test_crash_unwinds_others_in_creation_order_running_finally_blocks() -> None:
    log: list[str] = []

    def crasher() -> None:
        yield_many(20)
        raise ValueError("boom")

    def main() -> None:
        try:
            go(waiter, log, "g2", 6)  # blocks last
            go(waiter, log, "g3", 0)  # blocks first
            go(waiter, log, "g4", 3)
            go(crasher)
            chan(int).recv()
        finally:
            log.append("main")

    with pytest.raises(ValueError):
        vrun(main)
    assert log == ["main", "g2", "g3", "g4"]


def test_panic_in_a_goroutine_crashes_the_program() -> None:
    def sender() -> None:
        ch = chan(int, 1)
        ch.close()
        ch.send(1)

    def main() -> None:
        go(sender)
        time.sleep(time.Hour)

    with pytest.raises(Panic) as info:
        vrun(main)
    assert str(info.value) == "send on closed channel"
    assert any("goroutine 2" in n for n in getattr(info.value, "__notes__", []))


def test_exception_in_main_propagates_unchanged() -> None:
    raised: list[BaseException] = []

    def main() -> None:
        go(lambda: chan(int).recv())
        runtime.gosched()
        e = LookupError("main failed")
        raised.append(e)
        raise e

    with pytest.raises(LookupError) as info:
        vrun(main)
    assert info.value is raised[0]


def test_recovered_panic_does_not_crash_the_program() -> None:
    def worker(out: goconc.Chan[str]) -> None:
        ch = chan(int)
        ch.close()
        try:
            ch.close()
        except Panic as e:
            out.send(f"recovered: {e}")

    def main() -> str:
        out = chan(str)
        go(worker, out)
        return out.recv()

    assert vrun(main) == "recovered: close of closed channel"


# --- Goexit unwinding --------------------------------------------------------------------


def test_goroutines_are_unwound_in_creation_order_when_main_returns() -> None:
    log: list[str] = []

    def main() -> None:
        go(waiter, log, "g2", 6)
        go(waiter, log, "g3", 0)
        go(waiter, log, "g4", 3)
        yield_many(10)
        log.append("main returns")

    vrun(main, leaks="ignore")
    assert log == ["main returns", "g2", "g3", "g4"]


def test_goexit_is_not_caught_by_except_exception() -> None:
    log: list[str] = []

    def waiter() -> None:
        try:
            chan(int).recv()
        except Exception:
            log.append("except Exception")
        except BaseException as e:
            log.append(type(e).__name__)
            raise
        finally:
            log.append("finally")

    def main() -> None:
        go(waiter)
        runtime.gosched()

    vrun(main, leaks="ignore")
    assert log == ["Goexit", "finally"]


def test_goexit_runs_with_blocks_of_stopped_goroutines() -> None:
    log: list[str] = []

    @contextlib.contextmanager
    def resource(name: str) -> Iterator[None]:
        log.append(f"open {name}")
        try:
            yield
        finally:
            log.append(f"close {name}")

    def waiter() -> None:
        with resource("outer"), resource("inner"):
            time.sleep(time.Hour)

    def main() -> None:
        go(waiter)
        runtime.gosched()

    vrun(main, leaks="ignore")
    assert log == ["open outer", "open inner", "close inner", "close outer"]


def test_goroutine_that_swallows_goexit_and_blocks_again_is_still_stopped() -> None:
    log: list[str] = []

    def stubborn() -> None:
        try:
            chan(int).recv()
        except BaseException:  # swallowing Goexit is the point of the test
            log.append("swallowed")
        try:
            chan(int).recv()
        finally:
            log.append("second block unwound")

    def main() -> str:
        go(stubborn)
        runtime.gosched()
        return "ok"

    assert vrun(main, leaks="ignore") == "ok"
    assert log == ["swallowed", "second block unwound"]


def test_a_wait_abandoned_twice_on_one_channel_leaves_it_clean_for_the_next_program() -> None:
    # A plain wait reuses its goroutine's sudog; one abandoned by an exception
    # stays on the queue (dead) and must never be mistaken for a new waiter.
    ch = chan(int)
    log: list[str] = []

    def stubborn() -> None:
        try:
            ch.recv()
        except BaseException:  # swallowing Goexit is the point of the test
            log.append("swallowed")
        try:
            ch.send(7)
        finally:
            log.append("send unwound")

    def main() -> None:
        go(stubborn)
        runtime.gosched()

    vrun(main, leaks="ignore")
    assert log == ["swallowed", "send unwound"]
    assert (ch.statistics().tasks_waiting_send, ch.statistics().tasks_waiting_receive) == (0, 0)

    def again() -> list[int]:
        got: list[int] = []
        done = chan(int)

        def receive() -> None:
            got.append(ch.recv())
            got.append(ch.recv())
            done.send(0)

        go(receive)
        ch.send(1)
        ch.send(2)
        done.recv()
        return got

    assert vrun(again) == [1, 2]


def test_goroutine_never_started_does_not_run_after_main_returns() -> None:
    ran: list[str] = []

    def main() -> None:
        go(ran.append, "ran")

    vrun(main, leaks="ignore")
    assert ran == []


# --- leaks -------------------------------------------------------------------------------


def test_leaked_goroutines_are_reported_as_a_leak_warning() -> None:
    def main() -> str:
        go(lambda: chan(int).recv())
        go(time.sleep, time.Hour)
        runtime.gosched()
        return "result"

    with pytest.warns(LeakWarning) as record:
        assert vrun(main, leaks="warn") == "result"
    (msg,) = leak_warnings(record)
    assert "2 goroutines" in msg
    assert re.search(r"^goroutine 2 \[chan receive\]:$", msg, re.M), msg
    assert re.search(r"^goroutine 3 \[sleep\]:$", msg, re.M), msg


def test_leaks_warn_by_default() -> None:
    def main() -> None:
        go(lambda: chan(int).recv())
        runtime.gosched()

    with pytest.warns(LeakWarning):
        goconc.run(main, clock="virtual", seed=1)


def test_leaked_goroutines_raise_leak_with_leaks_raise_and_are_unwound() -> None:
    log: list[str] = []

    def leaker() -> None:
        try:
            chan(int).send(1)
        finally:
            log.append("unwound")

    def main() -> None:
        go(leaker)
        runtime.gosched()

    with pytest.raises(Leak) as info:
        vrun(main, leaks="raise")
    assert "1 goroutine" in str(info.value)
    assert re.search(r"^goroutine 2 \[chan send\]:$", str(info.value), re.M)
    assert log == ["unwound"]


def test_leaks_ignore_is_silent_but_still_unwinds(recwarn: pytest.WarningsRecorder) -> None:
    log: list[str] = []

    def leaker() -> None:
        try:
            chan(int).recv()
        finally:
            log.append("unwound")

    def main() -> None:
        go(leaker)
        runtime.gosched()

    vrun(main, leaks="ignore")
    assert leak_warnings(recwarn) == []
    assert log == ["unwound"]


def test_no_leak_is_reported_when_every_goroutine_finished(
    recwarn: pytest.WarningsRecorder,
) -> None:
    def main() -> None:
        done = chan(int)
        go(done.send, 1)
        done.recv()
        runtime.gosched()

    vrun(main, leaks="raise")
    vrun(main, leaks="warn")
    assert leak_warnings(recwarn) == []


# --- the runtime after a failure --------------------------------------------------------


def ping_pong() -> int:
    ch = chan(int)
    go(ch.send, 7)
    return ch.recv()


def test_runtime_is_usable_after_a_deadlock() -> None:
    deadlock_of(lambda: chan(int).recv())
    assert vrun(ping_pong) == 7
    assert goconc.run(ping_pong, clock="real") == 7


def test_runtime_is_usable_after_a_crash() -> None:
    def main() -> None:
        go(lambda: 1 / 0)
        chan(int).recv()

    with pytest.raises(ZeroDivisionError):
        vrun(main)
    assert vrun(ping_pong) == 7


def test_runtime_is_usable_after_leaks_raise() -> None:
    def main() -> None:
        go(lambda: chan(int).recv())
        runtime.gosched()

    with pytest.raises(Leak):
        vrun(main, leaks="raise")
    assert vrun(ping_pong) == 7


# --- KeyboardInterrupt -----------------------------------------------------------------


def test_keyboard_interrupt_in_a_goroutine_stops_everything_and_propagates(
    capsys: pytest.CaptureFixture[str],
) -> None:
    log: list[str] = []

    def interrupted() -> None:
        yield_many(2)
        raise KeyboardInterrupt

    def bystander() -> None:
        try:
            for i in range(100):
                log.append(f"tick {i}")
                runtime.gosched()
        finally:
            log.append("bystander unwound")

    def main() -> None:
        go(bystander)
        go(interrupted)
        try:
            chan(int).recv()
        finally:
            log.append("main unwound")

    with pytest.raises(KeyboardInterrupt):
        vrun(main)
    assert log[-2:] == ["main unwound", "bystander unwound"]
    assert len([e for e in log if e.startswith("tick")]) <= 4
    err = capsys.readouterr().err
    assert re.search(r"^goroutine 1 \[chan receive\]:$", err, re.M), err


def test_runtime_is_usable_after_a_keyboard_interrupt() -> None:
    def interrupted() -> None:
        raise KeyboardInterrupt

    def main() -> None:
        go(interrupted)
        chan(int).recv()

    with pytest.raises(KeyboardInterrupt):
        vrun(main)
    assert vrun(ping_pong) == 7


# --- the top-level program ---------------------------------------------------------------


@pytest.fixture
def toplevel() -> Iterator[None]:
    """A fresh top-level program on the virtual clock; afterwards, a clean real-clock one."""
    goconc.reset(clock="virtual", seed=1)
    yield
    goconc.reset()


@pytest.mark.usefixtures("toplevel")
def test_toplevel_go_then_recv_works() -> None:
    ch = chan(int)
    go(ch.send, 9)
    assert ch.recv() == 9


@pytest.mark.usefixtures("toplevel")
def test_toplevel_caller_is_the_main_goroutine() -> None:
    assert runtime.num_goroutine() == 1
    assert [g.id for g in runtime.goroutines()] == [1]


@pytest.mark.usefixtures("toplevel")
def test_toplevel_virtual_sleep_advances_the_clock() -> None:
    start = time.now()
    time.sleep(time.Hour)
    assert time.since(start) == time.Hour
    assert start.year == 2000


@pytest.mark.usefixtures("toplevel")
def test_toplevel_deadlock_raises_in_the_caller_and_the_next_use_works() -> None:
    ch = chan(int)
    with pytest.raises(Deadlock) as info:
        ch.recv()
    assert str(info.value).startswith("all goroutines are asleep - deadlock!")
    assert re.search(r"^goroutine 1 \[chan receive\]:$", str(info.value), re.M)
    ch2 = chan(int)
    go(ch2.send, 3)
    assert ch2.recv() == 3
    assert runtime.num_goroutine() == 1


@pytest.mark.usefixtures("toplevel")
def test_toplevel_deadlock_unwinds_the_other_goroutines() -> None:
    log: list[str] = []

    def stuck() -> None:
        try:
            chan(int).recv()
        finally:
            log.append("unwound")

    go(stuck)
    with pytest.raises(Deadlock):
        chan(int).recv()
    assert log == ["unwound"]


@pytest.mark.usefixtures("toplevel")
def test_toplevel_crash_raises_in_the_caller_and_the_next_use_works() -> None:
    raised: list[BaseException] = []

    def crasher() -> None:
        e = ValueError("cell crash")
        raised.append(e)
        raise e

    go(crasher)
    with pytest.raises(ValueError) as info:
        chan(int).recv()
    assert info.value is raised[0]
    assert any("crasher" in n for n in getattr(info.value, "__notes__", []))
    ch = chan(int)
    go(ch.send, 4)
    assert ch.recv() == 4


@pytest.mark.usefixtures("toplevel")
def test_toplevel_same_seed_after_reset_gives_the_same_choices() -> None:
    def picks() -> list[int]:
        a, b = chan(int, 1), chan(int, 1)
        out = []
        for _ in range(30):
            if not len(a):
                a.send(0)
            if not len(b):
                b.send(0)
            out.append(select(recv(a), recv(b))[0])
        return out

    first = picks()
    goconc.reset(clock="virtual", seed=1)
    assert picks() == first


def test_reset_unwinds_the_previous_toplevel_goroutines() -> None:
    log: list[str] = []

    def stuck() -> None:
        try:
            chan(int).recv()
        finally:
            log.append("unwound")

    goconc.reset(clock="virtual", seed=1)
    go(stuck)
    runtime.gosched()
    assert runtime.num_goroutine() == 2
    goconc.reset(clock="virtual", seed=1)
    assert log == ["unwound"]
    assert runtime.num_goroutine() == 1
    goconc.reset()


def test_goroutines_unwound_by_reset_leave_no_waiters_on_surviving_channels() -> None:
    # A notebook keeps its channels across reset(): the old program's parked
    # senders and receivers must be gone from them.
    goconc.reset(clock="virtual", seed=1)
    try:
        ch, out = chan(int), chan(int)
        go(ch.send, 1)
        go(out.recv)
        runtime.gosched()
        goconc.reset(clock="virtual", seed=1)
        assert ch.statistics().tasks_waiting_send == 0
        assert out.statistics().tasks_waiting_receive == 0
        assert select(recv(ch), default)[0] == 1
        assert select(send(out, 2), default)[0] == 1
    finally:
        goconc.reset()


def test_goroutines_leaked_by_one_run_leave_no_waiters_for_the_next() -> None:
    ch = chan(int)

    def first() -> None:
        go(ch.send, 1)
        runtime.gosched()

    def second() -> int:
        return select(recv(ch), default)[0]

    vrun(first, leaks="ignore")
    assert ch.statistics().tasks_waiting_send == 0
    assert vrun(second) == 1


def test_run_inside_a_toplevel_program_leaves_it_intact() -> None:
    goconc.reset(clock="virtual", seed=1)
    try:
        ch = chan(int, 1)
        ch.send(1)
        assert vrun(ping_pong) == 7
        assert ch.recv() == 1
        assert runtime.num_goroutine() == 1
    finally:
        goconc.reset()


def test_toplevel_leftovers_do_not_warn_when_reset(recwarn: pytest.WarningsRecorder) -> None:
    goconc.reset(clock="virtual", seed=1)
    go(lambda: chan(int).recv())
    runtime.gosched()
    goconc.reset()
    with warnings.catch_warnings():
        warnings.simplefilter("error", LeakWarning)
        assert vrun(ping_pong) == 7
    assert leak_warnings(recwarn) == []


@pytest.mark.usefixtures("toplevel")
def test_toplevel_goroutines_of_a_crashed_program_never_run_again() -> None:
    log: list[str] = []

    def bystander() -> None:
        for i in range(100):
            log.append(f"tick {i}")
            runtime.gosched()

    def crasher() -> None:
        runtime.gosched()
        raise ValueError("boom")

    go(bystander)
    go(crasher)
    with pytest.raises(ValueError):
        chan(int).recv()
    ticks = len(log)
    ch = chan(int)
    go(ch.send, 1)
    assert ch.recv() == 1
    for _ in range(5):
        runtime.gosched()
    assert len(log) == ticks
    assert runtime.num_goroutine() == 1


@pytest.mark.usefixtures("toplevel")
def test_toplevel_keyboard_interrupt_in_a_goroutine_propagates_and_the_next_use_works(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def interrupted() -> None:
        raise KeyboardInterrupt

    go(interrupted)
    with pytest.raises(KeyboardInterrupt):
        chan(int).recv()
    assert "goroutine 1 [chan receive]:" in capsys.readouterr().err
    ch = chan(int)
    go(ch.send, 2)
    assert ch.recv() == 2


CTRL_C_SCRIPT = """\
import os, signal, threading
import goconc
from goconc import chan, go, time

def sleeper():
    try:
        time.sleep(60 * time.Second)
    finally:
        print("sleeper unwound", flush=True)

def main():
    go(sleeper)
    threading.Timer(0.05, os.kill, (os.getpid(), signal.SIGINT)).start()
    try:
        chan(int).recv() if {main_blocks} else time.sleep(60 * time.Second)
    finally:
        print("main unwound", flush=True)

try:
    goconc.run(main, clock="real")
except KeyboardInterrupt:
    print("KeyboardInterrupt propagated", flush=True)
print("second run:", goconc.run(lambda: 7, clock="virtual", seed=1), flush=True)
"""


@pytest.mark.parametrize("main_blocks", [False, True], ids=["main-sleeping", "main-receiving"])
def test_ctrl_c_stops_every_goroutine_and_propagates(main_blocks: bool) -> None:
    # In a subprocess: a stray SIGINT must never reach the pytest session itself.
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-c", CTRL_C_SCRIPT.format(main_blocks=main_blocks)],
        capture_output=True, text=True, timeout=60, cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
    )
    lines = result.stdout.splitlines()
    assert lines == ["main unwound", "sleeper unwound", "KeyboardInterrupt propagated",
                     "second run: 7"], result.stdout + result.stderr
    assert re.search(r"^goroutine 2 \[sleep\]:$", result.stderr, re.M), result.stderr


# --- Ctrl-C at the end of a program, and goroutines that will not stop ------------------


def test_ctrl_c_while_goroutines_are_unwound_at_the_end_propagates(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # An interrupt that lands while a goroutine unwinds (its finally block) must
    # not vanish: the others are still unwound, then KeyboardInterrupt propagates.
    log: list[str] = []

    def interrupted_while_unwinding() -> None:
        try:
            chan(int).recv()
        finally:
            log.append("first unwound")
            raise KeyboardInterrupt

    def bystander() -> None:
        try:
            chan(int).recv()
        finally:
            log.append("bystander unwound")

    def main() -> str:
        go(interrupted_while_unwinding)
        go(bystander)
        runtime.gosched()
        return "main returned"

    with pytest.raises(KeyboardInterrupt):
        vrun(main, leaks="ignore")
    assert log == ["first unwound", "bystander unwound"]
    assert "goconc: interrupted; stopping every goroutine of the program." in \
        capsys.readouterr().err
    assert vrun(ping_pong) == 7


def test_ctrl_c_while_a_crash_unwinds_the_others_ends_with_keyboard_interrupt() -> None:
    def unwinding() -> None:
        try:
            chan(int).recv()
        finally:
            raise KeyboardInterrupt

    def main() -> None:
        go(unwinding)
        runtime.gosched()
        raise ValueError("boom")

    with pytest.raises(KeyboardInterrupt):
        vrun(main)
    assert vrun(ping_pong) == 7


def test_a_goroutine_that_keeps_swallowing_goexit_is_abandoned_with_a_warning() -> None:
    # The beginner's retry loop: a bare except around a blocking call catches the
    # Goexit that unwinds it and blocks again. The program still ends.
    tries: list[int] = []

    def retry() -> None:
        while True:
            try:
                chan(int).recv()
            except:  # noqa: E722 - the bare except is what this test is about
                tries.append(1)

    def main() -> str:
        go(retry)
        runtime.gosched()
        return "done"

    with pytest.warns(goconc.AbandonWarning) as record:
        assert vrun(main, leaks="ignore") == "done"
    assert len(tries) == _runtime.MAX_UNWINDS
    (w,) = record
    text = str(w.message)
    assert text.startswith("1 goroutine abandoned: caught Goexit and blocked again"), text
    assert re.search(r"goroutine 2 \(.*retry\), created by goroutine 1 at .*test_failure\.py:\d+",
                     text), text
    assert "catch Exception instead" in text
    assert vrun(ping_pong) == 7
    assert len(tries) == _runtime.MAX_UNWINDS  # it never ran again


def test_a_goroutine_that_waits_in_a_finally_block_is_resumed_when_woken() -> None:
    # While a program ends, a finally block may wait for another goroutine's
    # finally block (here, a handoff): both complete, in either order.
    done = chan(str)
    log: list[str] = []

    def sender() -> None:
        try:
            chan(int).recv()
        finally:
            done.send("from sender's finally")
            log.append("sender's send completed")

    def receiver() -> None:
        try:
            chan(int).recv()
        finally:
            log.append(done.recv())

    def main() -> None:
        go(sender)
        go(receiver)
        runtime.gosched()

    vrun(main, leaks="ignore")
    assert sorted(log) == ["from sender's finally", "sender's send completed"]


# --- the top-level program after an interrupt ------------------------------------------


def test_an_interrupted_notebook_cell_stops_every_goroutine_it_started() -> None:
    # Ctrl-C (Jupyter's stop button) that lands in the cell's own code leaves the
    # cell as KeyboardInterrupt; goroutines of that program must not run in the next.
    script = textwrap.dedent('''
        from IPython.testing.globalipapp import start_ipython
        ip = start_ipython()
        ip.run_cell("import goconc\\ngoconc.reset(clock='virtual', seed=1)\\n"
                    "from goconc import go, time, runtime\\nlog = []")
        r = ip.run_cell("def sleeper():\\n    try:\\n        time.sleep(time.Second)\\n"
                        "        log.append('ran after the interrupt')\\n"
                        "    finally:\\n        log.append('unwound')\\n"
                        "go(sleeper)\\nruntime.gosched()\\nraise KeyboardInterrupt")
        print("CELL:", type(r.error_in_exec).__name__)
        ip.run_cell("time.sleep(2 * time.Second)\\n"
                    "print('LOG:', log, runtime.num_goroutine())")
    ''')
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=120)
    text = out.stdout + out.stderr
    assert "CELL: KeyboardInterrupt" in text, text
    assert "LOG: ['unwound'] 1" in text, text
    assert "goconc: interrupted; stopping every goroutine of the program." in text, text
    assert "goroutine 2 [sleep]:" in text, text


def test_an_interrupt_just_as_run_returns_leaves_no_scheduler_behind() -> None:
    # Ctrl-C after the program ended, in run()'s last lines: the next top-level use
    # of goconc, and reset(), must find a working (fresh) program.
    run_code = goconc.run.__code__
    state = {"main returned": False, "fired": False}

    def tracer(frame: FrameType, event: str, arg: object) -> Any:
        if frame.f_code is not run_code:
            return None

        def local(frame: FrameType, event: str, arg: object) -> Any:
            if event == "line" and state["main returned"] and not state["fired"]:
                state["fired"] = True
                raise KeyboardInterrupt
            return local
        return local

    programs: list[_runtime.Scheduler] = []

    def main() -> int:
        programs.append(_runtime.getsched())
        state["main returned"] = True
        return 1

    before = getattr(_runtime._tls, "sched", None)
    sys.settrace(tracer)
    try:
        with pytest.raises(KeyboardInterrupt):
            vrun(main)
    finally:
        sys.settrace(None)
    assert state["fired"]
    assert getattr(_runtime._tls, "sched", None) is before
    assert programs[0].dead
    ch = chan(int, 1)
    go(ch.send, 3)
    assert ch.recv() == 3
    goconc.reset()
    assert vrun(ping_pong) == 7


def test_reset_replaces_a_dead_scheduler_left_installed() -> None:
    # The state an interrupt in run()'s last lines used to leave behind.
    dead = _runtime.Scheduler("virtual", 1)
    dead.dead = True
    _runtime._tls.sched = dead
    try:
        assert _runtime.getsched() is not dead
        _runtime._tls.sched = dead
        goconc.reset(clock="virtual", seed=1)
        ch = chan(int)
        go(ch.send, 4)
        assert ch.recv() == 4
    finally:
        goconc.reset()


# --- odd exceptions -----------------------------------------------------------------


def test_an_exception_whose_notes_are_not_a_list_escapes_a_goroutine_unchanged() -> None:
    raised: list[BaseException] = []

    def crasher() -> None:
        e = ValueError("with odd notes")
        e.__notes__ = "not a list"  # type: ignore[attr-defined]
        raised.append(e)
        raise e

    def main() -> None:
        go(crasher)
        chan(int).recv()

    with pytest.raises(ValueError) as info:
        vrun(main)
    assert info.value is raised[0]
    assert info.value.__notes__ == "not a list"  # type: ignore[attr-defined]


def test_a_deadlock_on_a_channel_of_another_thread_says_programs_do_not_share() -> None:
    # Each OS thread runs its own program: a goroutine there can never wake one
    # here. Waiting on a channel made on another thread is the likely mistake.
    ch = chan(int)
    out: list[str] = []

    def other_thread() -> None:
        with pytest.raises(Deadlock) as info:
            vrun(lambda: ch.send(1))
        out.append(str(info.value))

    t = threading.Thread(target=other_thread, name="worker-thread")
    t.start()
    t.join(60)
    (text,) = out
    assert "(goroutine 1 waits on a channel made on thread MainThread. Each OS thread runs " \
        "its own goconc program, and a goroutine of one cannot wake a goroutine of " \
        "another" in text, text
    assert "Each OS thread" not in deadlock_of(lambda: chan(int).recv())


# --- Ctrl-C at every line the runtime executes -----------------------------------------
#
# Each program below runs once under a tracer that counts how often every line of
# goconc's runtime runs; then, for every such line and hit count 1, 2 and 5, it runs
# again with a KeyboardInterrupt raised at exactly that hit, as a Ctrl-C landing
# there would. Wherever it lands, the contract (DESIGN.md) must hold: the program
# stops, every goroutine that started runs its finally block, the dump is printed,
# KeyboardInterrupt propagates, nothing of the program stays installed or alive, and
# the next program works. Only the interrupted function is traced on the second run,
# which keeps the ~3,000 runs to a few seconds.

_RUNTIME_FILES = frozenset(
    str(Path(goconc.__file__).with_name(name))
    for name in ("_runtime.py", "_chan.py", "_sema.py", "sync.py", "time.py"))
_HIT_COUNTS = (1, 2, 5)


class _Finallies:
    """Which goroutines of a program started, and which of them ran their finally."""

    def __init__(self) -> None:
        self.started: set[str] = set()
        self.ended: set[str] = set()
        self.sched: _runtime.Scheduler | None = None

    def body(self, name: str, fn: Any, *args: Any) -> Any:
        if name == "main":
            self.sched = _runtime.getsched()
        try:
            self.started.add(name)
            return fn(*args)
        finally:
            self.ended.add(name)


def _mixed(f: _Finallies) -> None:
    ch, buf = chan(int), chan(int, 2)
    mu = goconc.sync.Mutex()
    cv = goconc.sync.Cond(mu)
    wg = goconc.sync.WaitGroup()
    ready = [False]

    def pinger() -> None:
        for i in range(3):
            ch.send(i)

    def producer() -> None:
        for i in range(4):
            buf.send(i)
        buf.close()

    def waiter() -> None:
        with mu:
            while not ready[0]:
                cv.wait()

    def locker() -> None:
        for _ in range(2):
            with mu:
                runtime.gosched()
        wg.done()

    go(f.body, "pinger", pinger)
    go(f.body, "producer", producer)
    go(f.body, "waiter", waiter)
    wg.add(2)
    go(f.body, "locker1", locker)
    go(f.body, "locker2", locker)
    go(f.body, "sleeper", lambda: [time.sleep(5 * time.Millisecond), runtime.gosched()])
    go(f.body, "leaked", lambda: chan(int).recv())
    for _ in range(3):
        ch.recv()
    assert list(buf) == [0, 1, 2, 3]
    wg.wait()
    select(recv(time.after(time.Millisecond)), recv(chan(int)))
    with mu:
        ready[0] = True
        cv.broadcast()
    time.sleep(10 * time.Millisecond)


def _crash(f: _Finallies) -> None:
    ch = chan(int)

    def crasher() -> None:
        ch.recv()
        raise ValueError("boom")

    go(f.body, "bystander", time.sleep, time.Second)
    go(f.body, "crasher", crasher)
    ch.send(1)
    chan(int).recv()


def _deadlock(f: _Finallies) -> None:
    mu = goconc.sync.Mutex()

    def holder() -> None:
        mu.lock()
        chan(int).recv()

    go(f.body, "holder", holder)
    runtime.gosched()
    with mu:
        pass


def _blocking(f: _Finallies) -> None:
    go(f.body, "caller", lambda: [goconc.blocking(int), time.sleep(time.Millisecond)])
    goconc.blocking(int)


def _toplevel_cell(f: _Finallies) -> None:
    """A notebook cell: the code itself is main."""
    ch, buf = chan(int), chan(int, 2)
    mu = goconc.sync.Mutex()
    cv = goconc.sync.Cond(mu)
    ready = [False]

    def waiter() -> None:
        with mu:
            while not ready[0]:
                cv.wait()

    go(f.body, "pinger", lambda: [ch.send(i) for i in range(3)])
    go(f.body, "producer", lambda: [buf.send(1), buf.send(2), buf.close()])
    go(f.body, "waiter", waiter)
    go(f.body, "sleeper", lambda: [time.sleep(5 * time.Millisecond), chan(int).recv()])
    for _ in range(3):
        ch.recv()
    assert list(buf) == [1, 2]
    with mu:
        ready[0] = True
        cv.broadcast()
    time.sleep(time.Millisecond)


class _Interrupter:
    """A tracer: counts line hits in goconc's runtime (``code`` None), or raises
    KeyboardInterrupt at the ``k``-th hit of one line of one function."""

    def __init__(self, code: CodeType | None = None, line: int = 0, k: int = 0) -> None:
        self.code, self.line, self.k = code, line, k
        self.hits: dict[tuple[CodeType, int], int] = {}
        self.program = _Finallies()
        self.fired = False
        self.after_end = False  # it landed after the program had ended (in run()'s return)

    def __call__(self, frame: FrameType, event: str, arg: object) -> Any:
        code = frame.f_code
        if self.code is None:
            return self._count if code.co_filename in _RUNTIME_FILES else None
        return self._inject if code is self.code else None

    def _count(self, frame: FrameType, event: str, arg: object) -> Any:
        if event == "line":
            key = (frame.f_code, frame.f_lineno)
            self.hits[key] = self.hits.get(key, 0) + 1
        return self._count

    def _inject(self, frame: FrameType, event: str, arg: object) -> Any:
        if self.fired:
            return None
        if event == "line" and frame.f_lineno == self.line:
            self.k -= 1
            if self.k == 0:
                self.fired = True
                sched = self.program.sched
                self.after_end = sched is not None and sched.finished
                sys.settrace(None)
                raise KeyboardInterrupt
        return self._inject


def _interrupted_run(prog: Any, tracer: _Interrupter, toplevel: bool) -> tuple[
        BaseException | None, str]:
    """Run ``prog`` under ``tracer``: how it ended, and what it printed to stderr."""
    f = tracer.program
    err = io.StringIO()
    outcome: BaseException | None = None
    if toplevel:
        goconc.reset(clock="virtual", seed=1)
        f.sched = _runtime.getsched()
    real_stderr = sys.stderr
    sys.stderr = err
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sys.settrace(tracer)
            try:
                if toplevel:
                    prog(f)
                else:
                    vrun(f.body, "main", prog, f)
            except BaseException as e:
                outcome = e
                if toplevel and isinstance(e, KeyboardInterrupt):
                    _runtime.interrupted()  # what the notebook's post-cell hook does
            finally:
                sys.settrace(None)
    finally:
        sys.stderr = real_stderr
    return outcome, err.getvalue()


def _misbehaviour(prog: Any, toplevel: bool, tracer: _Interrupter) -> list[str]:
    """What went wrong when ``tracer`` interrupted ``prog``; [] when nothing did."""
    outcome, err = _interrupted_run(prog, tracer, toplevel)
    if not tracer.fired:
        return []  # a path this run did not take (a thread reused instead of made)
    f = tracer.program
    problems = []
    if not isinstance(outcome, KeyboardInterrupt):
        problems.append(f"ended with {outcome!r} instead of KeyboardInterrupt")
    if f.started - f.ended:
        problems.append(f"finally blocks that did not run: {sorted(f.started - f.ended)}")
    if f.started and not tracer.after_end and "goconc: interrupted;" not in err:
        problems.append("no goroutine dump")
    sched = getattr(_runtime._tls, "sched", None)
    if sched is not None and (sched is f.sched or sched.dead):
        problems.append("its scheduler is still installed")
    try:
        if toplevel and len(_runtime.getsched().allg) != 1:
            problems.append("goroutines of the interrupted cell are still there")
        assert vrun(ping_pong) == 7
    except BaseException as e:
        problems.append(f"the next program failed: {e!r}")
    return problems


@pytest.mark.parametrize("toplevel", [False, True], ids=["run", "toplevel"])
def test_ctrl_c_at_every_line_of_the_runtime_stops_the_program_cleanly(toplevel: bool) -> None:
    if sys.gettrace() is not None:
        pytest.skip("another tracer (coverage, a debugger) is running")
    progs = [_toplevel_cell] if toplevel else [_mixed, _crash, _deadlock, _blocking]
    greenlets_before = _live_greenlets()
    bad: list[str] = []
    injections = 0
    try:
        for prog in progs:
            counter = _Interrupter()
            _interrupted_run(prog, counter, toplevel)
            for (code, line), hits in counter.hits.items():
                for k in _HIT_COUNTS:
                    if hits < k:
                        continue
                    tracer = _Interrupter(code, line, k)
                    problems = _misbehaviour(prog, toplevel, tracer)
                    injections += tracer.fired
                    if problems:
                        where = f"{Path(code.co_filename).name}:{line} ({code.co_name}) hit {k}"
                        bad.append(f"{prog.__name__} {where}: {'; '.join(problems)}")
    finally:
        goconc.reset()
    assert injections > (500 if toplevel else 2000)
    assert not bad, f"{len(bad)} of {injections} interrupts misbehaved:\n" + "\n".join(bad[:30])
    assert _live_greenlets() <= greenlets_before


def _live_greenlets() -> int:
    """Started, unfinished greenlets, but this thread's own (the test runs on it)."""
    import greenlet

    gc.collect()
    me = greenlet.getcurrent()
    return sum(1 for o in gc.get_objects()
               if isinstance(o, greenlet.greenlet) and bool(o) and o is not me)
