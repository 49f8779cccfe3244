"""A WaitGroup counter below zero panics."""

import goconc
from goconc import sync


def main() -> None:
    wg = sync.WaitGroup()
    try:
        wg.add(-1)
    except goconc.Panic as r:
        print("recovered:", r)
    wg2 = sync.WaitGroup()
    wg2.add(1)
    wg2.done()
    print("one Done too many")
    wg2.done()
    print("never")


if __name__ == "__main__":
    goconc.run(main)
