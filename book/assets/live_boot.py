"""The live cells' side inside Pyodide (run once by live-worker.js, after goconc's wheel is
unpacked): turn a notebook cell into Python, run it as the top-level main goroutine, and say
what to show under it.

* ``%%goconc [options]`` cells run through ``goconc.magic.goconc_cell``, as in Jupyter;
* ``%%go`` cells (Go programs) and other cell magics cannot run here: the page keeps their
  static output and says why;
* IPython line magics (``%pip``, ``%load_ext``, ...) and shell lines (``!cmd``) become
  ``pass``: goconc is installed already, and the magics are loaded by this runner;
* the value of a cell's last expression is shown as IPython would (``repr``, nothing for
  None); an animation (``goconc.animate``, ``%%goconc --animate``) comes back as its trace
  data, which the page plays with the widget's own JavaScript.

``anywidget`` and ``traitlets`` are not in the browser: ``goconc.widget`` imports the two
small stand-ins below, which keep what the page needs (the widget's ``trace_data``).
"""

import json
import re
import sys
import traceback
import types

from pyodide.code import eval_code_async

_anywidget = types.ModuleType("anywidget")
_traitlets = types.ModuleType("traitlets")


class AnyWidget:
    def __init__(self, **kwargs):
        self.__dict__.update(kwargs)


class _Trait:
    def tag(self, **kwargs):
        return None


_anywidget.AnyWidget = AnyWidget
_traitlets.Dict = _Trait
sys.modules.setdefault("anywidget", _anywidget)
sys.modules.setdefault("traitlets", _traitlets)

import goconc  # noqa: E402
import goconc.magic  # noqa: E402, F401 (ready for %%goconc cells)

NAMESPACE = {"__name__": "__main__"}
_MAGIC_LINE = re.compile(r"^(\s*)([%!].*)$")
_HIDDEN = ("/lib/python", "/_pyodide/", "/pyodide/", "<exec>", "live_boot")


def kind(source):
    """'go' (a Go program), 'magic' (another cell magic), or 'python'."""
    first = source.lstrip().split("\n", 1)[0]
    if first.startswith("%%go") and not first.startswith("%%goconc"):
        return "go"
    if first.startswith("%%") and not first.startswith("%%goconc"):
        return "magic"
    return "python"


def to_python(source):
    """The Python that runs ``source``: a %%goconc cell calls goconc_cell, magics are skipped."""
    text = source.lstrip("\n")
    if text.startswith("%%goconc"):
        line, _, body = text.partition("\n")
        return (f"import goconc.magic as _gm\n"
                f"_gm.goconc_cell({line[len('%%goconc'):].strip()!r}, {body!r}, globals())")
    out = []
    for line in source.split("\n"):
        m = _MAGIC_LINE.match(line)
        out.append(f"{m.group(1)}pass  # {m.group(2)}" if m else line)
    return "\n".join(out)


def _show_error(exc):
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if not any(h in f.filename for h in _HIDDEN)
              and "/goconc/" not in f.filename]
    lines = ["Traceback (most recent call last):\n"] if frames else []
    lines += traceback.format_list(frames)
    lines += traceback.format_exception_only(type(exc), exc)
    sys.stderr.write("".join(lines))


def _result(value):
    if value is None:
        return None
    data = getattr(value, "trace_data", None)
    if isinstance(data, dict) and hasattr(type(value), "_esm"):
        return json.dumps({"widget": data, "text": repr(value)})
    return json.dumps({"text": repr(value)})


async def run(source, filename):
    """Run one cell; return JSON of what to show (or None)."""
    try:
        value = await eval_code_async(to_python(source), NAMESPACE, filename=filename)
        return _result(value)
    except BaseException as exc:  # the cell's error is shown under it, as in Jupyter
        _show_error(exc)
        return json.dumps({"error": type(exc).__name__})
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
