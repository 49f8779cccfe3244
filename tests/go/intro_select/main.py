"""Chapter 1's second pair: select over two channels fed by sleeping goroutines."""

import goconc
from goconc import chan, go, recv, select, time


def main() -> None:
    c1 = chan(str)
    c2 = chan(str)

    def first() -> None:
        time.sleep(1 * time.Second)
        c1.send("one")

    def second() -> None:
        time.sleep(2 * time.Second)
        c2.send("two")

    go(first)
    go(second)

    for _ in range(2):
        match select(recv(c1), recv(c2)):
            case 0, msg1:
                print("received", msg1)
            case 1, msg2:
                print("received", msg2)


if __name__ == "__main__":
    goconc.run(main)
