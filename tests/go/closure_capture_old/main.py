"""The closure capture gotcha: a Python closure sees the loop variable's last value."""

import goconc
from goconc import chan, go, sync


def fetch(u: str) -> None:
    print("fetch", u)


def main() -> None:
    wg = sync.WaitGroup()
    start = chan()
    for u in ["a", "b", "c"]:
        wg.add(1)

        def worker() -> None:
            try:
                start.recv()  # wait until the loop has finished
                fetch(u)  # captures the variable u, not its value  # noqa: B023
            finally:
                wg.done()

        go(worker)
    start.close()
    wg.wait()


if __name__ == "__main__":
    goconc.run(main)
