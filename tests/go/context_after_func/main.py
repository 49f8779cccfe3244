"""context.after_func runs f in its own goroutine once ctx is done; stop() can prevent it."""

import goconc
from goconc import chan, context, default, recv, select


def gobool(b: bool) -> str:
    return "true" if b else "false"


def main() -> None:
    ran = chan(str, 3)

    ctx, cancel = context.with_cancel(context.background())
    stop = context.after_func(ctx, lambda: ran.send("f ran after cancel"))
    cancel()
    print(ran.recv())
    print("stop after f started:", gobool(stop()))

    ctx2, cancel2 = context.with_cancel(context.background())
    stop2 = context.after_func(ctx2, lambda: ran.send("never"))
    print("stop before cancel:", gobool(stop2()))
    print("stop again:", gobool(stop2()))
    cancel2()

    done, cancel3 = context.with_cancel(context.background())
    cancel3()
    context.after_func(done, lambda: ran.send("f ran at once: ctx was already done"))
    print(ran.recv())
    match select(recv(ran), default):
        case 0, m:
            print(m)
        case _:
            print("the stopped f never ran")


if __name__ == "__main__":
    goconc.run(main)
