"""Simulated: the HTTP server cancels the request context when the client disconnects,
and the database driver returns an error when it sees ctx.done() while waiting."""

from __future__ import annotations

from collections.abc import Callable

import goconc
from goconc import Chan, chan, context, go, recv, select, time


class Conn:
    """The client's connection as the server sees it: hangup is closed when
    the client disconnects."""

    def __init__(self) -> None:
        self.hangup: Chan[None] = chan()


def serve(conn: Conn, handler: Callable[[context.Context], None]) -> None:
    """Run handler with a request context that is cancelled when the client
    disconnects, as Go's net/http does with Request.Context()."""
    ctx, cancel = context.with_cancel(context.background())

    def watch() -> None:
        match select(recv(conn.hangup), recv(ctx.done())):
            case 0, _:
                cancel()

    try:
        go(watch)
        handler(ctx)
    except Exception as err:
        print("  handler returned:", err)
    else:
        print("  handler returned: <nil>")
    finally:
        cancel()


class Driver:
    """A database driver; the database takes latency to answer."""

    def __init__(self, latency: time.Duration) -> None:
        self.latency = latency

    def query_row(self, ctx: context.Context, query: str) -> str:
        result = chan(str, 1)
        abort = chan()

        def database() -> None:  # the database server at work
            match select(recv(time.after(self.latency)), recv(abort)):
                case 0, _:
                    result.send("ada")

        go(database)
        match select(recv(result), recv(ctx.done())):
            case 0, row:
                return str(row)
            case _:
                abort.close()  # tell the database to stop working on it
                raise ctx.err()


db = Driver(50 * time.Millisecond)


def get_user(ctx: context.Context) -> None:
    name = db.query_row(ctx, "SELECT name FROM users WHERE id = 42")
    print("  user:", name)


def main() -> None:
    print("the client waits:")
    serve(Conn(), get_user)

    print("the client hangs up after 20ms:")
    conn = Conn()
    time.after_func(20 * time.Millisecond, conn.hangup.close)
    serve(conn, get_user)


if __name__ == "__main__":
    goconc.run(main)
