"""A Ticker ticks every period; it drops ticks for a slow reader; stop ends it."""

from datetime import datetime

import goconc
from goconc import RecvChan, default, recv, select, time


def poll(c: RecvChan[datetime]) -> str:
    match select(recv(c), default):
        case 0, _:
            return "tick"
        case _:
            return "none"


def main() -> None:
    tk = time.new_ticker(10 * time.Millisecond)
    for i in range(1, 4):
        tk.c.recv()
        print("tick", i)
    tk.stop()
    match select(recv(tk.c), recv(time.after(50 * time.Millisecond))):
        case 0, _:
            print("tick after stop")
        case 1, _:
            print("no ticks after Stop")

    # A slow reader: ticks at 30ms and 60ms, but at most one waits.
    tk = time.new_ticker(30 * time.Millisecond)
    time.sleep(75 * time.Millisecond)
    print("first poll:", poll(tk.c))
    print("second poll:", poll(tk.c))
    tk.c.recv()
    print("the next tick comes on schedule")

    tk.reset(20 * time.Millisecond)
    tk.c.recv()
    print("tick after Reset")
    tk.stop()

    n = 0
    ticks = time.tick(5 * time.Millisecond)
    assert ticks is not None  # time.Tick is nil only for d <= 0
    for _ in ticks:
        n += 1
        if n == 3:
            break
    print("time.Tick ticked", n, "times")

    try:
        d = time.Duration(0)
        time.new_ticker(d)
    except goconc.Panic as r:  # Go: defer func() { fmt.Println("recovered:", recover()) }()
        print("recovered:", r)


if __name__ == "__main__":
    goconc.run(main)
