"""book/setup_cell.py: one setup cell for every chapter, from _config.yml's repository URL."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "book"))
import setup_cell  # noqa: E402

CHAPTERS = sorted((REPO / "chapters").glob("[0-9][0-9]-*.ipynb"))


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_every_chapter_starts_with_the_current_setup_cell(path: Path) -> None:
    nb = json.loads(path.read_text())
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    source = setup_cell.setup_source(setup_cell.repository_url(setup_cell.CONFIG.read_text()))
    assert "".join(code[0]["source"]) == source, (
        f"run: python book/setup_cell.py {path.relative_to(REPO)}")
    assert setup_cell.TAG in code[0]["metadata"]["tags"]


def test_the_cell_installs_from_the_configured_repository_with_pyproject_s_pins() -> None:
    src = setup_cell.setup_source("https://github.com/me/fork")
    assert '"goconc @ git+https://github.com/me/fork"' in src
    for pin in setup_cell.pins().split():
        assert pin in src and pin in (REPO / "pyproject.toml").read_text()
    assert "%load_ext goconc.magic" in src
    assert 'goconc.reset(clock="virtual", seed=1)' in src


def test_set_repository_url_changes_that_line_only() -> None:
    config = setup_cell.CONFIG.read_text()
    new = setup_cell.set_repository_url(config, "https://github.com/me/fork/")
    assert setup_cell.repository_url(new) == "https://github.com/me/fork"
    assert [a for a, b in zip(config.splitlines(), new.splitlines(), strict=True) if a != b] \
        == [f"  url: {setup_cell.repository_url(config)}"]
    with pytest.raises(SystemExit, match="want an https:// URL"):
        setup_cell.set_repository_url(config, "git@github.com:me/fork")


def nb(*cells: dict[str, Any]) -> dict[str, Any]:
    return {"cells": list(cells)}


def test_apply_replaces_an_old_setup_cell_or_inserts_one_after_the_title() -> None:
    title = {"cell_type": "markdown", "metadata": {}, "source": ["# Title"]}
    old = {"cell_type": "code", "metadata": {}, "outputs": [],
           "source": ["import goconc\n", "goconc.reset(clock='virtual')"]}
    other = {"cell_type": "code", "metadata": {}, "outputs": [], "source": ["print(1)"]}
    new = setup_cell.setup_source("https://github.com/me/fork")
    lines = new.splitlines(keepends=True)
    a = nb(copy.deepcopy(title), copy.deepcopy(old), copy.deepcopy(other))
    assert setup_cell.apply(a, new)
    assert [c["source"] for c in a["cells"]] == [["# Title"], lines, ["print(1)"]]
    assert a["cells"][1]["metadata"]["tags"] == ["remove-cell"]
    assert not setup_cell.apply(a, new)  # already current
    b = nb(copy.deepcopy(title), copy.deepcopy(other))
    assert setup_cell.apply(b, new)
    assert [c["source"] for c in b["cells"]] == [["# Title"], lines, ["print(1)"]]
