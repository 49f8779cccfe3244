"""goconc.blocking: a blocking call runs on a worker thread; only its goroutine waits.

The waits inside the blocking functions are on threading primitives with
generous timeouts that only matter if goconc is broken; no assertion is about
how long anything took.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from vclock import EPOCH

import goconc
from goconc import _runtime, chan, go, runtime, time

CLOCKS = ["virtual", "real"]


def crun(main: Any, clock: str, **kwargs: Any) -> Any:
    kwargs.setdefault("leaks", "ignore")
    return goconc.run(main, clock=clock, seed=1, **kwargs)


@pytest.mark.parametrize("clock", CLOCKS)
def test_blocking_runs_fn_on_another_thread(clock: str) -> None:
    def main() -> tuple[int, int]:
        return threading.get_ident(), goconc.blocking(threading.get_ident)

    mine, theirs = crun(main, clock)
    assert mine == threading.get_ident()
    assert theirs != mine


@pytest.mark.parametrize("clock", CLOCKS)
def test_blocking_returns_fn_result_and_passes_args_and_kwargs(clock: str) -> None:
    def fn(a: int, b: int, *, scale: int) -> int:
        return (a + b) * scale

    assert crun(lambda: goconc.blocking(fn, 2, 3, scale=4), clock) == 20


@pytest.mark.parametrize("clock", CLOCKS)
def test_blocking_raises_the_same_exception_fn_raised(clock: str) -> None:
    raised: list[BaseException] = []

    def fn() -> None:
        e = OSError("disk on fire")
        raised.append(e)
        raise e

    def main() -> str:
        try:
            goconc.blocking(fn)
        except OSError as e:
            assert e is raised[0]
            return "caught"
        return "not raised"

    assert crun(main, clock) == "caught"


@pytest.mark.parametrize("clock", CLOCKS)
def test_uncaught_blocking_exception_crashes_the_program_like_any_other(clock: str) -> None:
    def fn() -> None:
        raise ConnectionError("gone")

    def worker() -> None:
        goconc.blocking(fn)

    def main() -> None:
        go(worker)
        chan(int).recv()

    with pytest.raises(ConnectionError):
        crun(main, clock)


@pytest.mark.parametrize("clock", CLOCKS)
def test_only_the_calling_goroutine_waits_during_a_blocking_call(clock: str) -> None:
    # The blocking call waits for an event that only another goroutine sets:
    # this finishes only if the other goroutines keep running meanwhile.
    ev = threading.Event()
    log: list[str] = []

    def other(ch: goconc.Chan[int]) -> None:
        for i in range(3):
            ch.send(i)
            log.append(f"other sent {i}")
        ev.set()

    def main() -> tuple[bool, list[int]]:
        ch = chan(int, 3)
        go(other, ch)
        ok = goconc.blocking(ev.wait, 10)
        return ok, [ch.recv() for _ in range(3)]

    assert crun(main, clock) == (True, [0, 1, 2])
    assert log == ["other sent 0", "other sent 1", "other sent 2"]


@pytest.mark.parametrize("clock", CLOCKS)
def test_blocking_calls_of_different_goroutines_run_in_parallel(clock: str) -> None:
    barrier = threading.Barrier(2, timeout=10)

    def worker(out: goconc.Chan[int]) -> None:
        out.send(goconc.blocking(barrier.wait))

    def main() -> list[int]:
        out = chan(int)
        go(worker, out)
        go(worker, out)
        return sorted([out.recv(), out.recv()])

    assert crun(main, clock) == [0, 1]


@pytest.mark.parametrize("clock", CLOCKS)
def test_a_blocking_call_in_flight_is_not_a_deadlock(clock: str) -> None:
    def slow() -> str:
        threading.Event().wait(0.02)
        return "answer"

    def worker(out: goconc.Chan[str]) -> None:
        out.send(goconc.blocking(slow))

    def main() -> str:
        out = chan(str)
        go(worker, out)
        return out.recv()

    assert crun(main, clock) == "answer"


def test_virtual_time_does_not_advance_while_a_blocking_call_is_in_flight() -> None:
    log: list[str] = []

    def sleeper() -> None:
        time.sleep(time.Hour)
        log.append("sleeper woke")

    def slow() -> str:
        threading.Event().wait(0.05)
        return "done"

    def main() -> tuple[str, datetime, list[str], datetime]:
        go(sleeper)
        runtime.gosched()
        result = goconc.blocking(slow)
        during = (time.now(), list(log))
        time.sleep(2 * time.Hour)
        return result, during[0], during[1], time.now()

    result, now_after_call, log_after_call, end = crun(main, "virtual")
    assert result == "done"
    assert now_after_call == EPOCH
    assert log_after_call == []
    assert log == ["sleeper woke"]
    assert end == EPOCH + timedelta(hours=2)


def test_virtual_time_resumes_after_the_blocking_call_returns() -> None:
    def main() -> datetime:
        goconc.blocking(lambda: None)
        time.sleep(time.Minute)
        return time.now()

    assert crun(main, "virtual") == EPOCH + timedelta(minutes=1)


def test_blocking_goroutine_shows_as_syscall_in_a_dump() -> None:
    started = threading.Event()
    release = threading.Event()

    def fn() -> None:
        started.set()
        release.wait(10)

    def worker(done: goconc.Chan[None]) -> None:
        goconc.blocking(fn)
        done.close()

    def main() -> str:
        done: goconc.Chan[None] = chan()
        go(worker, done)
        runtime.gosched()
        goconc.blocking(started.wait, 10)
        dump = runtime.stack()
        release.set()
        done.recv()
        return dump

    dump = crun(main, "virtual")
    assert "goroutine 2 [syscall]:" in dump


def test_blocking_at_top_level_works() -> None:
    goconc.reset(clock="virtual", seed=1)
    try:
        assert goconc.blocking(sum, [1, 2, 3]) == 6
        assert time.now() == EPOCH
    finally:
        goconc.reset()


# --- a thread per call, as Go hands a blocking syscall its own M -----------------------


def test_every_blocking_call_in_flight_has_a_thread_of_its_own() -> None:
    # 200 calls that can only return together: a pool of 64 threads would never let
    # them (the barrier would break), one thread per call does.
    n = 200
    barrier = threading.Barrier(n, timeout=60)

    def main() -> list[int]:
        wg = goconc.sync.WaitGroup()
        seen: list[int] = []
        for _ in range(n):
            wg.go(lambda: seen.append(goconc.blocking(barrier.wait)))
        wg.wait()
        return sorted(seen)

    assert crun(main, "virtual") == list(range(n))


def test_calls_that_never_return_do_not_hold_up_later_ones() -> None:
    # 70 calls stuck for good (a socket read with no timeout), abandoned when their
    # program ends; the next program's calls still run.
    stuck = threading.Event()

    def main() -> None:
        for _ in range(70):
            go(goconc.blocking, stuck.wait)
        runtime.gosched()

    try:
        crun(main, "virtual")
        assert crun(lambda: goconc.blocking(sum, [1, 2]), "virtual") == 3
    finally:
        stuck.set()


def test_an_idle_blocking_thread_is_reused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_runtime, "_threads", _runtime._Threads())

    def main() -> set[int]:
        return {goconc.blocking(threading.get_ident) for _ in range(20)}

    assert len(crun(main, "virtual")) == 1


def test_blocking_threads_are_daemons() -> None:
    def main() -> tuple[bool, str]:
        t = goconc.blocking(threading.current_thread)
        return t.daemon, t.name

    assert crun(main, "virtual") == (True, "goconc-blocking")


def test_past_the_thread_limit_a_blocking_call_is_a_fatal_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Go: "runtime: program exceeds 10000-thread limit" / "fatal error: thread exhaustion".
    release = threading.Event()
    monkeypatch.setattr(_runtime, "_threads", _runtime._Threads())
    monkeypatch.setattr(_runtime, "MAX_THREADS", 3)

    def main() -> None:
        for _ in range(3):
            go(goconc.blocking, release.wait, 60)
        runtime.gosched()
        goconc.blocking(release.wait, 60)

    try:
        with pytest.raises(goconc.Fatal, match=r"program exceeds \d+-thread limit(.|\n)*"
                                               r"fatal error: thread exhaustion"):
            crun(main, "virtual")
    finally:
        release.set()


def test_goconc_used_inside_a_blocking_call_says_what_is_wrong() -> None:
    # blocking(ch.recv) would run a receive on a thread outside the program, where
    # nothing can ever wake it (it used to report a deadlock there, or hang).
    def main() -> None:
        goconc.blocking(chan(int).recv)

    with pytest.raises(RuntimeError, match="the blocking function used goconc"):
        crun(main, "virtual")


PROCESS_EXIT_SCRIPT = """\
import os, signal, sys, threading, time as pytime
import goconc
from goconc import go, runtime

def main():
    go(goconc.blocking, pytime.sleep, 3600)
    runtime.gosched()
    if sys.argv[1] == "interrupt":
        threading.Timer(0.05, os.kill, (os.getpid(), signal.SIGINT)).start()
        goconc.blocking(pytime.sleep, 3600)
    return "main returned"

try:
    print(goconc.run(main, leaks="ignore"), flush=True)
except KeyboardInterrupt:
    print("KeyboardInterrupt", flush=True)
"""


@pytest.mark.parametrize("end", ["return", "interrupt"])
def test_the_process_exits_at_once_while_a_blocking_call_still_runs(end: str) -> None:
    # Go exits when main returns (or on Ctrl-C) whatever its system calls are doing;
    # here the calls sleep for an hour, and the process still ends (the timeout only
    # guards against a hang).
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-c", PROCESS_EXIT_SCRIPT, end], capture_output=True, text=True,
        timeout=120, cwd=root, env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})
    expected = "main returned" if end == "return" else "KeyboardInterrupt"
    assert result.stdout.splitlines() == [expected], result.stdout + result.stderr
    assert result.returncode == 0, result.stderr
