"""time.Duration's str() is Go's Duration.String."""

import goconc
from goconc import time


def main() -> None:
    ds = [
        time.Duration(0),
        time.Duration(1),
        time.Nanosecond,
        time.Duration(999),
        1500 * time.Nanosecond,
        time.Microsecond,
        time.Millisecond,
        100 * time.Millisecond,
        1500 * time.Millisecond,
        time.Second,
        59 * time.Second,
        2 * time.Minute,
        90 * time.Minute,
        time.Hour + 2 * time.Minute + 3500 * time.Millisecond,
        -time.Second,
        -1500 * time.Microsecond,
        time.Duration(-1),
        25 * time.Hour,
        time.Duration(1234567890),
        time.Duration(2**63 - 1),
        time.Duration(-(2**63)),
    ]
    for d in ds:
        print(int(d), d)
    print(2 * time.Second)
    print(time.Duration(time.Second // 3))


if __name__ == "__main__":
    goconc.run(main)
