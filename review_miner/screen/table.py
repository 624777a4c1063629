"""The screening table: one row per screened review, from the stored flags, weakest first.

Each row cites the first evidence passages (page, section, paragraph) of the flags a reader
checks first, so that a person can follow a flag to the text behind it.
"""

from __future__ import annotations

import pandas as pd

from ..records import Flag, Passage
from ..store import Store

FLAG_COLUMNS = (
    "ethnicity",
    "chronology_share",
    "analysis_share",
    "chronology_heavy",
    "lcspr_rationale",
    "child_voice",
    "family_views",
    "practitioner_views",
    "learning",
    "recommendations",
    "specific_recommendations",
    "working_days",
)
"""The screened signals, in the order tables show them; each keeps its evidence."""
SCREEN_COLUMNS = (
    "file",
    "doc_id",
    "kind",
    "quarter",
    *FLAG_COLUMNS[:6],
    "weakness_score",
    "evidence",
    *FLAG_COLUMNS[6:],
)
"""The screening table's columns: the agreed ones first, then the rest of the scorecard."""


def screening_table(store: Store) -> pd.DataFrame:
    """The screening list from the stored flags: one row per review, weakest first."""
    flags_stored = store.flags()
    # Only the evidence the table cites (every chronology paragraph is evidence of its share).
    passages = store.passages_by_id(
        p for flag in flags_stored if flag.name in EVIDENCE_NOTED for p in flag.evidence[:2]
    )
    by_doc: dict[str, dict[str, Flag]] = {}
    for flag in flags_stored:
        by_doc.setdefault(flag.doc_id, {})[flag.name] = flag
    rows = []
    for document in store.documents(with_text=False):
        flags = by_doc.get(document.doc_id)
        if not flags:
            continue
        rows.append(
            {
                "file": document.file,
                "doc_id": document.doc_id,
                "kind": document.metadata.kind,
                "quarter": document.metadata.quarter,
                "ethnicity": flags["ethnicity"].value,
                "chronology_share": float(flags["chronology_share"].value),
                "analysis_share": float(flags["analysis_share"].value),
                "chronology_heavy": flags["chronology_heavy"].value,
                "lcspr_rationale": flags["lcspr_rationale"].value,
                "child_voice": flags["child_voice"].value,
                "weakness_score": int(flags["weakness_score"].value),
                "evidence": _evidence_note(flags, passages),
                "family_views": flags["family_views"].value,
                "practitioner_views": flags["practitioner_views"].value,
                "learning": flags["learning"].value,
                "recommendations": int(flags["recommendations"].value),
                "specific_recommendations": int(flags["specific_recommendations"].value),
                "working_days": int(flags["working_days"].value)
                if flags["working_days"].value
                else None,
            }
        )
    table = pd.DataFrame(rows, columns=list(SCREEN_COLUMNS))
    table["working_days"] = table["working_days"].astype("Int64")  # whole days, blank if no date
    return table.sort_values(["weakness_score", "file"], ascending=[False, True]).reset_index(
        drop=True
    )


EVIDENCE_NOTED = ("ethnicity", "chronology_heavy", "lcspr_rationale", "child_voice")
"""The flags whose first two evidence passages the screening table's `evidence` cites."""
ETHNICITY_BY_MODEL = "ethnicity_by_model"
"""The flag naming the ethnicity evidence only the paragraph model found (not the rules)."""


def _evidence_note(flags: dict[str, Flag], passages: dict[str, Passage]) -> str:
    """Short references a person can follow: "ethnicity: p2 §2. The child and family".

    Ethnicity evidence that only the paragraph model found ends in "(model)".
    """
    notes = []
    by_model = set(flags[ETHNICITY_BY_MODEL].evidence) if ETHNICITY_BY_MODEL in flags else set()
    for name in EVIDENCE_NOTED:
        references = []
        for passage_id in flags[name].evidence[:2]:
            passage = passages.get(passage_id)
            if passage is not None:
                found = " (model)" if name == "ethnicity" and passage_id in by_model else ""
                references.append(
                    f"p{passage.page} §{passage.section or '(cover)'} [{passage.index}]{found}"
                )
        if references:
            notes.append(f"{name}: " + "; ".join(references))
    return " | ".join(notes)
