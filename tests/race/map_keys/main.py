"""A dict written at different keys by two goroutines: a race, as a dict is one place."""

import goconc
from goconc import go, sync


def main() -> None:
    hits: dict[str, int] = {}
    wg = sync.WaitGroup()
    wg.add(2)

    def a() -> None:
        hits["a"] = 1
        wg.done()

    def b() -> None:
        hits["b"] = 2
        wg.done()

    go(a)
    go(b)
    wg.wait()
    print(len(hits))


if __name__ == "__main__":
    goconc.run(main)
