"""Tagging accuracy on held-out gold passages, method by method, and tagging speed.

Trains the supervised classifier and the decision weights on benchmarks/gold/dev.jsonl
(exactly as `review-miner train` does), then codes benchmarks/gold/test.jsonl, which nothing
was tuned on, with each method alone and combined:

- rules: a codebook pattern matched and not negated;
- similarity: cosine to the code's definition or examples, at a per-frame threshold chosen
  on the dev set;
- supervised: classifier probability at least 0.5;
- combined: the calibrated decision (what `review-miner tag` stores).

The mentions model's probability is part of the combined decision only.

Prints macro-F1 for themes, micro-F1 for risks and harms together and for contexts, the
count of negated mentions counted as present, per-code figures for the combined decision,
and passages per second for tagging the sample corpus's paragraphs.

    .venv/bin/python benchmarks/tagging.py [--record]

With --record it also writes the held-out summary to models/evaluation.json, which the
quarterly digest quotes in its methods note: run it so after retraining the shipped models.
"""

from __future__ import annotations

import argparse
import json
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
import pandas as pd  # noqa: E402

from review_miner.evaluate import compare  # noqa: E402
from review_miner.ingest import ingest  # noqa: E402
from review_miner.store import Store  # noqa: E402
from review_miner.tag import TAGGABLE, load_setup, read_coded, score_items, tag_items, train  # noqa: E402
from review_miner.tagging import Item  # noqa: E402

GOLD = ROOT / "benchmarks" / "gold"


def best_thresholds(similarity: np.ndarray, labels: np.ndarray, frames: list[str]) -> np.ndarray:
    """Per frame, the similarity threshold with the best micro-F1 on the dev set."""
    thresholds = np.zeros(len(frames))
    for frame in set(frames):
        columns = [j for j, f in enumerate(frames) if f == frame]
        best, best_f1 = 0.5, -1.0
        for threshold in np.arange(0.15, 0.8, 0.01):
            predicted = similarity[:, columns] >= threshold
            truth = labels[:, columns] == 1
            tp = (predicted & truth).sum()
            f1 = 2 * tp / max(predicted.sum() + truth.sum(), 1)
            if f1 > best_f1:
                best, best_f1 = threshold, f1
        thresholds[columns] = best
    return thresholds


def summary_row(name: str, evaluation) -> dict:
    averages = evaluation.averages
    return {
        "method": name,
        "themes macro-F1": averages.loc["themes", "macro_f1"],
        "themes micro-F1": averages.loc["themes", "micro_f1"],
        "risks+harms micro-F1": averages.loc["risks_and_harms", "micro_f1"],
        "risks+harms macro-F1": averages.loc["risks_and_harms", "macro_f1"],
        "contexts micro-F1": averages.loc["contexts", "micro_f1"]
        if "contexts" in averages.index
        else np.nan,
        "negated as present": evaluation.negated_as_present,
    }


def record(results: dict, test_passages: int, encoder: str) -> Path:
    """Write the held-out summary the digest's methods note quotes."""
    from datetime import date

    combined = summary_row("combined", results["combined"])
    path = ROOT / "models" / "evaluation.json"
    figures = {
        "measured": date.today().isoformat(),
        "by": "benchmarks/tagging.py: models trained on benchmarks/gold/dev.jsonl as shipped",
        "held-out passages": test_passages,
        "encoder": encoder,
        **{k: v if k == "method" else round(float(v), 3) for k, v in combined.items()},
        "targets": "themes macro-F1 0.80, risks+harms micro-F1 0.90, no negated as present",
    }
    del figures["method"]
    figures["negated as present"] = int(figures["negated as present"])
    path.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return path


FIRST_WRITERS = 7
"""Writers w1 to w7 wrote before any error analysis of the development passages."""


def writer(passage_id: str) -> int:
    """The writer's number in a gold id such as "w10-042" (10)."""
    return int(passage_id.split("-", 1)[0].removeprefix("w"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--record", action="store_true", help="write models/evaluation.json")
    args = parser.parse_args()
    dev = read_coded(GOLD / "dev.jsonl")
    test = read_coded(GOLD / "test.jsonl")
    with tempfile.TemporaryDirectory() as tmp:
        models = Path(tmp) / "models"
        blank = load_setup(models=models, with_models=False)
        started = time.perf_counter()
        train(dev, blank, models, source="benchmarks/gold/dev.jsonl")
        train_seconds = time.perf_counter() - started
        setup = load_setup(models=models, encoder=blank.encoder)
        ids, frames = setup.codebook.ids, setup.code_frames

        dev_vectors = setup.encoder.encode([i.text for i in dev.items])
        dev_scores, _ = score_items(dev.items, setup, dev_vectors)
        similarity_cut = best_thresholds(dev_scores.similarity, dev.matrix(ids), frames)

        test_vectors = setup.encoder.encode([i.text for i in test.items])
        scores, _ = score_items(test.items, setup, test_vectors)
        probabilities, combined = setup.decider.decide(scores, ids, frames)
        human = test.matrix(ids)
        methods = {
            "rules": scores.rules > 0,
            "similarity": scores.similarity >= similarity_cut,
            "supervised": scores.supervised >= 0.5,
            "combined": combined,
        }
        results = {
            name: compare(human, m.astype(int), ids, frames, test.negated)
            for name, m in methods.items()
        }
        # The eighth to eleventh writers wrote after error analyses of dev passages that
        # shaped the cues, the patterns and the mentions model, so the held-out passages of
        # the first seven are reported apart: they were written before any of those changes.
        first_seven = np.array([writer(item.id) <= FIRST_WRITERS for item in test.items])
        earlier = compare(
            human[first_seven],
            combined[first_seven].astype(int),
            ids,
            frames,
            [n for n, keep in zip(test.negated, first_seven, strict=True) if keep],
        )
        # Each writer alone: the newest writers' passages show how the tagger meets a
        # writer whose development passages it has only just been trained on.
        writers = np.array([writer(item.id) for item in test.items])
        by_writer = {
            w: compare(
                human[writers == w],
                combined[writers == w].astype(int),
                ids,
                frames,
                [n for n, keep in zip(test.negated, writers == w, strict=True) if keep],
            )
            for w in sorted(set(writers))
        }

        # Speed: every paragraph of the sample corpus, embeddings included, models loaded.
        store = Store(Path(tmp) / "sample.db")
        ingest([ROOT / "corpora" / "sample"], store, workers=2)
        passages = [p for p in store.passages() if p.kind in TAGGABLE]
        items = [Item(p.passage_id, p.text) for p in passages]
        started = time.perf_counter()
        vectors = setup.encoder.encode([i.text for i in items])
        encode_seconds = time.perf_counter() - started
        tag_items(items, setup, vectors)
        tag_seconds = time.perf_counter() - started
        store.close()

    pd.set_option("display.width", 200)
    pd.set_option("display.max_rows", 100)
    print(
        f"gold: {len(dev.items)} dev passages (training and tuning), "
        f"{len(test.items)} held-out test passages"
    )
    print(f"training on dev: {train_seconds:.1f} s")
    print()
    print("held-out test set, each method alone and combined:")
    print(
        pd.DataFrame([summary_row(n, r) for n, r in results.items()])
        .set_index("method")
        .round(3)
        .to_string()
    )
    print()
    print(
        f"combined, on the {int(first_seven.sum())} held-out passages of writers w1 to w7 "
        "(written before the error analyses):"
    )
    print(pd.DataFrame([summary_row("combined", earlier)]).set_index("method").round(3).to_string())
    print()
    print("combined, each writer's held-out passages alone:")
    rows = [summary_row(f"w{w} ({int((writers == w).sum())})", r) for w, r in by_writer.items()]
    print(pd.DataFrame(rows).set_index("method").round(3).to_string())
    negated_pairs = sum(len(n) for n in test.negated)
    print(f"negated or hypothetical passage-code pairs in the held-out set: {negated_pairs}")
    print()
    print("combined decision, per code (held-out test set):")
    print(results["combined"].per_code.round(3).to_string())
    print()
    print("theme confusion (human rows, machine columns), combined:")
    print(results["combined"].theme_confusion.to_string())
    print()
    # Calibration: among passage-code pairs the decision scored in a band, how many a
    # person coded as present. A calibrated 0.8 is right about four times in five.
    print("calibration of the combined probability (held-out passage-code pairs):")
    print(f"{'band':<12}{'pairs':>7}{'coded present':>15}")
    for low, high in ((0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.01)):
        band = (probabilities >= low) & (probabilities < high)
        share = human[band].mean() if band.any() else float("nan")
        print(f"{low:.1f}-{min(high, 1.0):.1f}{band.sum():>12}{share:>15.2f}")
    print()
    if args.record:
        print(f"recorded: {record(results, len(test.items), setup.encoder.name)}")
    rate = len(items) / tag_seconds
    print(
        f"speed: {len(items)} sample paragraphs tagged in {tag_seconds:.1f} s "
        f"({rate:.0f} passages/s; embedding {encode_seconds:.1f} s of it)"
    )


if __name__ == "__main__":
    main()
