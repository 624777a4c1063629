"""End-to-end speed and memory of `review-miner run`, on a generated corpus of many reviews.

Generates --reviews PDF reviews (default 200) from the fictional sources in corpora/sources/:
each generated review takes one source as its body and adds, as an appendix, the sections of
two others, with a new child pseudonym, partnership and dates, so reviews run to about 18
pages and every passage is embedded and coded afresh (nothing is shared between documents).
Then, in one run of this script:

1. `run_pipeline` on a quarter of the corpus, then on all of it, each in a fresh process
   and a new store: seconds per stage, pages/s end to end, and peak memory (resident set
   size of the process and, separately, of the largest ingestion worker): memory should
   not grow with the corpus beyond what the store holds;
2. the same run over the whole corpus again, with nothing new (the re-run), as a user
   would start it, in a new process (so the time includes Python's start-up and imports);
3. plain pdfplumber `page.extract_text()` over every --plumber-every'th file (default 4)
   with the same workers, as pages/s, and review_miner's end-to-end ratio to it.

    .venv/bin/python benchmarks/pipeline.py --reviews 200 --workers 2
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

PARTNERSHIPS = (
    "Aldermoor", "Bexley Vale", "Carrow", "Dunholme", "Elmridge", "Fenwick", "Greyhaven",
    "Harrowfield", "Ivybridge Moor", "Juniper Coast", "Kelsford", "Lowmarsh",
)  # fmt: skip
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def rewrite(text: str, child: str, partnership: str, new_child: str, new_partnership: str, years: int) -> str:
    """The text with another child's pseudonym and partnership, and every year moved."""
    text = text.replace(child, new_child).replace(partnership, new_partnership)
    return re.sub(r"\b(20[12]\d)\b", lambda m: str(int(m[1]) + years), text)


def generate(folder: Path, reviews: int, seed: int = 7) -> list[Path]:
    """Write `reviews` PDFs into folder; return their paths (cached: same seed, same files)."""
    from render_sample import Block, find_sources, parse_source, render_pdf

    sources = [parse_source(p) for p in find_sources(ROOT / "corpora" / "sources")]
    sources = [s for s in sources if s.output.endswith(".pdf") or s.output.endswith(".docx")]
    rng = random.Random(seed)
    paths = []
    for n in range(reviews):
        base = sources[n % len(sources)]
        others = rng.sample([s for s in sources if s is not base], 2)
        letter = f"{chr(ord('A') + n % 26)}{n // 26 + 1}"
        partnership = f"{PARTNERSHIPS[n % len(PARTNERSHIPS)]} Safeguarding Children Partnership"
        year = 2019 + n % 5
        old_child = str(base.truth.get("child", "Child A"))

        new = (f"Child {letter}", partnership, year - 2022)
        blocks = [Block(b.kind, rewrite(b.text, old_child, base.partnership, *new)) for b in base.blocks]
        for other in others:
            child = str(other.truth.get("child", ""))
            blocks.append(Block("pagebreak"))
            blocks.append(Block("heading", f"Appendix: learning from a related review ({child})"))
            blocks += [
                Block(b.kind, rewrite(b.text, child, base.partnership, *new))
                for b in other.blocks
                if b.kind in ("heading", "subheading", "paragraph", "bullet")
            ]
        variant = type(base)(
            path=base.path,
            output=f"review_{n:04d}.pdf",
            marking=base.marking,
            partnership=partnership,
            footer=f"Review - Child {letter}",
            blocks=blocks,
        )
        path = folder / variant.output
        if not path.exists():
            render_pdf(variant, path)
        paths.append(path)
    return paths


def count_pages(paths: list[Path]) -> int:
    import pypdfium2

    return sum(len(pypdfium2.PdfDocument(p)) for p in paths)


def plumber_pages(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
        return len(pdf.pages)


def child_run(corpus: Path, out: Path, workers: int) -> None:
    """Run the pipeline in this process and print its figures as JSON (one line)."""
    started = time.perf_counter()
    from review_miner.pipeline import run_pipeline

    summary = run_pipeline([corpus], out, workers=workers)
    figures = {
        "wall": time.perf_counter() - started,
        "seconds": summary.seconds,
        "tagged": summary.tag.tagged if summary.tag else 0,
        "topics": summary.topics.to_dict() if summary.topics else None,
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "children_maxrss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }
    print(json.dumps(figures, default=str))


def run_in_child(corpus: Path, out: Path, workers: int) -> dict:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, __file__, "--child", str(corpus), str(out), "--workers", str(workers)],
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    figures["process_wall"] = time.perf_counter() - started
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reviews", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--plumber-every", type=int, default=4)
    parser.add_argument("--corpus", type=Path, help="Folder to keep the generated PDFs in.")
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_run(args.child[0], args.child[1], args.workers)
        return

    work = Path(tempfile.mkdtemp(prefix="rm-pipeline-"))
    corpus = args.corpus or work / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    paths = generate(corpus, args.reviews)
    pages = count_pages(paths)
    print(f"corpus: {len(paths)} reviews, {pages} pages ({time.perf_counter() - started:.0f} s to generate)")

    quarter = work / "quarter"
    quarter.mkdir()
    for path in paths[: len(paths) // 4]:
        (quarter / path.name).symlink_to(path)
    quarter_pages = count_pages(paths[: len(paths) // 4])

    print("\n| run | reviews | pages | " + " | ".join(
        ["ingest", "tag", "screen", "topics", "report", "digest"]) + " | total s | pages/s | peak RSS MB (main / largest worker) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    rows = []
    for name, folder, n, p in (
        ("first run, a quarter", quarter, len(paths) // 4, quarter_pages),
        ("first run, all", corpus, len(paths), pages),
        ("re-run, all, nothing new", corpus, len(paths), pages),
    ):
        store = work / ("out-quarter" if folder == quarter else "out-all")
        figures = run_in_child(folder, store, args.workers)
        rows.append(figures)
        stage = [f"{figures['seconds'].get(s, 0):.1f}" for s in
                 ("ingest", "tag", "screen", "topics", "report", "digest")]
        total = figures["process_wall"]
        print(f"| {name} | {n} | {p} | " + " | ".join(stage)
              + f" | {total:.1f} | {p / total:.1f} | {figures['maxrss_mb']:.0f} / {figures['children_maxrss_mb']:.0f} |")

    sampled = paths[:: args.plumber_every]
    started = time.perf_counter()
    with ProcessPoolExecutor(args.workers) as pool:
        plumber = sum(pool.map(plumber_pages, sampled))
    plumber_rate = plumber / (time.perf_counter() - started)
    end_to_end = pages / rows[1]["process_wall"]
    print(f"\nplain pdfplumber extract_text, {args.workers} workers, on {len(sampled)} of the files "
          f"({plumber} pages): {plumber_rate:.1f} pages/s")
    print(f"review_miner end to end (first run, all): {end_to_end:.1f} pages/s = "
          f"{end_to_end / plumber_rate:.2f} x plain pdfplumber text extraction")
    print(f"re-run with nothing new: {rows[2]['process_wall']:.1f} s (from start-up to exit)")
    print(f"passages tagged: {rows[1]['tagged']}; topics: {rows[1]['topics']}")


if __name__ == "__main__":
    main()
