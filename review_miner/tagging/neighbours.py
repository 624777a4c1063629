"""Neighbours: how the coded passages nearest in meaning to a passage were coded.

The similarity method compares a passage with the codebook's descriptions and examples; this
one compares it with the passages people coded. For each code, the score is the share of
the `k` nearest coded passages (cosine similarity of the sentence embeddings already
computed for tagging) that carry it, each neighbour weighed by its similarity. It is one
more score for the decision (`neighbours` in `decide.py`, weighed where `neighbour_frames`
in `config/tagging.yaml` says).

The coded passages' embeddings and codes are stored as a plain NumPy archive, read with
`allow_pickle=False`, so loading it runs no code from the file.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.model_selection import KFold
from sklearn.neighbors import NearestNeighbors

from ..errors import ReviewMinerError

DEFAULT_K = 10


def unit(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1 (a zero row stays zero)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def neighbour_scores(
    known: np.ndarray, labels: np.ndarray, queries: np.ndarray, k: int = DEFAULT_K
) -> np.ndarray:
    """Each query's similarity-weighted share of its `k` nearest known passages per code.

    Args:
        known: (n x d) embeddings of the coded passages.
        labels: (n x codes) 0/1 coding of those passages.
        queries: (m x d) embeddings of the passages to score.
        k: How many neighbours (fewer when fewer passages are known).

    Returns:
        An (m x codes) matrix in 0..1.
    """
    labels = np.asarray(labels, dtype=np.float64)
    if len(queries) == 0 or len(known) == 0:
        return np.zeros((len(queries), labels.shape[1]))
    k = min(k, len(known))
    index = NearestNeighbors(n_neighbors=k, metric="cosine", algorithm="brute").fit(unit(known))
    distances, rows = index.kneighbors(unit(queries))
    # Cosine distance is 1 - similarity; an opposite passage says nothing, so it weighs 0.
    weights = np.clip(1.0 - distances, 0.0, None)
    totals = weights.sum(axis=1, keepdims=True)
    shares = np.einsum("mk,mkc->mc", weights, labels[rows])
    return np.divide(shares, totals, out=np.zeros_like(shares), where=totals > 0)


def out_of_fold(
    vectors: np.ndarray, labels: np.ndarray, k: int = DEFAULT_K, folds: int = 5
) -> np.ndarray:
    """Every coded passage's neighbour scores among the other folds' passages only.

    The folds are `fit_supervised`'s (`KFold(5, shuffle=True, random_state=0)`), so the
    decision learns how far to trust the neighbours of a passage they do not include.
    """
    n = len(vectors)
    result = np.zeros((n, np.asarray(labels).shape[1]))
    split = KFold(n_splits=folds, shuffle=True, random_state=0).split(np.arange(n))
    for fit_rows, held_rows in split:
        result[held_rows] = neighbour_scores(
            vectors[fit_rows], labels[fit_rows], vectors[held_rows], k
        )
    return result


@dataclass
class Neighbours:
    """The coded passages' embeddings and codes, to score new passages by their neighbours.

    Attributes:
        vectors: (n x d) unit-length embeddings of the coded passages (float16 on disk).
        labels: (n x codes) 0/1 coding of those passages.
        codes: The code ids, one per column of `labels`.
        k: How many neighbours a score is over.
        encoder: The name of the encoder that made `vectors`.
    """

    vectors: np.ndarray
    labels: np.ndarray
    codes: list[str]
    k: int
    encoder: str

    def scores(self, vectors: np.ndarray) -> np.ndarray:
        """Return an (items x codes) matrix of neighbour scores for these embeddings."""
        return neighbour_scores(self.vectors, self.labels, vectors, self.k)

    def save(self, path: Path, card: dict) -> None:
        """Write the archive (no pickles) and its card as JSON beside it."""
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            np.savez_compressed(
                handle,
                vectors=unit(self.vectors).astype(np.float16),
                labels=np.asarray(self.labels, dtype=np.uint8),
                codes=np.array(self.codes, dtype=str),
                k=np.array(self.k),
                encoder=np.array(self.encoder, dtype=str),
            )
        card_path = path.with_suffix(".card.json")
        card_path.write_text(json.dumps(card, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Neighbours:
        """Read an archive written by `save`, refusing anything that needs pickle to load.

        Raises:
            ReviewMinerError: The file is missing, unreadable, or not such an archive.
        """
        if not path.is_file():
            raise ReviewMinerError(f"{path}: no neighbours file; run 'review-miner train'")
        try:
            with np.load(path, allow_pickle=False) as data:
                vectors = data["vectors"].astype(np.float32)
                labels = data["labels"].astype(np.uint8)
                codes = [str(c) for c in data["codes"]]
                k = int(data["k"])
                encoder = str(data["encoder"])
        except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as exc:
            raise ReviewMinerError(
                f"{path}: is not a readable neighbours file ({type(exc).__name__}: {exc}); "
                "retrain it (review-miner train)"
            ) from exc
        if vectors.ndim != 2 or labels.shape != (len(vectors), len(codes)) or k < 1:
            raise ReviewMinerError(
                f"{path}: its embeddings ({vectors.shape}), codes ({labels.shape}) and k ({k}) "
                "do not fit together; retrain it (review-miner train)"
            )
        return cls(vectors, labels, codes, k, encoder)


def neighbour_settings(config: dict) -> int | None:
    """The `neighbours: k:` setting, or None when `neighbour_frames` names no frame.

    Raises:
        ReviewMinerError: k is not a whole number of at least 1.
    """
    if not config.get("neighbour_frames"):
        return None
    k = (config.get("neighbours") or {}).get("k", DEFAULT_K)
    if not isinstance(k, int) or isinstance(k, bool) or k < 1:
        raise ReviewMinerError(
            f"tagging settings: neighbours: k must be a whole number of at least 1, not {k!r}"
        )
    return k


def frame_mask(code_frames: Sequence[str], frames: Sequence[str]) -> np.ndarray:
    """1 for the codes of `frames`, 0 for the rest (a feature not weighed there is 0)."""
    wanted = set(frames)
    return np.array([float(frame in wanted) for frame in code_frames])
