"""Property tests: random programs of senders, receivers and closers over random capacities.

Invariants (STYLE.md): no value lost or delivered twice, FIFO per channel,
``len(ch) <= ch.cap``; and determinism: the same program with the same seed
on the virtual clock performs the same operations in the same order.
Examples are derandomized so the suite never flakes.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import goconc
from goconc import Panic, chan, default, go, recv, recv_ok, runtime, select, send

SETTINGS = settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)

SEND_STYLES = ["send", "select", "select_with_nil", "select_default_loop"]
RECV_STYLES = ["range", "recv", "recv_ok", "select"]


@dataclass
class ChanSpec:
    cap: int
    senders: list[tuple[int, str, list[int]]]  # (how many values, style, yields between sends)
    close: str  # "after_senders" | "early"
    early_yields: int


@dataclass
class RecvSpec:
    chans: list[int]
    style: str
    yields: list[int]


@dataclass
class Program:
    chans: list[ChanSpec]
    receivers: list[RecvSpec]
    start_order: list[int]


@dataclass
class Outcome:
    events: list[tuple[Any, ...]] = field(default_factory=list)
    sent: list[tuple[int, int, int]] = field(default_factory=list)
    panicked: list[tuple[int, int, int]] = field(default_factory=list)
    received: list[tuple[int, tuple[int, int, int]]] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)


yields_st = st.lists(st.integers(0, 3), min_size=1, max_size=4)


@st.composite
def programs(draw: st.DrawFn) -> Program:
    chans = []
    for _ in range(draw(st.integers(1, 3))):
        senders = draw(st.lists(
            st.tuples(st.integers(1, 6), st.sampled_from(SEND_STYLES), yields_st), max_size=3))
        chans.append(ChanSpec(
            cap=draw(st.integers(0, 3)),
            senders=senders,
            close=draw(st.sampled_from(["after_senders", "after_senders", "early"])),
            early_yields=draw(st.integers(0, 12)),
        ))
    n = len(chans)
    receivers = []
    for _ in range(draw(st.integers(1, 4))):
        subset = draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=n, unique=True))
        style = draw(st.sampled_from(RECV_STYLES)) if len(subset) == 1 else "select"
        receivers.append(RecvSpec(subset, style, draw(yields_st)))
    covered = {c for r in receivers for c in r.chans}
    for c in range(n):
        if c not in covered:  # every channel needs a receiver, or its senders block forever
            receivers.append(RecvSpec([c], draw(st.sampled_from(RECV_STYLES)), draw(yields_st)))
    nactors = sum(len(c.senders) + 1 for c in chans) + len(receivers)
    order = draw(st.permutations(list(range(nactors))))
    return Program(chans, receivers, list(order))


def run_program(prog: Program, seed: int) -> Outcome:
    """Run ``prog`` on the virtual clock and record every operation in order."""
    out = Outcome()

    def check(ci: int, ch: goconc.Chan[Any]) -> None:
        n, cap = len(ch), ch.cap
        if not 0 <= n <= cap:
            out.violations.append(f"chan {ci}: len {n} cap {cap}")

    def pause(yields: list[int], k: int) -> None:
        for _ in range(yields[k % len(yields)]):
            runtime.gosched()

    def sender(ci: int, si: int, count: int, style: str, yields: list[int],
               ch: goconc.Chan[Any], senders_done: goconc.Chan[int],
               done: goconc.Chan[str]) -> None:
        k = 0
        try:
            for k in range(count):
                v = (ci, si, k)
                pause(yields, k)
                out.events.append(("send", v))
                if style == "send":
                    ch.send(v)
                elif style == "select":
                    assert select(send(ch, v)) == (0, None)
                elif style == "select_with_nil":
                    assert select(recv(None), send(ch, v), send(None, v))[0] == 1
                else:
                    while select(send(ch, v), default)[0] != 0:
                        runtime.gosched()
                out.events.append(("sent", v))
                out.sent.append(v)
                check(ci, ch)
        except Panic as e:
            assert str(e) == "send on closed channel"
            out.events.append(("panic", (ci, si, k)))
            out.panicked.append((ci, si, k))
        finally:
            senders_done.send(si)
            done.send("sender")

    def closer(ci: int, spec: ChanSpec, ch: goconc.Chan[Any], senders_done: goconc.Chan[int],
               done: goconc.Chan[str]) -> None:
        if spec.close == "after_senders":
            for _ in spec.senders:
                senders_done.recv()
        else:
            for _ in range(spec.early_yields):
                runtime.gosched()
        out.events.append(("close", ci))
        ch.close()
        check(ci, ch)
        done.send("closer")

    def receiver(ri: int, spec: RecvSpec, chans: list[goconc.Chan[Any]],
                 done: goconc.Chan[str]) -> None:
        def got(ci: int, v: Any) -> None:
            assert v[0] == ci, f"value {v} came out of channel {ci}"
            out.events.append(("recv", ri, v))
            out.received.append((ri, v))
            check(ci, chans[ci])
            pause(spec.yields, len(out.received))

        if spec.style == "select":
            active: list[goconc.Chan[Any] | None] = [chans[ci] for ci in spec.chans]
            while any(c is not None for c in active):
                i, (v, ok) = select(*(recv_ok(c) for c in active))
                if not ok:
                    out.events.append(("closed", ri, spec.chans[i]))
                    active[i] = None  # the nil-channel idiom: never ready again
                    continue
                got(spec.chans[i], v)
        else:
            (ci,) = spec.chans
            ch = chans[ci]
            if spec.style == "range":
                for v in ch:
                    got(ci, v)
            elif spec.style == "recv_ok":
                while True:
                    v, ok = ch.recv_ok()
                    if not ok:
                        break
                    got(ci, v)
            else:
                while True:
                    v = ch.recv()
                    if v is None:  # zero value of chan(): closed and drained
                        break
                    got(ci, v)
            out.events.append(("closed", ri, ci))
        done.send("receiver")

    def main() -> None:
        chans: list[goconc.Chan[Any]] = [chan(None, c.cap) for c in prog.chans]
        senders_done = [chan(int, max(1, len(c.senders))) for c in prog.chans]
        actors: list[tuple[Any, ...]] = []
        for ci, spec in enumerate(prog.chans):
            for si, (count, style, yields) in enumerate(spec.senders):
                actors.append((sender, ci, si, count, style, yields, chans[ci], senders_done[ci]))
            actors.append((closer, ci, spec, chans[ci], senders_done[ci]))
        for ri, rspec in enumerate(prog.receivers):
            actors.append((receiver, ri, rspec, chans))
        done = chan(str, len(actors))
        for a in prog.start_order:
            fn, *args = actors[a]
            go(fn, *args, done)
        for _ in actors:
            done.recv()
        for ci, ch in enumerate(chans):
            if len(ch) != 0:
                out.violations.append(f"chan {ci} not drained: len {len(ch)}")

    goconc.run(main, clock="virtual", seed=seed, leaks="raise")
    return out


@SETTINGS
@given(programs())
def test_no_value_is_lost_or_delivered_twice(prog: Program) -> None:
    out = run_program(prog, seed=1)
    values = [v for _, v in out.received]
    assert len(values) == len(set(values)), "a value was delivered twice"
    assert sorted(values) == sorted(out.sent), "a sent value was lost, or one appeared"
    assert not set(values) & set(out.panicked), "a send that panicked delivered its value"


@SETTINGS
@given(programs())
def test_each_sender_sends_a_prefix_and_panics_only_after_an_early_close(prog: Program) -> None:
    out = run_program(prog, seed=1)
    for ci, spec in enumerate(prog.chans):
        for si, (count, _, _) in enumerate(spec.senders):
            ks = [k for c, s, k in out.sent if (c, s) == (ci, si)]
            assert ks == list(range(len(ks)))
            panics = [k for c, s, k in out.panicked if (c, s) == (ci, si)]
            if spec.close == "after_senders":
                assert ks == list(range(count)) and panics == []
            else:
                assert panics in ([], [len(ks)])
                assert len(ks) == count or panics == [len(ks)]


@SETTINGS
@given(programs())
def test_fifo_per_channel_each_receiver_sees_each_senders_values_in_order(
    prog: Program,
) -> None:
    out = run_program(prog, seed=1)
    last: dict[tuple[int, int, int], int] = {}
    for ri, (ci, si, k) in out.received:
        key = (ri, ci, si)
        assert last.get(key, -1) < k, f"receiver {ri} got {(ci, si, k)} out of order"
        last[key] = k


@SETTINGS
@given(programs())
def test_len_never_exceeds_cap(prog: Program) -> None:
    out = run_program(prog, seed=1)
    assert out.violations == []


@SETTINGS
@given(programs(), st.integers(0, 2**32))
def test_same_seed_gives_identical_event_order(prog: Program, seed: int) -> None:
    first = run_program(prog, seed)
    second = run_program(prog, seed)
    assert first.events == second.events


# --- a buffered channel against a model ring ------------------------------------------------


@SETTINGS
@given(st.integers(1, 5), st.lists(st.sampled_from(["send", "recv", "len"]), max_size=60))
def test_buffered_channel_behaves_like_a_bounded_fifo_queue(cap: int, ops: list[str]) -> None:
    def main() -> None:
        ch = chan(int, cap)
        model: deque[int] = deque()
        nxt = 0
        for op in ops:
            if op == "send":
                i, _ = select(send(ch, nxt), default)
                assert (i == 0) == (len(model) < cap)
                if i == 0:
                    model.append(nxt)
                nxt += 1
            elif op == "recv":
                i, v = select(recv(ch), default)
                assert (i == 0) == bool(model)
                if i == 0:
                    assert v == model.popleft()
            assert len(ch) == len(model) <= ch.cap == cap
            assert ch.statistics().current_buffer_used == len(model)
        ch.close()
        assert list(ch) == list(model)
        assert ch.recv_ok() == (0, False)

    goconc.run(main, clock="virtual", seed=1, leaks="raise")


# --- seeds and select -------------------------------------------------------------------------


def test_different_seeds_can_choose_differently_in_select() -> None:
    def main() -> tuple[int, ...]:
        chans = [chan(int, 1) for _ in range(3)]
        picks = []
        for _ in range(30):
            for c in chans:
                if not len(c):
                    c.send(0)
            picks.append(select(*(recv(c) for c in chans))[0])
        return tuple(picks)

    by_seed = {seed: goconc.run(main, clock="virtual", seed=seed) for seed in range(8)}
    assert len(set(by_seed.values())) > 1
    assert goconc.run(main, clock="virtual", seed=3) == by_seed[3]


def test_same_program_and_seed_record_the_same_order_across_many_goroutines() -> None:
    def main() -> list[tuple[str, int]]:
        log: list[tuple[str, int]] = []
        a, b, done = chan(int, 2), chan(int), chan(int, 8)

        def worker(w: int) -> None:
            for _ in range(10):
                i, v = select(recv(a), recv(b), send(a, w), send(b, w))
                log.append((f"w{w} case {i}", v if v is not None else -1))
            done.send(w)

        for w in range(8):
            go(worker, w)
        for _ in range(8):
            done.recv()
        return log

    runs = [goconc.run(main, clock="virtual", seed=s, leaks="ignore") for s in (11, 11, 12)]
    assert runs[0] == runs[1]
    assert runs[0] != runs[2]
