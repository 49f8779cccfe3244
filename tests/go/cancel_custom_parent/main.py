"""with_cancel on a parent that is not one of the context package's own types
starts a goroutine that watches the parent; only cancel() ends it."""

from datetime import datetime
from typing import Any

import goconc
from goconc import RecvChan, chan, context, runtime, time


class StopCtx:
    """A context of our own: done() is our channel, so the context package
    cannot link the child into a parent's child set and must watch it."""

    def __init__(self, parent: context.Context) -> None:
        self.parent = parent
        self.stop = chan()

    def done(self) -> RecvChan[Any]:
        return self.stop.recv_only()

    def err(self) -> BaseException | None:
        return self.parent.err()

    def deadline(self) -> tuple[datetime | None, bool]:
        return self.parent.deadline()

    def value(self, key: object) -> Any:
        return self.parent.value(key)


def main() -> None:
    parent = StopCtx(context.background())
    print("goroutines at start:", runtime.num_goroutine())

    cancels = []
    for _ in range(100):
        _, cancel = context.with_cancel(parent)  # a request that forgets cancel (for now)
        cancels.append(cancel)
    print("after 100 WithCancel without cancel:", runtime.num_goroutine())

    for cancel in cancels:
        cancel()
    while runtime.num_goroutine() > 1:
        time.sleep(time.Millisecond)
    print("after calling every cancel:", runtime.num_goroutine())


if __name__ == "__main__":
    goconc.run(main)
