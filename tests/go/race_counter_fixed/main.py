"""The racy counter, fixed: the read-modify-write happens under a mutex."""

import goconc
from goconc import go, sync


def main() -> None:
    mu = sync.Mutex()
    counter = 0
    wg = sync.WaitGroup()

    def inc() -> None:
        nonlocal counter
        try:
            with mu:
                counter += 1
        finally:
            wg.done()

    for _ in range(1000):
        wg.add(1)
        go(inc)
    wg.wait()
    print("counter:", counter)


if __name__ == "__main__":
    goconc.run(main)
