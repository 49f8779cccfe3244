"""A pipeline: stages connected by channels, each closing its outbound
channel when its sends are done; fan-out to two sq, fan-in with merge."""

import goconc
from goconc import RecvChan, chan, go, sync


def gen(*nums: int) -> RecvChan[int]:
    """Send nums on a new channel, then close it."""
    out = chan(int)

    def run() -> None:
        for n in nums:
            out.send(n)
        out.close()

    go(run)
    return out.recv_only()


def sq(inp: RecvChan[int]) -> RecvChan[int]:
    """Send the square of every value received, then close the output."""
    out = chan(int)

    def run() -> None:
        for n in inp:
            out.send(n * n)
        out.close()

    go(run)
    return out.recv_only()


def merge(*cs: RecvChan[int]) -> RecvChan[int]:
    """Copy every input onto one channel, closed once all inputs are."""
    wg = sync.WaitGroup()
    out = chan(int)

    def output(c: RecvChan[int]) -> None:
        for n in c:
            out.send(n)
        wg.done()

    wg.add(len(cs))
    for c in cs:
        go(output, c)

    def closer() -> None:  # close out once every output has returned
        wg.wait()
        out.close()

    go(closer)
    return out.recv_only()


def main() -> None:
    # Stages compose: sq's input and output have the same type.
    for n in sq(sq(gen(2, 3))):
        print(n)

    # Fan-out: two sq read from the same channel. Fan-in: merge.
    inp = gen(1, 2, 3, 4, 5)
    c1 = sq(inp)
    c2 = sq(inp)
    got = sorted(merge(c1, c2))  # merge's order depends on the scheduler
    print("fan-in:", str(got).replace(",", ""))  # Go prints a slice as [1 4 9]


if __name__ == "__main__":
    goconc.run(main)
