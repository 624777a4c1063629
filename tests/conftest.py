"""Shared fixtures. Tests build small inputs by hand or use the files in tests/data/."""

import os
import shutil
from pathlib import Path

# No model hub is reachable anywhere this runs: fail at once instead of retrying.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import pytest  # noqa: E402

from review_miner.store import Store  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SAMPLE = ROOT / "corpora" / "sample"
SOURCES = ROOT / "corpora" / "sources"

BAD_INPUTS = {
    "scanned.pdf": "no text layer: scanned, needs OCR",
    "encrypted.pdf": "encrypted: password required",
    "truncated.pdf": "truncated or damaged",
    "empty.pdf": "empty file",
    "html_named.pdf": "not a PDF: the file is an HTML page",
    "text_named.pdf": "not a PDF: the file is plain text",
    "corrupt.docx": "not a Word document or damaged",
    "latin1.txt": "not UTF-8 text",
}
GOOD_INPUTS = ("good.pdf", "good.docx", "good.txt")


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "test.db") as db:
        yield db


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """A folder holding every good and bad fixture, to ingest as one batch."""
    folder = tmp_path / "batch"
    folder.mkdir()
    for name in (*GOOD_INPUTS, *BAD_INPUTS):
        shutil.copy(DATA / name, folder / name)
    return folder


def input_folder(tmp_path: Path, files: dict[str, str] | None = None) -> Path:
    """A folder of reviews to ingest: `files` maps each name in it to a fixture in tests/data."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name, fixture in (files or {}).items():
        shutil.copy(DATA / fixture, folder / name)
    return folder
