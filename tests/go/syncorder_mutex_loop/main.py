"""Mutex: two goroutines lock/append/unlock in a loop; b does all its rounds, then a."""

import goconc
from goconc import go, runtime, sync


def main() -> None:
    runtime.gosched()

    mu = sync.Mutex()
    wg = sync.WaitGroup()
    got: list[str] = []  # guarded by mu

    def worker(name: str) -> None:
        for i in range(3):
            mu.lock()
            got.append(f"{name}{i}")
            mu.unlock()
        wg.done()

    wg.add(2)
    go(worker, "a")
    go(worker, "b")
    wg.wait()

    out: list[str] = []
    out.append("lock order: " + " ".join(got) + "\n")
    print("".join(out), end="")


if __name__ == "__main__":
    goconc.run(main)
