"""The main job: ingest, tag, screen, topics, report and digest, into one folder.

`run_pipeline` is what `review-miner run` and `make demo` call. Every stage reuses what the
store already holds, so a second run over the same input only rewrites the reports.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .codebook import DEFAULT_CODEBOOK, Codebook, load_codebook
from .embed import Encoder, TextEncoder
from .errors import ReviewMinerError
from .ingest import IngestSummary, discover, ingest
from .screen import load_settings, screen_store
from .store import CORPUS_COLUMNS, DEFAULT_STORE, Store
from .tag import MODELS, TagSummary, load_setup, setup_key, tag_store
from .tagging import CONFIG, load_config
from .topics import TopicSummary, find_topics
from .workers import refuse_while_a_worker_starts

# The reports (matplotlib, openpyxl, scikit-learn) are imported when they are written: a
# re-run with nothing new keeps them, and its time is mostly imports.
if TYPE_CHECKING:
    import pandas as pd

STAGES = ("ingest", "tag", "screen", "topics", "report", "digest")

Progress = Callable[[str, int, int | None, str], None]
"""Called as work advances: (stage, done, total or None when unknown, the item at hand)."""

@dataclass
class RunSummary:
    """What a run did, stage by stage, and the files it wrote."""

    store: Path
    ingest: IngestSummary | None = None
    documents: int = 0
    tag: TagSummary | None = None
    screened: int = 0
    already_screened: int = 0
    weak: int = 0
    topics: TopicSummary | None = None
    digest_quarter: str | None = None
    notes: list[str] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    state: str = ""

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready summary, as stored in the store's runs table."""
        return {
            "ingest": self.ingest.to_dict() if self.ingest else None,
            "tag": self.tag.__dict__ if self.tag else None,
            "screened": self.screened,
            "already_screened": self.already_screened,
            "topics": self.topics.to_dict() if self.topics else None,
            "digest_quarter": self.digest_quarter,
            "notes": self.notes,
            "outputs": [str(p) for p in self.outputs],
            "seconds": self.seconds,
            "state": self.state,
        }


REPORT_CODE = ("report", "digest.py", "pseudonymise.py", "quarters.py")
"""The code reports are written by: a change to it writes them again."""


def _report_state(store: Store, book: Codebook, models: Path) -> str:
    digest = hashlib.sha256((store.state() + book.version).encode())
    package = Path(__file__).parent
    for name in REPORT_CODE:
        path = package / name
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file() and file.suffix in (".py", ".j2"):
                digest.update(file.read_bytes())
    for file in (models / "evaluation.json", models / "tagger.yaml"):  # the methods note
        if file.exists():
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def _write_tables(
    store: Store, book: Codebook, screening: pd.DataFrame, settings: dict, out_dir: Path
) -> list[Path]:
    import pandas as pd

    from .report.render import write_report
    from .report.tables import code_evidence, code_matrix, write_screening_html, write_table

    written = []
    corpus = pd.DataFrame(store.listing(), columns=[*CORPUS_COLUMNS, "reason"])
    tables = {
        "corpus.csv": corpus,
        "matrix.csv": code_matrix(store, book),
        "codes.csv": code_evidence(store, book),
        "screening.csv": screening,
    }
    for name, table in tables.items():
        write_table(table, out_dir / name)
        written.append(out_dir / name)
    html = out_dir / "screening.html"
    write_screening_html(screening, store, html, settings["weak_from"])
    written.append(html)
    return written + write_report(store, book, out_dir / "report")


def _load_codebook(path: Path, store: Path, models: Path, encoder: str) -> tuple[Codebook, str]:
    """Load the codebook and work out the tagging set-up's key; check the patterns if needed.

    The codebook's spaCy patterns are checked unless the store shows they were: passages
    tagged under the current set-up were tagged with this very codebook (the set-up key
    covers its content), which `load_setup` checked then; checking again would import
    spaCy, seconds of a re-run with nothing new.
    """
    book = load_codebook(path, check_patterns=False)
    key = setup_key(book, load_config(CONFIG), encoder, models)
    if store.is_file():
        with Store(store) as db:
            if db.tagging_progress(key)[0] > 0:
                return book, key
    return load_codebook(path), key


def run_pipeline(
    inputs: list[Path],
    out_dir: Path,
    *,
    codebook: Path = DEFAULT_CODEBOOK,
    models: Path = MODELS,
    workers: int | None = None,
    pdf_engine: str = "pypdfium2",
    encoder: TextEncoder | None = None,
    on_progress: Progress | None = None,
) -> RunSummary:
    """Run every stage over the reviews in `inputs`; the store is `out_dir/review_miner.db`.

    Writes into out_dir: corpus.csv, matrix.csv, codes.csv, screening.csv and .html, the
    frequency report under report/, and digest-<quarter>.html for the latest quarter present.
    `workers` is how many processes read files, code passages and screen reviews (None:
    the defaults of `ingest`, `tag_store` and `screen_store`).
    """
    refuse_while_a_worker_starts()
    progress = on_progress or (lambda stage, done, total, item: None)
    summary = RunSummary(store=out_dir / DEFAULT_STORE)
    encoder = encoder or Encoder()  # loads no model until it encodes
    book, key = _load_codebook(codebook, summary.store, Path(models), encoder.name)
    for path in inputs:  # before anything is made: a mistyped input must not leave a store
        if not Path(path).exists():
            raise FileNotFoundError(f"{path}: no such file or folder")
    out_dir.mkdir(parents=True, exist_ok=True)

    @contextmanager
    def stage(name: str) -> Iterator[None]:
        progress(name, 0, None, "")
        started = time.perf_counter()
        yield
        summary.seconds[name] = round(time.perf_counter() - started, 2)

    with Store(summary.store) as store:
        run_id = store.start_run("run")
        with stage("ingest"):
            files = discover(inputs)
            counter = iter(range(1, len(files) + 1))
            summary.ingest = ingest(
                files,
                store,
                workers=workers,
                pdf_engine=pdf_engine,
                on_file=lambda path: progress("ingest", next(counter), len(files), path.name),
            )
        summary.documents = sum(row["status"] == "ingested" for row in store.listing())
        with stage("tag"):
            # Nothing new to tag: skip loading the models (the slow part of a re-run).
            tagged, total = store.tagging_progress(key)
            setup = None
            if tagged < total:
                setup = load_setup(codebook=codebook, models=models, encoder=encoder)
                if setup.untrained_note:
                    summary.notes.append(setup.untrained_note)
                summary.tag = tag_store(
                    store,
                    setup,
                    on_progress=lambda n, all_: progress("tag", n, all_, ""),
                    workers=workers,
                )
            else:
                summary.tag = TagSummary(tagged=0, already=total, codes_present=0, setup=key)
        settings = load_settings()
        with stage("screen"):
            screening = screen_store(store, settings, workers=workers)
            summary.screened = screening.attrs["screened_now"]
            summary.already_screened = len(screening) - summary.screened
            summary.weak = int((screening["weakness_score"] >= settings["weak_from"]).sum())
        with stage("topics"):
            summary.topics = find_topics(
                store, encoder, book, similarity=setup.similarity if setup else None
            )
        state = _report_state(store, book, Path(models))
        previous = store.last_run("run") or {}
        kept = [Path(p) for p in previous.get("outputs", [])]  # type: ignore[union-attr]
        if previous.get("state") == state and kept and all(p.exists() for p in kept):
            # Nothing the reports are made from has changed: keep them as they are.
            summary.outputs = kept
            summary.digest_quarter = previous.get("digest_quarter")  # type: ignore[assignment]
            summary.notes.append("nothing changed since the last run: reports kept as they were")
        else:
            with stage("report"):
                summary.outputs += _write_tables(store, book, screening, settings, out_dir)
            with stage("digest"):
                from .digest import build_digest, write_digest

                try:
                    digest = build_digest(store, book, models=models)
                except ReviewMinerError as exc:  # no review has a quarter: say so, do not fail
                    summary.notes.append(f"no digest: {exc}")
                else:
                    summary.digest_quarter = digest.quarter
                    path = out_dir / f"digest-{digest.quarter}.html"
                    summary.outputs.append(write_digest(digest, path))
        summary.state = state
        store.finish_run(run_id, summary.to_dict())
    return summary
