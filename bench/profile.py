"""Profile goconc on one workload: ``python -m bench.profile W2 [N] [--sort tottime] [--top 25]``.

Runs the goconc implementation under cProfile in this process and prints the
functions with the most own time. Greenlet switches confuse cumulative times
(a switch "returns" into another goroutine's frame), so read ``tottime``.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats

from bench.impl.goconc_impl import WORKLOADS
from bench.workloads import WORKLOADS as SPECS


def main() -> int:
    p = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.splitlines()[0])
    p.add_argument("workload", choices=sorted(WORKLOADS))
    p.add_argument("n", type=int, nargs="?", help="size (default: the workload's full size / 4)")
    p.add_argument("--sort", default="tottime", help="pstats sort key (default tottime)")
    p.add_argument("--top", type=int, default=25)
    args = p.parse_args()
    spec = next(w for w in SPECS if w.key == args.workload)
    n = args.n or spec.n // 4
    prof = cProfile.Profile()
    result = prof.runcall(WORKLOADS[args.workload], n)
    print(f"goconc {args.workload} n={n:,} (under cProfile, so slower than the bench): {result}")
    pstats.Stats(prof).strip_dirs().sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
