"""A pytest plugin for goconc's tests inside Pyodide (``-p pyodide_skips``; see test_pyodide.py).

It skips, with the reason, each test that cannot run in a browser, decided by what the
test's own source uses (so a new test is sorted the same way without editing a list):

* real threads or processes (``threading``, ``subprocess``, ``blocking(``, signals):
  WebAssembly in the browser has neither, and ``blocking()`` needs a thread;
* many goroutines (``range(N)`` or ``n = N`` with N of 10,000 or more): each parked goroutine is a
  suspended WebAssembly stack, and Chromium's tab runs out of memory on the way to
  100,000 (it crashed at 20,000 parked receivers);
* IPython, the notebook machinery and Go itself (``IPython``, ``go_tools``, ``nbformat``).

``SKIP_BY_NAME`` holds the few tests skipped for another reason, each with it.
It also makes ``greenlet`` importable as goconc's own JSPI stacks, so that the tests that
count live stacks (``from greenlet import greenlet``) count the browser's.
"""

from __future__ import annotations

import inspect
import re
import sys
from typing import Any

import pytest

RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bthreading\b|\bThread\(|\b_thread\b"),
     "uses OS threads, which Pyodide in a browser does not have"),
    (re.compile(r"\bsubprocess\b|sys\.executable|import signal|\bsignal\.[a-z_]*(SIG|alarm|raise)"
                r"|os\.kill|interrupt_main"),
     "starts a process or sends a signal, which a browser cannot"),
    (re.compile(r"\bblocking\(|blocking_thread"),
     "uses goconc.blocking(), which runs the call on a thread of its own"),
    (re.compile(r"\bIPython\b|\bipython\b|nbformat|go_tools|\bgo build\b"),
     "needs IPython, the notebook tools or Go, which are not in the browser"),
]

SKIP_BY_NAME: dict[str, str] = {
    "test_ctrl_c_at_every_line_of_the_runtime_stops_the_program_cleanly":
        "injects Ctrl-C at each of the runtime's ~3,500 reachable lines, one whole program "
        "per injection: hours at the browser's stack-switch speed (a JSPI switch costs about "
        "0.5 ms on this machine, a greenlet switch well under 1 us), and a browser has no "
        "Ctrl-C to deliver (the page's Reset ends the worker instead)",
}


#: A loop of this many rounds or more (``range(N)``, ``n = N``) in a test: it starts that many
#: goroutines. Each parked goroutine is a suspended WebAssembly stack, and the tab runs out
#: of memory on the way to 100,000 (it crashed at 20,000 parked receivers).
MANY = 10_000
_RANGE = re.compile(r"range\(\s*([\d_]+)\s*\)|\bn\s*=\s*([\d_]+)\b")
_MANY_WHY = ("starts 10,000 or more goroutines: minutes at the browser's stack-switch speed, "
             "and when they wait at once (each a suspended WebAssembly stack) more memory "
             "than the tab has")


def _install_greenlet_alias() -> None:
    if sys.platform == "emscripten" and "greenlet" not in sys.modules:
        from goconc import _jspi

        sys.modules["greenlet"] = _jspi


_install_greenlet_alias()


def reason_for(item: Any) -> str | None:
    name = item.name.partition("[")[0]
    if name in SKIP_BY_NAME:
        return SKIP_BY_NAME[name]
    fn = getattr(item, "function", None)
    if fn is None:
        return None
    try:
        source = inspect.getsource(fn)
    except (OSError, TypeError):
        return None
    for pattern, why in RULES:
        if pattern.search(source):
            return why
    if any(int(a or b) >= MANY for a, b in _RANGE.findall(source)):
        return _MANY_WHY
    return None


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    for item in items:
        why = reason_for(item)
        if why is not None:
            item.add_marker(pytest.mark.skip(reason=f"in Pyodide: {why}"))
