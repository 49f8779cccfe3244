"""Mutex + runnext: whoever is readied after the woken waiter runs first and gets the lock."""

import goconc
from goconc import chan, go, runtime, sync


def main() -> None:
    runtime.gosched()

    ev = chan(str, 32)
    queued = chan(bool)
    done = chan(bool)

    def phase(mode: str) -> None:
        mu = sync.Mutex()
        c = chan(int)
        ev.send(mode + ":")
        mu.lock()

        def w() -> None:
            queued.send(True)
            mu.lock()
            ev.send("  w (was waiting in Lock) has the lock")
            mu.unlock()
            done.send(True)

        go(w)
        queued.recv()

        def r() -> None:
            queued.send(True)
            c.recv()
            mu.lock()
            ev.send("  r (was waiting on a channel) has the lock")
            mu.unlock()
            done.send(True)

        go(r)
        queued.recv()
        match mode:
            case "Unlock, then send":
                mu.unlock()
                c.send(1)
            case "send, then Unlock":
                c.send(1)
                mu.unlock()
            case "Unlock, then go":
                mu.unlock()

                def n() -> None:
                    mu.lock()
                    ev.send("  n (new goroutine) has the lock")
                    mu.unlock()
                    done.send(True)

                go(n)
        done.recv()
        done.recv()
        if mode == "Unlock, then go":
            c.send(1)
            done.recv()

    phase("Unlock, then send")
    phase("send, then Unlock")
    phase("Unlock, then go")
    ev.close()

    out: list[str] = []
    for s in ev:
        out.append(s + "\n")
    print("".join(out), end="")


if __name__ == "__main__":
    goconc.run(main)
