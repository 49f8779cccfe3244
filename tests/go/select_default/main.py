"""A select with a default case never blocks: it polls."""

import goconc
from goconc import Chan, chan, default, go, recv, select, send, time


def poll(ch: Chan[int]) -> None:
    match select(recv(ch), default):
        case 0, v:
            print("received", v)
        case _:
            print("nothing ready")


def try_send(ch: Chan[int], v: int) -> None:
    match select(send(ch, v), default):
        case 0, _:
            print("sent", v)
        case _:
            print("no room for", v)


def main() -> None:
    buf = chan(int, 1)
    poll(buf)
    try_send(buf, 1)
    try_send(buf, 2)
    poll(buf)
    poll(buf)

    unbuf = chan(int)
    poll(unbuf)  # no sender waiting
    try_send(unbuf, 3)  # no receiver waiting
    go(unbuf.send, 4)
    time.sleep(10 * time.Millisecond)  # the sender is parked by now
    poll(unbuf)

    got = chan(int)
    go(lambda: got.send(unbuf.recv()))
    time.sleep(10 * time.Millisecond)  # the receiver is parked by now
    try_send(unbuf, 5)
    print("the receiver got", got.recv())


if __name__ == "__main__":
    goconc.run(main)
