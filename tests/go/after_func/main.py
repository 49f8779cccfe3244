"""time.after_func runs f in its own goroutine; its c is None."""

import goconc
from goconc import chan, default, recv, select, time


def gobool(b: bool) -> str:
    return "true" if b else "false"


def main() -> None:
    ran = chan(str, 10)
    t = time.after_func(10 * time.Millisecond, lambda: ran.send("f ran"))
    print("C is nil:", gobool(t.c is None))
    print(ran.recv())
    print("stop after f ran:", gobool(t.stop()))

    print("reset after it fired:", gobool(t.reset(10 * time.Millisecond)))
    print(ran.recv(), "again")

    t = time.after_func(20 * time.Millisecond, lambda: ran.send("g ran"))
    print("stop before it fires:", gobool(t.stop()))
    time.sleep(40 * time.Millisecond)
    match select(recv(ran), default):
        case 0, m:
            print(m)
        case _:
            print("g did not run")
    print("reset a stopped AfterFunc timer:", gobool(t.reset(10 * time.Millisecond)))
    print(ran.recv(), "after all")

    # f runs in its own goroutine, so it may block without holding up timers.
    block = chan(bool)

    def slow() -> None:
        block.recv()
        ran.send("slow f finished")

    time.after_func(0, slow)
    time.after_func(10 * time.Millisecond, lambda: ran.send("second f ran"))
    print(ran.recv())
    block.close()
    print(ran.recv())

    # A pending after_func keeps the program alive: this is not a deadlock.
    wake = chan(bool)
    time.after_func(20 * time.Millisecond, wake.close)
    wake.recv()
    print("woken by AfterFunc")


if __name__ == "__main__":
    goconc.run(main)
