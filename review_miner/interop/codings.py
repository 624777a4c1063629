"""Codings: what each coder, person or machine, coded, and which passages they were given.

A person's codings come from a REFI-QDA project (`qdpx.import_project`) and live in the
store's `codings` table, with the passages they were given in `coder_passages`. The machine
is a coder too, named `review_miner`: its codes are the current tags (the combined decision,
present, not negated) and its passages every paragraph and bullet that has been tagged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from ..errors import ReviewMinerError
from ..store import Store, _chunks
from ..tag import TAGGABLE, Coded
from ..tagging import Item

MACHINE = "review_miner"
"""The machine's name as a coder (and as the coding user in exported projects)."""


@dataclass(frozen=True)
class Coding:
    """One code a person applied to (part of) one passage.

    Attributes:
        coder: Who coded it (the name given to `review-miner import qdpx --coder`).
        passage_id: The passage.
        code: The codebook's code id.
        start: Where the selection starts in the passage text (clipped to the passage).
        end: Where it ends in the passage text.
        doc_start: Where the whole selection starts in the document text.
        doc_end: Where it ends in the document text.
        selection: The selection's GUID in the imported project.
    """

    coder: str
    passage_id: str
    code: str
    start: int
    end: int
    doc_start: int
    doc_end: int
    selection: str


def check_coder_name(coder: str) -> str:
    """Return a usable coder name, or refuse an empty one or the machine's.

    Raises:
        ReviewMinerError: The name is empty or is the machine's.
    """
    name = coder.strip()
    if not name:
        raise ReviewMinerError("--coder needs a name, such as the researcher's initials")
    if name == MACHINE:
        raise ReviewMinerError(
            f"'{MACHINE}' is the machine's name as a coder; give the person's name"
        )
    return name


def save_codings(
    store: Store, coder: str, passage_ids: list[str], codings: list[Coding], source: str
) -> None:
    """Store a coder's codings of these passages, replacing what they had for the same ones.

    Importing a coder's project again (after more coding) therefore replaces, never adds
    twice; passages of theirs not in this import keep their earlier codings.
    """
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with store.transaction() as db:
        for chunk, marks in _chunks(sorted(set(passage_ids))):
            for table in ("codings", "coder_passages"):
                db.execute(
                    f"DELETE FROM {table} WHERE coder = ? AND passage_id IN ({marks})",
                    (coder, *chunk),
                )
        db.executemany(
            "INSERT INTO coder_passages (coder, passage_id, source, imported_at) "
            "VALUES (?, ?, ?, ?)",
            [(coder, pid, source, now) for pid in sorted(set(passage_ids))],
        )
        db.executemany(
            'INSERT OR IGNORE INTO codings (coder, passage_id, code, start, "end", doc_start, '
            "doc_end, selection) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (c.coder, c.passage_id, c.code, c.start, c.end, c.doc_start, c.doc_end, c.selection)
                for c in codings
            ],
        )


def human_coders(store: Store) -> list[str]:
    """Return the names of the people whose coding the store holds."""
    rows = store.db.execute("SELECT DISTINCT coder FROM coder_passages ORDER BY coder")
    return [row["coder"] for row in rows]


def all_coders(store: Store) -> list[str]:
    """Return every coder: the people, then the machine when any passage is tagged."""
    machine = store.db.execute("SELECT 1 FROM tagged LIMIT 1").fetchone()
    return human_coders(store) + ([MACHINE] if machine else [])


def coder_scope(store: Store, coder: str) -> set[str]:
    """Return the ids of the paragraphs and bullets of current documents a coder was given."""
    kinds = ",".join("?" * len(TAGGABLE))
    if coder == MACHINE:
        query = f"""SELECT p.passage_id FROM passages p JOIN documents d USING (doc_id)
            JOIN tagged t USING (passage_id)
            WHERE d.superseded_by IS NULL AND p.kind IN ({kinds})"""
        args: tuple[str, ...] = TAGGABLE
    else:
        query = f"""SELECT p.passage_id FROM passages p JOIN documents d USING (doc_id)
            JOIN coder_passages c USING (passage_id)
            WHERE d.superseded_by IS NULL AND p.kind IN ({kinds}) AND c.coder = ?"""
        args = (*TAGGABLE, coder)
    return {row["passage_id"] for row in store.db.execute(query, args)}


def coded_pairs(store: Store, coder: str) -> set[tuple[str, str]]:
    """Return the (passage id, code) pairs a coder coded present.

    For the machine these are the combined tags that are not negated: a mention the
    machine judged denied or hypothetical is not a code it applied.
    """
    if coder == MACHINE:
        return {(t.passage_id, t.code) for t in store.tags("combined") if not t.negated}
    rows = store.db.execute(
        "SELECT DISTINCT passage_id, code FROM codings WHERE coder = ?", (coder,)
    )
    return {(row["passage_id"], row["code"]) for row in rows}


def codings(store: Store, coder: str) -> list[Coding]:
    """Return a person's stored codings, in passage order."""
    rows = store.db.execute(
        'SELECT * FROM codings WHERE coder = ? ORDER BY passage_id, code, start, "end"', (coder,)
    )
    return [
        Coding(
            r["coder"],
            r["passage_id"],
            r["code"],
            r["start"],
            r["end"],
            r["doc_start"],
            r["doc_end"],
            r["selection"],
        )
        for r in rows
    ]


def coded_from_store(store: Store, coder: str) -> Coded:
    """Return a person's coding as training data.

    Every passage they were given, with the codes they applied (none is a valid answer:
    the passage carries no code).

    Raises:
        ReviewMinerError: The store holds no coding by this coder, or it is the machine.
    """
    if coder == MACHINE:
        raise ReviewMinerError(
            f"'{MACHINE}' is the machine: train on a person's coding (--from-coder NAME)"
        )
    scope = sorted(coder_scope(store, coder))
    if not scope:
        known = ", ".join(human_coders(store)) or "none yet"
        raise ReviewMinerError(
            f"{store.path}: no coding by '{coder}' (coders: {known}); "
            "import it with 'review-miner import qdpx FILE --coder NAME'"
        )
    passages = store.passages_by_id(scope)
    present: dict[str, set[str]] = {pid: set() for pid in scope}
    for pid, code in coded_pairs(store, coder):
        if pid in present:
            present[pid].add(code)
    items = [Item(pid, passages[pid].text) for pid in scope]
    return Coded(items, [present[pid] for pid in scope], [set() for _ in scope])
