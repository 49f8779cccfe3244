"""The schedtick%61 fairness check, measured without knowing schedtick: a
goroutine Y that keeps yielding gets one turn every 61 ticks while 250
workers fill the local run queue, so 60 workers run between its turns.

See main.go for the derivation and for why only the second and third gaps
are printed.
"""

import goconc
from goconc import chan, go, runtime, sync

WORKERS = 250


def gobool(b: bool) -> str:
    return "true" if b else "false"


def main() -> None:
    runtime.gosched()

    wg = sync.WaitGroup()
    started = chan(bool)
    measuring = False
    done = 0
    seen: list[int] = []  # the value of done at each turn of Y while measuring

    def y() -> None:
        started.send(True)
        while True:
            runtime.gosched()
            if measuring:
                seen.append(done)
            if done == WORKERS:
                break
        wg.done()

    def worker() -> None:
        nonlocal done
        done += 1
        wg.done()

    wg.add(1)
    go(y)
    started.recv()
    for _ in range(WORKERS):
        wg.add(1)
        go(worker)
    measuring = True
    wg.wait()

    gaps = [str(seen[i + 1] - seen[i]) for i in range(1, 3)]
    print("gaps:", " ".join(gaps))
    print("first turn after at most 61 workers:", gobool(seen[0] <= 61))
    print("last turn saw", seen[-1], "workers done")


if __name__ == "__main__":
    goconc.run(main)
