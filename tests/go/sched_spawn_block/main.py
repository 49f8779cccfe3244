"""A goroutine that starts two goroutines and then blocks: Go prints
D A C C-sent A-got-1 B.

See main.go for the derivation (the send readies A into runnext, ahead of B
in the local run queue; the sender goes on without yielding).
"""

import goconc
from goconc import chan, go, runtime, sync


def main() -> None:
    runtime.gosched()

    out: list[str] = []
    wg = sync.WaitGroup()
    ch = chan(int)
    wg.add(2)

    def a() -> None:
        out.append("A")
        wg.add(2)

        def b() -> None:
            out.append("B")
            wg.done()

        def c() -> None:
            out.append("C")
            ch.send(1)
            out.append("C-sent")
            wg.done()

        go(b)
        go(c)
        v = ch.recv()
        out.append(f"A-got-{v}")
        wg.done()

    def d() -> None:
        out.append("D")
        wg.done()

    go(a)
    go(d)
    wg.wait()
    print(" ".join(out))


if __name__ == "__main__":
    goconc.run(main)
