"""Speed of the fine-tuned MiniLM's forward pass beside the shipped tagging, back to back.

Codes the first --passages dev passages with the shipped set-up (`tag_items`: rules,
similarity, supervised, mentions, sentences, decision), then reads them with a fine-tuned
model's forward pass (`ClauseModel.predict_proba`: the frozen lower layers and the top
layers and head; the weights of an untrained head cost the same), twice each, in passages
per second. Dev passages only. The speed does not depend on what the model learned, so no
training is needed; it does depend on what else runs on the machine, hence back to back.

    .venv/bin/python benchmarks/finetune_speed.py [--passages 300] [--top-layers 2]
        [--threads 1]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from review_miner.tag import load_setup, tag_items  # noqa: E402
from review_miner.tagging import Item  # noqa: E402
from review_miner.tagging.finetuned import (  # noqa: E402
    Base,
    ClauseModel,
    FinetuneSettings,
    _make_top,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=300)
    parser.add_argument("--top-layers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    lines = (ROOT / "benchmarks/gold/dev.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()][: args.passages]
    items = [Item(row["id"], row["text"]) for row in rows]
    setup = load_setup()
    tag_items(items[:5], setup)  # load every model before timing
    Base.get()
    settings = FinetuneSettings(top_layers=args.top_layers, threads=args.threads)
    codes = setup.codebook.ids
    for _ in range(2):
        started = time.perf_counter()
        tag_items(items, setup)
        print(f"shipped tagging: {len(items) / (time.perf_counter() - started):.0f} passages/s")
        model = ClauseModel(
            codes, settings, learned=np.ones(len(codes), bool), top=_make_top(len(codes), settings)
        )
        model.top.eval()
        started = time.perf_counter()
        model.predict_proba([item.text for item in items])
        speed = len(items) / (time.perf_counter() - started)
        print(f"fine-tuned forward ({args.threads} thread(s)): {speed:.0f} passages/s", flush=True)


if __name__ == "__main__":
    main()
