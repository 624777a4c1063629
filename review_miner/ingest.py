"""Ingest: review files in, stored documents with pages and passages out.

The steps per file: hash the bytes (the id), skip what the store already holds, read
(`readers`), remove page furniture (`clean`), split into passages (`segment`), infer
metadata (`metadata`), apply `metadata.csv` overrides, store in one transaction. Reading is
the slow part and runs in a process pool; writing stays in this process, one document per
transaction, so a crash loses at most the document being written and nothing is half-stored.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import clean, metadata, readers, segment
from .errors import ReviewMinerError, UnreadableFile
from .records import Document, Failure, Metadata, Page, Passage, content_id, content_id_of_file
from .store import Store
from .workers import refuse_while_a_worker_starts


@dataclass(frozen=True)
class IngestSummary:
    """What an ingest run did, file by file.

    Attributes:
        ingested: Files read and stored by this run.
        unchanged: Files already in the store with the same bytes (nothing to do).
        renamed: Files already stored under another path, now recorded at this one.
        new_versions: Files whose bytes changed since a previous run: stored as new
            documents, the old version marked as superseded (or, for a file put back to
            an earlier version, that version made current again).
        duplicates: Files with the same bytes as another file (in this batch or already
            stored), as (file, the file it duplicates): stored once.
        failed: Files that could not be ingested, with reasons.
        warnings: Problems that lost nothing but need a look (a metadata.csv row that
            names no file in its folder).
        metadata_updated: Stored documents whose metadata changed because metadata.csv did.

    """

    ingested: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    renamed: tuple[str, ...] = ()
    new_versions: tuple[str, ...] = ()
    duplicates: tuple[tuple[str, str], ...] = ()
    failed: tuple[Failure, ...] = ()
    warnings: tuple[str, ...] = ()
    metadata_updated: tuple[str, ...] = ()

    @property
    def stored(self) -> int:
        """How many of the files given are now in the store as ingested documents."""
        return len(self.ingested) + len(self.unchanged) + len(self.renamed)

    def to_dict(self) -> dict[str, object]:
        """Return the summary as JSON-ready values."""
        return {
            "ingested": list(self.ingested),
            "unchanged": list(self.unchanged),
            "renamed": list(self.renamed),
            "new_versions": list(self.new_versions),
            "duplicates": [list(pair) for pair in self.duplicates],
            "failed": [{"file": f.file, "reason": f.reason} for f in self.failed],
            "warnings": list(self.warnings),
            "metadata_updated": list(self.metadata_updated),
        }


@dataclass
class _Tally:
    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)
    new_versions: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    metadata_updated: list[str] = field(default_factory=list)

    def freeze(self) -> IngestSummary:
        return IngestSummary(
            ingested=tuple(self.ingested),
            unchanged=tuple(self.unchanged),
            renamed=tuple(self.renamed),
            new_versions=tuple(self.new_versions),
            duplicates=tuple(self.duplicates),
            failed=tuple(self.failed),
            warnings=tuple(self.warnings),
            metadata_updated=tuple(self.metadata_updated),
        )


def discover(paths: Iterable[Path | str]) -> list[Path]:
    """List the review files under the given files and folders (folders are walked recursively).

    In folders, files with a supported suffix (.pdf, .docx, .txt) and known document formats
    we cannot read (.doc, .rtf, ...: reported as failures) are picked up; anything else
    (metadata.csv, notes, hidden files) is left alone. A file named explicitly is always taken.

    Raises:
        FileNotFoundError: A path does not exist.

    """
    wanted = set(readers.SUPPORTED_SUFFIXES) | set(readers.KNOWN_UNSUPPORTED)
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise FileNotFoundError(f"{path}: no such file or folder")
        if path.is_file():
            found.append(path)
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found.extend(
                Path(root) / name
                for name in sorted(files)
                if not name.startswith((".", "~$")) and Path(name).suffix.lower() in wanted
            )
    # Absolute but not resolved: a link keeps its own name in reports.
    unique: dict[Path, None] = dict.fromkeys(Path(os.path.abspath(p)) for p in found)
    return list(unique)


@dataclass(frozen=True)
class _Read:
    """What a worker hands back for one file: a document to store, or a failure."""

    path: Path
    document: Document | None = None
    pages: list[Page] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    failure: Failure | None = None


NO_REVIEW_DATE = (
    "no review date found (such as 'Date of report:' or 'Published'), so it has no quarter "
    "and no digest includes it: give it a review_date in a metadata.csv beside it"
)


def read_document(
    path: Path, doc_id: str | None = None, pdf_engine: str = readers.PDF_ENGINES[0]
) -> tuple[Document, list[Page], list[Passage]]:
    """Read one file into a document, its pages and its passages, without storing anything.

    Args:
        path: The file.
        doc_id: Its content id, when the caller has hashed it already.
        pdf_engine: The library that reads PDFs (see `readers.PDF_ENGINES`).

    Raises:
        UnreadableFile: The file cannot be ingested.

    """
    doc_id = doc_id or content_id(path.read_bytes())
    file_format, raw_pages = readers.read_file(path, pdf_engine)
    pages = clean.strip_furniture(raw_pages)
    text, passages = segment.segment(doc_id, pages)
    if not passages:
        raise UnreadableFile(path, "no text left once page headers and footers are removed")
    inferred = metadata.infer(text, passages, path.name)
    warnings = []
    empty = [str(page.number) for page in raw_pages if not page.lines]
    if empty and file_format == "pdf":
        warnings.append(f"no text layer on page(s) {', '.join(empty)}: scanned pages need OCR")
    document = Document(
        doc_id=doc_id,
        file=path.name,
        path=str(path),
        format=file_format,
        metadata=inferred,
        inferred=inferred,
        text=text,
        n_pages=len(pages),
        warnings=tuple(warnings),
    )
    return document, pages, passages


def _read(path: Path, doc_id: str, pdf_engine: str) -> _Read:
    try:
        document, pages, passages = read_document(path, doc_id, pdf_engine)
    except UnreadableFile as exc:
        return _Read(path, failure=Failure(path.name, str(path), doc_id, exc.reason))
    except Exception as exc:  # one odd file must never stop the batch
        reason = f"could not be read ({type(exc).__name__}: {exc})"
        return _Read(path, failure=Failure(path.name, str(path), doc_id, reason))
    return _Read(path, document=document, pages=pages, passages=passages)


def _read_all(jobs: list[tuple[Path, str]], workers: int, pdf_engine: str) -> Iterator[_Read]:
    if workers <= 1 or len(jobs) <= 1:
        yield from (_read(path, doc_id, pdf_engine) for path, doc_id in jobs)
        return
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
        # map keeps input order, so runs are reproducible.
        paths, ids = zip(*jobs, strict=True)
        yield from pool.map(_read, paths, ids, [pdf_engine] * len(jobs))


def ingest(
    paths: Iterable[Path | str],
    store: Store,
    *,
    workers: int | None = None,
    pdf_engine: str = readers.PDF_ENGINES[0],
    on_file: Callable[[Path], None] | None = None,
) -> IngestSummary:
    """Ingest review files into a store.

    Re-running on the same files does nothing but re-apply metadata.csv; a renamed file is
    recorded at its new path; a changed file is stored as a new version.

    Args:
        paths: Files and folders (walked recursively).
        store: The store to write to.
        workers: Processes for reading; default: one per core.
        pdf_engine: The library that reads PDFs (see `readers.PDF_ENGINES`).
        on_file: Called once per file when it is dealt with (for progress bars).

    Returns:
        What happened to each file.

    Raises:
        FileNotFoundError: A path does not exist.
        MetadataError: A metadata.csv cannot be used.

    """
    refuse_while_a_worker_starts()
    if pdf_engine not in readers.PDF_ENGINES:
        engines = " or ".join(readers.PDF_ENGINES)
        raise ReviewMinerError(f"unknown PDF engine '{pdf_engine}': use {engines}")
    files = discover(paths)
    overrides, metadata_warnings = _overrides_for(files)
    tally = _Tally(warnings=metadata_warnings)
    jobs: list[tuple[Path, str]] = []
    queued: dict[str, Path] = {}
    # Copies of a queued file: reported as duplicates once it is read, or as failed with it.
    copies: dict[str, list[Path]] = {}
    for path in files:
        try:
            doc_id = content_id_of_file(path)
        except OSError as exc:  # a broken link, a file removed mid-run, no permission
            failure = Failure(
                path.name,
                str(path),
                content_id(str(path).encode()),
                f"cannot be read: {exc.strerror or exc}",
            )
            store.save_failure(failure)
            tally.failed.append(failure)
            if on_file:
                on_file(path)
            continue
        if store.status(doc_id) == "ingested":
            previous = store.path_of(doc_id)
            if previous == str(path):
                tally.unchanged.append(path.name)
            elif previous and Path(previous).exists():
                tally.duplicates.append((path.name, Path(previous).name))
            else:
                store.move(doc_id, str(path), path.name)
                tally.renamed.append(path.name)
            # A file put back to an earlier version makes that version current again.
            if store.make_current(doc_id, str(path)):
                tally.new_versions.append(path.name)
            _apply_overrides(store, doc_id, overrides.get(path), tally, path.name)
            if on_file:
                on_file(path)
        elif doc_id in queued:
            copies.setdefault(doc_id, []).append(path)
        else:
            queued[doc_id] = path
            jobs.append((path, doc_id))

    for result in _read_all(jobs, workers or os.cpu_count() or 1, pdf_engine):
        path = result.path
        had_version = store.current_at(str(path))
        if result.failure is not None:
            store.save_failure(result.failure)
            tally.failed.append(result.failure)
        else:
            assert result.document is not None
            document = result.document
            override = overrides.get(path)
            if override is not None:
                document = replace(document, metadata=document.inferred.merged(override))
            store.save_document(document, result.pages, result.passages)
            tally.warnings += [f"{path.name}: {warning}" for warning in document.warnings]
            if document.metadata.review_date is None:
                tally.warnings.append(f"{path.name}: {NO_REVIEW_DATE}")
            if (
                had_version
                and had_version != document.doc_id
                and store.status(had_version) == "ingested"
            ):
                tally.new_versions.append(path.name)
            tally.ingested.append(path.name)
        if on_file:
            on_file(path)
        read_id = (result.failure or result.document).doc_id  # type: ignore[union-attr]
        for copy in copies.get(read_id, []):
            if result.failure is None:
                tally.duplicates.append((copy.name, path.name))
            else:
                # Two empty files are not one review stored once: each fails under its own name.
                failure = Failure(
                    copy.name,
                    str(copy),
                    content_id(f"{read_id} {copy}".encode()),
                    result.failure.reason,
                )
                store.save_failure(failure)
                tally.failed.append(failure)
            if on_file:
                on_file(copy)
    return tally.freeze()


def _overrides_for(files: list[Path]) -> tuple[dict[Path, Metadata], list[str]]:
    """Map each file to its row of the metadata.csv in its own folder, if any.

    Also return a warning for each row that names no file in its folder (a typo, a file
    moved away): a correction that silently applies to nothing is worse than none.
    """
    by_folder: dict[Path, dict[str, Metadata]] = {}
    result = {}
    for path in files:
        folder = path.parent
        if folder not in by_folder:
            by_folder[folder] = metadata.load_overrides(folder)
        if path.name in by_folder[folder]:
            result[path] = by_folder[folder][path.name]
    warnings = [
        f"{folder / metadata.METADATA_FILE}: no file '{name}' in {folder}"
        for folder, rows in by_folder.items()
        for name in rows
        if folder / name not in result
    ]
    return result, warnings


def _apply_overrides(
    store: Store, doc_id: str, override: Metadata | None, tally: _Tally, name: str
) -> None:
    """Bring a stored document's metadata in line with metadata.csv as it is now."""
    inferred = store.inferred_metadata(doc_id)
    if inferred is None:
        return
    effective = inferred.merged(override) if override is not None else inferred
    if store.update_metadata(doc_id, effective):
        tally.metadata_updated.append(name)
