"""A trained paragraph model of ethnicity, beside the screen's rules.

The rules in `screen/ethnicity.py` find a statement or an analysis of ethnicity by the words and
phrasings they were written for, and every new writer of the labelled reviews brought
phrasings they had never met. This model learns from the paragraph labels of the labelled
reviews (none, statement, analysis: benchmarks/screening/README.md) so that a statement or
an analysis written in an unseen way can still be found, with its paragraph as evidence.

It is a scikit-learn `Pipeline`: TF-IDF of a paragraph's words and word pairs beside TF-IDF
of its character n-grams (within word boundaries, so "Sylheti" shares pieces with "Sylhet"
and "Punjabi" with "Punjab"), into a multinomial logistic regression. A paragraph
states ethnicity with probability P(statement) + P(analysis) (the label is the highest that
applies, so an analysis states too) and weighs it with probability P(analysis). The screen
combines these with the rules (`screen.ethnicity._ethnicity_status`): a paragraph states
ethnicity when the rules say so or its probability reaches `statement_threshold`, and weighs
it when the rules say so or its probability reaches `analysis_threshold`, ethnicity being in
play.

Every step is a plain scikit-learn type, saved with skops, which loads no other type.
"""

from __future__ import annotations

import json
import math
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .errors import ReviewMinerError

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

    from .records import Passage

ETHNICITY_MODEL = Path(__file__).resolve().parent.parent / "models" / "ethnicity.skops"
CLASSES = ("none", "statement", "analysis")
"""Paragraph labels, lowest first; a paragraph's label is the highest that applies."""
FEATURES = ("words", "words+chars", "chars")
"""Feature sets `make_ethnicity_model` can build."""


@dataclass(frozen=True)
class ModelSettings:
    """How the screen uses the model (`ethnicity_model:` in config/screening.yaml).

    Attributes:
        enabled: Whether the model is used at all; false screens by the rules alone.
        statement_threshold: A paragraph states ethnicity when P(statement or analysis)
            reaches this; 1.0 or more never (the rules alone).
        analysis_threshold: A paragraph weighs ethnicity when P(analysis) reaches this;
            1.0 or more never.
    """

    enabled: bool = True
    statement_threshold: float = 1.0
    analysis_threshold: float = 1.0

    @property
    def active(self) -> bool:
        """Whether the model can change any answer (enabled, and a threshold below 1)."""
        return self.enabled and min(self.statement_threshold, self.analysis_threshold) < 1.0


def model_settings(settings: dict | None) -> ModelSettings:
    """The `ethnicity_model` part of screening settings; absent means the rules alone.

    Raises:
        ReviewMinerError: A key is unknown, a threshold is not a number above 0 (1.0 and
            above mean never), or `enabled` is not true or false.
    """
    part = (settings or {}).get("ethnicity_model")
    if part is None:
        return ModelSettings(enabled=False)
    if not isinstance(part, dict):
        raise ReviewMinerError(
            f"screening settings: 'ethnicity_model' must be a mapping, not {part!r}"
        )
    unknown = sorted(set(part) - {"enabled", "statement_threshold", "analysis_threshold"})
    if unknown:
        # A misspelt threshold would otherwise fall back to 1.0 and quietly switch it off.
        raise ReviewMinerError(
            f"screening settings: ethnicity_model has unknown keys {unknown}; use enabled, "
            "statement_threshold and analysis_threshold"
        )
    enabled = part.get("enabled", True)
    if not isinstance(enabled, bool):
        raise ReviewMinerError(
            f"screening settings: ethnicity_model.enabled must be true or false, not {enabled!r}"
        )
    thresholds = {}
    for name in ("statement_threshold", "analysis_threshold"):
        value = part.get(name, 1.0)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or math.isnan(value)
            or value <= 0
        ):
            raise ReviewMinerError(
                f"screening settings: ethnicity_model.{name} must be a number above 0 "
                f"(1.0 turns the model off), not {value!r}"
            )
        thresholds[name] = float(value)
    return ModelSettings(enabled, **thresholds)


def make_ethnicity_model(features: str = "words+chars", C: float = 4.0) -> Pipeline:
    """An untrained pipeline over a paragraph's text into none / statement / analysis.

    Args:
        features: "words" (TF-IDF of words and word pairs), "chars" (TF-IDF of character
            2- to 5-grams within word boundaries) or "words+chars" (both side by side).
        C: Inverse regularisation strength of the logistic regression.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    if features not in FEATURES:
        raise ReviewMinerError(f"unknown feature set {features!r}: use one of {FEATURES}")
    # Seen in two paragraphs or more: rarer words and pieces only memorise a paragraph.
    blocks = []
    if "words" in features:
        blocks.append(("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)))
    if "chars" in features:
        blocks.append(
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2
                ),
            )
        )
    return Pipeline(
        [
            ("features", FeatureUnion(blocks)),
            # Not class-balanced: balancing raised every evaluative paragraph's P(analysis)
            # (0.95 for a sample review's learning about a mother's childhood) and flagged
            # more sample reviews wrongly, for no gain leaving one writer out.
            ("classify", LogisticRegression(C=C, max_iter=3000)),
        ]
    )


def paragraph_probabilities(model: Pipeline, texts: Sequence[str]) -> np.ndarray:
    """An (n x 2) array: each paragraph's P(states ethnicity) and P(weighs it), in one call."""
    if not texts:
        return np.zeros((0, 2))
    probabilities = model.predict_proba(list(texts))
    column = {name: i for i, name in enumerate(model.classes_)}
    analysis = probabilities[:, column["analysis"]]
    return np.column_stack([analysis + probabilities[:, column["statement"]], analysis])


class EthnicityModel:
    """A trained paragraph model with the thresholds the screen uses it at.

    Args:
        pipeline: A fitted pipeline from `make_ethnicity_model` (text in, CLASSES out).
        settings: The thresholds.
    """

    def __init__(self, pipeline: Pipeline, settings: ModelSettings) -> None:
        missing = set(CLASSES) - {str(c) for c in pipeline.classes_}
        if missing:
            raise ReviewMinerError(f"the ethnicity model lacks the classes {sorted(missing)}")
        self.pipeline = pipeline
        self.settings = settings

    def probabilities(self, passages: Sequence[Passage]) -> np.ndarray:
        """Each passage's P(states) and P(weighs): (n x 2), the whole review in one call."""
        return paragraph_probabilities(self.pipeline, [p.text for p in passages])

    def votes(self, passages: Sequence[Passage]) -> tuple[list[bool], list[bool]]:
        """Per passage: whether the model says it states ethnicity, and that it weighs it."""
        if not passages or not self.settings.active:
            return [False] * len(passages), [False] * len(passages)
        chances = self.probabilities(passages)
        # A threshold of 1.0 or more is "never", even for a probability rounded up to 1.0.
        states = _reaches(chances[:, 0], self.settings.statement_threshold)
        weighs = _reaches(chances[:, 1], self.settings.analysis_threshold)
        return states, weighs


def _reaches(values: np.ndarray, threshold: float) -> list[bool]:
    if threshold >= 1.0:
        return [False] * len(values)
    return [bool(v) for v in values >= threshold]


def load_pipeline(path: Path) -> Pipeline:
    """Load a saved ethnicity pipeline, trusting scikit-learn's types only.

    Raises:
        ReviewMinerError: The file is missing, holds other types, or is no pipeline.
    """
    from sklearn.pipeline import Pipeline

    from .tagging.supervised import load_trusted

    return load_trusted(path, [], Pipeline)


@lru_cache(maxsize=4)
def _loaded(path: Path, size: int, mtime: int) -> Pipeline:
    # Keyed by size and time too, so a file retrained under a running process is reread.
    return load_pipeline(path)


def shipped_model(settings: dict | None, path: Path = ETHNICITY_MODEL) -> EthnicityModel | None:
    """The model `screen_store` uses with these settings, or None for the rules alone.

    None when the settings switch it off (no `ethnicity_model`, `enabled: false`, or both
    thresholds 1.0) or when the file is missing: the screen then runs on the rules alone,
    with a warning naming the file, as it did before there was a model.
    """
    chosen = model_settings(settings)
    if not chosen.active:
        return None
    if not path.is_file():
        _warn_missing(str(path))
        return None
    stat = path.stat()
    return EthnicityModel(_loaded(path, stat.st_size, stat.st_mtime_ns), chosen)


@lru_cache(maxsize=8)
def _warn_missing(path: str) -> None:
    # Once per file and process: a store of a thousand reviews needs one warning, not 1,000.
    warnings.warn(
        f"{path}: no ethnicity model; ethnicity is screened by the rules alone "
        "(rebuild it with scripts/train_ethnicity_model.py)",
        stacklevel=3,
    )


def model_digest(path: Path = ETHNICITY_MODEL) -> bytes:
    """The model file's bytes (empty when missing), for the screening key."""
    return path.read_bytes() if path.is_file() else b""


# Training --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LabelledParagraph:
    """One paragraph of a labelled review, with its writer and ethnicity label."""

    review: str
    writer: str
    section: str
    text: str
    label: str


def read_paragraphs(path: Path) -> list[LabelledParagraph]:
    """The paragraphs of labelled reviews (JSONL, benchmarks/screening/README.md).

    Raises:
        ReviewMinerError: A line is not a labelled review, or a paragraph's `ethnicity` is
            not one of CLASSES.
    """
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            for paragraph in record["paragraphs"]:
                label = paragraph["ethnicity"]
                if label not in CLASSES:
                    raise ValueError(f"paragraph ethnicity {label!r} is not one of {CLASSES}")
                rows.append(
                    LabelledParagraph(
                        record["id"],
                        writer_of(record["id"]),
                        paragraph.get("section") or "",
                        paragraph["text"],
                        label,
                    )
                )
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise ReviewMinerError(
                f"{path}: line {number} is not a labelled review ({exc})"
            ) from exc
    return rows


def writer_of(review_id: str) -> str:
    """The writer a labelled review's id names: "s7-12" -> "s7"."""
    return review_id.split("-", 1)[0]


def fit(paragraphs: Sequence[LabelledParagraph], features: str = "words+chars") -> Pipeline:
    """Fit a fresh pipeline on labelled paragraphs."""
    return make_ethnicity_model(features).fit(
        [p.text for p in paragraphs], [p.label for p in paragraphs]
    )


def leave_one_writer_out(
    paragraphs: Sequence[LabelledParagraph], features: str = "words+chars"
) -> np.ndarray:
    """Each paragraph's (P(states), P(weighs)) from a model trained on the other writers."""
    result = np.zeros((len(paragraphs), 2))
    writers = sorted({p.writer for p in paragraphs})
    for writer in writers:
        inside = [i for i, p in enumerate(paragraphs) if p.writer == writer]
        model = fit([p for p in paragraphs if p.writer != writer], features)
        result[inside] = paragraph_probabilities(model, [paragraphs[i].text for i in inside])
    return result


def paragraph_figures(
    paragraphs: Sequence[LabelledParagraph], chances: np.ndarray, statement: float, analysis: float
) -> dict:
    """Precision and recall of "states" and "weighs" at these thresholds, model alone."""
    from sklearn.metrics import precision_score, recall_score

    truth_states = [p.label != "none" for p in paragraphs]
    truth_weighs = [p.label == "analysis" for p in paragraphs]
    figures = {}
    for name, truth, column, threshold in (
        ("states", truth_states, 0, statement),
        ("weighs", truth_weighs, 1, analysis),
    ):
        guess = chances[:, column] >= threshold
        figures[name] = {
            "threshold": threshold,
            "precision": round(float(precision_score(truth, guess, zero_division=0)), 3),
            "recall": round(float(recall_score(truth, guess, zero_division=0)), 3),
        }
    return figures


def train_ethnicity_model(
    paragraphs: Sequence[LabelledParagraph],
    out: Path,
    source: str = "",
    features: str = "words+chars",
    settings: ModelSettings | None = None,
) -> dict:
    """Fit on all the labelled paragraphs, save with skops and a JSON card beside it.

    The card records the training data, the date and leave-one-writer-out paragraph
    precision and recall (a model trained on the other writers scores each writer's
    paragraphs) at the thresholds in `settings` (default 0.5 each).
    """
    from datetime import UTC, datetime
    from importlib.metadata import version

    import skops.io as sio

    if not paragraphs:
        raise ReviewMinerError("no labelled paragraphs to train the ethnicity model on")
    settings = settings or ModelSettings(True, 0.5, 0.5)
    chances = leave_one_writer_out(paragraphs, features)
    model = fit(paragraphs, features)
    for _, block in model.named_steps["features"].transformer_list:
        block.stop_words_ = None  # the pruned terms are for introspection only, and large
    out.parent.mkdir(parents=True, exist_ok=True)
    sio.dump(model, out, compression=zipfile.ZIP_DEFLATED)
    counts = {label: sum(p.label == label for p in paragraphs) for label in CLASSES}
    card = {
        "model": f"TF-IDF ({features}), logistic regression (review_miner/ethnicity_model.py)",
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        # A skops file is read back by these libraries; another release may read it differently.
        "versions": {name: version(name) for name in ("scikit-learn", "skops")},
        "training_data": {
            "source": source,
            "reviews": len({p.review for p in paragraphs}),
            "paragraphs": len(paragraphs),
            "labels": counts,
            "writers": sorted({p.writer for p in paragraphs}),
        },
        "classes": list(CLASSES),
        "leave_one_writer_out": {
            "note": "paragraph level, the model alone; each writer scored by a model trained "
            "on the others (review-level figures: benchmarks/ethnicity_model.py)",
            **paragraph_figures(
                paragraphs, chances, settings.statement_threshold, settings.analysis_threshold
            ),
        },
    }
    card_path = out.with_suffix(".card.json")
    card_path.write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    return card
