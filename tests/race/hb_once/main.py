"""Happens-before: the end of once.do's f before every do returns."""

import goconc
from goconc import go, sync


def main() -> None:
    once = sync.Once()
    wg = sync.WaitGroup()
    config: dict[str, int] = {}

    def setup() -> None:
        nonlocal config
        config = {"port": 8080}

    def worker() -> None:
        once.do(setup)
        _ = config["port"]
        wg.done()

    for _ in range(3):
        wg.add(1)
        go(worker)
    wg.wait()
    print(config["port"])


if __name__ == "__main__":
    goconc.run(main)
