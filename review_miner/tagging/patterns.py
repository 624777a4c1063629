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
        # Per group, its requirements as checked: word lists as string hashes (what
        # `Doc.to_array` gives), compiled expressions; word lists first, as they are cheaper.
        self._checks: dict[frozenset[Need], list[tuple[str, str, Any]]] = {}
        # Each group is looked up by the words of one of its word lists, so a text only
        # checks the groups it shares a word with; `_always` are those with no word list.
        self._index: dict[tuple[str, int], list[frozenset[Need]]] = {}
        self._always: list[frozenset[Need]] = []
        self._order: dict[frozenset[Need], int] = {}

    def add(self, key: str, patterns: list[list[dict[str, Any]]]) -> None:
        """Add token patterns under a key (a code id), as `Matcher.add` does."""
        for pattern in patterns:
            needs = required(pattern)
            if needs not in self.groups:
                self._new_group(needs)
            self.groups[needs].add(key, [pattern])

    def _new_group(self, needs: frozenset[Need]) -> None:
        self._order[needs] = len(self.groups)
        self.groups[needs] = Matcher(self.vocab)
        word_lists = sorted(
            ((attr, value) for attr, kind, value in needs if kind == "IN"),
            key=lambda need: (len(need[1]), need[0], sorted(need[1])),
        )
        checks: list[tuple[str, str, Any]] = [
            (attr, "IN", frozenset(self.vocab.strings.add(w) for w in words))
            for attr, words in word_lists
        ]
        checks += [
            (attr, "REGEX", re.compile(value))  # type: ignore[arg-type]
            for attr, kind, value in sorted(needs, key=str)
            if kind == "REGEX"
        ]
        self._checks[needs] = checks
        if not word_lists:
            self._always.append(needs)
            return
        attr, hashes = checks[0][0], checks[0][2]
        for word in hashes:
            self._index.setdefault((attr, word), []).append(needs)

    def groups_for(self, doc: Doc) -> list[Matcher]:
        """The Matchers whose patterns may match this text."""
        forms = _Forms(doc)
        candidates = dict.fromkeys(self._always)
        for attr in ("LOWER", "ORTH"):
            for value in forms.hashes(attr):
                candidates.update(dict.fromkeys(self._index.get((attr, value), ())))
        # In the order the groups were made, so the matches come in the same order each run.
        return [
            self.groups[needs]
            for needs in sorted(candidates, key=self._order.__getitem__)
            if all(forms.hold(*check) for check in self._checks[needs])
        ]

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """Return (key hash, start, end) for every match, like `Matcher.__call__`."""
        return [match for matcher in self.groups_for(doc) for match in matcher(doc)]


class _Forms:
    """The distinct forms of a text's tokens, to check patterns' requirements against."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._hashes: dict[str, set[int]] = {}
        self._strings: dict[str, list[str]] = {}
        self._searched: dict[tuple[str, re.Pattern[str]], bool] = {}

    def hashes(self, attr: str) -> set[int]:
        if attr not in self._hashes:
            self._hashes[attr] = set(self.doc.to_array(attr).tolist())
        return self._hashes[attr]

    def hold(self, attr: str, kind: str, value: Any) -> bool:
        """Whether a token has one of these words' hashes, or matches this expression."""
        if kind == "IN":
            return not self.hashes(attr).isdisjoint(value)
        if (attr, value) not in self._searched:
            if attr not in self._strings:
                strings = self.doc.vocab.strings
                self._strings[attr] = [strings[h] for h in self.hashes(attr)]
            self._searched[attr, value] = any(value.search(s) for s in self._strings[attr])
        return self._searched[attr, value]
