"""Speed of the tag stage alone: `tag_store` on the first documents of an existing store.

Copies the store (it is never written to), keeps its first --documents current documents
(by id; the others are marked superseded, so tagging skips them), deletes every tag and
cached embedding, and times `tag_store` from a loaded set-up: passages per second, counting
the passages that are embedded and coded (paragraphs and bullets), by the clock and per CPU
second (this process and its workers; on a busy machine the clock says little). Run it on the code to
compare (e.g. with PYTHONPATH pointing at a checkout of another branch) back to back, as
other work on the machine changes the figures from one minute to the next.

    .venv/bin/python benchmarks/tag_speed.py STORE.db --documents 20 --workers 2
    .venv/bin/python benchmarks/tag_speed.py STORE.db --rules 984 --passes 2
"""

from __future__ import annotations

import argparse
import inspect
import os
import resource
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def prepare(source: Path, documents: int, folder: Path) -> Path:
    """A copy of the store with its first `documents` current documents, untagged."""
    path = folder / "tag_speed.db"
    shutil.copy(source, path)
    db = sqlite3.connect(path)
    with db:
        keep = [
            row[0]
            for row in db.execute(
                "SELECT doc_id FROM documents WHERE status = 'ingested' "
                "AND superseded_by IS NULL ORDER BY doc_id LIMIT ?",
                (documents,),
            )
        ]
        marks = ",".join("?" * len(keep))
        db.execute(
            f"UPDATE documents SET superseded_by = 'tag_speed' WHERE doc_id NOT IN ({marks})",
            keep,
        )
        for table in ("tags", "tagged", "embeddings"):
            db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
    db.close()
    return path


def _cpu() -> float:
    """CPU seconds used by this process and its finished child processes (the workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def rules_only(source: Path, count: int, passes: int = 1) -> None:
    """Time `RulesTagger.analyse` on the store's first paragraphs and bullets.

    Each pass is timed: a second pass shows the tagger once it has seen the words (as in a
    long run), the first one from cold.
    """
    from review_miner.codebook import load_codebook
    from review_miner.store import Store
    from review_miner.tag import TAGGABLE
    from review_miner.tagging import Item, load_config
    from review_miner.tagging.rules import RulesTagger

    with Store(source) as store:  # reads only
        passages = [p for p in store.passages() if p.kind in TAGGABLE][:count]
    items = [Item(p.passage_id, p.text) for p in passages]
    rules = RulesTagger(load_codebook(), load_config())
    rules.analyse(items[:20])  # spaCy's first call sets up caches
    for number in range(1, passes + 1):
        started, cpu = time.perf_counter(), _cpu()
        rules.analyse(items)
        seconds, cpu = time.perf_counter() - started, _cpu() - cpu
        print(
            f"rules tagger, pass {number}, {len(items)} paragraphs: {seconds:.2f} s = "
            f"{len(items) / seconds:.0f}/s; CPU {cpu:.2f} s = {len(items) / cpu:.0f} per CPU second"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--documents", type=int, default=20)
    parser.add_argument("--workers", type=int, default=None, help="default: tag_store's")
    parser.add_argument(
        "--rules",
        type=int,
        default=0,
        help="instead, time the rules tagger alone on this many paragraphs of the store",
    )
    parser.add_argument("--passes", type=int, default=1, help="with --rules: passes to time")
    args = parser.parse_args()
    if args.rules:
        rules_only(args.store, args.rules, args.passes)
        return

    import review_miner
    from review_miner.store import Store
    from review_miner.tag import TAGGABLE, load_setup, tag_store

    with tempfile.TemporaryDirectory() as folder:
        path = prepare(args.store, args.documents, Path(folder))
        with Store(path) as store:
            taggable = sum(p.kind in TAGGABLE for p in store.passages())
            started = time.perf_counter()
            setup = load_setup()
            loaded = time.perf_counter() - started
            options = {}
            if "workers" in inspect.signature(tag_store).parameters:
                options["workers"] = args.workers
            started, cpu = time.perf_counter(), _cpu()
            summary = tag_store(store, setup, **options)
            seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    print(f"code: {Path(review_miner.__file__).parent.parent}; workers: {options or 'n/a'}")
    print(
        f"{args.documents} documents, {summary.tagged} passages, {taggable} taggable: "
        f"set-up {loaded:.1f} s, tag_store {seconds:.1f} s = {taggable / seconds:.1f} "
        f"taggable passages/s; CPU {cpu:.1f} s (this process and its workers) = "
        f"{taggable / cpu:.1f} passages per CPU second"
    )


if __name__ == "__main__":
    main()
