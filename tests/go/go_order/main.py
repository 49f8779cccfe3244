"""Three go statements, then wg.wait: with one P, Go runs the newest first: c, a, b."""

import goconc
from goconc import go, runtime, sync


def main() -> None:
    runtime.gosched()

    wg = sync.WaitGroup()
    for name in ["a", "b", "c"]:
        wg.add(1)

        def say(name: str = name) -> None:
            try:
                print(name)
            finally:
                wg.done()

        go(say)
    wg.wait()


if __name__ == "__main__":
    goconc.run(main)
