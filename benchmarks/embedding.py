"""Embedding speed and fidelity: ways of running all-MiniLM-L6-v2 on this CPU, offline.

Embeds the paragraphs and bullets of the sample corpus (the passages `review-miner tag`
embeds) with each candidate and prints passages per second and the cosine of each passage's
embedding to the reference's (sentence-transformers on torch, fp32, 256 tokens): mean and
minimum. The reference is measured in the same run, so the speed-up is meaningful on a
machine shared with other work; the load average is printed before and after. A way of
running the transformer is acceptable only with a mean cosine of at least 0.99 and a
minimum of at least 0.95.

The static model (model2vec, distilled from the same MiniLM: the default since 2026-12-07)
lives in another space, so no cosine to the reference applies: for every candidate the
table gives the Spearman correlation between its similarities of all pairs of passages and
the reference's (1 when it ranks every pair alike). The static model is judged instead by
how well the tagger codes with it (benchmarks/tagging_dev.py, benchmarks/tagging.py).

Each candidate is loaded (and, the first time, exported to ONNX into the cache) and warmed
up on a few passages before it is timed; the candidates take turns, round after round, and
each keeps its best round.

    .venv/bin/python benchmarks/embedding.py [--rounds 2] [--limit N] [--only LABEL]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from scipy.stats import spearmanr  # noqa: E402

from review_miner.embed import Encoder  # noqa: E402
from review_miner.ingest import ingest  # noqa: E402
from review_miner.store import Store  # noqa: E402

TAGGABLE = ("paragraph", "bullet")
PASSAGES_PER_PAGE = 11  # typical of the reviews: issue 5's unit
MEAN_FLOOR, MIN_FLOOR = 0.99, 0.95

# (label, Encoder arguments); the first is the reference.
CANDIDATES: list[tuple[str, dict]] = [
    ("reference: torch fp32, 256 tokens, batch 64", {"backend": "torch", "batch_size": 64}),
    (
        "torch fp32, 128 tokens, batch 32",
        {"backend": "torch", "max_seq_length": 128, "batch_size": 32},
    ),
    ("onnx fp32, 256 tokens, batch 1", {"backend": "onnx", "quantize": False}),
    ("onnx fp32, 256 tokens, batch 8", {"backend": "onnx", "quantize": False, "batch_size": 8}),
    (
        "onnx fp32, 256 tokens, batch 32",
        {"backend": "onnx", "quantize": False, "batch_size": 32},
    ),
    (
        "onnx fp32, 256 tokens, batch 8, 1 thread",
        {"backend": "onnx", "quantize": False, "batch_size": 8, "threads": 1},
    ),
    ("onnx int8, 256 tokens, batch 1", {"backend": "onnx"}),
    ("onnx int8, 256 tokens, batch 8", {"backend": "onnx", "batch_size": 8}),
    ("onnx int8, 128 tokens, batch 1", {"backend": "onnx", "max_seq_length": 128}),
    ("static: model2vec distilled from MiniLM, 256 dimensions (the default)", {}),
]


def sample_passages() -> list[str]:
    """The taggable passages of corpora/sample, ingested into a temporary store."""
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "sample.db")
        ingest([ROOT / "corpora" / "sample"], store, workers=2)
        texts = [p.text for p in store.passages() if p.kind in TAGGABLE]
        store.close()
    return texts


def timed(encoder: Encoder, texts: list[str]) -> tuple[np.ndarray, float]:
    """Embeddings of texts and passages/s."""
    start = time.perf_counter()
    vectors = encoder.encode(texts)
    return vectors, len(texts) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rounds", type=int, default=2, help="timed runs per candidate (best kept)"
    )
    parser.add_argument("--limit", type=int, default=0, help="embed only the first N passages")
    parser.add_argument("--only", default="", help="run only candidates whose label contains this")
    args = parser.parse_args()

    texts = sample_passages()
    if args.limit:
        texts = texts[: args.limit]
    words = np.mean([len(t.split()) for t in texts])
    print(f"{len(texts)} passages, {words:.0f} words on average; {os.cpu_count()} cores")
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))

    # Every candidate is timed once per round, round after round, so that a change in the
    # machine's load falls on all of them alike; each keeps its best round.
    encoders = [Encoder(**arguments) for _, arguments in CANDIDATES]
    chosen = [i for i, (label, _) in enumerate(CANDIDATES) if i == 0 or args.only in label]
    vectors: dict[int, np.ndarray] = {}
    speed: dict[int, float] = {}
    for _ in range(args.rounds):
        for i in chosen:
            encoders[i].encode(texts[:8])  # load, export if needed, warm up
            vectors[i], rate = timed(encoders[i], texts)
            speed[i] = max(speed.get(i, 0.0), rate)
    upper = np.triu_indices(len(texts), k=1)
    reference_pairs = (vectors[0] @ vectors[0].T)[upper]
    rows = []
    for i in chosen:
        same_space = vectors[i].shape == vectors[0].shape
        cosine = (vectors[i] * vectors[0]).sum(axis=1) if same_space else None
        ranks = spearmanr((vectors[i] @ vectors[i].T)[upper], reference_pairs).statistic
        rows.append((CANDIDATES[i][0], speed[i], cosine, float(ranks)))
    reference_speed = speed[0]
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))

    print()
    print(
        "| candidate | passages/s | x reference | pages/s at 11 passages | mean cosine "
        "| min cosine | pair similarities, Spearman | acceptable |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for label, rate, cosine, ranks in rows:
        if cosine is None:
            mean = low = ok = "n/a"
        else:
            ok = "yes" if cosine.mean() >= MEAN_FLOOR and cosine.min() >= MIN_FLOOR else "no"
            mean, low = f"{cosine.mean():.4f}", f"{cosine.min():.4f}"
        print(
            f"| {label} | {rate:.1f} | {rate / reference_speed:.2f} | "
            f"{rate / PASSAGES_PER_PAGE:.1f} | {mean} | {low} | {ranks:.3f} | {ok} |"
        )

if __name__ == "__main__":
    main()
