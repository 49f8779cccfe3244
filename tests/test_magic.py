"""%%goconc runs a notebook cell as a goconc program, optionally animated."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from goconc import magic


def run_ipython(cells: list[str]) -> str:
    script = textwrap.dedent('''
        import sys
        from IPython.testing.globalipapp import start_ipython
        ip = start_ipython()
        for cell in CELLS:
            r = ip.run_cell(cell)
            if r.error_in_exec is not None:
                print("ERROR:", type(r.error_in_exec).__name__, r.error_in_exec)
            elif r.result is not None:
                print("RESULT:", repr(r.result).splitlines()[0])
    ''').replace("CELLS", repr(cells))
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=120)
    return out.stdout + out.stderr


def test_a_cell_runs_as_main_of_a_program_on_the_virtual_clock() -> None:
    text = run_ipython([
        "%load_ext goconc.magic\nfrom goconc import chan, go, time",
        "%%goconc\nch = chan(int)\ngo(lambda: ch.send(42))\nprint(ch.recv(), time.now())",
    ])
    assert "42 2000-01-01 00:00:00+00:00" in text, text


def test_animate_returns_the_widget_whose_text_is_the_story() -> None:
    text = run_ipython([
        "%load_ext goconc.magic\nfrom goconc import chan, go",
        '%%goconc --animate\nch = chan(int, name="nums")\ngo(lambda: ch.send(42))\n'
        "print(ch.recv())",
    ])
    assert "RESULT:" in text and "nums" in text, text


def test_a_deadlocked_cell_raises_deadlock_and_bad_options_are_explained() -> None:
    text = run_ipython([
        "%load_ext goconc.magic\nfrom goconc import chan",
        "%%goconc\nchan(int).recv()",
        "%%goconc --clock sideways\npass",
    ])
    assert "ERROR: Deadlock all goroutines are asleep - deadlock!" in text, text
    assert "ERROR: ValueError %%goconc: bad options" in text, text


# --- %%go ----------------------------------------------------------------------------

REPO = Path(__file__).resolve().parents[1]

HELLO = 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("hello from Go")\n}\n'


@pytest.fixture
def go_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Cells build under a fresh cache; Go's own build cache is the parity tests'."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("GOCACHE", str(REPO / ".gocache" / "build"))
    monkeypatch.chdir(REPO / "chapters")  # where a notebook runs
    return tmp_path


def test_go_cell_builds_and_runs_a_go_program(go_env: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert magic.go_cell("", HELLO) == 0
    assert capsys.readouterr().out == "hello from Go\n"


def test_go_cell_rerun_reuses_the_built_binary(go_env: Path) -> None:
    first = magic.build_go(HELLO)
    built_at = first.stat().st_mtime_ns
    again = magic.build_go(HELLO)
    assert again == first and again.stat().st_mtime_ns == built_at
    assert magic.build_go(HELLO.replace("hello", "bye")) != first


def test_go_cell_build_error_gives_the_compilers_message_at_the_cells_line(
        go_env: Path) -> None:
    # Line 1 of the cell is %%go, so `x := 1` is on line 5.
    with pytest.raises(magic.GoBuildError) as info:
        magic.go_cell("", "package main\n\nfunc main() {\n\tx := 1\n}\n")
    assert str(info.value) == "<cell>:5:2: declared and not used: x"


def test_go_cell_panic_prints_gos_report_and_exit_status(
        go_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert magic.go_cell("", 'package main\n\nfunc main() {\n\tpanic("boom")\n}\n') == 2
    err = capsys.readouterr().err
    assert err.startswith("panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n")
    assert "\tcell/main.go:5 +0x" in err and err.endswith("exit status 2\n")


def test_go_cell_race_flag_builds_with_the_race_detector(
        go_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    racy = ("package main\n\nimport \"fmt\"\n\nfunc main() {\n\tn := 0\n"
            "\tdone := make(chan bool)\n\tgo func() { n++; done <- true }()\n\tn++\n"
            "\t<-done\n\tfmt.Println(n)\n}\n")
    assert magic.go_cell("--race", racy) == 66
    out = capsys.readouterr()
    assert out.out == "2\n"
    assert "WARNING: DATA RACE" in out.err and "cell/main.go:9" in out.err
    assert out.err.endswith("Found 1 data race(s)\nexit status 66\n")


def test_go_cell_named_is_the_tests_go_program_or_an_error(
        go_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = (REPO / "tests" / "go" / "go_order" / "main.go").read_text()
    assert magic.go_cell("-n go_order", source) == 0
    assert capsys.readouterr().out == "c\na\nb\n"
    with pytest.raises(ValueError, match=r"differs from tests/go/go_order/main\.go"):
        magic.go_cell("-n go_order", source.replace('"a", "b", "c"', '"x", "y", "z"'))


def test_go_cell_rejects_unknown_options() -> None:
    with pytest.raises(ValueError, match=r"use \[--race\] \[-n NAME\]"):
        magic.go_cell("--fast", HELLO)


def test_go_magic_is_registered_and_shows_build_errors_in_the_cell() -> None:
    text = run_ipython([
        "%load_ext goconc.magic",
        "%%go\npackage main\n\nfunc main() {\n\tx := 1\n}\n",
        "%%go\n" + HELLO,
    ])
    assert "<cell>:5:2: declared and not used: x" in text, text
    assert "hello from Go" in text, text


def test_go_cell_named_outside_the_course_just_runs_the_cell(
        go_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    alone = tmp_path / "alone"  # a notebook opened on its own: no tests/go above it
    alone.mkdir()
    monkeypatch.chdir(alone)
    assert magic.go_cell("-n go_order", HELLO) == 0  # not go_order's source: no check here
    assert capsys.readouterr().out == "hello from Go\n"
    assert not (alone / "tests").exists()
