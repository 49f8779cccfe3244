"""Sphinx extension of the course book: an offline-clean site, and a build without solutions.

Loaded through ``sphinx.local_extensions`` in ``_config.yml``. It does four things:

1. Drops sphinx-thebe's page scripts. Jupyter Book always loads sphinx-thebe; its config
   script ends up twice on every page ("Identifier 'THEBE_JS_URL' has already been
   declared") and names a CDN. The book has no Thebe button (``launch_buttons.thebe:
   false``), so nothing needs them.
2. Gives the theme a valid default colour mode. The stock pages leave it empty and the
   theme logs "Got invalid theme mode: ." in every fresh browser.
3. Adds the favicon to the redirect page ``index.html``, so no browser asks for the
   missing ``/favicon.ico``.
4. With ``GOCONC_HIDE_SOLUTIONS=1`` in the environment (``make book-nosolutions``), removes
   every solution from the site *and* from the downloadable sources:
   sphinx-exercise's ``hide_solutions``; notebook cells tagged ``solution``; the cells
   between ``{solution-start}`` and ``{solution-end}``; and ``{solution}`` blocks inside
   Markdown (in notebooks and in ``.md`` pages).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

HIDE_ENV = "GOCONC_HIDE_SOLUTIONS"

# A MyST fenced solution block: ```{solution} … ``` or :::{solution} … ::: (any fence
# length; the closing fence is the same characters, at least as long, on its own line).
_SOLUTION_BLOCK = re.compile(
    r"^(?P<fence>`{3,}|:{3,})\{solution\}.*?^(?P=fence)[`:]*[ \t]*$\n?",
    re.MULTILINE | re.DOTALL,
)
_GATED_START = re.compile(r"^(`{3,}|:{3,})\{solution-start\}", re.MULTILINE)
_GATED_END = re.compile(r"^(`{3,}|:{3,})\{solution-end\}", re.MULTILINE)


def hiding_solutions() -> bool:
    return os.environ.get(HIDE_ENV, "") not in ("", "0", "false", "no")


def strip_markdown(text: str) -> str:
    """Remove ``{solution}`` blocks from MyST Markdown text."""
    return _SOLUTION_BLOCK.sub("", text)


def strip_notebook(nb: dict[str, Any]) -> dict[str, Any]:
    """Remove solutions from a notebook (nbformat 4 JSON, changed in place and returned)."""
    kept: list[dict[str, Any]] = []
    in_gated = False
    for cell in nb.get("cells", []):
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else source
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.get("cell_type") == "markdown" and _GATED_START.search(text):
            in_gated = True
        if in_gated:
            if cell.get("cell_type") == "markdown" and _GATED_END.search(text):
                in_gated = False
            continue
        if "solution" in tags:
            continue
        if cell.get("cell_type") == "markdown":
            cell["source"] = strip_markdown(text)
        kept.append(cell)
    nb["cells"] = kept
    return nb


def _on_config_inited(app: Sphinx, config: Config) -> None:
    # pydata-sphinx-theme reads `default_mode` from the template context (not a theme
    # option); left empty, every fresh browser logs "Got invalid theme mode: .".
    context = dict(config.html_context or {})
    context.setdefault("default_mode", "light")
    config.html_context = context
    if hiding_solutions():
        config.hide_solutions = True


def _drop_thebe(app: Sphinx) -> None:
    """Disconnect sphinx-thebe's handler that adds its scripts to every page."""
    for event in ("env-before-read-docs",):
        for listener in list(app.events.listeners.get(event, [])):
            if getattr(listener.handler, "__module__", "") == "sphinx_thebe" and (
                listener.handler.__name__ == "init_thebe_core"
            ):
                app.disconnect(listener.id)


def _on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    if not hiding_solutions():
        return
    path = Path(app.env.doc2path(docname))
    if path.suffix == ".ipynb":
        source[0] = json.dumps(strip_notebook(json.loads(source[0])), indent=1)
    else:
        source[0] = strip_markdown(source[0])


def _on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Rewrite the copies in ``_sources/`` (the download button's files) without solutions."""
    if exception is not None or not hiding_solutions() or app.builder.format != "html":
        return
    sources = Path(app.outdir) / "_sources"
    for path in sources.rglob("*"):
        if path.suffix == ".ipynb":
            nb = strip_notebook(json.loads(path.read_text(encoding="utf-8")))
            path.write_text(json.dumps(nb, indent=1, ensure_ascii=False), encoding="utf-8")
        elif path.suffix in {".md", ".txt"} and path.is_file():
            path.write_text(strip_markdown(path.read_text(encoding="utf-8")), encoding="utf-8")


def _on_build_finished_favicon(app: Sphinx, exception: Exception | None) -> None:
    """Give sphinx-external-toc's redirect page (index.html) the book's favicon.

    Without a ``<link rel="icon">`` a browser asks for /favicon.ico, which the site does
    not have: a 404 in the console of a fresh browser.
    """
    if exception is not None or app.builder.format != "html" or not app.config.html_favicon:
        return
    index = Path(app.outdir) / "index.html"
    if not index.is_file():
        return
    html = index.read_text(encoding="utf-8")
    if 'rel="icon"' in html:
        return
    icon = Path(app.config.html_favicon).name
    # The redirect page is a bare <meta> tag: a <link> before it lands in the implied <head>.
    index.write_text(f'<link rel="icon" href="_static/{icon}" />\n{html}', encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _on_config_inited)
    app.connect("builder-inited", _drop_thebe)
    app.connect("source-read", _on_source_read)
    app.connect("build-finished", _on_build_finished)
    # After sphinx-external-toc has written the redirect page (default priority 500).
    app.connect("build-finished", _on_build_finished_favicon, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
