"""The practice questions answer in the built website, with no kernel and no network."""

from __future__ import annotations

from typing import Any

import pytest
from test_site_browser import SITE, PageLog, browser_context, server  # noqa: F401 (fixtures)

QUIZ_PAGE = "chapters/11-takeaways.html"


@pytest.fixture
def quiz(server: str, browser_context: Any) -> Any:  # noqa: F811 (fixtures)
    if not (SITE / QUIZ_PAGE).is_file():
        pytest.fail(f"no {QUIZ_PAGE} in _build/html: run `make book` (make test does)")
    log = PageLog(base=server)
    page = browser_context.new_page()
    page.on("request", log.on_request)
    page.on("pageerror", log.on_page_error)
    page.goto(server + QUIZ_PAGE, wait_until="load")
    page.wait_for_selector("label.MCButton", timeout=30_000)
    yield page
    page.close()
    assert log.foreign_requests == [], "requests to other hosts"
    assert log.console_errors == [], "errors on the page"


def test_every_practice_question_is_on_the_page(quiz: Any) -> None:
    # 20+ questions of 2+ answers each, rendered by jupyterquiz from the embedded JSON.
    assert quiz.locator("label.MCButton").count() >= 40


def test_a_correct_answer_says_so(quiz: Any) -> None:
    answer = quiz.locator('label.MCButton[data-correct="true"]').first
    answer.click()
    quiz.wait_for_function("(el) => el.classList.contains('correctButton')",
                           arg=answer.element_handle(), timeout=5_000)


def test_a_wrong_answer_says_so(quiz: Any) -> None:
    answer = quiz.locator('label.MCButton[data-correct="false"]').first
    answer.click()
    quiz.wait_for_function("(el) => el.classList.contains('incorrectButton')",
                           arg=answer.element_handle(), timeout=5_000)
