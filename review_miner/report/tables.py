"""Tables built from the store with pandas: pure functions, no I/O but the store's reads."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape

from ..codebook import Code, Codebook
from ..errors import ReviewMinerError
from ..screen import ETHNICITY_BY_MODEL, FLAG_COLUMNS
from ..store import Store

FRAME_QUERIES = {
    "documents": """SELECT doc_id, file, path, format, status, reason, kind, child, partnership,
        incident, child_age_years, incident_date, review_date, quarter, n_pages, n_passages,
        n_words FROM documents WHERE superseded_by IS NULL ORDER BY file""",
    "passages": """SELECT p.passage_id, p.doc_id, p.idx, p.kind, p.section, p.page, p.text,
        c.class AS paragraph_class FROM passages p JOIN documents d USING (doc_id)
        LEFT JOIN paragraph_classes c USING (passage_id)
        WHERE d.superseded_by IS NULL ORDER BY p.doc_id, p.idx""",
    "tags": """SELECT t.passage_id, p.doc_id, t.code, t.method, t.confidence, t.start, t."end",
        t.negated FROM tags t JOIN passages p USING (passage_id) JOIN documents d USING (doc_id)
        WHERE d.superseded_by IS NULL""",
    "flags": """SELECT f.doc_id, f.name, f.value, f.evidence FROM flags f
        JOIN documents d USING (doc_id) WHERE d.superseded_by IS NULL""",
}


def store_frames(store: Store) -> dict[str, pd.DataFrame]:
    """The store's current documents, passages, tags and flags as pandas DataFrames.

    For analysts who would rather explore in pandas than in SQL; superseded versions are
    left out. Tags of every method are there: `method == "combined"` is the decision.
    """
    return {name: pd.read_sql_query(sql, store.db) for name, sql in FRAME_QUERIES.items()}


FRAME_ORDER = ("theme", "risk", "harm", "context")
"""Report order: the Panel's practice themes first, then risk factors, harms and contexts."""


def ordered_codes(codebook: Codebook) -> list[Code]:
    """The codes in report order (FRAME_ORDER; a researcher's own frames after, as loaded)."""
    rank = {frame: i for i, frame in enumerate(FRAME_ORDER)}
    return sorted(codebook.codes, key=lambda code: rank.get(code.frame, len(rank)))


def code_matrix(store: Store, codebook: Codebook) -> pd.DataFrame:
    """Return the review-by-code matrix: one row per document, 1 where it carries a code.

    A review carries a code when at least one of its passages does (the combined decision;
    negated mentions excluded). Columns: file, doc_id, then one column per code id, in
    report order (themes, risks, harms, contexts).
    """
    documents = store.documents(with_text=False)
    carried = store.codes_carried()
    codes = [code.id for code in ordered_codes(codebook)]
    rows = []
    for document in documents:
        row: dict[str, object] = {"file": document.file, "doc_id": document.doc_id}
        row.update({code: int((document.doc_id, code) in carried) for code in codes})
        rows.append(row)
    return pd.DataFrame(rows, columns=["file", "doc_id", *codes])


WHOLE_COLUMNS = frozenset({"page", "pages", "passages", "words", "working_days"})
"""Counts and page numbers: whole numbers, blank when missing (pandas would write 4.0)."""
DECIMAL_COLUMNS = frozenset({"child_age_years"})
"""Numbers that may have a fraction (an age of 0.33 years): 9 stays 9, not 9.0."""


def clean_number(value: object) -> object:
    """A whole float as an int (9.0 -> 9), a missing one as None; anything else unchanged."""
    if isinstance(value, float):
        if value != value:  # NaN: a missing value
            return None
        if value.is_integer():
            return int(value)
    return value


def tidy_numbers(table: pd.DataFrame) -> pd.DataFrame:
    """The table with its counts and ages written as people write them (no "4.0 pages")."""
    table = table.copy()
    for column in table.columns:
        if column in WHOLE_COLUMNS:
            table[column] = pd.to_numeric(table[column]).round().astype("Int64")
        elif column in DECIMAL_COLUMNS:
            # Built as objects: `map` would infer float again and write 9.0.
            values = [clean_number(value) for value in table[column]]
            table[column] = pd.Series(values, index=table.index, dtype=object)
    return table


def write_table(table: pd.DataFrame, path: Path, sheet: str = "table") -> None:
    """Write a table as CSV or XLSX, chosen by the file's extension.

    An XLSX sheet has its header row frozen, a filter on every column and columns wide
    enough to read (the first holds file names).
    """
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ReviewMinerError(f"{path}: write .csv or .xlsx")
    path.parent.mkdir(parents=True, exist_ok=True)
    table = tidy_numbers(table)
    if suffix == ".csv":
        table.to_csv(path, index=False)
        return
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        table.to_excel(writer, index=False, sheet_name=sheet[:31])
        readable_sheet(writer.sheets[sheet[:31]], table)


def readable_sheet(worksheet, table: pd.DataFrame) -> None:  # noqa: ANN001 (openpyxl)
    """Freeze the header row, filter every column and widen columns to their contents."""
    from openpyxl.utils import get_column_letter

    worksheet.freeze_panes = "A2"
    if len(table.columns):
        worksheet.auto_filter.ref = worksheet.dimensions
    for index, column in enumerate(table.columns, start=1):
        # Cap long text (evidence) so that one passage does not make a column a page wide.
        longest = max(
            [len(str(column)), *(len(str(v)) for v in table[column].head(1000) if v is not None)]
        )
        worksheet.column_dimensions[get_column_letter(index)].width = min(longest + 2, 60)


EVIDENCE_COLUMNS = (
    "file",
    "doc_id",
    "code",
    "label",
    "passages",
    "negated_passages",
    "confidence",
    "passage_id",
    "page",
    "section",
    "evidence",
)


def code_evidence(store: Store, codebook: Codebook) -> pd.DataFrame:
    """Return one row per review and code it carries or only mentions negatively.

    `passages` counts the passages carrying the code; `negated_passages` those mentioning it
    only as denied or hypothetical. The strongest evidence is the carrying passage with the
    highest combined confidence: its id, page, section and the words that support the code
    (a rules match, or the whole passage).
    """
    labels = {code.id: code.label for code in codebook.codes}
    files = {d.doc_id: d.file for d in store.documents(with_text=False)}
    rows: dict[tuple[str, str], dict[str, object]] = {}
    spans: dict[tuple[str, str], tuple[int, int]] = {}
    # The tags with where their passage is, without its text: only the strongest evidence's
    # text is read, so memory follows the table, not the corpus.
    for tag in store.tag_places("combined"):
        if tag.code not in labels:
            continue
        key = (tag.doc_id, tag.code)
        row = rows.setdefault(
            key,
            {
                "file": files[tag.doc_id],
                "doc_id": tag.doc_id,
                "code": tag.code,
                "label": labels[tag.code],
                "passages": 0,
                "negated_passages": 0,
                "confidence": None,
            },
        )
        if tag.negated:
            row["negated_passages"] = int(row["negated_passages"]) + 1
            continue
        row["passages"] = int(row["passages"]) + 1
        if row["confidence"] is None or tag.confidence > float(row["confidence"]):
            row.update(
                confidence=tag.confidence,
                passage_id=tag.passage_id,
                page=tag.page,
                section=tag.section,
            )
            spans[key] = (tag.start, tag.end)
    texts = store.passages_by_id(str(rows[key]["passage_id"]) for key in spans)
    for key, (start, end) in spans.items():
        rows[key]["evidence"] = texts[str(rows[key]["passage_id"])].text[start:end]
    order = {code.id: i for i, code in enumerate(ordered_codes(codebook))}
    table = pd.DataFrame(list(rows.values()), columns=list(EVIDENCE_COLUMNS))
    table["order"] = table["code"].map(order)
    return table.sort_values(["file", "order"]).drop(columns="order").reset_index(drop=True)


def blank_missing(table: pd.DataFrame) -> pd.DataFrame:
    """The table with missing values as empty cells, for showing in HTML (not "nan")."""
    return table.astype(object).where(table.notna(), "")


def html_environment() -> Environment:
    """Jinja2 with the package's templates; escaping on, so document text shows as text."""
    return Environment(
        loader=PackageLoader("review_miner.report", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
    )


def write_screening_html(table: pd.DataFrame, store: Store, path: Path, weak_from: int) -> None:
    """Write the screening list as one self-contained HTML page: click a flag to read its evidence.

    Jinja2 escapes all document text, so a passage containing markup shows as text.
    """
    environment = html_environment()
    flag_columns = list(FLAG_COLUMNS)
    stored = store.flags()
    flags = [flag for flag in stored if flag.name in flag_columns]
    passages = store.passages_by_id(p for flag in flags for p in flag.evidence[:5])
    evidence: dict[str, dict[str, list]] = {}
    for flag in flags:
        evidence.setdefault(flag.doc_id, {})[flag.name] = [
            passages[p] for p in flag.evidence[:5] if p in passages
        ]
    # Ethnicity evidence only the paragraph model found is marked so (`screen/table.py`).
    by_model = {p for flag in stored if flag.name == ETHNICITY_BY_MODEL for p in flag.evidence}
    shown = table.copy()
    for column in ("chronology_share", "analysis_share"):
        shown[column] = shown[column].map(lambda v: f"{v:.2f}")
    html = environment.get_template("screening.html.j2").render(
        table=shown.to_dict(orient="records"),
        columns=["file", "kind", "quarter", "weakness_score", *flag_columns],
        flag_columns=flag_columns,
        evidence=evidence,
        by_model=by_model,
        weak_from=weak_from,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
