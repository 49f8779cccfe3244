"""goconc.quiz.load finds a question file by name: next to the notebook, above it, or in
the GitHub repository and commit goconc was installed from; show() is seeded."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from goconc import quiz

REPO = Path(__file__).resolve().parents[1]
ONE = [{"section": "s", "type": "multiple_choice", "question": "q?",
        "answers": [{"answer": "a", "correct": True, "feedback": "f"}]}]


def test_loads_the_file_next_to_the_notebook() -> None:
    questions = quiz.load("practice", here=REPO / "chapters")
    assert questions == json.loads((REPO / "chapters/questions/practice.json").read_text())


def test_any_file_of_the_folder_loads_by_name(tmp_path: Path) -> None:
    (tmp_path / "chapters" / "questions").mkdir(parents=True)
    (tmp_path / "chapters" / "questions" / "capstones.json").write_text(json.dumps(ONE))
    deep = tmp_path / "somewhere" / "else"
    deep.mkdir(parents=True)
    assert quiz.load("capstones", here=tmp_path / "chapters") == ONE
    assert quiz.load("capstones", here=deep.parent) == ONE  # found above the folder


def test_missing_file_says_where_it_looked(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quiz, "source_url", lambda name: None)
    with pytest.raises(quiz.QuestionsNotFound, match=r"no questions/nope\.json next to"):
        quiz.load("nope", here=tmp_path)


def test_bad_names_and_bad_files_are_refused(tmp_path: Path) -> None:
    for name in ("../secrets", "a/b", "x.json", ""):
        with pytest.raises(ValueError, match="bad question file name"):
            quiz.load(name, here=tmp_path)
    (tmp_path / "questions").mkdir()
    (tmp_path / "questions" / "bad.json").write_text('{"question": "not a list"}')
    with pytest.raises(ValueError, match="want a JSON list of questions"):
        quiz.load("bad", here=tmp_path)


class FakeDist:
    def __init__(self, text: str | None) -> None:
        self.text = text

    def read_text(self, name: str) -> str | None:
        assert name == "direct_url.json"
        return self.text


@pytest.mark.parametrize(("direct_url", "want"), [
    ({"url": "https://github.com/me/my-fork", "vcs_info": {"vcs": "git", "commit_id": "abc123"}},
     "https://raw.githubusercontent.com/me/my-fork/abc123/chapters/questions/practice.json"),
    ({"url": "https://github.com/me/my-fork.git", "vcs_info": {"vcs": "git"}},
     "https://raw.githubusercontent.com/me/my-fork/HEAD/chapters/questions/practice.json"),
    ({"url": "file:///home/me/goconc", "dir_info": {"editable": True}}, None),
])
def test_source_url_is_the_installed_repository_and_commit(
        monkeypatch: pytest.MonkeyPatch, direct_url: dict[str, Any], want: str | None) -> None:
    monkeypatch.setattr(quiz.metadata, "distribution",
                        lambda name: FakeDist(json.dumps(direct_url)))
    assert quiz.source_url("practice") == want


def test_online_fallback_reads_the_source_url(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    url = "https://raw.githubusercontent.com/me/f/abc/chapters/questions/practice.json"
    monkeypatch.setattr(quiz, "source_url", lambda name: url)
    seen = []

    class Resp:
        def __enter__(self) -> Resp:
            return self

        def __exit__(self, *a: object) -> None:
            pass

        def read(self) -> bytes:
            return json.dumps(ONE).encode()

    def fake_urlopen(u: str, timeout: float) -> Resp:
        seen.append(u)
        return Resp()

    monkeypatch.setattr(quiz.urllib.request, "urlopen", fake_urlopen)
    assert quiz.load("practice", here=tmp_path) == ONE
    assert seen == [url]


def test_show_is_seeded_and_restores_random(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("jupyterquiz")
    shown: list[tuple[list[dict[str, Any]], float]] = []
    import jupyterquiz

    monkeypatch.setattr(jupyterquiz, "display_quiz",
                        lambda qs, shuffle_answers: shown.append((qs, random.random())))
    random.seed(5)
    before = random.random()
    random.seed(5)
    quiz.show(ONE, section="s")
    quiz.show(ONE, section="s")
    assert random.random() == before  # the caller's random state is untouched
    assert shown[0] == shown[1]
    assert shown[0][0][0]["answers"][0]["answer"] == "a"
    with pytest.raises(ValueError, match="no questions in section 'x'"):
        quiz.show(ONE, section="x")
