"""A "benign" statistics counter: hits += 1 from many goroutines, unprotected.
Without preempt=True nothing interrupts hits += 1, so this run counts all 100;
the race is there all the same, and with preempt=True updates get lost."""

import goconc
from goconc import go, sync

hits = 0


def handle(wg: sync.WaitGroup) -> None:
    global hits
    try:
        hits += 1  # a read and a write, with no edge to the other goroutines' hits += 1
    finally:
        wg.done()


def main() -> None:
    wg = sync.WaitGroup()
    for _ in range(100):
        wg.add(1)
        go(handle, wg)
    wg.wait()
    print("hits:", hits)


if __name__ == "__main__":
    goconc.run(main)
