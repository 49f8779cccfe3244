"""RWMutex: Unlock releases three readers and a second writer; the writer runs first."""

import goconc
from goconc import chan, go, runtime, sync


def gobool(b: bool) -> str:
    return "true" if b else "false"


def main() -> None:
    runtime.gosched()

    ev = chan(str, 16)
    rw = sync.RWMutex()
    wg = sync.WaitGroup()
    queued = chan(bool)

    def reader(i: int) -> None:
        queued.send(True)
        rw.rlock()
        ok = rw.try_rlock()
        if ok:
            rw.runlock()
        ev.send(f"r{i} reads; TryRLock: {gobool(ok)}")
        rw.runlock()
        wg.done()

    rw.lock()
    for i in range(3):
        wg.add(1)
        go(reader, i)
        queued.recv()
    wg.add(1)

    def w2() -> None:
        queued.send(True)
        rw.lock()
        ev.send("w2 writes")
        rw.unlock()
        wg.done()

    go(w2)
    queued.recv()
    ev.send("r0, r1, r2 wait in RLock; w2 waits in Lock")
    ev.send("main unlocks")
    rw.unlock()
    ok = rw.try_rlock()
    if ok:
        rw.runlock()
    ev.send(f"main: TryRLock right after Unlock: {gobool(ok)}")
    wg.wait()
    ev.close()

    out: list[str] = []
    for s in ev:
        out.append(s + "\n")
    print("".join(out), end="")


if __name__ == "__main__":
    goconc.run(main)
