"""The plain records that pass between pipeline stages.

Frozen dataclasses only: a stage takes records and returns records, the store saves them
and hands them back. Ids come from content, so re-running a stage never duplicates data.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path

DOCUMENT_KINDS: tuple[str, ...] = ("rapid_review", "lcspr", "scr", "national_review", "other")
INCIDENT_TYPES: tuple[str, ...] = ("death", "serious_harm", "other")


def content_id(data: bytes) -> str:
    """Return the id of a document: the first 16 hex digits of the SHA-256 of its bytes.

    64 bits keep ids readable in tables and exports; a collision among even a million
    documents has a probability of about 3e-8.
    """
    return hashlib.sha256(data).hexdigest()[:16]


def content_id_of_file(path: Path) -> str:
    """Return `content_id` of a file's bytes, read in chunks (reviews can be large scans)."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()[:16]


@dataclass(frozen=True)
class Line:
    """One line of text as a reader found it, with the layout hints segmentation uses.

    Attributes:
        text: The line's text, already normalised (ligatures, quotes, spaces).
        size: Font size in points; 0 when the format does not say (plain text).
        bold: Whether the whole line is set in a bold face.
        top: Distance from the top of the page to the top of the line, in points (PDF only).
        bottom: Distance from the top of the page to the bottom of the line (PDF only).
        heading_level: A heading level the source declares (a DOCX "Heading 2" style is 2,
            "Title" is 0); None when the source says nothing.
        starts_block: The source itself marks a new paragraph here (a DOCX paragraph, a
            blank line in a text file). PDFs have no such mark: gaps are measured instead.

    """

    text: str
    size: float = 0.0
    bold: bool = False
    top: float = 0.0
    bottom: float = 0.0
    heading_level: int | None = None
    starts_block: bool = False


@dataclass(frozen=True)
class Page:
    """A page of a document: its lines in reading order, page furniture removed."""

    number: int
    lines: tuple[Line, ...]
    has_images: bool = False

    @property
    def text(self) -> str:
        """The page's text, one line per line."""
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True)
class Metadata:
    """What is known about a review, from its text or from a metadata.csv override.

    Attributes:
        kind: rapid_review, lcspr, scr, national_review or other.
        child: The child's pseudonym as the review uses it ("Child F", "Baby R").
        partnership: The safeguarding partnership that wrote or commissioned the review.
        incident: death, serious_harm or other.
        child_age_years: The child's age at the incident, in years (months / 12).
        incident_date: Date of the incident.
        review_date: Date of the report (for a rapid review without one, the meeting).
        quarter: Calendar quarter of the review date, such as "2022Q4".

    """

    kind: str | None = None
    child: str | None = None
    partnership: str | None = None
    incident: str | None = None
    child_age_years: float | None = None
    incident_date: date | None = None
    review_date: date | None = None
    quarter: str | None = None

    def merged(self, overrides: Metadata) -> Metadata:
        """Return this metadata with every field that `overrides` sets replaced."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        for f in fields(overrides):
            value = getattr(overrides, f.name)
            if value is not None:
                values[f.name] = value
        if overrides.review_date is not None and overrides.quarter is None:
            values["quarter"] = quarter_of(overrides.review_date)
        return Metadata(**values)

    def to_dict(self) -> dict[str, object]:
        """Return the fields as JSON-ready values (dates as ISO strings)."""
        out: dict[str, object] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = value.isoformat() if isinstance(value, date) else value
        return out

    @classmethod
    def from_dict(cls, values: dict[str, object]) -> Metadata:
        """Build metadata from `to_dict` output."""
        parsed = dict(values)
        for key in ("incident_date", "review_date"):
            if parsed.get(key):
                parsed[key] = date.fromisoformat(str(parsed[key]))
        return cls(**parsed)


def quarter_of(day: date) -> str:
    """Return the calendar quarter of a date, such as "2022Q4"."""
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


@dataclass(frozen=True)
class Passage:
    """A paragraph, heading or bullet of a document: the unit that codes are applied to.

    Attributes:
        passage_id: "<doc_id>:<index>".
        doc_id: The document's id.
        index: Position of the passage in the document, from 0.
        kind: title, heading, paragraph or bullet.
        text: The passage's text.
        start: Offset of the passage's first character in the document's plain text.
        end: Offset just past its last character: `document.text[start:end] == text`.
        page: The page the passage starts on (1-based).
        page_end: The page it ends on (a paragraph can run over a page break).
        section: The nearest heading above the passage; None before the first heading.
        heading_path: All enclosing headings, outermost first, joined by " > ".
        level: For headings, the depth (0 for the title, 1 for "4.", 2 for "4.2").
        sentences: Sentence spans as (start, end) offsets into the passage text.

    """

    passage_id: str
    doc_id: str
    index: int
    kind: str
    text: str
    start: int
    end: int
    page: int
    page_end: int
    section: str | None = None
    heading_path: str | None = None
    level: int | None = None
    sentences: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Document:
    """A review as stored: where it came from, what it is about, and its plain text.

    Attributes:
        doc_id: Content id: `content_id` of the file's bytes.
        file: The file's name.
        path: The path it was last read from.
        format: pdf, docx or txt.
        metadata: Effective metadata: inferred from the text, then overridden by metadata.csv.
        inferred: Metadata as inferred from the text alone, kept so a changed metadata.csv
            can be applied again without reading the file.
        text: The document's plain text; passages' offsets point into it.
        n_pages: Number of pages.
        warnings: Problems that did not stop ingestion (pages without a text layer).

    """

    doc_id: str
    file: str
    path: str
    format: str
    metadata: Metadata
    inferred: Metadata
    text: str
    n_pages: int
    warnings: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Failure:
    """A file that could not be ingested, and why, in words a user can act on."""

    file: str
    path: str
    doc_id: str
    reason: str


@dataclass(frozen=True)
class Tag:
    """One application of a code to a passage, by one method, with its evidence.

    Attributes:
        passage_id: The passage (or, for `tag-text`, the input line's id).
        code: The code id, such as "risk.domestic_abuse".
        method: rules, similarity, supervised, or combined (the decision).
        confidence: 0..1: how strongly this method supports the code (see the README).
        start: Offset of the evidence in the passage text.
        end: Offset just past the evidence.
        negated: The passage mentions the code but denies it or speaks hypothetically
            ("no evidence of domestic abuse", "should consider substance misuse").
    """

    passage_id: str
    code: str
    method: str
    confidence: float
    start: int
    end: int
    negated: bool = False


@dataclass(frozen=True)
class Flag:
    """One screening result for one review: a named signal, its value and its evidence.

    Attributes:
        doc_id: The review.
        name: The signal, such as "ethnicity" or "chronology_heavy".
        value: Its value as text ("stated_only", "true", "0.62").
        evidence: Ids of the passages a person can read to check it.
    """

    doc_id: str
    name: str
    value: str
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Topic:
    """An emerging topic: a group of passages close in meaning, found by BERTopic.

    Attributes:
        topic: The topic's number, from 0, largest topic first (-1, outliers, is never a topic).
        label: Its top keywords joined by commas, for tables.
        keywords: (word, c-TF-IDF weight) pairs, strongest first.
        size: How many passages it holds.
        nearest_code: The codebook code closest in meaning to the topic's passages; None
            when the codebook has no codes.
        nearest_similarity: Cosine similarity between the topic's mean embedding and that
            code's closest definition or example.
        representative: Ids of the passages closest to the topic's centre, closest first.
    """

    topic: int
    label: str
    keywords: tuple[tuple[str, float], ...]
    size: int
    nearest_code: str | None
    nearest_similarity: float | None
    representative: tuple[str, ...]
