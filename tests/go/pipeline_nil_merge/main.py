"""A nil channel is never ready: one goroutine merges two inputs in a
for-select loop, and switches an input's case off once it is closed."""

import goconc
from goconc import RecvChan, chan, go, recv_ok, select, time


def produce(name: str, n: int, start: time.Duration) -> RecvChan[str]:
    """Send name0, name1, ... (the first after start, then one every 400ms),
    then close the channel."""
    out = chan(str)

    def run() -> None:
        try:
            time.sleep(start)
            for i in range(n):
                if i > 0:
                    time.sleep(400 * time.Millisecond)
                out.send(f"{name}{i}")
        finally:
            out.close()

    go(run)
    return out.recv_only()


def merge2(a: RecvChan[str] | None, b: RecvChan[str] | None) -> RecvChan[str]:
    """Forward both inputs until both are closed, in one goroutine."""
    out = chan(str)

    def run() -> None:
        nonlocal a, b
        try:
            while a is not None or b is not None:
                match select(recv_ok(a), recv_ok(b)):
                    case 0, (_, False):
                        a = None  # closed: a nil channel's case is never chosen
                    case 1, (_, False):
                        b = None
                    case _, (v, True):
                        out.send(v)
        finally:
            out.close()

    go(run)
    return out.recv_only()


def main() -> None:
    start = time.now()  # times are truncated: a busy machine is late, never early
    ms = time.Millisecond
    for v in merge2(produce("a", 3, 200 * ms), produce("b", 2, 400 * ms)):
        print(v, "at", time.since(start).truncate(100 * time.Millisecond))
    print("both closed at", time.since(start).truncate(100 * time.Millisecond))


if __name__ == "__main__":
    goconc.run(main)
