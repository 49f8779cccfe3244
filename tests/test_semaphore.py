"""semaphore: golang.org/x/sync/semaphore semantics, on the virtual clock."""

from __future__ import annotations

from functools import partial

import pytest
import vclock

import goconc
from goconc import Panic, context, go, runtime, semaphore, time

vrun = partial(vclock.vrun, leaks="raise")  # a leaked goroutine fails the test

BG = context.background()


def held(sem: semaphore.Weighted) -> int:
    return sem._cur  # white box: the weight held


def waiting(sem: semaphore.Weighted) -> int:
    return len(sem._waiters)


def test_try_acquire_succeeds_up_to_the_size_and_fails_beyond() -> None:
    sem = semaphore.Weighted(3)
    assert sem.try_acquire(2) is True
    assert sem.try_acquire(2) is False
    assert held(sem) == 2
    assert sem.try_acquire() is True
    assert sem.try_acquire() is False
    sem.release(3)
    assert held(sem) == 0


def test_acquire_within_the_size_does_not_block() -> None:
    def main() -> None:
        sem = semaphore.Weighted(2)
        sem.acquire(BG, 1)
        sem.acquire(BG)
        assert held(sem) == 2

    vrun(main)


def test_acquire_blocks_until_enough_is_released() -> None:
    def main() -> None:
        sem = semaphore.Weighted(2)
        sem.acquire(BG, 2)

        def releaser() -> None:
            time.sleep(time.Second)
            sem.release(1)
            time.sleep(time.Second)
            sem.release(1)

        go(releaser)
        sem.acquire(BG, 2)
        assert time.now().second == 2
        assert held(sem) == 2

    vrun(main)


def test_releasing_more_than_held_panics() -> None:
    sem = semaphore.Weighted(2)
    assert sem.try_acquire(1)
    with pytest.raises(Panic, match=r"^semaphore: released more than held$"):
        sem.release(2)


def test_waiters_are_served_in_arrival_order() -> None:
    def main() -> None:
        sem = semaphore.Weighted(1)
        sem.acquire(BG)
        arrived: list[int] = []
        order: list[int] = []
        done = goconc.chan(int)

        def worker(i: int) -> None:
            arrived.append(i)
            sem.acquire(BG)
            order.append(i)
            sem.release()
            done.send(i)

        for i in range(5):
            go(worker, i)
        runtime.gosched()
        assert waiting(sem) == 5
        sem.release()
        for _ in range(5):
            done.recv()
        assert arrived == [4, 0, 1, 2, 3]  # Go's order: the newest goroutine runs first
        assert order == arrived

    vrun(main)


def test_a_large_waiter_at_the_head_holds_back_smaller_later_ones() -> None:
    def main() -> None:
        sem = semaphore.Weighted(4)
        sem.acquire(BG, 3)
        log: list[str] = []

        def big() -> None:
            sem.acquire(BG, 4)
            log.append("big")
            sem.release(4)

        def small() -> None:
            sem.acquire(BG, 1)
            log.append("small")
            sem.release(1)

        go(big)
        runtime.gosched()
        go(small)
        runtime.gosched()
        assert log == [], "the small request jumped the queue"
        assert sem.try_acquire(1) is False, "try_acquire jumped the queue"
        sem.release(3)
        time.sleep(time.Second)
        assert log == ["big", "small"]

    vrun(main)


def test_acquire_raises_canceled_when_ctx_is_cancelled_and_leaves_the_semaphore_unchanged() -> None:
    def main() -> None:
        sem = semaphore.Weighted(1)
        sem.acquire(BG)
        ctx, cancel = context.with_cancel(BG)

        def canceller() -> None:
            time.sleep(time.Second)
            cancel()

        go(canceller)
        with pytest.raises(context.Canceled) as info:
            sem.acquire(ctx)
        assert info.value is ctx.err()
        assert held(sem) == 1 and waiting(sem) == 0

    vrun(main)


def test_acquire_raises_deadline_exceeded_at_the_deadline() -> None:
    def main() -> None:
        sem = semaphore.Weighted(1)
        sem.acquire(BG)
        ctx, cancel = context.with_timeout(BG, 50 * time.Millisecond)
        with pytest.raises(context.DeadlineExceeded):
            sem.acquire(ctx)
        assert time.now().microsecond == 50_000
        cancel()

    vrun(main)


def test_a_done_context_wins_even_when_the_weight_is_free() -> None:
    def main() -> None:
        sem = semaphore.Weighted(5)
        ctx, cancel = context.with_cancel(BG)
        cancel()
        with pytest.raises(context.Canceled):
            sem.acquire(ctx)
        assert held(sem) == 0

    vrun(main)


def test_a_request_larger_than_the_size_waits_for_ctx_without_blocking_others() -> None:
    def main() -> None:
        sem = semaphore.Weighted(2)
        ctx, cancel = context.with_timeout(BG, time.Second)
        failed: list[BaseException] = []

        def greedy() -> None:
            try:
                sem.acquire(ctx, 3)
            except context.DeadlineExceeded as e:
                failed.append(e)

        go(greedy)
        runtime.gosched()
        assert waiting(sem) == 0
        sem.acquire(BG, 2)
        time.sleep(2 * time.Second)
        assert len(failed) == 1
        cancel()

    vrun(main)


def test_a_request_larger_than_the_size_with_background_blocks_forever() -> None:
    def main() -> None:
        semaphore.Weighted(1).acquire(BG, 2)

    with pytest.raises(goconc.Deadlock):
        vrun(main)


def test_a_cancelled_head_waiter_lets_the_ones_behind_it_through() -> None:
    def main() -> None:
        sem = semaphore.Weighted(3)
        sem.acquire(BG, 2)
        ctx, cancel = context.with_cancel(BG)
        got: list[str] = []

        def big() -> None:
            try:
                sem.acquire(ctx, 3)
            except context.Canceled:
                got.append("big gave up")

        def small() -> None:
            sem.acquire(BG, 1)
            got.append("small")

        go(big)
        runtime.gosched()
        go(small)
        runtime.gosched()
        assert got == [] and waiting(sem) == 2
        cancel()
        time.sleep(time.Second)
        assert got == ["big gave up", "small"]
        assert held(sem) == 3

    vrun(main)


def test_a_waiter_granted_after_its_ctx_was_done_gives_the_weight_back() -> None:
    def main() -> None:
        sem = semaphore.Weighted(1)
        sem.acquire(BG)
        ctx, cancel = context.with_cancel(BG)
        result: list[str] = []

        def waiter() -> None:
            try:
                sem.acquire(ctx)
                result.append("acquired")
            except context.Canceled:
                result.append("canceled")

        go(waiter)
        runtime.gosched()
        # Both happen before the waiter runs again. Whichever case its select
        # picks, the done context wins and the weight goes back.
        sem.release()
        cancel()
        time.sleep(time.Second)
        assert result == ["canceled"]
        assert held(sem) == 0 and waiting(sem) == 0

    for seed in range(8):
        goconc.run(main, clock="virtual", seed=seed, leaks="raise")


def test_repr_shows_the_state() -> None:
    sem = semaphore.Weighted(3)
    sem.try_acquire(2)
    assert repr(sem) == "<semaphore.Weighted size=3 held=2 waiters=0>"
