"""Mutex + channels: a woken waiter starves behind a runnext ping-pong while main relocks."""

import goconc
from goconc import chan, go, runtime, sync


def main() -> None:
    runtime.gosched()

    ev = chan(str, 32)
    mu = sync.Mutex()
    queued = chan(bool)
    wdone = chan(bool)
    ping = chan(int)
    pong = chan(int)

    def w() -> None:
        queued.send(True)
        mu.lock()
        ev.send("w has the lock")
        mu.unlock()
        wdone.send(True)

    mu.lock()
    go(w)
    queued.recv()
    ev.send("main unlocks: w is woken")
    mu.unlock()

    def p() -> None:
        for _ in range(3):
            v = ping.recv()
            ev.send(f"p got ping {v}")
            pong.send(v)

    go(p)
    for i in range(3):
        mu.lock()
        ev.send(f"main has the lock (round {i})")
        ping.send(i)
        pong.recv()
        mu.unlock()
    wdone.recv()
    ev.close()

    out: list[str] = []
    for s in ev:
        out.append(s + "\n")
    print("".join(out), end="")


if __name__ == "__main__":
    goconc.run(main)
