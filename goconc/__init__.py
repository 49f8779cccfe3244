"""goconc: Go's goroutines, channels, select, sync and context, in Python."""

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
from ._errors import Deadlock, Fatal, Goexit, Leak, LeakWarning, Panic
from ._runtime import Goroutine, blocking, go, reset, run

__all__ = [
    "Case",
    "Chan",
    "ChannelStatistics",
    "Deadlock",
    "Fatal",
    "Goexit",
    "Goroutine",
    "Leak",
    "LeakWarning",
    "Panic",
    "RecvChan",
    "SendChan",
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
]

# In a notebook, show goconc's failures as the user's lines and Go's message.
if "IPython" in __import__("sys").modules:
    from . import _ipython

    _ipython.install()
