"""Screening accuracy on held-out labelled reviews, and on the sample corpus.

Trains the paragraph model on benchmarks/screening/dev.jsonl (as
scripts/train_paragraph_model.py does) and measures, on benchmarks/screening/test.jsonl,
which nothing was tuned on:

- ethnicity status accuracy (absent / stated_only / stated_and_analysed), for the whole
  held-out set and for the first two, three, ... writers' held-out reviews (s1 and s2, s1 to
  s3, ...), so the figures stay comparable with earlier runs; each for the rules alone, with
  the paragraph model's classes (trained on dev), and with those and the ethnicity paragraph
  model (trained on dev, at the thresholds in config/screening.yaml; shipped;
  benchmarks/ethnicity_model.py measures it leave-one-writer-out);
- paragraph class accuracy and macro-F1, for the rules alone and for the trained model;
- chronology share mean absolute error per review (predicted against labelled word shares);
- chronology-heavy flag accuracy (the flag from predicted shares against the flag from the
  labels, with the thresholds in config/screening.yaml);
- accuracy of each scorecard component (LCSPR rationale, child's voice, family and
  practitioner views, learning, the number of recommendations and of specific ones) on the
  reviews that carry scorecard labels;
- the same ethnicity, scorecard and paragraph figures for each writer from the fourth (s4)
  on, alone: each was written after the rules and the model were developed on the earlier
  writers, so a writer's held-out reviews are the honest measure of how the screening
  generalises to a new writer (measured before the rules were changed for that writer's dev
  reviews); and the scorecard for all but the newest writer's held-out reviews, to show what
  later work did to them.

Ethnicity and scorecard figures are printed for dev too, which is where the rules are
developed. `--dev` prints only the dev figures and lists the dev reviews the rules get
wrong, to work on, without reading the held-out set; nothing lists the held-out reviews'
errors, so no one tunes on them.

Then the same signals on the 18 sample reviews against what their authors recorded (the
rules were developed on these, so they are a check, not a measurement), and the speed.

    .venv/bin/python benchmarks/screening.py [--dev]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import yaml  # noqa: E402
from sklearn.metrics import accuracy_score, classification_report, f1_score  # noqa: E402

from review_miner.ethnicity_model import (  # noqa: E402
    EthnicityModel,
    fit,
    model_settings,
    read_paragraphs,
    writer_of,
)
from review_miner.ingest import read_document  # noqa: E402
from review_miner.screen import (  # noqa: E402
    SCORECARD_LABELS,
    LabelledReview,
    ParagraphClassifier,
    child_voice,
    ethnicity_status,
    is_chronology_heavy,
    lcspr_rationale,
    load_settings,
    read_labelled_reviews,
    scorecard,
    screen_document,
    shares,
    train_paragraph_model,
)

LABELLED = ROOT / "benchmarks" / "screening"
NUMBERS = "zero one two three four five six seven eight nine ten eleven twelve".split()
ORDINALS = (
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
).split()


def main() -> None:
    args = parse_args()
    settings = load_settings()
    dev = read_labelled_reviews(LABELLED / "dev.jsonl")
    with tempfile.TemporaryDirectory() as tmp:
        model_path = Path(tmp) / "paragraphs.skops"
        card = train_paragraph_model(dev, model_path)
        trained = ParagraphClassifier(model_path)
    rules = ParagraphClassifier(model_path=None)
    if args.dev:
        print(f"labelled reviews: {len(dev)} dev (the held-out set is not read)")
        print_ethnicity("dev", dev, trained)
        print_scorecard("dev", dev, trained)
        print_dev_errors(dev, trained)
        return
    test = read_labelled_reviews(LABELLED / "test.jsonl")

    truth = [label for r in test for label in r.labels]
    print(f"labelled reviews: {len(dev)} dev (training), {len(test)} held-out test")
    print(f"paragraph model cross-validated on dev: {card['cross_validated']}")
    print()
    print_ethnicity("dev", dev, trained)
    writers = sorted({writer_of(r.id) for r in test}, key=lambda w: int(w[1:]))
    for count in range(2, len(writers)):
        earlier = [r for r in test if writer_of(r.id) in writers[:count]]
        print_ethnicity(f"test, first {NUMBERS[count]} writers", earlier, trained)
    print_ethnicity("test, all", test, trained)
    print()
    for name, reviews in (("dev", dev), ("test", test)):
        print_scorecard(name, reviews, trained)
    print()
    for name, classifier in (("rules", rules), ("model", trained)):
        print_paragraphs(name, test, classifier, settings)
    print()
    # Each later writer's held-out reviews alone: written after the rules were developed on
    # the earlier writers, so the honest figure for a writer the rules had not seen (until
    # that writer's dev reviews were worked on).
    for writer in writers[3:]:
        alone = [r for r in test if writer_of(r.id) == writer]
        ordinal = ORDINALS[int(writer[1:])]
        print(f"{ordinal} writer ({writer}) alone, {len(alone)} held-out reviews:")
        print_ethnicity(f"test, {ordinal} writer", alone, trained)
        print_scorecard(f"test, {ordinal} writer", alone, trained)
        print_paragraphs(f"model, {ordinal} writer", alone, trained, settings)
        print()
    # The earlier writers' held-out reviews, so the effect of later work on them is visible.
    earlier = [r for r in test if writer_of(r.id) != writers[-1]]
    label = f"first {NUMBERS[len(writers) - 1]} writers"
    print(f"{label}, {len(earlier)} held-out reviews:")
    print_scorecard(f"test, {label}", earlier, trained)
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


def print_paragraphs(name: str, reviews: list[LabelledReview], classifier, settings) -> None:
    """Paragraph accuracy and macro-F1, chronology share error and flag agreement."""
    truth = [label for r in reviews for label in r.labels]
    predicted = [c for r in reviews for c in classifier.classify(r.passages)]
    print(
        f"paragraph classes, {name}: accuracy {accuracy_score(truth, predicted):.3f}, "
        f"macro-F1 {f1_score(truth, predicted, average='macro'):.3f}"
    )
    errors, flags = [], []
    for review in reviews:
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


def print_ethnicity(
    split: str, reviews: list[LabelledReview], classifier: ParagraphClassifier
) -> None:
    """Ethnicity status accuracy: the rules alone, with the paragraph classes, and shipped.

    Shipped is the rules with the paragraph model's classes (a judging paragraph it classes
    as analysis or recommendation may weigh ethnicity under any heading) and the ethnicity
    paragraph model, as `screen_document` runs them.
    """
    classes = [classes_of(r, classifier) for r in reviews]
    model = ethnicity_model()
    runs = {
        "": {},
        "  with the paragraph classes": {"classes": None},
    }
    if model is not None:
        runs[
            f"  with the paragraph classes and the ethnicity model "
            f"({model.settings.statement_threshold} / {model.settings.analysis_threshold}; shipped)"
        ] = {"classes": None, "model": model}
    for name, options in runs.items():
        hits = [
            ethnicity_status(
                r.passages,
                model=options.get("model"),
                classes=c if "classes" in options else None,
            ).status
            == r.ethnicity
            for r, c in zip(reviews, classes, strict=True)
        ]
        figure = f"{np.mean(hits):.3f} ({sum(hits)}/{len(reviews)})"
        print(f"{name}: {figure}" if name else f"ethnicity status accuracy ({split}): {figure}")


def classes_of(review: LabelledReview, classifier: ParagraphClassifier) -> dict[str, str]:
    """The classifier's class of each of the review's paragraphs, by passage id."""
    return dict(
        zip(
            (p.passage_id for p in review.passages),
            classifier.classify(review.passages),
            strict=True,
        )
    )


@cache
def ethnicity_model() -> EthnicityModel | None:
    """The ethnicity paragraph model trained on dev, at the thresholds in config/screening.yaml.

    Trained here rather than loaded from models/, so the figures follow the dev labels; on
    dev itself it has seen every review, so its dev figures are not a measurement (see
    benchmarks/ethnicity_model.py for leave-one-writer-out).
    """
    chosen = model_settings(load_settings())
    if not chosen.active:
        return None
    return EthnicityModel(fit(read_paragraphs(LABELLED / "dev.jsonl")), chosen)


def predicted_scorecard(review: LabelledReview, classifier: ParagraphClassifier) -> dict:
    classes = classes_of(review, classifier)
    card = scorecard(review.passages, review.kind, classes)
    return {name: card[name].value for name in SCORECARD_LABELS}


def print_scorecard(split: str, reviews: list[LabelledReview], classifier) -> None:
    """Per component: exact agreement with the hand labels (counts: also the mean error)."""
    labelled = [r for r in reviews if r.scorecard]
    predicted = [predicted_scorecard(r, classifier) for r in labelled]
    print(f"scorecard components ({split}, {len(labelled)} labelled reviews):")
    for name in SCORECARD_LABELS:
        pairs = [
            (r.scorecard[name], p[name])
            for r, p in zip(labelled, predicted, strict=True)
            if not (name == "lcspr_rationale" and r.kind != "rapid_review")
        ]
        hits = sum(truth == guess for truth, guess in pairs)
        line = f"  {name}: {hits / len(pairs):.3f} ({hits}/{len(pairs)})"
        if name in ("recommendations", "specific_recommendations"):
            error = np.mean([abs(int(truth) - int(guess)) for truth, guess in pairs])
            line += f", mean absolute error {error:.2f}"
        print(line)


def print_dev_errors(dev: list[LabelledReview], classifier) -> None:
    """The dev reviews the rules get wrong (dev only: the held-out set is never listed).

    Ethnicity with the paragraph classes, as shipped, without the ethnicity model."""
    print("dev errors:")
    for review in dev:
        finding = ethnicity_status(review.passages, classes=classes_of(review, classifier))
        if finding.status != review.ethnicity:
            print(f"  {review.id} ethnicity: labelled {review.ethnicity}, got {finding.status}")
            print(f"    statements {finding.statements}, analyses {finding.analyses}")
        if review.scorecard:
            guess = predicted_scorecard(review, classifier)
            for name in SCORECARD_LABELS:
                if guess[name] != review.scorecard[name] and not (
                    name == "lcspr_rationale" and review.kind != "rapid_review"
                ):
                    print(
                        f"  {review.id} {name}: labelled {review.scorecard[name]}, got {guess[name]}"
                    )


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--dev",
        action="store_true",
        help="the development reviews only: their figures and errors (the held-out set is not read)",
    )
    return parser.parse_args()


if __name__ == "__main__":
    main()
