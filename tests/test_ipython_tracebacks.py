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
