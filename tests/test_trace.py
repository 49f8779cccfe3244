"""goconc.trace: every event kind, the story log (golden files), Perfetto's format."""

from __future__ import annotations

import inspect
import io
import itertools
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

import goconc
import goconc._runtime as rt
from goconc import Deadlock, Panic, chan, default, go, recv, select, send, sync, time
from goconc.trace import MAX_NAME_CHARS, MAX_TEXT_CHARS, MAX_VALUE_CHARS, Event, Trace, show

GOLDEN = Path(__file__).parent / "golden"


def kinds(tr: Trace) -> list[str]:
    return [e.kind for e in tr.events]


def first(tr: Trace, kind: str, **fields: Any) -> Event:
    for e in tr.events:
        if e.kind == kind and all(getattr(e, k) == v for k, v in fields.items()):
            return e
    raise AssertionError(f"no {kind} event with {fields} in\n{tr.text(verbose=True)}")


# --- recording ------------------------------------------------------------------------


def test_hook_is_off_by_default_and_restored_after_tracing() -> None:
    assert rt.hook is None
    goconc.trace(lambda: None)
    assert rt.hook is None


def test_hook_is_restored_when_main_raises() -> None:
    def main() -> None:
        raise ValueError("boom")

    tr = goconc.trace(main)
    assert rt.hook is None
    assert isinstance(tr.error, ValueError)
    assert tr.outcome() == "ValueError: boom"


def test_result_is_mains_return_value() -> None:
    tr = goconc.trace(lambda x: x * 2, 21)
    assert tr.result == 42
    assert tr.error is None


def test_go_run_exit_events_name_the_function() -> None:
    def worker() -> None:
        pass

    def main() -> None:
        go(worker)
        time.sleep(time.Millisecond)

    tr = goconc.trace(main)
    e = first(tr, "go", g=1)
    assert e.peer == 2
    assert tr.goroutines[2].name == "worker"
    assert tr.goroutines[2].parent == 1
    assert tr.goroutines[1].name == "main"
    first(tr, "run", g=2)
    first(tr, "exit", g=2)


def test_unbuffered_handoff_pairs_sender_and_receiver() -> None:
    def main() -> None:
        ch = chan(int, name="results")
        go(lambda: ch.send(42))
        assert ch.recv() == 42

    tr = goconc.trace(main)
    assert tr.channels[1].name == "results"
    assert tr.channels[1].cap == 0
    assert tr.channels[1].elem == "int"
    block = first(tr, "block", g=1)
    assert block.reason == "chan receive"
    sent = first(tr, "sent", g=2)
    assert (sent.value, sent.peer, sent.ch) == ("42", 1, 1)
    recvd = first(tr, "recvd", g=1)
    assert (recvd.value, recvd.ok, recvd.peer) == ("42", True, 2)
    first(tr, "ready", g=1)
    assert "g2 send 42 -> results (to waiting g1)" in tr.text()


def test_blocked_sender_is_told_and_completed_by_the_receiver() -> None:
    def main() -> None:
        ch = chan(int, name="results")
        go(lambda: ch.send(42))
        time.sleep(time.Second)
        ch.recv()

    text = goconc.trace(main).text()
    assert "g2 send 42 -> results (blocked: no receiver)" in text
    assert "g1 recv 42 <- results (from waiting g2)" in text
    assert "clock +1s (now 1s)" in text


def test_buffered_send_and_receive_go_through_the_buffer() -> None:
    def main() -> None:
        ch = chan(str, 2, name="buf")
        ch.send("a")
        ch.send("b")
        ch.recv()

    tr = goconc.trace(main)
    sent = [e for e in tr.events if e.kind == "sent"]
    assert [(e.value, e.peer) for e in sent] == [("'a'", None), ("'b'", None)]
    recvd = first(tr, "recvd")
    assert (recvd.value, recvd.peer) == ("'a'", None)
    assert "g1 send 'b' -> buf (buffer 2/2)" in tr.text()
    assert "g1 recv 'a' <- buf (buffer 1/2)" in tr.text()


def test_close_wakes_receivers_with_zero_value_and_ok_false() -> None:
    def main() -> None:
        ch = chan(int, name="ch")
        go(lambda: print(ch.recv_ok()))
        time.sleep(time.Second)
        ch.close()
        time.sleep(time.Second)

    tr = goconc.trace(main)
    first(tr, "close", g=1, ch=1)
    recvd = first(tr, "recvd", g=2)
    assert (recvd.value, recvd.ok) == ("0", False)
    assert "g1 close ch (wakes g2)" in tr.text()
    assert tr.output == "(0, False)\n"


def test_select_offers_and_the_case_taken() -> None:
    def main() -> None:
        a = chan(int, name="a")
        b = chan(int, 1, name="b")
        b.send(7)
        select(recv(a), recv(b))
        select(recv(a), default)
        select(send(b, 8), recv(a))

    tr = goconc.trace(main)
    sel = first(tr, "select", g=1)
    assert [(c.kind, c.ch) for c in sel.cases] == [("recv", 1), ("recv", 2)]
    assert first(tr, "selected", g=1).index == 1
    lines = tr.text().splitlines()
    assert "g1 select: recv a | recv b -> took recv 7 <- b (buffer 0/1)" in lines
    assert "g1 select: recv a | default -> took default" in lines
    assert "g1 select: send 8 -> b | recv a -> took send 8 -> b (buffer 1/1)" in lines


def test_blocked_select_then_timer_fires() -> None:
    def main() -> None:
        results = chan(int, name="results")
        select(recv(results), recv(time.after(time.Second)))

    tr = goconc.trace(main)
    assert first(tr, "block", g=1).reason == "select"
    timer = first(tr, "timer")
    assert timer.at == time.Second
    assert tr.channels[timer.ch or 0].name == "after(1s)"
    fire = first(tr, "fire")
    assert fire.at == time.Second
    clock = first(tr, "clock")
    assert clock.at == time.Second
    text = tr.text()
    assert "g1 select: recv results | recv after(1s) (blocked)" in text
    assert "g1 select took recv after(1s)" in text
    assert "timer after(1s) fires: send 2000-01-01 00:00:01 +0000 UTC -> after(1s) " \
        "(to waiting g1)" in text


def test_a_timer_channel_has_cap_0_and_holds_its_fired_value() -> None:
    def main() -> None:
        t = time.new_timer(time.Second)
        time.sleep(2 * time.Second)
        t.c.recv()

    tr = goconc.trace(main)
    (info,) = [c for c in tr.channels.values() if c.timer]
    assert info.cap == 0  # cap(t.C) is 0 since Go 1.23
    assert "after(1s) (chan datetime, cap 0): 1 sent, 1 received" in tr.summary()
    text = tr.text()
    assert "-> after(1s) (held until a receive)" in text
    assert "g1 recv 2000-01-01 00:00:01 +0000 UTC <- after(1s) (the fired value it held)" \
        in text
    assert "buffer 1/" not in text


def test_sleep_and_sync_waits_use_gos_wait_reasons() -> None:
    def main() -> None:
        wg = sync.WaitGroup()
        wg.go(time.sleep, time.Second)
        wg.wait()

    tr = goconc.trace(main)
    reasons = {e.reason for e in tr.events if e.kind == "block"}
    assert reasons == {"sleep", "sync.WaitGroup.Wait"}
    text = tr.text()
    assert "g2 sleep 1s" in text
    assert "g1 waits [sync.WaitGroup.Wait]" in text
    assert "g2 wakes from sleep" in text


def test_deadlock_is_recorded_and_returned_not_raised() -> None:
    def main() -> None:
        ch = chan(int, name="ch")
        go(lambda: ch.send(1))
        go(lambda: ch.send(2))
        ch.recv()
        chan(int).recv()

    tr = goconc.trace(main)
    assert isinstance(tr.error, Deadlock)
    dl = first(tr, "deadlock")
    assert dl.text == "all goroutines are asleep - deadlock!"
    # g3 runs first (runnext) and hands 2 to main; g2 is left sending.
    assert dl.waiting == ((1, "chan receive"), (2, "chan send"))
    assert tr.final[1] == "blocked [chan receive] at the deadlock"
    assert "fatal error: all goroutines are asleep - deadlock! g1 [chan receive], " \
        "g2 [chan send]" in tr.text()


def test_crash_is_recorded_with_its_goroutine() -> None:
    def main() -> None:
        ch = chan(int, name="ch")
        ch.close()
        go(lambda: ch.send(1))
        time.sleep(time.Second)

    tr = goconc.trace(main)
    assert isinstance(tr.error, Panic)
    crash = first(tr, "crash")
    assert (crash.g, crash.text) == (2, "panic: send on closed channel")
    assert "g2 send 1 -> ch (closed: panic)" in tr.text()
    assert tr.outcome() == "panic: send on closed channel"


def test_printed_lines_are_attributed_to_their_goroutine(capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    def main() -> None:
        go(lambda: print("from g2", end=""))
        time.sleep(time.Second)
        print("from", "main")

    tr = goconc.trace(main)
    prints = [(e.g, e.text) for e in tr.events if e.kind == "print"]
    # A line without its newline is recorded when the program ends.
    assert prints == [(1, "from main"), (2, "from g2")]
    assert capsys.readouterr().out == "from g2from main\n"


def test_leaks_are_reported_by_the_trace() -> None:
    def main() -> None:
        go(lambda: chan(int).recv())
        time.sleep(time.Millisecond)

    tr = goconc.trace(main, leaks="ignore")
    assert tr.error is None
    assert tr.final[2] == "leaked [chan receive]"
    assert "g2 unwound: still blocked [chan receive] when the program ended" in tr.text()


def test_leaks_raise_is_kept_as_the_error() -> None:
    def main() -> None:
        go(lambda: chan(int).recv())
        time.sleep(time.Millisecond)

    tr = goconc.trace(main, leaks="raise")
    assert isinstance(tr.error, goconc.Leak)


def test_mutable_values_are_shown_as_they_were_when_sent() -> None:
    def main() -> None:
        ch = chan(list, 1, name="ch")
        v = [1]
        ch.send(v)
        v.append(2)

    tr = goconc.trace(main)
    assert first(tr, "sent").value == "[1]"


def test_values_are_repr_and_truncated() -> None:
    assert show("x") == "'x'"
    long = show("y" * 200)
    assert len(long) == MAX_VALUE_CHARS and long.endswith("…")
    assert show("<script>alert(1)</script>") == "'<script>alert(1)</script>'"


def test_long_printed_lines_channel_names_and_crash_messages_are_cut(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # A 10 MB print or channel name must not become tens of MB of widget state;
    # the story says what was cut, and Trace.output keeps the printed line whole.
    big = 1_000_000

    def main() -> None:
        ch = chan(int, name="n" * big)
        go(ch.send, 1)
        ch.recv()
        print("p" * big)
        raise ValueError("m" * big)

    tr = goconc.trace(main)
    capsys.readouterr()
    data = json.dumps(tr.to_dict())
    assert len(data) < 50_000, len(data)
    assert tr.output == "p" * big + "\n"
    story = tr.text()
    assert f"g1 print: {'p' * MAX_TEXT_CHARS}… ({big - MAX_TEXT_CHARS:,} more characters cut)" \
        in story, story[:500]
    assert f"{'n' * MAX_NAME_CHARS}… ({big - MAX_NAME_CHARS:,} more characters cut)" in story
    assert "more characters cut)" in first(tr, "crash").text  # type: ignore[operator]
    assert len(tr.outcome()) < MAX_TEXT_CHARS + 100
    assert "more characters cut" in tr.summary()


def test_same_program_same_trace() -> None:
    def main() -> None:
        a, b = chan(int, 1, name="a"), chan(int, 1, name="b")
        for i in range(20):
            a.send(i)
            b.send(i)
            select(recv(a), recv(b))
            select(recv(a), recv(b))

    t1, t2 = goconc.trace(main, seed=3), goconc.trace(main, seed=3)
    assert t1.text() == t2.text()
    assert t1.summary() == t2.summary()
    assert [e.to_dict() for e in t1.events] == [e.to_dict() for e in t2.events]


def test_real_clock_timestamps_are_monotonic() -> None:
    def main() -> None:
        time.sleep(time.Millisecond)

    tr = goconc.trace(main, clock="real")
    ts = [e.t for e in tr.events]
    assert ts == sorted(ts)
    assert tr.clock == "real"


def test_every_event_kind_is_documented() -> None:
    # cleandoc: Python 3.13 strips a docstring's indentation itself, 3.11 and 3.12 do not.
    doc = inspect.cleandoc(Event.__doc__ or "")
    for kind in goconc.trace.__globals__["KINDS"]:
        assert f"\n{kind} " in doc, kind


def test_to_dict_is_json() -> None:
    def main() -> None:
        ch = chan(int, name="c")
        go(lambda: ch.send(1))
        select(recv(ch), default)
        ch.recv()

    data = goconc.trace(main).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["steps"][0][0] == 0
    assert data["steps"][-1][1] == len(data["events"]) - 1


# --- the story log: golden files -------------------------------------------------------


def lesson_channels() -> None:
    ch = chan(int, name="ch")
    go(lambda: ch.send(42))
    print(ch.recv())
    buf = chan(str, 3, name="buf")
    buf.send("a")
    buf.send("b")
    buf.send("c")
    buf.close()
    for s in buf:
        print(s)


def lesson_select() -> None:
    results = chan(str, name="results")

    def fetch() -> None:
        time.sleep(2 * time.Second)
        results.send("page")

    go(fetch)
    match select(recv(results), recv(time.after(time.Second))):
        case 0, msg:
            print(msg)
        case 1, _:
            print("timeout")


def lesson_waitgroup() -> None:
    wg = sync.WaitGroup()
    results = chan(int, 3, name="results")
    for i in range(3):
        wg.add(1)

        def worker(n: int) -> None:
            try:
                time.sleep(n * time.Second)
                results.send(n * n)
            finally:
                wg.done()

        go(worker, i)
    wg.wait()
    results.close()
    print(sorted(results))


def lesson_fan_in_deadlock() -> None:
    out = chan(int, name="out")
    for i in range(2):
        go(out.send, i)
    for _ in range(3):
        print(out.recv())


@pytest.mark.parametrize("program", [lesson_channels, lesson_select, lesson_waitgroup,
                                     lesson_fan_in_deadlock])
def test_story_matches_golden_file(program: Any) -> None:
    tr = goconc.trace(program, leaks="ignore")
    got = tr.text() + "\n\n" + tr.summary() + "\n"
    path = GOLDEN / f"trace_{program.__name__}.txt"
    if os.environ.get("GOCONC_UPDATE_GOLDEN") or not path.exists():  # review the diff!
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")


# --- Perfetto ---------------------------------------------------------------------------


def perfetto_of(program: Any) -> dict[str, Any]:
    buf = io.StringIO()
    goconc.trace(program, leaks="ignore").to_perfetto(buf)
    data: dict[str, Any] = json.loads(buf.getvalue())
    return data


@pytest.mark.parametrize("program", [lesson_channels, lesson_select, lesson_waitgroup,
                                     lesson_fan_in_deadlock])
def test_perfetto_trace_event_schema(program: Any) -> None:
    data = perfetto_of(program)
    events = data["traceEvents"]
    assert events
    required = {"ph", "pid", "tid", "name"}
    last_ts: dict[int, float] = {}
    for e in events:
        assert required <= e.keys(), e
        assert e["ph"] in {"M", "X", "i", "s", "f"}, e
        if e["ph"] == "M":
            assert e["name"] in {"process_name", "thread_name", "thread_sort_index"}
            continue
        assert isinstance(e["ts"], (int, float))
        if e["ph"] == "X":
            assert e["dur"] >= 0
        if e["ph"] in {"s", "f"}:
            assert "id" in e and e["cat"] == "handoff"
        if e["ph"] == "i":
            assert e["s"] in {"t", "g", "p"}
    # Per track, instant and flow events come in time order; slices never overlap.
    for e in events:
        if e["ph"] in {"i", "s", "f"}:
            assert e["ts"] >= last_ts.get(e["tid"], 0.0)
            last_ts[e["tid"]] = e["ts"]
    slices: dict[int, list[tuple[float, float]]] = {}
    for e in events:
        if e["ph"] == "X":
            slices.setdefault(e["tid"], []).append((e["ts"], e["ts"] + e["dur"]))
    for spans in slices.values():
        spans.sort()
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert start >= end - 1e-9


def test_perfetto_names_tracks_after_goroutines_and_links_handoffs(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    goconc.trace(lesson_channels).to_perfetto(path)
    data = json.loads(path.read_text())
    names = {e["args"]["name"] for e in data["traceEvents"] if e["name"] == "thread_name"}
    assert {"runtime", "g1 lesson_channels", "g2 <lambda>"} <= names
    flows = [e for e in data["traceEvents"] if e["ph"] in "sf"]
    assert [(e["ph"], e["tid"]) for e in flows] == [("s", 2), ("f", 1)]
    states = {e["name"] for e in data["traceEvents"] if e["ph"] == "X"}
    assert {"running", "runnable", "chan receive"} <= states


# --- cost ---------------------------------------------------------------------------------


def test_import_goconc_does_not_import_widget_libraries() -> None:
    import subprocess

    code = ("import sys, goconc; goconc.trace(lambda: None); "
            "print(sorted(m for m in ('ipywidgets', 'anywidget', 'IPython', 'traitlets') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_stopping_a_timer_discards_its_unreceived_value_in_the_trace() -> None:
    def main() -> None:
        t = time.new_timer(time.Second)
        time.sleep(2 * time.Second)
        print(t.stop())  # fired, value not received: stopping discards it
        print(t.stop())
        tk = time.new_ticker(time.Second)
        time.sleep(time.Second)
        tk.stop()

    tr = goconc.trace(main)
    assert tr.output == "True\nFalse\n"
    stops = [e for e in tr.events if e.kind == "stop"]
    assert [(e.g, e.ok, e.value) for e in stops] == [
        (1, True, "2000-01-01 00:00:01 +0000 UTC"), (1, False, None),
        (1, None, "2000-01-01 00:00:03 +0000 UTC")]
    assert [tr.channels[e.ch or 0].name for e in stops] == ["after(1s)"] * 2 + ["tick(1s)"]
    lines = tr.text().splitlines()
    assert "g1 stops timer after(1s) (discards 2000-01-01 00:00:01 +0000 UTC, " \
        "sent but not received)" in lines
    assert "g1 stops timer after(1s) (already fired or stopped: returns False)" in lines
    assert "g1 stops timer tick(1s) (discards 2000-01-01 00:00:03 +0000 UTC, " \
        "sent but not received)" in lines
    assert any(e["name"] == "timer stopped after(1s)" for e in tr.perfetto()["traceEvents"])
