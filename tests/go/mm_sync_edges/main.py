"""The memory model's other edges: unlock before a later lock returns, the
return of Once's f before any do returns, an atomic store observed by a
load, done before the wait it unblocks returns."""

import goconc
from goconc import atomic, go, runtime, sync

a = ""
mu = sync.Mutex()


def lock_example() -> None:
    mu.lock()

    def f() -> None:
        global a
        a = "hello from an Unlock"
        mu.unlock()  # call 1 of unlock ...

    go(f)
    mu.lock()  # ... is synchronized before call 2 of lock returns
    print(a)
    mu.unlock()


once = sync.Once()


def setup() -> None:
    global a
    a = "hello from Once"


def doprint(wg: sync.WaitGroup) -> None:
    try:
        once.do(setup)  # every do returns after setup has returned
        print(a)
    finally:
        wg.done()


def once_example() -> None:
    wg = sync.WaitGroup()
    wg.add(2)
    go(doprint, wg)
    go(doprint, wg)
    wg.wait()


def atomic_example() -> None:
    ready = atomic.Bool()

    def f() -> None:
        global a
        a = "hello from an atomic"
        ready.store(True)

    go(f)
    while not ready.load():  # the load that observes the store is synchronized after it
        runtime.gosched()  # goconc never preempts a loop: let f run
    print(a)


def wait_group_example() -> None:
    results = [0] * 3
    wg = sync.WaitGroup()

    def square(i: int) -> None:
        try:
            results[i] = i * i
        finally:
            wg.done()  # done is synchronized before the wait it unblocks returns

    for i in range(len(results)):
        wg.add(1)
        go(square, i)
    wg.wait()
    print("squares", "[" + " ".join(map(str, results)) + "]")


def main() -> None:
    lock_example()
    once_example()
    atomic_example()
    wait_group_example()


if __name__ == "__main__":
    goconc.run(main)
