"""An accidentally shared variable (err)."""

import goconc
from goconc import chan, go


def work(n: int) -> tuple[int, Exception | None]:
    if n < 0:
        return 0, ValueError("negative")
    return n * 2, None


def main() -> None:
    res = chan(object, 2)
    v, err = work(1)

    def first() -> None:
        nonlocal err
        _, err = work(2)  # writes main's err
        res.send(err)

    go(first)
    v, err = work(3)  # the second, conflicting write to err

    def second() -> None:
        nonlocal err
        _, err = work(4)
        res.send(err)

    go(second)
    print(v, res.recv(), res.recv())


if __name__ == "__main__":
    goconc.run(main)
