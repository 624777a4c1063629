"""Screening accuracy on held-out labelled reviews, and on the sample corpus.

Trains the paragraph model on benchmarks/screening/dev.jsonl (as
scripts/train_paragraph_model.py does) and measures, on benchmarks/screening/test.jsonl,
which nothing was tuned on:

- ethnicity status accuracy (absent / stated_only / stated_and_analysed);
- paragraph class accuracy and macro-F1, for the rules alone and for the trained model;
- chronology share mean absolute error per review (predicted against labelled word shares);
- chronology-heavy flag accuracy (the flag from predicted shares against the flag from the
  labels, with the thresholds in config/screening.yaml).

Then the same signals on the 18 sample reviews against what their authors recorded (the
rules were developed on these, so they are a check, not a measurement), and the speed.

    .venv/bin/python benchmarks/screening.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import yaml  # noqa: E402
from sklearn.metrics import accuracy_score, classification_report, f1_score  # noqa: E402

from review_miner.ingest import read_document  # noqa: E402
from review_miner.screen import (  # noqa: E402
    ParagraphClassifier,
    child_voice,
    ethnicity_status,
    is_chronology_heavy,
    lcspr_rationale,
    load_settings,
    read_labelled_reviews,
    screen_document,
    shares,
    train_paragraph_model,
)

LABELLED = ROOT / "benchmarks" / "screening"


def main() -> None:
    settings = load_settings()
    dev = read_labelled_reviews(LABELLED / "dev.jsonl")
    test = read_labelled_reviews(LABELLED / "test.jsonl")
    with tempfile.TemporaryDirectory() as tmp:
        model_path = Path(tmp) / "paragraphs.skops"
        card = train_paragraph_model(dev, model_path)
        trained = ParagraphClassifier(model_path)
    rules = ParagraphClassifier(model_path=None)

    truth = [label for r in test for label in r.labels]
    print(f"labelled reviews: {len(dev)} dev (training), {len(test)} held-out test")
    print(f"paragraph model cross-validated on dev: {card['cross_validated']}")
    print()
    ethnicity_hits = [ethnicity_status(r.passages).status == r.ethnicity for r in test]
    print(
        f"ethnicity status accuracy (test): {np.mean(ethnicity_hits):.3f} ({sum(ethnicity_hits)}/{len(test)})"
    )
    everything = dev + test
    all_hits = [ethnicity_status(r.passages).status == r.ethnicity for r in everything]
    print(
        f"ethnicity status accuracy (all {len(everything)} reviews; the rules were corrected on two dev reviews): {np.mean(all_hits):.3f}"
    )
    print()
    for name, classifier in (("rules", rules), ("model", trained)):
        predicted = [c for r in test for c in classifier.classify(r.passages)]
        print(
            f"paragraph classes, {name}: accuracy {accuracy_score(truth, predicted):.3f}, "
            f"macro-F1 {f1_score(truth, predicted, average='macro'):.3f}"
        )
        errors, flags = [], []
        for review in test:
            predicted_share = shares(review.passages, classifier.classify(review.passages))
            true_share = shares(review.passages, review.labels)
            errors.append(abs(predicted_share["chronology"] - true_share["chronology"]))
            flags.append(
                is_chronology_heavy(predicted_share, settings)
                == is_chronology_heavy(true_share, settings)
            )
        print(
            f"  chronology share mean absolute error: {np.mean(errors):.3f} (max {np.max(errors):.3f})"
        )
        print(f"  chronology-heavy flag accuracy: {np.mean(flags):.3f} ({sum(flags)}/{len(flags)})")
    print()
    print("model, per class (test):")
    predicted = [c for r in test for c in trained.classify(r.passages)]
    print(classification_report(truth, predicted, digits=3, zero_division=0))

    # The sample corpus against its authors' records.
    scores = {"ethnicity": 0, "chronology_heavy": 0, "lcspr_rationale": 0, "child_voice": 0}
    sources = sorted(
        p for p in (ROOT / "corpora" / "sources").glob("*.md") if p.name != "README.md"
    )
    paragraphs, started = 0, time.perf_counter()
    for source in sources:
        matter = yaml.safe_load(source.read_text(encoding="utf-8").split("---", 2)[1])
        document, _, passages = read_document(ROOT / "corpora" / "sample" / matter["output"])
        _, flags = screen_document(document, passages, trained, settings)
        values = {f.name: f.value for f in flags}
        expected = matter["truth"]
        scores["ethnicity"] += values["ethnicity"] == expected["ethnicity"]
        scores["chronology_heavy"] += (
            values["chronology_heavy"] == str(expected["chronology_heavy"]).lower()
        )
        scores["lcspr_rationale"] += (
            lcspr_rationale(passages, document.metadata.kind).value
            == str(expected["lcspr_rationale"]).lower()
        )
        scores["child_voice"] += child_voice(passages).value == str(expected["child_voice"]).lower()
        paragraphs += sum(1 for p in passages if p.kind in ("paragraph", "bullet"))
    seconds = time.perf_counter() - started
    print(f"sample corpus ({len(sources)} reviews; rules developed on these):")
    for name, hits in scores.items():
        print(f"  {name}: {hits}/{len(sources)}")
    print(
        f"speed: {len(sources)} reviews ({paragraphs} paragraphs) read and screened in {seconds:.1f} s"
    )


if __name__ == "__main__":
    main()
