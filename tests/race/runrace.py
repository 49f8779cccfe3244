"""Run a race-corpus twin (tests/race/NAME/main.py) with race=True; exit 66 on races.

Usage: python runrace.py NAME [clock]. The twin's main runs on the virtual clock
(or the one given) with seed 1; its stdout and the race reports (stderr) are
what tests/test_race_corpus.py compares with Go's -race.
"""

import importlib.util
import sys
from pathlib import Path

import goconc


def main() -> int:
    name = sys.argv[1]
    clock = sys.argv[2] if len(sys.argv) > 2 else "virtual"
    path = Path(__file__).parent / name / "main.py"
    spec = importlib.util.spec_from_file_location("twin", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    try:
        goconc.run(mod.main, clock=clock, seed=1, race=True)
    except goconc.DataRace:
        return 66
    return 0


if __name__ == "__main__":
    sys.exit(main())
