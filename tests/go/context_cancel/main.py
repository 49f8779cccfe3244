"""Cancellation flows from parent to descendants, never to the parent or siblings."""

from typing import Any

import goconc
from goconc import chan, context, go


def show(err: Any) -> str:
    return "<nil>" if err is None else str(err)


def main() -> None:
    root = context.background()
    parent, cancel_parent = context.with_cancel(root)
    child1, cancel_child1 = context.with_cancel(parent)
    child2, cancel_child2 = context.with_cancel(parent)
    grandchild, cancel_grandchild = context.with_cancel(child2)

    cancel_child1()
    print("after cancelling child1:")
    print("  child1:", show(child1.err()))
    print("  parent:", show(parent.err()))
    print("  child2:", show(child2.err()))
    print("  grandchild:", show(grandchild.err()))

    cancel_parent()
    # A direct cancel marks every descendant done before it returns.
    print("after cancelling parent:")
    print("  parent:", show(parent.err()))
    print("  child2:", show(child2.err()))
    print("  grandchild:", show(grandchild.err()))
    print("  root:", show(root.err()))

    late, cancel_late = context.with_cancel(parent)
    print("derived from a cancelled parent:", show(late.err()))
    for cancel in (cancel_late, cancel_grandchild, cancel_child2):
        cancel()

    # Goroutines watching done() all wake up on cancel.
    ctx, cancel = context.with_cancel(root)
    stopped = chan(int)

    def worker(i: int) -> None:
        done = ctx.done()
        assert done is not None
        done.recv()
        stopped.send(i)

    for i in range(3):
        go(worker, i)
    cancel()
    print("all three workers stopped; ids sum to", sum(stopped.recv() for _ in range(3)))


if __name__ == "__main__":
    goconc.run(main)
