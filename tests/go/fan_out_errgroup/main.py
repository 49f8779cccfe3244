"""The lesson's process with errgroup: the first error is returned, and it cancels the rest."""

from __future__ import annotations

import goconc
from goconc import chan, context, errgroup, go, recv, select, send, time

Item = int
Result = int


def work(ctx: context.Context, item: Item) -> Result:
    """Square an item after 10ms; multiples of 5 are bad input."""
    if item % 5 == 0:
        raise ValueError(f"item {item}: bad input")
    match select(recv(time.after(10 * time.Millisecond)), recv(ctx.done())):
        case 0, _:
            return item * item
        case _:
            raise ctx.err()


def process(ctx: context.Context, items: list[Item]) -> tuple[list[Result], BaseException | None]:
    g, ctx = errgroup.with_context(ctx)  # the first error cancels this ctx
    jobs = chan(int)
    results = chan(int, len(items))

    # Fan out: start N workers; an exception ends the worker and is kept by g
    def worker() -> None:
        for item in jobs:
            results.send(work(ctx, item))

    for _ in range(10):
        g.go(worker)

    # Feed jobs
    def feed() -> None:
        try:
            for item in items:
                match select(send(jobs, item), recv(ctx.done())):
                    case 1, _:
                        raise ctx.err()
        finally:
            jobs.close()

    g.go(feed)

    # Wait, then close results
    def close_results() -> None:
        try:
            g.wait()
        except Exception:
            pass  # the parent's own wait() below reports it
        results.close()

    go(close_results)

    out = [r for r in results]
    try:
        g.wait()  # raises the first error
    except Exception as err:
        return out, err
    return out, None


def golist(values: list[int]) -> str:
    return "[" + " ".join(map(str, values)) + "]"


def show(err: BaseException | None) -> str:
    return "<nil>" if err is None else str(err)


def main() -> None:
    out, err = process(context.background(), list(range(1, 5)))
    print(len(out), "results:", golist(sorted(out)), "err:", show(err))

    # Item 5 fails at once; the eight good items were still in work.
    out, err = process(context.background(), list(range(1, 10)))
    print("err:", show(err), "| the good items were stopped:", str(len(out) < 8).lower())


if __name__ == "__main__":
    goconc.run(main)
