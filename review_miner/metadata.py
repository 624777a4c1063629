"""Metadata: what kind of review, whose, when, about what, inferred from the text.

Reviews put these facts in a cover block ("Date of incident: 8 January 2022") and in their
first sections ("Child A was three months old when she died"). Inference reads those; a
`metadata.csv` beside the files overrides any field for any file, because partnerships and
researchers often hold better records than a cover page.
"""

from __future__ import annotations

import csv
import re
from datetime import date, datetime
from pathlib import Path

from dateutil import parser as date_parser

from .errors import MetadataError
from .records import DOCUMENT_KINDS, INCIDENT_TYPES, Metadata, Passage, quarter_of

METADATA_FILE = "metadata.csv"
OVERRIDE_COLUMNS = (
    "kind",
    "partnership",
    "child",
    "incident",
    "child_age_years",
    "incident_date",
    "review_date",
    "quarter",
)

FRONT_CHARS = 3000
"""How far into the text the cover and opening sections reach, for kind, child and incident."""

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATE = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}"
    rf"|(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}"
    r"|\d{4}-\d{2}-\d{2}"
    rf"|(?:{_MONTHS})\s+\d{{4}})"
)
_INCIDENT_LABEL = (
    r"date\s+of\s+(?:the\s+)?(?:serious\s+)?(?:incident|death|injury|injuries)|incident\s+date"
)
# Most to least authoritative: the report's own date, its publication, then the meeting.
_REVIEW_LABELS = (
    r"date\s+of\s+(?:the\s+)?(?:final\s+)?report|report\s+date|final\s+report(?:\s+date)?|report\s+completed",
    r"published|date\s+of\s+publication|publication\s+date",
    r"date\s+of\s+(?:the\s+)?(?:rapid\s+)?review(?:\s+meeting)?|(?:rapid\s+)?review\s+meeting(?:\s+date)?",
)
_KINDS = (
    ("rapid_review", r"\brapid\s+review\b"),
    (
        "lcspr",
        r"\blocal\s+child\s+safeguarding\s+practice\s+review\b|\blcspr\b|\bchild\s+safeguarding\s+practice\s+review\b",
    ),
    ("scr", r"\bserious\s+case\s+review\b"),
    ("national_review", r"\bnational\s+review\b|\bnational\s+panel\s+review\b"),
)
_FILENAME_KINDS = (
    ("rapid_review", r"(^|[_\W])rr([_\W]|$)|rapid"),
    ("lcspr", r"lcspr"),
    ("scr", r"(^|[_\W])scr([_\W]|$)"),
)
_CHILD = re.compile(r"\b(?:Child|Baby|Infant|Young Person|Sibling)\s+[A-Z]{1,2}\d{0,2}\b")
_PARTNERSHIP_SUFFIX = re.compile(
    r"(?:Safeguarding Children Partnership|Children'?s Safeguarding Partnership"
    r"|Safeguarding Partnership|Safeguarding Children Board)\b"
)
# Words that stand before a partnership's name without being part of it.
_NOT_A_PLACE = frozenset(
    "The This A An By For Of To From And In On At With Child Baby Review".split()
)
_DEATH = re.compile(
    # (?<![-\w]): "non-fatal" and "near-fatal" injuries are serious harm, not a death.
    r"\b(died|death\s+of\s+(?:child|baby|infant|young)|was\s+found\s+dead|(?<![-\w])fatal(?:ly)?|passed\s+away|"
    r"was\s+killed|killed\s+by|murder(?:ed)?|manslaughter|took\s+(?:his|her|their)\s+own\s+life|"
    r"unexpected\s+death)\b",
    re.IGNORECASE,
)
_HARM = re.compile(
    r"\b((?:serious(?:ly)?|severe(?:ly)?)\s+(?:harm(?:ed)?|injur\w*|assaulted)|life[- ]changing|"
    r"life[- ]threatening|stab\s+wounds?|"
    r"admitted\s+to\s+hospital|fractures?|was\s+stabbed|overdose|hospitali[sz]ed|"
    r"sexual(?:ly)?\s+abused?|exploited)\b",
    re.IGNORECASE,
)
_NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty twenty-one twenty-two twenty-three "
        "twenty-four".split()
    )
}
_NUMBER = r"(\d{1,2}(?:\.\d)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
_UNIT = r"(years?|months?|weeks?|days?)"
_AGE_PATTERNS = (
    re.compile(rf"\b{_NUMBER}[\s-]{_UNIT}[\s-]old\b", re.IGNORECASE),
    re.compile(rf"\baged\s+{_NUMBER}(?:\s+{_UNIT})?\b", re.IGNORECASE),
    re.compile(rf"\bage\s+(?:of\s+)?{_NUMBER}(?:\s+{_UNIT})?\b", re.IGNORECASE),
)
_NOT_THE_CHILD = re.compile(
    r"\b(mother|father|parent|partner|brother|sister|sibling|grandmother|grandfather|aunt|uncle|"
    r"carer|stepfather|stepmother|cousin|mr|mrs|ms|man|woman|adult|he was then|older)\b",
    re.IGNORECASE,
)
_UNIT_YEARS = {"year": 1.0, "month": 1 / 12, "week": 1 / 52, "day": 1 / 365}


def parse_date(text: str) -> date | None:
    """Parse a date as reviews in England write them (day first); None when it is not one."""
    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)  # dayfirst would read 2022-01-08 as 1 August
        return date_parser.parse(text, dayfirst=True, default=datetime(2000, 1, 1)).date()
    except (ValueError, OverflowError):
        return None


def infer(text: str, passages: list[Passage], file_name: str = "") -> Metadata:
    """Infer a review's metadata from its plain text and passages.

    Args:
        text: The document's plain text.
        passages: Its passages (the title, when found, decides the kind).
        file_name: The file's name, a last resort for the kind ("rr_...", "lcspr_...").

    Returns:
        Metadata with None wherever the text does not say.

    """
    front = text[:FRONT_CHARS]
    title = next((p.text for p in passages if p.kind == "title"), "")
    review_date = next(
        (d for label in _REVIEW_LABELS if (d := _labelled_date(text, label)) is not None), None
    )
    incident_date = _labelled_date(text, _INCIDENT_LABEL) or _narrated_incident_date(front)
    child = _CHILD.search(title) or _CHILD.search(front)
    partnership = _partnership(front)
    return Metadata(
        kind=_kind(title, front, file_name),
        child=child.group(0) if child else None,
        partnership=partnership,
        incident=_incident(front, title),
        child_age_years=_age(front, child.group(0) if child else None),
        incident_date=incident_date,
        review_date=review_date,
        quarter=quarter_of(review_date) if review_date else None,
    )


def _labelled_date(text: str, label: str) -> date | None:
    # At a line's start, or after a sentence with a colon ("... in October 2023. Date of
    # report: 9 February 2024."), where a text file's paragraph has run the lines together.
    match = re.search(
        rf"(?:(?:^|\n)\s*(?:{label})\s*[:\-]?|(?<=[.;!?])\s+(?:{label})\s*:)\s*(?:on\s+)?"
        rf"({_DATE})",
        text,
        re.IGNORECASE,
    )
    return parse_date(match.group(1)) if match else None


def _narrated_incident_date(front: str) -> date | None:
    match = re.search(
        rf"\b(?:died|was\s+admitted|was\s+found|was\s+taken\s+to\s+hospital|sustained|"
        rf"was\s+(?:\w+\s+)?(?:injured|assaulted|harmed|stabbed))"
        rf"[^.]{{0,80}}?\bon\s+({_DATE})",
        front,
        re.IGNORECASE,
    )
    return parse_date(match.group(1)) if match else None


def _kind(title: str, front: str, file_name: str) -> str:
    for place in (title, front[:600]):
        for kind, pattern in _KINDS:
            if re.search(pattern, place, re.IGNORECASE):
                return kind
    for kind, pattern in _FILENAME_KINDS:
        if re.search(pattern, file_name, re.IGNORECASE):
            return kind
    return "other"


def _partnership(front: str) -> str | None:
    """The first partnership named: the place words before "Safeguarding Children Partnership"."""
    for match in _PARTNERSHIP_SUFFIX.finditer(front):
        line_start = front.rfind("\n", 0, match.start()) + 1
        words = front[line_start : match.start()].split()
        place: list[str] = []
        for word in reversed(words):
            if word in ("and", "&") and place:
                place.insert(0, word)
            elif word[:1].isupper() and word not in _NOT_A_PLACE and len(place) < 5:
                place.insert(0, word)
            else:
                break
        while place and place[0] in ("and", "&"):
            place.pop(0)
        if place:
            return " ".join([*place, match.group(0)])
    return None


def _incident(front: str, title: str) -> str | None:
    body = front.replace(title, "", 1)
    if _DEATH.search(body):
        return "death"
    if _HARM.search(body):
        return "serious_harm"
    return None


def _age(front: str, child: str | None) -> float | None:
    """The child's age, from the first age stated in a sentence about the child."""
    candidates: list[tuple[int, float, bool]] = []
    for sentence_start, sentence in _sentences_with_offsets(front):
        about_child = bool(child and child in sentence) or not _NOT_THE_CHILD.search(sentence)
        for pattern in _AGE_PATTERNS:
            for match in pattern.finditer(sentence):
                # Only the words just before the age say whose age it is ("Mother, aged 19").
                before = sentence[max(0, match.start() - 40) : match.start()]
                if _NOT_THE_CHILD.search(before) and not (child and child in before):
                    continue
                years = _to_years(
                    match.group(1),
                    match.group(2) if match.lastindex and match.lastindex >= 2 else None,
                )
                if years is not None:
                    candidates.append((sentence_start + match.start(), years, about_child))
    preferred = [c for c in candidates if c[2]] or candidates
    return min(preferred)[1] if preferred else None


def _sentences_with_offsets(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in re.finditer(r"[^.!?\n]+[.!?]?", text)]


def _to_years(number: str, unit: str | None) -> float | None:
    value = _NUMBER_WORDS.get(number.lower())
    amount = float(value) if value is not None else float(number)
    per_year = _UNIT_YEARS[(unit or "year").lower().rstrip("s")]
    years = round(amount * per_year, 2)
    return years if 0 <= years < 19 else None


def load_overrides(folder: Path) -> dict[str, Metadata]:
    """Read `metadata.csv` in a folder, if there is one, keyed by file name.

    Blank cells mean "infer from the text". Unknown columns, unknown kinds or incident types,
    unreadable dates and ages are errors naming the file, row and column, because a silently
    ignored correction is worse than none.

    Raises:
        MetadataError: The file has a problem; the message says where.

    """
    path = folder / METADATA_FILE
    if not path.is_file():
        return {}
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            columns = [c.strip() for c in reader.fieldnames or []]
            if "file" not in columns:
                raise MetadataError(f"{path}: no 'file' column (columns: {', '.join(columns)})")
            unknown = [c for c in columns if c and c != "file" and c not in OVERRIDE_COLUMNS]
            if unknown:
                raise MetadataError(
                    f"{path}: unknown column '{unknown[0]}' "
                    f"(known: file, {', '.join(OVERRIDE_COLUMNS)})"
                )
            overrides = {}
            for row_number, row in enumerate(reader, start=2):
                row = {k.strip(): (v or "").strip() for k, v in row.items() if k}
                if not row.get("file"):
                    continue
                if row["file"] in overrides:
                    raise MetadataError(
                        f"{path}: row {row_number}: '{row['file']}' has a row already; "
                        "one row per file"
                    )
                overrides[row["file"]] = _override_row(path, row_number, row)
            return overrides
    except UnicodeDecodeError as exc:
        raise MetadataError(f"{path}: not UTF-8 text: re-save it as UTF-8 CSV") from exc
    except csv.Error as exc:
        raise MetadataError(f"{path}: not a readable CSV file ({exc})") from exc


def _override_row(path: Path, row_number: int, row: dict[str, str]) -> Metadata:
    def fail(column: str, message: str) -> MetadataError:
        return MetadataError(f"{path}: row {row_number}, column '{column}': {message}")

    values: dict[str, object] = {}
    for column in OVERRIDE_COLUMNS:
        raw = row.get(column, "")
        if not raw:
            continue
        if column == "kind":
            if raw not in DOCUMENT_KINDS:
                raise fail(column, f"'{raw}' is not one of {', '.join(DOCUMENT_KINDS)}")
            values[column] = raw
        elif column == "incident":
            if raw not in INCIDENT_TYPES:
                raise fail(column, f"'{raw}' is not one of {', '.join(INCIDENT_TYPES)}")
            values[column] = raw
        elif column == "child_age_years":
            try:
                age = float(raw)
            except ValueError:
                age = -1.0
            if not 0 <= age < 19:
                raise fail(
                    column, f"'{raw}' is not an age in years from 0 to 18 (use 0.25 for 3 months)"
                )
            values[column] = age
        elif column in ("incident_date", "review_date"):
            parsed = parse_date(raw) if re.fullmatch(_DATE, raw, re.IGNORECASE) else None
            if parsed is None:
                raise fail(column, f"'{raw}' is not a date (use 2022-03-14 or 14/03/2022)")
            values[column] = parsed
        elif column == "quarter":
            if not re.fullmatch(r"\d{4}Q[1-4]", raw):
                raise fail(column, f"'{raw}' is not a quarter like 2022Q4")
            values[column] = raw
        else:
            values[column] = raw
    return Metadata(**values)
