"""How much the supervised tagger gains from more coded passages: a learning curve on dev.

The supervised model alone (`make_model`, as `review-miner train` builds it, with the
codebook's examples always in training), in 5-fold cross-validation on the development
passages only, trained each time on a share of the other four folds (a seeded random
sample). For each share it prints themes macro-F1 and risks, harms and contexts micro-F1 at
the best single threshold per frame on the pooled out-of-fold probabilities (optimistic,
the same for every row: the rows compare with each other, not with held-out figures).
With `--encoder onnx` the passages are embedded by the transformer itself (int8 ONNX)
instead of the shipped static model, to see whether better embeddings would do what more
passages do.

    .venv/bin/python benchmarks/learning_curve.py [--shares 0.25,0.5,0.75,1] [--encoder onnx]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from sklearn.base import clone  # noqa: E402
from sklearn.metrics import f1_score  # noqa: E402
from sklearn.model_selection import KFold  # noqa: E402

from review_miner.embed import Encoder  # noqa: E402
from review_miner.tag import _model_options, load_setup, read_coded, with_examples  # noqa: E402
from review_miner.tagging.supervised import features, make_model  # noqa: E402

FRAMES = ("theme", "risk", "harm", "context")
GRID = np.round(np.arange(0.2, 0.8, 0.05), 2)


def best_f1(truth: np.ndarray, scores: np.ndarray, average: str) -> tuple[float, float]:
    """The best F1 over the threshold grid, and its threshold."""
    return max(
        (f1_score(truth, scores >= t, average=average, zero_division=0), float(t)) for t in GRID
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shares", default="0.25,0.5,0.75,1")
    parser.add_argument("--encoder", choices=("static", "onnx"), default="static")
    args = parser.parse_args()

    setup = load_setup(with_models=False, encoder=Encoder(backend=args.encoder))
    dev = read_coded(ROOT / "benchmarks" / "gold" / "dev.jsonl")
    ids = setup.codebook.ids
    frames = np.array(setup.code_frames)
    texts, labels = with_examples(dev, setup.codebook)
    started = time.perf_counter()
    vectors = setup.encoder.encode(texts)
    print(
        f"{len(dev.items)} dev passages, {len(texts) - len(dev.items)} codebook examples; encoder "
        f"{setup.encoder.name}: {time.perf_counter() - started:.1f} s"
    )
    inputs = features(texts, vectors)
    model = make_model(ids, vectors.shape[1], **_model_options(setup.config, "supervised"))
    n = len(dev.items)
    rng = np.random.default_rng(0)
    for share in (float(s) for s in args.shares.split(",")):
        scores = np.zeros((n, len(ids)))
        for fit_rows, held in KFold(5, shuffle=True, random_state=0).split(np.arange(n)):
            kept = rng.permutation(fit_rows)[: int(round(len(fit_rows) * share))]
            rows = np.concatenate([kept, np.arange(n, len(texts))])
            scores[held] = (
                clone(model).fit(inputs.iloc[rows], labels[rows]).predict_proba(inputs.iloc[held])
            )
        cells = []
        for frame in FRAMES:
            columns = frames == frame
            f1, cut = best_f1(
                labels[:n][:, columns], scores[:, columns], "macro" if frame == "theme" else "micro"
            )
            cells.append(
                f"{frame}s {'macro' if frame == 'theme' else 'micro'}-F1 {f1:.3f} (at {cut:.2f})"
            )
        print(
            f"share {share:.2f} (~{int(n * 0.8 * share)} training passages): " + "; ".join(cells),
            flush=True,
        )


if __name__ == "__main__":
    main()
