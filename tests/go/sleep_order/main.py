"""Sleeping goroutines wake in the order of their deadlines."""

import functools

import goconc
from goconc import chan, go, time


def main() -> None:
    woke = chan(int)

    def sleeper(ms: int) -> None:
        time.sleep(ms * time.Millisecond)
        woke.send(ms)

    for ms in [90, 30, 60, 0]:
        go(sleeper, ms)
    for _ in range(4):
        print("woke after", woke.recv(), "ms")

    timers = chan(str)
    delays = {"a": 10, "b": 30, "c": 50}
    for name in ["c", "a", "b"]:
        time.after_func(delays[name] * time.Millisecond, functools.partial(timers.send, name))
    for _ in range(3):
        print("timer", timers.recv())


if __name__ == "__main__":
    goconc.run(main)
