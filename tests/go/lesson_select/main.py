"""The lesson's select: a result, a timeout or cancellation, whichever comes first."""

from __future__ import annotations

import goconc
from goconc import RecvChan, chan, context, default, go, recv, select, time


def handle(msg: str) -> None:
    print("handled", msg)


def wait(ctx: context.Context, results: RecvChan[str], timeout: time.Duration) -> None:
    """The lesson's select; the timeout is a parameter so that the timeout case
    runs in milliseconds rather than the lesson's 5 seconds."""
    match select(recv(results), recv(time.after(timeout)), recv(ctx.done())):
        case 0, msg:
            handle(msg)
        case 1, _:
            raise TimeoutError("timeout")
        case 2, _:
            raise ctx.err()


def later(d: time.Duration, msg: str) -> RecvChan[str]:
    results = chan(str, 1)

    def respond() -> None:
        time.sleep(d)
        results.send(msg)

    go(respond)
    return results.recv_only()


def report(what: str, ctx: context.Context, results: RecvChan[str], timeout: time.Duration) -> None:
    try:
        wait(ctx, results, timeout)
    except Exception as err:
        print(what, err)
    else:
        print(what, "<nil>")


def main() -> None:
    bg = context.background()
    report("result first:", bg, later(10 * time.Millisecond, "msg"), 5 * time.Second)
    report("timeout first:", bg, later(time.Second, "msg"), 20 * time.Millisecond)

    ctx, cancel = context.with_cancel(bg)
    time.after_func(10 * time.Millisecond, cancel)
    report("cancelled first:", ctx, later(time.Second, "msg"), 5 * time.Second)

    # Add a default case to make the select non-blocking (poll).
    results = chan(str)
    match select(recv(results), default):
        case 0, msg:
            handle(msg)
        case _:
            print("no result yet")


if __name__ == "__main__":
    goconc.run(main)
