"""WaitGroup: the last Done releases three waiters; they run 2 0 1, after main blocks."""

import goconc
from goconc import chan, go, runtime, sync


def main() -> None:
    runtime.gosched()

    out: list[str] = []
    wg = sync.WaitGroup()
    fin = sync.WaitGroup()
    wg.add(1)
    fin.add(3)
    waiting = chan(int)
    order = chan(int, 3)

    def waiter(i: int) -> None:
        waiting.send(i)
        wg.wait()
        order.send(i)
        fin.done()

    for i in range(3):
        go(waiter, i)
        out.append(f"waiter {waiting.recv()} waits\n")
    wg.done()
    out.append("main: the last Done returned\n")
    fin.wait()
    order.close()
    for i in order:
        out.append(f"waiter {i} runs\n")
    print("".join(out), end="")


if __name__ == "__main__":
    goconc.run(main)
