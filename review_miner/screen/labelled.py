"""Labelled reviews: paragraphs a person classed, with the review's ethnicity and scorecard.

They train the paragraph model (`train_paragraph_model`) and measure the screens
(benchmarks/screening.py); benchmarks/screening/README.md describes the format and who wrote
them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import ReviewMinerError
from ..records import Passage


@dataclass(frozen=True)
class LabelledReview:
    """A review whose paragraphs a person labelled (see benchmarks/screening/README.md)."""

    id: str
    kind: str
    ethnicity: str
    passages: list[Passage]
    labels: list[str]
    scorecard: dict | None = None
    """Hand labels for the scorecard components (SCORECARD_LABELS), when the review has them."""


SCORECARD_LABELS = (
    "lcspr_rationale",
    "child_voice",
    "family_views",
    "practitioner_views",
    "learning",
    "recommendations",
    "specific_recommendations",
)


def _scorecard_labels(record: dict) -> dict | None:
    """The scorecard labels as the screening flags spell them ("true", "false", "n/a", "3")."""
    labels = record.get("scorecard")
    if labels is None:
        return None
    missing = [name for name in SCORECARD_LABELS if name not in labels]
    if missing:
        raise KeyError(f"scorecard lacks {', '.join(missing)}")
    return {name: as_flag_value(labels[name]) for name in SCORECARD_LABELS}


def as_flag_value(label: object) -> str:
    """A hand label spelt as the screening flags are: true/false for booleans, else as written."""
    return str(label).lower() if isinstance(label, bool) else str(label)


def read_labelled_reviews(path: Path) -> list[LabelledReview]:
    """Read labelled reviews (JSONL): id, kind, ethnicity, paragraphs [{section, text, label}].

    An optional `scorecard` object holds hand labels for SCORECARD_LABELS.
    """
    reviews = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            paragraphs = record["paragraphs"]
            passages = [
                Passage(
                    f"{record['id']}:{i}",
                    record["id"],
                    i,
                    "paragraph",
                    p["text"],
                    0,
                    len(p["text"]),
                    1,
                    1,
                    section=p["section"],
                    heading_path=p["section"],
                )
                for i, p in enumerate(paragraphs)
            ]
            reviews.append(
                LabelledReview(
                    record["id"],
                    record["kind"],
                    record["ethnicity"],
                    passages,
                    [p["label"] for p in paragraphs],
                    _scorecard_labels(record),
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
            raise ReviewMinerError(
                f"{path}: line {number} is not a labelled review ({exc})"
            ) from exc
    return reviews
