"""select: Go's selectgo (runtime/select.go) on the virtual clock."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from vclock import vrun, yield_many

import goconc
from goconc import Deadlock, Panic, chan, default, go, recv, recv_ok, runtime, select, send, time

# --- what each kind of case returns -------------------------------------------------


def test_select_recv_case_returns_index_and_value() -> None:
    def main() -> tuple[int, Any]:
        a, b = chan(int, 1), chan(int, 1)
        b.send(7)
        return select(recv(a), recv(b))

    assert vrun(main) == (1, 7)


def test_select_recv_ok_case_returns_value_and_ok() -> None:
    def main() -> list[tuple[int, Any]]:
        a = chan(str, 1)
        a.send("x")
        first = select(recv_ok(a))
        a.close()
        second = select(recv_ok(a))
        return [first, second]

    assert vrun(main) == [(0, ("x", True)), (0, ("", False))]


def test_select_send_case_returns_none_and_delivers_the_value() -> None:
    def main() -> tuple[tuple[int, Any], int]:
        a = chan(int, 1)
        r = select(send(a, 5))
        return r, a.recv()

    assert vrun(main) == ((0, None), 5)


def test_select_default_runs_only_when_no_case_is_ready() -> None:
    def main() -> list[tuple[int, Any]]:
        a = chan(int, 1)
        out = [select(recv(a), default)]
        a.send(1)
        out.append(select(recv(a), default))
        return out

    assert vrun(main) == [(1, None), (0, 1)]


def test_select_default_may_come_first() -> None:
    def main() -> list[tuple[int, Any]]:
        a = chan(int, 1)
        out = [select(default, recv(a))]
        a.send(3)
        out.append(select(default, recv(a)))
        return out

    assert vrun(main) == [(0, None), (1, 3)]


def test_select_mixes_recv_recv_ok_send_and_default() -> None:
    def main() -> list[tuple[int, Any]]:
        a, b, c = chan(int, 1), chan(str, 1), chan(int, 1)
        c.send(0)  # c is full: the send case cannot proceed
        results = []
        results.append(select(recv(a), recv_ok(b), send(c, 9), default))
        b.send("hi")
        results.append(select(recv(a), recv_ok(b), send(c, 9), default))
        c.recv()
        results.append(select(recv(a), recv_ok(b), send(c, 9), default))
        a.send(4)
        results.append(select(recv(a), recv_ok(b), send(c, 9), default))
        assert c.recv() == 9
        return results

    assert vrun(main) == [(3, None), (1, ("hi", True)), (2, None), (0, 4)]


def test_select_blocks_until_a_case_can_proceed() -> None:
    log: list[str] = []

    def sender(ch: goconc.Chan[int]) -> None:
        yield_many(5)
        log.append("sending")
        ch.send(11)

    def main() -> tuple[int, Any]:
        a, b = chan(int), chan(int)
        go(sender, b)
        r = select(recv(a), recv(b))
        log.append("selected")
        return r

    assert vrun(main) == (1, 11)
    assert log == ["sending", "selected"]


def test_select_send_case_blocks_until_a_receiver_arrives() -> None:
    def receiver(ch: goconc.Chan[int], out: goconc.Chan[int]) -> None:
        yield_many(5)
        out.send(ch.recv())

    def main() -> tuple[tuple[int, Any], int]:
        a, out = chan(int), chan(int, 1)
        go(receiver, a, out)
        r = select(send(a, 8), recv(chan(int)))
        return r, out.recv()

    assert vrun(main) == ((0, None), 8)


def test_blocked_select_is_woken_by_close() -> None:
    def closer(ch: goconc.Chan[int]) -> None:
        yield_many(3)
        ch.close()

    def main() -> tuple[int, Any]:
        a, b = chan(int), chan(int)
        go(closer, b)
        return select(recv(a), recv_ok(b))

    assert vrun(main) == (1, (0, False))


def test_close_wakes_selects_with_cases_on_it_and_on_other_channels() -> None:
    # Selects with two cases on the closed channel, plain receivers between
    # them, and a third case on another channel, whose withdrawn sudogs pile up
    # (and are compacted away) there: every waiter wakes once, in Go's LIFO
    # order, and no channel is left counting a waiter.
    def main() -> tuple[list[tuple[int, Any]], int, int, int]:
        c, d = chan(int), chan(int)
        woke: list[tuple[int, Any]] = []
        wg = goconc.sync.WaitGroup()

        def sel(k: int) -> None:
            woke.append((k, select(recv(c), recv_ok(c), recv(d))))

        def plain(k: int) -> None:
            woke.append((k, c.recv_ok()))

        for k in range(80):
            wg.go(sel if k % 2 else plain, k)
        yield_many(3)
        c.close()
        wg.wait()
        return woke, len(c.recvq), len(d.recvq), len(d.recvq.q)

    woke, cwait, dwait, dq = vrun(main)
    assert sorted(k for k, _ in woke) == list(range(80))
    assert all(r in ((0, 0), (1, (0, False))) if k % 2 else r == (0, False) for k, r in woke)
    assert (cwait, dwait) == (0, 0)
    assert dq <= 40


def test_select_accepts_direction_views() -> None:
    def main() -> list[tuple[int, Any]]:
        ch = chan(int, 1)
        out = [select(send(ch.send_only(), 1))]
        out.append(select(recv(ch.recv_only())))
        return out

    assert vrun(main) == [(0, None), (0, 1)]


# --- nil channels ---------------------------------------------------------------------


def test_nil_channel_recv_case_is_never_ready() -> None:
    def main() -> tuple[int, Any]:
        return select(recv(None), recv_ok(None), send(None, 1), default)

    assert vrun(main) == (3, None)


def test_nil_channel_case_is_never_chosen_over_a_ready_one() -> None:
    def main() -> Counter[int]:
        a = chan(int, 1)
        counts: Counter[int] = Counter()
        for _ in range(200):
            a.send(1)
            i, _ = select(recv(None), recv(a), send(None, 2))
            counts[i] += 1
        return counts

    assert vrun(main) == Counter({1: 200})


def test_nil_channel_idiom_drains_two_channels() -> None:
    def producer(ch: goconc.Chan[int], values: list[int]) -> None:
        for v in values:
            ch.send(v)
        ch.close()

    def main() -> list[int]:
        a, b = chan(int), chan(int)
        go(producer, a, [1, 2, 3])
        go(producer, b, [10, 20])
        chans: list[goconc.Chan[int] | None] = [a, b]
        got = []
        while chans[0] is not None or chans[1] is not None:
            i, (v, ok) = select(recv_ok(chans[0]), recv_ok(chans[1]))
            if not ok:
                chans[i] = None
                continue
            got.append(v)
        return sorted(got)

    assert vrun(main) == [1, 2, 3, 10, 20]


# --- uniform random choice --------------------------------------------------------------


def test_select_chooses_uniformly_among_ready_cases() -> None:
    n = 3000

    def main() -> Counter[int]:
        chans = [chan(int, 1) for _ in range(3)]
        for c in chans:
            c.send(0)
        counts: Counter[int] = Counter()
        for _ in range(n):
            i, _ = select(*(recv(c) for c in chans))
            counts[i] += 1
            chans[i].send(0)
        return counts

    counts = vrun(main)
    assert sum(counts.values()) == n
    for i in range(3):
        assert 800 <= counts[i] <= 1200, counts


def test_source_order_gives_no_priority_to_recv_over_send() -> None:
    def main() -> Counter[int]:
        a, b = chan(int, 1), chan(int, 1)
        counts: Counter[int] = Counter()
        for _ in range(1000):
            a.send(0)
            i, _ = select(recv(a), send(b, 1))
            counts[i] += 1
            if i == 0:
                b.send(1)
            else:
                a.recv()
            b.recv()
        return counts

    counts = vrun(main)
    assert 350 <= counts[0] <= 650, counts
    assert counts[0] + counts[1] == 1000


def test_closed_channel_is_always_ready_and_takes_no_priority() -> None:
    def main() -> Counter[int]:
        done, work = chan(), chan(int, 1)
        done.close()
        counts: Counter[int] = Counter()
        for _ in range(1000):
            if len(work) == 0:
                work.send(1)
            i, _ = select(recv(done), recv(work))
            counts[i] += 1
        return counts

    counts = vrun(main)
    assert counts[0] + counts[1] == 1000
    assert 350 <= counts[0] <= 650, counts


def test_same_seed_gives_the_same_choices_and_different_seeds_differ() -> None:
    def main() -> list[int]:
        a, b = chan(int, 1), chan(int, 1)
        picks = []
        for _ in range(40):
            if not len(a):
                a.send(0)
            if not len(b):
                b.send(0)
            picks.append(select(recv(a), recv(b))[0])
        return picks

    runs = [vrun(main, seed=s) for s in (1, 1, 2, 3)]
    assert runs[0] == runs[1]
    assert len({tuple(r) for r in runs}) > 1


# --- panics and blocking forever ----------------------------------------------------------


def test_send_case_on_closed_channel_panics_even_with_default() -> None:
    def main() -> None:
        ch = chan(int)
        ch.close()
        select(send(ch, 1), default)

    with pytest.raises(Panic) as info:
        vrun(main)
    assert str(info.value) == "send on closed channel"


def test_blocked_select_send_panics_when_the_channel_is_closed() -> None:
    outcome: list[str] = []

    def selector(a: goconc.Chan[int], b: goconc.Chan[int]) -> None:
        try:
            select(send(a, 1), recv(b))
            outcome.append("selected")
        except Panic as e:
            outcome.append(str(e))

    def main() -> None:
        a, b = chan(int), chan(int)
        go(selector, a, b)
        yield_many(5)
        a.close()
        yield_many(5)

    vrun(main)
    assert outcome == ["send on closed channel"]


def test_select_with_no_cases_blocks_forever() -> None:
    def main() -> None:
        select()

    with pytest.raises(Deadlock) as info:
        vrun(main)
    assert "goroutine 1 [select (no cases)]:" in str(info.value)


def test_select_with_only_nil_channels_blocks_forever() -> None:
    def main() -> None:
        select(recv(None), send(None, 1))

    with pytest.raises(Deadlock) as info:
        vrun(main)
    assert "goroutine 1 [select]:" in str(info.value)


def test_blocked_multi_case_select_reports_select() -> None:
    def main() -> None:
        select(recv(chan(int)), send(chan(int), 1))

    with pytest.raises(Deadlock) as info:
        vrun(main)
    assert "goroutine 1 [select]:" in str(info.value)


def test_select_cannot_rendezvous_with_itself() -> None:
    def main() -> None:
        ch = chan(int)
        select(send(ch, 1), recv(ch))

    with pytest.raises(Deadlock) as info:
        vrun(main)
    assert "goroutine 1 [select]:" in str(info.value)


def test_select_with_no_cases_does_not_stop_other_goroutines() -> None:
    log: list[str] = []

    def worker() -> None:
        log.append("worker ran")

    def main() -> None:
        go(worker)
        select()

    with pytest.raises(Deadlock):
        vrun(main)
    assert log == ["worker ran"]


# --- operand evaluation -------------------------------------------------------------------


def test_select_evaluates_time_after_each_time_it_is_entered() -> None:
    # Messages arrive every 60ms and each select makes a fresh 100ms timer, so the
    # timeout fires only 100ms after the last message.
    def producer(ch: goconc.Chan[int]) -> None:
        for v in range(5):
            time.sleep(60 * time.Millisecond)
            ch.send(v)

    def main() -> tuple[list[int], int]:
        ch = chan(int)
        go(producer, ch)
        start = time.now()
        got = []
        while True:
            match select(recv(ch), recv(time.after(100 * time.Millisecond))):
                case 0, v:
                    got.append(v)
                case 1, _:
                    break
        return got, time.since(start)

    got, elapsed = vrun(main)
    assert got == [0, 1, 2, 3, 4]
    assert elapsed == 400 * time.Millisecond


def test_select_evaluates_send_values_even_for_cases_not_chosen() -> None:
    evaluated: list[str] = []

    def value(name: str) -> str:
        evaluated.append(name)
        return name

    def main() -> tuple[int, Any]:
        a, b = chan(str, 1), chan(str)
        return select(send(a, value("a")), send(b, value("b")))

    assert vrun(main) == (0, None)
    assert evaluated == ["a", "b"]


# --- many select waiters -------------------------------------------------------------------


def test_close_releases_many_select_waiters_and_clears_their_other_queues() -> None:
    n = 10_000

    def waiter(a: goconc.Chan[int], b: goconc.Chan[int], c: goconc.Chan[int],
               done: goconc.Chan[int]) -> None:
        i, _ = select(recv(a), recv(b), send(c, 1))
        done.send(i)

    def main() -> Counter[int]:
        a, b, c, done = chan(int), chan(int), chan(int), chan(int, n)
        for _ in range(n):
            go(waiter, a, b, c, done)
        runtime.gosched()
        assert a.statistics().tasks_waiting_receive == n
        assert b.statistics().tasks_waiting_receive == n
        assert c.statistics().tasks_waiting_send == n
        a.close()
        picks = Counter(done.recv() for _ in range(n))
        # Every waiter's sudogs on b and c were dequeued when it was woken through a.
        assert b.statistics().tasks_waiting_receive == 0
        assert c.statistics().tasks_waiting_send == 0
        assert select(send(b, 1), default)[0] == 1, "a stale select waiter took a value"
        assert select(recv(c), default)[0] == 1, "a stale select waiter sent a value"
        return picks

    assert vrun(main) == Counter({0: n})


def test_values_sent_to_many_select_waiters_each_go_to_one_waiter() -> None:
    n = 5_000
    got: list[int] = []

    def waiter(a: goconc.Chan[int], b: goconc.Chan[int], done: goconc.Chan[int]) -> None:
        _, v = select(recv(a), recv(b))
        got.append(v)
        done.send(0)

    def main() -> None:
        a, b, done = chan(int), chan(int), chan(int, n)
        for _ in range(n):
            go(waiter, a, b, done)
        runtime.gosched()
        for v in range(n):
            (a if v % 2 else b).send(v)
        for _ in range(n):
            done.recv()
        assert a.statistics().tasks_waiting_receive == 0
        assert b.statistics().tasks_waiting_receive == 0

    vrun(main)
    assert sorted(got) == list(range(n))


# --- determinism -------------------------------------------------------------------------


def test_same_seed_prints_byte_identical_output(capsys: pytest.CaptureFixture[str]) -> None:
    def worker(name: str, out: goconc.Chan[str], quit: goconc.Chan[None]) -> None:
        n = 0
        while True:
            match select(send(out, f"{name}{n}"), recv(quit)):
                case 0, _:
                    n += 1
                    time.sleep(n % 3 * time.Millisecond)
                case 1, _:
                    return

    def main() -> None:
        outs = [chan(str, 2) for _ in range(3)]
        quit = chan()
        for name, out in zip("abc", outs, strict=True):
            go(worker, name, out, quit)
        for _ in range(30):
            # Let the buffers fill, so that several cases are ready: a woken
            # main would otherwise always find exactly one.
            time.sleep(2 * time.Millisecond)
            i, v = select(*(recv(o) for o in outs), recv(time.after(time.Millisecond)))
            print(i, v, time.now().isoformat())
        quit.close()

    outputs = []
    for seed in (5, 5, 6):
        vrun(main, seed=seed)
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    assert outputs[0] != outputs[2]
