"""Speed of the screen stage alone: the labelled reviews and the sample, in CPU seconds.

Screens every review of benchmarks/screening/reviews_s*.jsonl (paragraph classes by the
shipped model, ethnicity status, scorecard) and every review of a store built from
corpora/sample/ (`screen_document`, as `screen_store` does, without saving), and prints
reviews and paragraphs per CPU second of this process. The passages are read and the
models and word lists loaded before the clock starts; the per-text caches are emptied
before each pass, so every pass screens from cold as a run does. The median of `--repeat`
passes is printed. The machine is shared: compare code by running this for each, in turn
(A B A B, e.g. with PYTHONPATH pointing at a checkout of the other), and compare medians.

    .venv/bin/python benchmarks/screen_speed.py [--repeat 3] [--store STORE.db]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
if "PYTHONPATH" not in os.environ:
    sys.path.insert(0, str(ROOT))


def clear_text_caches() -> None:
    """Empty screening's per-text caches (bounded `lru_cache`s); loaders stay loaded."""
    import importlib
    import pkgutil

    from review_miner import screen

    # Each module of the screen package keeps its own caches.
    for module in pkgutil.iter_modules(screen.__path__, f"{screen.__name__}."):
        for value in vars(importlib.import_module(module.name)).values():
            info = getattr(value, "cache_info", None)
            if info is not None and info().maxsize is not None:
                value.cache_clear()


def labelled_reviews() -> list:
    from review_miner.screen import read_labelled_reviews

    folder = ROOT / "benchmarks" / "screening"
    return [
        r for path in sorted(folder.glob("reviews_s*.jsonl")) for r in read_labelled_reviews(path)
    ]


def screen_labelled(reviews: list, classifier: object, settings: dict) -> None:
    from review_miner.screen import ethnicity_status, scorecard

    for review in reviews:
        classes = classifier.classify(review.passages)
        by_id = {p.passage_id: c for p, c in zip(review.passages, classes, strict=True)}
        ethnicity_status(review.passages, settings)
        scorecard(review.passages, review.kind, by_id)


def screen_sample(documents: list, classifier: object, settings: dict) -> None:
    from review_miner.screen import screen_document

    for document, passages in documents:
        screen_document(document, passages, classifier, settings)


def sample_documents(store_path: Path | None) -> list:
    from review_miner.ingest import ingest
    from review_miner.store import Store

    with tempfile.TemporaryDirectory() as folder:
        if store_path is None:
            store_path = Path(folder) / "sample.db"
            with Store(store_path) as store:
                ingest([ROOT / "corpora" / "sample"], store)
        with Store(store_path) as store:
            return [(d, store.passages(d.doc_id)) for d in store.documents(with_text=False)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="passes over each set")
    parser.add_argument("--store", type=Path, help="default: a store built from corpora/sample")
    args = parser.parse_args()

    import review_miner
    from review_miner.screen import BODY, ParagraphClassifier, load_settings

    settings = load_settings()
    classifier = ParagraphClassifier()
    reviews = labelled_reviews()
    documents = sample_documents(args.store)
    sets = {
        "labelled reviews": (
            screen_labelled,
            reviews,
            sum(len(r.passages) for r in reviews),
        ),
        "sample": (
            screen_sample,
            documents,
            sum(p.kind in BODY for _, ps in documents for p in ps),
        ),
    }
    # Loads spaCy, the parser, the word lists and the matchers outside the clock.
    screen_labelled(reviews[:3], classifier, settings)
    screen_sample(documents[:1], classifier, settings)
    print(f"code: {Path(review_miner.__file__).parent.parent}")
    for name, (run, data, paragraphs) in sets.items():
        seconds = []
        for _ in range(args.repeat):
            clear_text_caches()
            started = time.process_time()
            run(data, classifier, settings)
            seconds.append(time.process_time() - started)
        cpu = statistics.median(seconds)
        print(
            f"{name}: {len(data)} reviews, {paragraphs} paragraphs: median CPU {cpu:.2f} s "
            f"of {args.repeat} ({', '.join(f'{s:.2f}' for s in seconds)}) = "
            f"{len(data) / cpu:.1f} reviews/s, {paragraphs / cpu:.0f} paragraphs/s"
        )


if __name__ == "__main__":
    main()
