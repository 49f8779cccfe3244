"""An unbuffered send completes only when a receiver takes the value."""

import goconc
from goconc import chan, default, go, recv, select, time


def main() -> None:
    # The lesson's first channel example.
    ch = chan(int)
    go(lambda: ch.send(42))
    v = ch.recv()
    print(v)

    # The sender reports on a second channel once its send has completed.
    sent = chan(str)

    def sender() -> None:
        ch.send(7)
        sent.send("send completed")

    go(sender)
    time.sleep(10 * time.Millisecond)  # the sender is parked on ch by now
    print("len:", len(ch), "cap:", ch.cap)
    match select(recv(sent), default):
        case 0, m:
            print(m)
        case _:
            print("sender still blocked: nobody has received yet")
    print("received", ch.recv())
    print(sent.recv())

    # A receive waits for a sender just the same.
    got = chan(int)
    go(lambda: got.send(ch.recv()))
    time.sleep(10 * time.Millisecond)
    match select(recv(got), default):
        case 0, v:
            print("receiver finished early with", v)
        case _:
            print("receiver still blocked: nobody has sent yet")
    ch.send(99)
    print("receiver got", got.recv())


if __name__ == "__main__":
    goconc.run(main)
