"""What the unit tests share: running a program on the virtual clock, yielding, its time.

Imported by name (``from vclock import vrun``): pytest puts ``tests/`` on ``sys.path``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

import goconc
from goconc import Deadlock, runtime, time


def vrun(main: Any, *args: Any, seed: int = 1, leaks: str = "ignore", **kwargs: Any) -> Any:
    """``goconc.run`` on the virtual clock with a fixed seed, so every run is the same.

    Leaks are ignored unless a test asks (``leaks="raise"`` or ``"warn"``).
    """
    return goconc.run(main, *args, clock="virtual", seed=seed, leaks=leaks, **kwargs)


def yield_many(n: int = 5) -> None:
    """Give way ``n`` times, so that every runnable goroutine gets to run."""
    for _ in range(n):
        runtime.gosched()


#: Where the virtual clock starts (as Go's testing/synctest).
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def elapsed() -> time.Duration:
    """Virtual time since the program started."""
    return time.since(EPOCH)


def deadlock_of(main: Any) -> str:
    """The message of the Deadlock that running ``main`` ends with."""
    with pytest.raises(Deadlock) as info:
        vrun(main)
    return str(info.value)
