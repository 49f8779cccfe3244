"""Publication: a value is made in full first, and only then handed over with
an edge (a send, an atomic store), so whoever receives it sees all of it."""

from dataclasses import dataclass, field

import goconc
from goconc import atomic, chan, go, runtime


@dataclass
class Config:
    name: str
    limits: list[int] = field(default_factory=list)


def load(name: str) -> Config:
    c = Config(name)
    c.limits.extend([10, 100])
    return c


current: atomic.Value[Config] = atomic.Value()  # Go's atomic.Pointer[Config]


def main() -> None:
    # Made in full, then sent: the send is synchronized before the receive completes.
    configs = chan(Config)
    go(lambda: configs.send(load("sent")))
    c = configs.recv()
    print(c.name, "[" + " ".join(map(str, c.limits)) + "]")

    # Made in full, then stored: a load that observes the store is synchronized after it.
    go(lambda: current.store(load("stored")))
    while current.load() is None:
        runtime.gosched()  # goconc never preempts a loop: let the storer run
    stored = current.load()
    assert stored is not None
    print(stored.name, "[" + " ".join(map(str, stored.limits)) + "]")


if __name__ == "__main__":
    goconc.run(main)
