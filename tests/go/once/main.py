"""Once, once_func and once_value call f only once."""

import goconc
from goconc import chan, sync


def main() -> None:
    once = sync.Once()
    for i in range(3):
        once.do(lambda: print("first Do runs f", i))  # noqa: B023 - do() calls it at once
    once.do(lambda: print("never: a different f does not run either"))

    calls = 0

    def count_call() -> None:
        nonlocal calls
        calls += 1

    setup = sync.once_func(count_call)
    setup()
    setup()
    print("OnceFunc calls:", calls)

    computed = 0

    def load_config() -> int:
        nonlocal computed
        computed += 1
        return 42

    config = sync.once_value(load_config)
    wg = sync.WaitGroup()
    results = chan(int, 5)
    for _ in range(5):
        wg.go(lambda: results.send(config()))
    wg.wait()
    results.close()
    print("OnceValue from 5 goroutines:", sum(results), "computed", computed, "time")

    # A raising f counts as done; once_func raises the same exception again.
    def explode() -> None:
        count_call()
        raise RuntimeError("boom")

    boom = sync.once_func(explode)
    for _ in range(2):
        try:
            boom()
        except RuntimeError as r:
            print("recovered:", r)
    print("calls now:", calls)

    o2 = sync.Once()

    def panics() -> None:
        raise RuntimeError("once panicked")

    try:
        o2.do(panics)
    except RuntimeError as r:
        print("recovered:", r)
    o2.do(lambda: print("never: a panicking f counts as done"))
    print("done")


if __name__ == "__main__":
    goconc.run(main)
