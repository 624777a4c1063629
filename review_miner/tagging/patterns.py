"""Token patterns that run only on texts holding the words they need: spaCy's Matcher, faster.

spaCy's Matcher walks every pattern over every token of a text. Patterns with windows and
optional tokens ("a parent word, up to six tokens that are not a child word, then the
term") make that walk costly on every text, although most texts hold none of a pattern's
words. `TokenPatterns` gives the same matches and skips the patterns that cannot match.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab


def _required(op: str | None) -> bool:
    """Whether a token with this operator must match at least one token of the text."""
    if op in (None, "+"):
        return True
    quantifier = re.fullmatch(r"\{(\d*)(,?)(\d*)\}", op or "")
    return bool(quantifier and quantifier.group(1) and int(quantifier.group(1)) > 0)


Need = tuple[str, str, "frozenset[str] | str"]
"""What a text must hold for a pattern to match: (LOWER or ORTH, IN, words) or
(LOWER or ORTH, REGEX, expression): a token whose form is one of the words, or matches the
expression as the Matcher's REGEX does (re.search)."""


def required(pattern: list[dict[str, Any]]) -> frozenset[Need]:
    """What a text must hold for a token pattern to have a chance of matching.

    Each requirement stands for one token the pattern cannot do without (no `?`, `*`,
    `{0,n}` or `!`) whose LOWER, TEXT or ORTH is fixed by a word, an IN list or a REGEX: a
    text with no token of that form cannot match. Tokens matched by NOT_IN, shape or flags
    are left out, so the test only ever errs on the side of running the pattern.
    """
    needs: set[Need] = set()
    for token in pattern:
        if not _required(token.get("OP")):
            continue
        for key in ("LOWER", "TEXT", "ORTH"):
            attr = "LOWER" if key == "LOWER" else "ORTH"  # TEXT is ORTH to the Matcher
            value = token.get(key)
            if isinstance(value, str):
                needs.add((attr, "IN", frozenset([value])))
            elif isinstance(value, dict):
                words = value.get("IN")
                if isinstance(words, list) and all(isinstance(w, str) for w in words):
                    needs.add((attr, "IN", frozenset(words)))
                if isinstance(value.get("REGEX"), str):
                    needs.add((attr, "REGEX", value["REGEX"]))
    return frozenset(needs)


class TokenPatterns:
    """spaCy's Matcher, split so that a pattern only runs on texts that hold its words.

    The Matcher walks every pattern over every token, and the codebook's windows ("a parent
    word, up to six tokens that are not a child word, then the term") make that walk costly
    on every passage, although most passages hold none of a pattern's words. Patterns are
    grouped by what they require (`required`), one Matcher per group, and a group runs only
    on a text that holds a token of each required form. A pattern matches the same spans as
    in one big Matcher; only patterns that could not match are skipped. Patterns that
    require nothing run on every text.
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.groups: dict[frozenset[Need], Matcher] = {}
        # Each distinct word list of any group is a bit; each word (its string hash, what
        # `Doc.to_array` gives) sets the bits of the lists that hold it. A group's word
        # lists are then one mask, and a text holds them all when its words' bits cover it.
        self._bits: dict[tuple[str, frozenset[int]], int] = {}
        self._word_bits: dict[str, dict[int, int]] = {"LOWER": {}, "ORTH": {}}
        # Per group, in the order made: its Matcher, its lists' mask and its expressions.
        self._matchers: list[Matcher] = []
        self._masks: list[int] = []
        self._expressions: list[list[tuple[str, _Searcher]]] = []

    def add(self, key: str, patterns: list[list[dict[str, Any]]]) -> None:
        """Add token patterns under a key (a code id), as `Matcher.add` does."""
        for pattern in patterns:
            needs = required(pattern)
            if needs not in self.groups:
                self._new_group(needs)
            self.groups[needs].add(key, [pattern])

    def _new_group(self, needs: frozenset[Need]) -> None:
        matcher = Matcher(self.vocab)
        self.groups[needs] = matcher
        mask = 0
        for attr, kind, words in needs:
            if kind != "IN":
                continue
            hashes = frozenset(self.vocab.strings.add(w) for w in words)  # type: ignore[union-attr]
            if (attr, hashes) not in self._bits:
                bit = 1 << len(self._bits)
                self._bits[attr, hashes] = bit
                for word in hashes:
                    self._word_bits[attr][word] = self._word_bits[attr].get(word, 0) | bit
            mask |= self._bits[attr, hashes]
        self._matchers.append(matcher)
        self._masks.append(mask)
        self._expressions.append(
            [
                (attr, _searcher(value))  # type: ignore[arg-type]
                for attr, kind, value in sorted(needs, key=str)
                if kind == "REGEX"
            ]
        )

    def groups_for(self, doc: Doc) -> list[Matcher]:
        """The Matchers whose patterns may match this text."""
        forms = _Forms(doc)
        held = 0
        for attr, word_bits in self._word_bits.items():
            for value in forms.hashes(attr):
                held |= word_bits.get(value, 0)
        # In the order the groups were made, so the matches come in the same order each run;
        # word lists first, as they are cheaper than expressions.
        return [
            matcher
            for matcher, mask, expressions in zip(
                self._matchers, self._masks, self._expressions, strict=True
            )
            if mask & held == mask
            and all(forms.hold(attr, "REGEX", searcher) for attr, searcher in expressions)
        ]

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """Return (key hash, start, end) for every match, like `Matcher.__call__`."""
        return [match for matcher in self.groups_for(doc) for match in matcher(doc)]


class _Searcher:
    """A token REGEX, with the forms it has been tried on and those it matched.

    Texts share most of their words, so each form is searched once, not once per text
    (and once per group that needs the expression): a text's check is then two set
    operations.
    """

    def __init__(self, expression: str) -> None:
        self.pattern = re.compile(expression)
        self.tried: set[int] = set()
        self.matched: set[int] = set()

    def any_of(self, hashes: set[int], strings: Any) -> bool:
        """Whether any of these forms (string hashes) matches, as the Matcher's re.search."""
        if not self.matched.isdisjoint(hashes):
            return True
        for form in hashes - self.tried:
            self.tried.add(form)
            if self.pattern.search(strings[form]):
                self.matched.add(form)
                return True  # the forms after it wait for a text that needs them
        return False


_SEARCHERS: dict[str, _Searcher] = {}


def _searcher(expression: str) -> _Searcher:
    """The one `_Searcher` of an expression, whichever group or matcher needs it."""
    if expression not in _SEARCHERS:
        _SEARCHERS[expression] = _Searcher(expression)
    return _SEARCHERS[expression]


class _Forms:
    """The distinct forms of a text's tokens, to check patterns' requirements against."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._hashes: dict[str, set[int]] = {}
        self._searched: dict[tuple[str, _Searcher], bool] = {}

    def hashes(self, attr: str) -> set[int]:
        if attr not in self._hashes:
            self._hashes[attr] = set(self.doc.to_array(attr).tolist())
        return self._hashes[attr]

    def hold(self, attr: str, kind: str, value: Any) -> bool:
        """Whether a token has one of these words' hashes, or matches this expression."""
        if kind == "IN":
            return not self.hashes(attr).isdisjoint(value)
        if (attr, value) not in self._searched:
            self._searched[attr, value] = value.any_of(self.hashes(attr), self.doc.vocab.strings)
        return self._searched[attr, value]
