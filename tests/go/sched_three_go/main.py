"""Three go statements, then wg.wait: with one P, Go runs them c, a, b.

See main.go for the derivation (runnext, then the local run queue in FIFO order).
"""

import goconc
from goconc import go, runtime, sync


def main() -> None:
    runtime.gosched()

    out: list[str] = []
    wg = sync.WaitGroup()
    wg.add(3)

    def a() -> None:
        out.append("a")
        wg.done()

    def b() -> None:
        out.append("b")
        wg.done()

    def c() -> None:
        out.append("c")
        wg.done()

    go(a)
    go(b)
    go(c)
    wg.wait()
    print(" ".join(out))


if __name__ == "__main__":
    goconc.run(main)
