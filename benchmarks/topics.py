"""Emerging topics on the sample corpus: what is found, how long it takes, a re-run.

Ingests corpora/sample/ into a fresh store, codes it with the shipped models, then finds
topics among the passages no code covers, runs again (the stored topics are reused), and
finds topics among all passages. Prints each topic (size, label, nearest code) and the
seconds per step; peak resident memory at the end.

    .venv/bin/python benchmarks/topics.py [--seed 42]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from review_miner.ingest import discover, ingest  # noqa: E402
from review_miner.store import Store  # noqa: E402
from review_miner.tag import load_setup, tag_store  # noqa: E402
from review_miner.topics import find_topics  # noqa: E402


def show(title: str, summary, seconds: float) -> None:
    print(f"\n{title}: {seconds:.1f} s; reused: {summary.reused}")
    print(f"  {summary.note}")
    for topic in summary.topics:
        print(
            f"  {topic.topic:>3} {topic.size:>4}  {topic.label:<45} "
            f"{topic.nearest_code} {topic.nearest_similarity:.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "topics.db") as store:
        ingest(discover([ROOT / "corpora" / "sample"]), store, workers=1)
        setup = load_setup()
        started = time.perf_counter()
        tag_store(store, setup)
        print(f"coded the sample in {time.perf_counter() - started:.1f} s")
        for title, include_coded in (
            ("uncovered passages", False),
            ("uncovered passages, again", False),
            ("all passages", True),
        ):
            started = time.perf_counter()
            summary = find_topics(
                store,
                setup.encoder,
                setup.codebook,
                include_coded=include_coded,
                seed=args.seed,
                similarity=setup.similarity,
            )
            show(title, summary, time.perf_counter() - started)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak resident memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
