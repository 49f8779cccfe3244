"""The lesson's Counter: a mutex protects shared state."""

import goconc
from goconc import chan, go, sync


class Counter:
    def __init__(self) -> None:
        self.mu = sync.Mutex()
        self.n = 0

    def inc(self) -> None:
        with self.mu:
            self.n += 1

    def value(self) -> int:
        with self.mu:
            return self.n


def gobool(b: bool) -> str:
    return "true" if b else "false"


def main() -> None:
    c = Counter()
    wg = sync.WaitGroup()

    def worker() -> None:
        try:
            for _ in range(10):
                c.inc()
        finally:
            wg.done()

    for _ in range(100):
        wg.add(1)
        go(worker)
    wg.wait()
    print("count:", c.value())

    mu = sync.Mutex()
    print("TryLock on an unlocked mutex:", gobool(mu.try_lock()))
    print("TryLock on a locked mutex:", gobool(mu.try_lock()))
    # A locked Mutex is not tied to a goroutine: another one may unlock it.
    done = chan(bool)

    def unlocker() -> None:
        mu.unlock()
        done.send(True)

    go(unlocker)
    done.recv()
    print("unlocked by another goroutine; TryLock:", gobool(mu.try_lock()))
    mu.unlock()


if __name__ == "__main__":
    goconc.run(main)
