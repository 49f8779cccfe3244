"""with_timeout and with_deadline: DeadlineExceeded at the deadline, Canceled on an early cancel."""

from datetime import timedelta
from typing import Any

from gofmt import show

import goconc
from goconc import RecvChan, context, default, recv, select, time


def wait(done: RecvChan[Any] | None) -> None:
    assert done is not None
    done.recv()


def main() -> None:
    bg = context.background()
    cancels = []

    ctx, cancel = context.with_timeout(bg, 20 * time.Millisecond)
    _, ok = ctx.deadline()
    print("has deadline:", show(ok))
    print("Err before the deadline:", show(ctx.err()))
    wait(ctx.done())
    print("Err after the deadline:", show(ctx.err()))
    print("is DeadlineExceeded:", show(isinstance(ctx.err(), context.DeadlineExceeded)))
    cancel()  # still call cancel: it releases the timer
    print("Err after cancel:", show(ctx.err()))

    early, cancel_early = context.with_timeout(bg, time.Hour)
    cancel_early()
    print("cancelled before the deadline:", show(early.err()))

    # A child's deadline is the earlier of its own and its parent's.
    parent, cancel = context.with_timeout(bg, 30 * time.Millisecond)
    cancels.append(cancel)
    later, cancel = context.with_timeout(parent, time.Hour)
    cancels.append(cancel)
    pd, _ = parent.deadline()
    ld, _ = later.deadline()
    print("a later child deadline equals the parent's:", show(ld == pd))
    sooner, cancel = context.with_timeout(parent, 10 * time.Millisecond)
    cancels.append(cancel)
    sd, _ = sooner.deadline()
    assert sd is not None and pd is not None
    print("a sooner child deadline is its own:", show(sd < pd))
    wc, cancel = context.with_cancel(parent)
    cancels.append(cancel)
    wd, ok = wc.deadline()
    print("WithCancel reports the parent's deadline:", show(ok), show(wd == pd))

    wait(sooner.done())
    print("sooner:", show(sooner.err()), "| parent:", show(parent.err()))
    wait(later.done())  # wait on the child's own done(), not the parent's
    print("later:", show(later.err()), "| parent:", show(parent.err()))

    # A child with its own later deadline, cancelled by its parent's cancel, says Canceled.
    p2, cancel_p2 = context.with_cancel(bg)
    c2, cancel = context.with_timeout(p2, time.Hour)
    cancels.append(cancel)
    cancel_p2()
    print("child of a cancelled parent:", show(c2.err()))

    # A deadline in the past: done at once.
    past, cancel = context.with_deadline(bg, time.now() - timedelta(seconds=1))
    cancels.append(cancel)
    match select(recv(past.done()), default):
        case 0, _:
            print("past deadline:", show(past.err()))
        case _:
            print("never")

    at, cancel = context.with_deadline(bg, time.now() + timedelta(milliseconds=10))
    cancels.append(cancel)
    wait(at.done())
    print("WithDeadline:", show(at.err()))

    for cancel in cancels:
        cancel()


if __name__ == "__main__":
    goconc.run(main)
