"""%%goconc runs a notebook cell as a goconc program, optionally animated."""

from __future__ import annotations

import subprocess
import sys
import textwrap


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
