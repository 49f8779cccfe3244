"""recover works only in the goroutine that panics: main's except cannot
stop a panic in another goroutine, and the whole program crashes."""

import goconc
from goconc import chan, go


def work(job: int) -> int:
    if job == 2:
        raise goconc.Panic(f"cannot handle job {job}")
    return job * 10


def main() -> None:
    try:
        results = chan(int)
        for job in range(1, 4):
            go(lambda job=job: results.send(work(job)))
        total = 0
        for _ in range(3):
            total += results.recv()
        print("sum:", total)  # never runs either
    except goconc.Panic as r:
        print("main recovered:", r)  # never runs: the panic is not main's


if __name__ == "__main__":
    goconc.run(main)
