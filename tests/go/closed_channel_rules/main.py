"""The three rules of a closed channel: receive gives the zero value, send panics, close panics."""

from collections.abc import Callable

import goconc
from goconc import chan


def attempt(what: str, f: Callable[[], None]) -> None:
    try:
        f()
    except goconc.Panic as r:  # Go's recover()
        print(what, "-> panic:", r)
        return
    print(what, "-> ok")


def main() -> None:
    ch = chan(int, 1)
    ch.send(7)
    ch.close()

    v, ok = ch.recv_ok()
    print("receive a buffered value after close:", v, str(ok).lower())
    v, ok = ch.recv_ok()
    print("receive once drained:", v, str(ok).lower())
    print("and again:", ch.recv())

    attempt("send on the closed channel", lambda: ch.send(1))
    attempt("close it a second time", ch.close)


if __name__ == "__main__":
    goconc.run(main)
