"""Paragraph classes: chronology, analysis, background, recommendation or other.

A review that narrates what happened and barely judges it is "chronology-heavy", a weakness
the Panel names. Each body paragraph gets a class from the trained model (TF-IDF words beside
linguistic signals: dates, sequence words, agency events, evaluative language) when
models/paragraphs.skops is there, else from transparent rules on the same signals. A review's
shares of body words per class decide the flag, by the thresholds in config/screening.yaml.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..records import Passage
from .labelled import LabelledReview
from .text import _EVALUATIVE, _MONTH

# scikit-learn is imported where it is used: a run whose reviews are all screened already
# only reads the stored flags.
if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline


PARAGRAPH_CLASSES = ("chronology", "analysis", "background", "recommendation", "other")

_DATE_RE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:\s+\d{{4}})?|{_MONTH}\s+\d{{4}}|"
    rf"\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|(?:19|20)\d{{2}})\b",
    re.IGNORECASE,
)
_DATED_START = re.compile(
    rf"^\W*(?:\d+(?:\.\d+)*\s+)?(?:on|in|by|during|at|from|between|early|late|mid)?\s*"
    rf"(?:the\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}|{_MONTH}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|"
    rf"(?:19|20)\d{{2}}|(?:two|three|four|five|six|several|a few)\s+(?:days|weeks|months)\s+later|"
    rf"the\s+(?:following|next)\s+(?:day|week|month|morning))",
    re.IGNORECASE,
)
_SEQUENCE = re.compile(
    r"\b(later|the following (?:day|week|month|morning)|the next (?:day|week|month)|"
    r"that (?:evening|afternoon|morning|night)|the same day|subsequently|afterwards|then)\b",
    re.IGNORECASE,
)
_AGENCY_EVENT = re.compile(
    r"\b(?:health visitor|midwife|GP|social worker|police|school|nurse|paediatrician|"
    r"practitioner|officer|worker|team|service|hospital|CAMHS|consultant|housing|probation|"
    r"nursery|teacher|mother|father|the family)\s+(?:\w+\s+){0,2}?"
    r"(?:visited|saw|attended|called|contacted|referred|completed|recorded|made|held|noted|"
    r"telephoned|phoned|wrote|sent|received|reported|arrived|found|took|rang|emailed|met|"
    r"carried out|undertook|discussed|cancelled|missed|did not attend)\b",
    re.IGNORECASE,
)
_RECOMMENDATION = re.compile(
    r"\b(recommend\w*|should ensure|will ensure|must ensure|the partnership (?:will|should)|"
    r"partners (?:will|should)|is asked to|are asked to|by (?:the end of )?" + _MONTH + r"\s+\d{4}|"
    r"within (?:three|six|twelve|\d+) months|action plan|will report|assurance that)\b",
    re.IGNORECASE,
)
_BACKGROUND = re.compile(
    r"\b(lives? with|lived with|is the (?:youngest|eldest|oldest|second)|was born|has (?:two|three|"
    r"four|an older|a younger)|siblings?|household|family composition|grandmother|grandfather|"
    r"history of|grew up|had (?:two|three|four) children|moved to|aged \d+|years old)\b",
    re.IGNORECASE,
)
_OTHER = re.compile(
    r"\b(terms of reference|key lines of enquiry|methodology|this review|the review (?:was|panel|"
    r"team)|reviewer|practitioner event|learning event|chronolog(?:y|ies) (?:were|was) "
    r"(?:requested|provided)|met on|panel met|this report|contents|appendix|glossary|"
    r"independent (?:reviewer|author)|agencies (?:were asked|provided))\b",
    re.IGNORECASE,
)
_SECTION_HINTS = (
    (
        "chronology",
        re.compile(
            r"chronolog|agency involvement|summary of (?:events|the incident)|"
            r"timeline|key events|involvement|background to the incident",
            re.I,
        ),
    ),
    ("analysis", re.compile(r"analys|finding|learning|practice|reflect|theme|what went", re.I)),
    ("recommendation", re.compile(r"recommend|action", re.I)),
    (
        "background",
        re.compile(
            r"family|child and|background|who (?:he|she|they) (?:was|were)|"
            r"daily life|composition|the child",
            re.I,
        ),
    ),
    (
        "other",
        re.compile(
            r"introduction|method|terms of reference|scope|process|decision|"
            r"dissemination|reason for",
            re.I,
        ),
    ),
)


def paragraph_features(text: str, section: str | None) -> dict[str, float]:
    """Linguistic features of a paragraph that tell narration from evaluation.

    Rates are per sentence, so long and short paragraphs compare. The section heading is a
    feature, not the answer: chronologies hide in "Analysis" sections and vice versa.
    """
    sentences = max(1, len(re.findall(r"[.!?](?:\s|$)", text)))
    words = max(1, len(text.split()))
    features = {
        "dates_per_sentence": len(_DATE_RE.findall(text)) / sentences,
        "dated_start": float(bool(_DATED_START.match(text))),
        "sequence_per_sentence": len(_SEQUENCE.findall(text)) / sentences,
        "agency_events_per_sentence": len(_AGENCY_EVENT.findall(text)) / sentences,
        "evaluative_per_sentence": len(_EVALUATIVE.findall(text)) / sentences,
        "recommendation_cues": float(len(_RECOMMENDATION.findall(text))),
        "background_cues": float(len(_BACKGROUND.findall(text))),
        "method_cues": float(len(_OTHER.findall(text))),
        "short": float(words < 12),
    }
    for name, pattern in _SECTION_HINTS:
        features[f"section_{name}"] = float(bool(section and pattern.search(section)))
    return features


def classify_paragraph_by_rules(text: str, section: str | None) -> str:
    """A transparent baseline: score each class from the features and take the best."""
    f = paragraph_features(text, section)
    scores = {
        # Evaluation outweighs a date: "By June 2022 practitioners should have..." is analysis.
        "chronology": 2.0 * f["dated_start"]
        + 1.5 * f["dates_per_sentence"]
        + 1.0 * f["agency_events_per_sentence"]
        + 0.8 * f["sequence_per_sentence"]
        + 0.6 * f["section_chronology"]
        - 1.0 * f["evaluative_per_sentence"],
        "analysis": 1.2 * f["evaluative_per_sentence"] + 0.6 * f["section_analysis"],
        "recommendation": 1.5 * f["recommendation_cues"] + 1.0 * f["section_recommendation"],
        "background": 0.8 * f["background_cues"] + 0.6 * f["section_background"],
        "other": 1.2 * f["method_cues"] + 0.6 * f["section_other"] + 0.8 * f["short"],
    }
    return max(scores, key=scores.get)


@cache
def _paragraph_signals() -> type:
    """The `ParagraphSignals` class, made on first use: its bases import scikit-learn."""
    from sklearn.base import BaseEstimator, TransformerMixin

    class ParagraphSignals(TransformerMixin, BaseEstimator):
        """Turn (text, section) rows into the `paragraph_features` matrix, for a Pipeline."""

        def fit(self, X: pd.DataFrame, y: object = None) -> ParagraphSignals:
            """Nothing to learn: the features are fixed."""
            self.names_ = list(paragraph_features("", None))
            return self

        def transform(self, X: pd.DataFrame) -> np.ndarray:
            """One row of features per paragraph."""
            rows = [
                paragraph_features(text, section)
                for text, section in zip(X["text"], X["section"], strict=True)
            ]
            return np.array([[row[name] for name in self.names_] for row in rows], dtype=np.float64)

    ParagraphSignals.__qualname__ = "ParagraphSignals"  # so pickle and skops find it by name
    # The saved model names it `review_miner.screen.ParagraphSignals` (the package's
    # `__getattr__` gives it), whichever module of the package makes it.
    ParagraphSignals.__module__ = __package__
    return ParagraphSignals


def make_paragraph_model() -> Pipeline:
    """Words (TF-IDF) beside the linguistic signals, into a balanced logistic regression."""
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    columns = ColumnTransformer(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2), "text"),
            ("signals", _paragraph_signals()(), ["text", "section"]),
        ]
    )
    return Pipeline(
        [
            ("features", columns),
            ("classify", LogisticRegression(C=4.0, class_weight="balanced", max_iter=3000)),
        ]
    )


def paragraph_frame(texts: list[str], sections: list[str | None]) -> pd.DataFrame:
    """The paragraph model's input: a `text` and a `section` column."""
    return pd.DataFrame({"text": texts, "section": [s or "" for s in sections]})


PARAGRAPH_MODEL = Path(__file__).resolve().parents[2] / "models" / "paragraphs.skops"


class ParagraphClassifier:
    """Classify paragraphs with the trained model when there is one, else with the rules."""

    def __init__(self, model_path: Path | None = PARAGRAPH_MODEL) -> None:
        self.model = None
        if model_path is not None and model_path.is_file():
            from sklearn.pipeline import Pipeline

            from ..tagging.supervised import load_trusted

            self.model = load_trusted(model_path, [f"{__package__}.ParagraphSignals"], Pipeline)
        self.method = "model" if self.model is not None else "rules"

    def classify(self, passages: list[Passage]) -> list[str]:
        """Return one class per passage; the cover block (before any heading) is "other"."""
        if not passages:
            return []
        if self.model is None:
            classes = [classify_paragraph_by_rules(p.text, p.section) for p in passages]
        else:
            frame = paragraph_frame([p.text for p in passages], [p.section for p in passages])
            classes = list(self.model.predict(frame))
        # "Date of incident: 8 January 2022" on a cover is not a chronology of practice.
        return ["other" if p.section is None else c for p, c in zip(passages, classes, strict=True)]


def shares(passages: list[Passage], classes: list[str]) -> dict[str, float]:
    """Each class's share of the body words."""
    words = {name: 0 for name in PARAGRAPH_CLASSES}
    for passage, name in zip(passages, classes, strict=True):
        words[name] += len(passage.text.split())
    total = sum(words.values()) or 1
    return {name: count / total for name, count in words.items()}


def is_chronology_heavy(share: dict[str, float], settings: dict) -> bool:
    """The chronology-heavy flag, by the thresholds in the settings."""
    rule = settings["chronology_heavy"]
    return (
        share["chronology"] >= rule["min_chronology_share"]
        and share["analysis"] <= rule["max_analysis_share"]
    )


def train_paragraph_model(reviews: list[LabelledReview], out: Path, source: str = "") -> dict:
    """Fit the paragraph model on labelled reviews; save it with a JSON card beside it.

    The card records the training data and 5-fold cross-validated accuracy and macro-F1
    (folds split by review, so no review is in both halves).
    """
    from datetime import UTC, datetime

    import skops.io as sio
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import GroupKFold, cross_val_predict

    texts = [p.text for r in reviews for p in r.passages]
    sections = [p.section for r in reviews for p in r.passages]
    labels = [label for r in reviews for label in r.labels]
    groups = [r.id for r in reviews for _ in r.passages]
    frame = paragraph_frame(texts, sections)
    predicted = cross_val_predict(
        make_paragraph_model(), frame, labels, groups=groups, cv=GroupKFold(5)
    )
    model = make_paragraph_model().fit(frame, labels)
    out.parent.mkdir(parents=True, exist_ok=True)
    sio.dump(model, out, compression=__import__("zipfile").ZIP_DEFLATED)
    card = {
        "model": "TF-IDF words and linguistic signals, balanced logistic regression "
        "(screen/paragraphs.py)",
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "training_data": {"source": source, "reviews": len(reviews), "paragraphs": len(labels)},
        "classes": list(PARAGRAPH_CLASSES),
        "cross_validated": {
            "note": "5-fold, folds split by review; not a held-out evaluation "
            "(see benchmarks/screening.py)",
            "accuracy": round(float(accuracy_score(labels, predicted)), 3),
            "macro_f1": round(float(f1_score(labels, predicted, average="macro")), 3),
        },
    }
    out.with_suffix(".card.json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    return card
