"""The practice questions of chapter 11 (chapters/questions/practice.json) are well formed,
and the correct answer of every "what does this program print?" question is what the
program really prints (goconc, virtual clock, seed 1)."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import pytest

import goconc

QUESTIONS = Path(__file__).resolve().parents[1] / "chapters" / "questions" / "practice.json"
SECTIONS = ("goroutines", "channels", "waitgroup", "mutexes", "mantra", "select", "context",
            "fanout", "pitfalls")
ALL: list[dict[str, Any]] = json.loads(QUESTIONS.read_text())
PROGRAMS = [pytest.param(q, id=f"{q['section']}-{i}") for i, q in enumerate(ALL) if "program" in q]


def run_program(source: str) -> str:
    """What ``source`` prints when it runs as main of a fresh goconc program."""
    out = io.StringIO()
    code = compile(source, "<question>", "exec")

    def main() -> None:
        exec(code, {"__name__": "__main__"})

    # Go exits silently when main returns with goroutines left: so does the quiz's program.
    with contextlib.redirect_stdout(out):
        goconc.run(main, clock="virtual", seed=1, leaks="ignore")
    return out.getvalue()


def test_there_are_at_least_20_questions_covering_every_section() -> None:
    assert len(ALL) >= 20
    assert {q["section"] for q in ALL} == set(SECTIONS)
    assert sum("program" in q for q in ALL) >= 10


@pytest.mark.parametrize("q", ALL, ids=[f"{q['section']}-{i}" for i, q in enumerate(ALL)])
def test_question_is_well_formed(q: dict[str, Any]) -> None:
    assert q["type"] == "multiple_choice"
    assert q["section"] in SECTIONS
    assert q["question"].strip()
    answers = q["answers"]
    assert len(answers) >= 3
    texts = [a["answer"] for a in answers]
    assert len(set(texts)) == len(texts), "two answers read the same"
    assert sum(a["correct"] is True for a in answers) == 1, "exactly one correct answer"
    assert all(isinstance(a["correct"], bool) and a["feedback"].strip() for a in answers)
    if "program" in q:
        assert q["question"].startswith("What does this program print?")
        assert all(a["kind"] in ("output", "text") for a in answers)
    else:
        assert all("kind" not in a for a in answers)


@pytest.mark.parametrize("q", PROGRAMS)
def test_the_correct_answer_is_what_the_program_prints(q: dict[str, Any]) -> None:
    printed = run_program(q["program"])
    correct = next(a for a in q["answers"] if a["correct"])
    assert correct["kind"] == "output"
    assert printed == correct["answer"] + "\n"
    # And no wrong answer happens to be the real output.
    wrong = [a["answer"] for a in q["answers"] if not a["correct"] and a["kind"] == "output"]
    assert printed.rstrip("\n") not in wrong


@pytest.mark.parametrize("q", PROGRAMS)
def test_the_program_prints_the_same_every_time(q: dict[str, Any]) -> None:
    assert run_program(q["program"]) == run_program(q["program"])
