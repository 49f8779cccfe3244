"""A send case on a closed channel can proceed, so the select panics even with a default."""

import goconc
from goconc import Chan, chan, default, select, send


def try_send(ch: Chan[int], v: int) -> None:
    try:
        match select(send(ch, v), default):
            case 0, _:
                print("sent")
            case _:
                print("default")
    except goconc.Panic as r:  # Go: defer func() { recover() }()
        print("recovered:", r)


def main() -> None:
    ch = chan(int, 1)
    try_send(ch, 1)
    try_send(ch, 2)
    ch.close()
    try_send(ch, 3)
    print("now without recover")
    match select(send(ch, 4), default):
        case 0, _:
            print("never")
        case _:
            print("never either")


if __name__ == "__main__":
    goconc.run(main)
