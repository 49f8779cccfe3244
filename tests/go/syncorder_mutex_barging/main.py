"""Mutex barging: main relocks before the woken b runs; b, losing, requeues in front of c."""

import goconc
from goconc import chan, go, runtime, sync


def gobool(b: bool) -> str:
    return "true" if b else "false"


def main() -> None:
    runtime.gosched()

    ev = chan(str, 16)
    mu = sync.Mutex()
    queued = chan(bool)
    done = chan(bool)
    wake = chan(bool)

    def waiter(name: str) -> None:
        queued.send(True)
        mu.lock()
        ev.send(name + " has the lock")
        mu.unlock()
        done.send(True)

    mu.lock()
    go(waiter, "b")
    queued.recv()
    go(waiter, "c")
    queued.recv()
    ev.send("main holds the lock; b and c wait in Lock, b first")

    def h() -> None:
        wake.send(True)

    go(h)
    mu.unlock()
    ev.send(f"main: Unlock woke b; TryLock at once: {gobool(mu.try_lock())}")
    wake.recv()
    ev.send("main: Unlock again")
    mu.unlock()
    done.recv()
    done.recv()
    ev.close()

    out: list[str] = []
    for s in ev:
        out.append(s + "\n")
    print("".join(out), end="")


if __name__ == "__main__":
    goconc.run(main)
