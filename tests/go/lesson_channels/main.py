"""The lesson's channel example: an unbuffered send and receive, then a buffered channel."""

import goconc
from goconc import chan, go


def main() -> None:
    ch = chan(int)  # unbuffered
    go(lambda: ch.send(42))  # send (blocks until received)
    v = ch.recv()  # receive
    print(v)  # 42

    # Buffered channel — sends block only when buffer is full
    buf = chan(str, 3)
    buf.send("a")
    buf.send("b")
    buf.send("c")  # no block
    buf.close()  # signal no more sends

    for s in buf:
        print(s)  # a b c


if __name__ == "__main__":
    goconc.run(main)
