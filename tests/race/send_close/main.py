"""A send and a close that nothing orders; the sleep does not order them either."""

import goconc
from goconc import chan, go, time


def main() -> None:
    c = chan(int, 1)
    go(lambda: c.send(1))
    time.sleep(10 * time.Millisecond)
    c.close()
    for v in c:
        print(v)


if __name__ == "__main__":
    goconc.run(main)
