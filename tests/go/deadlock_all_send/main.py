"""Every goroutine, main included, is blocked sending: a deadlock."""

import goconc
from goconc import chan, go, time


def main() -> None:
    ch = chan(int)
    for i in range(3):
        go(ch.send, i)
    time.sleep(10 * time.Millisecond)  # a sleeping main is not deadlocked
    print("three senders, no receiver")
    ch.send(0)


if __name__ == "__main__":
    goconc.run(main)
