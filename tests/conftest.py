"""Shared fixtures. Tests build small inputs by hand or use the files in tests/data/."""

import json
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
MINI = DATA / "mini_codebook"
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
    "damaged_utf16.txt": "damaged UTF-16 text",
}
GOOD_INPUTS = ("good.pdf", "good.docx", "good.txt")

HEAVY_MODULES = (
    "spacy", "torch", "sentence_transformers", "bertopic", "umap", "sklearn", "onnxruntime",
)  # fmt: skip
"""Slow to import, and needed by no command that finds nothing to do (issue 5: a re-run)."""


def heavy_imports(code: str) -> list[str]:
    """Run `code` in a fresh Python; return the HEAVY_MODULES it imported."""
    import subprocess
    import sys

    heavy = list(HEAVY_MODULES)
    script = (
        f"{code}\nimport json, sys\nprint(json.dumps([m for m in {heavy} if m in sys.modules]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


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


# Six small reviews with metadata and codes set by hand, for tables counted by hand.
# file: (kind, incident, age in years, review date, codes carried, ethnicity, chronology-heavy)
CODED_REVIEWS = {
    "a.txt": ("rapid_review", "death", 0.5, "2022-11-02",
              ("theme.engagement", "risk.domestic_abuse", "risk.parental_mental_ill_health",
               "risk.parental_drug_misuse"), "absent", "true"),
    "b.txt": ("rapid_review", "serious_harm", 3, "2022-10-10",
              ("theme.engagement", "risk.domestic_abuse", "risk.parental_alcohol_misuse"),
              "stated_only", "false"),
    "c.txt": ("lcspr", "death", 16, "2022-08-01",
              ("risk.domestic_abuse", "risk.parental_mental_ill_health"),
              "stated_and_analysed", "false"),
    "d.txt": ("lcspr", "serious_harm", 12, "2022-07-15", ("theme.critical_thinking",),
              "absent", "true"),
    "e.txt": ("rapid_review", "serious_harm", None, "2022-12-20", (), None, None),
    "f.txt": ("rapid_review", "death", 2, "2023-02-01", ("risk.domestic_abuse",),
              "stated_only", "false"),
}  # fmt: skip

PARTNERSHIP = "Larkfield Safeguarding Children Partnership"
CODED_TEXT = """Rapid Review: Child {letter}

1. Summary
{summary}

2. Analysis
Practitioners in the {letter} review did not see the child alone and accepted the account that
the parents gave of the injury; visits were cancelled and the family were hard to engage.
"""


@pytest.fixture
def coded_store(tmp_path: Path):
    """A store holding CODED_REVIEWS: ingested, coded and screened by hand (no models)."""
    from review_miner.ingest import ingest
    from review_miner.records import Flag, Tag

    folder = tmp_path / "coded"
    folder.mkdir()
    rows = ["file,kind,incident,child_age_years,review_date,partnership"]
    for file, (kind, incident, age, day, *_rest) in CODED_REVIEWS.items():
        letter = file[0].upper()
        summary = (
            f"Ms Harriet Quayle visited Child {letter} at a flat on Tollmere Road in Pellbridge; "
            "the <script>alert(1)</script> note was read out."
            if file == "a.txt"
            else f"Child {letter} was known to several agencies over {len(file)} years."
        )
        (folder / file).write_text(CODED_TEXT.format(letter=letter, summary=summary))
        age_text = "" if age is None else age
        rows.append(f"{file},{kind},{incident},{age_text},{day},{PARTNERSHIP}")
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n")
    with Store(tmp_path / "coded.db") as db:
        ingest([folder], db, workers=1)
        tags, flags = [], []
        for document in db.documents():
            *_meta, codes, ethnicity, heavy = CODED_REVIEWS[document.file]
            paragraphs = [p for p in db.passages(document.doc_id) if p.kind == "paragraph"]
            first = paragraphs[0]
            tags += [
                Tag(p.passage_id, c, "combined", 0.95 if p == first else 0.9, 0, 10)
                for p in paragraphs
                for c in codes
            ]
            # A denied mention is never counted as carried.
            tags.append(Tag(first.passage_id, "risk.child_disability", "combined", 0.2, 0, 5,
                            negated=True))  # fmt: skip
            if ethnicity:
                flags += [
                    Flag(document.doc_id, "ethnicity", ethnicity, (first.passage_id,)),
                    Flag(document.doc_id, "chronology_heavy", heavy),
                ]
        db.save_tags("hand", [p.passage_id for p in db.passages()], tags)
        db.save_screening({}, flags)
        yield db


def external_references(html: str) -> list[str]:
    """Every link, source, stylesheet import or CSS url() in a page that leaves the page."""
    import re

    found = re.findall(r"""(?:href|src)\s*=\s*["']([^"']*)["']""", html)
    found += re.findall(r"url\(\s*['\"]?([^)'\"]*)", html)
    found += re.findall(r"@import\s+['\"]?([^;'\"]+)", html)
    return [reference for reference in found if not reference.startswith("#")]


@pytest.fixture(scope="session")
def mini_models(tmp_path_factory) -> Path:
    """Models trained on the small coded fixture and MINI, with the hashing stand-in encoder."""
    from review_miner.embed import HashingEncoder
    from review_miner.tag import load_setup, read_coded, train

    folder = tmp_path_factory.mktemp("mini-models")
    setup = load_setup(MINI, models=folder, encoder=HashingEncoder(), with_models=False)
    train(read_coded(DATA / "coded_small.jsonl"), setup, folder)
    return folder


@pytest.fixture
def mini_setup(mini_models: Path):
    """The tagging set-up of MINI with `mini_models`."""
    from review_miner.embed import HashingEncoder
    from review_miner.tag import load_setup

    return load_setup(MINI, models=mini_models, encoder=HashingEncoder())


@pytest.fixture(scope="session")
def rules():
    """The rules tagger on the shipped codebook (a module may define its own `rules`)."""
    from review_miner.codebook import load_codebook
    from review_miner.tagging import load_config
    from review_miner.tagging.rules import RulesTagger

    return RulesTagger(load_codebook(), load_config())


def coded(rules, text: str) -> dict[str, bool]:
    """Code -> negated, as the rules tag one text."""
    from review_miner.tagging import Item

    return {tag.code: tag.negated for tag in rules.tag([Item("x", text)])}
