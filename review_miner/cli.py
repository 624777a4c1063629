"""The `review-miner` command: a thin layer over the library.

Each command checks its arguments, calls one library function, and prints a summary. The
library never prints; only this module talks to the user.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

# No model hub is reachable: a load by hub name must fail at once, not retry for a minute.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np  # noqa: E402 - the environment above must be set before any model library loads
import pandas as pd  # noqa: E402
import typer  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn  # noqa: E402
from rich.table import Table  # noqa: E402

from . import __version__  # noqa: E402
from .codebook import DEFAULT_CODEBOOK, load_codebook  # noqa: E402
from .errors import ReviewMinerError  # noqa: E402
from .evaluate import compare  # noqa: E402
from .ingest import IngestSummary, discover, ingest  # noqa: E402
from .report.tables import code_evidence, code_matrix, write_screening_html, write_table
from .screen import load_settings, screen_store  # noqa: E402
from .store import DEFAULT_STORE, Store  # noqa: E402
from .tag import (  # noqa: E402
    MODELS,
    Setup,
    TagSummary,
    check_codes,
    load_setup,
    read_coded,
    tag_items,
    tag_store,
    train,
)
from .topics import TOPIC_KINDS, find_topics  # noqa: E402

app = typer.Typer(
    help=(
        "Turn child-safeguarding case reviews (rapid reviews, LCSPRs) into evidence, offline: "
        "ingest PDF, Word and text reviews into a SQLite corpus, code every passage against "
        "the Panel's practice themes and a codebook of risk factors and harms, and screen "
        "each review for the weaknesses the Panel names.\n\n"
        "Example:\n\n    review-miner run corpora/sample --out out/demo"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
err = Console(stderr=True)


def say(line: str) -> None:
    """Print one plain line to stdout (no markup, no wrapping: output may be piped or parsed)."""
    typer.echo(line)


StoreOption = Annotated[
    Path,
    typer.Option(
        "--store", "-s", help="The SQLite store file (created when missing).", dir_okay=False
    ),
]


CodebookOption = Annotated[
    Path,
    typer.Option("--codebook", "-c", help="A codebook folder or YAML file."),
]
ModelsOption = Annotated[
    Path,
    typer.Option("--models", help="Folder of the trained classifier and decision settings."),
]

WorkersOption = Annotated[
    int | None,
    typer.Option(help="Processes that read files in parallel. Default: one per core."),
]


@contextmanager
def _user_errors() -> Iterator[None]:
    """Turn a problem the user can fix into one line on stderr and exit code 1."""
    try:
        yield
    except (ReviewMinerError, FileNotFoundError) as exc:
        typer.echo(f"review-miner: error: {exc}", err=True)
        raise typer.Exit(1) from exc


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[current]}"),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


PdfEngineOption = Annotated[
    str,
    typer.Option(
        "--pdf-engine", help="The library that reads PDFs: pypdfium2 (fast) or pdfplumber."
    ),
]


def _ingest_with_progress(
    paths: list[Path], store: Store, workers: int | None, pdf_engine: str
) -> IngestSummary:
    files = discover(paths)
    with _progress() as bar:
        task = bar.add_task("ingest", total=len(files), current="")
        return ingest(
            files,
            store,
            workers=workers,
            pdf_engine=pdf_engine,
            on_file=lambda path: bar.update(task, advance=1, current=path.name),
        )


def _tag_with_progress(store: Store, setup: Setup) -> TagSummary:
    if setup.untrained_codes:
        typer.echo(
            "note: the supervised tagger was not trained on "
            + ", ".join(setup.untrained_codes)
            + "; they are coded by rules and similarity only until 'review-miner train'",
            err=True,
        )
    with _progress() as bar:
        task = bar.add_task("tag", total=None, current="")
        return tag_store(
            store,
            setup,
            on_progress=lambda done, total: bar.update(task, completed=done, total=total),
        )


def _print_ingest_summary(summary: IngestSummary, store: Store) -> None:
    parts = [f"{len(summary.ingested)} ingested", f"{len(summary.unchanged)} unchanged"]
    if summary.renamed:
        parts.append(f"{len(summary.renamed)} renamed")
    if summary.new_versions:
        parts.append(f"{len(summary.new_versions)} new versions")
    if summary.duplicates:
        parts.append(f"{len(summary.duplicates)} duplicates")
    if summary.metadata_updated:
        parts.append(f"{len(summary.metadata_updated)} with metadata updated")
    parts.append(f"{len(summary.failed)} failed")
    say(", ".join(parts))
    for file, original in summary.duplicates:
        say(f"  duplicate: {file} has the same content as {original} (stored once)")
    for failure in summary.failed:
        say(f"  failed: {failure.file}: {failure.reason}")
    for warning in summary.warnings:
        say(f"  warning: {warning}")
    say(f"store: {store.path} ({len(store.documents())} documents)")


@app.command("ingest")
def ingest_command(
    paths: Annotated[
        list[Path], typer.Argument(help="Review files or folders (walked recursively).")
    ],
    store: StoreOption = Path(DEFAULT_STORE),
    workers: WorkersOption = None,
    pdf_engine: PdfEngineOption = "pypdfium2",
) -> None:
    """Read PDF, DOCX and text reviews into the store: pages, sections, passages, metadata.

    Files already in the store are skipped (a renamed file is recognised by its content; a
    changed file is stored as a new version). A metadata.csv beside the files overrides the
    metadata inferred from the text. Files that cannot be read (scanned, encrypted, damaged,
    not what their name says) are listed with the reason; the rest of the batch goes on. Exit
    code 1 when no file could be ingested.

    Example:
        review-miner ingest corpora/sample --store review_miner.db

    """
    with _user_errors():
        with Store(store) as db:
            run_id = db.start_run("ingest")
            summary = _ingest_with_progress(paths, db, workers, pdf_engine)
            db.finish_run(run_id, summary.to_dict())
            _print_ingest_summary(summary, db)
    if summary.stored == 0:
        raise typer.Exit(1)


CORPUS_COLUMNS = (
    "doc_id",
    "file",
    "status",
    "kind",
    "child",
    "incident",
    "child_age_years",
    "quarter",
    "pages",
    "passages",
    "words",
)


@app.command("corpus")
def corpus_command(
    store: StoreOption = Path(DEFAULT_STORE),
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="table, csv or json.")
    ] = "table",
    include_superseded: Annotated[
        bool, typer.Option("--all", help="Also list older versions of changed files.")
    ] = False,
) -> None:
    """List the documents in the store: kind, pages, passages, quarter and status.

    Failed files are listed with the reason they could not be ingested.

    Example:
        review-miner corpus --store review_miner.db --format csv > corpus.csv

    """
    with _user_errors():
        _require_store(store)
        if output_format not in ("table", "csv", "json"):
            raise ReviewMinerError(f"--format must be table, csv or json, not '{output_format}'")
        with Store(store) as db:
            rows = db.listing(include_superseded=include_superseded)
    if output_format == "json":
        for row in rows:
            sys.stdout.write(json.dumps(row) + "\n")
        return
    columns = [*CORPUS_COLUMNS, "reason"] + (["superseded_by"] if include_superseded else [])
    if output_format == "csv":
        writer = csv.DictWriter(
            sys.stdout, fieldnames=columns, extrasaction="ignore", lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(rows)
        return
    table = Table(box=None, header_style="bold")
    shown = ("file", "status", "kind", "child", "incident", "quarter", "pages", "passages")
    for column in shown:
        table.add_column(column, justify="right" if column in ("pages", "passages") else "left")
    for row in rows:
        table.add_row(*["" if row[c] is None else str(row[c]) for c in shown])
    # Piped output is not cut to 80 columns: a file name must survive a `grep`.
    Console(width=None if sys.stdout.isatty() else 200).print(table)
    failed = [row for row in rows if row["status"] == "failed"]
    for row in failed:
        say(f"  failed: {row['file']}: {row['reason']}")
    say(f"{len(rows) - len(failed)} ingested, {len(failed)} failed")


@app.command("run")
def run_command(
    input_path: Annotated[
        Path, typer.Argument(metavar="INPUT", help="A folder of reviews (or one file).")
    ],
    out_dir: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for the store and the outputs.")
    ] = Path("out"),
    workers: WorkersOption = None,
    codebook: CodebookOption = DEFAULT_CODEBOOK,
    models: ModelsOption = MODELS,
    pdf_engine: PdfEngineOption = "pypdfium2",
) -> None:
    """Run the whole pipeline on a folder of reviews and write the outputs to --out.

    Ingests the reviews into DIR/review_miner.db, codes every passage against the codebook,
    screens every review, and writes DIR/corpus.csv (the documents), DIR/matrix.csv (reviews
    by codes), DIR/codes.csv (per review and code: passage counts and the strongest
    evidence) and DIR/screening.csv and .html (the screening list, weakest first).
    Re-running on the same input reuses everything already stored.

    Example:

        review-miner run corpora/sample --out out/demo
    """
    with _user_errors():
        out_dir.mkdir(parents=True, exist_ok=True)
        setup = load_setup(codebook=codebook, models=models)
        with Store(out_dir / DEFAULT_STORE) as db:
            run_id = db.start_run("run")
            summary = _ingest_with_progress([input_path], db, workers, pdf_engine)
            _print_ingest_summary(summary, db)
            tagged = _tag_with_progress(db, setup)
            say(f"{tagged.tagged} passages tagged, {tagged.already} already tagged")
            outputs = [
                out_dir / "corpus.csv",
                out_dir / "matrix.csv",
                out_dir / "codes.csv",
                out_dir / "screening.csv",
                out_dir / "screening.html",
            ]
            corpus = pd.DataFrame(db.listing(), columns=[*CORPUS_COLUMNS, "partnership", "reason"])
            write_table(corpus, outputs[0])
            write_table(code_matrix(db, setup.codebook), outputs[1])
            write_table(code_evidence(db, setup.codebook), outputs[2])
            settings = load_settings()
            screening = screen_store(db, settings)
            write_table(screening, outputs[3])
            write_screening_html(screening, db, outputs[4], settings["weak_from"])
            db.finish_run(
                run_id,
                {
                    "ingest": summary.to_dict(),
                    "tag": tagged.__dict__,
                    "outputs": [str(p) for p in outputs],
                },
            )
        say("outputs: " + ", ".join(str(p) for p in outputs))
    if summary.stored == 0:
        raise typer.Exit(1)


codebook_app = typer.Typer(
    help=(
        "Check and show the codebook: frames and codes researchers edit as YAML.\n\n"
        "Example:\n\n    review-miner codebook validate codebooks/"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(codebook_app, name="codebook")


@codebook_app.command("validate")
def codebook_validate(
    path: Annotated[
        Path, typer.Argument(help="A codebook folder or YAML file.")
    ] = DEFAULT_CODEBOOK,
) -> None:
    """Check a codebook: YAML syntax, known keys, frames, unique ids, valid spaCy patterns.

    Problems are reported by file and entry, e.g. "[codes -> 3 -> frame] unknown frame".

    Example:

        review-miner codebook validate codebooks/
    """
    with _user_errors():
        book = load_codebook(path)
    frames = ", ".join(f"{frame} {len(book.in_frame(frame))}" for frame in book.frames)
    say(
        f"ok: {len(book.codes)} codes in {len(book.files)} files ({frames}); version {book.version}"
    )


@codebook_app.command("show")
def codebook_show(
    path: Annotated[
        Path, typer.Argument(help="A codebook folder or YAML file.")
    ] = DEFAULT_CODEBOOK,
    frame: Annotated[str | None, typer.Option(help="Show only this frame, e.g. theme.")] = None,
    full: Annotated[bool, typer.Option("--full", help="Also show descriptions and notes.")] = False,
) -> None:
    """List the codes: id, label and, with --full, description, inclusion and exclusion notes.

    Example:

        review-miner codebook show --frame theme --full
    """
    with _user_errors():
        book = load_codebook(path)
        if frame is not None and frame not in book.frames:
            raise ReviewMinerError(f"no frame '{frame}' (frames: {', '.join(book.frames)})")
    for code in book.codes:
        if frame is not None and code.frame != frame:
            continue
        number = f"{code.number}. " if code.number is not None else ""
        say(f"{code.id:<45} {number}{code.label}")
        if full:
            say(f"    {code.description}")
            for note in code.include:
                say(f"    + {note}")
            for note in code.exclude:
                say(f"    - {note}")


def _setup(codebook: Path, models: Path, with_models: bool = True) -> Setup:
    return load_setup(codebook=codebook, models=models, with_models=with_models)


@app.command("tag")
def tag_command(
    store: StoreOption = Path(DEFAULT_STORE),
    codebook: CodebookOption = DEFAULT_CODEBOOK,
    models: ModelsOption = MODELS,
) -> None:
    """Code every passage not yet tagged with the current codebook and models.

    Three methods tag each passage (codebook patterns with negation handling, similarity to
    each code's definition and examples, and the trained classifier); their scores are
    combined into one decision per passage and code. Re-running is a no-op; changing the
    codebook, the settings or the models re-tags everything.

    Example:

        review-miner tag --store review_miner.db
    """
    with _user_errors():
        _require_store(store)
        setup = _setup(codebook, models)
        with Store(store) as db:
            run_id = db.start_run("tag")
            summary = _tag_with_progress(db, setup)
            db.finish_run(run_id, summary.__dict__)
    say(
        f"{summary.tagged} passages tagged, {summary.already} already tagged; "
        f"{summary.codes_present} codes found present (set-up {summary.setup})"
    )


@app.command("topics")
def topics_command(
    store: StoreOption = Path(DEFAULT_STORE),
    include_coded: Annotated[
        bool,
        typer.Option("--all", help="Group every paragraph and bullet, coded or not."),
    ] = False,
    seed: Annotated[
        int, typer.Option(help="Seeds UMAP and k-means: the same store and seed, the same topics.")
    ] = 42,
    codebook: CodebookOption = DEFAULT_CODEBOOK,
    models: ModelsOption = MODELS,
) -> None:
    """Find emerging topics: groups of similar passages the codebook did not cover.

    BERTopic groups the passages that carry no code (with --all, every paragraph and
    bullet) by their embeddings, names each group by its most distinctive words, and finds
    the codebook code nearest to it. A topic far from every code may deserve one. Topics
    are saved in the store; re-running with nothing changed reuses them. Fewer than 10
    passages give no topics, fewer than 100 are grouped with k-means.

    Example:

        review-miner topics --store review_miner.db
    """
    with _user_errors():
        _require_store(store)
        setup = _setup(codebook, models, with_models=False)
        with Store(store) as db:
            tagged = db.tagged_ids(setup.key)
            untagged = sum(
                1 for p in db.passages() if p.kind in TOPIC_KINDS and p.passage_id not in tagged
            )
            if untagged and not include_coded:
                typer.echo(
                    f"note: {untagged} passages are not coded with the current set-up, so they "
                    "count as not covered; run 'review-miner tag' first",
                    err=True,
                )
            run_id = db.start_run("topics")
            summary = find_topics(
                db,
                setup.encoder,
                setup.codebook,
                include_coded=include_coded,
                seed=seed,
                similarity=setup.similarity,
            )
            db.finish_run(run_id, summary.to_dict())
            fitted_at = (db.topic_model_info() or {}).get("fitted_at")
    if summary.topics:
        table = Table(box=None, header_style="bold")
        for column in ("topic", "size", "label", "nearest code", "similarity"):
            table.add_column(column, justify="right" if column in ("topic", "size") else "left")
        for topic in summary.topics:
            table.add_row(
                str(topic.topic),
                str(topic.size),
                topic.label,
                topic.nearest_code or "",
                "" if topic.nearest_similarity is None else f"{topic.nearest_similarity:.2f}",
            )
        Console(width=None if sys.stdout.isatty() else 200).print(table)
    say(summary.note)
    if summary.reused:
        say(f"reused the topics stored at {fitted_at}: nothing changed since")


@app.command("tag-text")
def tag_text_command(
    input_path: Annotated[
        Path, typer.Argument(metavar="INPUT", help="JSONL or CSV with id and text.")
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="JSONL output, one line per input line.")
    ],
    codebook: CodebookOption = DEFAULT_CODEBOOK,
    models: ModelsOption = MODELS,
) -> None:
    """Code a file of excerpts: JSONL (or CSV) with `id` and `text` in, JSONL out.

    Each output line has id, codes (judged present), negated (mentioned but denied or
    hypothetical) and tags (code, confidence, method, start, end) from every method.

    Example:

        review-miner tag-text excerpts.jsonl --out coded.jsonl
    """
    with _user_errors():
        coded = read_coded(input_path)
        setup = _setup(codebook, models)
        tags = tag_items(coded.items, setup)
    by_item: dict[str, list] = {item.id: [] for item in coded.items}
    for tag in tags:
        by_item[tag.passage_id].append(tag)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for item in coded.items:
            item_tags = by_item[item.id]
            combined = [t for t in item_tags if t.method == "combined"]
            record = {
                "id": item.id,
                "codes": sorted(t.code for t in combined if not t.negated),
                "negated": sorted(t.code for t in combined if t.negated),
                "tags": [
                    {
                        "code": t.code,
                        "confidence": t.confidence,
                        "method": t.method,
                        "start": t.start,
                        "end": t.end,
                    }
                    for t in item_tags
                    if t.method != "combined" and not t.negated
                ],
            }
            handle.write(json.dumps(record) + "\n")
    say(f"{len(coded.items)} passages coded: {out}")


@app.command("matrix")
def matrix_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="A .csv or .xlsx file.")],
    store: StoreOption = Path(DEFAULT_STORE),
    codebook: CodebookOption = DEFAULT_CODEBOOK,
    evidence: Annotated[
        Path | None,
        typer.Option(
            help="Also write, per review and code, the passage count and strongest evidence."
        ),
    ] = None,
) -> None:
    """Write the review-by-code matrix: one row per review, 1 where it carries a code.

    A review carries a code when at least one of its passages does (negated mentions do not
    count). Columns: file, doc_id, then one column per code id. With --evidence, a long
    table too: per review and code, how many passages carry it, how many mention it only
    negatively, and the strongest evidence (passage, page, section, words).

    Example:

        review-miner matrix --store review_miner.db --out matrix.xlsx
    """
    with _user_errors():
        _require_store(store)
        book = load_codebook(codebook)
        with Store(store) as db:
            stale = db.not_tagged_with_one_setup()
            if stale:
                typer.echo(
                    f"note: {stale} passages are not coded with the current set-up or not at "
                    "all; run 'review-miner tag' first for an up-to-date matrix",
                    err=True,
                )
            table = code_matrix(db, book)
            if evidence is not None:
                write_table(code_evidence(db, book), evidence, sheet="evidence")
        write_table(table, out, sheet="matrix")
    say(f"{len(table)} reviews x {len(book.codes)} codes: {out}")


@app.command("evaluate")
def evaluate_command(
    gold: Annotated[
        Path, typer.Argument(help="Coded passages: JSONL or CSV with id, text, codes, negated.")
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Also write PREFIX.csv (per code) and PREFIX.json."),
    ] = None,
    codebook: CodebookOption = DEFAULT_CODEBOOK,
    models: ModelsOption = MODELS,
) -> None:
    """Compare the tagger with human coding: per-code precision, recall, F1, kappa.

    Prints per-code figures, micro and macro averages (themes; risks and harms; contexts),
    a confusion view for themes, and how many negated mentions were counted as present.

    Example:

        review-miner evaluate benchmarks/gold/test.jsonl --out out/evaluation
    """
    with _user_errors():
        coded = read_coded(gold)
        setup = _setup(codebook, models)
        check_codes(coded, setup.codebook)
        tags = tag_items(coded.items, setup)
    ids = setup.codebook.ids
    row = {item.id: i for i, item in enumerate(coded.items)}
    machine = np.zeros((len(coded.items), len(ids)), dtype=int)
    column = {code: j for j, code in enumerate(ids)}
    for tag in tags:
        if tag.method == "combined" and not tag.negated:
            machine[row[tag.passage_id], column[tag.code]] = 1
    result = compare(coded.matrix(ids), machine, ids, setup.code_frames, coded.negated)
    pd.set_option("display.width", 160)
    say(
        f"{result.passages} passages; "
        f"negated mentions counted as present: {result.negated_as_present}"
    )
    say(result.per_code.round(3).to_string())
    say("")
    say(result.averages.round(3).to_string())
    say("")
    say(result.theme_confusion.to_string())
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        result.per_code.to_csv(out.with_suffix(".csv"))
        out.with_suffix(".json").write_text(json.dumps(result.to_dict(), indent=2, default=float))
        say(f"written: {out.with_suffix('.csv')}, {out.with_suffix('.json')}")


@app.command("train")
def train_command(
    coded_path: Annotated[
        Path, typer.Argument(metavar="CODED", help="Coded passages: JSONL or CSV.")
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for the trained models.")
    ] = MODELS,
    codebook: CodebookOption = DEFAULT_CODEBOOK,
) -> None:
    """Train the supervised tagger and the decision weights on passages people have coded.

    CODED holds id, text, codes (and optionally negated), as JSONL or CSV (codes separated
    by ';'). Writes supervised.skops, supervised.card.json (what it was trained on, how it
    did in cross-validation) and tagger.yaml (decision weights, editable thresholds).

    Example:

        review-miner train benchmarks/gold/dev.jsonl --out models/
    """
    with _user_errors():
        coded = read_coded(coded_path)
        setup = _setup(codebook, out, with_models=False)
        card = train(coded, setup, out, source=str(coded_path))
    learned = len(card["codes_learned"])
    say(f"trained on {card['training_data']['passages']} passages; {learned} codes learned: {out}")


@app.command("screen")
def screen_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="A .csv, .xlsx or .html file.")],
    store: StoreOption = Path(DEFAULT_STORE),
) -> None:
    """Screen every review for the quality problems the national Panel names; rank weakest first.

    Per review: ethnicity (absent, stated_only, stated_and_analysed), the shares of body
    words that are chronology and analysis, chronology_heavy, whether a rapid review gives
    the reasons for its LCSPR decision, whether the child's voice appears, and a weakness
    score (points in config/screening.yaml), with references to the evidence passages. The
    HTML version opens the evidence when a flag is clicked.

    Example:

        review-miner screen --store review_miner.db --out screening.html
    """
    with _user_errors():
        _require_store(store)
        if out.suffix.lower() not in (".csv", ".xlsx", ".html"):
            raise ReviewMinerError(f"{out}: write .csv, .xlsx or .html")
        settings = load_settings()
        with Store(store) as db:
            table = screen_store(db, settings)
            if out.suffix.lower() == ".html":
                write_screening_html(table, db, out, settings["weak_from"])
            else:
                write_table(table, out, sheet="screening")
    weak = int((table["weakness_score"] >= settings["weak_from"]).sum())
    say(
        f"{len(table)} reviews screened, {weak} with a weakness score of "
        f"{settings['weak_from']} or more: {out}"
    )


def _require_store(store: Path) -> None:
    if not store.exists():
        raise ReviewMinerError(f"{store}: no such store; run 'review-miner ingest' first")


def _version(value: bool) -> None:
    if value:
        say(f"review-miner {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Turn child-safeguarding case reviews into evidence, offline."""


def main() -> None:
    """Entry point of the `review-miner` console script."""
    app()
