"""goconc: Go's goroutines, channels, select, sync and context, in Python."""

from . import atomic, context, errgroup, runtime, semaphore, sync, time
from ._chan import (
    Case, Chan, ChannelStatistics, RecvChan, SendChan, chan, close, default, recv, recv_ok,
    select, send,
)
from ._errors import Deadlock, Fatal, Goexit, Leak, LeakWarning, Panic
from ._runtime import Goroutine, blocking, go, reset, run

__all__ = [
    "go", "run", "reset", "blocking", "chan", "close", "select", "recv", "recv_ok", "send",
    "default", "Chan", "SendChan", "RecvChan", "Case", "ChannelStatistics", "Goroutine",
    "Panic", "Fatal", "Deadlock", "Goexit", "Leak", "LeakWarning",
    "sync", "atomic", "time", "context", "errgroup", "semaphore", "runtime",
]
