"""The animation widget plays on the built website, offline, and shows values as text.

Opens the page that teaches how to read them (chapters/03-channels) in Debian's Chromium,
through the server and browser fixtures of ``test_site_browser`` (imported, not copied),
and checks that play changes the picture over time, that step forward, step back and
the arrow keys move one step, that a ``<script>`` value is shown as text and never
run, that the deadlock banner appears, and that no request leaves the local server.
A last test replays a trace with the widget's own ``buildStates`` in a blank page.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_site_browser import SITE, WIDGET_TIMEOUT_MS, PageLog, browser_context, server

import goconc
from goconc import time

__all__ = ["browser_context", "server"]  # fixtures, used by name below

PAGE = "chapters/03-channels.html"
N_ANIMATIONS = 4  # unbuffered (how to read), buffered, escaping, deadlock


@pytest.fixture(scope="module")
def page(server: str, browser_context: Any) -> Iterator[tuple[Any, PageLog, list[str]]]:
    if not (SITE / PAGE).is_file():
        pytest.fail(f"{SITE / PAGE} is missing: run `make book` (make test does)")
    log = PageLog(base=server)
    dialogs: list[str] = []
    p = browser_context.new_page()
    p.on("request", log.on_request)
    p.on("requestfailed", log.on_request_failed)
    p.on("response", log.on_response)
    p.on("console", log.on_console)
    p.on("pageerror", log.on_page_error)

    def on_dialog(d: Any) -> None:
        dialogs.append(d.message)
        d.dismiss()

    p.on("dialog", on_dialog)
    p.goto(server + PAGE, wait_until="load")
    p.wait_for_function(
        f"document.querySelectorAll('.goconc-anim').length >= {N_ANIMATIONS}",
        timeout=WIDGET_TIMEOUT_MS)
    try:
        yield p, log, dialogs
    finally:
        p.close()


def anim(p: Any, i: int) -> Any:
    a = p.locator(".goconc-anim").nth(i)
    a.scroll_into_view_if_needed()
    return a


def step_no(a: Any) -> int:
    return int(a.locator(".ga-count").inner_text().split()[1])


def picture(a: Any) -> str:
    return hashlib.sha256(a.locator(".ga-stage").screenshot()).hexdigest()


def test_page_has_every_animation(page: tuple[Any, PageLog, list[str]]) -> None:
    p, _, _ = page
    assert p.locator(".goconc-anim").count() == N_ANIMATIONS
    a = anim(p, 0)
    for label in ("Restart", "Step back", "Play", "Step forward"):
        assert a.get_by_role("button", name=label).count() == 1
    assert a.locator("input[type=range]").count() == 1
    assert a.get_by_label("Reduce motion").count() == 1
    assert [t.strip() for t in a.locator(".ga-lane .ga-fn").all_inner_texts()] == [
        "main", "worker"]


def test_play_changes_the_picture_over_time(page: tuple[Any, PageLog, list[str]]) -> None:
    p, _, _ = page
    a = anim(p, 1)  # the buffered channel
    a.get_by_role("button", name="Restart").click()
    before, caption0 = picture(a), a.locator(".ga-caption").inner_text()
    a.get_by_role("button", name="Play").click()
    p.wait_for_timeout(2500)
    mid, n_mid = picture(a), step_no(a)
    p.wait_for_timeout(2000)
    after, n_after = picture(a), step_no(a)
    a.get_by_role("button", name="Pause").click()
    assert n_mid >= 1 and n_after > n_mid
    assert len({before, mid, after}) == 3
    assert a.locator(".ga-caption").inner_text() != caption0


def test_step_forward_back_and_arrow_keys(page: tuple[Any, PageLog, list[str]]) -> None:
    p, _, _ = page
    a = anim(p, 0)
    a.get_by_role("button", name="Restart").click()
    assert step_no(a) == 0
    assert a.get_by_role("button", name="Step back").is_disabled()
    fwd = a.get_by_role("button", name="Step forward")
    for _ in range(4):
        fwd.click()
    assert step_no(a) == 4
    assert a.locator(".ga-caption").inner_text() == "g1 recv <- results (blocked: no sender)"
    assert "[chan receive]" in a.locator(".ga-lane").nth(0).inner_text()
    a.get_by_role("button", name="Step back").click()
    assert step_no(a) == 3
    a.focus()
    p.keyboard.press("ArrowRight")
    p.keyboard.press("ArrowRight")
    assert step_no(a) == 5
    p.keyboard.press("ArrowLeft")
    assert step_no(a) == 4
    # The handoff: the token 42 ends in main's hand.
    while "send 42" not in a.locator(".ga-caption").inner_text():
        fwd.click()
    assert a.locator(".ga-lane").nth(0).locator(".ga-token").inner_text() == "42"


def test_script_value_is_shown_as_text_never_run(page: tuple[Any, PageLog, list[str]]) -> None:
    p, _, dialogs = page
    a = anim(p, 2)
    a.get_by_role("button", name="Restart").click()
    fwd = a.get_by_role("button", name="Step forward")
    for _ in range(20):
        if "send '<script>" in a.locator(".ga-caption").inner_text():
            break
        fwd.click()
    token = a.locator(".ga-slot .ga-token")
    assert token.inner_text() == "'<script>alert(1)</script>'"
    assert token.is_visible()
    assert a.locator("script").count() == 0
    for _ in range(5):
        if "print" in a.locator(".ga-caption").inner_text():
            break
        fwd.click()
    assert "g1 print: <script>alert(1)</script>" in a.locator(".ga-log").inner_text()
    assert "<script>alert(1)</script>" in a.locator(".ga-out").inner_text()
    assert a.locator(".ga-out script, .ga-log script").count() == 0
    p.wait_for_timeout(300)
    assert dialogs == []


def test_deadlock_banner_lists_every_blocked_goroutine(
        page: tuple[Any, PageLog, list[str]]) -> None:
    p, _, _ = page
    a = anim(p, 3)
    a.focus()
    p.keyboard.press("End")
    banner = a.locator(".ga-banner")
    assert banner.is_visible()
    text = banner.inner_text()
    assert "all goroutines are asleep - deadlock!" in text
    assert "goroutine 1 (deadlock) [chan receive]" in text
    assert "goroutine 2 (worker) [chan send]" in text


def test_reduced_motion_steps_without_animations(page: tuple[Any, PageLog, list[str]]) -> None:
    p, _, _ = page
    a = anim(p, 0)
    a.get_by_label("Reduce motion").check()
    a.get_by_role("button", name="Restart").click()
    for _ in range(8):
        a.get_by_role("button", name="Step forward").click()
        assert a.evaluate("(root) => document.getAnimations().filter(x => "
                          "x.effect && x.effect.target && root.contains(x.effect.target) && "
                          "x.effect.target.classList.contains('ga-token')).length") == 0
    a.get_by_label("Reduce motion").uncheck()
    a.get_by_role("button", name="Restart").click()
    counts = []
    for _ in range(8):
        a.get_by_role("button", name="Step forward").click()
        counts.append(a.evaluate("(root) => document.getAnimations().filter(x => "
                                 "x.effect && x.effect.target && "
                                 "root.contains(x.effect.target)).length"))
    assert max(counts) > 0, "with motion on, the handoff's token moves"


def test_no_request_leaves_the_local_server(page: tuple[Any, PageLog, list[str]]) -> None:
    _, log, _ = page
    assert log.foreign_requests == [], "requests to other hosts"
    assert log.failures == [], "failed requests"
    assert log.console_errors == [], "console errors"


def test_a_stopped_timer_leaves_no_value_in_its_channel(browser_context: Any) -> None:
    """Replays a trace with the widget's own code (``buildStates``) in Chromium: the
    value a timer sent and nobody received is gone from its channel once stopped."""
    def main() -> None:
        t = time.new_timer(time.Second)
        time.sleep(2 * time.Second)
        t.stop()

    data = goconc.trace(main).to_dict()
    src = (Path(goconc.__file__).parent / "_widget" / "animation.js").read_text()
    url = "data:text/javascript;base64," + base64.b64encode(
        (src + "\nexport { buildStates };\n").encode()).decode()
    p = browser_context.new_page()
    try:
        bufs = p.evaluate(
            """async ([url, data]) => {
                const m = await import(url);
                return m.buildStates(data).map((s) => s.chans[1].buf.length);
            }""", [url, json.loads(json.dumps(data))])
    finally:
        p.close()
    stop = next(i for i, (a, b, *_) in enumerate(data["steps"])
                if any(e["kind"] == "stop" for e in data["events"][a:b + 1]))
    assert bufs[stop] == 1  # the state before the stop step: the fired value waits
    assert bufs[stop + 1] == 0
