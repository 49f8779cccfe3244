"""with_cancel_cause and cause(); with_timeout_cause sets the cause only when the deadline fires."""

from datetime import timedelta

from gofmt import show

import goconc
from goconc import context, time


def main() -> None:
    bg = context.background()
    print("Cause(Background):", show(context.cause(bg)))

    ctx, cancel = context.with_cancel_cause(bg)
    print("before cancel:", show(ctx.err()), show(context.cause(ctx)))
    cancel(Exception("database is down"))
    print("Err:", show(ctx.err()), "| Cause:", show(context.cause(ctx)))
    cancel(Exception("too late"))
    print("the first cause stays:", show(context.cause(ctx)))

    nil_cause, cancel_nil = context.with_cancel_cause(bg)
    cancel_nil(None)
    print("cancel(nil):", show(nil_cause.err()), "| Cause:", show(context.cause(nil_cause)))

    # Children inherit the parent's cause; a child cancelled first keeps its own.
    parent, cancel_parent = context.with_cancel_cause(bg)
    child, cancel_child = context.with_cancel_cause(parent)
    first, cancel_first = context.with_cancel_cause(parent)
    cancel_first(Exception("child's own reason"))
    cancel_parent(Exception("shutting down"))
    print("child:", show(child.err()), "| Cause:", show(context.cause(child)))
    print("first:", show(first.err()), "| Cause:", show(context.cause(first)))
    cancel_child(None)

    slow = Exception("backend too slow")
    tctx, cancel_t = context.with_timeout_cause(bg, 10 * time.Millisecond, slow)
    done = tctx.done()
    assert done is not None
    done.recv()
    print("timeout:", show(tctx.err()), "| Cause:", show(context.cause(tctx)))
    cancel_t()

    ectx, cancel_e = context.with_timeout_cause(bg, time.Hour, slow)
    cancel_e()
    print("early cancel:", show(ectx.err()), "| Cause:", show(context.cause(ectx)))

    dctx, cancel_d = context.with_deadline_cause(bg, time.now() + timedelta(milliseconds=10), slow)
    done = dctx.done()
    assert done is not None
    done.recv()
    print("deadline:", show(dctx.err()), "| Cause:", show(context.cause(dctx)))
    cancel_d()


if __name__ == "__main__":
    goconc.run(main)
