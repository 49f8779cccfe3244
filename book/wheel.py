"""Build goconc's wheel for the browser, without a build backend: goconc is pure Python.

The wheel holds what ``pip install`` would install from ``[tool.setuptools]`` (the
``goconc`` package and its package data) and a ``.dist-info`` with METADATA, WHEEL and
RECORD. Its requirement on greenlet carries the marker ``sys_platform != "emscripten"``:
in the browser goconc's stacks switch through JSPI (``goconc/_jspi.py``).

Entries are sorted and dated 1980-01-01, so the same sources give the same bytes.
Used by ``book/vendor.py`` (the website's Run control) and ``tests/test_pyodide.py``.
"""

from __future__ import annotations

import base64
import hashlib
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_SUFFIXES = {".py", ".typed", ".js", ".css"}


def _record_hash(data: bytes) -> str:
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def build_wheel(dest: Path, root: Path = ROOT) -> Path:
    """Write ``goconc-<version>-py3-none-any.whl`` into ``dest`` and return its path."""
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    name, version = project["name"], project["version"]
    files: dict[str, bytes] = {}
    for path in sorted((root / "goconc").rglob("*")):
        if path.is_file() and path.suffix in DATA_SUFFIXES and "__pycache__" not in path.parts:
            files[path.relative_to(root).as_posix()] = path.read_bytes()
    info = f"{name}-{version}.dist-info"
    requires = "".join(f"Requires-Dist: {req}; sys_platform != \"emscripten\"\n"
                       for req in project.get("dependencies", []))
    files[f"{info}/METADATA"] = (
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
        f"Summary: {project.get('description', '')}\n"
        f"Requires-Python: {project.get('requires-python', '>=3.11')}\n{requires}").encode()
    files[f"{info}/WHEEL"] = (b"Wheel-Version: 1.0\nGenerator: goconc book/wheel.py\n"
                              b"Root-Is-Purelib: true\nTag: py3-none-any\n")
    record = "".join(f"{p},{_record_hash(d)},{len(d)}\n" for p, d in files.items())
    files[f"{info}/RECORD"] = (record + f"{info}/RECORD,,\n").encode()
    dest.mkdir(parents=True, exist_ok=True)
    out = dest / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as whl:
        for path, data in files.items():
            entry = zipfile.ZipInfo(path, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            whl.writestr(entry, data)
    return out


if __name__ == "__main__":
    import sys

    print(build_wheel(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist"))
