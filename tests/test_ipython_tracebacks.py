"""In a notebook, a goconc failure shows the user's lines and Go's message, not goconc's files."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_a_deadlock_traceback_in_ipython_hides_goconc_frames() -> None:
    script = textwrap.dedent('''
        from IPython.testing.globalipapp import start_ipython
        ip = start_ipython()
        ip.run_cell("import goconc")
        result = ip.run_cell("from goconc import chan\\nch = chan(int)\\nch.send(1)")
        print("ERROR:", type(result.error_in_exec).__name__)
    ''')
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=120)
    text = out.stdout + out.stderr
    assert "ERROR: Deadlock" in text, text
    assert "all goroutines are asleep - deadlock!" in text, text
    assert "ch.send(1)" in text, text  # the user's line is shown
    assert "_runtime.py" not in text and "_chan.py" not in text, text


def test_a_type_error_from_goconc_in_ipython_hides_goconc_frames_but_not_user_errors() -> None:
    script = textwrap.dedent('''
        from IPython.testing.globalipapp import start_ipython
        ip = start_ipython()
        ip.run_cell("import goconc")
        result = ip.run_cell("from goconc import go\\ngo(42)")
        print("ERROR:", type(result.error_in_exec).__name__)
        ip.run_cell("def mine():\\n    raise ValueError('my own')\\nmine()")
    ''')
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=120)
    text = out.stdout + out.stderr
    assert "ERROR: TypeError" in text, text
    assert "go: cannot call non-function 42" in text, text
    assert "go(42)" in text, text
    assert "_runtime.py" not in text, text
    # An error of the user's own keeps its whole traceback.
    assert "raise ValueError('my own')" in text and "mine()" in text, text
