"""The student build (`make book-nosolutions`) removes every kind of solution we write."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def offline_site() -> ModuleType:
    pytest.importorskip("sphinx")
    spec = importlib.util.spec_from_file_location("offline_site", ROOT / "book" / "offline_site.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def md(text: str) -> dict[str, Any]:
    return {"cell_type": "markdown", "metadata": {}, "source": text}


def code(text: str, tags: list[str] | None = None) -> dict[str, Any]:
    return {"cell_type": "code", "metadata": {"tags": tags or []}, "source": text, "outputs": []}


def sources(nb: dict[str, Any]) -> list[str]:
    return [cell["source"] for cell in nb["cells"]]


def test_solution_block_in_markdown_is_removed(offline_site: ModuleType) -> None:
    text = (
        "Before.\n\n"
        "```{exercise}\n:label: ex1\n\nDo it.\n```\n\n"
        "```{solution} ex1\n:class: dropdown\n\nThe answer.\n```\n\n"
        "::::{solution} ex1\nColon-fenced answer.\n::::\n"
        "After.\n"
    )
    out = offline_site.strip_markdown(text)
    assert "answer" not in out
    assert "Do it." in out and "Before." in out and "After." in out


def test_cells_tagged_solution_are_removed(offline_site: ModuleType) -> None:
    nb = {"cells": [code("setup()"), code("answer()", tags=["solution"]), code("after()")]}
    assert sources(offline_site.strip_notebook(nb)) == ["setup()", "after()"]


def test_gated_solution_cells_are_removed(offline_site: ModuleType) -> None:
    nb = {
        "cells": [
            md("```{exercise} \n:label: ex2\nWrite it.\n```"),
            md("```{solution-start} ex2\n:class: dropdown\n```"),
            code("answer()"),
            md("```{solution-end}\n```"),
            code("after()"),
        ]
    }
    out = sources(offline_site.strip_notebook(nb))
    assert out == ["```{exercise} \n:label: ex2\nWrite it.\n```", "after()"]


def test_nothing_is_hidden_unless_asked(
    offline_site: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GOCONC_HIDE_SOLUTIONS", raising=False)
    assert not offline_site.hiding_solutions()
    monkeypatch.setenv("GOCONC_HIDE_SOLUTIONS", "1")
    assert offline_site.hiding_solutions()
