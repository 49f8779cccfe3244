"""The fix: each goroutine recovers its own panic, in an except clause,
and hands it to main as an error."""

from dataclasses import dataclass

import goconc
from goconc import chan, go


def work(job: int) -> int:
    if job == 2:
        raise goconc.Panic(f"cannot handle job {job}")
    return job * 10


@dataclass
class Result:
    job: int
    value: int = 0
    err: Exception | None = None


def safe_work(job: int) -> Result:
    """work, with a panic turned into an error."""
    try:
        return Result(job, work(job))
    except goconc.Panic as p:  # this stops the panic: it runs in this goroutine
        return Result(job, err=Exception(f"job {job} panicked: {p}"))


def main() -> None:
    results = chan(Result)
    for job in range(1, 4):
        go(lambda job=job: results.send(safe_work(job)))
    by_job: dict[int, Result] = {}
    for _ in range(3):
        r = results.recv()
        by_job[r.job] = r
    for job in range(1, 4):
        r = by_job[job]
        if r.err is not None:
            print("error:", r.err)
        else:
            print("result", r.value)


if __name__ == "__main__":
    goconc.run(main)
