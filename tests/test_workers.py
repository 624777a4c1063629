"""Worker processes: a script without its main guard fails at once and says why."""

import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import DATA

ROOT = Path(__file__).resolve().parent.parent


def run_script(tmp_path: Path, body: str) -> subprocess.CompletedProcess:
    script = tmp_path / "unguarded.py"
    script.write_text(textwrap.dedent(body))
    return subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=240,  # the failure this guards against was a hang
    )


def test_a_large_setup_and_a_worker_that_dies_at_start_do_not_hang(tmp_path: Path):
    # Each spawned worker runs this script again and dies trying to spawn its own; a set-up
    # of megabytes once filled the pipe that starts a worker and left the caller waiting.
    result = run_script(
        tmp_path,
        f"""
        import operator, pickle, sys
        sys.path.insert(0, {str(ROOT)!r})
        from review_miner.workers import in_order
        setup = pickle.dumps(b"x" * 5_000_000)
        list(in_order(setup, operator.getitem, iter([1, 2, 3]), 2, "testing", str))
        """,
    )
    assert result.returncode == 1
    assert "a testing worker process died" in result.stderr
    assert 'without `if __name__ == "__main__":`' in result.stderr


def test_the_api_in_an_unguarded_script_says_to_guard_it(tmp_path: Path):
    result = run_script(
        tmp_path,
        f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from review_miner.ingest import ingest
        from review_miner.screen import screen_store
        from review_miner.store import Store
        store = Store("s.db")
        ingest([{str(DATA / "good.txt")!r}], store, workers=1)
        screen_store(store, workers=2)
        """,
    )
    assert result.returncode == 1
    # Each worker stops before redoing the script's work, and says why.
    assert 'put the calls under `if __name__ == "__main__":`' in result.stderr
    assert "a screening worker process died" in result.stderr
