"""Screen: per-review quality signals the national Panel names, each with its evidence.

A review is screened for how it treats the child's and family's ethnicity, for how much of it
is chronology rather than analysis, and for the other parts of a scorecard (the LCSPR
rationale of a rapid review, the child's voice, the family's and practitioners' views,
learning, recommendations, working days); a weakness score adds up the shortfalls. The stage
is in these modules, each saying what it decides and why:

- `ethnicity`: `absent`, `stated_only` or `stated_and_analysed`, with the passages behind it;
- `paragraphs`: each body paragraph's class (chronology, analysis, ...) and the shares;
- `components`: the scorecard components, `scorecard` and `weakness_score`;
- `run`: one review (`screen_document`) and a whole store (`screen_store`, `screening_key`);
- `table`: the screening table from the stored flags (`screening_table`);
- `labelled`: reviews a person labelled, to train the paragraph model and measure the screens;
- `settings` and `text`: config/screening.yaml, and the text helpers the screens share.

Everything a caller needs is importable from here (`__all__`).
"""

from __future__ import annotations

from .components import (
    WORKING_DAYS_DUE,
    Finding,
    child_voice,
    family_views,
    lcspr_rationale,
    learning_identified,
    practitioner_views,
    recommendation_items,
    recommendations,
    scorecard,
    weakness_score,
    working_days,
)
from .ethnicity import (
    STATEMENT_PATTERNS,
    EthnicityFinding,
    ethnicity_status,
    states_ethnicity,
    weighs_ethnicity,
    word_lists,
)
from .labelled import SCORECARD_LABELS, LabelledReview, as_flag_value, read_labelled_reviews
from .paragraphs import (
    PARAGRAPH_CLASSES,
    PARAGRAPH_MODEL,
    ParagraphClassifier,
    _paragraph_signals,
    classify_paragraph_by_rules,
    is_chronology_heavy,
    make_paragraph_model,
    paragraph_features,
    paragraph_frame,
    shares,
    train_paragraph_model,
)
from .run import SCREEN_PARALLEL_FROM, screen_document, screen_store, screening_key
from .settings import CONFIG, load_settings
from .table import (
    ETHNICITY_BY_MODEL,
    EVIDENCE_NOTED,
    FLAG_COLUMNS,
    SCREEN_COLUMNS,
    screening_table,
)
from .text import BODY

__all__ = [
    "BODY",
    "CONFIG",
    "ETHNICITY_BY_MODEL",
    "EVIDENCE_NOTED",
    "EthnicityFinding",
    "FLAG_COLUMNS",
    "Finding",
    "LabelledReview",
    "PARAGRAPH_CLASSES",
    "PARAGRAPH_MODEL",
    "ParagraphClassifier",
    "SCORECARD_LABELS",
    "SCREEN_COLUMNS",
    "SCREEN_PARALLEL_FROM",
    "STATEMENT_PATTERNS",
    "WORKING_DAYS_DUE",
    "as_flag_value",
    "child_voice",
    "classify_paragraph_by_rules",
    "ethnicity_status",
    "family_views",
    "is_chronology_heavy",
    "lcspr_rationale",
    "learning_identified",
    "load_settings",
    "make_paragraph_model",
    "paragraph_features",
    "paragraph_frame",
    "practitioner_views",
    "read_labelled_reviews",
    "recommendation_items",
    "recommendations",
    "scorecard",
    "screen_document",
    "screen_store",
    "screening_key",
    "screening_table",
    "shares",
    "states_ethnicity",
    "train_paragraph_model",
    "weakness_score",
    "weighs_ethnicity",
    "word_lists",
    "working_days",
]


def __getattr__(name: str) -> object:
    # `review_miner.screen.ParagraphSignals` is how the saved paragraph model names the class;
    # it is made on first use (its bases import scikit-learn), so it is not in `__all__`.
    if name == "ParagraphSignals":
        return _paragraph_signals()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
