"""Split the gold passages into a development set and a held-out test set, once, by id.

A passage goes to the test set when the SHA-1 of its id, read as a number, is divisible by
3: about a third, fixed before anything was tuned and independent of the text, so no one
chooses which passages are held out. Training, threshold fitting and any tuning use
dev.jsonl only; test.jsonl is read by benchmarks/tagging.py to report figures.

    .venv/bin/python benchmarks/gold_split.py
"""

from __future__ import annotations

import hashlib
from pathlib import Path

GOLD = Path(__file__).resolve().parent / "gold"


def is_test(passage_id: str) -> bool:
    return int(hashlib.sha1(passage_id.encode()).hexdigest(), 16) % 3 == 0


def main() -> None:
    import json

    dev, test = [], []
    for source in sorted(GOLD.glob("passages_*.jsonl")):
        for line in source.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                (test if is_test(record["id"]) else dev).append(line)
    (GOLD / "dev.jsonl").write_text("\n".join(dev) + "\n", encoding="utf-8")
    (GOLD / "test.jsonl").write_text("\n".join(test) + "\n", encoding="utf-8")
    print(f"dev: {len(dev)} passages, test: {len(test)} passages")


if __name__ == "__main__":
    main()
