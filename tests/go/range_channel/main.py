"""`for v in ch` receives until the channel is closed and drained."""

import goconc
from goconc import SendChan, chan, go


def produce(n: int, out: SendChan[int]) -> None:
    try:
        for i in range(n):
            out.send(i * i)
    finally:
        out.close()


def main() -> None:
    squares = chan(int)
    go(produce, 5, squares.send_only())
    for v in squares:
        print(v)
    print("closed")

    # A pipeline of two stages.
    nums = chan(int)
    doubled = chan(int, 2)
    go(produce, 4, nums.send_only())

    def double() -> None:
        try:
            for v in nums:
                doubled.send(2 * v)
        finally:
            doubled.close()

    go(double)
    total = 0
    for v in doubled:
        total += v
    print("sum:", total)

    empty = chan(str)
    empty.close()
    for s in empty:
        print("never", s)
    print("range over a closed empty channel ends at once")


if __name__ == "__main__":
    goconc.run(main)
