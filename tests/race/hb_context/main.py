"""Happens-before: a context's cancel before its done() channel's close is seen."""

import goconc
from goconc import context, go


def main() -> None:
    ctx, cancel = context.with_cancel(context.background())
    reason = ""

    def stop() -> None:
        nonlocal reason
        reason = "shutdown"
        cancel()

    go(stop)
    done = ctx.done()
    assert done is not None
    done.recv()
    print(reason, ctx.err())


if __name__ == "__main__":
    goconc.run(main)
