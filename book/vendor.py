"""Vendor the JavaScript the built site needs, so that no page requests another host.

By default a Jupyter Book page loads require.js, @jupyter-widgets/html-manager,
anywidget's front-end and MathJax from public CDNs; offline, widgets render blank.
This script puts local copies into ``book/assets/thirdparty/`` (a Sphinx static folder,
see ``html_static_path`` in ``_config.yml``), where ``nb_ipywidgets_js`` and
``mathjax_path`` point:

* ``@jupyter-widgets/html-manager``, ``requirejs`` and ``mathjax`` (version 3) come
  from the npm registry through ``npm pack`` (tarballs cached in ``.cache/npm/``);
* anywidget's front-end comes from the installed ``anywidget`` Python package
  (``anywidget/nbextension/index.js``), so it always matches the kernel side;
* the live cells (``book/assets/live.js``): Pyodide's core files from the npm package
  ``pyodide`` (into ``thirdparty/pyodide/``), the CodeJar editor from ``codejar``, and
  goconc's own wheel, built from this checkout by ``book/wheel.py``.

Run it from the repository root: ``python book/vendor.py`` (``make book`` does).
It is idempotent and only calls npm when a tarball is not cached yet.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "npm"
# Not "vendor": the theme already has a _static/vendor/ folder (Font Awesome), and
# html_static_path folders are merged into _static/.
VENDOR = ROOT / "book" / "assets" / "thirdparty"

# Pinned versions. html-manager 1.0.x is the embed manager of ipywidgets 8.1.x.
HTML_MANAGER = ("@jupyter-widgets/html-manager", "1.0.15")
REQUIREJS = ("requirejs", "2.3.8")
MATHJAX = ("mathjax", "3.2.2")
# Python in the browser (CPython 3.14 on WebAssembly) and the live cells' editor.
PYODIDE = ("pyodide", "314.0.8")
CODEJAR = ("codejar", "4.3.0")
PYODIDE_FILES = {"pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                 "pyodide-lock.json"}

FONT_SUFFIXES = {".eot", ".svg", ".ttf", ".woff", ".woff2"}


def tarball(name: str, version: str) -> Path:
    """Return the cached ``npm pack`` tarball of ``name@version``, packing it if needed."""
    filename = f"{name.lstrip('@').replace('/', '-')}-{version}.tgz"
    path = CACHE / filename
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        npm = shutil.which("npm")
        if npm is None:
            sys.exit("vendor.py: npm is required (Debian: apt-get install -y npm)")
        subprocess.run(
            [npm, "pack", f"{name}@{version}", "--pack-destination", str(CACHE), "--silent"],
            check=True,
            cwd=CACHE,
            stdout=subprocess.DEVNULL,
        )
        if not path.exists():
            sys.exit(f"vendor.py: npm pack did not produce {path}")
    return path


def extract(tgz: Path, dest: Path, select: Callable[[str], str | None]) -> int:
    """Copy members of ``tgz``'s ``package/`` folder into ``dest``.

    ``select(relpath)`` returns the path to write under ``dest``, or None to skip.
    """
    count = 0
    with tarfile.open(tgz) as tar:
        for member in tar.getmembers():
            if not member.isfile() or not member.name.startswith("package/"):
                continue
            rel = select(member.name.removeprefix("package/"))
            if rel is None:
                continue
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(member)
            assert source is not None
            target.write_bytes(source.read())
            count += 1
    return count


def select_html_manager(rel: str) -> str | None:
    # embed-amd.js requires "@jupyter-widgets/html-manager/dist/libembed-amd"; the
    # Font Awesome fonts must sit next to the scripts that reference them.
    path = Path(rel)
    wanted = path.name in {"embed-amd.js", "libembed-amd.js"} or path.suffix in FONT_SUFFIXES
    return rel if rel.startswith("dist/") and wanted else None


def select_mathjax(rel: str) -> str | None:
    # The tex-chtml combined component, plus everything it may load lazily
    # (TeX extensions, CHTML fonts, menu, accessibility, speech rule engine).
    if not rel.startswith("es5/"):
        return None
    rel = rel.removeprefix("es5/")
    if rel == "tex-chtml.js":
        return rel
    lazy = rel.split("/")[0] in {"input", "output", "ui", "a11y", "sre", "adaptors"}
    return rel if lazy and not rel.startswith("output/svg") else None


def _only(name: str) -> Callable[[str], str | None]:
    return lambda rel: rel if rel == name else None


def main() -> None:
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    VENDOR.mkdir(parents=True)

    n = extract(tarball(*HTML_MANAGER), VENDOR / "html-manager", select_html_manager)
    n += extract(tarball(*REQUIREJS), VENDOR / "requirejs", _only("require.js"))
    n += extract(tarball(*MATHJAX), VENDOR / "mathjax", select_mathjax)

    n += extract(tarball(*PYODIDE), VENDOR / "pyodide",
                 lambda rel: rel if rel in PYODIDE_FILES else None)
    n += extract(tarball(*CODEJAR), VENDOR / "codejar", _only("dist/codejar.js"))
    sys.path.insert(0, str(ROOT / "book"))
    from wheel import build_wheel

    wheel = build_wheel(VENDOR / "pyodide")
    (VENDOR / "pyodide" / "live-files.json").write_text(json.dumps({"wheel": wheel.name}) + "\n")
    # The animation widget's own front-end, which live.js plays a live run's trace with.
    (VENDOR / "goconc-widget").mkdir()
    for name in ("animation.js", "animation.css"):
        shutil.copyfile(ROOT / "goconc" / "_widget" / name, VENDOR / "goconc-widget" / name)
    n += 4

    spec = importlib.util.find_spec("anywidget")
    if spec is None or spec.origin is None:
        sys.exit("vendor.py: the anywidget package is not installed (pip install -e '.[book]')")
    anywidget_js = Path(spec.origin).parent / "nbextension" / "index.js"
    (VENDOR / "anywidget").mkdir()
    shutil.copyfile(anywidget_js, VENDOR / "anywidget" / "index.js")
    n += 1

    for required in (
        "html-manager/dist/embed-amd.js",
        "html-manager/dist/libembed-amd.js",
        "requirejs/require.js",
        "mathjax/tex-chtml.js",
        "anywidget/index.js",
        *(f"pyodide/{name}" for name in sorted(PYODIDE_FILES)),
        "codejar/dist/codejar.js",
        "pyodide/live-files.json",
        "goconc-widget/animation.js",
    ):
        if not (VENDOR / required).is_file():
            sys.exit(f"vendor.py: missing {required} after extraction")
    print(f"vendor.py: {n} files in {VENDOR.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
