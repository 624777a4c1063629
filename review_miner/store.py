"""The SQLite store: the single source of truth for documents, pages and passages.

One file, readable with any SQLite tool. Every document is written in one transaction, so a
crash or a kill leaves each document either wholly stored or absent, and the next run
carries on. Ids come from content, so storing the same thing twice changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .errors import StoreError
from .records import Document, Failure, Flag, Metadata, Page, Passage, Tag, Topic

DEFAULT_STORE = "review_miner.db"

CORPUS_COLUMNS = (  # of `Store.listing`, as `review-miner corpus` shows them
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
    "partnership",
)


# Named migrations, applied in order once each. Append; never edit one that has shipped.
MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_corpus",
        """
        CREATE TABLE documents (
            doc_id TEXT PRIMARY KEY,          -- first 16 hex digits of the SHA-256 of the file
            file TEXT NOT NULL,               -- file name
            path TEXT NOT NULL,               -- where it was last read from
            format TEXT,                      -- pdf, docx, txt
            status TEXT NOT NULL CHECK (status IN ('ingested', 'failed')),
            reason TEXT,                      -- why it failed, in plain words
            superseded_by TEXT,               -- a newer version of the same file
            kind TEXT, child TEXT, partnership TEXT, incident TEXT,
            child_age_years REAL, incident_date TEXT, review_date TEXT, quarter TEXT,
            inferred TEXT,                    -- JSON: metadata as inferred from the text alone
            n_pages INTEGER, n_passages INTEGER, n_words INTEGER,
            warnings TEXT,                    -- JSON list
            text TEXT,                        -- plain text; passage offsets point into it
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX documents_path ON documents (path);
        CREATE TABLE pages (
            doc_id TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (doc_id, number)
        );
        CREATE TABLE passages (
            passage_id TEXT PRIMARY KEY,      -- doc_id:index
            doc_id TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            kind TEXT NOT NULL,               -- title, heading, paragraph, bullet
            section TEXT, heading_path TEXT, level INTEGER,
            page INTEGER NOT NULL, page_end INTEGER NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX passages_doc ON passages (doc_id, idx);
        CREATE TABLE sentences (
            passage_id TEXT NOT NULL REFERENCES passages (passage_id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,   -- offsets into the passage
            PRIMARY KEY (passage_id, idx)
        );
        CREATE TABLE runs (
            run_id INTEGER PRIMARY KEY,
            command TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            summary TEXT                      -- JSON
        );
        """,
    ),
    (
        "0002_tags",
        """
        CREATE TABLE tags (
            passage_id TEXT NOT NULL REFERENCES passages (passage_id) ON DELETE CASCADE,
            code TEXT NOT NULL,
            method TEXT NOT NULL,             -- rules, similarity, supervised, combined
            confidence REAL NOT NULL,         -- 0..1
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,   -- evidence, offsets into the passage
            negated INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (passage_id, code, method)
        );
        CREATE INDEX tags_code ON tags (code, method);
        CREATE TABLE tagged (                 -- which passages carry tags from which set-up
            passage_id TEXT PRIMARY KEY REFERENCES passages (passage_id) ON DELETE CASCADE,
            setup TEXT NOT NULL,              -- codebook version + models + thresholds
            tagged_at TEXT NOT NULL
        );
        CREATE TABLE embeddings (
            passage_id TEXT NOT NULL REFERENCES passages (passage_id) ON DELETE CASCADE,
            model TEXT NOT NULL,
            vector BLOB NOT NULL,             -- float32, little-endian, L2-normalised
            PRIMARY KEY (passage_id, model)
        );
        """,
    ),
    (
        "0003_screening",
        """
        CREATE TABLE paragraph_classes (
            passage_id TEXT PRIMARY KEY REFERENCES passages (passage_id) ON DELETE CASCADE,
            class TEXT NOT NULL   -- chronology, analysis, background, recommendation, other
        );
        CREATE TABLE flags (
            doc_id TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            value TEXT NOT NULL,
            evidence TEXT NOT NULL,           -- JSON list of passage ids
            PRIMARY KEY (doc_id, name)
        );
        """,
    ),
    (
        "0004_codings",
        """
        CREATE TABLE coder_passages (          -- the passages a person was given to code
            coder TEXT NOT NULL,
            passage_id TEXT NOT NULL REFERENCES passages (passage_id) ON DELETE CASCADE,
            source TEXT NOT NULL,             -- the file their coding was imported from
            imported_at TEXT NOT NULL,
            PRIMARY KEY (coder, passage_id)
        );
        CREATE TABLE codings (                -- a person's codes, from a REFI-QDA project
            coder TEXT NOT NULL,
            passage_id TEXT NOT NULL REFERENCES passages (passage_id) ON DELETE CASCADE,
            code TEXT NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,   -- offsets into the passage
            doc_start INTEGER NOT NULL,       -- the whole selection, offsets into the
            doc_end INTEGER NOT NULL,         -- document text (it may span passages)
            selection TEXT NOT NULL,          -- the selection's GUID in the project
            PRIMARY KEY (coder, passage_id, code, selection)
        );
        CREATE INDEX codings_code ON codings (code, coder);
        """,
    ),
    (
        "0005_topics",
        """
        CREATE TABLE topics (
            topic INTEGER PRIMARY KEY,        -- 0 is the largest; outliers (-1) have no row
            label TEXT NOT NULL,              -- top keywords, comma separated
            keywords TEXT NOT NULL,           -- JSON list of [word, weight]
            size INTEGER NOT NULL,
            nearest_code TEXT,
            nearest_similarity REAL,
            representative TEXT NOT NULL      -- JSON list of passage ids, nearest the centre first
        );
        CREATE TABLE topic_passages (
            passage_id TEXT PRIMARY KEY REFERENCES passages (passage_id) ON DELETE CASCADE,
            topic INTEGER NOT NULL            -- -1 for an outlier
        );
        CREATE TABLE topic_model (            -- one row: how the stored topics were found
            key TEXT NOT NULL,                -- hash of the passages, settings and encoder
            fitted_at TEXT NOT NULL,
            settings TEXT NOT NULL,           -- JSON
            passages INTEGER NOT NULL,        -- passages considered
            note TEXT NOT NULL
        );
        """,
    ),
    (
        "0006_screened",
        """
        CREATE TABLE screened (               -- which reviews were screened, and how
            doc_id TEXT PRIMARY KEY REFERENCES documents (doc_id) ON DELETE CASCADE,
            key TEXT NOT NULL,                -- rules, settings, model and the review's metadata
            screened_at TEXT NOT NULL
        );
        """,
    ),
)


@dataclass(frozen=True)
class TagPlace:
    """A tag with where its passage is (review, page, section), without the passage's text."""

    passage_id: str
    doc_id: str
    code: str
    confidence: float
    start: int
    end: int
    negated: bool
    page: int
    section: str | None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """A review_miner store in one SQLite file.

    Example:
        >>> store = Store("review_miner.db")
        >>> [d.file for d in store.documents()]

    """

    def __init__(self, path: Path | str = DEFAULT_STORE) -> None:
        self.path = Path(path)
        if self.path.exists() and self.path.is_dir():
            raise StoreError(f"{self.path}: is a folder; give a file name for the store")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            # Wait for another writer rather than fail at once (a second run, a SQLite browser).
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=60)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA foreign_keys = ON")
            # WAL lets a reader (a user's SQLite browser) look in while a run writes.
            self.db.execute("PRAGMA journal_mode = WAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a review_miner store ({exc})") from exc

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run a block of writes as one transaction: all of it is stored, or none."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            # SQLite may have rolled back already; a second ROLLBACK would hide the cause.
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def _migrate(self) -> None:
        tables = {
            row["name"]
            for row in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if tables and "migrations" not in tables:
            raise StoreError(
                f"{self.path}: a SQLite database of something else; give a new file name"
            )
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS migrations "
            "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        for name, sql in MIGRATIONS:
            # Checked inside the write lock: two processes may open a new store at once.
            with self.transaction() as db:
                if db.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone():
                    continue
                for statement in _statements(sql):
                    db.execute(statement)
                db.execute("INSERT INTO migrations VALUES (?, ?)", (name, _now()))

    # Documents -----------------------------------------------------------------------------

    def status(self, doc_id: str) -> str | None:
        """Return 'ingested' or 'failed' for a known document id, None for an unknown one."""
        row = self.db.execute("SELECT status FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return row["status"] if row else None

    def current_at(self, path: str) -> str | None:
        """Return the id of the current (not superseded) document last read from `path`."""
        row = self.db.execute(
            "SELECT doc_id FROM documents WHERE path = ? AND superseded_by IS NULL "
            "ORDER BY ingested_at DESC LIMIT 1",
            (path,),
        ).fetchone()
        return row["doc_id"] if row else None

    def save_document(self, document: Document, pages: list[Page], passages: list[Passage]) -> None:
        """Store a document with its pages, passages and sentences in one transaction.

        A failed record for the same bytes (from an earlier run) is replaced, and an older
        version read from the same path is marked as superseded by this one.
        """
        meta = document.metadata
        with self.transaction() as db:
            db.execute("DELETE FROM documents WHERE doc_id = ?", (document.doc_id,))
            db.execute(
                """INSERT INTO documents (doc_id, file, path, format, status, kind, child,
                partnership, incident, child_age_years, incident_date, review_date, quarter,
                inferred, n_pages, n_passages, n_words, warnings, text, ingested_at)
                VALUES (?, ?, ?, ?, 'ingested', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    document.doc_id,
                    document.file,
                    document.path,
                    document.format,
                    *_metadata_values(meta),
                    json.dumps(document.inferred.to_dict()),
                    document.n_pages,
                    len(passages),
                    len(document.text.split()),
                    json.dumps(list(document.warnings)),
                    document.text,
                    _now(),
                ),
            )
            db.executemany(
                "INSERT INTO pages (doc_id, number, text) VALUES (?, ?, ?)",
                [(document.doc_id, page.number, page.text) for page in pages],
            )
            db.executemany(
                """INSERT INTO passages (passage_id, doc_id, idx, kind, section, heading_path,
                level, page, page_end, start, "end", text)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    (
                        p.passage_id,
                        p.doc_id,
                        p.index,
                        p.kind,
                        p.section,
                        p.heading_path,
                        p.level,
                        p.page,
                        p.page_end,
                        p.start,
                        p.end,
                        p.text,
                    )
                    for p in passages
                ],
            )
            db.executemany(
                'INSERT INTO sentences (passage_id, idx, start, "end") VALUES (?, ?, ?, ?)',
                [
                    (p.passage_id, i, start, end)
                    for p in passages
                    for i, (start, end) in enumerate(p.sentences)
                ],
            )
            self._supersede(db, document.path, document.doc_id)

    def save_failure(self, failure: Failure) -> None:
        """Record a file that could not be ingested, with the reason."""
        with self.transaction() as db:
            db.execute(
                """INSERT INTO documents (doc_id, file, path, status, reason, ingested_at)
                VALUES (?, ?, ?, 'failed', ?, ?)
                ON CONFLICT (doc_id) DO UPDATE SET reason = excluded.reason, path = excluded.path,
                file = excluded.file, ingested_at = excluded.ingested_at
                WHERE documents.status = 'failed'""",
                (failure.doc_id, failure.file, failure.path, failure.reason, _now()),
            )
            # A new version that cannot be read must not hide the readable one it follows.
            self._supersede(db, failure.path, failure.doc_id, only_failed=True)

    @staticmethod
    def _supersede(
        db: sqlite3.Connection, path: str, doc_id: str, only_failed: bool = False
    ) -> None:
        db.execute(
            "UPDATE documents SET superseded_by = ? "
            "WHERE path = ? AND doc_id != ? AND superseded_by IS NULL"
            + (" AND status = 'failed'" if only_failed else ""),
            (doc_id, path, doc_id),
        )

    def make_current(self, doc_id: str, path: str) -> bool:
        """Make a stored version current again (its file was put back); return if it changed."""
        row = self.db.execute(
            "SELECT superseded_by FROM documents WHERE doc_id = ?", (doc_id,)
        ).fetchone()
        if row is None or row["superseded_by"] is None:
            return False
        with self.transaction() as db:
            db.execute("UPDATE documents SET superseded_by = NULL WHERE doc_id = ?", (doc_id,))
            self._supersede(db, path, doc_id)
        return True

    def move(self, doc_id: str, path: str, file: str) -> None:
        """Record that a stored document's file now lives at another path (it was renamed)."""
        with self.transaction() as db:
            db.execute(
                "UPDATE documents SET path = ?, file = ? WHERE doc_id = ?", (path, file, doc_id)
            )

    def path_of(self, doc_id: str) -> str | None:
        """Return the path a document was last read from."""
        row = self.db.execute("SELECT path FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return row["path"] if row else None

    def update_metadata(self, doc_id: str, metadata: Metadata) -> bool:
        """Set a document's effective metadata; return whether anything changed."""
        with self.transaction() as db:
            cursor = db.execute(
                """UPDATE documents SET kind = ?, child = ?, partnership = ?, incident = ?,
                child_age_years = ?, incident_date = ?, review_date = ?, quarter = ?
                WHERE doc_id = ? AND (kind, child, partnership, incident, child_age_years,
                incident_date, review_date, quarter) IS NOT (?, ?, ?, ?, ?, ?, ?, ?)""",
                (*_metadata_values(metadata), doc_id, *_metadata_values(metadata)),
            )
            return cursor.rowcount > 0

    def inferred_metadata(self, doc_id: str) -> Metadata | None:
        """Return a document's metadata as inferred from its text, before any override."""
        row = self.db.execute(
            "SELECT inferred FROM documents WHERE doc_id = ?", (doc_id,)
        ).fetchone()
        return Metadata.from_dict(json.loads(row["inferred"])) if row and row["inferred"] else None

    def documents(
        self,
        *,
        include_superseded: bool = False,
        include_failed: bool = False,
        with_text: bool = True,
    ) -> list[Document]:
        """Return stored documents, oldest first (failed files only when asked).

        Args:
            include_superseded: Also older versions of changed files.
            include_failed: Also files that could not be ingested.
            with_text: Read each document's text; without it `text` is empty, and the
                documents take memory by their number, not by the corpus's words.
        """
        where = ["1 = 1"]
        if not include_superseded:
            where.append("superseded_by IS NULL")
        if not include_failed:
            where.append("status = 'ingested'")
        columns = "*"
        if not with_text:  # every column but the text
            names = [row["name"] for row in self.db.execute("PRAGMA table_info(documents)")]
            columns = ", ".join([*(n for n in names if n != "text"), "'' AS text"])
        rows = self.db.execute(
            f"SELECT {columns} FROM documents WHERE {' AND '.join(where)} "
            "ORDER BY file, ingested_at"
        )
        return [_document(row) for row in rows]

    def failures(self) -> list[Failure]:
        """Return the files that could not be ingested (current versions only)."""
        rows = self.db.execute(
            "SELECT doc_id, file, path, reason FROM documents WHERE status = 'failed' "
            "AND superseded_by IS NULL ORDER BY file"
        )
        return [
            Failure(file=r["file"], path=r["path"], doc_id=r["doc_id"], reason=r["reason"])
            for r in rows
        ]

    def listing(self, *, include_superseded: bool = False) -> list[dict[str, object]]:
        """Return one summary row per document, failed ones included, for `review-miner corpus`."""
        where = "" if include_superseded else "WHERE superseded_by IS NULL"
        rows = self.db.execute(
            f"""SELECT doc_id, file, status, kind, child, partnership, incident, child_age_years,
            quarter, n_pages AS pages, n_passages AS passages, n_words AS words, reason,
            superseded_by FROM documents {where} ORDER BY file, ingested_at"""
        )
        return [dict(row) for row in rows]

    def pages(self, doc_id: str) -> list[tuple[int, str]]:
        """Return a document's pages as (number, text) pairs."""
        rows = self.db.execute(
            "SELECT number, text FROM pages WHERE doc_id = ? ORDER BY number", (doc_id,)
        )
        return [(row["number"], row["text"]) for row in rows]

    def passages(self, doc_id: str | None = None) -> list[Passage]:
        """Return passages, of one document or of all current documents, in document order."""
        query = """SELECT p.* FROM passages p JOIN documents d USING (doc_id)
            WHERE d.superseded_by IS NULL"""
        args: tuple[str, ...] = ()
        if doc_id is not None:
            query = "SELECT p.* FROM passages p WHERE p.doc_id = ?"
            args = (doc_id,)
        rows = self.db.execute(query + " ORDER BY p.doc_id, p.idx", args).fetchall()
        sentences: dict[str, list[tuple[int, int]]] = {}
        sentence_query = 'SELECT passage_id, start, "end" FROM sentences ORDER BY passage_id, idx'
        sentence_args: tuple[str, ...] = ()
        if doc_id is not None:
            sentence_query = (
                'SELECT passage_id, start, "end" FROM sentences WHERE passage_id LIKE ? '
                "ORDER BY passage_id, idx"
            )
            sentence_args = (f"{doc_id}:%",)
        for row in self.db.execute(sentence_query, sentence_args):
            sentences.setdefault(row["passage_id"], []).append((row["start"], row["end"]))
        return [_passage(row, sentences) for row in rows]

    def passage_ids(self, kinds: Iterable[str], *, uncovered: bool = False) -> list[str]:
        """Return the ids of current documents' passages of these kinds, in document order.

        Args:
            kinds: Passage kinds (paragraph, bullet, ...).
            uncovered: Only passages that carry no code (no combined, non-negated tag); a
                passage never tagged counts as uncovered.
        """
        kinds = list(kinds)
        query = f"""SELECT p.passage_id FROM passages p JOIN documents d USING (doc_id)
            WHERE d.superseded_by IS NULL AND p.kind IN ({",".join("?" * len(kinds))})"""
        if uncovered:
            query += """ AND NOT EXISTS (SELECT 1 FROM tags t WHERE t.passage_id = p.passage_id
                AND t.method = 'combined' AND t.negated = 0)"""
        rows = self.db.execute(query + " ORDER BY p.doc_id, p.idx", kinds)
        return [row["passage_id"] for row in rows]

    def passages_by_id(self, passage_ids: Iterable[str]) -> dict[str, Passage]:
        """Return just these passages, by id (the evidence behind some flags, say)."""
        found: dict[str, Passage] = {}
        for chunk, marks in _chunks(sorted(set(passage_ids))):
            sentences = self._sentences(chunk)
            rows = self.db.execute(f"SELECT * FROM passages WHERE passage_id IN ({marks})", chunk)
            found.update({row["passage_id"]: _passage(row, sentences) for row in rows})
        return found

    def _sentences(self, passage_ids: list[str]) -> dict[str, list[tuple[int, int]]]:
        """The sentence spans of these passages, in order, by passage id."""
        sentences: dict[str, list[tuple[int, int]]] = {}
        for chunk, marks in _chunks(passage_ids):
            for row in self.db.execute(
                f'SELECT passage_id, start, "end" FROM sentences WHERE passage_id IN ({marks}) '
                "ORDER BY passage_id, idx",
                chunk,
            ):
                sentences.setdefault(row["passage_id"], []).append((row["start"], row["end"]))
        return sentences

    # Tags and embeddings ------------------------------------------------------------------------

    def tagged_ids(self, setup: str) -> set[str]:
        """Return the ids of passages already tagged under this set-up."""
        rows = self.db.execute("SELECT passage_id FROM tagged WHERE setup = ?", (setup,))
        return {row["passage_id"] for row in rows}

    def untagged_passages(self, setup: str, batch: int = 256) -> Iterator[list[Passage]]:
        """Yield the current documents' passages not tagged under this set-up, a batch at a time.

        Each batch is a fresh query that starts after the last passage of the batch before,
        in document order, so memory holds one batch whatever the size of the corpus, and
        tags saved between batches do not disturb the reading.
        """
        after: tuple[str, int] = ("", -1)
        while True:
            rows = self.db.execute(
                """SELECT p.* FROM passages p JOIN documents d USING (doc_id)
                WHERE d.superseded_by IS NULL AND (p.doc_id, p.idx) > (?, ?)
                AND NOT EXISTS (
                    SELECT 1 FROM tagged t WHERE t.passage_id = p.passage_id AND t.setup = ?
                )
                ORDER BY p.doc_id, p.idx LIMIT ?""",
                (*after, setup, batch),
            ).fetchall()
            if not rows:
                return
            sentences = self._sentences([row["passage_id"] for row in rows])
            yield [_passage(row, sentences) for row in rows]
            after = (rows[-1]["doc_id"], rows[-1]["idx"])

    def tagging_progress(self, setup: str) -> tuple[int, int]:
        """(passages of current documents tagged under this set-up, all such passages)."""
        row = self.db.execute(
            """SELECT count(t.passage_id) AS done, count(*) AS total FROM passages p
            JOIN documents d USING (doc_id)
            LEFT JOIN tagged t ON t.passage_id = p.passage_id AND t.setup = ?
            WHERE d.superseded_by IS NULL""",
            (setup,),
        ).fetchone()
        return row["done"], row["total"]

    def not_tagged_with_one_setup(self) -> int:
        """How many passages lack tags from the set-up most passages were tagged with."""
        rows = self.db.execute(
            """SELECT t.setup, count(*) AS n FROM passages p JOIN documents d USING (doc_id)
            LEFT JOIN tagged t USING (passage_id) WHERE d.superseded_by IS NULL
            GROUP BY t.setup ORDER BY n DESC"""
        ).fetchall()
        if not rows:
            return 0
        main = next((row for row in rows if row["setup"] is not None), None)
        total = sum(row["n"] for row in rows)
        return total - (main["n"] if main else 0)

    def save_tags(self, setup: str, passage_ids: list[str], tags: list[Tag]) -> None:
        """Replace the tags of these passages, in one transaction, and mark them tagged."""
        now = _now()
        with self.transaction() as db:
            db.executemany("DELETE FROM tags WHERE passage_id = ?", [(p,) for p in passage_ids])
            db.executemany(
                'INSERT INTO tags (passage_id, code, method, confidence, start, "end", negated) '
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (t.passage_id, t.code, t.method, t.confidence, t.start, t.end, int(t.negated))
                    for t in tags
                ],
            )
            db.executemany(
                "INSERT OR REPLACE INTO tagged (passage_id, setup, tagged_at) VALUES (?, ?, ?)",
                [(p, setup, now) for p in passage_ids],
            )

    def tags(
        self, method: str | None = "combined", doc_ids: Iterable[str] | None = None
    ) -> list[Tag]:
        """Return the tags of current documents' passages (all methods when `method` is None).

        Args:
            method: Only this method's tags (None: all).
            doc_ids: Only the tags of these documents' passages (None: every document's).
        """
        query = """SELECT t.* FROM tags t JOIN passages p USING (passage_id)
            JOIN documents d USING (doc_id) WHERE d.superseded_by IS NULL"""
        args: tuple[str, ...] = ()
        if method is not None:
            query += " AND t.method = ?"
            args = (method,)
        chunks: Iterable[tuple[list[str], str]] = [([], "")]
        if doc_ids is not None:
            # Ids are "doc_id:index": documents in id order keep the tags in passage order.
            chunks = _chunks(sorted(set(doc_ids)))
        tags = []
        for chunk, marks in chunks:
            where = f" AND p.doc_id IN ({marks})" if doc_ids is not None else ""
            rows = self.db.execute(
                query + where + " ORDER BY t.passage_id, t.code", (*args, *chunk)
            )
            tags += [
                Tag(
                    passage_id=row["passage_id"],
                    code=row["code"],
                    method=row["method"],
                    confidence=row["confidence"],
                    start=row["start"],
                    end=row["end"],
                    negated=bool(row["negated"]),
                )
                for row in rows
            ]
        return tags

    def tag_places(self, method: str = "combined") -> Iterator[TagPlace]:
        """Yield one method's tags of current documents' passages, one at a time.

        In passage order, each with its passage's review, page and section (not its text).
        """
        rows = self.db.execute(
            """SELECT t.passage_id, p.doc_id, t.code, t.confidence, t.start, t."end",
            t.negated, p.page, p.section FROM tags t JOIN passages p USING (passage_id)
            JOIN documents d USING (doc_id) WHERE d.superseded_by IS NULL AND t.method = ?
            ORDER BY t.passage_id, t.code""",
            (method,),
        )
        for row in rows:
            yield TagPlace(
                passage_id=row["passage_id"],
                doc_id=row["doc_id"],
                code=row["code"],
                confidence=row["confidence"],
                start=row["start"],
                end=row["end"],
                negated=bool(row["negated"]),
                page=row["page"],
                section=row["section"],
            )

    def codes_carried(self) -> set[tuple[str, str]]:
        """Return (doc id, code) for each code a current review carries.

        A review carries a code when one of its passages does (a combined, non-negated tag).
        """
        rows = self.db.execute(
            """SELECT DISTINCT p.doc_id, t.code FROM tags t JOIN passages p USING (passage_id)
            JOIN documents d USING (doc_id) WHERE d.superseded_by IS NULL
            AND t.method = 'combined' AND t.negated = 0"""
        )
        return {(row["doc_id"], row["code"]) for row in rows}

    def embeddings(self, passage_ids: list[str], model: str) -> dict[str, bytes]:
        """Return cached embedding vectors (raw float32 bytes) by passage id."""
        found: dict[str, bytes] = {}
        for chunk, marks in _chunks(passage_ids):
            rows = self.db.execute(
                "SELECT passage_id, vector FROM embeddings "
                f"WHERE model = ? AND passage_id IN ({marks})",
                (model, *chunk),
            )
            found.update({row["passage_id"]: row["vector"] for row in rows})
        return found

    def save_embeddings(self, model: str, vectors: dict[str, bytes]) -> None:
        """Cache embedding vectors by passage id and model name."""
        with self.transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO embeddings (passage_id, model, vector) VALUES (?, ?, ?)",
                [(pid, model, vector) for pid, vector in vectors.items()],
            )

    # Screening -------------------------------------------------------------------------------

    def screened_keys(self) -> dict[str, str]:
        """Return, per screened review, the key of the screening it had."""
        return {row["doc_id"]: row["key"] for row in self.db.execute("SELECT * FROM screened")}

    def save_screening(
        self, classes: dict[str, str], flags: list[Flag], keys: dict[str, str] | None = None
    ) -> None:
        """Replace paragraph classes and the flags of the flagged documents, in one transaction.

        `keys` records, per review, how it was screened, so that an unchanged review is not
        screened again.
        """
        with self.transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO screened (doc_id, key, screened_at) VALUES (?, ?, ?)",
                [(doc_id, key, _now()) for doc_id, key in (keys or {}).items()],
            )
            db.executemany(
                "INSERT OR REPLACE INTO paragraph_classes (passage_id, class) VALUES (?, ?)",
                list(classes.items()),
            )
            db.executemany(
                "DELETE FROM flags WHERE doc_id = ?", [(d,) for d in {f.doc_id for f in flags}]
            )
            db.executemany(
                "INSERT INTO flags (doc_id, name, value, evidence) VALUES (?, ?, ?, ?)",
                [(f.doc_id, f.name, f.value, json.dumps(list(f.evidence))) for f in flags],
            )

    def paragraph_classes(self, passage_ids: Iterable[str]) -> dict[str, str]:
        """Return the screening class (chronology, analysis, ...) of each classified passage."""
        classes: dict[str, str] = {}
        for chunk, marks in _chunks(list(passage_ids)):
            rows = self.db.execute(
                f"SELECT passage_id, class FROM paragraph_classes WHERE passage_id IN ({marks})",
                chunk,
            )
            classes.update({row["passage_id"]: row["class"] for row in rows})
        return classes

    def flags(self) -> list[Flag]:
        """Return the flags of current documents."""
        rows = self.db.execute(
            """SELECT f.* FROM flags f JOIN documents d USING (doc_id)
            WHERE d.superseded_by IS NULL ORDER BY f.doc_id, f.name"""
        )
        return [
            Flag(row["doc_id"], row["name"], row["value"], tuple(json.loads(row["evidence"])))
            for row in rows
        ]

    # Topics ----------------------------------------------------------------------------------

    def save_topics(
        self,
        key: str,
        settings: dict[str, object],
        topics: list[Topic],
        assignments: dict[str, int],
        note: str,
    ) -> None:
        """Replace the stored topics, their passages and how they were found, in one transaction.

        Args:
            key: Names the passages, settings and encoder the topics come from.
            settings: How the topics were found (JSON-ready).
            topics: The topics.
            assignments: Passage id -> topic number (-1 for an outlier), for every passage
                considered.
            note: What happened, in words (why there are no topics, say).
        """
        with self.transaction() as db:
            db.execute("DELETE FROM topics")
            db.execute("DELETE FROM topic_passages")
            db.execute("DELETE FROM topic_model")
            db.executemany(
                "INSERT INTO topics (topic, label, keywords, size, nearest_code, "
                "nearest_similarity, representative) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        t.topic,
                        t.label,
                        json.dumps([[word, weight] for word, weight in t.keywords]),
                        t.size,
                        t.nearest_code,
                        t.nearest_similarity,
                        json.dumps(list(t.representative)),
                    )
                    for t in topics
                ],
            )
            db.executemany(
                "INSERT INTO topic_passages (passage_id, topic) VALUES (?, ?)",
                list(assignments.items()),
            )
            db.execute(
                "INSERT INTO topic_model (key, fitted_at, settings, passages, note) "
                "VALUES (?, ?, ?, ?, ?)",
                (key, _now(), json.dumps(settings, sort_keys=True), len(assignments), note),
            )

    def topics(self) -> list[Topic]:
        """Return the stored topics, largest (topic 0) first."""
        return [
            Topic(
                topic=row["topic"],
                label=row["label"],
                keywords=tuple((word, weight) for word, weight in json.loads(row["keywords"])),
                size=row["size"],
                nearest_code=row["nearest_code"],
                nearest_similarity=row["nearest_similarity"],
                representative=tuple(json.loads(row["representative"])),
            )
            for row in self.db.execute("SELECT * FROM topics ORDER BY topic")
        ]

    def topic_assignments(self) -> dict[str, int]:
        """Return passage id -> topic number (-1 for an outlier) for the passages considered."""
        rows = self.db.execute("SELECT passage_id, topic FROM topic_passages ORDER BY passage_id")
        return {row["passage_id"]: row["topic"] for row in rows}

    def topic_model_info(self) -> dict[str, object] | None:
        """Return how the stored topics were found (key, fitted_at, settings, passages, note).

        None when topics were never looked for in this store.
        """
        row = self.db.execute("SELECT * FROM topic_model").fetchone()
        if row is None:
            return None
        info = dict(row)
        info["settings"] = json.loads(row["settings"])
        return info

    # Runs ------------------------------------------------------------------------------------

    def start_run(self, command: str) -> int:
        """Record the start of a run; return its id."""
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO runs (command, started_at) VALUES (?, ?)", (command, _now())
            )
            return int(cursor.lastrowid or 0)

    def last_run(self, command: str) -> dict[str, object] | None:
        """The summary of the last finished run of this command, or None."""
        row = self.db.execute(
            "SELECT summary FROM runs WHERE command = ? AND finished_at IS NOT NULL "
            "ORDER BY run_id DESC LIMIT 1",
            (command,),
        ).fetchone()
        return json.loads(row["summary"]) if row and row["summary"] else None

    def state(self) -> str:
        """A fingerprint of what reports are made from.

        It covers the current documents and their metadata, how their passages were tagged
        and screened, and the stored topics.
        """
        digest = hashlib.sha256()
        for query in (
            """SELECT doc_id, status, kind, incident, child_age_years, quarter, review_date,
            partnership FROM documents WHERE superseded_by IS NULL ORDER BY doc_id""",
            "SELECT setup, count(*) FROM tagged GROUP BY setup ORDER BY setup",
            "SELECT doc_id, key FROM screened ORDER BY doc_id",
            "SELECT key FROM topic_model",
        ):
            for row in self.db.execute(query):
                digest.update(json.dumps(list(row)).encode())
        return digest.hexdigest()[:16]

    def finish_run(self, run_id: int, summary: dict[str, object]) -> None:
        """Record the end of a run and what it did."""
        with self.transaction() as db:
            db.execute(
                "UPDATE runs SET finished_at = ?, summary = ? WHERE run_id = ?",
                (_now(), json.dumps(summary), run_id),
            )


def _chunks(ids: list[str], size: int = 500) -> Iterator[tuple[list[str], str]]:
    """Split ids for `IN (...)` queries, which SQLite limits in length; yield (ids, marks)."""
    for start in range(0, len(ids), size):
        chunk = ids[start : start + size]
        yield chunk, ",".join("?" * len(chunk))


def _passage(row: sqlite3.Row, sentences: dict[str, list[tuple[int, int]]]) -> Passage:
    return Passage(
        passage_id=row["passage_id"],
        doc_id=row["doc_id"],
        index=row["idx"],
        kind=row["kind"],
        text=row["text"],
        start=row["start"],
        end=row["end"],
        page=row["page"],
        page_end=row["page_end"],
        section=row["section"],
        heading_path=row["heading_path"],
        level=row["level"],
        sentences=tuple(sentences.get(row["passage_id"], ())),
    )


def _statements(script: str) -> list[str]:
    """Split a SQL script into statements, with SQLite's own notion of a complete one."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


def _metadata_values(meta: Metadata) -> tuple[object, ...]:
    return (
        meta.kind,
        meta.child,
        meta.partnership,
        meta.incident,
        meta.child_age_years,
        meta.incident_date.isoformat() if meta.incident_date else None,
        meta.review_date.isoformat() if meta.review_date else None,
        meta.quarter,
    )


def _document(row: sqlite3.Row) -> Document:
    metadata = Metadata.from_dict(
        {
            key: row[key]
            for key in (
                "kind",
                "child",
                "partnership",
                "incident",
                "child_age_years",
                "incident_date",
                "review_date",
                "quarter",
            )
        }
    )
    inferred = Metadata.from_dict(json.loads(row["inferred"])) if row["inferred"] else Metadata()
    return Document(
        doc_id=row["doc_id"],
        file=row["file"],
        path=row["path"],
        format=row["format"] or "",
        metadata=metadata,
        inferred=inferred,
        text=row["text"] or "",
        n_pages=row["n_pages"] or 0,
        warnings=tuple(json.loads(row["warnings"] or "[]")),
    )
