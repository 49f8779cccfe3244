"""A debouncer, the program that chapter 16 tests: tests/test_debounce.py tests it with
pytest, as debounce_test.go tests the Go original with testing/synctest."""

import goconc
from goconc import RecvChan, chan, go, recv, recv_ok, select, time


def debounce(inp: RecvChan[str], d: time.Duration) -> RecvChan[str]:
    """Forward the last value of each burst on inp, once inp has been quiet for d. When
    inp is closed, send the value still waiting, if any, and close the output."""
    out = chan(str)

    def run() -> None:
        try:
            last = ""
            waiting = False
            quiet = time.new_timer(d)
            quiet.stop()
            while True:
                match select(recv_ok(inp), recv(quiet.c)):
                    case 0, (_, False):
                        if waiting:
                            out.send(last)
                        return
                    case 0, (v, True):
                        last, waiting = v, True
                        quiet.reset(d)  # Go 1.23+: no stale value can follow a reset
                    case 1, _:
                        out.send(last)
                        waiting = False
        finally:
            out.close()

    go(run)
    return out.recv_only()


def main() -> None:
    start = time.now()
    inp = chan(str)

    def typist() -> None:
        # Someone types "hey", stops, then adds "!" and leaves.
        ms = time.Millisecond
        for at, text in ((0, "h"), (200 * ms, "he"), (400 * ms, "hey"), (1400 * ms, "hey!")):
            time.sleep(at - time.since(start))
            inp.send(text)
        time.sleep(1600 * ms - time.since(start))
        inp.close()

    go(typist)
    for text in debounce(inp, 500 * time.Millisecond):
        print(time.since(start).round(100 * time.Millisecond), "search for", text)
    print(time.since(start).round(100 * time.Millisecond), "input closed")


if __name__ == "__main__":
    goconc.run(main)
