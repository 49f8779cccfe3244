"""with_value: lookups walk up through every derived context; the innermost value wins."""

from __future__ import annotations

from dataclasses import dataclass

from gofmt import show

import goconc
from goconc import context


@dataclass(frozen=True)
class CtxKey:
    """A key type of our own, so no other package's key can collide with it."""

    name: str


REQUEST_ID_KEY = CtxKey("request-id")
USER_KEY = CtxKey("user")



def describe(ctx: context.Context) -> None:
    print("request id:", show(ctx.value(REQUEST_ID_KEY)), "| user:", show(ctx.value(USER_KEY)))


def main() -> None:
    ctx = context.with_value(context.background(), REQUEST_ID_KEY, "req-1")
    describe(ctx)
    ctx = context.with_value(ctx, USER_KEY, "ada")
    cctx, cancel = context.with_cancel(ctx)
    describe(cctx)
    inner = context.with_value(cctx, USER_KEY, "grace")
    describe(inner)
    describe(ctx)  # the parent does not see the child's value
    print("missing key:", show(inner.value(CtxKey("missing"))))
    cancel()

    try:
        context.with_value(ctx, None, "x")
    except goconc.Panic as r:
        print("recovered:", r)
    try:
        context.with_cancel(None)  # type: ignore[arg-type]
    except goconc.Panic as r:
        print("recovered:", r)


if __name__ == "__main__":
    goconc.run(main)
