"""A worker that ranges over a channel nobody closes outlives its last job: a goroutine leak."""

import goconc
from goconc import RecvChan, SendChan, chan, go, runtime, time


def start_worker(jobs: RecvChan[int], results: SendChan[int]) -> None:
    def worker() -> None:
        for j in jobs:  # ends only when jobs is closed
            results.send(j * j)

    go(worker)


def main() -> None:
    print("goroutines at start:", runtime.num_goroutine())
    jobs = chan(int)
    results = chan(int)
    start_worker(jobs, results)
    for i in range(1, 4):
        jobs.send(i)
        print("result:", results.recv())
    # main forgets jobs.close(): the worker waits for a fourth job for ever.
    time.sleep(time.Second)
    print("goroutines at the end:", runtime.num_goroutine())


if __name__ == "__main__":
    goconc.run(main)
