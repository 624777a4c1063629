"""Ingestion speed against plain text extraction, on the same PDFs, in one run.

Builds a corpus of at least --pages pages by copying the sample PDFs (each copy gets
distinct bytes, so none is skipped as a duplicate), unless --corpus names a folder. Then
it times, with the same number of worker processes:

- plain pdfplumber `page.extract_text()` on every page;
- plain pypdfium2 `textpage.get_text_range()` on every page;
- review_miner ingestion (read, clean, segment, sentences, metadata, store) into a new store,
  once with each PDF engine (pypdfium2, the default, and pdfplumber);
- the same ingestion again, when nothing is new.

It prints pages/s for each, review_miner's ratio to pdfplumber, and peak memory (resident
set size) of the main process and of the largest worker.

    .venv/bin/python benchmarks/ingest.py --pages 600 --workers 2
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from review_miner.ingest import ingest  # noqa: E402
from review_miner.readers import PDF_ENGINES  # noqa: E402
from review_miner.store import Store  # noqa: E402


def build_corpus(folder: Path, pages_wanted: int) -> list[Path]:
    import pypdfium2

    originals = sorted((ROOT / "corpora" / "sample").glob("*.pdf"))
    files: list[Path] = []
    pages = 0
    copy = 0
    while pages < pages_wanted:
        for original in originals:
            target = folder / f"{original.stem}_{copy:04d}.pdf"
            # Bytes after %%EOF are ignored by readers but change the content hash.
            target.write_bytes(original.read_bytes() + f"% benchmark copy {copy}\n".encode())
            files.append(target)
            pages += len(pypdfium2.PdfDocument(target))
            if pages >= pages_wanted:
                break
        copy += 1
    return files


def pdfplumber_pages(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
        return len(pdf.pages)


def pypdfium2_pages(path: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    for page in document:
        page.get_textpage().get_text_range()
    return len(document)


def timed(function, files: list[Path], workers: int) -> tuple[float, int]:
    start = time.perf_counter()
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            pages = sum(pool.map(function, files))
    else:
        pages = sum(map(function, files))
    return time.perf_counter() - start, pages


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="a folder of PDFs (default: build one)")
    parser.add_argument("--pages", type=int, default=600, help="pages to build (default 600)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        if args.corpus:
            files = sorted(args.corpus.rglob("*.pdf"))
        else:
            corpus = tmp_path / "corpus"
            corpus.mkdir()
            files = build_corpus(corpus, args.pages)

        rows = []
        seconds, pages = timed(pdfplumber_pages, files, args.workers)
        rows.append(("pdfplumber extract_text", seconds, pages))
        seconds, pages = timed(pypdfium2_pages, files, args.workers)
        rows.append(("pypdfium2 get_text_range", seconds, pages))

        for engine in PDF_ENGINES:
            with Store(tmp_path / f"{engine}.db") as store:
                start = time.perf_counter()
                summary = ingest(files, store, workers=args.workers, pdf_engine=engine)
                seconds = time.perf_counter() - start
                assert len(summary.ingested) == len(files), summary.failed
                stored_pages = store.db.execute("SELECT sum(n_pages) FROM documents").fetchone()[0]
                rows.append((f"review_miner ingest ({engine})", seconds, stored_pages))
                if engine == PDF_ENGINES[0]:
                    start = time.perf_counter()
                    again = ingest(files, store, workers=args.workers)
                    rerun_seconds = time.perf_counter() - start
                    assert not again.ingested
                    passages = store.db.execute("SELECT count(*) FROM passages").fetchone()[0]
        store_mb = (tmp_path / f"{PDF_ENGINES[0]}.db").stat().st_size / 1e6

    print(f"corpus: {len(files)} PDFs, {stored_pages} pages, {passages} passages")
    print(f"workers: {args.workers}")
    print(f"{'method':<40}{'seconds':>9}{'pages/s':>10}")
    for name, seconds, pages in rows:
        print(f"{name:<40}{seconds:>9.2f}{pages / seconds:>10.1f}")
    plumber_rate = rows[0][2] / rows[0][1]
    ours_rate = rows[2][2] / rows[2][1]
    print(f"review_miner (default engine) / plain pdfplumber: {ours_rate / plumber_rate:.2f}x")
    print(f"re-run with nothing new: {rerun_seconds:.2f} s")
    main_mb, worker_mb = peak_mb(resource.RUSAGE_SELF), peak_mb(resource.RUSAGE_CHILDREN)
    print(f"peak memory: main {main_mb:.0f} MB, largest worker {worker_mb:.0f} MB")
    print(f"store: {store_mb:.1f} MB")


if __name__ == "__main__":
    main()
