"""A producer sends 0..5 on a buffered channel and closes it while main
ranges over it, for capacities 1, 2 and 3.

See main.go for the expected records and their derivation (direct hand-off
to a parked receiver, buffer fill, the receiver refilling the buffer from a
parked sender and readying it into runnext).
"""

import goconc
from goconc import chan, go, runtime, sync


def main() -> None:
    runtime.gosched()

    lines: list[str] = []
    for c in range(1, 4):
        out: list[str] = []
        wg = sync.WaitGroup()
        ch = chan(int, c)
        wg.add(1)

        def producer(out: list[str], wg: sync.WaitGroup, ch: goconc.Chan[int]) -> None:
            for i in range(6):
                ch.send(i)
                out.append(f"p{i}")
            ch.close()
            wg.done()

        go(producer, out, wg, ch)
        for v in ch:
            out.append(f"c{v}")
        wg.wait()
        lines.append(f"cap {c}: {' '.join(out)}")
    print("\n".join(lines))


if __name__ == "__main__":
    goconc.run(main)
