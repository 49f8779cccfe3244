"""time.after in a loop is a new timer per pass (an idle timeout); one timer
outside the loop is a deadline for the whole loop; reset re-arms one timer."""

import goconc
from goconc import RecvChan, chan, go, recv, recv_ok, select, time


def produce(n: int) -> RecvChan[int]:
    """Send n values, one every 400ms, then close the channel."""
    values = chan(int, n)

    def run() -> None:
        try:
            for i in range(n):
                time.sleep(400 * time.Millisecond)
                values.send(i)
        finally:
            values.close()

    go(run)
    return values.recv_only()


def main() -> None:
    # A deadline for the whole loop: one timer, made once.
    first = produce(3)
    deadline = time.new_timer(1000 * time.Millisecond)
    try:
        while True:
            match select(recv(first), recv(deadline.c)):
                case 0, v:
                    print("deadline loop got", v)
                case 1, _:
                    print("deadline loop: 1s is up")
                    break
        for _ in first:  # let the producer finish
            pass
    finally:
        deadline.stop()

    # An idle timeout: time.after makes a new timer every pass.
    values: RecvChan[int] | None = produce(2)
    while True:
        match select(recv_ok(values), recv(time.after(600 * time.Millisecond))):
            case 0, (_, False):
                print("after loop: producer done")
                values = None  # a nil channel is never ready
            case 0, (v, True):
                print("after loop got", v)
            case 1, _:
                print("after loop: idle for 600ms")
                break

    # The same idle timeout with one timer, re-armed by reset after each value.
    values = produce(2)
    idle = time.new_timer(600 * time.Millisecond)
    try:
        while True:
            match select(recv_ok(values), recv(idle.c)):
                case 0, (_, False):
                    print("reset loop: producer done")
                    values = None
                case 0, (v, True):
                    print("reset loop got", v)
                    idle.reset(600 * time.Millisecond)  # Go 1.23+: no need to drain idle.c
                case 1, _:
                    print("reset loop: idle for 600ms")
                    break
    finally:
        idle.stop()


if __name__ == "__main__":
    goconc.run(main)
