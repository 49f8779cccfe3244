"""Go's sync package: WaitGroup, Mutex, RWMutex, Once, Cond and Map, on the virtual clock.

Every test runs a whole program with ``goconc.run(..., clock="virtual", seed=1)``,
so nothing sleeps for real and the interleaving is the same on every run.
Where a wait reason or a fatal error's text is asserted, it is the one real Go
1.27 prints (checked with small Go programs).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from vclock import deadlock_of, elapsed, vrun, yield_many

import goconc
from goconc import Fatal, Panic, chan, go, runtime, sync, time


def wait_reasons(msg: str) -> list[tuple[str, str]]:
    """``(goroutine id, wait reason)`` for every goroutine in a deadlock dump."""
    return re.findall(r"^goroutine (\d+) \[([^\]]+)\]:$", msg, re.M)


def state_of(fn_name: str) -> str:
    """The state (Go's wait reason, or "runnable") of the goroutine running ``fn_name``."""
    (g,) = [g for g in runtime.goroutines() if getattr(g.fn, "__name__", "") == fn_name]
    return g.state


# --- WaitGroup ---------------------------------------------------------------------


def test_waitgroup_wait_returns_when_every_done_is_called() -> None:
    log: list[str] = []

    def worker(wg: sync.WaitGroup, i: int) -> None:
        time.sleep(i * time.Second)
        log.append(f"worker {i} done")
        wg.done()

    def main() -> time.Duration:
        wg = sync.WaitGroup()
        for i in (1, 2, 3):
            wg.add(1)
            go(worker, wg, i)
        wg.wait()
        log.append("wait returned")
        return elapsed()

    assert vrun(main) == 3 * time.Second
    assert log == ["worker 1 done", "worker 2 done", "worker 3 done", "wait returned"]


def test_waitgroup_wait_at_zero_returns_at_once() -> None:
    def main() -> str:
        wg = sync.WaitGroup()
        wg.wait()  # never used: zero
        wg.add(2)
        wg.add(-2)
        wg.wait()  # back at zero
        return "returned"

    assert vrun(main) == "returned"  # a blocked wait would be a Deadlock here


def test_waitgroup_releases_every_waiter() -> None:
    log: list[str] = []

    def waiter(wg: sync.WaitGroup, name: str) -> None:
        wg.wait()
        log.append(name)

    def main() -> None:
        wg = sync.WaitGroup()
        wg.add(1)
        for name in ("a", "b", "c"):
            go(waiter, wg, name)
        yield_many()
        assert log == []
        wg.done()
        wg.wait()
        log.append("main")
        yield_many()

    vrun(main)
    assert sorted(log) == ["a", "b", "c", "main"]


def test_waitgroup_negative_counter_panics_with_gos_message() -> None:
    def main() -> str:
        wg = sync.WaitGroup()
        wg.add(1)
        wg.done()
        try:
            wg.done()
        except Panic as e:
            return str(e)
        return "no panic"

    assert vrun(main) == "sync: negative WaitGroup counter"


def test_waitgroup_add_that_makes_the_counter_negative_panics() -> None:
    def main() -> None:
        wg = sync.WaitGroup()
        wg.add(2)
        wg.add(-3)

    with pytest.raises(Panic, match=r"^sync: negative WaitGroup counter$"):
        vrun(main)


def test_waitgroup_can_be_reused_after_wait_returned() -> None:
    log: list[str] = []

    def main() -> None:
        wg = sync.WaitGroup()
        for rnd in (1, 2):
            for i in range(2):
                wg.add(1)

                def work(rnd: int = rnd, i: int = i) -> None:
                    time.sleep(time.Second)
                    log.append(f"round {rnd} worker {i}")
                    wg.done()

                go(work)
            wg.wait()
            log.append(f"round {rnd} waited at {elapsed()}")

    vrun(main)
    assert log == [
        "round 1 worker 0", "round 1 worker 1", "round 1 waited at 1s",
        "round 2 worker 0", "round 2 worker 1", "round 2 waited at 2s",
    ]


def test_waitgroup_go_runs_fn_with_its_args_and_counts_it() -> None:
    log: list[str] = []

    def work(name: str, d: time.Duration, *, suffix: str) -> None:
        time.sleep(d)
        log.append(name + suffix)

    def main() -> time.Duration:
        wg = sync.WaitGroup()
        wg.go(work, "slow", 2 * time.Second, suffix="!")
        wg.go(work, "fast", time.Second, suffix="?")
        assert runtime.num_goroutine() == 3
        wg.wait()
        return elapsed()

    assert vrun(main) == 2 * time.Second, "wait did not wait for the goroutines of wg.go"
    assert log == ["fast?", "slow!"]


def test_waitgroup_go_fn_that_raises_crashes_the_program_while_wait_is_blocked() -> None:
    log: list[str] = []

    def bad() -> None:
        time.sleep(time.Second)
        raise ValueError("boom")

    def main() -> None:
        wg = sync.WaitGroup()
        wg.go(bad)
        try:
            wg.wait()
            log.append("wait returned")
        finally:
            log.append(repr(wg))  # main is unwound by the crash: done was never called

    with pytest.raises(ValueError, match="boom") as info:
        vrun(main)
    assert log == ["<sync.WaitGroup counter=1 waiters=0>"]
    assert any("goroutine 2" in n and "bad" in n for n in getattr(info.value, "__notes__", []))


def test_waitgroup_wait_shows_gos_wait_reason_in_the_deadlock_dump() -> None:
    def main() -> None:
        wg = sync.WaitGroup()
        wg.add(1)
        wg.wait()

    msg = deadlock_of(main)
    assert msg.startswith("all goroutines are asleep - deadlock!")
    assert wait_reasons(msg) == [("1", "sync.WaitGroup.Wait")], msg


@pytest.mark.parametrize("delta", [1.5, 2.0, "1", None])
def test_waitgroup_add_rejects_a_delta_that_is_not_an_int(delta: Any) -> None:
    # Go: "cannot use 1.5 (untyped float constant) as int value in argument to
    # wg.Add (truncated)". Accepting it would leave a counter that never reaches 0.
    wg = sync.WaitGroup()
    with pytest.raises(TypeError, match=r"^cannot use .* as int value in argument to "
                                        r"WaitGroup\.add"):
        wg.add(delta)
    assert repr(wg) == "<sync.WaitGroup counter=0 waiters=0>"


def test_waitgroup_add_of_a_float_with_a_fraction_says_truncated() -> None:
    with pytest.raises(TypeError, match=r"\(truncated\)$"):
        sync.WaitGroup().add(0.5)


def test_waitgroup_add_takes_an_int_like_delta() -> None:
    class Two:
        def __index__(self) -> int:
            return 2

    wg = sync.WaitGroup()
    wg.add(Two())  # type: ignore[arg-type]
    wg.add(-2)
    wg.wait()


# --- Mutex -------------------------------------------------------------------------


def test_mutex_gives_mutual_exclusion_across_goroutines_that_yield_inside() -> None:
    inside = 0
    most_inside = 0
    counter = 0

    def increment(mu: sync.Mutex | None, wg: sync.WaitGroup) -> None:
        nonlocal inside, most_inside, counter
        for _ in range(10):
            if mu is not None:
                mu.lock()
            inside += 1
            most_inside = max(most_inside, inside)
            v = counter
            runtime.gosched()
            time.sleep(time.Millisecond)
            counter = v + 1
            inside -= 1
            if mu is not None:
                mu.unlock()
        wg.done()

    def program(locked: bool) -> tuple[int, int]:
        nonlocal inside, most_inside, counter
        inside = most_inside = counter = 0
        mu = sync.Mutex() if locked else None
        wg = sync.WaitGroup()
        for _ in range(5):
            wg.add(1)
            go(increment, mu, wg)
        wg.wait()
        return counter, most_inside

    assert vrun(program, True) == (50, 1)
    lost, most = vrun(program, False)
    assert lost < 50 and most == 5, "without the lock the test would not notice lost updates"


def test_mutex_with_statement_locks_and_unlocks() -> None:
    def main() -> list[bool]:
        mu = sync.Mutex()
        seen = []
        with mu as entered:
            seen.append(entered is mu)
            seen.append(mu.try_lock())  # held inside the with block
        seen.append(mu.try_lock())  # released after it
        return seen

    assert vrun(main) == [True, False, True]


def test_mutex_with_statement_unlocks_when_the_block_raises() -> None:
    def main() -> bool:
        mu = sync.Mutex()
        with pytest.raises(KeyError), mu:
            raise KeyError("k")
        return mu.try_lock()

    assert vrun(main) is True


def test_mutex_unlock_wakes_the_waiter_but_the_running_unlocker_can_lock_first() -> None:
    # Go's normal mode: Unlock only wakes the waiter; main, still running,
    # takes the lock again (barging) before the waiter gets to run.
    log: list[str] = []

    def other(mu: sync.Mutex, done: goconc.Chan[None]) -> None:
        with mu:
            log.append(f"other in at {elapsed()}")
        done.close()

    def main() -> None:
        mu = sync.Mutex()
        done = chan()
        with mu:
            go(other, mu, done)
            time.sleep(time.Second)
            log.append("main out")
        with mu:
            log.append("main in again")
        done.recv()

    vrun(main)
    assert log == ["main out", "main in again", "other in at 1s"]


def test_mutex_try_lock_reports_whether_it_locked() -> None:
    def main() -> list[bool]:
        mu = sync.Mutex()
        first = mu.try_lock()
        second = mu.try_lock()
        mu.unlock()
        third = mu.try_lock()
        return [first, second, third]

    assert vrun(main) == [True, False, True]


def test_mutex_unlock_of_unlocked_is_fatal_with_gos_message() -> None:
    log: list[str] = []

    def main() -> None:
        mu = sync.Mutex()
        mu.lock()
        mu.unlock()
        try:
            mu.unlock()
        except Exception:
            log.append("except Exception caught it")
        finally:
            log.append("finally ran")  # Python's promise, kept (Go runs no deferred call)

    with pytest.raises(Fatal) as info:
        vrun(main)
    assert str(info.value) == "sync: unlock of unlocked mutex"
    assert not isinstance(info.value, Exception)
    assert log == ["finally ran"]


def test_mutex_unlock_of_unlocked_in_a_goroutine_crashes_the_program() -> None:
    log: list[str] = []

    def bad(mu: sync.Mutex) -> None:
        mu.unlock()

    def main() -> None:
        go(bad, sync.Mutex())
        time.sleep(time.Hour)
        log.append("main woke")

    with pytest.raises(Fatal) as info:
        vrun(main)
    assert str(info.value) == "sync: unlock of unlocked mutex"
    assert log == []
    assert any("goroutine 2" in n for n in getattr(info.value, "__notes__", []))


def test_mutex_is_not_reentrant_locking_twice_deadlocks_in_mutex_lock() -> None:
    def main() -> None:
        mu = sync.Mutex()
        mu.lock()
        mu.lock()

    msg = deadlock_of(main)
    assert msg.startswith("all goroutines are asleep - deadlock!")
    assert wait_reasons(msg) == [("1", "sync.Mutex.Lock")], msg


def test_mutex_locked_by_one_goroutine_may_be_unlocked_by_another() -> None:
    def unlocker(mu: sync.Mutex) -> None:
        time.sleep(time.Second)
        mu.unlock()

    def main() -> time.Duration:
        mu = sync.Mutex()
        mu.lock()
        go(unlocker, mu)
        mu.lock()  # waits for the other goroutine's unlock
        return elapsed()

    assert vrun(main) == time.Second


# --- RWMutex -----------------------------------------------------------------------


def test_rwmutex_lets_many_readers_in_at_once() -> None:
    inside = 0
    most_inside = 0

    def reader(rw: sync.RWMutex, wg: sync.WaitGroup) -> None:
        nonlocal inside, most_inside
        rw.rlock()
        inside += 1
        most_inside = max(most_inside, inside)
        time.sleep(time.Second)
        inside -= 1
        rw.runlock()
        wg.done()

    def main() -> time.Duration:
        rw = sync.RWMutex()
        wg = sync.WaitGroup()
        for _ in range(4):
            wg.add(1)
            go(reader, rw, wg)
        wg.wait()
        return elapsed()

    assert vrun(main) == time.Second, "the readers took turns"
    assert most_inside == 4


def test_rwmutex_writer_excludes_readers_and_other_writers() -> None:
    log: list[str] = []

    def reader(rw: sync.RWMutex) -> None:
        rw.rlock()
        log.append(f"reader in at {elapsed()}")
        rw.runlock()

    def writer(rw: sync.RWMutex) -> None:
        rw.lock()
        log.append(f"writer 2 in at {elapsed()}")
        rw.unlock()

    def main() -> None:
        rw = sync.RWMutex()
        rw.lock()
        go(reader, rw)
        go(writer, rw)
        time.sleep(time.Second)
        log.append("writer 1 out")
        rw.unlock()
        yield_many()

    vrun(main)
    assert log == ["writer 1 out", "reader in at 1s", "writer 2 in at 1s"]


def test_rwmutex_writer_waits_for_the_readers_to_leave() -> None:
    def reader(rw: sync.RWMutex) -> None:
        rw.rlock()
        time.sleep(2 * time.Second)
        rw.runlock()

    def main() -> time.Duration:
        rw = sync.RWMutex()
        go(reader, rw)
        go(reader, rw)
        runtime.gosched()
        rw.lock()
        return elapsed()

    assert vrun(main) == 2 * time.Second


def test_rwmutex_waiting_writer_blocks_new_readers() -> None:
    log: list[str] = []

    def writer(rw: sync.RWMutex) -> None:
        rw.lock()
        log.append("writer in")
        time.sleep(time.Second)
        log.append("writer out")
        rw.unlock()

    def late_reader(rw: sync.RWMutex) -> None:
        rw.rlock()
        log.append(f"late reader in at {elapsed()}")
        rw.runlock()

    def main() -> None:
        rw = sync.RWMutex()
        rw.rlock()
        go(writer, rw)
        runtime.gosched()  # the writer now waits for main's read lock
        assert rw.try_rlock() is False, "a new reader got past a waiting writer"
        go(late_reader, rw)
        time.sleep(time.Second)
        log.append("first reader out")
        rw.runlock()
        time.sleep(5 * time.Second)

    vrun(main)
    assert log == ["first reader out", "writer in", "writer out", "late reader in at 2s"]


def test_rwmutex_unlock_lets_waiting_readers_in_before_a_writer_that_came_first() -> None:
    # Checked with Go 1.27: writer 2 queues before the reader, the reader still goes first.
    order: list[str] = []

    def writer2(rw: sync.RWMutex) -> None:
        rw.lock()
        order.append(f"writer 2 at {elapsed()}")
        rw.unlock()

    def reader(rw: sync.RWMutex) -> None:
        rw.rlock()
        order.append(f"reader at {elapsed()}")
        time.sleep(time.Second)
        rw.runlock()

    def main() -> None:
        rw = sync.RWMutex()
        rw.lock()
        go(writer2, rw)
        runtime.gosched()
        go(reader, rw)
        runtime.gosched()
        rw.unlock()
        time.sleep(5 * time.Second)

    vrun(main)
    assert order == ["reader at 0s", "writer 2 at 1s"]


def test_rwmutex_try_lock_and_try_rlock() -> None:
    def main() -> list[tuple[str, bool]]:
        rw = sync.RWMutex()
        seen = [("try_rlock when free", rw.try_rlock())]
        seen.append(("try_rlock when read-locked", rw.try_rlock()))
        seen.append(("try_lock when read-locked", rw.try_lock()))
        rw.runlock()
        rw.runlock()
        seen.append(("try_lock when free", rw.try_lock()))
        seen.append(("try_rlock when write-locked", rw.try_rlock()))
        seen.append(("try_lock when write-locked", rw.try_lock()))
        rw.unlock()
        seen.append(("try_lock when free again", rw.try_lock()))
        return seen

    assert vrun(main) == [
        ("try_rlock when free", True),
        ("try_rlock when read-locked", True),
        ("try_lock when read-locked", False),
        ("try_lock when free", True),
        ("try_rlock when write-locked", False),
        ("try_lock when write-locked", False),
        ("try_lock when free again", True),
    ]


@pytest.mark.parametrize(
    ("setup", "misuse", "text"),
    [
        ("", "runlock", "sync: RUnlock of unlocked RWMutex"),
        ("lock", "runlock", "sync: RUnlock of unlocked RWMutex"),
        ("", "unlock", "sync: Unlock of unlocked RWMutex"),
        ("rlock", "unlock", "sync: Unlock of unlocked RWMutex"),
    ],
)
def test_rwmutex_unlock_of_unlocked_is_fatal_with_gos_message(setup: str, misuse: str,
                                                             text: str) -> None:
    log: list[str] = []

    def main() -> None:
        rw = sync.RWMutex()
        if setup:
            getattr(rw, setup)()
        try:
            getattr(rw, misuse)()
        except Exception:
            log.append("except Exception caught it")

    with pytest.raises(Fatal) as info:
        vrun(main)
    assert str(info.value) == text
    assert log == []


def test_rwmutex_rlocker_is_the_read_side_and_works_in_with() -> None:
    def main() -> list[bool]:
        rw = sync.RWMutex()
        rl = rw.rlocker()
        seen = []
        with rl:
            seen.append(rw.try_lock())  # a reader holds it
            seen.append(rw.try_rlock())  # readers share it
            rw.runlock()
        seen.append(rw.try_lock())  # released by the with block
        rw.unlock()
        rl.lock()
        seen.append(rw.try_lock())
        rl.unlock()
        seen.append(rw.try_lock())
        return seen

    assert vrun(main) == [False, True, True, False, True]


def test_rwmutex_with_statement_is_the_writer_side() -> None:
    def main() -> list[bool]:
        rw = sync.RWMutex()
        seen = []
        with rw:
            seen.append(rw.try_rlock())
            seen.append(rw.try_lock())
        seen.append(rw.try_lock())
        return seen

    assert vrun(main) == [False, False, True]


def test_rwmutex_rlock_behind_a_writer_deadlocks_in_rwmutex_rlock() -> None:
    def main() -> None:
        rw = sync.RWMutex()
        rw.lock()
        rw.rlock()

    assert wait_reasons(deadlock_of(main)) == [("1", "sync.RWMutex.RLock")]


def test_rwmutex_lock_behind_a_reader_deadlocks_in_rwmutex_lock() -> None:
    def main() -> None:
        rw = sync.RWMutex()
        rw.rlock()
        rw.lock()

    assert wait_reasons(deadlock_of(main)) == [("1", "sync.RWMutex.Lock")]


def test_rwmutex_lock_behind_a_writer_deadlocks_in_mutex_lock_as_in_go() -> None:
    # Go's RWMutex.Lock first locks an inner Mutex, held by the writer:
    # Go 1.27 dumps "goroutine 1 [sync.Mutex.Lock]:" here.
    def main() -> None:
        rw = sync.RWMutex()
        rw.lock()
        rw.lock()

    assert wait_reasons(deadlock_of(main)) == [("1", "sync.Mutex.Lock")]


def test_rwmutex_queued_writer_waits_in_rwmutex_lock_once_only_readers_stand_before_it() -> None:
    # Go 1.27: writer 2 waits on the inner Mutex while writer 1 holds the lock;
    # when writer 1 unlocks, the queued reader goes in and writer 2 waits for it.
    def writer2(rw: sync.RWMutex) -> None:
        rw.lock()

    def reader(rw: sync.RWMutex) -> None:
        rw.rlock()
        chan(int).recv()

    def main() -> None:
        rw = sync.RWMutex()
        rw.lock()
        go(reader, rw)
        go(writer2, rw)
        yield_many()
        assert state_of("writer2") == "sync.Mutex.Lock"
        assert state_of("reader") == "sync.RWMutex.RLock"
        rw.unlock()
        chan(int).recv()

    assert wait_reasons(deadlock_of(main)) == [
        ("1", "chan receive"), ("2", "chan receive"), ("3", "sync.RWMutex.Lock"),
    ]


# --- Once --------------------------------------------------------------------------


def test_once_calls_only_the_first_function() -> None:
    calls: list[str] = []

    def main() -> None:
        once = sync.Once()
        once.do(lambda: calls.append("first"))
        once.do(lambda: calls.append("second"))
        once.do(lambda: calls.append("first"))

    vrun(main)
    assert calls == ["first"]


def test_once_function_that_raises_still_counts_as_done() -> None:
    calls: list[str] = []

    def fail() -> None:
        calls.append("fail")
        raise ValueError("first call failed")

    def main() -> str:
        once = sync.Once()
        try:
            once.do(fail)
        except ValueError as e:
            calls.append(f"caught {e}")
        once.do(fail)
        once.do(lambda: calls.append("other"))
        return "ok"

    assert vrun(main) == "ok"
    assert calls == ["fail", "caught first call failed"]


def test_once_concurrent_callers_wait_until_the_first_function_returns() -> None:
    log: list[str] = []

    def slow_init() -> None:
        log.append("init start")
        time.sleep(time.Second)
        log.append("init end")

    def caller(once: sync.Once, name: str, wg: sync.WaitGroup) -> None:
        once.do(slow_init)
        log.append(f"{name} returned at {elapsed()}")
        wg.done()

    def main() -> None:
        once = sync.Once()
        wg = sync.WaitGroup()
        for name in ("a", "b", "c"):
            wg.add(1)
            go(caller, once, name, wg)
        wg.wait()

    vrun(main)
    # c started last, so it runs first and calls f; a and b wait on the
    # Once's mutex in that order and are let through one after the other.
    assert log == ["init start", "init end",
                   "c returned at 1s", "a returned at 1s", "b returned at 1s"]


def test_once_do_inside_its_own_function_deadlocks() -> None:
    def main() -> None:
        once = sync.Once()
        once.do(lambda: once.do(lambda: None))

    assert wait_reasons(deadlock_of(main)) == [("1", "sync.Mutex.Lock")]


def test_once_func_calls_f_once() -> None:
    calls: list[int] = []

    def main() -> list[Any]:
        f = sync.once_func(lambda: calls.append(1))
        return [f(), f(), f()]

    assert vrun(main) == [None, None, None]
    assert calls == [1]


@pytest.mark.parametrize("once", [sync.once_func, sync.once_value],
                         ids=["once_func", "once_value"])
def test_once_func_and_once_value_reraise_the_same_exception_on_every_call(once: Any) -> None:
    calls: list[int] = []
    err = ValueError("init failed")

    def init() -> None:
        calls.append(1)
        raise err

    def main() -> list[BaseException]:
        f = once(init)
        caught: list[BaseException] = []
        for _ in range(3):
            try:
                f()
            except ValueError as e:
                caught.append(e)
        return caught

    caught = vrun(main)
    assert calls == [1]
    assert len(caught) == 3 and all(e is err for e in caught)


def test_once_value_calls_f_once_and_returns_its_value_every_time() -> None:
    calls: list[int] = []

    def compute() -> dict[str, int]:
        calls.append(1)
        return {"answer": 42}

    def main() -> list[dict[str, int]]:
        f = sync.once_value(compute)
        return [f(), f(), f()]

    values = vrun(main)
    assert calls == [1]
    assert values == [{"answer": 42}] * 3
    assert values[0] is values[1] is values[2]


def test_once_value_concurrent_callers_get_the_value_after_f_returns() -> None:
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        time.sleep(time.Second)
        return 7

    def caller(f: Any, out: goconc.Chan[tuple[int, time.Duration]]) -> None:
        v = f()
        out.send((v, elapsed()))

    def main() -> list[tuple[int, time.Duration]]:
        f = sync.once_value(compute)
        out: goconc.Chan[tuple[int, time.Duration]] = chan()
        for _ in range(3):
            go(caller, f, out)
        return [out.recv() for _ in range(3)]

    assert vrun(main) == [(7, time.Second)] * 3
    assert calls == [1]


# --- Cond --------------------------------------------------------------------------


def test_cond_wait_releases_the_lock_and_holds_it_again_when_it_returns() -> None:
    log: list[str] = []

    def waiter(mu: sync.Mutex, cond: sync.Cond) -> None:
        with mu:
            log.append("waiter waits")
            cond.wait()
            log.append(f"waiter woke holding the lock: {not mu.try_lock()}")

    def main() -> None:
        mu = sync.Mutex()
        cond = sync.Cond(mu)
        go(waiter, mu, cond)
        yield_many()
        log.append(f"main can lock while the waiter waits: {mu.try_lock()}")
        cond.signal()
        yield_many()
        log.append("main unlocks")  # the woken waiter could not return before this
        mu.unlock()
        yield_many()
        log.append(f"main can lock after the waiter left: {mu.try_lock()}")

    vrun(main)
    assert log == [
        "waiter waits",
        "main can lock while the waiter waits: True",
        "main unlocks",
        "waiter woke holding the lock: True",
        "main can lock after the waiter left: True",
    ]


def test_cond_signal_wakes_one_waiter_in_the_order_they_waited() -> None:
    # Go's notifyList is FIFO: checked with Go 1.27 (waiters 0..4 woke as 0 1 2 3 4).
    def waiter(mu: sync.Mutex, cond: sync.Cond, i: int, woke: goconc.Chan[int]) -> None:
        with mu:
            cond.wait()
        woke.send(i)

    def main() -> list[int]:
        mu = sync.Mutex()
        cond = sync.Cond(mu)
        woke = chan(int)
        for i in range(5):
            go(waiter, mu, cond, i, woke)
            time.sleep(time.Millisecond)
        order = []
        for _ in range(5):
            with mu:
                cond.signal()
            order.append(woke.recv())
        return order

    assert vrun(main) == [0, 1, 2, 3, 4]


def test_cond_signal_wakes_exactly_one() -> None:
    woken: list[int] = []

    def waiter(mu: sync.Mutex, cond: sync.Cond, i: int) -> None:
        with mu:
            cond.wait()
            woken.append(i)

    def main() -> None:
        mu = sync.Mutex()
        cond = sync.Cond(mu)
        for i in range(3):
            go(waiter, mu, cond, i)
        yield_many()
        cond.signal()
        time.sleep(time.Hour)

    vrun(main)
    assert woken == [2]  # the first to wait: 2 started last, so it ran first


def test_cond_broadcast_wakes_every_waiter() -> None:
    woken: list[int] = []

    def waiter(mu: sync.Mutex, cond: sync.Cond, i: int, wg: sync.WaitGroup) -> None:
        with mu:
            cond.wait()
            woken.append(i)
        wg.done()

    def main() -> None:
        mu = sync.Mutex()
        cond = sync.Cond(mu)
        wg = sync.WaitGroup()
        for i in range(4):
            wg.add(1)
            go(waiter, mu, cond, i, wg)
        yield_many()
        with mu:
            cond.broadcast()
        wg.wait()

    vrun(main)
    assert sorted(woken) == [0, 1, 2, 3]


def test_cond_signal_and_broadcast_with_no_waiters_are_lost() -> None:
    log: list[str] = []

    def waiter(mu: sync.Mutex, cond: sync.Cond, done: goconc.Chan[None]) -> None:
        with mu:
            cond.wait()
        log.append(f"woke at {elapsed()}")
        done.send(None)

    def main() -> None:
        mu = sync.Mutex()
        cond = sync.Cond(mu)
        cond.signal()
        cond.broadcast()
        done: goconc.Chan[None] = chan()
        go(waiter, mu, cond, done)
        time.sleep(time.Second)
        log.append("still waiting at 1s")
        cond.signal()
        done.recv()

    vrun(main)
    assert log == ["still waiting at 1s", "woke at 1s"]


def test_cond_wait_with_nobody_to_signal_deadlocks_in_cond_wait() -> None:
    def main() -> None:
        mu = sync.Mutex()
        cond = sync.Cond(mu)
        mu.lock()
        cond.wait()

    assert wait_reasons(deadlock_of(main)) == [("1", "sync.Cond.Wait")]


def test_cond_over_an_rlocker_releases_the_read_lock_while_waiting() -> None:
    log: list[str] = []

    def reader(rw: sync.RWMutex, cond: sync.Cond) -> None:
        with cond.L:
            cond.wait()
            log.append(f"reader woke, writer kept out: {not rw.try_lock()}")

    def main() -> None:
        rw = sync.RWMutex()
        cond = sync.Cond(rw.rlocker())
        go(reader, rw, cond)
        yield_many()
        with rw:  # possible only because the waiting reader let go
            log.append("writer in")
            cond.signal()
        yield_many()

    vrun(main)
    assert log == ["writer in", "reader woke, writer kept out: True"]


def test_cond_wait_takes_the_lock_back_when_its_goroutine_is_unwound() -> None:
    # The program ends while they wait: each one's `with cv.L:` unlocks once, with
    # L held again, as threading.Condition.wait re-acquires in a finally.
    mu = sync.Mutex()
    cv = sync.Cond(mu)
    held: list[bool] = []

    def waiter() -> None:
        with cv.L:
            try:
                cv.wait()
            finally:
                held.append(mu.try_lock() is False)

    def main() -> None:
        go(waiter)
        go(waiter)
        yield_many()

    vrun(main)
    assert held == [True, True]
    assert repr(mu) == "<sync.Mutex unlocked waiters=0>"


def test_cond_wait_unwound_while_another_goroutine_holds_the_lock_waits_for_it() -> None:
    # The waiter is unwound first (creation order) while the holder, blocked with L
    # held, has not been: it takes L back once the holder's unwinding unlocks it,
    # instead of unlocking the holder's lock.
    mu = sync.Mutex()
    cv = sync.Cond(mu)
    log: list[str] = []

    def waiter() -> None:
        with cv.L:
            try:
                cv.wait()
            finally:
                log.append(f"waiter holds L: {not mu.try_lock()}")

    def holder() -> None:
        with mu:
            log.append("holder has L")
            try:
                chan(int).recv()
            finally:
                log.append("holder unwound")

    def main() -> None:
        go(waiter)
        yield_many()
        go(holder)
        yield_many()

    vrun(main)
    assert log == ["holder has L", "holder unwound", "waiter holds L: True"]
    assert repr(mu) == "<sync.Mutex unlocked waiters=0>"


def test_cond_wait_in_toplevel_main_gives_the_crash_not_an_unlock_error() -> None:
    # A notebook cell waiting in cv.wait() while a goroutine crashes: the crash is
    # raised in the cell, not Fatal("sync: unlock of unlocked mutex") from its with.
    goconc.reset(clock="virtual", seed=1)
    try:
        mu = sync.Mutex()
        cv = sync.Cond(mu)

        def crasher() -> None:
            raise ValueError("boom")

        go(crasher)
        with pytest.raises(ValueError, match="boom"), cv.L:
            cv.wait()
        assert repr(mu) == "<sync.Mutex unlocked waiters=0>"
    finally:
        goconc.reset()


# --- Map ---------------------------------------------------------------------------


def test_map_load_of_a_missing_key_is_none_false() -> None:
    m: sync.Map[str, int] = sync.Map()
    assert m.load("x") == (None, False)


def test_map_store_then_load() -> None:
    m: sync.Map[str, int] = sync.Map()
    m.store("a", 1)
    m.store("a", 2)
    m.store("b", 0)
    assert m.load("a") == (2, True)
    assert m.load("b") == (0, True), "a stored zero value is still there"


def test_map_load_or_store_stores_only_when_missing() -> None:
    m: sync.Map[str, int] = sync.Map()
    assert m.load_or_store("a", 1) == (1, False)
    assert m.load_or_store("a", 2) == (1, True)
    assert m.load("a") == (1, True)


def test_map_load_and_delete() -> None:
    m: sync.Map[str, int] = sync.Map()
    m.store("a", 1)
    assert m.load_and_delete("a") == (1, True)
    assert m.load("a") == (None, False)
    assert m.load_and_delete("a") == (None, False)


def test_map_delete_removes_and_delete_of_missing_key_is_fine() -> None:
    m: sync.Map[str, int] = sync.Map()
    m.store("a", 1)
    m.delete("a")
    m.delete("a")
    m.delete("never stored")
    assert m.load("a") == (None, False)


def test_map_swap_returns_the_previous_value_and_whether_there_was_one() -> None:
    m: sync.Map[str, int] = sync.Map()
    assert m.swap("a", 1) == (None, False)
    assert m.swap("a", 2) == (1, True)
    assert m.load("a") == (2, True)


def test_map_compare_and_swap_and_compare_and_delete() -> None:
    m: sync.Map[str, int] = sync.Map()
    assert m.compare_and_swap("a", 0, 1) is False, "a missing key matches no old value"
    m.store("a", 1)
    assert m.compare_and_swap("a", 5, 2) is False
    assert m.compare_and_swap("a", 1, 2) is True
    assert m.compare_and_delete("a", 1) is False
    assert m.load("a") == (2, True)
    assert m.compare_and_delete("a", 2) is True
    assert m.load("a") == (None, False)


def test_map_range_visits_every_entry_while_f_returns_true() -> None:
    m: sync.Map[str, int] = sync.Map()
    for i, k in enumerate("abcd"):
        m.store(k, i)
    seen: dict[str, int] = {}

    def visit(k: str, v: int) -> bool:
        seen[k] = v
        return True

    m.range(visit)
    assert seen == {"a": 0, "b": 1, "c": 2, "d": 3}


def test_map_range_stops_when_f_returns_false() -> None:
    m: sync.Map[int, int] = sync.Map()
    for i in range(10):
        m.store(i, i * i)
    calls: list[int] = []

    def visit(k: int, v: int) -> bool:
        calls.append(k)
        return len(calls) < 3

    m.range(visit)
    assert len(calls) == 3


def test_map_load_or_store_from_goroutines_that_yield_stores_each_key_once() -> None:
    results: list[tuple[int, str, bool]] = []

    def writer(m: sync.Map[int, str], base: int, wg: sync.WaitGroup) -> None:
        for k in range(base, base + 5):
            v, loaded = m.load_or_store(k, f"g{base}")
            results.append((k, v, loaded))
            runtime.gosched()
        wg.done()

    def main() -> dict[int, str]:
        m: sync.Map[int, str] = sync.Map()
        wg = sync.WaitGroup()
        for base in (0, 3):  # keys 3 and 4 are wanted by both
            wg.add(1)
            go(writer, m, base, wg)
        wg.wait()
        return dict(m)

    final = vrun(main)
    assert sorted(final) == list(range(8))
    stored = [(k, v) for k, v, loaded in results if not loaded]
    assert sorted(stored) == sorted(final.items()), "a key was stored twice or never"
    assert sorted(k for k, _, loaded in results if loaded) == [3, 4]
    assert all(v == final[k] for k, v, _ in results), "a caller saw a value that did not stick"
