"""close wakes four blocked receivers, queued 0 1 2 3: they run 0 3 2 1.

See main.go for the derivation (closechan pops its gList of waiters LIFO
into goready, and each goready takes runnext, kicking the previous one to
the tail of the local run queue).
"""

import goconc
from goconc import chan, go, runtime, sync


def gobool(b: bool) -> str:
    return "true" if b else "false"


def main() -> None:
    runtime.gosched()

    out: list[str] = []
    wg = sync.WaitGroup()
    ch = chan(int)
    started = chan(int)

    def receiver(i: int) -> None:
        started.send(i)
        v, ok = ch.recv_ok()
        out.append(f"{i}({v},{gobool(ok)})")
        wg.done()

    for i in range(4):
        wg.add(1)
        go(receiver, i)
        started.recv()
    ch.close()
    out.append("closed")
    wg.wait()
    print(" ".join(out))


if __name__ == "__main__":
    goconc.run(main)
