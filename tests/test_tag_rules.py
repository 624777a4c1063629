"""The rules tagger's split Matcher finds exactly what spaCy's single Matcher finds."""

import random

import pytest
import spacy
from spacy.matcher import Matcher

from review_miner.tagging.patterns import TokenPatterns, required

PARENT = ["mother", "father", "mum", "ms"]
CHILD = ["child", "baby", "he", "."]

# Every kind of token the codebooks use: plain words, IN and NOT_IN lists, REGEX, TEXT, and
# the operators ?, *, +, !, {0,n}, {1,n}, {n}.
PATTERNS = {
    "risk.window": [
        [
            {"LOWER": {"IN": PARENT}},
            {"LOWER": {"NOT_IN": CHILD}, "OP": "{0,4}"},
            {"LOWER": {"IN": ["drinking", "drunk"]}},
        ]
    ],
    "risk.optional": [
        [{"LOWER": "ex"}, {"LOWER": {"IN": ["-", "–"]}, "OP": "?"}, {"LOWER": "partner"}],
        [{"LOWER": "on", "OP": "?"}, {"LOWER": {"IN": ["off", "and"]}}, {"LOWER": "off"}],
    ],
    "risk.regex": [
        [{"LOWER": {"REGEX": "^alcohol"}}, {"LOWER": {"IN": ["use", "misuse"]}}],
        [{"LOWER": {"REGEX": "^drug"}, "OP": "+"}],
    ],
    "risk.text": [
        [{"TEXT": "MARAC"}],
        [{"TEXT": {"IN": ["Cafcass", "CAFCASS"]}}, {"LOWER": "officer", "OP": "*"}],
    ],
    "risk.counts": [
        [{"LOWER": "no"}, {"LOWER": "food", "OP": "{1,2}"}],
        [{"LOWER": "food", "OP": "{2}"}],
        [{"LOWER": "not"}, {"LOWER": "seen", "OP": "!"}, {"LOWER": "child"}],
    ],
    "risk.nothing_required": [
        [{"LOWER": "very", "OP": "*"}, {"IS_DIGIT": True}],
        [{"LOWER": {"NOT_IN": ["the"]}, "OP": "?"}, {"LOWER": "ex"}],
    ],
}

TEXTS = [
    "Mother was drinking heavily at the time.",
    "MOTHER told the nurse that she was often drunk.",
    "The father, his friend and the uncle were drunk.",
    "The mother said the baby was drinking milk.",
    "Her ex-partner and her ex – partner and her ex partner called.",
    "It was an on and off relationship; then an off off one and on off.",
    "Alcohol misuse and alcoholic use and drugs drugs were noted.",
    "The MARAC met; the Marac did not. Cafcass officer officer and CAFCASS.",
    "There was no food food in the house, and food food food on Tuesday.",
    "The social worker did not see the child and not seen child and not the child.",
    "Very very 12 and 3 visits; ex ex.",
    "",
]


def vocabulary() -> list[str]:
    words = {w for p in PATTERNS.values() for t in p for tok in t for w in _words(tok)}
    extra = {"the", "and", "Mother", "DRUNK", "child", ".", "7", "said", "alcoholic", "drugs"}
    return sorted(words | extra | {"Alcohol", "Marac", "cafcass", "Drug"})


def _words(token: dict) -> list[str]:
    found = []
    for value in token.values():
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            found.extend(w for w in value.get("IN", []) + value.get("NOT_IN", []))
    return found


def matches(matcher, doc) -> set[tuple[int, int, int]]:
    return set(matcher(doc))


@pytest.fixture(scope="module")
def matchers():
    nlp = spacy.blank("en")
    plain, split = Matcher(nlp.vocab), TokenPatterns(nlp.vocab)
    for key, patterns in PATTERNS.items():
        plain.add(key, patterns)
        split.add(key, patterns)
    return nlp, plain, split


def test_split_matcher_finds_what_the_plain_matcher_finds(matchers):
    nlp, plain, split = matchers
    found = 0
    for text in TEXTS:
        doc = nlp(text)
        assert matches(split, doc) == matches(plain, doc), text
        found += len(matches(plain, doc))
    assert found > 20  # the texts exercise the patterns


def test_split_matcher_agrees_on_random_word_strings(matchers):
    nlp, plain, split = matchers
    words = vocabulary()
    rng = random.Random(5)
    found = 0
    for _ in range(400):
        doc = nlp(" ".join(rng.choice(words) for _ in range(rng.randint(1, 14))))
        assert matches(split, doc) == matches(plain, doc), doc.text
        found += len(matches(plain, doc))
    assert found > 100


def words(attr: str, *values: str) -> tuple[str, str, frozenset[str]]:
    return (attr, "IN", frozenset(values))


def test_requirements_come_only_from_tokens_a_match_cannot_skip():
    window = PATTERNS["risk.window"][0]
    assert required(window) == {words("LOWER", *PARENT), words("LOWER", "drinking", "drunk")}
    assert required(PATTERNS["risk.text"][1]) == {words("ORTH", "Cafcass", "CAFCASS")}
    assert required(PATTERNS["risk.counts"][0]) == {words("LOWER", "no"), words("LOWER", "food")}
    assert required(PATTERNS["risk.counts"][2]) == {
        words("LOWER", "not"),
        words("LOWER", "child"),
    }
    digits, ex = PATTERNS["risk.nothing_required"]
    assert required(digits) == frozenset()
    assert required(ex) == {words("LOWER", "ex")}
    assert required(PATTERNS["risk.regex"][0]) == {
        ("LOWER", "REGEX", "^alcohol"),
        words("LOWER", "use", "misuse"),
    }


def test_split_matcher_skips_groups_whose_words_are_absent(matchers):
    nlp, _, split = matchers
    doc = nlp("Nothing of note happened that week.")
    # Only the patterns without required words run on a text holding none of the words.
    assert split.groups_for(doc) == [split.groups[frozenset()]]
    assert len(split.groups_for(nlp("Mother was drunk."))) == 2


def test_split_matcher_expressions_remembered_across_texts_and_vocabularies(matchers):
    # A REGEX requirement remembers which word forms it matched, shared by every matcher
    # that needs the same expression: a second vocabulary, and the forms it meets again,
    # must get the same answers as a fresh plain Matcher.
    nlp, plain, split = matchers
    other_nlp = spacy.blank("en")
    other = TokenPatterns(other_nlp.vocab)
    other.add("risk.regex", PATTERNS["risk.regex"])
    fresh = Matcher(other_nlp.vocab)
    fresh.add("risk.regex", PATTERNS["risk.regex"])
    texts = ["Alcohol use was noted.", "No alcohol here.", "Drugs drugs.", "alcoholic misuse"]
    for text in texts + texts[::-1]:
        assert matches(other, other_nlp(text)) == matches(fresh, other_nlp(text)), text
        doc = nlp(text)
        assert matches(split, doc) == matches(plain, doc), text
