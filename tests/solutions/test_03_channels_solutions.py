"""Chapter 3 (Channels): the exercise's pipeline stages on the page."""

from __future__ import annotations

from typing import Any

import pytest
from nbsolutions import run_solution

from goconc import runtime

NOTEBOOK = "03-channels.ipynb"
LABEL = "ex-channels-pipeline"


def test_the_page_example_prints_fourth_powers(capsys: pytest.CaptureFixture[str]) -> None:
    run_solution(NOTEBOOK, LABEL, lambda ns: None)
    assert capsys.readouterr().out == "1\n16\n81\n"


def test_stages_compose_and_close_their_output() -> None:
    def check(ns: dict[str, Any]) -> tuple[list[int], list[int], int]:
        gen, sq = ns["gen"], ns["sq"]
        squares = list(sq(gen(2, 3, 4)))
        nothing = list(sq(gen()))
        # every stage goroutine has ended once its output was drained
        return squares, nothing, runtime.num_goroutine()

    assert run_solution(NOTEBOOK, LABEL, check) == ([4, 9, 16], [], 1)


def test_stages_return_receive_only_channels() -> None:
    def check(ns: dict[str, Any]) -> None:
        out = ns["sq"](ns["gen"](1))
        with pytest.raises(TypeError):
            out.send(5)
        assert list(out) == [1]

    run_solution(NOTEBOOK, LABEL, check)


def test_gen_is_lazy_with_unbuffered_channels() -> None:
    def check(ns: dict[str, Any]) -> tuple[int, int]:
        out = ns["gen"](1, 2, 3)
        first = out.recv()
        pending = len(out)  # unbuffered: nothing is queued ahead of the reader
        for _ in out:
            pass
        return first, pending

    assert run_solution(NOTEBOOK, LABEL, check) == (1, 0)
