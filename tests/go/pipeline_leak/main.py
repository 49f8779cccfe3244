"""Stopping short: main takes one value and stops receiving, so the stage
that tries to send the second one blocks for ever (a goroutine leak)."""

import goconc
from goconc import RecvChan, chan, go, runtime, sync, time


def gen(*nums: int) -> RecvChan[int]:
    out = chan(int)

    def run() -> None:
        for n in nums:
            out.send(n)
        out.close()

    go(run)
    return out.recv_only()


def sq(inp: RecvChan[int]) -> RecvChan[int]:
    out = chan(int)

    def run() -> None:
        for n in inp:
            out.send(n * n)
        out.close()

    go(run)
    return out.recv_only()


def merge(*cs: RecvChan[int]) -> RecvChan[int]:
    wg = sync.WaitGroup()
    out = chan(int)

    def output(c: RecvChan[int]) -> None:
        for n in c:
            out.send(n)
        wg.done()

    wg.add(len(cs))
    for c in cs:
        go(output, c)

    def closer() -> None:
        wg.wait()
        out.close()

    go(closer)
    return out.recv_only()


def main() -> None:
    inp = gen(2, 3)
    c1 = sq(inp)
    c2 = sq(inp)
    out = merge(c1, c2)
    print("first value:", out.recv())  # and nothing more is received
    time.sleep(100 * time.Millisecond)  # let every goroutine run as far as it can
    print("goroutines still there:", runtime.num_goroutine())


if __name__ == "__main__":
    goconc.run(main)
