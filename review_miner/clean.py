"""Remove page furniture: running headers, footers, page numbers and protective markings.

Reviews repeat "OFFICIAL SENSITIVE", the partnership's name, the document's short title and
"Page 3 of 9" on every page. Left in, they split paragraphs at page breaks and inflate word
counts. A line is furniture when it sits among the first or last few lines of a page and
recurs (digits ignored) on many pages, or when it is a page number or a marking on its own.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import replace

from .records import Page

EDGE_LINES = 3
"""How many lines at the top and at the bottom of a page can be furniture."""

REPEAT_SHARE = 0.5
"""A line recurring at the edge of at least this share of pages is furniture."""

_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?$|^-\s*\d{1,3}\s*-$", re.IGNORECASE
)
"""A page number alone: "3", "Page 3", "page 3 of 9", "3/9", "- 3 -" (not a year: "2020")."""

_MARKING = re.compile(
    r"^(?:official|official[\s-]sensitive|confidential|restricted|not\s+protectively\s+marked)"
    r"(?:\s*[-:].*)?$",
    re.IGNORECASE,
)
"""A protective marking alone: "OFFICIAL SENSITIVE", "CONFIDENTIAL - not for publication"."""

FOLDED_REPEAT_SHARE = 0.6
"""A line that repeats only once its page numbers are folded must recur on this share of
pages (and on three at least): a footer with a page number does, "Learning point 2" does not."""


def _shape(text: str, page: int) -> tuple[str, bool]:
    """Fold a line to what stays the same from page to page, and say if digits were folded.

    Case and spacing always go. Numbers go only where they are page numbers: in a line that
    says "page", or the page's own number at either end of the line.
    """
    lowered = re.sub(r"\s+", " ", text.lower()).strip()
    if "page" in lowered:
        folded = re.sub(r"\d+", "#", lowered)
    else:
        folded = re.sub(rf"^{page}(?!\d)|(?<!\d){page}$", "#", lowered)
    return folded, folded != lowered


def _is_furniture_alone(text: str) -> bool:
    stripped = re.sub(r"\s+", " ", text).strip()
    return bool(_PAGE_NUMBER.match(stripped) or _MARKING.match(stripped))


def _edge_indices(page: Page) -> list[int]:
    n = len(page.lines)
    return sorted(set(range(min(EDGE_LINES, n))) | set(range(max(0, n - EDGE_LINES), n)))


def strip_furniture(pages: list[Page]) -> list[Page]:
    """Return the pages without their running headers, footers and page numbers.

    Args:
        pages: Pages in order, as a reader returned them.

    Returns:
        The same pages with furniture lines removed. Body text that merely repeats a
        header (the partnership's name on the cover) stays: only unbroken runs of
        furniture at a page's top and bottom are removed.

    """
    counts: Counter[str] = Counter()
    folded_shapes: set[str] = set()
    for page in pages:
        shapes = {_shape(page.lines[i].text, page.number) for i in _edge_indices(page)}
        counts.update({shape for shape, _ in shapes})
        folded_shapes.update(shape for shape, folded in shapes if folded)
    pages_with_text = sum(1 for page in pages if page.lines)
    needed = max(2, math.ceil(REPEAT_SHARE * pages_with_text))
    needed_folded = max(3, math.ceil(FOLDED_REPEAT_SHARE * pages_with_text))
    repeated = {
        shape
        for shape, count in counts.items()
        if count >= (needed_folded if shape in folded_shapes else needed)
    }

    cleaned = []
    for page in pages:

        def is_furniture(i: int, page: Page = page) -> bool:
            text = page.lines[i].text
            return _shape(text, page.number)[0] in repeated or _is_furniture_alone(text)

        # Peel furniture off each edge and stop at the first body line, so that the
        # partnership's name under the title on the cover stays although the same name
        # runs along the top of every page.
        n = len(page.lines)
        first = 0
        while first < min(EDGE_LINES, n) and is_furniture(first):
            first += 1
        last = n
        while last > max(first, n - EDGE_LINES) and is_furniture(last - 1):
            last -= 1
        cleaned.append(replace(page, lines=page.lines[first:last]))
    return cleaned
