"""Tables built from the store with pandas: pure functions, no I/O but the store's reads."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..codebook import Codebook
from ..errors import ReviewMinerError
from ..store import Store


def code_matrix(store: Store, codebook: Codebook) -> pd.DataFrame:
    """Return the review-by-code matrix: one row per document, 1 where it carries a code.

    A review carries a code when at least one of its passages does (the combined decision;
    negated mentions excluded). Columns: file, doc_id, then one column per code id.
    """
    documents = store.documents()
    passage_doc = {
        row["passage_id"]: row["doc_id"]
        for row in store.db.execute("SELECT passage_id, doc_id FROM passages")
    }
    carried = {(passage_doc[t.passage_id], t.code) for t in store.tags("combined") if not t.negated}
    rows = []
    for document in documents:
        row: dict[str, object] = {"file": document.file, "doc_id": document.doc_id}
        row.update({code: int((document.doc_id, code) in carried) for code in codebook.ids})
        rows.append(row)
    return pd.DataFrame(rows, columns=["file", "doc_id", *codebook.ids])


def write_table(table: pd.DataFrame, path: Path, sheet: str = "table") -> None:
    """Write a table as CSV or XLSX, chosen by the file's extension."""
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        table.to_csv(path, index=False)
    elif suffix == ".xlsx":
        table.to_excel(path, index=False, sheet_name=sheet[:31])
    else:
        raise ReviewMinerError(f"{path}: write .csv or .xlsx")
