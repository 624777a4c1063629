"""The one spaCy pipeline most stages share: blank English with a rule-based sentencizer.

It tokenises and splits sentences at 10,000+ paragraphs a second, and is what the codebook's
token patterns are written for. Loaded once per process.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language


@cache
def blank_english() -> Language:
    """Return the shared blank English pipeline (tokenizer and sentencizer)."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp
