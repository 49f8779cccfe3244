"""nbval on the chapters: compare outputs through chapters/nbval_sanitize.cfg.

A plain ``pytest --nbval chapters/X.ipynb`` uses it too, unless
``--nbval-sanitize-with`` names another file.

A ``%%go`` cell runs real Go, on the wall clock and on real threads. Even with
``runtime.GOMAXPROCS(1)`` its order can change on a busy machine: the runtime's
monitor thread (sysmon, ``retake`` in ``runtime/proc.go``) preempts a goroutine
that has run for 10 ms and hands the P of a goroutine that has sat in a system
call (a write to stdout) for more than 20 us to another thread when others are
waiting, and the OS can pause a thread for that long at any point. So a
``%%go`` cell whose output differs is run again, up to ``GO_RETRIES`` times,
before it counts as a failure, as ``tests/test_go_parity.py`` does; a warning
says when a retry was needed. The goconc cells run on the virtual clock and
get no retry: a wrong output there is a bug every time.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path

import pytest
from nbval.plugin import IPyNbCell, NbCellError  # type: ignore[import-untyped]

SANITIZE = Path(__file__).with_name("nbval_sanitize.cfg")
GO_RETRIES = 2


def pytest_configure(config: pytest.Config) -> None:
    if getattr(config.option, "nbval_sanitize_with", "absent") is None:
        config.option.nbval_sanitize_with = str(SANITIZE)


def _retrying(item: IPyNbCell) -> Callable[[], None]:
    once = item.runtest

    def runtest() -> None:
        first: NbCellError | None = None
        for _ in range(GO_RETRIES + 1):
            try:
                once()
            except NbCellError as err:
                first = first or err
                continue
            if first is not None:
                warnings.warn(f"{item.name} ({item.parent.name}) matched its Go output only "
                              f"on a retry: {first}{first.inner_traceback or ''}", stacklevel=1)
            return
        assert first is not None
        raise first

    return runtest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if isinstance(item, IPyNbCell) and item.cell.source.startswith("%%go"):
            item.runtest = _retrying(item)
