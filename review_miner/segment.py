"""Segment pages into passages: the title, headings, paragraphs and bullets.

Lines become blocks (paragraphs) by the evidence each format offers: vertical gaps and font
changes in a PDF, paragraph marks in a Word document, blank lines in text. Blocks become
headings by style (bold, larger, a declared heading style) or by shape (short, numbered, a
typical review heading such as "Chronology"). Every passage knows its section, its pages, its
offsets in the document's plain text, and its sentences.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

from .nlp import blank_english
from .records import Line, Page, Passage

PARAGRAPH_SEPARATOR = "\n\n"

# Headings reviews use without numbering or styling; a bare line like this is a heading.
HEADING_PHRASES = frozenset(
    phrase.strip()
    for phrase in (
        "introduction|background|summary|chronology|analysis|learning|recommendations|"
        "findings|conclusion|conclusions|methodology|method|context|appendix|glossary|"
        "agency involvement|family composition|the child and family|child and family|"
        "reason for the review|reason for the rapid review|terms of reference|"
        "key lines of enquiry|summary of the incident|summary of events|analysis of practice|"
        "immediate learning|immediate learning and actions taken|learning and actions|"
        "actions taken|good practice|family involvement|practitioner involvement|"
        "dissemination|next steps|references|lcspr decision|rationale|the family's views|"
        "voice of the child|the child's lived experience|review process|findings and analysis"
    ).split("|")
)

_NUMBERING = re.compile(
    r"^(?:(?P<num>\d{1,2}(?:\.\d{1,2})*)\.?|(?P<alpha>[A-H])\.|(?P<roman>[IVX]{1,4})\.)\s+"
)
_BULLET = re.compile(
    r"^(?:[\u2022\u25cf\u25aa\u25e6\u2023\u2043*\-o]\s+|\(?[a-h]\)\s+|\(?[ivx]{1,4}\)\s+)"
)
_LABEL = re.compile(r"^[A-Z][A-Za-z' ]{1,40}:\s*\S")
_TERMINAL = (".", "!", "?", ";", ",", '"', "'", ")", ":")
MAX_HEADING_WORDS = 15
MAX_HEADING_CHARS = 120


@dataclass
class _Block:
    lines: list[Line]
    page: int
    page_end: int
    kind: str = "paragraph"
    level: int | None = None
    text: str = ""


def segment(doc_id: str, pages: list[Page]) -> tuple[str, list[Passage]]:
    """Split a document's pages into passages.

    Args:
        doc_id: The document's id, used to make passage ids.
        pages: Pages without furniture, as `clean.strip_furniture` returns them.

    Returns:
        The document's plain text (passages joined by a blank line) and its passages, whose
        `start`/`end` offsets slice that text back to each passage's text.

    """
    vocabulary = Counter(
        word.lower()
        for page in pages
        for line in page.lines
        for word in re.findall(r"[A-Za-z-]+", line.text)
    )
    body_size = _body_size(pages)
    # Where the source styles its headings (font sizes, Word heading styles), an unstyled
    # numbered line is a numbered paragraph; plain text leaves only the line's shape to go by.
    styled = bool(body_size) or any(
        line.heading_level is not None for page in pages for line in page.lines
    )
    blocks = _blocks(pages, _paragraph_gap(pages, body_size))
    for index, block in enumerate(blocks):
        block.text = _join(block.lines, vocabulary)
        block.kind, block.level = _classify(block, body_size, styled, is_first=index == 0)
    _level_unnumbered_headings(blocks)

    passages: list[Passage] = []
    chunks: list[str] = []
    offset = 0
    headings: list[tuple[int, str]] = []
    sentence_spans = _sentences([block.text for block in blocks])
    for block, sentences in zip(blocks, sentence_spans, strict=True):
        if block.kind == "heading":
            level = block.level or 1
            while headings and headings[-1][0] >= level:
                headings.pop()
            headings.append((level, block.text))
        index = len(passages)
        passages.append(
            Passage(
                passage_id=f"{doc_id}:{index}",
                doc_id=doc_id,
                index=index,
                kind=block.kind,
                text=block.text,
                start=offset,
                end=offset + len(block.text),
                page=block.page,
                page_end=block.page_end,
                section=headings[-1][1] if headings else None,
                heading_path=" > ".join(text for _, text in headings) if headings else None,
                level=block.level if block.kind in ("title", "heading") else None,
                sentences=sentences,
            )
        )
        chunks.append(block.text)
        offset += len(block.text) + len(PARAGRAPH_SEPARATOR)
    return PARAGRAPH_SEPARATOR.join(chunks), passages


def _body_size(pages: list[Page]) -> float:
    """The font size most of the text is set in (weighted by characters); 0 when unknown."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            if line.size:
                sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _has_geometry(line: Line) -> bool:
    return line.bottom > 0


def _paragraph_gap(pages: list[Page], body_size: float) -> float:
    """The vertical gap (points) above which a new line starts a new paragraph.

    The usual gap between lines of one paragraph is the median gap between consecutive
    body lines; a paragraph break adds roughly a third of a line or more to it.
    """
    gaps = [
        line.top - prev.bottom
        for page in pages
        for prev, line in zip(page.lines, page.lines[1:], strict=False)
        if _has_geometry(line) and abs(line.size - prev.size) < 0.5 and line.top > prev.top
    ]
    if not gaps:
        return float("inf")
    return statistics.median(gaps) + 0.35 * (body_size or 10.0)


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_TERMINAL)


def _is_heading_shaped(text: str) -> bool:
    """A line a reader would take for a heading even without styling."""
    if len(text.split()) > MAX_HEADING_WORDS or len(text) > MAX_HEADING_CHARS:
        return False
    if text.endswith((".", ",", ";")):
        return False
    bare = _NUMBERING.sub("", text).strip().rstrip(":").lower()
    if bare in HEADING_PHRASES:
        return True
    if text.endswith(":") and len(text.split()) > 6:
        return False  # a lead-in to a list: "2.2 The key lines of enquiry were:"
    if _NUMBERING.match(text) and bare[:1].isalpha() and not _LABEL.match(_NUMBERING.sub("", text)):
        return True
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and text.isupper()


# A partnership's name on a line of its own, as a cover puts it under the title.
_PARTNERSHIP_LINE = re.compile(
    r"[A-Z][\w'’&,. -]{0,60}\b(?:Safeguarding Children Partnership|Children'?s Safeguarding "
    r"Partnership|Safeguarding Partnership|Safeguarding Children Board)"
)


def _starts_block(prev: Line, line: Line, gap_limit: float) -> bool:
    if line.heading_level is not None or prev.heading_level is not None:
        return True
    if _BULLET.match(line.text):
        return True
    if _has_geometry(line) and _has_geometry(prev):
        if line.top - prev.bottom > gap_limit:
            return True
        if prev.bold != line.bold or abs(prev.size - line.size) >= 1:
            return True
    elif line.starts_block:
        return True
    elif line.text[:1].islower():
        return False  # a wrapped line: "... with the safe-" / "guarding lead, who ..."
    elif _is_heading_shaped(prev.text) or _is_heading_shaped(line.text):
        # Text files often put a heading straight above its first paragraph.
        return True
    elif _PARTNERSHIP_LINE.fullmatch(line.text) or _PARTNERSHIP_LINE.fullmatch(prev.text):
        # A cover: "Rapid Review: Child X" / "Fenwold Safeguarding Children Partnership".
        return True
    if _NUMBERING.match(line.text) and _ends_sentence(prev.text):
        return True  # a numbered paragraph, "3.2 On 12 October ..."
    return bool(_LABEL.match(line.text) and len(line.text) < 80 and _LABEL.match(prev.text))


def _continues_over_page(prev: Line, line: Line) -> bool:
    """Whether the first line of a page carries on the paragraph the last page ended with."""
    if line.heading_level is not None or _BULLET.match(line.text):
        return False
    if prev.bold != line.bold or abs(prev.size - line.size) >= 1:
        return False
    return not _ends_sentence(prev.text) and line.text[:1].islower()


def _blocks(pages: list[Page], gap_limit: float) -> list[_Block]:
    blocks: list[_Block] = []
    prev: Line | None = None
    for page in pages:
        for position, line in enumerate(page.lines):
            if prev is None:
                new = True
            elif position == 0:
                new = not _continues_over_page(prev, line)
            else:
                new = _starts_block(prev, line, gap_limit)
            if new:
                blocks.append(_Block(lines=[line], page=page.number, page_end=page.number))
            else:
                blocks[-1].lines.append(line)
                blocks[-1].page_end = page.number
            prev = line
    return blocks


def _join(lines: list[Line], vocabulary: Counter[str]) -> str:
    """Join a block's lines, mending words hyphenated across a line break.

    "safe-" + "guarding" becomes "safeguarding" and "pre-" + "birth" stays "pre-birth": the
    document itself decides, by which form it uses elsewhere; a short list of prefixes that
    keep their hyphen settles the rest.
    """
    text = (
        _BULLET.sub("", lines[0].text, count=1) if _BULLET.match(lines[0].text) else lines[0].text
    )
    for line in lines[1:]:
        nxt = line.text
        hyphenated = re.search(r"([A-Za-z]+)-$", text)
        if hyphenated and nxt[:1].isalpha():
            left = hyphenated.group(1)
            right = re.match(r"[A-Za-z]+", nxt)
            right_word = right.group(0) if right else ""
            closed = (left + right_word).lower()
            open_form = f"{left}-{right_word}".lower()
            keep = nxt[:1].isupper() or (
                vocabulary[open_form] > vocabulary[closed]
                if vocabulary[open_form] or vocabulary[closed]
                else left.lower() in _HYPHEN_PREFIXES
            )
            text = text + nxt if keep else text[:-1] + nxt
        else:
            text = f"{text} {nxt}"
    return re.sub(r"\s+", " ", text).strip()


_HYPHEN_PREFIXES = frozenset(
    "self well non pre post co ex multi inter cross semi anti mid so in one follow face "
    "long short full part low high under over step half".split()
)


def _classify(
    block: _Block, body_size: float, styled: bool, is_first: bool
) -> tuple[str, int | None]:
    first = block.lines[0]
    if first.heading_level is not None:
        return ("title", 0) if first.heading_level == 0 else ("heading", first.heading_level)
    if _BULLET.match(first.text):
        return "bullet", None
    text = block.text
    short = (
        len(text.split()) <= MAX_HEADING_WORDS
        and len(text) <= MAX_HEADING_CHARS
        and not text.endswith((".", ",", ";"))
    )
    if not short:
        return "paragraph", None
    bigger = bool(body_size) and first.size >= body_size + 0.9
    bold = all(line.bold for line in block.lines)
    if is_first and (bigger or bold or not body_size):
        return "title", 0
    labelled = _LABEL.match(text) and not (bigger or bold)
    if labelled:
        return "paragraph", None  # a cover line such as "Date of incident: 3 October 2022"
    if bigger or bold:
        return "heading", _numbering_depth(text)
    bare = _NUMBERING.sub("", text).strip().rstrip(":").lower()
    if (bare in HEADING_PHRASES) if styled else _is_heading_shaped(text):
        return "heading", _numbering_depth(text)
    return "paragraph", None


def _numbering_depth(text: str) -> int | None:
    match = _NUMBERING.match(text)
    if not match:
        return None
    if match.group("num"):
        return match.group("num").count(".") + 1
    return 1


def _level_unnumbered_headings(blocks: list[_Block]) -> None:
    """Give unnumbered headings a level by font size: the largest heading size is level 1."""
    sizes = sorted(
        {round(b.lines[0].size) for b in blocks if b.kind == "heading" and b.lines[0].size},
        reverse=True,
    )
    rank = {size: i + 1 for i, size in enumerate(sizes)}
    for block in blocks:
        if block.kind == "heading" and block.level is None:
            block.level = rank.get(round(block.lines[0].size), 1)


def _sentences(texts: list[str]) -> list[tuple[tuple[int, int], ...]]:
    """Sentence spans (start, end offsets into each text), by spaCy's rule-based sentencizer."""
    nlp = blank_english()
    return [
        tuple((sent.start_char, sent.end_char) for sent in spacy_doc.sents)
        for spacy_doc in nlp.pipe(texts, batch_size=256)
    ]
