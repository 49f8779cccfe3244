"""A custom parent context costs each child a watcher goroutine, unless it has an
after_func method (Go 1.21's AfterFunc rule): then the child is registered through it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import goconc
from goconc import RecvChan, chan, context, runtime, time


class StopCtx:
    """A context of our own: done() is our channel, so the context package
    cannot link a child into a parent's child set."""

    def __init__(self) -> None:
        self.stop = chan()

    def done(self) -> RecvChan[Any]:
        return self.stop.recv_only()

    def err(self) -> BaseException | None:
        return None

    def deadline(self) -> tuple[datetime | None, bool]:
        return None, False

    def value(self, key: object) -> Any:
        return None


class AfterFuncCtx(StopCtx):
    """Adds the method that the context package looks for."""

    def __init__(self, inner: context.Context) -> None:
        super().__init__()
        self.inner = inner  # done together with stop

    def after_func(self, f: Callable[[], None]) -> Callable[[], bool]:
        return context.after_func(self.inner, f)


def watchers(parent: context.Context) -> int:
    """The goroutines that 100 with_cancel children of parent start."""
    before = runtime.num_goroutine()
    cancels = [context.with_cancel(parent)[1] for _ in range(100)]
    n = runtime.num_goroutine() - before
    for cancel in cancels:
        cancel()
    while runtime.num_goroutine() > before:
        time.sleep(time.Millisecond)  # the watchers see their child done and return
    return n


def main() -> None:
    print("a Done of our own: watcher goroutines:", watchers(StopCtx()))

    with context.with_cancel(context.background()) as inner:
        print("and an AfterFunc method: watcher goroutines:", watchers(AfterFuncCtx(inner)))


if __name__ == "__main__":
    goconc.run(main)
