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

_ALWAYS_FURNITURE = re.compile(
    r"""^(
        (page\s*)?\#+(\s*(of|/)\s*\#+)?          # "3", "Page 3", "page 3 of 9", "3/9"
      | -\s*\#+\s*-                            # "- 3 -"
      | (official|official[\s-]sensitive|confidential|restricted|not\s+protectively\s+marked)
        (\s*[-:].*)?                           # "OFFICIAL SENSITIVE - not for publication"
    )$""",
    re.IGNORECASE | re.VERBOSE,
)


def _shape(text: str) -> str:
    """Fold a line to what stays the same from page to page: case, digits and spacing go."""
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", text.lower())).strip()


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
    for page in pages:
        counts.update({_shape(page.lines[i].text) for i in _edge_indices(page)})
    pages_with_text = sum(1 for page in pages if page.lines)
    needed = max(2, math.ceil(REPEAT_SHARE * pages_with_text))
    repeated = {shape for shape, count in counts.items() if count >= needed}

    cleaned = []
    for page in pages:

        def is_furniture(i: int, page: Page = page) -> bool:
            shape = _shape(page.lines[i].text)
            return shape in repeated or bool(_ALWAYS_FURNITURE.match(shape))

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
