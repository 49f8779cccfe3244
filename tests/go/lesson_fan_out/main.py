"""The lesson's fan-out/fan-in process: 10 workers, results collected, cancellation via ctx."""

from __future__ import annotations

import goconc
from goconc import chan, context, go, recv, select, send, sync, time

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
    jobs = chan(int)
    results = chan(int, len(items))

    # Fan out: start N workers
    wg = sync.WaitGroup()

    def worker() -> None:
        try:
            for item in jobs:
                try:
                    r = work(ctx, item)
                except Exception:
                    continue
                results.send(r)
        finally:
            wg.done()

    for _ in range(10):
        wg.add(1)
        go(worker)

    # Feed jobs
    def feed() -> None:
        try:
            for item in items:
                match select(send(jobs, item), recv(ctx.done())):
                    case 1, _:
                        return
        finally:
            jobs.close()

    go(feed)

    # Wait, then close results
    def close_results() -> None:
        wg.wait()
        results.close()

    go(close_results)

    out = [r for r in results]
    return out, ctx.err()


def golist(values: list[int]) -> str:
    return "[" + " ".join(map(str, values)) + "]"


def show(err: BaseException | None) -> str:
    return "<nil>" if err is None else str(err)


def main() -> None:
    # Results arrive in order of completion: sort them to print.
    out, err = process(context.background(), list(range(1, 21)))
    print(len(out), "results:", golist(sorted(out)), "err:", show(err))

    ctx, cancel = context.with_timeout(context.background(), 35 * time.Millisecond)
    out, err = process(ctx, list(range(1, 101)))
    cancel()
    print("timed out part way: some results:", str(len(out) > 0).lower(),
          "| not all:", str(len(out) < 80).lower(), "| err:", show(err))

    ctx, cancel = context.with_cancel(context.background())
    cancel()
    out, err = process(ctx, list(range(1, 21)))
    print("cancelled before the start:", len(out), "results:", golist(out), "err:", show(err))


if __name__ == "__main__":
    goconc.run(main)
