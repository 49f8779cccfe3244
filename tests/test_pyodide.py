"""goconc in the browser: its own tests and the Go twins, run by Pyodide in headless Chromium.

Pyodide (CPython 3.14 on WebAssembly, the npm package ``pyodide`` that ``book/vendor.py``
caches in ``.cache/npm/``) has no greenlet: there, goroutines switch stacks with JSPI
(``goconc/_jspi.py``). This test builds goconc's wheel (``book/wheel.py``), serves it, the
Pyodide core files, this folder's tests and the pure-Python pytest they need (copied from
the packages installed here: pytest, pluggy, iniconfig, packaging, pygments, py.py) from a
loopback server, and in Chromium, with every request to another host blocked:

* runs the library tests with pytest inside Pyodide (``-p pyodide_skips``: the tests that
  need threads, processes, 10,000+ goroutines or IPython are skipped, each with its
  reason; ``test_library_tests_pass_in_pyodide`` prints the list) and fails on any failure;
* runs every Go twin (``tests/go/NAME/main.py``) on the virtual clock with seed 1, and
  checks that it prints exactly what the same twin prints on CPython (stdout, exit code,
  first stderr line); ``test_go_parity.py`` checks CPython against real Go.

Chromium runs as tests/test_site_browser.py runs it; playwright only drives it.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
GO_DIR = TESTS / "go"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
#: The library tests run in the browser (the rest need the notebook tools, Go or a built site).
LIBRARY_TESTS = ["chan", "select", "goroutines", "sync", "time", "context", "errgroup",
                 "semaphore", "atomic", "failure", "trace"]
#: Packages pytest needs inside Pyodide (all pure Python), copied from this interpreter's.
PYTEST_DEPS = ["_pytest", "pytest", "pluggy", "iniconfig", "packaging", "pygments", "py"]
#: A twin is skipped in the browser if its source uses one of these (the same reasons as
#: tests/pyodide_skips.py: no threads, no processes, no real I/O there).
TWIN_SKIPS = re.compile(r"\bthreading\b|\bblocking\(|\bsubprocess\b|\bsqlite3\b|\bsocket\b")
BROWSER_TIMEOUT_MS = 1_500_000  # the library tests take minutes on a loaded machine

RUNNER_HTML = """<!doctype html><meta charset="utf-8"><title>goconc in Pyodide</title>
<script type="module">
import { loadPyodide } from "./pyodide/pyodide.mjs";
window.ready = loadPyodide({ indexURL: "./pyodide/" }).then(async (py) => {
  for (const [name, dir] of [["goconc.whl", "/lib/python3.14/site-packages"],
                             ["pytestdeps.zip", "/lib/python3.14/site-packages"],
                             ["tests.zip", "/home/pyodide/work"]]) {
    const buf = await (await fetch(name)).arrayBuffer();
    py.unpackArchive(buf, "zip", { extractDir: dir });
  }
  window.out = [];
  py.setStdout({ batched: (s) => window.out.push(s) });
  py.setStderr({ batched: (s) => window.out.push(s) });
  window.py = py;
  return py.runPython("import sys; sys.platform");
});
window.run = async (code) => String(await window.py.runPythonAsync(code));
</script>"""

PYTEST_INSIDE = """
import os, sys
os.chdir("/home/pyodide/work")
sys.path.insert(0, "/home/pyodide/work/tests")
with open("pytest.ini", "w") as f:
    f.write("[pytest]\\n")
import pytest
rc = pytest.main(["-p", "no:cacheprovider", "-p", "no:faulthandler", "-p", "pyodide_skips",
                  "--capture=sys", "-q", "-rfEs", "--junitxml=/home/pyodide/junit.xml",
                  *[f"tests/test_{name}.py" for name in FILES]])
str(int(rc))
"""

TWINS_INSIDE = """
import contextlib, io, json, sys
sys.path.insert(0, "/home/pyodide/work/tests/go")
import runtwin
results = {}
for name in NAMES:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            rc = runtwin.main([f"/home/pyodide/work/tests/go/{name}/main.py",
                               "--clock", "virtual", "--seed", "1"])
        except BaseException as e:
            rc = f"runner raised {type(e).__name__}: {e}"
    results[name] = {"stdout": out.getvalue(), "stderr": err.getvalue(), "rc": rc}
json.dumps(results)
"""


def twin_names() -> list[str]:
    return sorted(p.parent.name for p in GO_DIR.glob("*/main.py"))


def twin_skip_reason(name: str) -> str | None:
    found = TWIN_SKIPS.search((GO_DIR / name / "main.py").read_text(encoding="utf-8"))
    if found is None:
        return None
    return f"uses {found.group(0).rstrip('(')}: no threads, processes or real I/O in a browser"


def _package_paths(name: str) -> list[Path]:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        pytest.skip(f"{name} is not installed here, so it cannot be copied into Pyodide")
    origin = Path(spec.origin)
    top = origin.parent if origin.name == "__init__.py" else origin
    site = top.parent
    infos = [p for p in site.glob("*.dist-info")
             if name != "_pytest" and p.name.lower().startswith(name.replace("-", "_") + "-")]
    return [top, *infos]


def _zip_tree(zf: zipfile.ZipFile, path: Path, base: Path) -> None:
    files = [path] if path.is_file() else sorted(path.rglob("*"))
    for f in files:
        if f.is_file() and "__pycache__" not in f.parts:
            zf.write(f, f.relative_to(base).as_posix())


def build_site(dest: Path) -> None:
    sys.path.insert(0, str(ROOT / "book"))
    try:
        from vendor import PYODIDE, PYODIDE_FILES, tarball
        from wheel import build_wheel
    finally:
        sys.path.remove(str(ROOT / "book"))
    (dest / "pyodide").mkdir(parents=True)
    with tarfile.open(tarball(*PYODIDE)) as tar:
        for member in tar.getmembers():
            rel = member.name.removeprefix("package/")
            if member.isfile() and rel in PYODIDE_FILES:
                source = tar.extractfile(member)
                assert source is not None
                (dest / "pyodide" / rel).write_bytes(source.read())
    shutil.copyfile(build_wheel(dest / "wheel"), dest / "goconc.whl")
    with zipfile.ZipFile(dest / "pytestdeps.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        for name in PYTEST_DEPS:
            for path in _package_paths(name):
                _zip_tree(zf, path, path.parent)
    with zipfile.ZipFile(dest / "tests.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(TESTS.glob("*.py")):
            _zip_tree(zf, path, ROOT)
        for path in sorted(GO_DIR.glob("*.py")):  # runtwin.py, gofmt.py
            _zip_tree(zf, path, ROOT)
        for path in sorted(GO_DIR.glob("*/main.py")):
            _zip_tree(zf, path, ROOT)
        if (TESTS / "golden").is_dir():
            _zip_tree(zf, TESTS / "golden", ROOT)
    (dest / "index.html").write_text(RUNNER_HTML, encoding="utf-8")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def browser_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Everything the browser ran, once per session: the pytest run and the twins."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (make test does)")
    site = tmp_path_factory.mktemp("pyodide-site")
    build_site(site)
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    foreign: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(base):
            r.continue_()
        else:
            foreign.append(r.request.url)
            r.abort()

    profile = tmp_path_factory.mktemp("chromium-profile")
    result: dict[str, Any] = {"foreign": foreign}
    try:
        with sync_api.sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                str(profile), executable_path=str(CHROMIUM), headless=True,
                args=CHROMIUM_FLAGS)
            context.set_default_timeout(BROWSER_TIMEOUT_MS)
            context.route("**/*", route)
            try:
                page = context.new_page()
                page.goto(base + "index.html")
                result["platform"] = page.evaluate("window.ready")
                code = f"FILES = {LIBRARY_TESTS!r}\n" + PYTEST_INSIDE
                result["pytest_rc"] = int(page.evaluate("(c) => window.run(c)", code))
                result["pytest_out"] = "\n".join(page.evaluate("window.out"))
                result["junit"] = page.evaluate(
                    "window.py.FS.readFile('/home/pyodide/junit.xml', {encoding: 'utf8'})")
                names = [n for n in twin_names() if twin_skip_reason(n) is None]
                code = f"NAMES = {names!r}\n" + TWINS_INSIDE
                result["twins"] = json.loads(page.evaluate("(c) => window.run(c)", code))
            finally:
                context.close()
        yield result
    finally:
        httpd.shutdown()
        httpd.server_close()
        shutil.rmtree(profile, ignore_errors=True)


def test_pyodide_runs_without_foreign_requests(browser_run: dict[str, Any]) -> None:
    assert browser_run["platform"] == "emscripten"
    assert browser_run["foreign"] == []


def test_library_tests_pass_in_pyodide(browser_run: dict[str, Any]) -> None:
    import xml.etree.ElementTree as ET

    suite = ET.fromstring(browser_run["junit"])
    cases = suite.iter("testcase")
    failed, skipped, passed = [], [], 0
    for case in cases:
        name = f"{case.get('classname')}::{case.get('name')}"
        bad = case.find("failure") if case.find("failure") is not None else case.find("error")
        skip = case.find("skipped")
        if bad is not None:
            failed.append(f"{name}: {bad.get('message', '')[:300]}")
        elif skip is not None:
            skipped.append(f"{name}: {skip.get('message', '')}")
        else:
            passed += 1
    print(f"\nin Pyodide: {passed} passed, {len(skipped)} skipped, {len(failed)} failed")
    print("skipped in Pyodide:\n  " + "\n  ".join(skipped))
    assert passed > 0
    assert failed == [], browser_run["pytest_out"][-20000:]
    assert browser_run["pytest_rc"] == 0, browser_run["pytest_out"][-20000:]


def _first_line(text: str) -> str:
    return text.partition("\n")[0]


@functools.cache
def cpython_twin(name: str) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, str(GO_DIR / "runtwin.py"), str(GO_DIR / name / "main.py"),
         "--clock", "virtual", "--seed", "1"],
        capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    return {"stdout": proc.stdout, "stderr": proc.stderr, "rc": proc.returncode}


@pytest.mark.parametrize("name", twin_names())
def test_twin_prints_the_same_in_pyodide(name: str, browser_run: dict[str, Any]) -> None:
    why = twin_skip_reason(name)
    if why is not None:
        pytest.skip(f"in Pyodide: {why}")
    got = browser_run["twins"][name]
    want = cpython_twin(name)
    assert got["rc"] == want["rc"], got["stderr"][-3000:]
    assert got["stdout"] == want["stdout"]
    assert _first_line(got["stderr"]) == _first_line(want["stderr"])
