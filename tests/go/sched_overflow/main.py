"""300 go statements, then wg.wait: the local run queue (256 slots)
overflows into the global queue. Go runs them in the order
299 128-187 0 188-247 1 248-255 257-298 2-127 256.

See main.go for the derivation (runqputslow, the schedtick%61 check after
align(), and globrunqgetbatch).
"""

import goconc
from goconc import chan, go, runtime, sync


def align() -> None:
    """Return with the P's schedtick%61 == 1 (see main.go)."""
    done = chan(bool, 1)
    while True:
        ran = False

        def x() -> None:
            nonlocal ran
            ran = True
            done.send(True)

        go(x)
        runtime.gosched()
        hit = not ran
        done.recv()
        if hit:
            return


def ranges(xs: list[int]) -> str:
    """Runs of consecutive numbers as "a-b"."""
    parts: list[str] = []
    i = 0
    while i < len(xs):
        j = i
        while j + 1 < len(xs) and xs[j + 1] == xs[j] + 1:
            j += 1
        parts.append(str(xs[i]) if i == j else f"{xs[i]}-{xs[j]}")
        i = j + 1
    return " ".join(parts)


def main() -> None:
    runtime.gosched()
    align()

    order: list[int] = []
    wg = sync.WaitGroup()

    def worker(i: int) -> None:
        order.append(i)
        wg.done()

    for i in range(300):
        wg.add(1)
        go(worker, i)
    wg.wait()
    print(ranges(order))


if __name__ == "__main__":
    goconc.run(main)
