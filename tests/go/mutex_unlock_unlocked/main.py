"""Unlocking an unlocked mutex is a fatal error: except Exception cannot catch it."""

import goconc
from goconc import sync


def main() -> None:
    mu = sync.Mutex()
    mu.lock()
    mu.unlock()
    try:
        print("unlocking again")
        mu.unlock()
    except Exception:  # goconc.Fatal is a BaseException, as Go's recover cannot stop it
        print("never: fatal errors cannot be recovered")


if __name__ == "__main__":
    goconc.run(main)
