"""errgroup: the first error wins and cancels the group's context."""

import goconc
from goconc import atomic, chan, context, errgroup, recv, select, time


def main() -> None:
    g = errgroup.Group()

    def task(i: int) -> None:
        time.sleep(i * 100 * time.Millisecond)
        if i >= 2:
            raise RuntimeError(f"task {i} failed")

    for i in range(1, 4):
        g.go(task, i)
    try:
        g.wait()
    except Exception as err:
        print("Wait:", err)

    ok = errgroup.Group()
    ok.go(lambda: None)
    ok.wait()
    print("all succeed: <nil>")

    # with_context: the first error cancels ctx; the others see ctx.done().
    g2, ctx = errgroup.with_context(context.background())

    def fetch() -> None:
        time.sleep(10 * time.Millisecond)
        raise RuntimeError("fetch failed")

    def patient() -> None:
        match select(recv(time.after(time.Second)), recv(ctx.done())):
            case 1, _:
                err = ctx.err()
                assert err is not None
                raise err

    g2.go(fetch)
    for _ in range(3):
        g2.go(patient)
    try:
        g2.wait()
    except Exception as err:
        print("Wait:", err)
    print("ctx:", ctx.err(), "| cause:", context.cause(ctx))

    # set_limit: at most 2 tasks at a time; try_go fails at the limit.
    g3 = errgroup.Group()
    g3.set_limit(2)
    running = atomic.Int64()
    release = chan()

    def blocked() -> None:
        running.add(1)
        release.recv()
        running.add(-1)

    def limited() -> None:
        if running.add(1) > 2:
            raise RuntimeError("limit exceeded")
        time.sleep(time.Millisecond)
        running.add(-1)

    for _ in range(2):
        g3.go(blocked)
    print("TryGo at the limit:", str(g3.try_go(lambda: None)).lower())
    release.close()
    for _ in range(4):
        g3.go(limited)
    g3.wait()
    print("limited Wait: <nil>")
    print("TryGo below the limit:", str(g3.try_go(lambda: None)).lower())
    g3.wait()
    print("Wait: <nil>")


if __name__ == "__main__":
    goconc.run(main)
