"""Cond.broadcast readies waiters in Wait order via runnext: 2 0 1; a go after it: n 3 4 5."""

import goconc
from goconc import chan, go, runtime, sync


def main() -> None:
    runtime.gosched()

    out: list[str] = []
    mu = sync.Mutex()
    cond = sync.Cond(mu)
    ready = chan(bool)
    woke = chan(str)

    def waiter(name: str) -> None:
        mu.lock()
        ready.send(True)
        cond.wait()
        mu.unlock()
        woke.send(name)

    for name in ["w0", "w1", "w2"]:
        go(waiter, name)
        ready.recv()
    mu.lock()
    cond.broadcast()
    mu.unlock()
    order: list[str] = []
    for _ in range(3):
        order.append(woke.recv())
    out.append("Broadcast: " + " ".join(order) + "\n")

    for name in ["w3", "w4", "w5"]:
        go(waiter, name)
        ready.recv()
    mu.lock()
    cond.broadcast()

    def n() -> None:
        woke.send("n")

    go(n)
    mu.unlock()
    order = []
    for _ in range(4):
        order.append(woke.recv())
    out.append("Broadcast, then go n: " + " ".join(order) + "\n")
    print("".join(out), end="")


if __name__ == "__main__":
    goconc.run(main)
