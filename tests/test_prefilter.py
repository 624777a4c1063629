"""Prefiltered regexes: the same matches as the regex itself, on every text."""

import re
import sys

import pytest
from conftest import ROOT

from review_miner.prefilter import (
    CASE_FIXES,
    Alternatives,
    Prefiltered,
    any_match,
    fold,
    keywords,
    prefiltered,
    split_alternatives,
)
from review_miner.screen import components, ethnicity, read_labelled_reviews

# The patterns the screens (review_miner/screen/) ask alternative by alternative
# (`any_match`), and those they run through `prefiltered`. Each must have words to look for,
# or the speed-up is gone.
ASKED_BY_ALTERNATIVE = (
    "_VOICE",
    "_ANALYSIS_TERMS",
    "_FAMILY_VIEWS",
    "_PRACTITIONER_VIEWS",
    "_NO_PRACTITIONERS",
)
PREFILTERED = (
    "_NOT_ETHNICITY",
    "_RECORDED",
    "_NO_VOICE",
    "_NOT_THE_FAMILY_HEARD",
    "_VOICE_NAMED",
    "_PLACE_CONTEXT",
    "_LEFT",
    "_PEOPLES_PLACE",
    "_LANGUAGE_BEFORE",
    "_LIMITED_ENGLISH",
    "_CENSUS",
    "_COLOUR_OF_PEOPLE",
    "_FAITH_AND_GROUPS",
    "_CHRISTIAN",
    "_FIELD_VALUE",
    "_OF_ORIGIN",
    "_OWN_ETHNICITY",
)


def _pattern(name: str) -> re.Pattern:
    """The pattern of that name, from whichever screening module holds it."""
    return next(getattr(module, name) for module in (ethnicity, components) if hasattr(module, name))


TRICKY = [
    "",
    "Child K said she wanted to live with her nan.",
    "CHILD K SAID SHE WANTED TO LIVE WITH HER NAN.",
    # The Kelvin sign and the long s match "k" and "s" under IGNORECASE.
    "\u212aurdish heritage was con\u017fidered; the \u212aey worker met the mother.",
    "The İmam and the ımam; the family's cultural identity was not explored.",
    "The reviewer met the mother and father at home and they shared their views.",
    "No practitioner event was held. Practitioners were interviewed by the police.",
    "The letters were sent in English, which Mum could not read.",
]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    """A writer's labelled paragraphs, in three cases each, and the tricky texts."""
    paragraphs = [
        p.text
        for name in ("reviews_s1.jsonl",)
        for review in read_labelled_reviews(ROOT / "benchmarks" / "screening" / name)
        for p in review.passages
    ]
    return TRICKY + paragraphs + [t.upper() for t in paragraphs] + [t.lower() for t in paragraphs]


def test_case_fixes_are_what_this_python_matches():
    # Every character outside ASCII that IGNORECASE matches to an ASCII letter.
    everything = "".join(
        chr(c) for c in range(0x80, sys.maxunicode + 1) if not 0xD800 <= c < 0xE000
    )
    found = {
        c: letter
        for c in {m.group() for m in re.finditer("[a-z]", everything, re.IGNORECASE)}
        for letter in "abcdefghijklmnopqrstuvwxyz"
        if re.fullmatch(letter, c, re.IGNORECASE)
    }
    assert found == CASE_FIXES


def test_fold_finds_what_ignorecase_matches():
    assert "kurdish" in fold("\u212aURDISH")
    assert "consider" in fold("CON\u017fIDER")
    assert fold("İmam") == fold("İmam")  # cached or not, the same


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (r"\bchild's voice\b", {"child's voice"}),
        (r"(?:seen|heard) alone", {" alone"}),  # the longest word a match must hold
        (r"\b(?:seen alone|wishes and feelings)\b", {"seen alone", "wishes and feelings"}),
        (r"(?i:Mother|Father) (?:said|told)", {"mother", "father"}),
        (r"foo|\w+", None),  # an alternative with no word: no filter
        (r"(?:abc)?\d+", None),  # an optional word is no need
        (r"(?:abcd){2,}x", {"abcd"}),
        (r"(?<!how )\bChild [A-Z]", {"child "}),  # a look-behind's words are not consumed
        (r"caf\u00e9s", {"caf"}),  # not ASCII: the run stops there
        (r"(?:ab|abc)d", {"ab"}),
    ],
)
def test_keywords(pattern, words):
    found = keywords(re.compile(pattern))
    assert (found if found is None else set(found)) == words


@pytest.mark.parametrize(
    ("source", "verbose", "parts"),
    [
        (r"a|b(c|d)", False, [r"a", r"b(c|d)"]),
        (r"\b(a|b)\b", False, [r"\b(a)\b", r"\b(b)\b"]),
        (r"(?i:a|(?:b|c))", False, [r"(?i:a)", r"(?i:(?:b))", r"(?i:(?:c))"]),
        (r"(a|b)+", False, [r"(a|b)+"]),  # quantified: kept whole
        (r"(?=a|b)c", False, [r"(?=a|b)c"]),  # a look-ahead is no group of alternatives
        (r"[(|]|\||x", False, [r"[(|]", r"\|", r"x"]),
        (r"[]|]a|b", False, [r"[]|]a", r"b"]),
        ("(?i)a|b", False, ["(?i)a|b"]),  # flags of the whole pattern stay with it
        ("a # one | two\n| b", True, ["a # one | two\n", " b"]),
        ("(a # x | y\n| b)", True, ["(a # x | y\n\n)", "( b\n)"]),
    ],
)
def test_split_alternatives(source, verbose, parts):
    assert split_alternatives(source, verbose) == parts


@pytest.mark.parametrize("name", ASKED_BY_ALTERNATIVE + PREFILTERED)
def test_screen_patterns_have_words_to_look_for(name):
    pattern = _pattern(name)
    assert keywords(pattern), f"{name}: some match needs none of a few words"
    if name in ASKED_BY_ALTERNATIVE:
        bare = [
            alternative.pattern.pattern
            for alternative in Alternatives(pattern).alternatives
            if not alternative.keywords
        ]
        assert not bare, f"{name}: alternatives with no word a match needs: {bare}"


@pytest.mark.parametrize("name", ASKED_BY_ALTERNATIVE + PREFILTERED)
def test_screen_patterns_match_as_before(name, texts):
    pattern = _pattern(name)
    filtered = prefiltered(pattern)
    for text in texts:
        expected = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in filtered.finditer(text)] == expected
        assert filtered.sub("#", text) == pattern.sub("#", text)
        assert any_match(pattern, text) == bool(expected)


def test_prefiltered_passes_bounds_and_answers_like_the_regex():
    pattern = re.compile(r"\bvoice\b", re.IGNORECASE)
    filtered = Prefiltered(pattern)
    text = "Her VOICE was heard; the voice of the child."
    assert filtered.search(text, 10).span() == pattern.search(text, 10).span()
    assert filtered.match(text, 4).span() == pattern.match(text, 4).span()
    assert filtered.findall(text) == ["VOICE", "voice"]
    assert filtered.search("no such word") is None
    assert filtered.sub("x", "unchanged text") == "unchanged text"
    assert prefiltered(pattern) is prefiltered(pattern)


def test_alternatives_that_do_not_stand_alone_stay_whole():
    pattern = re.compile(r"(a)b|c\1")
    assert [a.pattern for a in Alternatives(pattern).alternatives] == [pattern]
    assert any_match(pattern, "xab") and not any_match(pattern, "c1")


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (r"(x)|(a)\1", "aa"),  # split, "(a)\1" would compile and match "aa" alone
        (r"(x)|(a)\2", "aa"),
        (r"(a)?(?(1)b|c)", "c"),  # a conditional on a group
    ],
)
def test_a_pattern_that_refers_to_its_groups_is_asked_whole(source, text):
    pattern = re.compile(source)
    assert [a.pattern for a in Alternatives(pattern).alternatives] == [pattern]
    assert any_match(pattern, text) == bool(pattern.search(text))
