"""Text helpers the screens share: blanking matches, months, evaluative words.

Kept apart so that the ethnicity rules, the paragraph classes and the scorecard share them
without importing one another: `_blank` serves all three, `_EVALUATIVE` the first two and
`_MONTH` the last two.
"""

from __future__ import annotations

import re

from ..prefilter import prefiltered


def _blank(pattern: re.Pattern, text: str) -> str:
    """Replace matches with spaces, keeping character offsets."""
    # Most texts hold none of the words a match needs: then the text is returned at once.
    return prefiltered(pattern).sub(lambda m: " " * len(m.group()), text)


# Language that judges rather than narrates: a passage that weighs ethnicity uses it, and so
# does an analysis paragraph.
_EVALUATIVE = re.compile(
    r"\b(should|could|would have|might have|did not|was not|were not|failed|missed|"
    r"this suggests|suggests|indicates|reflects|it is (?:likely|clear|important|notable)|"
    r"the review (?:found|considers|concluded)|practitioners|professionals|learning|"
    r"insufficient|lack of|better|understood|considered|consider|curious|assum\w+)\b",
    re.IGNORECASE,
)

# A month's name, in the date patterns of the paragraph classes and of the recommendations.
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)"
)

BODY = ("paragraph", "bullet")
"""The passage kinds that make a review's body: what is classed and screened."""
