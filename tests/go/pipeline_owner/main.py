"""A goroutine that owns its state: dedupe's set lives in its goroutine,
and only that goroutine touches it, so it needs no lock."""

import goconc
from goconc import RecvChan, chan, context, go, recv, select, send


def gen(ctx: context.Context, *words: str) -> RecvChan[str]:
    out = chan(str)

    def run() -> None:
        try:
            for w in words:
                if select(send(out, w), recv(ctx.done()))[0] == 1:
                    return
        finally:
            out.close()

    go(run)
    return out.recv_only()


def dedupe(ctx: context.Context, inp: RecvChan[str]) -> tuple[RecvChan[str], RecvChan[int]]:
    """Forward each word the first time it is seen. When the input is closed,
    report how many were dropped, on a channel of its own."""
    out = chan(str)
    dropped = chan(int, 1)

    def run() -> None:
        try:
            seen: set[str] = set()  # the state: no other goroutine can reach it
            n = 0
            for w in inp:
                if w in seen:
                    n += 1
                    continue
                seen.add(w)
                if select(send(out, w), recv(ctx.done()))[0] == 1:
                    return
            dropped.send(n)
        finally:
            out.close()

    go(run)
    return out.recv_only(), dropped.recv_only()


def main() -> None:
    with context.with_cancel(context.background()) as ctx:
        words, dropped = dedupe(ctx, gen(ctx, "go", "chan", "go", "select", "chan", "go"))
        for w in words:
            print(w)
        print("dropped:", dropped.recv())


if __name__ == "__main__":
    goconc.run(main)
