"""Goroutines that start goroutines: Go prints C C2 A A2 B B2 C1 A1 A1x B1.

See main.go for the derivation (a parent's last child takes runnext and runs
next; its earlier children wait at the tail of the local run queue).
"""

import goconc
from goconc import go, runtime, sync

tree: dict[str, list[str]] = {
    "main": ["A", "B", "C"],
    "A": ["A1", "A2"],
    "B": ["B1", "B2"],
    "C": ["C1", "C2"],
    "A1": ["A1x"],
}


def main() -> None:
    runtime.gosched()

    out: list[str] = []
    wg = sync.WaitGroup()

    def node(name: str) -> None:
        out.append(name)
        for kid in tree.get(name, []):
            wg.add(1)
            go(node, kid)
        wg.done()

    for kid in tree["main"]:
        wg.add(1)
        go(node, kid)
    wg.wait()
    print(" ".join(out))


if __name__ == "__main__":
    goconc.run(main)
