"""Time the REFI-QDA export and import and the agreement on a tagged store, and check the
round trip: the export, imported as a coder, agrees perfectly with the machine.

Usage: .venv/bin/python benchmarks/interop.py STORE   (a store tagged by `review-miner run`;
a copy is used, the store itself is not changed)
"""

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from review_miner.codebook import load_codebook
from review_miner.interop.agreement import agreement
from review_miner.interop.qdpx import export_project
from review_miner.interop.qdpx_import import import_project
from review_miner.interop.suggest import suggest
from review_miner.store import Store
from review_miner.tag import load_setup


def main(store_path: str) -> None:
    book = load_codebook()
    setup = load_setup()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        copy = folder / "store.db"
        shutil.copy(store_path, copy)
        with Store(copy) as store:
            timings = {}
            start = time.perf_counter()
            queue = suggest(store, setup, n=50)
            timings["suggest 50 (embeddings cached)"] = time.perf_counter() - start
            start = time.perf_counter()
            summary = export_project(store, book, folder / "a.qdpx")
            timings["export (validated and audited)"] = time.perf_counter() - start
            export_project(store, book, folder / "b.qdpx")
            identical = (folder / "a.qdpx").read_bytes() == (folder / "b.qdpx").read_bytes()
            start = time.perf_counter()
            imported = import_project(store, book, folder / "a.qdpx", "X")
            timings["import"] = time.perf_counter() - start
            start = time.perf_counter()
            table = agreement(store, ["X", "review_miner"])
            timings["agreement (both levels)"] = time.perf_counter() - start
        size = (folder / "a.qdpx").stat().st_size
    print(f"{summary.sources} reviews, {summary.codings} coded selections, {size / 1e6:.2f} MB; "
          f"second export byte-identical: {identical}")
    print(f"imported: {len(imported.codings)} codings on {imported.passages_coded} passages, "
          f"{len(imported.unmapped)} not mapped")
    print(f"suggest: margins {queue['margin'].min():.4f} to {queue['margin'].max():.4f}; "
          f"codes nearest their threshold: {queue['code'].value_counts().head(3).to_dict()}")
    for name, seconds in timings.items():
        print(f"{name}: {seconds:.2f} s")
    pooled = table[table["code"] == "(all codes)"]
    print(pooled.drop(columns=["positives"]).to_string(index=False))
    print(f"codes compared: {len(table) // 2 - 1}; every row agreement 1.0: "
          f"{bool((table['agreement'] == 1.0).all())}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("store", help="a store tagged by review-miner run (a copy is used)")
    main(parser.parse_args().store)
