"""The pre-Go 1.23 drain idiom blocks forever once the value was received."""

import goconc
from goconc import time


def main() -> None:
    t = time.new_timer(10 * time.Millisecond)
    t.c.recv()
    print("fired and received")
    if not t.stop():  # False: the value was received
        t.c.recv()  # nothing will ever be sent: blocks forever
    t.reset(10 * time.Millisecond)
    print("never printed")


if __name__ == "__main__":
    goconc.run(main)
