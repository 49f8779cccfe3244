"""RWMutex: a writer waits for three readers; the last RUnlock wakes it, main runs first."""

import goconc
from goconc import chan, go, runtime, sync


def main() -> None:
    runtime.gosched()

    ev = chan(str, 32)
    rw = sync.RWMutex()
    wg = sync.WaitGroup()
    held = chan(bool)
    gone = chan(bool)
    release: list[goconc.Chan[bool]] = []

    def reader(i: int) -> None:
        rw.rlock()
        held.send(True)
        release[i].recv()
        rw.runlock()
        ev.send(f"r{i}: RUnlock returned")
        gone.send(True)

    for i in range(3):
        release.append(chan(bool))
        go(reader, i)
        held.recv()
    wg.add(2)

    def w() -> None:
        held.send(True)
        rw.lock()
        ev.send("w writes")
        rw.unlock()
        ev.send("w: Unlock returned")
        wg.done()

    go(w)
    held.recv()

    def r3() -> None:
        held.send(True)
        rw.rlock()
        ev.send("r3 reads")
        rw.runlock()
        wg.done()

    go(r3)
    held.recv()
    ev.send("r0, r1, r2 hold read locks; w waits in Lock; r3 waits in RLock")
    for i in [1, 2, 0]:
        ev.send(f"main releases r{i}")
        release[i].send(True)
        gone.recv()
    ev.send("main runs before w")
    wg.wait()
    ev.close()

    out: list[str] = []
    for s in ev:
        out.append(s + "\n")
    print("".join(out), end="")


if __name__ == "__main__":
    goconc.run(main)
