"""Split the labelled sets into a development set and a held-out test set, once, by id.

A record goes to the test set when the SHA-1 of its id, read as a number, is divisible by 3:
about a third, fixed before anything was tuned and independent of the text, so no one
chooses what is held out. Training, threshold fitting and any tuning use dev.jsonl only;
test.jsonl is read only by the benchmark scripts, to report figures.

- benchmarks/gold/passages_*.jsonl (coded passages) -> benchmarks/gold/{dev,test}.jsonl
- benchmarks/screening/reviews_*.jsonl (labelled reviews, split whole) ->
  benchmarks/screening/{dev,test}.jsonl

    .venv/bin/python benchmarks/gold_split.py
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
SETS = ((HERE / "gold", "passages_*.jsonl"), (HERE / "screening", "reviews_*.jsonl"))


def is_test(record_id: str) -> bool:
    return int(hashlib.sha1(record_id.encode()).hexdigest(), 16) % 3 == 0


def main() -> None:
    for folder, pattern in SETS:
        dev, test = [], []
        for source in sorted(folder.glob(pattern)):
            for line in source.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    (test if is_test(json.loads(line)["id"]) else dev).append(line)
        if not dev and not test:
            continue
        (folder / "dev.jsonl").write_text("\n".join(dev) + "\n", encoding="utf-8")
        (folder / "test.jsonl").write_text("\n".join(test) + "\n", encoding="utf-8")
        print(f"{folder.name}: dev {len(dev)}, test {len(test)}")


if __name__ == "__main__":
    argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    ).parse_args()
    main()
