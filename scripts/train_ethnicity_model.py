"""Rebuild models/ethnicity.skops from the development half of the labelled screening reviews.

Trains the paragraph model of ethnicity (none / statement / analysis) on every paragraph of
benchmarks/screening/dev.jsonl and writes its card, with leave-one-writer-out paragraph
figures at the thresholds in config/screening.yaml. The held-out test.jsonl is not read.

    .venv/bin/python scripts/train_ethnicity_model.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from review_miner.ethnicity_model import (  # noqa: E402
    ETHNICITY_MODEL,
    ModelSettings,
    model_settings,
    read_paragraphs,
    train_ethnicity_model,
)
from review_miner.screen import load_settings  # noqa: E402

DEV = ROOT / "benchmarks" / "screening" / "dev.jsonl"


def main() -> None:
    chosen = model_settings(load_settings())
    if not chosen.active:  # the card still reports figures: at 0.5, not at "never"
        chosen = ModelSettings(True, 0.5, 0.5)
    paragraphs = read_paragraphs(DEV)
    card = train_ethnicity_model(
        paragraphs, ETHNICITY_MODEL, source="benchmarks/screening/dev.jsonl", settings=chosen
    )
    data, figures = card["training_data"], card["leave_one_writer_out"]
    print(
        f"trained on {data['reviews']} reviews, {data['paragraphs']} paragraphs "
        f"({data['labels']}); leave-one-writer-out: states {figures['states']}, "
        f"weighs {figures['weighs']}"
    )


if __name__ == "__main__":
    main()
