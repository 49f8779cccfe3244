"""A sender already blocked when the channel is closed wakes up and panics."""

import goconc
from goconc import chan, go, time


def main() -> None:
    ch = chan(int)
    go(ch.send, 1)  # parks: nobody receives
    time.sleep(10 * time.Millisecond)
    print("closing while a sender is blocked")
    ch.close()
    chan(int).recv()  # main waits; the woken sender crashes the program


if __name__ == "__main__":
    goconc.run(main)
