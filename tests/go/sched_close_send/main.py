"""Three closes in a row wake blocked receivers and blocked senders: they run
B0 R2 R1 R0 S2 S1 S0 B1.

See main.go for the derivation (each closechan readies its waiters
last-queued first through goready, and every goready takes runnext, kicking
the previous one to the tail of the local run queue).
"""

import goconc
from goconc import chan, go, runtime, sync


def gobool(b: bool) -> str:
    return "true" if b else "false"


def main() -> None:
    runtime.gosched()

    out: list[str] = []
    wg = sync.WaitGroup()
    rc = chan(int)
    sc = chan(int)
    bc = chan(int, 1)
    bc.send(100)
    started = chan(int)

    def receiver(i: int) -> None:
        started.send(i)
        v, ok = rc.recv_ok()
        out.append(f"R{i}({v},{gobool(ok)})")
        wg.done()

    def sender(name: str, c: goconc.Chan[int], i: int) -> None:
        r: object = "<nil>"
        try:
            started.send(i)
            c.send(i)
        except goconc.Panic as p:  # Go's recover()
            r = p
        out.append(f"{name}{i}({r})")
        wg.done()

    for i in range(3):
        wg.add(1)
        go(receiver, i)
        started.recv()
    for i in range(3):
        wg.add(1)
        go(sender, "S", sc, i)
        started.recv()
    for i in range(2):
        wg.add(1)
        go(sender, "B", bc, i)
        started.recv()
    rc.close()
    sc.close()
    bc.close()
    out.append("closed")
    wg.wait()
    v, ok = bc.recv_ok()
    out.append(f"bc({v},{gobool(ok)})")
    v, ok = bc.recv_ok()
    out.append(f"bc({v},{gobool(ok)})")
    print("\n".join(out))


if __name__ == "__main__":
    goconc.run(main)
