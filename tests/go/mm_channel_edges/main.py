"""The memory model's channel examples: each write to msg is made visible to
main by a channel edge, so every print is guaranteed to see it."""

import goconc
from goconc import chan, go

msg = ""


def main() -> None:
    global msg

    # A send is synchronized before the completion of the corresponding receive.
    c = chan(int, 10)

    def sender() -> None:
        global msg
        msg = "hello from a send"
        c.send(0)

    go(sender)
    c.recv()
    print(msg)

    # The closing of a channel is synchronized before a receive that returns
    # because the channel is closed.
    closed = chan(int)

    def closer() -> None:
        global msg
        msg = "hello from a close"
        closed.close()

    go(closer)
    closed.recv()
    print(msg)

    # A receive from an unbuffered channel is synchronized before the
    # completion of the corresponding send on that channel.
    unbuffered = chan(int)

    def receiver() -> None:
        global msg
        msg = "hello from a receive"
        unbuffered.recv()

    go(receiver)
    unbuffered.send(0)
    print(msg)


if __name__ == "__main__":
    goconc.run(main)
