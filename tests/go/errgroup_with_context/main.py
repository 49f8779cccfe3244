"""errgroup: the first error cancels the group's context and is what wait() raises;
set_limit bounds the active goroutines."""

from gofmt import show

import goconc
from goconc import chan, context, errgroup, recv, select, time


def wait(g: errgroup.Group) -> BaseException | None:
    """Go's ``err := g.Wait()``: the raised exception, or None."""
    try:
        g.wait()
    except Exception as err:
        return err
    return None


def main() -> None:
    g, ctx = errgroup.with_context(context.background())
    finished = chan(int, 3)

    def task(i: int) -> None:
        match select(recv(time.after(i * 20 * time.Millisecond)), recv(ctx.done())):
            case 0, _:
                if i == 2:
                    raise Exception(f"task {i} failed")
                finished.send(i)
            case _:
                err = ctx.err()
                assert err is not None
                raise err  # not the first error: wait() ignores it

    for i in range(1, 4):
        g.go(task, i)
    print("Wait:", show(wait(g)))
    print("ctx:", show(ctx.err()), "| cause:", show(context.cause(ctx)))
    finished.close()
    for i in finished:
        print("finished:", i)

    ok = errgroup.Group()
    ok.go(lambda: None)
    print("Wait without errors:", show(wait(ok)))

    limited = errgroup.Group()
    limited.set_limit(2)
    release = chan()
    started = [limited.try_go(release.recv) for _ in range(3)]
    print("TryGo:", *map(show, started))
    try:
        limited.set_limit(3)
    except goconc.Panic as r:
        print("recovered:", r)
    release.close()
    print("Wait:", show(wait(limited)))
    limited.set_limit(3)
    print("SetLimit after Wait is fine")


if __name__ == "__main__":
    goconc.run(main)
