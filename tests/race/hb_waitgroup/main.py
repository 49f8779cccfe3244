"""Happens-before: every done before wait returns."""

import goconc
from goconc import go, sync


def main() -> None:
    results = [0] * 3
    wg = sync.WaitGroup()

    def work(i: int) -> None:
        results[i] = i + 1
        wg.done()

    for i in range(3):
        wg.add(1)
        go(work, i)
    wg.wait()
    print("[" + " ".join(map(str, results)) + "]")


if __name__ == "__main__":
    goconc.run(main)
