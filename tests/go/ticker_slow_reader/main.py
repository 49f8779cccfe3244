"""A Ticker drops ticks for a slow reader: at most one tick waits."""

from datetime import datetime, timedelta

import goconc
from goconc import time


def sub(t: datetime, u: datetime) -> time.Duration:
    """Go's t.Sub(u)."""
    return time.Duration((t - u) // timedelta(microseconds=1) * 1000)


def main() -> None:
    start = time.now()
    tk = time.new_ticker(400 * time.Millisecond)
    try:
        # Ticks fire at 400ms, 800ms, 1.2s, 1.6s, 2s, ...
        for work in (1000 * time.Millisecond, 800 * time.Millisecond, time.Duration(0)):
            t = tk.c.recv()
            stamp = sub(t, start).round(200 * time.Millisecond)
            print("tick stamped", stamp, "- now working", work)
            time.sleep(work)
    finally:
        tk.stop()


if __name__ == "__main__":
    goconc.run(main)
