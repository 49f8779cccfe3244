"""The animation widget: replays a ``goconc.trace.Trace`` in a notebook and on the website.

An ``anywidget.AnyWidget`` whose front-end (``_widget/animation.js`` and ``.css``) ships
inside the package. The whole trace travels in one traitlet, ``trace_data``, so a page
that embeds the widget's state (Jupyter Book does) plays it with no kernel and no network.

For nbval, the widget's ``text/plain`` representation is the trace's story and summary:
deterministic on the virtual clock, so a saved notebook's output checks what happened.
This module and ``goconc.magic`` are the only ones that import anywidget or IPython.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from .trace import Trace, trace

__all__ = ["Animation", "animate"]

_HERE = Path(__file__).parent / "_widget"

#: The widget carries at most this many events; a longer trace is cut (and says so).
MAX_EVENTS = 5000
#: text/plain shows at most this many lines of the story before the summary.
MAX_TEXT_LINES = 200


def widget_data(tr: Trace, max_events: int = MAX_EVENTS) -> dict[str, Any]:
    """The trace as the widget's ``trace_data``: ``Trace.to_dict()``, cut to whole steps
    within ``max_events`` events."""
    data = tr.to_dict()
    if len(data["events"]) > max_events:
        steps = [s for s in data["steps"] if s[1] < max_events]
        last = steps[-1][1] + 1 if steps else 0
        data["events"] = data["events"][:last]
        data["steps"] = steps
        data["truncated"] = True
    return data


class Animation(anywidget.AnyWidget):
    """A widget that replays a trace: one lane per goroutine, a pipe per channel.

    Controls: play/pause, step back and forward (also the arrow keys), speed, a
    scrubber, restart, and a reduced-motion toggle (on by default when the reader's
    system asks for reduced motion).
    """

    _esm = (_HERE / "animation.js").read_text(encoding="utf-8")
    _css = (_HERE / "animation.css").read_text(encoding="utf-8")
    trace_data = traitlets.Dict().tag(sync=True)

    def __init__(self, tr: Trace, **kwargs: Any) -> None:
        super().__init__(trace_data=widget_data(tr), **kwargs)
        self.trace = tr

    def text(self) -> str:
        """What nbval compares: the story (cut to ``MAX_TEXT_LINES``) and the summary."""
        lines = self.trace.text().splitlines()
        if len(lines) > MAX_TEXT_LINES:
            cut = len(lines) - MAX_TEXT_LINES
            lines = [*lines[:MAX_TEXT_LINES], f"… {cut} more steps"]
        return "\n".join([*lines, "", self.trace.summary()])

    def __repr__(self) -> str:
        return self.text()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = super()._repr_mimebundle_(**kwargs)
        # ipywidgets puts repr(widget) there; say it explicitly, as nbval compares it.
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        if isinstance(data, dict):
            data["text/plain"] = self.text()
        return bundle


def animate(main_or_trace: Trace | Callable[..., Any], *args: Any, clock: str = "virtual",
            seed: int | None = 1, **kwargs: Any) -> Animation:
    """An ``Animation`` of a ``Trace``, or of ``main`` traced first (see ``goconc.trace``).

    Example, in a notebook cell::

        goconc.animate(main)          # shows the widget; nbval checks its text
    """
    tr = main_or_trace if isinstance(main_or_trace, Trace) else \
        trace(main_or_trace, *args, clock=clock, seed=seed, **kwargs)
    return Animation(tr)
