"""goconc.animate and the Animation widget: its data, its text for nbval, its escaping."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("anywidget")

import goconc
from goconc import chan, go, time
from goconc.widget import Animation, animate, widget_data

JS = Path(goconc.__file__).parent / "_widget" / "animation.js"


def main() -> None:
    notes = chan(str, 1, name="notes")
    go(lambda: notes.send("<script>alert(1)</script>"))
    time.sleep(time.Second)
    print(notes.recv())


def test_animate_traces_a_function_and_accepts_a_trace() -> None:
    w = goconc.animate(main)
    assert isinstance(w, Animation)
    tr = goconc.trace(main)
    w2 = animate(tr)
    assert w2.trace is tr
    assert w.trace_data == w2.trace_data


def test_trace_data_carries_the_raw_value_as_data() -> None:
    w = animate(main)
    data = json.loads(json.dumps(w.trace_data))
    values = [e.get("value") for e in data["events"]]
    assert "'<script>alert(1)</script>'" in values
    assert {g["name"] for g in data["goroutines"]} == {"main", "<lambda>"}
    assert data["channels"] == [{"id": 1, "name": "notes", "cap": 1, "elem": "str",
                                 "timer": False}]


def test_text_plain_is_the_deterministic_story_and_summary() -> None:
    bundle = animate(main)._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    text = data["text/plain"]
    tr = goconc.trace(main)
    assert text == tr.text() + "\n\n" + tr.summary()
    again = animate(main)._repr_mimebundle_()
    assert (again[0] if isinstance(again, tuple) else again)["text/plain"] == text
    assert "application/vnd.jupyter.widget-view+json" in data


def test_long_traces_are_cut_to_whole_steps() -> None:
    def busy() -> None:
        ch = chan(int, name="ch")
        go(lambda: [ch.send(i) for i in range(500)])
        for _ in range(500):
            ch.recv()

    data = widget_data(goconc.trace(busy), max_events=200)
    assert data["truncated"] is True
    assert len(data["events"]) <= 200
    assert data["steps"][-1][1] == len(data["events"]) - 1


def test_front_end_writes_text_never_html() -> None:
    js = JS.read_text(encoding="utf-8")
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js
    assert "outerHTML" not in js and "document.write" not in js
    assert "http://" not in js and "https://" not in js  # no network
    assert "export default { render }" in js


def test_widget_front_end_is_package_data() -> None:
    text = (Path(__file__).parent.parent / "pyproject.toml").read_text()
    assert '"_widget/*.js", "_widget/*.css"' in text
