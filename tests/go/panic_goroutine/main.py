"""A panic in any goroutine crashes the whole program, even while main is blocked."""

import goconc
from goconc import RecvChan, SendChan, chan, go


def worker(jobs: RecvChan[int], results: SendChan[int]) -> None:
    for j in jobs:
        if j == 3:
            raise goconc.Panic(f"worker cannot handle job {j}")
        results.send(j * 10)


def main() -> None:
    jobs = chan(int)
    results = chan(int)
    go(worker, jobs.recv_only(), results.send_only())
    for j in range(1, 4):
        jobs.send(j)
        if j < 3:
            print("result", results.recv())
    results.recv()  # main blocks here while the worker crashes
    print("never")


if __name__ == "__main__":
    goconc.run(main)
