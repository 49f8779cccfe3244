"""Sphinx extension: every chapter page can run its own code cells in the reader's browser.

Each page built from a notebook gets, at the end of its body, the notebook's code cells as
JSON (``<script type="application/json" id="goconc-live-cells">``: source and tags, in
order, without solutions when the site hides them). ``live.js`` (a module loaded on every
page; it does nothing on a page without that JSON) adds the Run, Run all and Reset
controls, turns the cells into editors and runs them with Pyodide in a Web Worker
(``live-worker.js``), all from this site's own files (``book/vendor.py``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from offline_site import hiding_solutions, strip_notebook


def page_cells(nb: dict[str, Any]) -> list[dict[str, Any]]:
    """The code cells of a notebook as the page's JSON lists them."""
    if hiding_solutions():
        nb = strip_notebook(nb)
    cells = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else source
        cells.append({"source": text, "tags": cell.get("metadata", {}).get("tags", [])})
    return cells


def _on_page_context(app: Sphinx, pagename: str, templatename: str,
                     context: dict[str, Any], doctree: Any) -> None:
    path = Path(app.srcdir) / f"{pagename}.ipynb"
    if doctree is None or not path.is_file() or "body" not in context:
        return
    cells = page_cells(json.loads(path.read_text(encoding="utf-8")))
    if not cells:
        return
    data = json.dumps({"cells": cells}, ensure_ascii=True).replace("</", "<\\/")
    context["body"] += (f'\n<script type="application/json" id="goconc-live-cells">'
                        f"{data}</script>\n")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_js_file("live.js", type="module")
    app.add_css_file("live.css")
    app.connect("html-page-context", _on_page_context)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
