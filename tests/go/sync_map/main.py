"""sync.Map: a concurrent map with load/store/delete and friends."""

from typing import Any

from gofmt import show

import goconc
from goconc import sync


def main() -> None:
    m: sync.Map[str, int] = sync.Map()
    v, ok = m.load("a")
    print("load missing:", show(v), show(ok))
    m.store("a", 1)
    v, ok = m.load("a")
    print("load a:", show(v), show(ok))

    actual, loaded = m.load_or_store("a", 100)
    print("LoadOrStore existing:", show(actual), show(loaded))
    actual, loaded = m.load_or_store("b", 2)
    print("LoadOrStore new:", show(actual), show(loaded))

    prev, loaded = m.swap("b", 20)
    print("Swap b:", show(prev), show(loaded))
    prev, loaded = m.swap("c", 3)
    print("Swap new c:", show(prev), show(loaded))

    v, loaded = m.load_and_delete("c")
    print("LoadAndDelete c:", show(v), show(loaded))
    v, loaded = m.load_and_delete("c")
    print("LoadAndDelete c again:", show(v), show(loaded))
    m.delete("nothing")  # deleting a missing key is fine

    wg = sync.WaitGroup()
    for i in range(10):
        wg.go(m.store, f"k{i}", i * i)
    wg.wait()

    # range visits keys in no particular order: sort before printing.
    entries: list[str] = []

    def collect(k: Any, v: Any) -> bool:
        entries.append(f"{k}={v}")
        return True

    m.range(collect)
    print(len(entries), "entries:", " ".join(sorted(entries)))

    n = 0

    def first_three(k: Any, v: Any) -> bool:
        nonlocal n
        n += 1
        return n < 3  # returning False stops the range

    m.range(first_three)
    print("stopped after", n)


if __name__ == "__main__":
    goconc.run(main)
