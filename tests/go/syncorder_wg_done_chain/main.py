"""WaitGroup: workers Done in turn; the last Done releases x and main, and main runs first."""

import goconc
from goconc import chan, go, runtime, sync


def main() -> None:
    runtime.gosched()

    ev = chan(str, 16)
    wg = sync.WaitGroup()
    wg.add(3)
    waiting = chan(bool)
    xdone = chan(bool)

    def x() -> None:
        waiting.send(True)
        wg.wait()
        ev.send("x released")
        xdone.send(True)

    go(x)
    waiting.recv()

    def worker(i: int) -> None:
        ev.send(f"worker {i} calls Done")
        wg.done()
        ev.send(f"worker {i} returned from Done")

    for i in range(3):
        go(worker, i)
    wg.wait()
    ev.send("main released")
    xdone.recv()
    ev.close()

    out: list[str] = []
    for s in ev:
        out.append(s + "\n")
    print("".join(out), end="")


if __name__ == "__main__":
    goconc.run(main)
