"""The live cells of the built website, in headless Chromium, with every other host blocked.

On chapter pages (``PAGES``) of ``_build/html`` (``make book``; override with the
environment variable ``GOCONC_SITE``), it clicks Run all and checks that every cell that
ran in the browser printed exactly what the committed notebook holds for it: its stdout
and stderr streams, and the text of its result (on the virtual clock they are
byte-identical). A cell whose committed output is an error must show the same
``Name: message`` first line. Cells that cannot run in a browser (``%%go`` Go programs,
other cell magics) must keep their static output and say so. The test is generic over
cells, so it holds however the chapters change.

Then: an edited cell (a printed value changed) runs and prints the new value; a cell that
deadlocks shows Go's deadlock message and the next cell still runs; an animation plays
from a live run; and no request went to another host.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE = Path(os.environ.get("GOCONC_SITE", ROOT / "_build" / "html"))
CHAPTERS = ROOT / "chapters"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
PAGES = ["03-channels", "07-select", "08-context", "09-fan-out-fan-in"]
TIMEOUT_MS = 900_000  # Python starts in ~30 s on a loaded 2-CPU machine; a page in ~1 min


def chapter(stem: str) -> Path:
    found = sorted(CHAPTERS.glob(f"{stem}.ipynb"))
    return found[0]


def committed_outputs(stem: str) -> list[dict[str, Any]]:
    """Per code cell: its source, and its committed stdout, stderr, result text, error."""
    nb = json.loads(chapter(stem).read_text(encoding="utf-8"))
    cells = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        want: dict[str, Any] = {"source": "".join(cell["source"]), "stdout": "",
                                "stderr": "", "result": "", "error": None}
        for out in cell.get("outputs", []):
            if out["output_type"] == "stream":
                want[out["name"]] += "".join(out["text"])
            elif out["output_type"] == "execute_result":
                want["result"] += "".join(out["data"].get("text/plain", ""))
            elif out["output_type"] == "error":
                want["error"] = f"{out['ename']}: {out['evalue']}".partition("\n")[0]
        cells.append(want)
    return cells


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    if not (SITE / "_static" / "live.js").is_file():
        pytest.fail(f"no live cells in {SITE}: build the site with `make book` (make test does)")
    handler = functools.partial(_QuietHandler, directory=str(SITE))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory, server: str) -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (make test does)")
    profile = tmp_path_factory.mktemp("chromium-profile")
    foreign: list[str] = []

    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith((server, "data:", "blob:")):
            r.continue_()
        else:
            foreign.append(url)
            r.abort()

    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
        context.set_default_timeout(TIMEOUT_MS)
        context.route("**/*", route)
        context.foreign = foreign  # type: ignore[attr-defined]
        try:
            yield context
        finally:
            context.close()
    shutil.rmtree(profile, ignore_errors=True)
    assert foreign == [], f"requests to other hosts: {foreign}"


LIVE_STATE = """() => window.goconcLive.entries.map(e => ({
    index: e.index, kind: e.kind, shown: e.el !== null, ran: e.ran,
    note: e.el && e.el.querySelector('.goconc-live-note')
        ? e.el.querySelector('.goconc-live-note').textContent : null,
    staticShown: e.el && e.el.querySelector('.cell_output')
        ? !e.el.querySelector('.cell_output').hidden : null,
    out: e.out ? Object.fromEntries(['stdout', 'stderr', 'result'].map(s => [s,
        [...e.out.querySelectorAll(`pre[data-stream="${s}"]`)].map(p => p.textContent)
            .join('')])) : null,
    widgets: e.out ? e.out.querySelectorAll('.goconc-anim').length : 0,
}))"""


def open_page(browser: Any, server: str, stem: str) -> tuple[Any, list[str]]:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}chapters/{stem}.html", wait_until="load")
    page.wait_for_function("window.goconcLive !== undefined")
    return page, errors


def _error_line(stderr: str) -> str:
    """The ``Name: message`` line of a traceback shown under a cell (module path dropped)."""
    for line in stderr.splitlines():
        m = re.match(r"(?:[\w.]+\.)?(\w+: .*)$", line)
        if m and not line.startswith((" ", "Traceback")):
            return m.group(1)
    return ""


@pytest.mark.parametrize("stem", PAGES)
def test_run_all_prints_the_committed_outputs(stem: str, browser: Any, server: str) -> None:
    page, errors = open_page(browser, server, stem)
    try:
        page.evaluate("window.goconcLive.runAll()")
        page.wait_for_function(
            "[...document.querySelectorAll('.goconc-live-output')]"
            ".every(o => o.dataset.state === 'done')")
        state = page.evaluate(LIVE_STATE)
    finally:
        page.close()
    wants = committed_outputs(stem)
    assert len(state) == len(wants)
    checked = 0
    for got, want in zip(state, wants, strict=True):
        where = f"{stem} cell {got['index'] + 1}"
        if got["kind"] != "python":
            # A Go program (or another cell magic): its static output stays, and it says why.
            assert got["ran"] is False, where
            if got["shown"]:
                assert got["note"], where
                assert got["staticShown"] in (True, None), where
            continue
        assert got["ran"], where
        if not got["shown"]:
            continue  # a cell the page does not show (its input is removed): ran, unseen
        out = got["out"]
        assert out is not None, where
        assert out["stdout"] == want["stdout"], where
        if want["error"] is not None:
            assert _error_line(out["stderr"]) == want["error"].removeprefix("goconc._errors."), \
                where
        else:
            assert out["stderr"] == want["stderr"], where
            assert out["result"] == want["result"], where
        checked += 1
    assert checked > 0
    assert errors == []


def test_an_edited_cell_runs_again_with_the_new_value(browser: Any, server: str) -> None:
    page, errors = open_page(browser, server, PAGES[0])
    try:
        entries = page.evaluate(LIVE_STATE)
        sources = [c["source"] for c in committed_outputs(PAGES[0])]
        # The first shown Python cell that prints a literal number: change it.
        target = None
        for e in entries:
            m = re.search(r"print\((\d+)\)", sources[e["index"]])
            if e["kind"] == "python" and e["shown"] and m:
                target = (e["index"], m)
                break
        if target is None:
            target = next((e["index"], re.search(r"send\((\d+)\)", sources[e["index"]]))
                          for e in entries if e["kind"] == "python" and e["shown"]
                          and re.search(r"send\((\d+)\)", sources[e["index"]]))
        index, m = target
        old = m.group(1)
        new = str(int(old) + 12345)
        edited = sources[index][:m.start(1)] + new + sources[index][m.end(1):]
        page.evaluate("i => window.goconcLive.runThrough(i)", index)
        first = page.evaluate(LIVE_STATE)[index]["out"]["stdout"]
        assert old in first
        # Edit it as a reader would: click into the code, select the value, type another.
        entry = f"window.goconcLive.entries[{index}]"
        page.evaluate(f"{entry}.pre.scrollIntoView()")
        page.evaluate(f"window.goconcLive.edit({entry})")
        page.evaluate(f"{entry}.pre.focus()")
        page.evaluate("""([i, start, end]) => {
            const pre = window.goconcLive.entries[i].pre;
            const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
            let offset = 0, node, range = document.createRange();
            while ((node = walker.nextNode())) {
                const n = node.textContent.length;
                if (offset <= start && start < offset + n) range.setStart(node, start - offset);
                if (offset < end && end <= offset + n) range.setEnd(node, end - offset);
                offset += n;
            }
            const sel = window.getSelection();
            sel.removeAllRanges();
            sel.addRange(range);
        }""", [index, m.start(1), m.end(1)])
        page.keyboard.type(new)
        assert page.evaluate(f"window.goconcLive.source({entry})").strip() == edited.strip()
        page.evaluate("i => window.goconcLive.runThrough(i)", index)
        second = page.evaluate(LIVE_STATE)[index]["out"]["stdout"]
        assert new in second
        assert second != first
    finally:
        page.close()
    assert errors == []


def test_a_deadlock_shows_gos_message_and_the_next_cell_runs(browser: Any, server: str) -> None:
    page, errors = open_page(browser, server, PAGES[0])
    try:
        # Two fresh cells at the end of the page's program: one deadlocks, one prints.
        state = page.evaluate("""async () => {
            const live = window.goconcLive;
            const el = (text) => {
                const cell = document.createElement('div');
                cell.className = 'cell';
                const input = document.createElement('div');
                input.className = 'cell_input';
                const pre = document.createElement('pre');
                pre.textContent = text;
                input.append(pre);
                cell.append(input);
                document.querySelector('main').append(cell);
                const entry = {index: live.entries.length, cell: {source: text, tags: []},
                               el: cell, pre, kind: 'python', ran: false};
                live.entries.push(entry);
                return entry;
            };
            const a = el('import goconc\\ngoconc.reset(clock="virtual", seed=1)\\n' +
                         'ch = goconc.chan(int)\\nch.send(1)\\n');
            const b = el('print("the next cell runs")\\n');
            await live.runThrough(b.index);
            return [a, b].map(e => [...e.out.querySelectorAll('pre')]
                .map(p => p.textContent).join(''));
        }""")
    finally:
        page.close()
    deadlock, after = state
    assert "all goroutines are asleep - deadlock!" in deadlock
    assert "goroutine 1 [chan send]:" in deadlock
    assert after == "the next cell runs\n"
    assert errors == []


def test_an_animation_plays_from_a_live_run(browser: Any, server: str) -> None:
    page, errors = open_page(browser, server, PAGES[0])
    try:
        state = page.evaluate(LIVE_STATE)
        sources = [c["source"] for c in committed_outputs(PAGES[0])]
        index = next(e["index"] for e in state
                     if e["kind"] == "python" and e["shown"] and "animate" in sources[e["index"]])
        page.evaluate("i => window.goconcLive.runThrough(i)", index)
        page.wait_for_function(
            "i => window.goconcLive.entries[i].out.querySelector('.goconc-anim')", arg=index)
        widget = page.locator(".goconc-live-output .goconc-anim").first
        before = widget.inner_text()
        widget.focus()
        for _ in range(5):
            page.keyboard.press("ArrowRight")  # step forward through the live trace
        after = widget.inner_text()
    finally:
        page.close()
    assert before != after
    assert errors == []
