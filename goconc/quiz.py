"""The course's practice questions: load a question file by name and show it as a quiz.

A question file is ``chapters/questions/NAME.json`` in the course's repository: a JSON
list of questions, each ``{"section", "type": "multiple_choice", "question", "answers":
[{"answer", "correct", "feedback", "kind"?}], "program"?}``. ``load(NAME)`` finds it
wherever the notebook runs:

1. next to the notebook, as ``questions/NAME.json`` (the notebook's folder is the
   working directory: a checkout, a Binder session, a downloaded folder);
2. in a ``chapters/questions/`` of any folder above it (a notebook moved elsewhere in
   a checkout);
3. in the repository that goconc was installed from, online: a notebook opened on its
   own (Colab) installs goconc with ``pip install "goconc @ git+URL"``, and pip
   records that URL and commit (``direct_url.json``, PEP 610), so the file is read from
   the same commit of the same repository, a fork's too.

``show(questions)`` draws them with jupyterquiz, with element ids fixed by a seed, so
that a saved notebook's outputs are the same on every run.
"""

from __future__ import annotations

import html
import json
import random
import re
import urllib.request
from importlib import metadata
from pathlib import Path
from typing import Any

__all__ = ["QuestionsNotFound", "for_jupyterquiz", "load", "show", "source_url"]

Question = dict[str, Any]


class QuestionsNotFound(FileNotFoundError):
    """No question file of that name next to the notebook, above it, or online."""


def _check_name(name: str) -> None:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", name):
        raise ValueError(f"quiz.load: bad question file name {name!r} "
                         f"(a name such as 'practice', without folder or .json)")


def _local(name: str, here: Path) -> Path | None:
    near = here / "questions" / f"{name}.json"
    if near.is_file():
        return near
    for d in (here, *here.parents):
        p = d / "chapters" / "questions" / f"{name}.json"
        if p.is_file():
            return p
    return None


def source_url(name: str) -> str | None:
    """The raw URL of ``chapters/questions/NAME.json`` in the GitHub repository and commit
    goconc was installed from (PEP 610's ``direct_url.json``); None if not from GitHub."""
    _check_name(name)
    try:
        text = metadata.distribution("goconc").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    if not text:
        return None
    info = json.loads(text)
    m = re.fullmatch(r"(?:git\+)?https://github\.com/([^/]+)/([^/]+?)(?:\.git)?/?",
                     str(info.get("url", "")))
    if m is None or "vcs_info" not in info:
        return None
    vcs = info["vcs_info"]
    ref = vcs.get("commit_id") or vcs.get("requested_revision") or "HEAD"
    return (f"https://raw.githubusercontent.com/{m.group(1)}/{m.group(2)}/{ref}"
            f"/chapters/questions/{name}.json")


def _validate(questions: Any, where: str) -> list[Question]:
    if not isinstance(questions, list) or not all(isinstance(q, dict) for q in questions):
        raise ValueError(f"{where}: want a JSON list of questions (objects)")
    for i, q in enumerate(questions):
        for key in ("question", "type", "answers"):
            if key not in q:
                raise ValueError(f"{where}: question {i} has no {key!r}")
    return questions


def load(name: str = "practice", *, here: Path | str | None = None,
         timeout: float = 10.0) -> list[Question]:
    """The questions of ``chapters/questions/NAME.json``; see the module docstring for
    where they are looked for. ``here`` is the notebook's folder (default: the working
    directory).

    Raises:
        QuestionsNotFound: the file is nowhere (the message names the places tried).
        ValueError: a bad name, or a file that is not a list of questions.
    """
    _check_name(name)
    base = Path.cwd() if here is None else Path(here)
    path = _local(name, base.resolve())
    if path is not None:
        return _validate(json.loads(path.read_text(encoding="utf-8")), str(path))
    url = source_url(name)
    if url is not None:
        try:
            with urllib.request.urlopen(url, timeout=timeout) as resp:
                data = resp.read().decode("utf-8")
        except OSError as e:
            raise QuestionsNotFound(f"questions {name!r}: not next to this notebook, and "
                                    f"{url} could not be read: {e}") from None
        return _validate(json.loads(data), url)
    raise QuestionsNotFound(
        f"questions {name!r}: no questions/{name}.json next to this notebook, no "
        f"chapters/questions/{name}.json above it, and goconc was not installed from a "
        f"GitHub repository to read it from; download the file from the course's "
        f"repository into a questions/ folder beside the notebook")


def _as_html(text: str) -> str:
    """Escape text for the page, with `backticks` as code."""
    return re.sub(r"`([^`]*)`", r"<code>\1</code>", html.escape(text, quote=False))


def for_jupyterquiz(q: Question) -> Question:
    """One question in jupyterquiz's format, every text escaped (a program's output verbatim)."""
    answers = []
    for a in q["answers"]:
        if a.get("kind") == "output":
            shown = ("<code>" + html.escape(a["answer"], quote=False).replace("\n", "<br>")
                     + "</code>")
        else:
            shown = _as_html(a["answer"])
        answers.append({"answer": shown, "correct": a["correct"],
                        "feedback": _as_html(a["feedback"])})
    out: Question = {"question": _as_html(q["question"]), "type": q["type"],
                     "answers": answers}
    if "program" in q:
        out["code"] = html.escape(q["program"], quote=False)
    return out


def show(questions: list[Question], *, section: str | None = None, seed: str = "") -> None:
    """Display ``questions`` (those of ``section`` only, if given) with jupyterquiz.

    jupyterquiz names each quiz's HTML element with random letters; ``random`` is seeded
    with ``seed`` and the section for the call (and restored after), so the names, and the
    saved outputs nbval compares, are the same on every run.
    """
    from jupyterquiz import display_quiz  # type: ignore[import-untyped]

    chosen = [q for q in questions if section is None or q.get("section") == section]
    if not chosen:
        raise ValueError(f"quiz.show: no questions in section {section!r}")
    state = random.getstate()
    random.seed(f"{seed or 'practice'}-{section or 'all'}")
    try:
        display_quiz([for_jupyterquiz(q) for q in chosen], shuffle_answers=True)
    finally:
        random.setstate(state)
