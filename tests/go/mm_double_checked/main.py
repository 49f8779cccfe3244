"""Double-checked locking, from the memory model's "Incorrect
synchronization": seeing done == True does not mean seeing a."""

import goconc
from goconc import go, sync

a = ""
done = False
once = sync.Once()


def setup() -> None:
    global a, done
    a = "hello, world"
    done = True


def doprint(wg: sync.WaitGroup) -> None:
    try:
        if not done:  # a racy read: no edge orders it after setup's write
            once.do(setup)
        print(a)
    finally:
        wg.done()


def main() -> None:
    wg = sync.WaitGroup()
    wg.add(2)
    go(doprint, wg)
    doprint(wg)
    wg.wait()


if __name__ == "__main__":
    goconc.run(main)
