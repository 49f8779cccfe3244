"""The worker's every blocking operation has an exit path: a select on ctx.done()."""

import goconc
from goconc import RecvChan, SendChan, chan, context, go, recv, runtime, select, send, time


def start_worker(ctx: context.Context, jobs: RecvChan[int], results: SendChan[int]) -> None:
    def worker() -> None:
        while True:
            match select(recv(jobs), recv(ctx.done())):
                case 0, j:
                    if select(send(results, j * j), recv(ctx.done()))[0] == 1:
                        return
                case 1, _:
                    print("worker stops:", ctx.err())
                    return

    go(worker)


def main() -> None:
    with context.with_cancel(context.background()) as ctx:
        print("goroutines at start:", runtime.num_goroutine())
        jobs = chan(int)
        results = chan(int)
        start_worker(ctx, jobs, results)
        for i in range(1, 4):
            jobs.send(i)
            print("result:", results.recv())
        print("goroutines while working:", runtime.num_goroutine())
    # Leaving the with block cancelled ctx: the worker sees ctx.done() and returns.
    while runtime.num_goroutine() > 1:
        time.sleep(time.Millisecond)  # a goroutine that is returning may exist a moment longer
    print("goroutines at the end:", runtime.num_goroutine())


if __name__ == "__main__":
    goconc.run(main)
