"""The lesson's context rules: first argument, not in structs, never nil, no optional parameters."""

from __future__ import annotations

from dataclasses import dataclass

import goconc
from goconc import context, recv, select, time


def fetch(ctx: context.Context, url: str) -> None:
    """Follows the rules: ctx is the first argument, and fetch gives up when ctx is done."""
    match select(recv(time.after(10 * time.Millisecond)), recv(ctx.done())):
        case 0, _:
            print("  fetched", url)
        case _:
            raise ctx.err()


class Client:
    """Breaks the rule: it keeps the context of the request that created it."""

    def __init__(self, ctx: context.Context) -> None:
        self.ctx = ctx

    def fetch(self, url: str) -> None:
        fetch(self.ctx, url)


@dataclass(frozen=True)
class CtxKey:
    name: str


PAGE_SIZE_KEY = CtxKey("page-size")


def list_hidden(ctx: context.Context) -> None:
    """Reads an optional parameter from the context: the caller cannot see it."""
    size = ctx.value(PAGE_SIZE_KEY)
    if not isinstance(size, int):
        size = 10
    print("  page size", size)


def list_(ctx: context.Context, page_size: int) -> None:
    """Takes it as an argument, where the type checker and the reader can see it."""
    print("  page size", page_size)


def err_of(f: object, *args: object) -> str:
    try:
        f(*args)  # type: ignore[operator]
    except Exception as err:
        return str(err)
    return "<nil>"


def main() -> None:
    print("context stored in a struct:")
    ctx1, cancel1 = context.with_cancel(context.background())
    client = Client(ctx1)
    print("  request 1:", err_of(client.fetch, "/a"))
    cancel1()  # request 1 is over
    print("  request 2:", err_of(client.fetch, "/b"))

    print("context passed as the first argument:")
    ctx2, cancel2 = context.with_cancel(context.background())
    print("  request 2:", err_of(fetch, ctx2, "/b"))
    cancel2()

    print("a nil parent:")
    try:
        context.with_timeout(None, time.Second)  # type: ignore[arg-type]
    except goconc.Panic as r:
        print("  recovered:", r)

    print("an optional parameter hidden in the context:")
    list_hidden(context.background())
    list_hidden(context.with_value(context.background(), PAGE_SIZE_KEY, 50))
    print("the same parameter as an argument:")
    list_(context.background(), 50)


if __name__ == "__main__":
    goconc.run(main)
