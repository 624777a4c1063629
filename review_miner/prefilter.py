"""Regexes that skip texts they cannot match: the same matches, found faster.

Screening runs large alternations ("the child's voice", "the family's views") over every
paragraph of every review, and most paragraphs match none of them. Every match of such a
pattern must contain one of a few literal words, which `keywords` reads off the pattern
itself; looking for those words with `in` is far cheaper than running the regex, which is
run only when one is there. Nothing is hand-listed, so a new alternative cannot be missed:
an alternative without a literal word leaves its pattern unfiltered.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

# The characters outside ASCII that `re.IGNORECASE` matches to an ASCII letter ("K", the
# Kelvin sign, matches "k"), which `str.lower` leaves or turns into something else.
# tests/test_prefilter.py checks the list against the running Python.
CASE_FIXES = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
_FIXES = str.maketrans(CASE_FIXES)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


@lru_cache(maxsize=64)
def fold(text: str) -> str:
    """The text as keywords are looked for in: lower case, with `CASE_FIXES` applied.

    Kept for the last few texts: one paragraph is checked against many patterns in turn.
    """
    return text.translate(_FIXES).lower()


def keywords(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Words (folded) one of which every match of `pattern` holds, or None if none is sure.

    Read off the parsed pattern: a run of literal ASCII characters in a sequence is needed
    by every match of the sequence; an alternation needs one of its alternatives' words; a
    repeat needs its body's words only when it must occur. Of the sequence's needs, the one
    whose shortest word is longest is kept (it rules out most texts).
    """
    # Case does not matter here: words are lowered and looked for in the folded text, so a
    # case-sensitive word is looked for more widely than it matches, never less.
    return _sequence(list(sre_parse.parse(pattern.pattern, pattern.flags)))


def _sequence(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    needs: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            needs.append(frozenset(["".join(run)]))
            run.clear()

    for op, value in items:
        if op is sre.LITERAL and value < 0x80:
            run.append(chr(value).lower())
        elif op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            # Zero width: the characters on either side are next to each other in the text.
            continue
        elif op is sre.SUBPATTERN:
            flush()
            found = _sequence(list(value[3]))
            if found:
                needs.append(found)
        elif op is sre.BRANCH:
            flush()
            found = _branch(value[1])
            if found:
                needs.append(found)
        elif op in _REPEATS:
            flush()
            low, _, body = value
            found = _sequence(list(body)) if low >= 1 else None
            if found:
                needs.append(found)
        else:
            flush()  # a class, any character, a non-ASCII literal: no word to rely on
    flush()
    if not needs:
        return None
    return max(needs, key=lambda words: (min(map(len, words)), -len(words)))


def _branch(alternatives: list[Any]) -> frozenset[str] | None:
    words: set[str] = set()
    for alternative in alternatives:
        found = _sequence(list(alternative))
        if not found:
            return None
        words |= found
    # A word that holds another adds nothing: where it is, the other is too.
    return frozenset(w for w in words if not any(o != w and o in w for o in words))


class Prefiltered:
    """A compiled regex that runs only on texts holding one of its `keywords`.

    Each method gives what the regex's own would: on a text without a keyword the regex
    cannot match, so no match, the text unchanged, or an empty list.

    Args:
        pattern: The compiled regex.
    """

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.keywords = keywords(pattern)
        self._words = tuple(sorted(self.keywords or ()))

    def could_match(self, text: str) -> bool:
        """False only when no match is possible: the text holds none of the keywords."""
        if not self._words:
            return True
        folded = fold(text)
        return any(word in folded for word in self._words)

    def search(self, text: str, *bounds: int) -> re.Match[str] | None:
        """As `re.Pattern.search`."""
        return self.pattern.search(text, *bounds) if self.could_match(text) else None

    def match(self, text: str, *bounds: int) -> re.Match[str] | None:
        """As `re.Pattern.match`."""
        return self.pattern.match(text, *bounds) if self.could_match(text) else None

    def finditer(self, text: str, *bounds: int) -> Iterator[re.Match[str]]:
        """As `re.Pattern.finditer`."""
        return self.pattern.finditer(text, *bounds) if self.could_match(text) else iter(())

    def findall(self, text: str, *bounds: int) -> list[Any]:
        """As `re.Pattern.findall`."""
        return self.pattern.findall(text, *bounds) if self.could_match(text) else []

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str) -> str:
        """As `re.Pattern.sub`."""
        return self.pattern.sub(repl, text) if self.could_match(text) else text

    def __repr__(self) -> str:
        return f"Prefiltered({self.pattern!r})"


@cache
def prefiltered(pattern: re.Pattern[str]) -> Prefiltered:
    """`pattern` with its prefilter, made once per pattern."""
    return Prefiltered(pattern)


def any_match(pattern: re.Pattern[str], text: str) -> bool:
    """Whether `pattern.search(text)` finds a match, asked of its alternatives that could."""
    return _alternatives(pattern).matches(text)


class Alternatives:
    """A regex as its alternatives, each with its prefilter, to ask whether it matches.

    A large alternation tries each alternative at every position of the text; asked only
    whether it matches, it is the same to try each alternative that holds its keywords,
    alone (the regex matches where one of them does). Alone, an alternative that starts
    with a word is found by the regex engine's fast literal search.

    Args:
        pattern: The compiled regex.
    """

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        verbose = bool(pattern.flags & re.VERBOSE)
        # A reference to a group means something else once the groups are numbered anew
        # ("(x)|(a)\2" split gives "(a)\2", or fails to compile): such a pattern stays whole.
        self.alternatives = [Prefiltered(pattern)]
        if not _refers_to_groups(pattern):
            self.alternatives = [
                Prefiltered(re.compile(source, pattern.flags))
                for source in split_alternatives(pattern.pattern, verbose)
            ]
        # Each word is looked for once per text, however many alternatives need it.
        self._words = sorted({w for a in self.alternatives for w in a.keywords or ()})
        self._needs = [(a.keywords, a.pattern) for a in self.alternatives]

    def matches(self, text: str) -> bool:
        """Whether the regex matches somewhere in `text` (`bool(pattern.search(text))`)."""
        folded = fold(text)
        present = {word for word in self._words if word in folded}
        return any(
            pattern.search(text)
            for words, pattern in self._needs
            if words is None or not words.isdisjoint(present)
        )


def _refers_to_groups(pattern: re.Pattern[str]) -> bool:
    """Whether the regex holds a backreference or a conditional on a group."""

    def walk(node: Any) -> bool:
        if isinstance(node, tuple) and len(node) == 2 and node[0] in _GROUP_USES:
            return True
        if isinstance(node, sre_parse.SubPattern):
            return any(walk(item) for item in node)
        if isinstance(node, list | tuple):
            return any(walk(item) for item in node)
        return False

    return walk(sre_parse.parse(pattern.pattern, pattern.flags))


_GROUP_USES = (sre.GROUPREF, sre.GROUPREF_EXISTS, sre.GROUPREF_IGNORE)


@cache
def _alternatives(pattern: re.Pattern[str]) -> Alternatives:
    return Alternatives(pattern)


def split_alternatives(source: str, verbose: bool = False) -> list[str]:
    r"""The alternatives of a regex's source, each a regex: one matches where the whole does.

    The top-level alternatives are split apart; one that is only a group of alternatives
    (between word boundaries, say) is split too, each part inside a copy of the group:
    `\b(A|B)\b` becomes `\b(A)\b` and `\b(B)\b`, which match where it does (the group
    numbers differ, which only matters to a caller reading groups). A pattern with flags
    for the whole of it, "(?i)", is left whole.
    """
    if _GLOBAL_FLAGS.search(source):
        return [source]
    result = []
    for piece in _split_top(source, verbose):
        wrapped = _sole_group(piece, verbose)
        if wrapped is None:
            result.append(piece)
            continue
        before, opener, inner, after = wrapped
        # A new line ends a verbose pattern's comment before the group closes.
        close = "\n)" if verbose else ")"
        parts = split_alternatives(inner, verbose)
        result += [before + opener + part + close + after for part in parts]
    return result


def _scan(source: str, verbose: bool) -> Iterator[tuple[int, str, int]]:
    """(index, character, depth) of each character of the regex's own syntax.

    Escaped characters, character classes and verbose comments are skipped. The depth is
    the number of groups around the character (a group's parentheses are outside it).
    """
    depth, i, n = 0, 0, len(source)
    while i < n:
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i += 1
            if i < n and source[i] == "^":
                i += 1
            if i < n and source[i] == "]":
                i += 1  # a "]" first in a class is a literal
            while i < n and source[i] != "]":
                i += 2 if source[i] == "\\" else 1
            i += 1
            continue
        if verbose and c == "#":
            while i < n and source[i] != "\n":
                i += 1
            continue
        if c == ")":
            depth -= 1
        yield i, c, depth
        if c == "(":
            depth += 1
        i += 1


def _split_top(source: str, verbose: bool) -> list[str]:
    cuts = [i for i, c, depth in _scan(source, verbose) if c == "|" and depth == 0]
    bounds = [-1, *cuts, len(source)]
    return [source[a + 1 : b] for a, b in zip(bounds, bounds[1:], strict=False)]


# A group that matches what it holds: capturing, named, or not, with flags or without
# (not a look-around, a comment or a conditional).
_OPENER = re.compile(r"\((?!\?)|\((?:\?[aiLmsux]*(?:-[imsx]+)?:|\?P<\w+>)")
# Flags for the whole pattern, "(?i)": the first alternative alone would carry them.
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


def _sole_group(piece: str, verbose: bool) -> tuple[str, str, str, str] | None:
    """(before, opener, inside, after) when `piece` is one group of alternatives, else None.

    Only word boundaries (and a verbose pattern's white space) may stand around the group,
    and no quantifier after it.
    """
    syntax = list(_scan(piece, verbose))
    opens = [i for i, c, depth in syntax if c == "(" and depth == 0]
    closes = [i for i, c, depth in syntax if c == ")" and depth == 0]
    if len(opens) != 1 or len(closes) != 1:
        return None
    start, end = opens[0], closes[0]
    before, after = piece[:start], piece[end + 1 :]
    around = re.compile(r"(?:\\b|\s)*" if verbose else r"(?:\\b)*")
    if not (around.fullmatch(before) and around.fullmatch(after)):
        return None
    opener = _OPENER.match(piece, start)
    if opener is None:
        return None
    inner = piece[opener.end() : end]
    if len(_split_top(inner, verbose)) < 2:
        return None
    return before, opener.group(), inner, after
