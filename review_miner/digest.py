"""The quarterly learning digest: what the quarter's rapid reviews and LCSPRs say, for analysts.

Headline counts, theme and risk-factor frequencies against the previous quarter and the last
four, pseudonymised quotations per theme, emerging topics, the screening summary and a
methods note. Built as plain data (`Digest`) and rendered to HTML (Jinja2) or DOCX
(python-docx).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from . import __version__
from .codebook import Codebook
from .errors import ReviewMinerError
from .pseudonymise import place_words, pseudonymise
from .quarters import last_quarters, latest_quarter, previous_quarter
from .report.frequency import UNKNOWN, ordered_codes, review_frame
from .report.tables import blank_missing, html_environment
from .store import Store
from .tag import TAGGABLE

QUOTE_FRAMES = ("theme",)
FREQUENCY_FRAMES = ("theme", "risk", "harm")
QUOTE_CHARACTERS = (80, 900)  # shorter is a heading or fragment; longer, a page of narrative
# The screen's paragraph classes (review_miner/screen/paragraphs.py) that are not quoted:
# methodology, logistics and recommendations restate the terms of reference, and a
# chronology entry says what happened, not what was learnt from it.
UNQUOTED_CLASSES = ("chronology", "other", "recommendation")
# A paragraph opening on a full date ("14/06/2021 - The health visitor called", "On 2 March
# 2021 ...") is a chronology entry even in a review the screen has not classed.
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATED_ENTRY = re.compile(
    r"^\W*(?:\d+(?:\.\d+)*\s+)?(?:on\s+)?(?:the\s+)?(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})\b",
    re.IGNORECASE,
)
DIVERSITY = 0.35  # weight of dissimilarity against confidence when choosing quotations

CAUTION = (
    "These are machine codes and machine screens, to be checked by a person: a code means a "
    "passage looked like the theme or factor to the tagger, not that a reviewer found it."
)
PSEUDONYMISED_NOTE = (
    "Quotations are chosen by the tagger's confidence and pseudonymised by a model that can "
    "miss a name: names, places, organisations and dates of birth become placeholders such as "
    "[name] and [place]; read each quotation before it is shared."
)
NOT_PSEUDONYMISED_NOTE = (
    "Quotations are chosen by the tagger's confidence and are NOT pseudonymised: do not share "
    "this digest outside the team."
)
# One set of section titles for the HTML and the Word digest.
SECTIONS = {
    "headline": "Headline counts",
    "frequencies": "Themes, risk factors and harms",
    "quotes": "In the reviews' words",
    "topics": "Emerging topics",
    "screening": "Screening",
    "methods": "Methods",
}
NO_QUOTE = "No passage of this quarter's reviews was coded with this theme and quotable."
NO_SCREENING = "No review of the quarter lacks a statement of ethnicity or is chronology-heavy."


@dataclass(frozen=True)
class Quote:
    """One illustrative quotation for a code."""

    code: str
    text: str
    file: str
    page: int
    section: str | None
    confidence: float
    passage_id: str


@dataclass
class Digest:
    """Everything a quarter's digest shows, ready to render."""

    quarter: str
    previous: str
    trend_quarters: list[str]
    headline: pd.DataFrame  # measure, this quarter, previous quarter
    frequencies: pd.DataFrame  # per code: n, %, previous, change, trend
    quotes: dict[str, list[Quote]]  # code id -> quotations
    labels: dict[str, str]  # code id -> label
    topics: list[dict[str, object]]
    screening: pd.DataFrame  # reviews of the quarter lacking ethnicity or chronology-heavy
    methods: dict[str, object]
    pseudonymised: bool
    generated: str = field(default_factory=lambda: datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))

    @property
    def banner(self) -> tuple[str, str]:
        """The caution at the top: machine codes, then whether quotations are pseudonymised."""
        return CAUTION, PSEUDONYMISED_NOTE if self.pseudonymised else NOT_PSEUDONYMISED_NOTE


def headline_counts(frame: pd.DataFrame) -> dict[str, int]:
    """Reviews, deaths, serious harm, rapid reviews and LCSPRs among these reviews."""
    return {
        "reviews": len(frame),
        "deaths": int((frame["incident"] == "death").sum()),
        "serious harm": int((frame["incident"] == "serious_harm").sum()),
        "rapid reviews": int((frame["kind"] == "rapid_review").sum()),
        "LCSPRs": int((frame["kind"] == "lcspr").sum()),
    }


def quarter_frequencies(
    frame: pd.DataFrame,
    codebook: Codebook,
    quarter: str,
    frames: tuple[str, ...] = FREQUENCY_FRAMES,
) -> pd.DataFrame:
    """Per code: reviews this quarter (n, %), the previous quarter, the change, the last four.

    `change_pp` is the change in percentage points; the trend columns hold the percentage of
    each of the last four quarters' reviews (empty for a quarter without reviews).
    """
    trend = last_quarters(quarter, 4)
    previous = previous_quarter(quarter)
    parts = {q: frame[frame["quarter"] == q] for q in {*trend, previous}}

    def pct(part: pd.DataFrame, code: str) -> float | None:
        return round(100 * part[code].sum() / len(part), 1) if len(part) else None

    rows = []
    for code in ordered_codes(codebook):
        if code.frame not in frames:
            continue
        now, before = parts[quarter], parts[previous]
        row: dict[str, object] = {
            "frame": code.frame,
            "code": code.id,
            "label": code.label,
            "n": int(now[code.id].sum()),
            "pct": pct(now, code.id),
            "previous_n": int(before[code.id].sum()),
            "previous_pct": pct(before, code.id),
        }
        row["change_pp"] = (
            round(row["pct"] - row["previous_pct"], 1)  # type: ignore[operator]
            if row["pct"] is not None and row["previous_pct"] is not None
            else None
        )
        row.update({f"trend_{q}": pct(parts[q], code.id) for q in trend})
        rows.append(row)
    return pd.DataFrame(rows)


def quotable(text: str, paragraph_class: str | None) -> bool:
    """Whether a passage may illustrate a theme: learning or analysis, not a chronology entry.

    Args:
        text: The passage.
        paragraph_class: The screen's class of it, None where the review was not screened.
    """
    return paragraph_class not in UNQUOTED_CLASSES and not DATED_ENTRY.match(text)


def choose_quotes(candidates: list[Quote], n: int, diversity: float = DIVERSITY) -> list[Quote]:
    """Pick up to n quotations: confident ones, unlike each other, at most one per review.

    Maximal marginal relevance over TF-IDF vectors: each pick maximises
    (1 - diversity) * confidence - diversity * (its highest cosine to those already picked).
    """
    if not candidates:
        return []
    vectors = TfidfVectorizer(stop_words="english").fit_transform([q.text for q in candidates])
    similarity = cosine_similarity(vectors)
    chosen: list[int] = []
    files: set[str] = set()
    while len(chosen) < n:
        best, best_score = None, float("-inf")
        for i, quote in enumerate(candidates):
            if i in chosen or quote.file in files:
                continue
            overlap = max((similarity[i, j] for j in chosen), default=0.0)
            score = (1 - diversity) * quote.confidence - diversity * overlap
            if score > best_score:
                best, best_score = i, score
        if best is None:
            break
        chosen.append(best)
        files.add(candidates[best].file)
    return [candidates[i] for i in chosen]


def _quotes(
    store: Store,
    codebook: Codebook,
    files: dict[str, str],
    per_code: int,
    pseudonymised: bool,
    partnerships: list[str],
) -> dict[str, list[Quote]]:
    """Quotations per theme from the reviews in `files` (doc id -> file name)."""
    codes = {c.id for c in codebook.codes if c.frame in QUOTE_FRAMES}
    tags = [
        t
        for t in store.tags("combined", doc_ids=files)  # the quarter's, not the corpus's
        if t.code in codes and not t.negated and t.passage_id.split(":")[0] in files
    ]
    passages = store.passages_by_id({t.passage_id for t in tags})
    classes = store.paragraph_classes(passages)
    candidates: dict[str, list[Quote]] = {}
    low, high = QUOTE_CHARACTERS
    for tag in sorted(tags, key=lambda t: -t.confidence):
        passage = passages.get(tag.passage_id)
        if passage is None or passage.kind not in TAGGABLE:
            continue
        if not low <= len(passage.text) <= high or passage.text.rstrip().endswith("?"):
            continue  # a heading, a fragment, a page of narrative or a key line of enquiry
        if not quotable(passage.text, classes.get(passage.passage_id)):
            continue
        candidates.setdefault(tag.code, []).append(
            Quote(
                tag.code,
                passage.text,
                files[passage.doc_id],
                passage.page,
                passage.section,
                round(tag.confidence, 2),
                passage.passage_id,
            )
        )
    chosen = {
        code: choose_quotes(candidates.get(code, []), per_code)
        for code in codebook.ids
        if code in codes
    }
    if pseudonymised:
        chosen = {
            code: [replace(q, text=pseudonymise(q.text, partnerships)) for q in quotes]
            for code, quotes in chosen.items()
        }
    return chosen


def _topics(
    store: Store, doc_ids: set[str], labels: dict[str, str], pseudonymised: bool, places: set[str]
) -> list[dict[str, object]]:
    assignments = store.topic_assignments()
    counts: dict[int, int] = {}
    for passage_id, topic in assignments.items():
        if passage_id.split(":")[0] in doc_ids:
            counts[topic] = counts.get(topic, 0) + 1
    return [
        {
            "topic": t.topic,
            "label": _without_places(t.label, places) if pseudonymised else t.label,
            "passages_this_quarter": counts[t.topic],
            "passages_in_all": t.size,
            "nearest_code": labels.get(t.nearest_code or "", t.nearest_code or ""),
        }
        for t in sorted(store.topics(), key=lambda t: -counts.get(t.topic, 0))
        if counts.get(t.topic)
    ]


def _without_places(label: str, places: set[str]) -> str:
    """A topic's keywords without the places in partnership names (they say where)."""
    words = [w.strip() for w in label.split(",")]
    return ", ".join(w if w.lower() not in places else "[place]" for w in words)


def methods_note(codebook: Codebook, models: Path) -> dict[str, object]:
    """Codebook version, models, thresholds and the measured accuracy, for the methods note."""
    note: dict[str, object] = {
        "codebook": f"{codebook.version} ({len(codebook.codes)} codes; "
        + ", ".join(Path(f).name for f in codebook.files)
        + ")",
        "review_miner": __version__,
    }
    card = models / "supervised.card.json"
    if card.exists():
        data = json.loads(card.read_text(encoding="utf-8"))
        training = data.get("training_data", {})
        note["models"] = (
            f"{data.get('model')}; trained {str(data.get('trained_at', ''))[:10]} on "
            f"{training.get('passages')} passages ({training.get('source')})"
        )
    decision = models / "tagger.yaml"
    if decision.exists():
        frames = (yaml.safe_load(decision.read_text(encoding="utf-8")) or {}).get("frames", {})
        note["thresholds"] = ", ".join(
            f"{frame} {spec['threshold']}" for frame, spec in frames.items() if "threshold" in spec
        )
    evaluation = models / "evaluation.json"
    note["accuracy"] = (
        json.loads(evaluation.read_text(encoding="utf-8"))
        if evaluation.exists()
        else "no held-out evaluation is on record for these models"
    )
    note["caution"] = CAUTION
    return note


def build_digest(
    store: Store,
    codebook: Codebook,
    quarter: str | None = None,
    *,
    models: Path | None = None,
    pseudonymised: bool = True,
    quotes_per_theme: int = 3,
) -> Digest:
    """Build the digest of a quarter (default: the latest quarter with reviews in the store)."""
    from .tag import MODELS

    frame = review_frame(store, codebook)
    quarter = quarter or latest_quarter(list(frame["quarter"]))
    if quarter is None:
        raise ReviewMinerError(
            "no review in the store has a quarter: set review_date in metadata.csv"
        )
    trend = last_quarters(quarter, 4)
    previous = previous_quarter(quarter)
    if not (frame["quarter"] == trend[-1]).any():
        known = sorted({q for q in frame["quarter"] if q != UNKNOWN})
        raise ReviewMinerError(
            f"no review in the store is dated in {trend[-1]}; quarters with reviews: "
            + (", ".join(known) or "none")
        )
    now, before = frame[frame["quarter"] == trend[-1]], frame[frame["quarter"] == previous]
    headline = pd.DataFrame(
        {
            "measure": list(headline_counts(now)),
            trend[-1]: list(headline_counts(now).values()),
            previous: list(headline_counts(before).values()),
        }
    )
    doc_ids = set(now["doc_id"])
    labels = {c.id: c.label for c in codebook.codes}
    partnerships = sorted({p for p in frame["partnership"] if isinstance(p, str) and p})
    flagged = now[(now["ethnicity"] == "absent") | (now["chronology_heavy"] == True)]  # noqa: E712
    return Digest(
        quarter=trend[-1],
        previous=previous,
        trend_quarters=trend,
        headline=headline,
        frequencies=quarter_frequencies(frame, codebook, trend[-1]),
        quotes=_quotes(
            store,
            codebook,
            dict(zip(now["doc_id"], now["file"], strict=True)),
            quotes_per_theme,
            pseudonymised,
            partnerships,
        ),
        labels=labels,
        topics=_topics(store, doc_ids, labels, pseudonymised, place_words(partnerships)),
        screening=flagged[["file", "kind", "ethnicity", "chronology_heavy"]].reset_index(drop=True),
        methods=methods_note(codebook, models or MODELS),
        pseudonymised=pseudonymised,
    )


def render_digest_html(digest: Digest) -> str:
    """The digest as one self-contained HTML page (escaped; no external references)."""
    return (
        html_environment()
        .get_template("digest.html.j2")
        .render(
            d=digest,
            frequencies=blank_missing(digest.frequencies),
            sections=SECTIONS,
            no_quote=NO_QUOTE,
            no_screening=NO_SCREENING,
        )
    )


def write_digest(digest: Digest, path: Path) -> Path:
    """Write the digest as HTML, or DOCX when the path ends in .docx."""
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        path.write_text(render_digest_html(digest), encoding="utf-8")
    elif suffix == ".docx":
        _write_docx(digest, path)
    else:
        raise ReviewMinerError(f"{path}: write the digest as .html or .docx")
    return path


def _write_docx(digest: Digest, path: Path) -> None:
    from docx import Document as WordDocument

    word = WordDocument()
    word.add_heading(f"Learning digest: {digest.quarter}", 0)
    caution, note = digest.banner
    word.add_paragraph(caution)
    word.add_paragraph().add_run(note).bold = not digest.pseudonymised
    word.add_heading(SECTIONS["headline"], 1)
    _docx_table(word, digest.headline)
    word.add_heading(SECTIONS["frequencies"], 1)
    columns = ["label", "n", "pct", "previous_pct", "change_pp"]
    _docx_table(word, digest.frequencies[columns])
    word.add_heading(SECTIONS["quotes"], 1)
    for code, quotes in digest.quotes.items():
        word.add_heading(digest.labels[code], 2)
        for quote in quotes:
            word.add_paragraph(quote.text, style="Quote")
            section = f", {quote.section}" if quote.section else ""
            word.add_paragraph(
                f"{quote.file}, page {quote.page}{section}; confidence {quote.confidence}"
            )
        if not quotes:
            word.add_paragraph(NO_QUOTE)
    word.add_heading(SECTIONS["topics"], 1)
    if digest.topics:
        _docx_table(word, pd.DataFrame(digest.topics))
    else:
        word.add_paragraph("No emerging topic has passages in this quarter's reviews.")
    word.add_heading(SECTIONS["screening"], 1)
    if len(digest.screening):
        _docx_table(word, digest.screening)
    else:
        word.add_paragraph(NO_SCREENING)
    word.add_heading(SECTIONS["methods"], 1)
    for key, value in digest.methods.items():
        if key != "caution":  # it opens the digest
            word.add_paragraph(f"{key}: {value}")
    word.save(path)


def _docx_table(word, table: pd.DataFrame) -> None:  # noqa: ANN001 - python-docx Document
    grid = word.add_table(rows=1, cols=len(table.columns))
    grid.style = "Light List"
    for cell, column in zip(grid.rows[0].cells, table.columns, strict=True):
        cell.text = str(column)
    for row in table.itertuples(index=False):
        cells = grid.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = "" if pd.isna(value) else str(value)
