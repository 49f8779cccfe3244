"""Channels: Go's hchan semantics (runtime/chan.go), on the virtual clock.

Every test runs a whole program with ``goconc.run(..., clock="virtual", seed=1)``,
so nothing sleeps for real and the interleaving is the same on every run.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from vclock import vrun, yield_many

import goconc
from goconc import Panic, chan, default, go, recv, runtime, select, send

# --- unbuffered channels ----------------------------------------------------------


def test_unbuffered_send_completes_only_when_a_receiver_takes_the_value() -> None:
    log: list[str] = []

    def sender(ch: goconc.Chan[int]) -> None:
        log.append("send start")
        ch.send(42)
        log.append("send done")

    def main() -> None:
        ch = chan(int)
        go(sender, ch)
        yield_many(10)
        assert log == ["send start"], "the send finished with nobody receiving"
        log.append("recv start")
        v = ch.recv()
        log.append(f"got {v}")
        yield_many(10)

    vrun(main)
    assert log[:3] == ["send start", "recv start", "got 42"]
    assert log.index("send done") > log.index("recv start")


def test_unbuffered_recv_waits_for_a_sender() -> None:
    log: list[str] = []

    def receiver(ch: goconc.Chan[str]) -> None:
        log.append(f"got {ch.recv()}")

    def main() -> None:
        ch = chan(str)
        go(receiver, ch)
        yield_many(10)
        assert log == []
        ch.send("hi")
        yield_many(10)

    vrun(main)
    assert log == ["got hi"]


def test_unbuffered_channel_is_not_a_buffer_of_one() -> None:
    def main() -> bool:
        ch = chan(int)
        i, _ = select(send(ch, 1), default)
        return i == 1

    assert vrun(main) is True


def test_unbuffered_len_and_cap_are_zero_even_with_parked_senders() -> None:
    def main() -> None:
        ch = chan(int)
        for i in range(3):
            go(ch.send, i)
        yield_many(10)
        assert ch.statistics().tasks_waiting_send == 3
        assert len(ch) == 0
        assert ch.cap == 0
        assert sorted(ch.recv() for _ in range(3)) == [0, 1, 2]

    vrun(main)


def test_parked_senders_are_served_in_fifo_order() -> None:
    def main() -> list[int]:
        ch = chan(int)
        for i in range(5):
            go(ch.send, i)
            yield_many(2)
        return [ch.recv() for _ in range(5)]

    assert vrun(main) == [0, 1, 2, 3, 4]


def test_parked_receivers_are_served_in_fifo_order() -> None:
    got: list[tuple[int, int]] = []

    def receiver(ch: goconc.Chan[int], who: int, done: goconc.Chan[None]) -> None:
        got.append((who, ch.recv()))
        done.send(None)

    def main() -> None:
        ch: goconc.Chan[int] = chan(int)
        done: goconc.Chan[None] = chan()
        for who in range(4):
            go(receiver, ch, who, done)
            yield_many(2)
        for v in range(4):
            ch.send(v * 10)
        for _ in range(4):
            done.recv()

    vrun(main)
    assert sorted(got) == [(0, 0), (1, 10), (2, 20), (3, 30)]


# --- buffered channels --------------------------------------------------------------


def test_buffered_send_does_not_block_until_full() -> None:
    def main() -> list[int]:
        ch = chan(int, 3)
        for v in (1, 2, 3):
            ch.send(v)
        assert len(ch) == 3
        i, _ = select(send(ch, 4), default)
        assert i == 1, "a send on a full buffer must not proceed"
        return [ch.recv() for _ in range(3)]

    assert vrun(main) == [1, 2, 3]


def test_buffered_channel_is_a_fifo_ring_across_wraparound() -> None:
    def main() -> tuple[list[int], int]:
        ch = chan(int, 3)
        out = []
        nxt = 0
        for _ in range(20):
            while len(ch) < ch.cap:
                ch.send(nxt)
                nxt += 1
            out.append(ch.recv())
            out.append(ch.recv())
        while len(ch):
            out.append(ch.recv())
        return out, nxt

    out, sent = vrun(main)
    assert sent == 41
    assert out == list(range(41))


def test_blocked_sender_is_next_in_line_after_the_buffered_values() -> None:
    def main() -> list[int]:
        ch = chan(int, 2)
        ch.send(1)
        ch.send(2)
        go(ch.send, 3)
        yield_many(5)
        assert len(ch) == 2
        assert ch.statistics().tasks_waiting_send == 1
        first = ch.recv()
        assert len(ch) == 2, "the parked sender's value moves into the buffer"
        assert ch.statistics().tasks_waiting_send == 0
        return [first, ch.recv(), ch.recv()]

    assert vrun(main) == [1, 2, 3]


def test_len_counts_buffered_values_and_cap_is_the_capacity() -> None:
    def main() -> None:
        ch = chan(str, 4)
        assert (len(ch), ch.cap) == (0, 4)
        ch.send("a")
        ch.send("b")
        assert (len(ch), ch.cap) == (2, 4)
        ch.recv()
        assert (len(ch), ch.cap) == (1, 4)

    vrun(main)


def test_len_still_counts_queued_values_after_close() -> None:
    def main() -> None:
        ch = chan(int, 3)
        ch.send(1)
        ch.send(2)
        ch.close()
        assert len(ch) == 2
        ch.recv()
        assert len(ch) == 1

    vrun(main)


# --- close, recv_ok, zero values -----------------------------------------------------


def test_recv_from_closed_channel_drains_buffer_then_returns_zero_value() -> None:
    def main() -> list[tuple[int, bool]]:
        ch = chan(int, 3)
        ch.send(7)
        ch.send(8)
        ch.close()
        return [ch.recv_ok() for _ in range(4)]

    assert vrun(main) == [(7, True), (8, True), (0, False), (0, False)]


def test_recv_on_closed_channel_returns_zero_value_forever() -> None:
    def main() -> list[str]:
        ch = chan(str)
        ch.close()
        return [ch.recv() for _ in range(3)]

    assert vrun(main) == ["", "", ""]


def test_recv_ok_is_true_for_a_value_sent_before_close() -> None:
    def main() -> tuple[Any, bool]:
        ch = chan(int)
        go(ch.send, 0)
        return ch.recv_ok()

    assert vrun(main) == (0, True)


@pytest.mark.parametrize(
    ("args", "zero"),
    [((int,), 0), ((str,), ""), ((), None), ((float,), 0.0), ((list,), [])],
    ids=["int", "str", "untyped", "float", "list"],
)
def test_zero_value_of_a_closed_channel_is_the_element_types_zero(
    args: tuple[Any, ...], zero: Any
) -> None:
    def main() -> tuple[Any, bool]:
        ch = chan(*args)
        ch.close()
        return ch.recv_ok()

    v, ok = vrun(main)
    assert ok is False
    assert v == zero
    assert type(v) is type(zero)


def test_zero_value_is_none_when_the_element_type_cannot_be_called_bare() -> None:
    class NeedsArgs:
        def __init__(self, x: int) -> None:
            self.x = x

    def main() -> tuple[Any, bool]:
        ch = chan(NeedsArgs, 1)
        ch.close()
        return ch.recv_ok()

    assert vrun(main) == (None, False)


def test_zero_value_of_a_mutable_type_is_fresh_for_every_receive() -> None:
    # Go's zero value is made anew by every receive; a shared list would leak mutations.
    def main() -> list[Any]:
        ch = chan(list)
        ch.close()
        first = ch.recv()
        first.append("mutated")
        return [ch.recv(), ch.recv_ok()[0]]

    assert vrun(main) == [[], []]


def test_close_wakes_every_blocked_receiver() -> None:
    results: list[tuple[int, bool]] = []

    def receiver(ch: goconc.Chan[int]) -> None:
        results.append(ch.recv_ok())

    def main() -> None:
        ch = chan(int)
        for _ in range(10):
            go(receiver, ch)
        yield_many(5)
        assert ch.statistics().tasks_waiting_receive == 10
        ch.close()
        yield_many(5)

    vrun(main)
    assert results == [(0, False)] * 10


def test_one_send_wakes_exactly_one_receiver() -> None:
    results: list[int] = []

    def receiver(ch: goconc.Chan[int]) -> None:
        results.append(ch.recv())

    def main() -> None:
        ch = chan(int)
        for _ in range(3):
            go(receiver, ch)
        yield_many(5)
        ch.send(5)
        yield_many(5)
        assert results == [5]
        assert ch.statistics().tasks_waiting_receive == 2

    vrun(main)


def test_iteration_yields_values_until_the_channel_is_closed() -> None:
    def producer(ch: goconc.Chan[int]) -> None:
        for v in range(5):
            ch.send(v)
        ch.close()

    def main() -> list[int]:
        ch = chan(int, 2)
        go(producer, ch)
        return list(ch)

    assert vrun(main) == [0, 1, 2, 3, 4]


def test_iteration_over_a_closed_buffered_channel_drains_it() -> None:
    def main() -> list[int]:
        ch = chan(int, 3)
        ch.send(1)
        ch.send(2)
        ch.close()
        return [v for v in ch]

    assert vrun(main) == [1, 2]


# --- panics ------------------------------------------------------------------------


def test_send_on_closed_channel_panics() -> None:
    def main() -> None:
        ch = chan(int, 1)
        ch.close()
        ch.send(1)

    with pytest.raises(Panic) as info:
        vrun(main)
    assert str(info.value) == "send on closed channel"


def test_close_function_closes_a_channel() -> None:
    def main() -> tuple[int, bool]:
        ch = chan(int, 1)
        goconc.close(ch)
        return ch.recv_ok()

    assert vrun(main) == (0, False)


def test_close_of_closed_channel_panics() -> None:
    def main() -> None:
        ch = chan(int)
        ch.close()
        ch.close()

    with pytest.raises(Panic) as info:
        vrun(main)
    assert str(info.value) == "close of closed channel"


def test_close_of_nil_channel_panics() -> None:
    # A Python program has no nil channel value with methods: Go's close(ch) is goconc.close.
    def main() -> None:
        goconc.close(None)

    with pytest.raises(Panic) as info:
        vrun(main)
    assert str(info.value) == "close of nil channel"


@pytest.mark.parametrize("value", [42, "ch", [1, 2]])
def test_close_of_something_that_is_not_a_channel_raises_type_error(value: Any) -> None:
    # Go: "invalid operation: cannot close non-channel x (variable of type int)".
    with pytest.raises(TypeError, match=r"^invalid operation: cannot close non-channel .* "
                                        r"\(variable of type \w+\)$"):
        goconc.close(value)


@pytest.mark.parametrize("size", [-1, -100])
def test_makechan_with_negative_size_panics(size: int) -> None:
    with pytest.raises(Panic) as info:
        chan(int, size)
    assert str(info.value) == "makechan: size out of range"


def test_panic_is_a_runtime_error_that_except_can_recover() -> None:
    def main() -> str:
        ch = chan(int)
        ch.close()
        try:
            ch.send(1)
        except RuntimeError as e:
            return f"recovered: {e}"
        return "not raised"

    assert vrun(main) == "recovered: send on closed channel"


def test_sender_blocked_when_the_channel_is_closed_wakes_and_panics() -> None:
    outcome: list[str] = []

    def sender(ch: goconc.Chan[int]) -> None:
        try:
            ch.send(1)
            outcome.append("sent")
        except Panic as e:
            outcome.append(str(e))

    def main() -> None:
        ch = chan(int)
        go(sender, ch)
        yield_many(5)
        assert ch.statistics().tasks_waiting_send == 1
        ch.close()
        yield_many(5)

    vrun(main)
    assert outcome == ["send on closed channel"]


def test_sender_blocked_on_a_full_buffer_panics_when_closed() -> None:
    outcome: list[str] = []

    def sender(ch: goconc.Chan[int]) -> None:
        try:
            ch.send(2)
        except Panic as e:
            outcome.append(str(e))

    def main() -> list[tuple[int, bool]]:
        ch = chan(int, 1)
        ch.send(1)
        go(sender, ch)
        yield_many(5)
        ch.close()
        yield_many(5)
        return [ch.recv_ok(), ch.recv_ok()]

    assert vrun(main) == [(1, True), (0, False)]
    assert outcome == ["send on closed channel"]


# --- direction views --------------------------------------------------------------


def test_direction_views_share_the_channel() -> None:
    def main() -> list[int]:
        ch = chan(int, 2)
        s = ch.send_only()
        r = ch.recv_only()
        s.send(1)
        s.send(2)
        assert len(r) == 2 and r.cap == 2
        s.close()
        return list(r)

    assert vrun(main) == [1, 2]


def test_recv_on_a_send_only_channel_raises_type_error() -> None:
    def main() -> None:
        ch = chan(int, 1)
        s: Any = ch.send_only()
        with pytest.raises(TypeError):
            s.recv()
        with pytest.raises(TypeError):
            s.recv_ok()

    vrun(main)


def test_send_on_a_recv_only_channel_raises_type_error() -> None:
    def main() -> None:
        ch = chan(int, 1)
        r: Any = ch.recv_only()
        with pytest.raises(TypeError):
            r.send(1)
        assert len(ch) == 0

    vrun(main)


def test_close_of_a_recv_only_channel_raises_type_error() -> None:
    # Go: "invalid operation: cannot close receive-only channel".
    def main() -> None:
        ch = chan(int, 1)
        r: Any = ch.recv_only()
        with pytest.raises(TypeError):
            r.close()
        ch.send(1)

    vrun(main)


def test_select_on_the_wrong_direction_view_raises_type_error() -> None:
    def main() -> None:
        ch = chan(int, 1)
        s: Any = ch.send_only()
        r: Any = ch.recv_only()
        with pytest.raises(TypeError):
            select(recv(s), default)
        with pytest.raises(TypeError):
            select(send(r, 1), default)
        assert len(ch) == 0

    vrun(main)


MYPY_PRELUDE = """\
from goconc import Chan, RecvChan, SendChan, chan


def producer(out: SendChan[int]) -> None:
    out.send(1)
    out.close()


def consumer(inp: RecvChan[int]) -> int:
    return sum(inp)


def wire() -> None:
    ch: Chan[int] = chan(int, 1)
    producer(ch.send_only())
    consumer(ch.recv_only())
"""

MYPY_SNIPPETS = {
    "good.py": MYPY_PRELUDE,
    "send_on_recv_only.py": MYPY_PRELUDE + textwrap.dedent("""

        def wrong(inp: RecvChan[int]) -> None:
            inp.send(1)
        """),
    "recv_on_send_only.py": MYPY_PRELUDE + textwrap.dedent("""

        def wrong(out: SendChan[int]) -> None:
            out.recv()
        """),
}


@pytest.fixture(scope="module")
def mypy_output(tmp_path_factory: pytest.TempPathFactory) -> str:
    """``mypy --strict`` over every snippet at once, as a user of goconc would run it.

    ``--follow-imports=silent`` checks the snippets against goconc's types
    without reporting goconc's own errors (as for an installed package).
    """
    pytest.importorskip("mypy")
    tmp = tmp_path_factory.mktemp("mypy")
    for name, source in MYPY_SNIPPETS.items():
        (tmp / name).write_text(source)
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--config-file", "",
         "--follow-imports", "silent", "--cache-dir", str(tmp / ".mypy_cache"),
         *MYPY_SNIPPETS],
        capture_output=True, text=True, cwd=tmp, timeout=300,
        env={"MYPYPATH": str(root), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode in (0, 1), result.stdout + result.stderr
    return result.stdout


def _errors_in(output: str, name: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(f"{name}:") and
            ": error:" in line]


def _line_of(source: str, text: str) -> int:
    return source.splitlines().index(text) + 1


def test_mypy_accepts_correct_use_of_direction_views(mypy_output: str) -> None:
    assert _errors_in(mypy_output, "good.py") == [], mypy_output


def test_mypy_rejects_send_on_a_recv_only_channel(mypy_output: str) -> None:
    name = "send_on_recv_only.py"
    line = _line_of(MYPY_SNIPPETS[name], "    inp.send(1)")
    errors = _errors_in(mypy_output, name)
    assert [e for e in errors if e.startswith(f"{name}:{line}:")], mypy_output
    assert len(errors) == 1, mypy_output


def test_mypy_rejects_recv_on_a_send_only_channel(mypy_output: str) -> None:
    name = "recv_on_send_only.py"
    line = _line_of(MYPY_SNIPPETS[name], "    out.recv()")
    errors = _errors_in(mypy_output, name)
    assert [e for e in errors if e.startswith(f"{name}:{line}:")], mypy_output
    assert len(errors) == 1, mypy_output


# --- introspection --------------------------------------------------------------------


def test_repr_shows_element_type_len_and_cap() -> None:
    def main() -> str:
        ch = chan(int, 3)
        ch.send(1)
        ch.send(2)
        return repr(ch)

    assert vrun(main) == "<chan int len=2 cap=3>"


def test_statistics_reports_buffer_use_and_waiters() -> None:
    def main() -> None:
        ch = chan(int, 2)
        st = ch.statistics()
        assert (st.current_buffer_used, st.tasks_waiting_send, st.tasks_waiting_receive) == (
            0, 0, 0)
        ch.send(1)
        ch.send(2)
        go(ch.send, 3)
        go(ch.send, 4)
        yield_many(5)
        st = ch.statistics()
        assert (st.current_buffer_used, st.tasks_waiting_send, st.tasks_waiting_receive) == (
            2, 2, 0)
        for _ in range(4):
            ch.recv()
        other = chan(int)
        go(other.recv)
        yield_many(5)
        st = other.statistics()
        assert (st.current_buffer_used, st.tasks_waiting_send, st.tasks_waiting_receive) == (
            0, 0, 1)
        other.send(0)

    vrun(main)


def test_statistics_is_an_immutable_snapshot() -> None:
    def main() -> None:
        ch = chan(int, 2)
        st = ch.statistics()
        ch.send(1)
        assert st.current_buffer_used == 0
        with pytest.raises((AttributeError, TypeError)):
            st.current_buffer_used = 5  # type: ignore[misc]

    vrun(main)


# --- many waiters (correctness; speed is for the benchmark) ---------------------------


def test_close_releases_100k_blocked_receivers() -> None:
    n = 100_000
    released = [0]

    def receiver(ch: goconc.Chan[int], done: goconc.Chan[int]) -> None:
        _, ok = ch.recv_ok()
        if not ok:
            released[0] += 1
        done.send(1)

    def main() -> int:
        ch = chan(int)
        done = chan(int, n)
        for _ in range(n):
            go(receiver, ch, done)
        runtime.gosched()
        assert ch.statistics().tasks_waiting_receive == n
        ch.close()
        for _ in range(n):
            done.recv()
        return runtime.num_goroutine()

    assert vrun(main) == 1
    assert released[0] == n
