"""without_cancel keeps the values but none of the cancellation."""

from dataclasses import dataclass

from gofmt import show

import goconc
from goconc import context, time


@dataclass(frozen=True)
class Key:
    """Go's `type key string`: a key type of our own."""

    name: str


def main() -> None:
    valued = context.with_value(context.background(), Key("k"), "v")
    parent, cancel = context.with_timeout(valued, time.Hour)
    detached = context.without_cancel(parent)
    cancel()
    print("parent:", show(parent.err()))
    _, ok = detached.deadline()
    print("detached: Err", show(detached.err()), "| Cause", show(context.cause(detached)),
          "| Done is nil", show(detached.done() is None), "| deadline", show(ok),
          "| value", show(detached.value(Key("k"))))

    # A context derived from a detached one can be cancelled on its own.
    child, cancel_child = context.with_cancel(detached)
    print("child of detached:", show(child.err()))
    cancel_child()
    print("after its own cancel:", show(child.err()))


if __name__ == "__main__":
    goconc.run(main)
