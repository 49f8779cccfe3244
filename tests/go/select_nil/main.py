"""A nil channel (None) is never ready: a select case on it is never chosen."""

import goconc
from goconc import Chan, RecvChan, SendChan, chan, default, go, recv, recv_ok, select, send


def merge(a: RecvChan[int] | None, b: RecvChan[int] | None, out: SendChan[int]) -> None:
    """Copy a and b to out until both are closed, disabling each closed input with None."""
    try:
        while a is not None or b is not None:
            match select(recv_ok(a), recv_ok(b)):
                case 0, (_, False):
                    a = None
                case 1, (_, False):
                    b = None
                case _, (v, True):
                    out.send(v)
    finally:
        out.close()


def count_up(ch: Chan[int], start: int, stop: int, step: int) -> None:
    try:
        for i in range(start, stop, step):
            ch.send(i)
    finally:
        ch.close()


def main() -> None:
    nilch: Chan[int] | None = None
    ready = chan(int, 1)
    nil_chosen = ready_chosen = 0
    for i in range(100):
        ready.send(i)
        match select(recv(nilch), send(nilch, 1), recv(ready)):
            case 0 | 1, _:
                nil_chosen += 1
            case 2, _:
                ready_chosen += 1
    print("nil cases chosen:", nil_chosen, "ready case chosen:", ready_chosen)

    match select(recv(nilch), default):
        case 0, _:
            print("never")
        case _:
            print("only nil cases: default runs")

    a, b, out = chan(int), chan(int), chan(int)
    go(count_up, a, 1, 4, 1)
    go(count_up, b, 10, 51, 10)
    go(merge, a.recv_only(), b.recv_only(), out.send_only())
    print("merged:", "[" + " ".join(str(v) for v in sorted(out)) + "]")


if __name__ == "__main__":
    goconc.run(main)
