"""RWMutex: many readers at once, one writer alone, and a waiting writer blocks new readers."""

import goconc
from goconc import chan, go, sync, time


def gobool(b: bool) -> str:
    return "true" if b else "false"


def main() -> None:
    rw = sync.RWMutex()
    entered = chan(int)
    release = chan(bool)

    def reader(i: int) -> None:
        rw.rlock()
        entered.send(i)
        release.recv()
        rw.runlock()
        entered.send(-1)

    for i in range(3):
        go(reader, i)
    total = sum(entered.recv() for _ in range(3))
    print("three readers hold the lock at once; ids sum to", total)
    print("TryLock while read-locked:", gobool(rw.try_lock()))
    print("TryRLock while read-locked:", gobool(rw.try_rlock()))
    rw.runlock()
    release.close()
    for _ in range(3):
        entered.recv()

    # A writer waits for the reader; meanwhile new readers must wait too.
    rw.rlock()
    writer = chan(str)

    def write() -> None:
        with rw:
            writer.send("writer locked")
        writer.send("writer unlocked")

    go(write)
    time.sleep(10 * time.Millisecond)  # the writer is waiting by now
    print("TryRLock with a writer waiting:", gobool(rw.try_rlock()))
    rw.runlock()
    print(writer.recv())
    print(writer.recv())
    print("TryLock after the writer's Unlock:", gobool(rw.try_lock()))
    rw.unlock()

    # rlocker gives the read side a lock/unlock pair.
    r = rw.rlocker()
    r.lock()
    print("TryLock while RLocker holds the read lock:", gobool(rw.try_lock()))
    r.unlock()
    print("TryLock after RLocker's Unlock:", gobool(rw.try_lock()))
    rw.unlock()


if __name__ == "__main__":
    goconc.run(main)
