"""A buffered channel is a FIFO queue; a blocked sender is next in line."""

import goconc
from goconc import chan, go, time


def main() -> None:
    # The lesson's buffered example.
    buf = chan(str, 3)
    buf.send("a")
    buf.send("b")
    buf.send("c")  # no block
    print("len:", len(buf), "cap:", buf.cap)
    buf.close()
    for s in buf:
        print(s)

    ch = chan(int, 3)
    print("empty: len", len(ch), "cap", ch.cap)
    ch.send(1)
    print("after one send: len", len(ch))
    ch.send(2)
    ch.send(3)
    print("full: len", len(ch), "cap", ch.cap)

    done = chan(bool)

    def sender() -> None:
        ch.send(4)  # the buffer is full: this sender parks
        done.send(True)

    go(sender)
    time.sleep(10 * time.Millisecond)
    print("with a parked sender: len", len(ch), "cap", ch.cap)
    print(ch.recv())  # 1; the parked sender's 4 moves into the buffer
    done.recv()
    print("after the sender finished: len", len(ch))
    for _ in range(3):
        print(ch.recv())
    print("drained: len", len(ch))


if __name__ == "__main__":
    goconc.run(main)
