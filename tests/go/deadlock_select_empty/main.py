"""select() with no cases blocks forever; with every other goroutine blocked, that is a deadlock."""

import goconc
from goconc import Chan, chan, go, recv, select, send


def main() -> None:
    ch = chan(int)
    nilch: Chan[int] | None = None
    go(ch.recv)
    go(select, send(nilch, 1))
    go(select, recv(nilch), send(nilch, 2))
    print("blocking forever")
    select()


if __name__ == "__main__":
    goconc.run(main)
