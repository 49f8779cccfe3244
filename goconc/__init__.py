"""goconc: Go's goroutines, channels, select, sync and context, in Python."""

from typing import Any

from . import atomic, context, errgroup, runtime, semaphore, sync, time
from ._chan import (
    Case,
    Chan,
    ChannelStatistics,
    RecvChan,
    SendChan,
    chan,
    close,
    default,
    recv,
    recv_ok,
    select,
    send,
)
from ._errors import AbandonWarning, DataRace, Deadlock, Fatal, Goexit, Leak, LeakWarning, Panic
from ._runtime import Goroutine, blocking, go, reset, run
from .trace import Trace, trace

__all__ = [
    "AbandonWarning",
    "Case",
    "Chan",
    "ChannelStatistics",
    "DataRace",
    "Deadlock",
    "Fatal",
    "Goexit",
    "Goroutine",
    "Leak",
    "LeakWarning",
    "Panic",
    "RecvChan",
    "SendChan",
    "Trace",
    "animate",
    "atomic",
    "blocking",
    "chan",
    "close",
    "context",
    "default",
    "errgroup",
    "go",
    "recv",
    "recv_ok",
    "reset",
    "run",
    "runtime",
    "select",
    "semaphore",
    "send",
    "sync",
    "time",
    "trace",
]


def animate(main_or_trace: Any, *args: Any, clock: str = "virtual", seed: int | None = 1,
            **kwargs: Any) -> Any:
    """Animate a program's channel sends and receives: a widget replaying its trace.

    ``main_or_trace`` is a ``Trace`` or a function, which is traced first with
    ``goconc.trace(main, *args, clock=clock, seed=seed, **kwargs)``. The widget
    (``goconc.widget.Animation``) needs anywidget; it is imported only here, so
    ``import goconc`` needs nothing but greenlet.
    """
    from .widget import animate as _animate

    return _animate(main_or_trace, *args, clock=clock, seed=seed, **kwargs)


# In a notebook, show goconc's failures as the user's lines and Go's message.
if "IPython" in __import__("sys").modules:
    from . import _ipython

    _ipython.install()
