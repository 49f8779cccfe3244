"""sync/atomic: typed atomics and atomic.Value."""

from typing import Any

from gofmt import show

import goconc
from goconc import atomic, sync


def main() -> None:
    n = atomic.Int64()
    wg = sync.WaitGroup()

    def add_ten() -> None:
        for _ in range(10):
            n.add(1)

    for _ in range(100):
        wg.go(add_ten)
    wg.wait()
    print("count:", n.load())

    print("Add returns the new value:", n.add(5))
    print("Swap returns the old value:", n.swap(7))
    print("CompareAndSwap(7, 8):", show(n.compare_and_swap(7, 8)))
    print("CompareAndSwap(7, 9):", show(n.compare_and_swap(7, 9)))
    n.store(-3)
    print("after Store(-3):", n.load())

    i32 = atomic.Int32()
    print("Int32 Add(-2):", i32.add(-2))
    u = atomic.Uint64()
    print("Uint64 Add(3):", u.add(3))

    b = atomic.Bool()
    print("Bool zero:", show(b.load()))
    print("Bool Swap(true):", show(b.swap(True)))
    swapped = b.compare_and_swap(True, False)
    print("Bool CompareAndSwap(true, false):", show(swapped), show(b.load()))

    v: atomic.Value[Any] = atomic.Value()  # Go's atomic.Value holds an any
    print("Value before Store:", show(v.load()))
    v.store("config v1")
    print("Value:", show(v.load()))
    print("Value Swap:", show(v.swap("config v2")), "->", show(v.load()))
    swapped = v.compare_and_swap("config v2", "config v3")
    print("Value CompareAndSwap:", show(swapped), show(v.load()))

    try:
        v.store(None)
    except goconc.Panic as r:
        print("recovered:", r)
    try:
        v.store(42)
    except goconc.Panic as r:
        print("recovered:", r)


if __name__ == "__main__":
    goconc.run(main)
