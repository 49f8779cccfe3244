"""A worker pool with results (chapter 18): three workers square six numbers. Each result
carries its job's index, so the output is in job order whatever order the workers finish in."""

import goconc
from goconc import chan, go, sync


def main() -> None:
    nums = [1, 2, 3, 4, 5, 6]
    jobs = chan(int, name="jobs")
    results = chan(tuple, name="results")
    wg = sync.WaitGroup()

    def worker() -> None:
        for i in jobs:
            results.send((i, nums[i] * nums[i]))

    for _ in range(3):
        wg.go(worker)

    def feed() -> None:
        for i in range(len(nums)):
            jobs.send(i)
        jobs.close()  # no more jobs: every worker's loop ends

    def closer() -> None:
        wg.wait()
        results.close()  # every worker is done: main's loop ends

    go(feed)
    go(closer)
    squares = [0] * len(nums)
    for i, square in results:
        squares[i] = square
    print("[" + " ".join(map(str, squares)) + "]")


if __name__ == "__main__":
    goconc.run(main)
