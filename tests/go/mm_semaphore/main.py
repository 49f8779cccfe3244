"""A buffered channel as a counting semaphore: the k-th receive on a channel
of capacity C is synchronized before the completion of the (k+C)-th send,
so at most C workers hold a slot at once."""

import goconc
from goconc import chan, go, sync, time


def main() -> None:
    limit = chan(None, 3)
    mu = sync.Mutex()
    busy = most = 0
    wg = sync.WaitGroup()

    def worker() -> None:
        nonlocal busy, most
        try:
            limit.send(None)  # take a slot: the 4th send waits for the 1st receive
            with mu:
                busy += 1
                most = max(most, busy)
            time.sleep(100 * time.Millisecond)  # the work
            with mu:
                busy -= 1
            limit.recv()  # give the slot back
        finally:
            wg.done()

    for _ in range(7):
        wg.add(1)
        go(worker)
    wg.wait()
    print("7 jobs, at most", most, "at once")


if __name__ == "__main__":
    goconc.run(main)
