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

import typer  # noqa: E402 - the environment above must be set before any model library loads
from rich.console import Console  # noqa: E402
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn  # noqa: E402
from rich.table import Table  # noqa: E402

from . import __version__  # noqa: E402
from .errors import ReviewMinerError  # noqa: E402
from .ingest import IngestSummary, discover, ingest  # noqa: E402
from .store import DEFAULT_STORE, Store  # noqa: E402

app = typer.Typer(
    help=(
        "Turn child-safeguarding case reviews (rapid reviews, LCSPRs) into evidence: "
        "ingest PDFs and Word files into a SQLite corpus, offline.\n\n"
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


def _ingest_with_progress(paths: list[Path], store: Store, workers: int | None) -> IngestSummary:
    files = discover(paths)
    with _progress() as bar:
        task = bar.add_task("ingest", total=len(files), current="")
        return ingest(
            files,
            store,
            workers=workers,
            on_file=lambda path: bar.update(task, advance=1, current=path.name),
        )


def _print_ingest_summary(summary: IngestSummary, store: Store) -> None:
    parts = [f"{len(summary.ingested)} ingested", f"{len(summary.unchanged)} unchanged"]
    if summary.renamed:
        parts.append(f"{len(summary.renamed)} renamed")
    if summary.new_versions:
        parts.append(f"{len(summary.new_versions)} new versions")
    if summary.metadata_updated:
        parts.append(f"{len(summary.metadata_updated)} with metadata updated")
    parts.append(f"{len(summary.failed)} failed")
    say(", ".join(parts))
    for failure in summary.failed:
        say(f"  failed: {failure.file}: {failure.reason}")
    say(f"store: {store.path} ({len(store.documents())} documents)")


@app.command("ingest")
def ingest_command(
    paths: Annotated[
        list[Path], typer.Argument(help="Review files or folders (walked recursively).")
    ],
    store: StoreOption = Path(DEFAULT_STORE),
    workers: Annotated[
        int | None,
        typer.Option(help="Processes that read files in parallel. Default: one per core."),
    ] = None,
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
            summary = _ingest_with_progress(paths, db, workers)
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
        if not store.exists():
            raise ReviewMinerError(f"{store}: no such store; run 'review-miner ingest' first")
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
    workers: Annotated[
        int | None, typer.Option(help="Processes for reading files. Default: one per core.")
    ] = None,
) -> None:
    """Run the whole pipeline on a folder of reviews and write the outputs to --out.

    Today the pipeline ingests the reviews into DIR/review_miner.db and writes a corpus
    listing (DIR/corpus.csv). Re-running on the same input reuses everything already stored.

    Example:
        review-miner run corpora/sample --out out/demo

    """
    with _user_errors():
        out_dir.mkdir(parents=True, exist_ok=True)
        with Store(out_dir / DEFAULT_STORE) as db:
            run_id = db.start_run("run")
            summary = _ingest_with_progress([input_path], db, workers)
            _print_ingest_summary(summary, db)
            corpus_csv = out_dir / "corpus.csv"
            rows = db.listing()
            with corpus_csv.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.DictWriter(
                    handle,
                    fieldnames=[*CORPUS_COLUMNS, "partnership", "reason"],
                    extrasaction="ignore",
                )
                writer.writeheader()
                writer.writerows(rows)
            db.finish_run(run_id, {"ingest": summary.to_dict(), "outputs": [str(corpus_csv)]})
        say(f"outputs: {corpus_csv}")
    if summary.stored == 0:
        raise typer.Exit(1)


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
