"""The lesson's handle_request: a 2-second budget on top of whatever the caller allows."""

from __future__ import annotations

from dataclasses import dataclass

import goconc
from goconc import context, recv, select, time


@dataclass
class User:
    id: str
    name: str


class DB:
    """A simulated database whose queries take `latency` and respect ctx."""

    def __init__(self) -> None:
        self.latency = time.Duration(0)

    def get_user(self, ctx: context.Context, id: str) -> User:
        match select(recv(time.after(self.latency)), recv(ctx.done())):
            case 0, _:
                return User(id=id, name="user-" + id)
            case _:
                raise ctx.err()


db = DB()
notify_latency = time.Duration(0)


def notify(ctx: context.Context, user: User) -> None:
    match select(recv(time.after(notify_latency)), recv(ctx.done())):
        case 0, _:
            print("  notified", user.name)
        case _:
            raise ctx.err()


def handle_request(ctx: context.Context, id: str) -> None:
    ctx, cancel = context.with_timeout(ctx, 2 * time.Second)
    try:
        user = db.get_user(ctx, id)
        notify(ctx, user)
    finally:
        cancel()


def report(ctx: context.Context, id: str) -> None:
    try:
        handle_request(ctx, id)
    except Exception as err:
        print("  err:", err)
    else:
        print("  err: <nil>")


def main() -> None:
    global notify_latency
    bg = context.background()

    print("fast database and notifier:")
    db.latency, notify_latency = 10 * time.Millisecond, 10 * time.Millisecond
    report(bg, "42")

    # The server allows 50ms: the child's deadline is the earlier one.
    print("slow database, 50ms server budget:")
    db.latency = 3 * time.Second
    ctx, cancel = context.with_timeout(bg, 50 * time.Millisecond)
    report(ctx, "42")
    cancel()

    print("slow notifier, 50ms server budget:")
    db.latency, notify_latency = 10 * time.Millisecond, time.Second
    ctx, cancel = context.with_timeout(bg, 50 * time.Millisecond)
    report(ctx, "42")
    cancel()

    # The client disconnects: the server cancels the request context.
    print("client disconnects after 20ms:")
    db.latency = time.Second
    ctx, cancel = context.with_cancel(bg)
    time.after_func(20 * time.Millisecond, cancel)
    report(ctx, "42")


if __name__ == "__main__":
    goconc.run(main)
