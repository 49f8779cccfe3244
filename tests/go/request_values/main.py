"""Request-scoped values (chapter 18): context.with_value carries a request ID to every
goroutine that the request starts, because each one is given ctx."""

import goconc
from goconc import context, sync


class _RequestIDKey:
    """A private key type: no other module can make a key equal to it."""


REQUEST_ID = _RequestIDKey()


def log_line(ctx: context.Context, msg: str) -> str:
    id = ctx.value(REQUEST_ID)
    if not isinstance(id, str):
        id = "-"
    return "[" + id + "] " + msg


def handle(ctx: context.Context, id: str) -> list[str]:
    ctx = context.with_value(ctx, REQUEST_ID, id)
    steps = ["query users", "query orders"]
    lines = [""] * len(steps)
    wg = sync.WaitGroup()
    for i, step in enumerate(steps):

        def run(i: int = i, step: str = step) -> None:
            lines[i] = log_line(ctx, step)

        wg.go(run)
    wg.wait()
    return lines


def main() -> None:
    ctx = context.background()
    for id in ("req-1", "req-2"):
        for line in handle(ctx, id):
            print(line)
    print(log_line(ctx, "outside any request"))


if __name__ == "__main__":
    goconc.run(main)
