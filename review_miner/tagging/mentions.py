"""Mentions: does a passage state facts about this family, or only mention them?

Coding rules 4 and 5 (`codebooks/README.md`): a risk, harm or context named in a question
put to a parent ("Mother was asked whether she drank"), a generic statement ("domestic
abuse is a known risk factor"), a hypothetical or a denial is mentioned, not present. The
rules tagger's cues catch the common wordings; this passage-level classifier learns the
rest from coded passages: those whose risk, harm and context codes are all negated, against
those that carry at least one as present. Its probability that a passage only mentions is
one more score for the decision (`decide.py`), which weighs it per frame.

A plain scikit-learn `Pipeline` (TF-IDF of words and word pairs beside the sentence
embedding, into one balanced logistic regression), saved with skops like the supervised
model, with a JSON card beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from ..embed import TextEncoder
from ..errors import ReviewMinerError
from . import Item
from .supervised import features, load_trusted, passage_features

MIN_PASSAGES = 5
"""Fewer passages than this of either kind (mention-only, present) and nothing is learned."""


def mention_labels(
    codes: Sequence[set[str]],
    negated: Sequence[set[str]],
    frame_of: dict[str, str],
    frames: set[str],
) -> np.ndarray:
    """Label each coded passage: 1 mentions only, 0 states a fact, -1 neither (not used).

    Only codes of `frames` (the negatable ones: risk, harm, context) count. A passage with
    no such code, present or negated, says nothing about the difference and is left out.
    """
    labels = np.full(len(codes), -1, dtype=int)
    for row, (present, mentioned) in enumerate(zip(codes, negated, strict=True)):
        if any(frame_of.get(c) in frames for c in present):
            labels[row] = 0
        elif any(frame_of.get(c) in frames for c in mentioned):
            labels[row] = 1
    return labels


def make_mentions_model(dimensions: int, C: float = 2.0, meaning_weight: float = 1.0) -> Pipeline:
    """Words (1- and 2-grams, function words kept: "whether", "should", "no") and meaning.

    Args:
        dimensions: The embedding's size.
        C: Inverse regularisation strength of the logistic regression.
        meaning_weight: How much the embedding counts beside the words.
    """
    columns = passage_features(dimensions, meaning_weight, most_words=4000)
    return Pipeline(
        [
            ("features", columns),
            ("classify", LogisticRegression(C=C, class_weight="balanced", max_iter=3000)),
        ]
    )


def learnable(labels: np.ndarray) -> bool:
    """Whether there are enough passages of both kinds to learn from."""
    return min((labels == 0).sum(), (labels == 1).sum()) >= MIN_PASSAGES


class MentionTagger:
    """Score passages with a trained mentions model: P(the passage only mentions)."""

    method = "mentions"

    def __init__(self, model: Pipeline, encoder: TextEncoder) -> None:
        self.model = model
        self.encoder = encoder

    def scores(self, items: list[Item], vectors: np.ndarray | None = None) -> np.ndarray:
        """Return one probability per item."""
        texts = [item.text for item in items]
        if not texts:
            return np.zeros(0)
        if vectors is None:
            vectors = self.encoder.encode(texts)
        return self.model.predict_proba(features(texts, vectors))[:, 1]


def load_mentions_model(path: Path) -> Pipeline:
    """Load a mentions model, trusting scikit-learn's types only.

    Raises:
        ReviewMinerError: The file is missing, holds other types, or is not a classifier
            pipeline.
    """
    model = load_trusted(path, [], Pipeline)
    if not isinstance(model[-1], LogisticRegression):
        raise ReviewMinerError(f"{path}: holds a {type(model[-1]).__name__}, not a mentions model")
    return model
