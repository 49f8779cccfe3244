"""Happens-before: errgroup's wait returns after every function it started."""

import goconc
from goconc import errgroup


def main() -> None:
    g = errgroup.Group()
    results = [0] * 3
    for i in range(3):
        def work(i: int = i) -> None:
            results[i] = i * 10
        g.go(work)
    g.wait()
    print("[" + " ".join(map(str, results)) + "]")


if __name__ == "__main__":
    goconc.run(main)
