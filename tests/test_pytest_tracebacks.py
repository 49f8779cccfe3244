"""pytest leaves goconc's own frames out of a failing test's traceback (a module-level
``__tracebackhide__`` in each goconc module), as IPython does through goconc._ipython."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

USER_TEST = '''
import goconc
from goconc import chan, go, sync


def test_panics_in_a_goroutine() -> None:
    def main() -> None:
        ch = chan(int)
        ch.close()
        wg = sync.WaitGroup()
        wg.go(lambda: ch.send(1))
        wg.wait()

    goconc.run(main)
'''


def test_pytest_shows_the_users_frames_and_hides_goconcs(tmp_path: Path) -> None:
    (tmp_path / "test_user.py").write_text(textwrap.dedent(USER_TEST))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO),
                                                                    os.environ.get("PYTHONPATH")])))
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_user.py"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    text = out.stdout + out.stderr
    assert out.returncode == 1, text
    assert "wg.go(lambda: ch.send(1))" in text, text
    assert "goconc.run(main)" in text, text
    assert "Panic: send on closed channel" in text, text
    for own in ("_chan.py", "_runtime.py", "sync.py"):
        assert f"goconc/{own}:" not in text, text
