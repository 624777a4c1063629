"""Frequency tables in the style of the Panel's annual report and the UEA/Birmingham analysis.

The unit is the review: a review counts once for a code however many of its passages carry
it (negated mentions excluded). Every table is a pandas DataFrame built from one frame of
reviews (`review_frame`), so each figure in the HTML report comes from a CSV beside it.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..ages import AGE_BANDS
from ..ages import age_band as _band
from ..codebook import Codebook
from ..screen import FLAG_COLUMNS
from ..store import Store
from .tables import code_matrix, ordered_codes

UNKNOWN = "not stated"
INCIDENTS = ("death", "serious_harm", "other")
ETHNICITY_STATUSES = ("absent", "stated_only", "stated_and_analysed")

# The "toxic trio": domestic abuse, parental mental ill-health and parental substance misuse
# (drugs or alcohol: either counts as the third element).
TRIO = {
    "domestic abuse": ("risk.domestic_abuse",),
    "parental mental ill-health": ("risk.parental_mental_ill_health",),
    "parental substance misuse": ("risk.parental_drug_misuse", "risk.parental_alcohol_misuse"),
}

STANDARD_GROUPS: dict[str, Sequence[str]] = {
    "incident": INCIDENTS,
    "kind": ("rapid_review", "lcspr"),
    "age_band": [band for band, _, _ in AGE_BANDS],
}
"""Groups every report shows, with zeros when a corpus has none."""

SPLITS = {"incident": "incident", "kind": "kind", "age": "age_band"}
"""Report splits: name in the file name -> column of the review frame."""


def age_band(age: float | None) -> str:
    """Return the Panel's age band for an age in years ("under 1", "1-4", ... "15-17")."""
    return _band(None if age is None or pd.isna(age) else float(age)) or UNKNOWN


SCREENING_COLUMNS = ("weakness_score", *FLAG_COLUMNS)
"""The screening results a review row carries, named as in screening.csv."""


def review_frame(store: Store, codebook: Codebook) -> pd.DataFrame:
    """One row per current review: metadata, screening results and a 0/1 column per code.

    Columns: doc_id, file, kind, incident, age_band, quarter, partnership, the screening
    results as screening.csv names them (weakness_score, ethnicity, chronology_share,
    analysis_share, chronology_heavy, lcspr_rationale, child_voice, family_views,
    practitioner_views, learning, recommendations, specific_recommendations, working_days;
    blank until the review is screened), then one column per code id in report order. A
    review with no stated incident counts as "other"; missing kind, quarter or age as "not
    stated".
    """
    matrix = code_matrix(store, codebook).set_index("doc_id")
    screened: dict[str, dict[str, str]] = {}
    for flag in store.flags():
        if flag.name in SCREENING_COLUMNS:
            screened.setdefault(flag.doc_id, {})[flag.name] = flag.value
    codes = [code.id for code in ordered_codes(codebook)]
    rows = []
    for document in store.documents(with_text=False):
        meta = document.metadata
        flags = screened.get(document.doc_id, {})
        results: dict[str, object] = {column: flags.get(column) for column in SCREENING_COLUMNS}
        heavy = results["chronology_heavy"]
        results["chronology_heavy"] = None if heavy is None else heavy == "true"
        rows.append(
            {
                "doc_id": document.doc_id,
                "file": document.file,
                "kind": meta.kind or UNKNOWN,
                "incident": meta.incident if meta.incident in INCIDENTS else "other",
                "age_band": age_band(meta.child_age_years),
                "quarter": meta.quarter or UNKNOWN,
                "partnership": meta.partnership,
                **results,
                **{code: int(matrix.at[document.doc_id, code]) for code in codes},
            }
        )
    columns = [
        "doc_id", "file", "kind", "incident", "age_band", "quarter", "partnership",
        *SCREENING_COLUMNS, *codes,
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns)
    # Numbers as screening.csv has them; whole ones stay whole (no "4.0"), blank if unknown.
    for column in ("weakness_score", "recommendations", "specific_recommendations",
                   "working_days"):  # fmt: skip
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
    for column in ("chronology_share", "analysis_share"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return frame


def _pct(n: int | float, base: int) -> float | None:
    return round(100 * n / base, 1) if base else None


def _groups(frame: pd.DataFrame, column: str | None, order: Sequence[str] = ()) -> list[str]:
    """"all", the standard groups always (so reports compare), then any others present."""
    if column is None:
        return ["all"]
    present = set(frame[column])
    return ["all", *order, *sorted(g for g in present if g not in order)]


def frequency_table(frame: pd.DataFrame, codebook: Codebook, by: str | None = None) -> pd.DataFrame:
    """Reviews carrying each code, as a number and a percentage, overall and per group.

    One row per code (frame, code, label), after a first row giving each group's number of
    reviews (the base of its percentages). For each group g two columns: `g_n` and `g_pct`,
    spaces in g written as underscores (`under_1_n`, `not_stated_pct`).

    Args:
        frame: From `review_frame`.
        codebook: The codes, in their order.
        by: None, or a column of the frame to split by: "incident", "kind" or "age_band".
    """
    order = STANDARD_GROUPS.get(by or "", ())
    groups = _groups(frame, by, order)
    parts = {g: frame if g == "all" else frame[frame[by] == g] for g in groups}
    # Column names without spaces ("under_1_n"), so R, Stata and pandas formulas take them.
    names = {group: str(group).replace(" ", "_") for group in groups}
    base: dict[str, object] = {"frame": "", "code": "", "label": "Reviews (base)"}
    for group, part in parts.items():
        name = names[group]
        base.update({f"{name}_n": len(part), f"{name}_pct": 100.0 if len(part) else None})
    rows = [base]
    for code in ordered_codes(codebook):
        row: dict[str, object] = {"frame": code.frame, "code": code.id, "label": code.label}
        for group, part in parts.items():
            n = int(part[code.id].sum())
            row.update({f"{names[group]}_n": n, f"{names[group]}_pct": _pct(n, len(part))})
        rows.append(row)
    return pd.DataFrame(rows)


def cooccurrence(frame: pd.DataFrame, codes: Sequence[str]) -> pd.DataFrame:
    """Reviews carrying both codes, for every pair: a square table (the diagonal: each alone)."""
    values = frame[list(codes)].astype(int)
    square = values.T @ values
    square.index.name = "code"
    return square.reset_index()


def toxic_trio(frame: pd.DataFrame) -> pd.DataFrame:
    """How many reviews show all three elements of the "toxic trio", exactly two, one or none.

    Parental substance misuse is drug or alcohol misuse. Each pattern of two is listed too.
    """
    present = pd.DataFrame(
        {name: frame[list(codes)].max(axis=1) > 0 for name, codes in TRIO.items()}
        if len(frame)
        else {name: pd.Series(dtype=bool) for name in TRIO}
    )
    count = present.sum(axis=1)
    names = list(TRIO)
    rows = [("all three", int((count == 3).sum()))]
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            (c,) = [n for n in names if n not in (a, b)]
            only = present[a] & present[b] & ~present[c]
            rows.append((f"{a} and {b} only", int(only.sum())))
    rows += [
        ("exactly two", int((count == 2).sum())),
        ("exactly one", int((count == 1).sum())),
        ("none", int((count == 0).sum())),
        ("at least two", int((count >= 2).sum())),
    ]
    return pd.DataFrame([{"pattern": p, "reviews": n, "pct": _pct(n, len(frame))} for p, n in rows])


def theme_by_risk(frame: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Reviews carrying both a practice theme (rows) and a risk factor (columns)."""
    themes = [c.id for c in codebook.in_frame("theme")]
    risks = [c.id for c in codebook.in_frame("risk")]
    table = frame[themes].astype(int).T @ frame[risks].astype(int)
    table.index.name = "theme"
    return table.reset_index()


def screening_summary(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """Ethnicity status and chronology-heavy shares of the screened reviews, per group.

    Reviews not yet screened are left out of the base.
    """
    screened = frame[frame["ethnicity"].notna()]
    rows = []
    for group in _groups(screened, by, STANDARD_GROUPS.get(by, ())):
        part = screened if group == "all" else screened[screened[by] == group]
        row: dict[str, object] = {by: group, "reviews": len(part)}
        for status in ETHNICITY_STATUSES:
            n = int((part["ethnicity"] == status).sum())
            row.update({f"ethnicity_{status}_n": n, f"ethnicity_{status}_pct": _pct(n, len(part))})
        heavy = int(part["chronology_heavy"].fillna(False).astype(bool).sum())
        row.update(chronology_heavy_n=heavy, chronology_heavy_pct=_pct(heavy, len(part)))
        rows.append(row)
    return pd.DataFrame(rows)


TOPIC_COLUMNS = (
    "topic", "label", "passages", "nearest_code", "nearest_label", "nearest_similarity",
    "example",
)  # fmt: skip


def topics_table(store: Store, codebook: Codebook) -> pd.DataFrame:
    """The emerging topics stored by `find_topics`: keywords, size, nearest code, an example."""
    labels = {code.id: code.label for code in codebook.codes}
    topics = store.topics()
    examples = store.passages_by_id(t.representative[0] for t in topics if t.representative)
    rows = [
        {
            "topic": t.topic,
            "label": t.label,
            "passages": t.size,
            "nearest_code": t.nearest_code,
            "nearest_label": labels.get(t.nearest_code or ""),
            "nearest_similarity": t.nearest_similarity,
            "example": examples[t.representative[0]].text[:300]
            if t.representative and t.representative[0] in examples
            else None,
        }
        for t in topics
    ]
    return pd.DataFrame(rows, columns=list(TOPIC_COLUMNS))


def report_tables(store: Store, codebook: Codebook) -> dict[str, pd.DataFrame]:
    """Every table of the frequency report, by the name of its CSV file (without .csv)."""
    frame = review_frame(store, codebook)
    co_codes = [c.id for c in codebook.codes if c.frame in ("risk", "harm", "context")]
    tables = {
        f"frequency_by_{name}": frequency_table(frame, codebook, column)
        for name, column in SPLITS.items()
    }
    tables.update(
        {
            "cooccurrence": cooccurrence(frame, co_codes),
            "toxic_trio": toxic_trio(frame),
            "theme_by_risk": theme_by_risk(frame, codebook),
            "screening_by_kind": screening_summary(frame, "kind"),
            "screening_by_quarter": screening_summary(frame, "quarter"),
            "topics": topics_table(store, codebook),
            "reviews": frame,
        }
    )
    return tables
