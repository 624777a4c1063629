"""Supervised: a scikit-learn model trained on passages that people have coded.

A `Pipeline`: the passage's words (TF-IDF of words and word pairs) beside its meaning (the
sentence embedding), into one logistic regression per code with balanced class weights,
because most codes are rare. Every step is a plain scikit-learn estimator, so the model can
be cross-validated or grid-searched like any other. It is saved with skops (which refuses to
load types it has not been told to trust, unlike pickle) beside a JSON card that records
what it was trained on and how well it did.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline

from ..embed import TextEncoder
from ..errors import ReviewMinerError
from ..records import Tag
from . import Item
from .similarity import tags_from_scores

MIN_POSITIVES = 3
"""Codes with fewer positive examples than this (coded passages and the codebook's example
sentences together) are not learned: the model says nothing for them."""

SUPERVISED_FLOOR = 0.2
"""Probabilities below this are not stored as tags."""


class PassageClassifier(ClassifierMixin, BaseEstimator):
    """Multi-label classifier: one balanced logistic regression per code.

    Args:
        C: Inverse regularisation strength of each logistic regression.
        codes: The code ids, one per column of the label matrix.

    Attributes:
        learned_: Boolean mask of the codes that had enough positives to learn.
        model_: The fitted one-vs-rest logistic regression (on learned codes only).
    """

    def __init__(self, C: float = 8.0, codes: Sequence[str] = ()) -> None:
        self.C = C
        self.codes = codes

    def fit(self, X: np.ndarray, Y: np.ndarray) -> PassageClassifier:
        """Fit on features `X` (n x d, dense or sparse) and a 0/1 label matrix `Y` (n x codes)."""
        Y = np.asarray(Y)
        self.learned_ = Y.sum(axis=0) >= MIN_POSITIVES
        if not self.learned_.any():
            raise ReviewMinerError(
                f"no code has {MIN_POSITIVES} or more coded passages to learn from"
            )
        self.model_ = OneVsRestClassifier(
            LogisticRegression(C=self.C, class_weight="balanced", max_iter=3000)
        ).fit(X, Y[:, self.learned_])
        self.classes_ = np.arange(Y.shape[1])
        return self

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Return an (n x codes) matrix of probabilities; 0 for codes not learned."""
        probabilities = np.zeros((X.shape[0], len(self.learned_)), dtype=np.float64)
        learned = self.model_.predict_proba(X)
        if self.learned_.sum() == 1:
            learned = learned[:, 1:]  # one code is a binary problem: keep P(present)
        probabilities[:, self.learned_] = learned
        return probabilities

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Return a 0/1 matrix: probability at least 0.5."""
        return (self.predict_proba(X) >= 0.5).astype(int)


def features(texts: Sequence[str], vectors: np.ndarray) -> pd.DataFrame:
    """The model's input: a `text` column and one column per embedding dimension."""
    frame = pd.DataFrame(vectors, columns=[f"e{i}" for i in range(vectors.shape[1])])
    frame.insert(0, "text", list(texts))
    return frame


def make_model(
    codes: Sequence[str], dimensions: int, C: float = 8.0, meaning_weight: float = 1.0
) -> Pipeline:
    """Words and meaning side by side, into a `PassageClassifier`.

    Args:
        codes: The code ids, one per label column.
        dimensions: The embedding's size.
        C: Inverse regularisation strength of each code's logistic regression.
        meaning_weight: How much the embedding counts beside the words: both blocks are
            unit length, so under one regularisation a weight above 1 lets meaning speak
            louder than vocabulary (`supervised:` in `config/tagging.yaml`).
    """
    columns = passage_features(dimensions, meaning_weight, most_words=6000)
    return Pipeline(
        [("features", columns), ("classify", PassageClassifier(C=C, codes=list(codes)))]
    )


def passage_features(dimensions: int, meaning_weight: float, most_words: int) -> ColumnTransformer:
    """A passage's words and word pairs (TF-IDF) beside its embedding, the embedding weighed.

    Words and pairs count when seen in two passages or more: rarer ones only memorise, and
    would make a saved model several times larger.
    """
    return ColumnTransformer(
        [
            (
                "words",
                TfidfVectorizer(
                    ngram_range=(1, 2), sublinear_tf=True, min_df=2, max_features=most_words
                ),
                "text",
            ),
            ("meaning", "passthrough", [f"e{i}" for i in range(dimensions)]),
        ],
        transformer_weights={"words": 1.0, "meaning": meaning_weight},
    )


def sentence_bounds(texts: Sequence[str]) -> list[list[tuple[int, int]]]:
    """Each text's sentences as (start, end) offsets; a text with none is one whole span.

    spaCy's rule-based sentencizer, shared by the sentence scores and the negation model.
    """
    from ..nlp import blank_english

    bounds = []
    for text, doc in zip(texts, blank_english().pipe(texts, batch_size=256), strict=True):
        spans = [(s.start_char, s.end_char) for s in doc.sents if s.text.strip()]
        bounds.append(spans or [(0, len(text))])
    return bounds


def sentences_of(texts: Sequence[str]) -> list[list[str]]:
    """Each text's sentences (`sentence_bounds`); a text with none is one, as it stands."""
    return [
        # Only the whole-text span of a text with no sentence can strip to nothing.
        [text[start:end].strip() or text for start, end in spans]
        for text, spans in zip(texts, sentence_bounds(texts), strict=True)
    ]


def sentence_scores(
    model: Pipeline, encoder: TextEncoder, texts: Sequence[str], passage: np.ndarray
) -> np.ndarray:
    """Each code's highest probability over a passage's sentences, scored one by one.

    A long narrative can carry a theme in one clear sentence that the rest of the passage
    drowns out; scored alone, that sentence speaks up. A passage of one sentence keeps its
    passage probability (`passage`, n x codes), which is the same text scored the same way.
    """
    result = np.array(passage, dtype=np.float64, copy=True)
    split = sentences_of(texts)
    owners = [row for row, parts in enumerate(split) if len(parts) > 1 for _ in parts]
    if not owners:
        return result
    flat = [part for parts in split if len(parts) > 1 for part in parts]
    probabilities = model.predict_proba(features(flat, encoder.encode(flat)))
    owners_array = np.array(owners)
    for row in np.unique(owners_array):
        result[row] = probabilities[owners_array == row].max(axis=0)
    return result


class SupervisedTagger:
    """Tag passages with a trained model (see `make_model`)."""

    method = "supervised"

    def __init__(self, model: Pipeline, encoder: TextEncoder) -> None:
        self.model = model
        self.encoder = encoder

    @property
    def codes(self) -> list[str]:
        """The code ids the model's columns stand for."""
        return list(self.model[-1].codes)

    def scores(self, items: list[Item], vectors: np.ndarray | None = None) -> np.ndarray:
        """Return an (items x model codes) matrix of probabilities."""
        texts = [item.text for item in items]
        if vectors is None:
            vectors = self.encoder.encode(texts)
        return self.model.predict_proba(features(texts, vectors))

    def tag(
        self, items: list[Item], vectors: np.ndarray | None = None, floor: float = SUPERVISED_FLOOR
    ) -> list[Tag]:
        """Return a tag per item and code with probability at least `floor`."""
        return tags_from_scores(items, self.scores(items, vectors), self.codes, self.method, floor)


def save_model(model: Pipeline, path: Path, card: dict) -> None:
    """Save a model with skops, and its card as JSON beside it (`<name>.card.json`)."""
    import skops.io as sio

    path.parent.mkdir(parents=True, exist_ok=True)
    # The pruned-term list is for introspection only and is most of a fitted TF-IDF's size.
    model.named_steps["features"].named_transformers_["words"].stop_words_ = None
    sio.dump(model, path, compression=zipfile.ZIP_DEFLATED)
    card_path = path.with_suffix(".card.json")
    card_path.write_text(json.dumps(card, indent=2, sort_keys=True) + "\n", encoding="utf-8")


# skops trusts scikit-learn's own types; ours must be named. Anything else in a file is refused.
TRUSTED_TYPES = ["review_miner.tagging.supervised.PassageClassifier"]


def load_trusted(path: Path, trusted: list[str], expected: type) -> object:
    """Load a skops file that may hold scikit-learn types and the named types of ours only.

    Raises:
        ReviewMinerError: The file is missing, unreadable, holds other types, or is not an
            `expected`.
    """
    import skops.io as sio

    if not path.is_file():
        raise ReviewMinerError(f"{path}: no trained model; run 'review-miner train' first")
    try:
        untrusted = [t for t in sio.get_untrusted_types(file=path) if t not in trusted]
        if untrusted:
            raise ReviewMinerError(f"{path}: refuses to load untrusted types {untrusted}")
        model = sio.load(path, trusted=trusted)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        # A truncated download, a Git LFS pointer or another program's file: say which.
        raise ReviewMinerError(
            f"{path}: is not a readable model file ({type(exc).__name__}: {exc}); "
            "retrain it (make models) or restore it from the release"
        ) from exc
    if not isinstance(model, expected):
        raise ReviewMinerError(f"{path}: holds a {type(model).__name__}, not a review_miner model")
    return model


def load_model(path: Path) -> Pipeline:
    """Load a tagging model saved by `save_model`, trusting only the types it should hold.

    Raises:
        ReviewMinerError: The file is missing, holds types outside the trusted list, or is
            not a review_miner model.
    """
    model = load_trusted(path, TRUSTED_TYPES, Pipeline)
    if not isinstance(model[-1], PassageClassifier):
        raise ReviewMinerError(
            f"{path}: holds a {type(model[-1]).__name__}, not a review_miner model"
        )
    return model
