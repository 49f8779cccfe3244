"""Goroutines blocked in select are woken by a send, by a receive and by a
close; a woken select goroutine goes to runnext, ahead of the local run queue.

See main.go for the derivation.
"""

import goconc
from goconc import chan, go, recv, runtime, select, send, sync


def main() -> None:
    runtime.gosched()

    out: list[str] = []
    wg = sync.WaitGroup()
    ready = chan(bool)

    def worker(name: str) -> None:
        out.append(name)
        wg.done()

    # 1. A select woken by a send.
    a = chan(int)
    b = chan(int)
    wg.add(3)

    def s() -> None:
        ready.send(True)
        i, v = select(recv(a), recv(b))
        if i == 0:
            out.append(f"S got {v} from a")
        else:
            out.append(f"S got {v} from b")
        wg.done()

    go(s)
    ready.recv()
    go(worker, "W1")
    go(worker, "W2")
    b.send(7)
    out.append("main sent 7")
    wg.wait()

    # 2. A select woken by a receive.
    c = chan(int)
    d = chan(int)
    wg.add(3)

    def t() -> None:
        ready.send(True)
        i, _ = select(send(c, 1), send(d, 2))
        if i == 0:
            out.append("T sent 1 on c")
        else:
            out.append("T sent 2 on d")
        wg.done()

    go(t)
    ready.recv()
    go(worker, "X1")
    go(worker, "X2")
    v = d.recv()
    out.append(f"main got {v}")
    wg.wait()

    # 3. Selects woken by a close.
    done: goconc.Chan[None] = chan(None)
    never = chan(int)

    def u(i: int) -> None:
        ready.send(True)
        k, _ = select(recv(done), recv(never))
        if k == 0:
            out.append(f"U{i} done")
        else:
            out.append(f"U{i} never")
        wg.done()

    for i in range(3):
        wg.add(1)
        go(u, i)
        ready.recv()
    done.close()
    out.append("main closed done")
    wg.wait()

    print("\n".join(out))


if __name__ == "__main__":
    goconc.run(main)
