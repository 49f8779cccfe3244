"""Happens-before: RWMutex's unlock before the next rlock, runlock before the next lock."""

import goconc
from goconc import go, sync


def main() -> None:
    mu = sync.RWMutex()
    wg = sync.WaitGroup()
    config = {"n": 0}

    def writer() -> None:
        mu.lock()
        config["n"] += 1
        mu.unlock()
        wg.done()

    def reader() -> None:
        mu.rlock()
        _ = config["n"]
        mu.runlock()
        wg.done()

    for _ in range(2):
        wg.add(2)
        go(writer)
        go(reader)
    wg.wait()
    print(config["n"])


if __name__ == "__main__":
    goconc.run(main)
