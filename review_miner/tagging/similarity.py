"""Similarity: how close a passage is, in meaning, to each code's definition and examples.

Each code is represented by embeddings of its definition (label, description, inclusion
notes) and of each example sentence. A passage's score for a code is its cosine similarity
to the closest of these. It catches themes that narrative carries without the usual words.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..codebook import Codebook
from ..embed import TextEncoder
from ..records import Tag
from . import Item

SIMILARITY_FLOOR = 0.25
"""Scores below this are not stored as tags: all-MiniLM-L6-v2 puts unrelated text there."""
SIMILARITY_CLOSEST = 3
"""Similarity tags stored per passage: its closest codes. The static default encoder scores
nearly every pair above the floor (its vectors share a common direction), so a floor alone
would store a tag for every code of every passage; the decision reads all the scores."""


class SimilarityTagger:
    """Score passages against every code by embedding similarity.

    Args:
        codebook: The codebook whose definitions and examples to compare with.
        encoder: An encoder with `name` and `encode(texts)` (see `review_miner.embed`).
    """

    method = "similarity"

    def __init__(self, codebook: Codebook, encoder: TextEncoder) -> None:
        self.codebook = codebook
        self.encoder = encoder
        texts: list[str] = []
        owners: list[int] = []
        for index, code in enumerate(codebook.codes):
            for text in (code.definition, *code.examples):
                texts.append(text)
                owners.append(index)
        self.prototypes = encoder.encode(texts)
        self.owners = np.array(owners)

    def scores(self, vectors: np.ndarray) -> np.ndarray:
        """Return an (items x codes) matrix of best cosine similarities."""
        similarities = vectors @ self.prototypes.T
        best = np.full((len(vectors), len(self.codebook.codes)), -1.0, dtype=np.float32)
        for code_index in range(len(self.codebook.codes)):
            columns = self.owners == code_index
            best[:, code_index] = similarities[:, columns].max(axis=1)
        return best

    def tag(self, items: list[Item], vectors: np.ndarray | None = None) -> list[Tag]:
        """Return a tag per item for its closest codes that score at least `SIMILARITY_FLOOR`."""
        if vectors is None:
            vectors = self.encoder.encode([item.text for item in items])
        scores = closest(self.scores(vectors), SIMILARITY_CLOSEST)
        return tags_from_scores(items, scores, self.codebook.ids, self.method)


def closest(scores: np.ndarray, k: int) -> np.ndarray:
    """The scores with all but each row's k highest set to -1 (below any floor)."""
    if scores.shape[1] <= k:
        return scores
    kept = np.full_like(scores, -1.0)
    top = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    rows = np.arange(len(scores))[:, None]
    kept[rows, top] = scores[rows, top]
    return kept


def tags_from_scores(
    items: list[Item],
    scores: np.ndarray,
    code_ids: Sequence[str],
    method: str,
    floor: float = SIMILARITY_FLOOR,
) -> list[Tag]:
    """Turn an (items x codes) score matrix into tags whose evidence is the whole text."""
    tags = []
    rows, columns = np.nonzero(scores >= floor)
    for row, column in zip(rows, columns, strict=True):
        item = items[row]
        tags.append(
            Tag(
                passage_id=item.id,
                code=code_ids[column],
                method=method,
                confidence=round(float(min(max(scores[row, column], 0.0), 1.0)), 4),
                start=0,
                end=len(item.text),
            )
        )
    return tags
