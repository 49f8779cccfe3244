"""Goroutines that yield in a loop (W0 three times, W1 once, W2 twice, main
twice): Go prints m.0 2.0 0.0 1.0 m.1 2.1 0.1 1-end 2-end 0.2 0-end.

See main.go for the derivation (gosched goes to the global queue; a global
batch runs its first goroutine and moves the rest to the local queue).
"""

import goconc
from goconc import chan, go, runtime, sync


def align() -> None:
    """Return with the P's schedtick%61 == 1 (see main.go)."""
    done = chan(bool, 1)
    while True:
        ran = False

        def x() -> None:
            nonlocal ran
            ran = True
            done.send(True)

        go(x)
        runtime.gosched()
        hit = not ran
        done.recv()
        if hit:
            return


def main() -> None:
    runtime.gosched()
    align()

    out: list[str] = []
    wg = sync.WaitGroup()
    loops = [3, 1, 2]

    def yielder(w: int, n: int) -> None:
        for j in range(n):
            out.append(f"{w}.{j}")
            runtime.gosched()
        out.append(f"{w}-end")
        wg.done()

    for w, n in enumerate(loops):
        wg.add(1)
        go(yielder, w, n)
    for j in range(2):
        out.append(f"m.{j}")
        runtime.gosched()
    wg.wait()
    print(" ".join(out))


if __name__ == "__main__":
    goconc.run(main)
