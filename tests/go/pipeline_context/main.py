"""Context instead of done: ctx.done() is the done channel, cancel closes it,
and ctx.err() says why the pipeline stopped; a timeout stops it too."""

import goconc
from goconc import RecvChan, chan, context, go, recv, runtime, select, send, time


def gen(ctx: context.Context, *nums: int) -> RecvChan[int]:
    out = chan(int)

    def run() -> None:
        try:
            for n in nums:
                if select(send(out, n), recv(ctx.done()))[0] == 1:
                    return
        finally:
            out.close()

    go(run)
    return out.recv_only()


def sq(ctx: context.Context, inp: RecvChan[int]) -> RecvChan[int]:
    out = chan(int)

    def run() -> None:
        try:
            for n in inp:
                if select(send(out, n * n), recv(ctx.done()))[0] == 1:
                    return
        finally:
            out.close()

    go(run)
    return out.recv_only()


def count(ctx: context.Context, every: time.Duration) -> RecvChan[int]:
    """A generator that never runs out: a value every tick, until ctx is done."""
    out = chan(int)

    def run() -> None:
        tick = time.new_ticker(every)
        try:
            n = 0
            while True:
                if select(recv(tick.c), recv(ctx.done()))[0] == 1:
                    return
                if select(send(out, n), recv(ctx.done()))[0] == 1:
                    return
                n += 1
        finally:
            tick.stop()
            out.close()

    go(run)
    return out.recv_only()


def main() -> None:
    ctx, cancel = context.with_cancel(context.background())
    out = sq(ctx, sq(ctx, gen(ctx, 2, 3, 4)))
    print("first value:", out.recv())
    cancel()  # instead of done.close()
    time.sleep(100 * time.Millisecond)
    print("goroutines still there:", runtime.num_goroutine(), "| ctx.Err():", ctx.err())

    # A deadline stops the pipeline as well: the for loop ends when sq closes out.
    with context.with_timeout(context.background(), 700 * time.Millisecond) as ctx:
        start = time.now()  # times are truncated: a busy machine is late, never early
        for n in sq(ctx, count(ctx, 200 * time.Millisecond)):
            print(n, "at", time.since(start).truncate(100 * time.Millisecond))
        print(f"stopped at {time.since(start).truncate(100 * time.Millisecond)}:", ctx.err())


if __name__ == "__main__":
    goconc.run(main)
