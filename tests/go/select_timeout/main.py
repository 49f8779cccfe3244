"""select with time.after: whichever is ready first wins."""

import goconc
from goconc import RecvChan, chan, go, recv, select, time


def await_result(results: RecvChan[str]) -> Exception | None:
    """The lesson's select, without the context case."""
    match select(recv(results), recv(time.after(50 * time.Millisecond))):
        case 0, msg:
            print("handle", msg)
            return None
        case _:
            return TimeoutError("timeout")


def reply(after: time.Duration, msg: str) -> RecvChan[str]:
    results = chan(str, 1)

    def respond() -> None:
        time.sleep(after)
        results.send(msg)

    go(respond)
    return results.recv_only()


def main() -> None:
    print(await_result(reply(10 * time.Millisecond, "fast")) or "<nil>")
    print(await_result(reply(200 * time.Millisecond, "slow")) or "<nil>")

    # time.after in a loop makes a new timer each time the select is entered:
    # it times out 100ms after the last value, not 100ms after the start.
    values = chan(int)

    def produce() -> None:
        for i in range(5):
            time.sleep(30 * time.Millisecond)
            values.send(i)

    go(produce)
    while True:
        match select(recv(values), recv(time.after(100 * time.Millisecond))):
            case 0, v:
                print("got", v)
            case 1, _:
                print("timeout after the last value")
                break  # match is not a loop: break leaves the while, like Go's break loop

    # A zero or negative duration is ready at once.
    time.after(0).recv()
    time.after(-time.Second).recv()
    time.sleep(-1)
    print("zero and negative waits return at once")


if __name__ == "__main__":
    goconc.run(main)
