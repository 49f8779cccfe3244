"""runtime.num_goroutine counts every goroutine, blocked ones included."""

import goconc
from goconc import chan, go, runtime, time


def main() -> None:
    print("at start:", runtime.num_goroutine())
    block = chan(bool)
    exited = chan(bool)

    def waiter() -> None:
        block.recv()
        exited.send(True)

    for _ in range(3):
        go(waiter)
    print("with three blocked:", runtime.num_goroutine())
    block.close()
    for _ in range(3):
        exited.recv()
    # A goroutine that has just sent may still exist for a moment: poll.
    while runtime.num_goroutine() > 1:
        time.sleep(time.Millisecond)
    print("after they exit:", runtime.num_goroutine())
    runtime.gosched()
    print("Gosched returns")


if __name__ == "__main__":
    goconc.run(main)
