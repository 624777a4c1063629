"""The benchmark scripts: `--help` explains one and never starts a run.

Running a script to read its help must not read the held-out set: a benchmark that took its
arguments from `sys.argv` by hand ran in full on `--help`.
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
SCRIPTS = sorted(BENCHMARKS.glob("*.py"))


def _calls(tree: ast.AST) -> set[str]:
    return {
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }


def _reads_argv(tree: ast.AST) -> bool:
    return any(isinstance(node, ast.Attribute) and node.attr == "argv" for node in ast.walk(tree))


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_every_benchmark_parses_its_arguments_with_argparse(script):
    tree = ast.parse(script.read_text(encoding="utf-8"))
    assert "parse_args" in _calls(tree), f"{script.name}: no argparse, so --help would run it"
    assert not _reads_argv(tree), f"{script.name}: reads sys.argv by hand"


def test_the_screening_benchmark_answers_help_without_reading_the_held_out_set():
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / "screening.py"), "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "--dev" in result.stdout
    assert "labelled reviews:" not in result.stdout  # the first line a run prints
