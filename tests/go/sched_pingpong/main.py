"""An unbuffered ping-pong between main and B, both recording after every
channel operation, plus a goroutine C started before B: the records
alternate in pairs and C runs only after the ping-pong is over.

See main.go for the derivation (every exchange readies the other side into
runnext without yielding; C waits in the local run queue).
"""

import goconc
from goconc import chan, go, runtime, sync


def main() -> None:
    runtime.gosched()

    out: list[str] = []
    wg = sync.WaitGroup()
    ping = chan(int)
    pong = chan(int)
    wg.add(2)

    def c() -> None:
        out.append("C")
        wg.done()

    def b() -> None:
        for _ in range(3):
            v = ping.recv()
            out.append(f"B got {v}")
            pong.send(v + 1)
            out.append(f"B sent {v + 1}")
        wg.done()

    go(c)
    go(b)
    for i in range(3):
        ping.send(2 * i)
        out.append(f"A sent {2 * i}")
        v = pong.recv()
        out.append(f"A got {v}")
    wg.wait()
    print("\n".join(out))


if __name__ == "__main__":
    goconc.run(main)
