"""errgroup: the last-started task's error wins; limit 2 runs t1 t2 t3 t0; cancel wakes 0 2 1."""

import goconc
from goconc import chan, context, errgroup, runtime


def main() -> None:
    runtime.gosched()

    ev = chan(str, 32)
    out: list[str] = []

    def flush() -> None:
        while len(ev) > 0:
            out.append(ev.recv() + "\n")

    def task(i: int) -> None:
        ev.send(f"task {i} runs")
        raise RuntimeError(f"task {i} failed")

    g = errgroup.Group()
    for i in range(3):
        g.go(task, i)
    err: Exception | None = None
    try:
        g.wait()
    except Exception as e:
        err = e
    flush()
    out.append(f"Wait: {err}\n")

    def limited(i: int) -> None:
        ev.send(f"t{i} runs")

    lg = errgroup.Group()
    lg.set_limit(2)
    for i in range(4):
        lg.go(limited, i)
    err = None
    try:
        lg.wait()
    except Exception as e:
        err = e
    flush()
    out.append(f"limited Wait: {'<nil>' if err is None else err}\n")

    cg, ctx = errgroup.with_context(context.background())
    started = chan(bool)

    def waiter(i: int) -> None:
        started.send(True)
        done = ctx.done()
        assert done is not None  # a cancelable context has a Done channel
        done.recv()
        ev.send(f"w{i} sees ctx.Done")
        cerr = ctx.err()
        assert cerr is not None
        raise cerr

    for i in range(3):
        cg.go(waiter, i)
        started.recv()

    def fails() -> None:
        ev.send("e fails")
        raise RuntimeError("e failed")

    cg.go(fails)
    err = None
    try:
        cg.wait()
    except Exception as e:
        err = e
    flush()
    out.append(f"Wait: {err}\n")
    print("".join(out), end="")


if __name__ == "__main__":
    goconc.run(main)
