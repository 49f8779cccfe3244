"""sync.Map where it fits: a cache whose entries are written once and then only read."""

from typing import Any

import goconc
from goconc import atomic, sync


def main() -> None:
    cache: sync.Map[str, int] = sync.Map()  # key -> its length, standing in for an expensive result
    wg = sync.WaitGroup()
    stored, hit = atomic.Int64(), atomic.Int64()

    def worker() -> None:
        for k in ["a", "bb", "ccc"]:
            _, ok = cache.load(k)
            if ok:  # the common case: a read, no lock taken
                hit.add(1)
                continue
            # Several goroutines may get here for one key; exactly one stores.
            _, loaded = cache.load_or_store(k, len(k))
            if loaded:
                hit.add(1)
            else:
                stored.add(1)

    for _ in range(10):
        wg.go(worker)
    wg.wait()

    entries: list[str] = []

    def collect(k: Any, v: Any) -> bool:
        entries.append(f"{k}={v}")
        return True

    cache.range(collect)
    print("cache:", " ".join(sorted(entries)))
    print("stored:", stored.load(), "hits:", hit.load())


if __name__ == "__main__":
    goconc.run(main)
