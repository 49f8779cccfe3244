"""One problem, two ways: an owner goroutine serving requests, and a mutex-guarded struct."""

from typing import Protocol

import goconc
from goconc import Chan, chan, go, recv, select, sync


class Owner:
    """Share memory by communicating: only the owner goroutine touches n."""

    def __init__(self) -> None:
        self.incs: Chan[int] = chan(int)  # requests to add
        self.reads: Chan[Chan[int]] = chan()  # requests to read: the reply channel travels with it
        go(self._serve)

    def _serve(self) -> None:
        n = 0  # the state, private to this goroutine
        while True:
            match select(recv(self.incs), recv(self.reads)):
                case 0, d:
                    n += d
                case 1, reply:
                    reply.send(n)

    def inc(self) -> None:
        self.incs.send(1)

    def value(self) -> int:
        reply = chan(int)
        self.reads.send(reply)
        return reply.recv()


class Locked:
    """Communicate by sharing memory (carefully): n is shared, mu guards it."""

    def __init__(self) -> None:
        self.mu = sync.Mutex()
        self.n = 0

    def inc(self) -> None:
        with self.mu:
            self.n += 1

    def value(self) -> int:
        with self.mu:
            return self.n


class Counter(Protocol):
    def inc(self) -> None: ...
    def value(self) -> int: ...


def hammer(c: Counter) -> int:
    wg = sync.WaitGroup()

    def worker() -> None:
        for _ in range(10):
            c.inc()

    for _ in range(100):
        wg.go(worker)
    wg.wait()
    return c.value()


def main() -> None:
    print("owner goroutine:", hammer(Owner()))
    print("mutex:", hammer(Locked()))


if __name__ == "__main__":
    goconc.run(main)
