"""Wall-clock of `screen_store` in one process and in worker processes, on two stores.

Builds a store of corpora/sample/ (18 reviews) and one of --reviews generated reviews (the
generator of benchmarks/pipeline.py: each a fictional source with the sections of two others
appended), then screens a fresh copy of each store, in a new process each time (so loading
the models counts, as in a run), with each number of --workers in turn, --repeat times
(A B A B), and prints the seconds of each pass and their median. Nothing else should run.

    .venv/bin/python benchmarks/screen_workers.py [--reviews 50] [--workers 1 2] [--repeat 2]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "scripts"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def build(store_path: Path, inputs: list[Path]) -> int:
    """Ingest `inputs` into a new store; return the number of reviews."""
    from review_miner.ingest import discover, ingest
    from review_miner.store import Store

    with Store(store_path) as store:
        ingest(discover(inputs), store, workers=2)
        return len(list(store.documents(with_text=False)))


def child(store_path: Path, workers: int) -> None:
    """Screen the store from cold and print the wall-clock seconds as JSON."""
    from review_miner.screen import screen_store
    from review_miner.store import Store

    with Store(store_path) as store:
        started = time.perf_counter()
        table = screen_store(store, workers=workers)
        seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "reviews": len(table)}))


def timed(store_path: Path, workers: int, scratch: Path) -> float:
    copy = scratch / "copy.db"
    shutil.copy(store_path, copy)
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(copy), str(workers)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    copy.unlink()
    return json.loads(out.strip().splitlines()[-1])["seconds"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reviews", type=int, default=50, help="generated reviews")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--corpus", type=Path, help="folder to keep the generated PDFs in")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), int(args.child[1]))
        return

    from pipeline import generate

    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        corpus = args.corpus or scratch / "generated"
        corpus.mkdir(parents=True, exist_ok=True)
        generate(corpus, args.reviews)
        stores = {}
        for name, inputs in (
            ("sample", [ROOT / "corpora" / "sample"]),
            ("generated", [corpus]),
        ):
            path = scratch / f"{name}.db"
            stores[name] = (path, build(path, inputs))
        for name, (path, reviews) in stores.items():
            seconds: dict[int, list[float]] = {w: [] for w in args.workers}
            for _ in range(args.repeat):
                for workers in args.workers:
                    seconds[workers].append(timed(path, workers, scratch))
            for workers, passes in seconds.items():
                print(
                    f"{name}: {reviews} reviews, workers {workers}: median "
                    f"{statistics.median(passes):.1f} s wall-clock of {args.repeat} "
                    f"({', '.join(f'{s:.1f}' for s in passes)})"
                )


if __name__ == "__main__":
    main()
