"""Cond: signal wakes one waiter, broadcast wakes them all; nothing is remembered."""

import goconc
from goconc import chan, go, recv, select, sync, time


def main() -> None:
    mu = sync.Mutex()
    cond = sync.Cond(mu)
    waiting = 0
    tokens = 0
    woke = chan(int)

    def waiter(i: int) -> None:
        nonlocal waiting, tokens
        with mu:
            waiting += 1
            while tokens == 0:
                cond.wait()
            tokens -= 1
            waiting -= 1
        woke.send(i)

    for i in range(3):
        go(waiter, i)
    # Wait until all three are waiting.
    while True:
        with mu:
            n = waiting
        if n == 3:
            break
        time.sleep(time.Millisecond)
    print("three goroutines wait")

    with mu:
        tokens = 1
        cond.signal()
    woke.recv()
    print("Signal woke one")
    match select(recv(woke), recv(time.after(20 * time.Millisecond))):
        case 0, _:
            print("a second one woke")
        case 1, _:
            print("the others still wait")

    with mu:
        tokens = 2
        cond.broadcast()
    woke.recv()
    woke.recv()
    print("Broadcast woke the other two")

    # A signal with no waiters is lost.
    cond.signal()
    go(waiter, 3)
    match select(recv(woke), recv(time.after(20 * time.Millisecond))):
        case 0, _:
            print("never: an earlier Signal was remembered")
        case 1, _:
            print("an earlier Signal is not remembered")
    with mu:
        tokens = 1
        cond.signal()
    print("woke", woke.recv())


if __name__ == "__main__":
    goconc.run(main)
