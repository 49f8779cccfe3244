"""Load the code of an exercise's solution from a chapter notebook, so a test can check it.

A solution is a MyST block in a markdown cell::

    ````{solution} <label>
    :class: dropdown

    ```python
    ...code...
    ```
    ````

The tests run the code of the *page* (the first ``python`` fence of the block), not a
copy of it, so the solution a reader unfolds is the one that is tested.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import goconc

CHAPTERS = Path(__file__).resolve().parents[2] / "chapters"

T = TypeVar("T")


def solution_code(notebook: str, label: str) -> str:
    """The Python code in the ``{solution} label`` block of ``chapters/<notebook>``."""
    nb = json.loads((CHAPTERS / notebook).read_text())
    block = re.compile(
        r"^(?P<fence>`{3,}|:{3,})\{solution\}\s+" + re.escape(label) + r"\s*$"
        r"(?P<body>.*?)^(?P=fence)\s*$",
        re.MULTILINE | re.DOTALL,
    )
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        source = "".join(cell["source"])
        m = block.search(source)
        if m is None:
            continue
        code = re.search(r"^```python\n(.*?)^```\s*$", m["body"], re.MULTILINE | re.DOTALL)
        assert code is not None, f"{notebook}: solution {label} has no python block"
        return code[1]
    raise AssertionError(f"{notebook}: no solution labelled {label}")


def run_solution(notebook: str, label: str, check: Callable[[dict[str, Any]], T]) -> T:
    """Run the solution's code as main of a fresh goconc program, then ``check(namespace)``.

    The program runs on the virtual clock with a fixed seed, and a goroutine still
    blocked when ``check`` returns fails the test (``leaks="raise"``).
    """
    code = compile(solution_code(notebook, label), f"<{notebook}:{label}>", "exec")

    def main() -> T:
        namespace: dict[str, Any] = {"__name__": f"solution_{label}"}
        exec(code, namespace)
        return check(namespace)

    result: T = goconc.run(main, clock="virtual", seed=1, leaks="raise")
    return result
