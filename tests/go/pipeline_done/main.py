"""Explicit cancellation: every stage takes a done channel and gives up its
send when done is closed; closing done is a broadcast to all of them."""

import goconc
from goconc import RecvChan, chan, go, recv, runtime, select, send, sync, time


def gen(done: RecvChan[None], *nums: int) -> RecvChan[int]:
    out = chan(int)

    def run() -> None:
        try:
            for n in nums:
                if select(send(out, n), recv(done))[0] == 1:
                    return
        finally:
            out.close()

    go(run)
    return out.recv_only()


def sq(done: RecvChan[None], inp: RecvChan[int]) -> RecvChan[int]:
    out = chan(int)

    def run() -> None:
        try:
            for n in inp:
                if select(send(out, n * n), recv(done))[0] == 1:
                    return
        finally:
            out.close()

    go(run)
    return out.recv_only()


def merge(done: RecvChan[None], *cs: RecvChan[int]) -> RecvChan[int]:
    wg = sync.WaitGroup()
    out = chan(int)

    def output(c: RecvChan[int]) -> None:
        try:
            for n in c:
                if select(send(out, n), recv(done))[0] == 1:
                    return
        finally:
            wg.done()

    wg.add(len(cs))
    for c in cs:
        go(output, c)

    def closer() -> None:
        wg.wait()
        out.close()

    go(closer)
    return out.recv_only()


def first_square(*nums: int) -> int:
    """Stop short, like the leaky main, but close done on return."""
    done = chan(None)
    try:
        inp = gen(done, *nums)
        c1 = sq(done, inp)
        c2 = sq(done, inp)
        return merge(done, c1, c2).recv()
    finally:
        done.close()  # on every return path: tell every stage to stop


def main() -> None:
    print("first value:", first_square(2, 3))
    print("first value:", first_square(1, 2, 3, 4, 5, 6, 7, 8, 9))
    time.sleep(100 * time.Millisecond)  # let every goroutine run as far as it can
    print("goroutines still there:", runtime.num_goroutine())


if __name__ == "__main__":
    goconc.run(main)
