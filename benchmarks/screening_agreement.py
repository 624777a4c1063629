"""How far a second labeller agrees with the held-out screening labels, and the screen with both.

The held-out reviews (benchmarks/screening/test.jsonl) were labelled by the writers who
wrote them. A second labeller (benchmarks/screening/second_labels.jsonl; who, how and when
in benchmarks/screening/README.md) labelled the same reviews again from the text and the
written labelling rules alone, without seeing the first labels or the screen's output. This
prints, per signal (ethnicity status and each scorecard component), over the reviews both
labelled:

- the second labeller against the first labels: the agreement careful labellers reach, the
  ceiling against which the screen's accuracy should be read;
- the screen against the first labels (the figure benchmarks/screening.py reports) and
  against the second labeller;
- the screen on the reviews where the two labellers agree.

Accuracy for all; Cohen's kappa (scikit-learn) for the categorical signals; for the counts of
recommendations, exact agreement and the mean absolute difference. Like benchmarks/screening.py
it trains the paragraph and ethnicity paragraph models on dev and never lists a held-out
review: only totals are printed, so nothing is tuned on them.

    .venv/bin/python benchmarks/screening_agreement.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from sklearn.metrics import cohen_kappa_score  # noqa: E402

from benchmarks.screening import ethnicity_model, predicted_scorecard  # noqa: E402
from review_miner.screen import (  # noqa: E402
    SCORECARD_LABELS,
    ParagraphClassifier,
    as_flag_value,
    ethnicity_status,
    read_labelled_reviews,
    train_paragraph_model,
)

LABELLED = ROOT / "benchmarks" / "screening"
COUNTS = ("recommendations", "specific_recommendations")


def read_second(path: Path) -> dict[str, dict[str, str]]:
    """The second labeller's labels by review id, spelt as the screen's flags are."""
    labels = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            labels[record["id"]] = {
                name: as_flag_value(record[name]) for name in ("ethnicity", *SCORECARD_LABELS)
            }
    return labels


def compare(name: str, first: list[str], second: list[str], screen: list[str]) -> None:
    """Print one signal's agreement line for the three pairs and the consensus subset."""
    first, second, screen = (np.array(values) for values in (first, second, screen))

    def agreement(a: np.ndarray, b: np.ndarray) -> str:
        hits = int((a == b).sum())
        text = f"{hits}/{len(a)} ({hits / len(a):.3f}"
        if name in COUNTS:
            text += f", mean difference {np.abs(a.astype(int) - b.astype(int)).mean():.2f})"
        else:
            kappa = cohen_kappa_score(a, b) if len(set(a) | set(b)) > 1 else float("nan")
            text += f", kappa {kappa:.2f})"
        return text

    agreed = first == second
    print(f"{name} ({len(first)} reviews)")
    print(f"  second labeller vs first labels: {agreement(second, first)}")
    print(f"  screen vs first labels:          {agreement(screen, first)}")
    print(f"  screen vs second labeller:       {agreement(screen, second)}")
    if agreed.any():
        print(f"  screen where the two agree:      {agreement(screen[agreed], first[agreed])}")


def main() -> None:
    import argparse

    argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    ).parse_args()
    second = read_second(LABELLED / "second_labels.jsonl")
    test = [r for r in read_labelled_reviews(LABELLED / "test.jsonl") if r.id in second]
    dev = read_labelled_reviews(LABELLED / "dev.jsonl")
    with tempfile.TemporaryDirectory() as tmp:
        model_path = Path(tmp) / "paragraphs.skops"
        train_paragraph_model(dev, model_path)
        classifier = ParagraphClassifier(model_path)
    model = ethnicity_model()
    print(
        f"{len(test)} held-out reviews labelled twice ({len(second)} in the second labelling); "
        f"models trained on {len(dev)} dev reviews"
    )
    compare(
        "ethnicity",
        [r.ethnicity for r in test],
        [second[r.id]["ethnicity"] for r in test],
        [ethnicity_status(r.passages, model=model).status for r in test],
    )
    screened = {r.id: predicted_scorecard(r, classifier) for r in test}
    for name in SCORECARD_LABELS:
        reviews = [
            r
            for r in test
            if r.scorecard and not (name == "lcspr_rationale" and r.kind != "rapid_review")
        ]
        compare(
            name,
            [r.scorecard[name] for r in reviews],
            [second[r.id][name] for r in reviews],
            [screened[r.id][name] for r in reviews],
        )


if __name__ == "__main__":
    main()
