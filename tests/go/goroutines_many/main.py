"""100,000 goroutines alive at once, all blocked on one channel, then released."""

import goconc
from goconc import chan, go, runtime, sync


def main() -> None:
    n = 100_000
    start = chan()
    wg = sync.WaitGroup()

    def worker() -> None:
        try:
            start.recv()  # park until main closes start
        finally:
            wg.done()

    for _ in range(n):
        wg.add(1)
        go(worker)
    print("goroutines alive:", runtime.num_goroutine())
    start.close()  # wakes every one of them
    wg.wait()
    print("all", n, "finished")


if __name__ == "__main__":
    goconc.run(main)
