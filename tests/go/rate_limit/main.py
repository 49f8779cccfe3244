"""Rate limiting, steady and bursty (after Go by Example's "Rate Limiting")."""

from datetime import datetime

import goconc
from goconc import chan, default, go, recv, select, send, time


def main() -> None:
    every = 200 * time.Millisecond

    # Steady: one request per tick.
    requests = chan(int, 5)
    for i in range(1, 6):
        requests.send(i)
    requests.close()
    limiter = time.new_ticker(every)
    start = time.now()
    for req in requests:
        limiter.c.recv()
        print("request", req, "at", time.since(start).round(every))
    limiter.stop()

    # Bursty: a buffered channel of tokens. It starts full, so a burst of 3
    # goes through at once; a ticker refills it, one token per tick.
    tokens = chan(datetime, 3)
    for _ in range(3):
        tokens.send(time.now())
    done = chan()
    refill = time.new_ticker(every)

    def refill_tokens() -> None:
        try:
            while True:
                match select(recv(refill.c), recv(done)):
                    case 0, t:
                        select(send(tokens, t), default)  # full: this token is lost
                    case 1, _:
                        return
        finally:
            refill.stop()

    go(refill_tokens)

    bursty = chan(int, 5)
    for i in range(1, 6):
        bursty.send(i)
    bursty.close()
    start = time.now()
    for req in bursty:
        tokens.recv()
        print("bursty request", req, "at", time.since(start).round(every))
    done.close()


if __name__ == "__main__":
    goconc.run(main)
