"""The lesson's WaitGroup example, and WaitGroup.go."""

import goconc
from goconc import go, sync

mu = sync.Mutex()
fetched: list[str] = []


def fetch(u: str) -> None:
    with mu:
        fetched.append("fetched " + u)


def main() -> None:
    wg = sync.WaitGroup()
    urls = ["a", "b", "c"]

    def worker(u: str) -> None:
        try:
            fetch(u)
        finally:
            wg.done()

    for u in urls:
        wg.add(1)
        go(worker, u)  # pass u as argument
    wg.wait()
    print(", ".join(sorted(fetched)))

    # wg.go does the add and the done. Pass u as an argument: a Python closure
    # (lambda: fetch(u)) would see the loop's last u, like Go before 1.22.
    fetched.clear()
    for u in ["x", "y", "z"]:
        wg.go(fetch, u)
    wg.wait()
    print(", ".join(sorted(fetched)))

    # wait at zero returns at once.
    wg.wait()
    print("wait at zero returns at once")


if __name__ == "__main__":
    goconc.run(main)
