"""errgroup.with_context, and a deadline over the whole group (chapter 18): the first error
cancels the other calls, and so does the end of the time budget."""

import goconc
from goconc import context, errgroup, recv, select, time


def fetch(ctx: context.Context, name: str, d: time.Duration, fail: bool) -> str:
    """A call to another service: it answers after d, or fails, or gives up when ctx is done."""
    match select(recv(time.after(d)), recv(ctx.done())):
        case 0, _:
            if fail:
                raise RuntimeError(f"{name}: failed")
            return name + ": ok"
        case _:
            err = ctx.err()
            raise RuntimeError(f"{name}: {err}") from err  # Go's %w


def fetch_all(parent: context.Context, failing: str) -> None:
    g, ctx = errgroup.with_context(parent)
    ms = time.Millisecond
    calls = [("users", 100 * ms), ("orders", 300 * ms), ("stock", 600 * ms)]
    replies = [""] * len(calls)
    for i, (name, d) in enumerate(calls):

        def call(i: int = i, name: str = name, d: time.Duration = d) -> None:
            try:
                replies[i] = fetch(ctx, name, d, name == failing)
            except Exception as err:
                replies[i] = str(err)
                raise

        g.go(call)
    err: BaseException | None = None
    try:
        g.wait()
    except Exception as e:
        err = e
    for r in replies:
        print("  " + r)
    print("  Wait:", "<nil>" if err is None else err)


def main() -> None:
    print("all succeed:")
    fetch_all(context.background(), "")
    print("orders fails:")
    fetch_all(context.background(), "orders")
    print("a 400ms budget:")
    with context.with_timeout(context.background(), 400 * time.Millisecond) as ctx:
        fetch_all(ctx, "")


if __name__ == "__main__":
    goconc.run(main)
