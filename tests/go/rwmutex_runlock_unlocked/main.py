"""runlock of an RWMutex that is not read-locked is a fatal error."""

import goconc
from goconc import sync


def main() -> None:
    rw = sync.RWMutex()
    rw.rlock()
    rw.runlock()
    print("read-unlocking again")
    rw.runlock()


if __name__ == "__main__":
    goconc.run(main)
