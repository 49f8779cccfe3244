"""wg.add inside the goroutine: wait can return before any add."""

import goconc
from goconc import go, sync, time


def main() -> None:
    mu = sync.Mutex()
    wg = sync.WaitGroup()
    count = 0

    def worker() -> None:
        nonlocal count
        wg.add(1)  # too late: belongs before go(worker)
        with mu:
            count += 1
        wg.done()

    for _ in range(3):
        go(worker)
    wg.wait()
    print(str(count >= 0).lower())
    time.sleep(10 * time.Millisecond)


if __name__ == "__main__":
    goconc.run(main)
