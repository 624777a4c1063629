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
from rich.progress import (  # noqa: E402
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table  # noqa: E402

from . import __version__  # noqa: E402
from .codebook import DEFAULT_CODEBOOK, Codebook, load_codebook  # noqa: E402
from .embed import Encoder  # noqa: E402
from .errors import ReviewMinerError  # noqa: E402
from .ingest import IngestSummary, discover, ingest  # noqa: E402
from .metadata import METADATA_FILE  # noqa: E402
from .pipeline import Progress as StageProgress  # noqa: E402
from .pipeline import run_pipeline  # noqa: E402
from .readers import KNOWN_UNSUPPORTED, SUPPORTED_SUFFIXES  # noqa: E402
from .report.render import write_report  # noqa: E402
from .report.tables import (  # noqa: E402
    clean_number,
    code_evidence,
    code_matrix,
    write_screening_html,
    write_table,
)
from .screen import load_settings, screen_store  # noqa: E402
from .store import CORPUS_COLUMNS, DEFAULT_STORE, Store  # noqa: E402
from .tag import (  # noqa: E402
    MODELS,
    Setup,
    TagSummary,
    check_codes,
    load_setup,
    read_coded,
    setup_key,
    tag_items,
    tag_store,
    train,
)
from .tagging import CONFIG as TAGGING_CONFIG  # noqa: E402
from .tagging import load_config  # noqa: E402
from .topics import TopicSummary, find_topics  # noqa: E402

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
        "--store",
        "-s",
        help="The SQLite store file that `review-miner ingest` or `run` made.",
        dir_okay=False,
    ),
]
NewStoreOption = Annotated[
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
TagWorkersOption = Annotated[
    int | None,
    typer.Option(
        help="Processes that code passages in parallel (1: in this process). Default: two on "
        "a machine with two cores or more, once more than 500 passages wait."
    ),
]
RunWorkersOption = Annotated[
    int | None,
    typer.Option(
        help="Processes that read files, code passages and screen reviews in parallel. "
        "Default: one per core to read; to code, two once more than 500 passages wait; to "
        "screen, two once more than 25 reviews wait."
    ),
]
ScreenWorkersOption = Annotated[
    int | None,
    typer.Option(
        help="Processes that screen reviews in parallel (1: in this process). Default: two on "
        "a machine with two cores or more, once more than 25 reviews wait."
    ),
]


@contextmanager
def _user_errors() -> Iterator[None]:
    """Turn a problem the user can fix into one line on stderr and exit code 1."""
    try:
        yield
    except (ReviewMinerError, FileNotFoundError) as exc:
        typer.echo(f"review-miner: error: {exc}", err=True)
        raise typer.Exit(1) from exc
    except KeyboardInterrupt as exc:
        # Every document, batch of tags and review is saved in its own transaction.
        typer.echo(
            "review-miner: interrupted: the work saved so far is kept; run the same command "
            "again to carry on",
            err=True,
        )
        raise typer.Exit(130) from exc


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
    files: list[Path], store: Store, workers: int | None, pdf_engine: str
) -> IngestSummary:
    with _progress() as bar:
        task = bar.add_task("ingest", total=len(files), current="")
        return ingest(
            files,
            store,
            workers=workers,
            pdf_engine=pdf_engine,
            on_file=lambda path: bar.update(task, advance=1, current=path.name),
        )


def _tag_with_progress(store: Store, setup: Setup, workers: int | None = None) -> TagSummary:
    if setup.untrained_note:
        typer.echo(f"note: {setup.untrained_note}", err=True)
    with _progress() as bar:
        task = bar.add_task("tag", total=None, current="")
        return tag_store(
            store,
            setup,
            on_progress=lambda done, total: bar.update(task, completed=done, total=total),
            workers=workers,
        )


def _print_ingest_summary(
    summary: IngestSummary, store: Path, documents: int, skipped: list[Path] | None = None
) -> None:
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
    if skipped:
        names = ", ".join(path.name for path in skipped[:5])
        more = f" and {len(skipped) - 5} more" if len(skipped) > 5 else ""
        files_word = "file" if len(skipped) == 1 else "files"
        say(f"  {len(skipped)} {files_word} skipped: not PDF, DOCX or TXT: {names}{more}")
    say(f"store: {store} ({documents} documents)")


@app.command("ingest")
def ingest_command(
    paths: Annotated[
        list[Path], typer.Argument(help="Review files or folders (walked recursively).")
    ],
    store: NewStoreOption = Path(DEFAULT_STORE),
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
        files = discover(paths)  # first: a mistyped path must not leave an empty store behind
        with Store(store) as db:
            run_id = db.start_run("ingest")
            summary = _ingest_with_progress(files, db, workers, pdf_engine)
            db.finish_run(run_id, summary.to_dict())
            documents = len(db.documents(with_text=False))
            _print_ingest_summary(summary, db.path, documents, _skipped_files(paths))
    if summary.stored == 0:
        if not files:
            say("  no review file (PDF, DOCX or TXT) found: nothing to ingest")
        raise typer.Exit(1)


def _skipped_files(paths: list[Path]) -> list[Path]:
    """Files in the given folders that `discover` leaves alone, so the user hears of them.

    Hidden files, Office lock files and the metadata.csv read beside the reviews are not
    counted: they are not reviews anyone meant to ingest.
    """
    wanted = set(SUPPORTED_SUFFIXES) | set(KNOWN_UNSUPPORTED)
    skipped: list[Path] = []
    for path in paths:
        if not path.is_dir():
            continue
        for file in sorted(path.rglob("*")):
            hidden = any(part.startswith(".") for part in file.relative_to(path).parts)
            if (
                file.is_file()
                and not hidden
                and not file.name.startswith("~$")
                and file.suffix.lower() not in wanted
                and file.name != METADATA_FILE
            ):
                skipped.append(file)
    return skipped


@app.command("corpus")
def corpus_command(
    store: StoreOption = Path(DEFAULT_STORE),
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="table, csv (the columns of run's corpus.csv) or json "
            "(JSON Lines: one object per document).",
        ),
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
    # An age of 9 years is 9, not 9.0 (ages may have a fraction: 0.33 for four months).
    rows = [{k: clean_number(v) for k, v in row.items()} for row in rows]
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
    if include_superseded:
        # An older version of a changed file looks like its new one; say which is which.
        table.add_column("superseded")
    for row in rows:
        cells = ["" if row[c] is None else str(row[c]) for c in shown]
        if include_superseded:
            cells.append("yes" if row["superseded_by"] else "")
        table.add_row(*cells)
    # Piped output is not cut to 80 columns: a file name must survive a `grep`.
    Console(width=None if sys.stdout.isatty() else 200).print(table)
    failed = [row for row in rows if row["status"] == "failed"]
    for row in failed:
        say(f"  failed: {row['file']}: {row['reason']}")
    superseded = sum(1 for row in rows if row["superseded_by"] and row["status"] != "failed")
    older = f" ({superseded} superseded)" if include_superseded else ""
    say(f"{len(rows) - len(failed)} ingested{older}, {len(failed)} failed")


@app.command("run")
def run_command(
    input_path: Annotated[
        Path, typer.Argument(metavar="INPUT", help="A folder of reviews (or one file).")
    ],
    out_dir: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for the store and the outputs.")
    ] = Path("out"),
    workers: RunWorkersOption = None,
    codebook: CodebookOption = DEFAULT_CODEBOOK,
    models: ModelsOption = MODELS,
    pdf_engine: PdfEngineOption = "pypdfium2",
) -> None:
    """Run the whole pipeline on a folder of reviews and write every output to --out.

    Ingests the reviews into DIR/review_miner.db, codes every passage against the codebook,
    screens every review, finds emerging topics, and writes: corpus.csv (the documents),
    matrix.csv (reviews by codes), codes.csv (per review and code: passage counts and the
    strongest evidence), screening.csv and .html (the screening list, weakest first),
    report/ (the frequency report: CSVs, report.xlsx, report.html) and digest-QUARTER.html
    (the learning digest of the latest quarter). Re-running on the same input reuses
    everything already stored, and keeps the reports as they are when nothing they are made
    from has changed.

    Example:

        review-miner run corpora/sample --out out/demo
    """
    with _user_errors(), _stage_progress() as progress:
        summary = run_pipeline(
            [input_path],
            out_dir,
            codebook=codebook,
            models=models,
            workers=workers,
            pdf_engine=pdf_engine,
            on_progress=progress,
        )
    assert summary.ingest is not None and summary.tag is not None
    _print_ingest_summary(summary.ingest, summary.store, summary.documents)
    say(f"{summary.tag.tagged} passages tagged, {summary.tag.already} already tagged")
    say(
        f"{summary.screened} reviews screened, {summary.already_screened} already screened, "
        f"{summary.weak} weak"
    )
    if summary.topics is not None:
        say(f"topics: {_topics_line(summary.topics)}")
    for note in summary.notes:
        typer.echo(f"note: {note}", err=True)
    timings = ", ".join(f"{name} {seconds:.1f}s" for name, seconds in summary.seconds.items())
    say(f"time: {timings}")
    say("outputs:")
    for path in summary.outputs:
        say(f"  {path}")
    if summary.ingest.stored == 0:
        raise typer.Exit(1)


def _topics_line(summary: TopicSummary) -> str:
    reused = "reused, " if summary.reused else ""
    return f"{len(summary.topics)} ({reused}{summary.passages} passages considered): {summary.note}"


@contextmanager
def _stage_progress() -> Iterator[StageProgress]:
    """One progress line per pipeline stage: a bar where the amount of work is known."""
    with _progress() as bar:
        tasks: dict[str, TaskID] = {}

        def advance(stage: str, done: int, total: int | None, item: str) -> None:
            if stage not in tasks:
                for task in tasks.values():  # the stage before is over
                    finished = bar.tasks[task].total or 1
                    bar.update(task, total=finished, completed=finished)
                tasks[stage] = bar.add_task(stage, total=None, current="")
            bar.update(tasks[stage], completed=done, total=total, current=item)

        yield advance


@app.command("report")
def report_command(
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for the report files.")],
    store: StoreOption = Path(DEFAULT_STORE),
    codebook: CodebookOption = DEFAULT_CODEBOOK,
) -> None:
    """Write the frequency report: how many reviews carry each theme, risk factor and harm.

    For every code, the number and percentage of reviews carrying it (a review counts once),
    split by incident (death, serious harm, other), by kind of review and by the child's age
    band (under 1, 1-4, 5-9, 10-14, 15-17); the co-occurrence of codes and the "toxic trio";
    practice themes by risk factors; screening results by kind and by quarter. Writes one CSV
    per table, report.xlsx (a sheet per table) and report.html (charts, no network needed;
    every number names the CSV it comes from). Run 'tag' and 'screen' first.

    Example:

        review-miner report --store review_miner.db --out report/
    """
    with _user_errors():
        _require_store(store)
        with Store(store) as db:
            paths = write_report(db, _codebook_to_read(codebook), out_dir)
    say(f"{len(paths)} files written to {out_dir}: report.html, report.xlsx and the CSVs")


@app.command("digest")
def digest_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="A .html or .docx file.")],
    quarter: Annotated[
        str | None,
        typer.Option(help="The quarter, such as 2022Q4. Default: the latest in the store."),
    ] = None,
    store: StoreOption = Path(DEFAULT_STORE),
    codebook: CodebookOption = DEFAULT_CODEBOOK,
    models: ModelsOption = MODELS,
    pseudonymise: Annotated[
        bool,
        typer.Option(
            "--pseudonymise/--no-pseudonymise",
            help="Replace names, places, organisations and dates of birth in quotations.",
        ),
    ] = True,
    quotes: Annotated[int, typer.Option(help="Quotations per theme (at most one per review).")] = 3,
) -> None:
    """Write the quarterly learning digest of the reviews dated in one quarter.

    Headline counts (reviews, deaths, serious harm, rapid reviews, LCSPRs) against the
    previous quarter; theme, risk-factor and harm frequencies with the change since the
    previous quarter and the last four quarters; quotations per theme, chosen for confidence
    and variety and pseudonymised unless --no-pseudonymise; emerging topics; the reviews
    lacking ethnicity or chronology-heavy; and a methods note with the codebook, models,
    thresholds and measured accuracy. A review's quarter is that of its review date.

    Example:

        review-miner digest --store review_miner.db --quarter 2022Q4 --out digest-2022Q4.html
    """
    from .digest import build_digest, write_digest  # scikit-learn: only when writing one

    with _user_errors():
        _require_store(store)
        with Store(store) as db:
            digest = build_digest(
                db,
                _codebook_to_read(codebook),
                quarter,
                models=models,
                pseudonymised=pseudonymise,
                quotes_per_theme=quotes,
            )
            write_digest(digest, out)
    reviews = int(digest.headline.iloc[0, 1])
    say(f"digest of {digest.quarter} ({reviews} reviews): {out}")


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

    Problems are reported by file, line and entry, counting from 1, e.g. "contexts.yaml,
    line 51: code 2 of 5 (context.deprivation_housing), frame: unknown frame 'contexts'".

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


def _codebook_to_read(path: Path) -> Codebook:
    """The codebook, for a command that only names its codes (reports, exports, topics).

    Its token patterns matter only where passages are tagged, and compiling them to check
    them loads spaCy, seconds that a report does not need; `codebook validate` and the
    tagging commands still check them.
    """
    return load_codebook(path, check_patterns=False)


def _setup(codebook: Path, models: Path, with_models: bool = True) -> Setup:
    return load_setup(codebook=codebook, models=models, with_models=with_models)


@app.command("tag")
def tag_command(
    store: StoreOption = Path(DEFAULT_STORE),
    codebook: CodebookOption = DEFAULT_CODEBOOK,
    models: ModelsOption = MODELS,
    workers: TagWorkersOption = None,
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
            summary = _tag_with_progress(db, setup, workers)
            db.finish_run(run_id, summary.__dict__)
    say(
        f"{summary.tagged} passages tagged, {summary.already} already tagged; "
        f"{summary.codes_present} codes found present in the newly tagged passages "
        f"(set-up {summary.setup})"
    )


@app.command("topics")
def topics_command(
    store: StoreOption = Path(DEFAULT_STORE),
    include_coded: Annotated[
        bool,
        typer.Option("--all", help="Group every paragraph and bullet, coded or not."),
    ] = False,
    seed: Annotated[
        int,
        typer.Option(
            help="Seeds UMAP, k-means and the sample: the same store and seed, the same topics."
        ),
    ] = 42,
    codebook: CodebookOption = DEFAULT_CODEBOOK,
    models: ModelsOption = MODELS,
) -> None:
    """Find emerging topics: groups of similar passages the codebook did not cover.

    BERTopic groups the passages that carry no code (with --all, every paragraph and
    bullet) by their embeddings, names each group by its most distinctive words, and finds
    the codebook code nearest to it. A topic far from every code may deserve one. Topics
    are saved in the store; re-running with nothing changed reuses them. Fewer than 10
    passages give no topics, fewer than 100 are grouped with k-means; beyond 4,000, the
    topics are fitted on a seeded sample of 4,000 and the other passages assigned to them.

    Example:

        review-miner topics --store review_miner.db
    """
    with _user_errors():
        _require_store(store)
        # No model is loaded unless topics must be fitted: a re-run only compares keys.
        book, encoder = _codebook_to_read(codebook), Encoder()
        key = setup_key(book, load_config(TAGGING_CONFIG), encoder.name, models)
        with Store(store) as db:
            tagged, total = db.tagging_progress(key)
            untagged = total - tagged
            if untagged and not include_coded:
                typer.echo(
                    f"note: {untagged} passages are not coded with the current set-up, so they "
                    "count as not covered; run 'review-miner tag' first",
                    err=True,
                )
            run_id = db.start_run("topics")
            summary = find_topics(db, encoder, book, include_coded=include_coded, seed=seed)
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
    count). Columns: file, doc_id, then one column per code id, themes first, then risks,
    harms and contexts (the report's order). With --evidence, a long
    table too: per review and code, how many passages carry it, how many mention it only
    negatively, and the strongest evidence (passage, page, section, words).

    Example:

        review-miner matrix --store review_miner.db --out matrix.xlsx
    """
    with _user_errors():
        _require_store(store)
        book = _codebook_to_read(codebook)
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
    from .evaluate import compare  # scikit-learn: only when evaluating

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


FEW_CODED_PASSAGES = 200
"""Below this many coded passages `train` warns (the shipped models learned from 1,854)."""


@app.command("train")
def train_command(
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help="Folder for the trained models (required: a new folder keeps the shipped "
            "models; pass it to tag, run and tag-text with --models).",
        ),
    ],
    coded_path: Annotated[
        Path | None, typer.Argument(metavar="CODED", help="Coded passages: JSONL or CSV.")
    ] = None,
    codebook: CodebookOption = DEFAULT_CODEBOOK,
    from_coder: Annotated[
        str | None,
        typer.Option(
            "--from-coder", help="Train on this person's coding in --store instead of CODED."
        ),
    ] = None,
    store: StoreOption = Path(DEFAULT_STORE),
) -> None:
    """Train the supervised tagger and the decision weights on passages people have coded.

    CODED holds id, text, codes (and optionally negated), as JSONL or CSV (codes separated
    by ';'). Or, with --from-coder NAME, the passages that person coded in a REFI-QDA tool
    and 'review-miner import qdpx' stored (a passage they left uncoded has no code). Writes
    supervised.skops, supervised.card.json (what it was trained on, how it did in
    cross-validation), mentions.skops and its card (the passage-level model of passages
    that only ask about, deny or generalise a risk) and tagger.yaml (decision weights,
    editable thresholds).

    Example:

        review-miner train benchmarks/gold/dev.jsonl --out models/mine
    """
    with _user_errors():
        if from_coder is not None:
            from .interop.codings import coded_from_store

            _require_store(store)
            with Store(store) as db:
                coded = coded_from_store(db, from_coder)
            coded_path = Path(f"{store}#coder={from_coder}")
        elif coded_path is None:
            raise ReviewMinerError("give a CODED file, or --from-coder NAME with --store")
        else:
            coded = read_coded(coded_path)
        setup = _setup(codebook, out, with_models=False)
        card = train(coded, setup, out, source=str(coded_path))
    learned = len(card["codes_learned"])
    passages = card["training_data"]["passages"]
    say(f"trained on {passages} passages; {learned} codes learned: {out}")
    if passages < FEW_CODED_PASSAGES:
        typer.echo(
            f"warning: {passages} coded passages are few: the decision learns its thresholds "
            f"from them, and codes with no coded passage rest on the codebook's examples "
            f"alone. Compare with the shipped models (review-miner evaluate GOLD --models "
            f"{out}) before tagging with these.",
            err=True,
        )


@app.command("screen")
def screen_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="A .csv, .xlsx or .html file.")],
    store: StoreOption = Path(DEFAULT_STORE),
    workers: ScreenWorkersOption = None,
) -> None:
    """Screen every review for the quality problems the national Panel names; rank weakest first.

    Per review: ethnicity (absent, stated_only, stated_and_analysed), the shares of body
    words that are chronology and analysis, chronology_heavy, whether a rapid review gives
    the reasons for its LCSPR decision, whether the child's voice appears, and a weakness
    score (points in config/screening.yaml), with references to the evidence passages. The
    HTML version opens the evidence when a flag is clicked. Reviews already screened with
    the same rules and settings are not screened again.

    Example:

        review-miner screen --store review_miner.db --out screening.html --workers 2
    """
    with _user_errors():
        _require_store(store)
        if out.suffix.lower() not in (".csv", ".xlsx", ".html"):
            raise ReviewMinerError(f"{out}: write .csv, .xlsx or .html")
        settings = load_settings()
        with Store(store) as db:
            table = screen_store(db, settings, workers=workers)
            if out.suffix.lower() == ".html":
                write_screening_html(table, db, out, settings["weak_from"])
            else:
                write_table(table, out, sheet="screening")
    weak = int((table["weakness_score"] >= settings["weak_from"]).sum())
    screened = table.attrs["screened_now"]
    say(
        f"{screened} reviews screened, {len(table) - screened} already screened; "
        f"{weak} of {len(table)} with a weakness score of {settings['weak_from']} or more: {out}"
    )


# Researcher interop: REFI-QDA export and import, agreement, coding queues ----------------------

export_app = typer.Typer(
    help=(
        "Export the store for other tools: a REFI-QDA project for NVivo, ATLAS.ti, MAXQDA "
        "or QualCoder.\n\n"
        "Example:\n\n    review-miner export qdpx --store review_miner.db --out reviews.qdpx"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(export_app, name="export")
import_app = typer.Typer(
    help=(
        "Import a person's coding from other tools: a REFI-QDA project (.qdpx).\n\n"
        "Example:\n\n    review-miner import qdpx coded.qdpx --coder AB --store review_miner.db"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(import_app, name="import")


@export_app.command("qdpx")
def export_qdpx_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="The .qdpx file to write.")],
    store: StoreOption = Path(DEFAULT_STORE),
    codebook: CodebookOption = DEFAULT_CODEBOOK,
) -> None:
    """Write the store as a REFI-QDA project (.qdpx) to check the coding in a QDA tool.

    The codebook becomes codes nested by frame; each review a text source and a case with
    variables (kind, incident, quarter, age band, ethnicity, chronology share); each code
    the machine found present a coded selection over its evidence, by the user
    'review_miner'. Exporting an unchanged store again gives the same bytes.

    Example:

        review-miner export qdpx --store review_miner.db --out reviews.qdpx
    """
    from .interop.qdpx import export_project

    with _user_errors():
        _require_store(store)
        if out.suffix.lower() != ".qdpx":
            raise ReviewMinerError(f"{out}: give a .qdpx file name")
        book = _codebook_to_read(codebook)
        with Store(store) as db:
            summary = export_project(db, book, out)
    say(
        f"{summary.sources} reviews, {summary.codings} coded selections, "
        f"{len(book.codes)} codes: {out}"
    )
    for code, count in sorted(summary.skipped_codes.items()):
        say(f"  skipped: {count} tags of '{code}', which the codebook no longer has")


@codebook_app.command("export")
def codebook_export(
    out: Annotated[Path, typer.Option("--out", "-o", help="The file to write (.qdc).")],
    path: Annotated[
        Path, typer.Argument(help="A codebook folder or YAML file.")
    ] = DEFAULT_CODEBOOK,
    output_format: Annotated[str, typer.Option("--format", "-f", help="qdc (REFI-QDA).")] = "qdc",
) -> None:
    """Write the codebook as a REFI-QDA codebook (.qdc) that QDA tools import.

    Codes are nested under their frame, with their descriptions and inclusion and
    exclusion notes, and keep the GUIDs that exported projects use.

    Example:

        review-miner codebook export --format qdc --out codebook.qdc
    """
    from .interop.qdpx import write_codebook

    with _user_errors():
        if output_format != "qdc":
            raise ReviewMinerError(f"--format must be qdc, not '{output_format}'")
        if out.suffix.lower() != ".qdc":
            raise ReviewMinerError(
                f"{out}: give a .qdc file name (a codebook; 'export qdpx' writes projects)"
            )
        book = _codebook_to_read(path)
        write_codebook(book, out)
    say(f"{len(book.codes)} codes in {len(book.frames)} frames: {out}")


@import_app.command("qdpx")
def import_qdpx_command(
    project: Annotated[Path, typer.Argument(help="A REFI-QDA project (.qdpx).")],
    coder: Annotated[str, typer.Option("--coder", help="Who coded it, e.g. initials.")],
    store: StoreOption = Path(DEFAULT_STORE),
    codebook: CodebookOption = DEFAULT_CODEBOOK,
) -> None:
    """Store the codings in a REFI-QDA project as a person's coding (--coder NAME).

    Sources map to stored reviews (or single passages) by GUID, else by their text; codes
    by GUID, else by name (code id or label); each selection to every paragraph or bullet
    it overlaps. Every passage of a mapped source counts as coded by NAME, with no code
    where none was applied. Importing NAME again replaces their coding of those passages.
    Whatever cannot be mapped is listed with the reason.

    Example:

        review-miner import qdpx coded.qdpx --coder AB --store review_miner.db
    """
    from .interop.qdpx_import import import_project

    with _user_errors():
        _require_store(store)
        book = _codebook_to_read(codebook)
        with Store(store) as db:
            summary = import_project(db, book, project, coder)
    say(
        f"{summary.coder}: {len(summary.sources)} sources, {len(summary.scope)} passages, "
        f"{len(summary.codings)} codings on {summary.passages_coded} passages "
        f"from {summary.selections} selections; {len(summary.unmapped)} not mapped"
    )
    if summary.users:
        say(
            "  codings by user in the project: "
            + ", ".join(f"{user} {n}" for user, n in sorted(summary.users.items()))
        )
    for name, target in summary.sources:
        say(f"  source: {name} -> {target}")
    for item in summary.unmapped:
        say(f"  not mapped: {item.what}: {item.reason}")


@app.command("agreement")
def agreement_command(
    store: StoreOption = Path(DEFAULT_STORE),
    coders: Annotated[
        list[str] | None,
        typer.Option("--coder", help="A coder to compare (repeat). Default: every coder."),
    ] = None,
    level: Annotated[str, typer.Option(help="passage, review or both.")] = "both",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Also write the table (.csv or .xlsx).")
    ] = None,
) -> None:
    """Agreement between coders, people and the machine ('review_miner'), per code and overall.

    For every pair (and all coders together when more than two): percentage agreement,
    Cohen's kappa (pairs), Krippendorff's alpha and Gwet's AC1, per code and pooled over
    codes. Units: the passages every compared coder was given, an uncoded one counting as
    'absent'; at review level, the reviews holding such passages.

    Example:

        review-miner agreement --store review_miner.db --coder AB --coder review_miner
    """
    from .interop.agreement import LEVELS, agreement

    with _user_errors():
        _require_store(store)
        if level not in (*LEVELS, "both"):
            raise ReviewMinerError(f"--level must be passage, review or both, not '{level}'")
        levels = LEVELS if level == "both" else (level,)
        with Store(store) as db:
            table = agreement(db, coders, levels)
        if out is not None:
            write_table(table, out, sheet="agreement")
    say(
        "units: passages all compared coders were given (uncoded = absent); reviews holding "
        "them. kappa: pairs only; NaN where a statistic is undefined (one value throughout)."
    )
    pd.set_option("display.width", 200)
    shown = table.drop(columns=["positives"]).round(3)
    say(shown.to_string(index=False))
    if out is not None:
        say(f"written: {out}")


@app.command("suggest")
def suggest_command(
    store: StoreOption = Path(DEFAULT_STORE),
    n: Annotated[int, typer.Option("--n", help="How many passages to queue.")] = 50,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="The queue as CSV; a .qdpx is written beside it.")
    ] = Path("suggest.csv"),
    codebook: CodebookOption = DEFAULT_CODEBOOK,
    models: ModelsOption = MODELS,
) -> None:
    """List the passages whose machine coding is least certain, as a coding queue.

    Passages nobody has coded yet, ranked by how close a code's combined probability is to
    its decision threshold (nearest first). Writes OUT (CSV: passage, place, the uncertain
    code, probability, threshold, what the machine decided, text) and OUT with .qdpx: a
    project holding just those passages, without the machine's codes, to code blind and
    import with 'review-miner import qdpx'.

    Example:

        review-miner suggest --store review_miner.db --n 50 --out queue.csv
    """
    from .interop.qdpx import export_project
    from .interop.suggest import suggest

    with _user_errors():
        _require_store(store)
        if out.suffix.lower() != ".csv":
            raise ReviewMinerError(f"{out}: give a .csv file name")
        setup = _setup(codebook, models)
        with Store(store) as db:
            queue = suggest(db, setup, n)
            project = out.with_suffix(".qdpx")
            export_project(db, setup.codebook, project, list(queue["passage_id"]))
        write_table(queue, out)
    say(f"{len(queue)} passages queued, least certain first: {out}, {project}")


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
