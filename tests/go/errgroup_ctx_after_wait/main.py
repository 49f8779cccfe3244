"""The context of errgroup.with_context is cancelled when wait returns, even if
every function succeeded: do not use it for work after wait."""

from gofmt import show

import goconc
from goconc import context, errgroup


def main() -> None:
    parent = context.background()
    g, gctx = errgroup.with_context(parent)
    g.go(lambda: None)
    g.wait()
    print("Wait:", show(None))
    print("group ctx after Wait:", show(gctx.err()), "| cause:", show(context.cause(gctx)))
    print("parent ctx:", show(parent.err()))


if __name__ == "__main__":
    goconc.run(main)
