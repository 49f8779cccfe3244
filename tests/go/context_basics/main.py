"""background() and todo(): never done, no deadline, no values; their str."""

from dataclasses import dataclass

from gofmt import show

import goconc
from goconc import context


@dataclass(frozen=True)
class CtxKey:
    """A key type of our own: no other package can collide with it."""

    name: str


KEY = CtxKey("k")


def main() -> None:
    for ctx in (context.background(), context.todo()):
        deadline, ok = ctx.deadline()
        print(ctx, "| Done is nil:", show(ctx.done() is None), "| Err:", show(ctx.err()),
              "| Cause:", show(context.cause(ctx)),
              "| has deadline:", show(ok), show(deadline is None),
              "| Value:", show(ctx.value(KEY)))

    ctx, cancel = context.with_cancel(context.background())
    print(ctx)
    print("Done is the same channel every call:", show(ctx.done() == ctx.done()))
    print("Err before cancel:", show(ctx.err()))
    cancel()
    done = ctx.done()
    assert done is not None
    done.recv()
    print("Err after cancel:", show(ctx.err()))
    cancel()  # a second cancel does nothing
    print("Err after a second cancel:", show(ctx.err()))

    child, cancel_child = context.with_cancel(context.todo())
    try:
        print(child)
        print(context.without_cancel(child))
    finally:
        cancel_child()


if __name__ == "__main__":
    goconc.run(main)
