"""nbval on the chapters: compare outputs through chapters/nbval_sanitize.cfg.

A plain ``pytest --nbval chapters/X.ipynb`` uses it too, unless
``--nbval-sanitize-with`` names another file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

SANITIZE = Path(__file__).with_name("nbval_sanitize.cfg")


def pytest_configure(config: pytest.Config) -> None:
    if getattr(config.option, "nbval_sanitize_with", "absent") is None:
        config.option.nbval_sanitize_with = str(SANITIZE)
