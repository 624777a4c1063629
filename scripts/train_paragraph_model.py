"""Rebuild models/paragraphs.skops from the development half of the labelled screening reviews.

.venv/bin/python scripts/train_paragraph_model.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from review_miner.screen import PARAGRAPH_MODEL, read_labelled_reviews, train_paragraph_model  # noqa: E402

DEV = ROOT / "benchmarks" / "screening" / "dev.jsonl"


def main() -> None:
    reviews = read_labelled_reviews(DEV)
    card = train_paragraph_model(reviews, PARAGRAPH_MODEL, source="benchmarks/screening/dev.jsonl")
    figures = card["cross_validated"]
    print(
        f"trained on {len(reviews)} reviews, {card['training_data']['paragraphs']} paragraphs: "
        f"cross-validated accuracy {figures['accuracy']}, macro-F1 {figures['macro_f1']}"
    )


if __name__ == "__main__":
    main()
