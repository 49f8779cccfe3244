"""Once.do: waiters on the Once's mutex leave in queue order; a late caller overtakes them."""

import goconc
from goconc import chan, go, runtime, sync


def main() -> None:
    runtime.gosched()

    ev = chan(str, 16)
    once = sync.Once()
    wg = sync.WaitGroup()
    in_f = chan(bool)
    finish = chan(bool)
    queued = chan(bool)

    def f() -> None:
        ev.send("f runs")
        in_f.send(True)
        finish.recv()
        ev.send("f returns")

    wg.add(5)

    def g4() -> None:
        once.do(f)
        ev.send("g4: Do returned")
        wg.done()

    def g0() -> None:
        once.do(f)
        ev.send("g0: Do returned")
        go(g4)
        wg.done()

    go(g0)
    in_f.recv()

    def g(i: int) -> None:
        queued.send(True)
        once.do(f)
        ev.send(f"g{i}: Do returned")
        wg.done()

    for i in range(1, 4):
        go(g, i)
        queued.recv()
    ev.send("g1, g2, g3 wait in Do")
    finish.send(True)
    wg.wait()
    ev.close()

    out: list[str] = []
    for s in ev:
        out.append(s + "\n")
    print("".join(out), end="")


if __name__ == "__main__":
    goconc.run(main)
