"""WaitGroup + close: the last Done's wakeups and close's wakeups mix through runnext."""

import goconc
from goconc import chan, go, runtime, sync


def main() -> None:
    runtime.gosched()

    ev = chan(str, 16)
    wg = sync.WaitGroup()
    fin = sync.WaitGroup()
    ready = chan(bool)
    start = chan(bool)
    wg.add(1)
    fin.add(5)

    def w(i: int) -> None:
        ready.send(True)
        wg.wait()
        ev.send(f"w{i} (wg.Wait) runs")
        fin.done()

    for i in range(3):
        go(w, i)
        ready.recv()

    def r(i: int) -> None:
        ready.send(True)
        start.recv()
        ev.send(f"r{i} (<-start) runs")
        fin.done()

    for i in range(2):
        go(r, i)
        ready.recv()
    ev.send("main: wg.Done, then close(start)")
    wg.done()
    start.close()
    fin.wait()
    ev.close()

    out: list[str] = []
    for s in ev:
        out.append(s + "\n")
    print("".join(out), end="")


if __name__ == "__main__":
    goconc.run(main)
