"""Rules: the codebook's spaCy patterns, with negated and hypothetical mentions told apart.

Patterns match on a blank English pipeline (Matcher for token patterns, PhraseMatcher for
phrases, both case-insensitive). Token patterns run only on passages that hold the words
they cannot match without (`TokenPatterns`): the same matches, several times faster.
NegEx, as the negspacy package implements it, then marks a match negated ("no evidence of
domestic abuse", "Mother denied drinking") or, with a second set of cues, hypothetical
("practitioners should consider substance misuse"). Both kinds are kept as `negated` tags,
so outputs can show what a review mentioned but did not find.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import spacy
from negspacy.negation import Negex
from negspacy.termsets import termset
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..codebook import Codebook
from ..records import Tag
from . import Item
from .patterns import TokenPatterns

SPAN_KEY = "codes"
# Match keys of mentions that are not the fact (`not_the_fact` in the settings) end so.
_NOT_FACT = "~not_the_fact"
# And those of a relative's copy of a parent pattern (`not_the_fact: relatives`).
_RELATIVE = "~relative"
# And those of a "he" or "she" copy of a parent pattern (`pronouns`), whose person is found
# by the sentence's subject.
_PRONOUN = "~pronoun"
# Words that bring another man into a window after a former partner.
_ANOTHER_MAN = frozenset({"mr", "new", "current", "partner", "boyfriend", "husband"})
# Where a text's string is kept for `_text`.
_TEXT = ("rules", "text")
# Words that make a partner a former one.
_FORMER = frozenset({"ex", "former", "previous"})
# Words that name the child's own parent, not any partner.
_CHILDS_PARENTS = frozenset({"father", "dad", "daddy", "mother", "mum", "mummy", "parents"})
# The possessive "'s", straight or curly.
_POSSESSIVE = frozenset({"'s", "’s"})
# Words that open a sentence pointing back to the last: "This was later found to be untrue".
_POINTING_BACK = frozenset({"this", "that", "which", "it"})
# What ends the clause an error cue speaks of: in "treated for depression by her GP, and a
# diagnosis of schizophrenia was recorded in error" the error is the schizophrenia's.
_NEW_CLAUSE = re.compile(
    r";|,\s*(and|but|while|whereas|although|though|yet)\b|\bbut\b", re.IGNORECASE
)
# An error cue that goes on to say what was wrong: "It was recorded in error that the baby
# was on a plan" does not point back to the sentence before.
_ERROR_NAMES_ITS_OWN = re.compile(r"\s*(that|whether)\b", re.IGNORECASE)
# Words that carry a list on past a comma: "no evidence that Mother, her partner or Father".
_LIST_WORDS = frozenset({"or", "and", "nor"})
_INSIDE_NEGATIONS = frozenset(
    {"no", "not", "never", "neither", "nor", "without", "denied", "denies"}
)


def _termset(extra: dict[str, list[str]], base: str | None) -> dict[str, list[str]]:
    patterns = (
        termset(base).get_patterns()
        if base
        else {
            "pseudo_negations": [],
            "preceding_negations": [],
            "following_negations": [],
            "termination": [],
        }
    )
    names = {
        "pseudo": "pseudo_negations",
        "preceding": "preceding_negations",
        "following": "following_negations",
        "termination": "termination",
    }
    for short, long in names.items():
        patterns[long] = sorted(set(patterns[long]) | set(extra.get(short) or []))
    # Cues of the general termset that over-reach in reviews ("the missing episodes were
    # not reported to the police": a following "were not" would deny the episodes).
    drop = {cue.lower() for cue in extra.get("drop") or []}
    for long in names.values():
        patterns[long] = [cue for cue in patterns[long] if cue.lower() not in drop]
    return patterns


def inverted_at(doc: Doc, i: int) -> bool:
    """Whether token `i` is the "not" of an inverted conditional, which states the fact.

    "Had the family not been living in a hostel room, ..." and "if Mother had not been
    drinking" say the family lived there and Mother drank: the "not" is no denial, and the
    supposition is of the opposite of the fact.
    """
    if doc[i].lower_ not in {"not", "never"}:
        return False
    sentence = doc[i].sent
    before = doc[sentence.start : i]
    if len(before) and before[0].lower_ == "had" and len(before) <= 6:
        return True
    words = [token.lower_ for token in before[-6:]]
    return "if" in words and "had" in words[words.index("if") :]


class WindowedNegex(Negex):
    """NegEx with the original algorithm's scope window.

    negspacy lets a cue reach the end of its clause, so in "there was no food in the house
    and Father was drinking heavily" the drinking would be negated. Chapman et al.'s NegEx
    limits the scope to a few words; so does this. A cue of several words ("nothing to
    indicate that", "no evidence of") is specific enough to reach further than a bare "no".
    """

    def __init__(
        self,
        *args: Any,
        window: int,
        long_window: int,
        following_window: int | None = None,
        counterfactual_cues: frozenset[str] = frozenset(),
        practice_verbs: frozenset[str] = frozenset(),
        invert_conditionals: bool = False,
        subject_break: frozenset[str] = frozenset(),
        time_words: frozenset[str] = frozenset(),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.window = window
        self.long_window = long_window
        self.following_window = following_window
        self.counterfactual_cues = counterfactual_cues
        self.practice_verbs = practice_verbs
        self.invert_conditionals = invert_conditionals
        self.subject_break = subject_break
        self.time_words = time_words

    def process_negations(self, doc: Doc) -> tuple[list, list, list]:
        """Cues, with those that overlap a pseudo-cue dropped.

        negspacy drops a cue only when it starts inside a pseudo-cue, so the following cue
        "was not" survived "not discussed" in "the domestic abuse was not discussed at the
        meeting", and a practice gap read as a denial. Any overlap drops the cue here.
        """
        preceding, following, terminating = super().process_negations(doc)
        pseudo = self._pseudo(doc)

        def free(cue: tuple[int, int, int]) -> bool:
            return not any(cue[1] < end and start < cue[2] for start, end in pseudo)

        return [m for m in preceding if free(m)], [m for m in following if free(m)], terminating

    def _pseudo(self, doc: Doc) -> list[tuple[int, int]]:
        # Matched once per text: `process_negations` and then `pseudo_tokens` both ask.
        key = (self.extension_name, "pseudo")
        if key not in doc.user_data:
            doc.user_data[key] = [
                (start, end)
                for match_id, start, end in self.matcher(doc)
                if self.nlp.vocab.strings[match_id] == "pseudo"
            ]
        return doc.user_data[key]

    def pseudo_tokens(self, doc: Doc) -> set[int]:
        """Indices of the tokens inside a pseudo-cue ("could not read", "not breathing")."""
        return {i for start, end in self._pseudo(doc) for i in range(start, end)}

    def _reach(self, match: tuple[int, int, int]) -> int:
        return self.long_window if match[2] - match[1] > 1 else self.window

    def _reach_after(self, match: tuple[int, int, int]) -> int:
        # A service word names what it follows ("the neglect strategy"), not a code four
        # words back ("her personal adviser from the 16+ team").
        return self._reach(match) if self.following_window is None else self.following_window

    def cues(self, span: Span) -> list[tuple[int, int]]:
        """The (start, end) token offsets of the cues that marked `span` (empty if none)."""
        return span.doc.user_data.get((self.extension_name, "cues"), {}).get(
            (span.start, span.end, span.label_), []
        )

    def _mark(self, span: Span, cues: list[tuple[int, int, int]]) -> None:
        span._.set(self.extension_name, True)
        store = span.doc.user_data.setdefault((self.extension_name, "cues"), {})
        store[(span.start, span.end, span.label_)] = [(m[1], m[2]) for m in cues]

    def _counterfactual(self, span: Span, cue: tuple[int, int, int]) -> bool:
        """Whether a cue supposes practice, not the fact: "if the school had known that...".

        In "If the school had known that Leah was self-harming" and "Had the police shared
        the call-outs", what is supposed is what practitioners knew or did; the fact is
        stated (coding rule 15). A counterfactual cue ("if") followed, before the code, by
        a verb of knowing or passing on is therefore no hypothetical. "If there had been
        domestic abuse" has no such verb and stays hypothetical.
        """
        text = span.doc[cue[1] : cue[2]].text.lower()
        if text not in self.counterfactual_cues:
            return False
        between = span.doc[cue[2] : span.start]
        if any(token.lower_ in self.practice_verbs for token in between):
            return True
        # "If Mother had not been drinking": what is supposed is the opposite of the fact.
        return any(inverted_at(span.doc, i) for i in range(cue[2], span.end))

    def _new_subject(self, doc: Doc, start: int, end: int) -> bool:
        """Whether a comma between a cue and a mention opens a clause with a new subject.

        "While there was no evidence of drug use by Mother, Father was a heavy cannabis
        user": the cue's scope ends at ", Father was". A list goes on ("no evidence that
        Mother, Father or the lodger used drugs"), also when its item takes two words: "no
        evidence that Mother, her partner or Father used drugs".
        """
        if not self.subject_break:
            return False
        for i in range(start, end - 1):
            if doc[i].text == "," and doc[i + 1].lower_ in self.subject_break:
                after = doc[i + 2 : i + 4]
                if not len(after) or after[0].text == ",":
                    continue
                if any(token.lower_ in _LIST_WORDS for token in after):
                    continue
                return True
        return False

    def _time_from(self, doc: Doc, start: int, mention: int) -> bool:
        """Whether a word of time just before the mention makes it the time a denial runs from.

        "Leo's father has not been involved since his release from prison": the release
        is a fact. Only within two words of the mention: in "nothing found since the
        incident suggests domestic abuse" the abuse is still denied.
        """
        return any(
            doc[i].lower_ in self.time_words for i in range(max(start, mention - 3), mention)
        )

    def _inverted(self, span: Span, cue: tuple[int, int, int]) -> bool:
        """Whether a negation cue sits in an inverted conditional.

        "Had the family not been living in a hostel room, ..." and "if Mother had not been
        drinking" state the fact: the "not" is no denial.
        """
        return self.invert_conditionals and inverted_at(span.doc, cue[1])

    def _apply_negation(self, span: Span, sub_preceding: list, sub_following: list) -> None:
        # A window pattern ("Mother ... alcohol") can hold a cue between its ends: "Mother
        # was questioned about alcohol use", "Father was asked whether he used cannabis".
        inside = [
            m
            for m in sub_preceding
            if span.start < m[1] and m[2] < span.end and not self._inverted(span, m)
        ]
        if inside:
            self._mark(span, inside)
            return
        near_preceding = [
            m
            for m in sub_preceding
            if m[2] <= span.start
            and span.start - m[2] <= self._reach(m)
            and not self._counterfactual(span, m)
            and not self._inverted(span, m)
            and not self._new_subject(span.doc, m[2], span.end)
            and not self._time_from(span.doc, m[2], span.start)
        ]
        # A pattern's last token may only guard the match ("neglect" and a word that is not
        # "strategy"), so a following cue may start on it: "neglect was ruled out".
        near_following = [
            m
            for m in sub_following
            if m[1] >= span.end - 1
            and m[1] > span.start
            and m[1] - span.end <= self._reach_after(m)
        ]
        applying = [m for m in near_preceding if m[1] < span.start] + [
            m for m in near_following if m[2] > span.end
        ]
        if applying:
            self._mark(span, applying)


class RulesTagger:
    """Tag passages with the codebook's patterns, aware of negation and hypotheticals.

    Args:
        codebook: The codebook whose patterns to use.
        config: Tagging settings (`load_config()`): cues, negatable frames, confidences.
    """

    method = "rules"

    def __init__(self, codebook: Codebook, config: dict[str, Any]) -> None:
        self.codebook = codebook
        self.config = config
        self.nlp = spacy.blank("en")
        self.nlp.add_pipe("sentencizer")
        self.matcher = TokenPatterns(self.nlp.vocab)
        self.phrases = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        relatives = (config.get("not_the_fact") or {}).get("relatives")
        for code in codebook.codes:
            tokens = [p for p in code.patterns if not isinstance(p, str)]
            tokens = _parent_patterns_stop_at_relatives(code.id, tokens, relatives)
            phrases = [self.nlp.make_doc(p) for p in code.patterns if isinstance(p, str)]
            if tokens:
                self.matcher.add(code.id, tokens)
            if phrases:
                self.phrases.add(code.id, phrases)
        self.frames = {code.id: code.frame for code in codebook.codes}
        not_the_fact = config.get("not_the_fact") or {}
        for code_id, patterns in _relative_patterns(codebook, not_the_fact.get("relatives")):
            self.matcher.add(code_id + _RELATIVE, patterns)
        pronouns = config.get("pronouns") or {}
        self.pronoun_words = {w.lower() for w in pronouns.get("words") or []}
        self.pronoun_codes = set(pronouns.get("codes") or [])
        self.pronoun_reach = int(pronouns.get("reach", 3))
        self.person_reach = int(pronouns.get("person_reach", 0))
        self.others = {w.lower() for w in pronouns.get("others") or []} | {
            w.lower() for w in ((not_the_fact.get("relatives") or {}).get("words") or [])
        }
        self.subject_skip = {w.lower() for w in pronouns.get("skip") or []}
        self.telling = {
            w.lower() for w in ((not_the_fact.get("relatives") or {}).get("stop") or [])
        } - {"he", "she", "her", "his", "him", "and", "that", "because", "when"}
        self.genders = {
            word.lower(): gender
            for gender in ("he", "she")
            for word in (pronouns.get(gender) or [])
        }
        self.titles = {w.lower() for w in pronouns.get("titles") or []}
        self.subordinate = {w.lower() for w in pronouns.get("subordinate") or []}
        if self.pronoun_words:
            for code_id, patterns in _relative_patterns(
                codebook, not_the_fact.get("relatives"), sorted(self.pronoun_words)
            ):
                self.matcher.add(code_id + _PRONOUN, patterns)
        # The words that open parent patterns: in "Mother and grandmother both drank" the
        # relative's fact is the parent's too, and "Mr Dale had a conviction" is a parent's
        # record whatever else the sentence says (`not_the_code`).
        self.parent_words = {
            word.lower()
            for code in codebook.codes
            for p in code.patterns
            if _is_parent_opener(p)
            for word in p[0]["LOWER"]["IN"]
        }
        for code_id, phrases in (not_the_fact.get("phrases") or {}).items():
            self.phrases.add(code_id + _NOT_FACT, [self.nlp.make_doc(p) for p in phrases])
        for code_id, patterns in (not_the_fact.get("patterns") or {}).items():
            self.matcher.add(code_id + _NOT_FACT, patterns)
        self.before = {
            code_id: [re.compile(cue, re.IGNORECASE) for cue in cues]
            for code_id, cues in (not_the_fact.get("before") or {}).items()
        }
        childhood = not_the_fact.get("childhood") or {}
        self.childhood_codes = set(childhood.get("codes") or [])
        self.childhood = [re.compile(cue, re.IGNORECASE) for cue in childhood.get("when") or []]
        self.childhood_stop = {word.lower() for word in childhood.get("stop") or []}
        self.childhood_implies = childhood.get("implies")
        intention = not_the_fact.get("intention") or {}
        self.intention_codes = set(intention.get("codes") or [])
        self.intention = [re.compile(cue, re.IGNORECASE) for cue in intention.get("before") or []]
        self.intention_done = [
            re.compile(cue, re.IGNORECASE) for cue in intention.get("done") or []
        ]
        outcome = not_the_fact.get("outcome") or {}
        self.outcome_codes = set(outcome.get("codes") or [])
        self.outcome = [re.compile(cue, re.IGNORECASE) for cue in outcome.get("after") or []]
        self.adjacent = [
            tuple(t.lower_ for t in self.nlp.make_doc(cue))
            for cue in config["negation"].get("adjacent") or []
        ]
        contradicted = config.get("contradicted") or {}
        self.claims = [
            tuple(t.lower_ for t in self.nlp.make_doc(word))
            for word in contradicted.get("claims") or []
        ]
        self._claim_words = {claim[0] for claim in self.claims if len(claim) == 1}
        self.contradictions = {
            code_id: [re.compile(cue, re.IGNORECASE) for cue in cues]
            for code_id, cues in (contradicted.get("codes") or {}).items()
        }
        self.untrue = [re.compile(cue, re.IGNORECASE) for cue in contradicted.get("any") or []]
        self.errors = [re.compile(cue, re.IGNORECASE) for cue in contradicted.get("errors") or []]
        self.not_parents = {word.lower() for word in contradicted.get("not_parents") or []}
        self.answered = [
            re.compile(cue, re.IGNORECASE) for cue in not_the_fact.get("answered") or []
        ]
        not_the_code = config.get("not_the_code") or {}
        self.other_sentence = {
            code_id: [re.compile(cue, re.IGNORECASE) for cue in cues]
            for code_id, cues in (not_the_code.get("sentence") or {}).items()
        }
        self.other_before = {
            code_id: [re.compile(cue, re.IGNORECASE) for cue in cues]
            for code_id, cues in (not_the_code.get("before") or {}).items()
        }
        self.generic = [
            re.compile(cue, re.IGNORECASE) for cue in config.get("generic_sentences", [])
        ]
        self.contrast = {word.lower() for word in config.get("contrast", [])}
        # What ends a clause for a shared verdict: a contrast word, a negation
        # termination (";", "which", "because", "when") or one of `clause_ends`.
        self.clause_ends = self.contrast | {
            word.lower() for word in config["negation"].get("termination") or [] if " " not in word
        }
        self.clause_ends |= {word.lower() for word in config.get("clause_ends") or []}
        self.yield_breaks = {word.lower() for word in config.get("yield_breaks") or []}
        asking = config.get("asking") or {}
        self.asking_verbs = {word.lower() for word in asking.get("verbs") or []}
        self.asking_words = {word.lower() for word in asking.get("about") or []}
        self.yields_to = {
            code: set(others) for code, others in (config.get("yields_to") or {}).items()
        }
        window = int(config.get("negation_window", 6))
        long_window = int(config.get("negation_window_long", 12))
        hypothetical = config["hypothetical"]
        self.invert_conditionals = bool(config["negation"].get("invert_conditionals"))
        self.negation = WindowedNegex(
            self.nlp,
            "negation",
            window=window,
            long_window=long_window,
            invert_conditionals=bool(config["negation"].get("invert_conditionals")),
            subject_break=frozenset(
                word.lower() for word in config["negation"].get("subject_break") or []
            ),
            time_words=frozenset(
                word.lower() for word in config["negation"].get("time_from") or []
            ),
            neg_termset=_termset(config["negation"], "en"),
            extension_name="negated",
            span_keys=[SPAN_KEY],
        )
        self.hypothetical = WindowedNegex(
            self.nlp,
            "hypothetical",
            window=window,
            long_window=long_window,
            following_window=config.get("hypothetical_following_window"),
            counterfactual_cues=frozenset(
                cue.lower() for cue in hypothetical.get("counterfactual") or []
            ),
            practice_verbs=frozenset(
                verb.lower() for verb in hypothetical.get("practice_verbs") or []
            ),
            neg_termset=_termset(hypothetical, None),
            extension_name="hypothetical",
            span_keys=[SPAN_KEY],
        )

    def __reduce__(self) -> tuple[type, tuple[Codebook, dict[str, Any]]]:
        # spaCy pipelines and NegEx do not pickle cheaply; a worker process builds its own.
        return (RulesTagger, (self.codebook, self.config))

    def spans(self, spacy_doc: Doc) -> list[Span]:
        """Return the code matches in a parsed text, negation and hypotheticals marked."""
        matches, not_fact = [], []
        parent_copies: set[tuple[int, int, str]] = set()
        strings = spacy_doc.vocab.strings
        for match_id, start, end in [*self.matcher(spacy_doc), *self.phrases(spacy_doc)]:
            key = strings[match_id]
            if key.endswith(_RELATIVE):
                code = key[: -len(_RELATIVE)]
                if start >= 2 and (
                    spacy_doc[start - 2].lower_ in self.parent_words
                    and spacy_doc[start - 1].lower_ in {"and", "&"}
                ):
                    matches.append(Span(spacy_doc, start - 2, end, label=code))
                else:
                    not_fact.append(Span(spacy_doc, start, end, label=code))
            elif key.endswith(_NOT_FACT):
                not_fact.append(Span(spacy_doc, start, end, label=key[: -len(_NOT_FACT)]))
            elif key.endswith(_PRONOUN):
                # "Her brother stayed at weekends; he had been in prison": the brother's.
                person = self._antecedent(spacy_doc, start)
                span = Span(spacy_doc, start, end, label=key[: -len(_PRONOUN)])
                # Someone else's is negated; a parent's is the parent's ("Father's
                # conviction ... He had a separate conviction for burglary").
                if person == "other":
                    not_fact.append(span)
                elif person == "parent":
                    matches.append(span)
                    parent_copies.add((start, end, span.label_))
            elif key in self.pronoun_codes and self._someone_else(spacy_doc, start):
                not_fact.append(Span(spacy_doc, start, end, label=match_id))
            else:
                matches.append(Span(spacy_doc, start, end, label=match_id))
        # A parent's "she" copy only adds what the parent patterns missed: it never takes
        # the place of their match ("He had previous convictions for robbery").
        if parent_copies:
            ordinary = [s for s in matches if (s.start, s.end, s.label_) not in parent_copies]
            matches = [
                s
                for s in matches
                if (s.start, s.end, s.label_) not in parent_copies
                or not any(
                    o.label_ == s.label_ and o.start < s.end and s.start < o.end for o in ordinary
                )
            ]
        # Within one code, keep the longest of overlapping matches. A mention that is not
        # the fact ("before the pandemic", "Ms Oduya's broken [arm]") replaces the code's
        # mentions that start inside it, and gives way to one that starts before it.
        kept: list[Span] = []
        for code in {span.label_ for span in matches}:
            kept.extend(filter_spans([s for s in matches if s.label_ == code]))
        marked = set()
        for code in {span.label_ for span in not_fact}:
            for span in filter_spans([s for s in not_fact if s.label_ == code]):
                inside = [
                    o
                    for o in kept
                    if o.label_ == code and span.start <= o.start < span.end
                ]
                if any(
                    o.label_ == code and o.start < span.end and span.start < o.end
                    for o in kept
                    if o not in inside
                ):
                    continue
                kept = [o for o in kept if o not in inside] + [span]
                marked.add((span.start, span.end, span.label_))
        spacy_doc.user_data[_NOT_FACT] = marked
        spacy_doc.spans[SPAN_KEY] = sorted(kept, key=lambda s: (s.start, s.label_))
        self.negation(spacy_doc)
        self.hypothetical(spacy_doc)
        return list(spacy_doc.spans[SPAN_KEY])

    def tag(self, items: list[Item], vectors: np.ndarray | None = None) -> list[Tag]:
        """Return one rules tag per item and code: present if any match stands, else negated."""
        return self.analyse(items)[0]

    def analyse(self, items: list[Item]) -> tuple[list[Tag], np.ndarray]:
        """Return the rules tags and, per item, the share of its sentences that are generic.

        The share tells the decision how much of a passage speaks of people in general
        (learning points, recommendations, national facts) rather than of this family.
        """
        negatable = set(self.config["negatable_frames"])
        confidence = self.config["rules_confidence"]
        tags: list[Tag] = []
        generic_share = np.zeros(len(items))
        docs = self.nlp.pipe(i.text for i in items)
        for row, (item, spacy_doc) in enumerate(zip(items, docs, strict=True)):
            # The tokenizer keeps the text whole, so `_text` need not join the tokens again.
            spacy_doc.user_data[_TEXT] = item.text
            sentences = list(spacy_doc.sents)
            generic_sentences = [sent for sent in sentences if self._is_generic(sent.text)]
            generic_share[row] = len(generic_sentences) / max(len(sentences), 1)
            generic_clauses = self._generic_clauses(generic_sentences)
            judged: list[tuple[Span, bool, bool]] = []
            implies: list[tuple[Span, bool]] = []
            pseudo = self.negation.pseudo_tokens(spacy_doc)
            for span in self.spans(spacy_doc):
                if self._not_the_code(span):
                    continue
                frame = self.frames[span.label_]
                generic = (
                    _clause_start(spacy_doc, span.sent.start, span.start) in generic_clauses
                )
                # A pattern that spans words ("Father ... convictions") can hold the
                # negation itself: "Father had no convictions". NegEx only looks outside.
                # A first word is the pattern's own ("no food in the house"), and so is a
                # pseudo-cue ("Mother could not read").
                inside = any(
                    token.lower_ in _INSIDE_NEGATIONS
                    and token.i not in pseudo
                    and not (self.invert_conditionals and inverted_at(spacy_doc, token.i))
                    for token in span[1:]
                )
                cue = (
                    span._.negated
                    or span._.hypothetical
                    or inside
                    or self._had_first(span)
                    or self._adjacent(span)
                )
                childhood = self._parents_childhood(span)
                # A question, a relative's fact, an outcome of the harm or an account the
                # passage contradicts cancels only its own mention.
                asked = (
                    self._asked(span)
                    or (span.start, span.end, span.label_) in spacy_doc.user_data[_NOT_FACT]
                    or self._outcome(span)
                    or self._former(span)
                    or self._contradicted(span)
                    or self._intended(span)
                    or self._in_error(span)
                    or childhood
                )
                cancelled = frame in negatable and (cue or asked or generic)
                # A question, like a generic sentence, cancels only its own mention: "asked
                # Ms Riley about domestic abuse and she disclosed that her partner hits her".
                judged.append((span, cancelled, frame in negatable and cue))
                if childhood and self.childhood_implies:
                    # "When she was 14 Mother was placed in a children's home": not the
                    # child looked after, but a parent who was (a care leaver). Added after
                    # the yielding, so the child's own care in the sentence stands.
                    implied = Span(spacy_doc, span.start, span.end, label=self.childhood_implies)
                    implies.append((implied, bool(cue or generic)))
            judged = self._yield(judged)
            judged = self._share_cancellation(judged) + implies
            best: dict[str, tuple[bool, Span]] = {}
            for span, cancelled in judged:
                previous = best.get(span.label_)
                # A standing mention beats a cancelled one; otherwise the first one wins.
                if previous is None or (previous[0] and not cancelled):
                    best[span.label_] = (cancelled, span)
            for code, (cancelled, span) in best.items():
                tags.append(
                    Tag(
                        passage_id=item.id,
                        code=code,
                        method=self.method,
                        confidence=float(confidence.get(self.frames[code], 0.5)),
                        start=span.start_char,
                        end=span.end_char,
                        negated=cancelled,
                    )
                )
        return tags, generic_share

    def _generic_clauses(self, sentences: list[Span]) -> set[int]:
        """Where the generic clauses of generic sentences open (token offsets).

        A sentence's clauses past a ";" are judged one by one: in "Children who live with
        domestic abuse are harmed by it; Ayla witnessed her father assaulting her mother"
        only the first speaks of children in general.
        """
        starts = set()
        for sentence in sentences:
            breaks = [t.i for t in sentence if t.text == ";"]
            if not breaks:
                starts.add(sentence.start)
                continue
            for start, end in zip(
                [sentence.start] + [i + 1 for i in breaks], breaks + [sentence.end], strict=True
            ):
                if self._is_generic(sentence.doc[start:end].text):
                    starts.add(start)
        return starts

    def _is_generic(self, sentence: str) -> bool:
        # One argument, so the sentence's text is built once rather than once per cue.
        return any(cue.search(sentence) for cue in self.generic)

    def _yield(self, judged: list[tuple[Span, bool, bool]]) -> list[tuple[Span, bool, bool]]:
        """A mention yields to another code's standing mention in its sentence (`yields_to`).

        "Mother lived in foster care from the age of twelve and still sees her personal
        adviser": the foster care is the parent's history (a care leaver), not a looked-after
        child. "Father grew up in a home where his own father beat his mother": the violence
        is the parent's childhood, not domestic abuse now. Such a mention is kept as negated,
        as the coding rules record a relative's fact, unless a contrast word stands between
        the two mentions ("Mother was in care herself, but her son was placed in foster care").
        """
        if not self.yields_to:
            return judged
        result = []
        for span, cancelled, by_cue in judged:
            others = self.yields_to.get(span.label_)
            if others and not cancelled:
                for other, other_cancelled, _ in judged:
                    if (
                        not other_cancelled
                        and other.label_ in others
                        and self._one_verdict(span, other)
                        and not self._breaks(span, other, self.yield_breaks, through=True)
                    ):
                        cancelled = by_cue = True
                        break
            result.append((span, cancelled, by_cue))
        return result

    def _share_cancellation(self, judged: list[tuple[Span, bool, bool]]) -> list[tuple[Span, bool]]:
        """A negated mention of a code cancels the code's other mentions in its sentence.

        "Nothing suggests that either parent was in care as a child or experienced abuse
        or neglect in their own childhood": one cue, two mentions, the second beyond the
        cue's reach. The sentence is about one code, so one verdict holds for it, unless a
        contrast word stands between the mentions ("Mother denied drinking, but police
        found her intoxicated").
        """
        result = []
        for span, cancelled, _ in judged:
            if not cancelled:
                cancelled = any(
                    other_by_cue
                    and other.label_ == span.label_
                    and self._one_verdict(span, other)
                    and not self._breaks(span, other, self.clause_ends)
                    and self._cue_reaches(span, other)
                    for other, _, other_by_cue in judged
                )
            result.append((span, cancelled))
        return result

    def _cue_reaches(self, span: Span, other: Span) -> bool:
        """Whether the cue that cancelled `other` stands on the far side of it from `span`.

        "Nothing suggests that either parent was in care or was abused as a child": the cue
        comes before both mentions, so it speaks of both. In "riding a motorbike without a
        helmet, carrying a knife and staying out overnight" the cue "without" comes after
        "risk-taking" earlier in the sentence, which it cannot deny. A mention cancelled by
        a cue inside it, or by yielding, has no outside cue: its position stands for one.
        """
        cues = self.negation.cues(other) + self.hypothetical.cues(other)
        if not cues:
            cues = [(other.start, other.end)]
        if other.start < span.start:
            return any(start <= other.start for start, _ in cues)
        return any(end >= other.end for _, end in cues)

    def _breaks(self, span: Span, other: Span, words: set[str], through: bool = False) -> bool:
        """Whether one of `words` stands between two mentions.

        With `through`, from the start of the first to the end of the second, for window
        patterns that overlap: "grew up in care and he has hit" beside "he has hit Mother".
        """
        first, last = sorted((span, other), key=lambda s: s.start)
        stretch = span.doc[first.start : last.end] if through else span.doc[first.end : last.start]
        return any(token.lower_ in words for token in stretch)

    def _had_first(self, span: Span) -> bool:
        """Whether the mention is supposed by a sentence that opens with "Had".

        "Had Mother been drinking, the visit would have ended" supposes the drinking (coding
        rule 15), as "if Mother had been drinking" does; NegEx has no cue for a bare "had".
        The mention must lie in the supposing clause, before its first comma, with no
        "not" ("Had the family not been living in a hostel": a fact) and no verb of knowing
        or passing on ("Had the police shared the call-outs": a fact) before it.
        """
        if "had" not in self.hypothetical.counterfactual_cues:
            return False
        sentence = span.sent
        if sentence[0].lower_ != "had":
            return False
        clause = span.doc[sentence.start : span.end]
        if any(token.text == "," for token in clause):
            return False
        # The whole supposing clause, to its comma: in "Had the probation service's
        # knowledge of Mr Carter's convictions been passed to children's social care, ..."
        # the verb of passing on comes after the mention.
        whole = span.doc[sentence.start : sentence.end]
        comma = next((t.i for t in whole if t.text == "," and t.i >= span.end), sentence.end)
        return not any(
            token.lower_ in {"not", "never"} or token.lower_ in self.hypothetical.practice_verbs
            for token in span.doc[sentence.start : comma]
        )

    def _adjacent(self, span: Span) -> bool:
        """Whether a "was not" stands right before the mention: "Jamie was not autistic"."""
        doc = span.doc
        for cue in self.adjacent:
            start = span.start - len(cue)
            if start >= span.sent.start and tuple(t.lower_ for t in doc[start : span.start]) == cue:
                return True
        return False

    def _outcome(self, span: Span) -> bool:
        """Whether the mention is a charge or conviction for the harm under review.

        "Father was charged with Ivy's murder", "Mr Dale was later convicted": the outcome
        of the incident, not a criminal record the child lived with (coding rule 20).
        """
        if span.label_ not in self.outcome_codes:
            return False
        text = span.doc.text[span.start_char : span.sent.end_char]
        return any(cue.search(text) for cue in self.outcome)

    def _former(self, span: Span) -> bool:
        """Whether the words just before the mention place it outside the household.

        "Mother's previous partner had served a prison sentence": a former partner's
        record (`not_the_fact: before`).
        """
        cues = self.before.get(span.label_)
        # The window may open on the former partner: "Mother's previous partner had served
        # a prison sentence".
        if (
            cues
            and len(span) > 3
            and span[1].lower_ in _POSSESSIVE
            and span[2].lower_ in _FORMER
            and not any(token.text == "," for token in span)
        ):
            return True
        # A window across a comma joins two facts ("a previous partner, and a conviction
        # for supplying cannabis"): the former partner is not the one convicted.
        if not cues or any(token.text == "," for token in span):
            return False
        # Nor when the window passes to another man: "Unlike her ex-partner Mr Kane had
        # served a prison sentence".
        if any(token.lower_ in _ANOTHER_MAN for token in span[1:]):
            return False
        text = _text(span.doc)[span.sent.start_char : span.start_char]
        # A mention that names its own person is that person's, past an "and": in "Her
        # former partner had a conviction for assault and Mr Lee had served a prison
        # sentence" only the words just before it ("her former partner") count.
        if span[0].lower_ in self.parent_words and span[0].lower_ not in self.pronoun_words:
            text = text[-25:]
        return any(cue.search(text) for cue in cues)

    def _intended(self, span: Span) -> bool:
        """Whether the mention is only what someone meant or talked of doing.

        "Ms Harlow talked about home-educating Finn", "she planned to move in with her new
        boyfriend": an intention states no fact (`not_the_fact: intention`). Only for codes
        a person chooses; "wanted to stop drinking" states the drinking. The words before
        the mention, in its clause, are matched. An intention the sentence says was carried
        out ("and did so in March") is a fact.
        """
        if span.label_ not in self.intention_codes:
            return False
        text = _text(span.doc)
        before = text[span.sent.start_char : span.start_char]
        if not any(cue.search(before) for cue in self.intention):
            return False
        after = text[span.end_char : span.sent.end_char]
        return not any(cue.search(after) for cue in self.intention_done)

    def _parents_childhood(self, span: Span) -> bool:
        """Whether the mention tells a parent's own childhood (coding rule 8).

        "Ms Bird said she had spent two years with foster carers when she was nine", "Mr
        Tully ... was taken into care at twelve" (`childhood` in the settings).

        The sentence dates the mention to a childhood ("as a boy", "when she was nine",
        "at twelve"), and the last person named before it is a parent (a parent word or a
        title and name, not a possessor: "Mother's youngest" is the child).
        """
        if span.label_ not in self.childhood_codes:
            return False
        if not any(cue.search(span.sent.text) for cue in self.childhood):
            return False
        doc = span.doc
        for k in range(span.start - 1, span.sent.start - 1, -1):
            token = doc[k]
            if k + 1 < len(doc) and doc[k + 1].lower_ in _POSSESSIVE:
                continue
            word = token.lower_
            if word in self.childhood_stop or word in self.clause_ends:
                return False  # "..., but her son was placed with foster carers"
            if word in self.titles or (
                word in self.parent_words and word not in self.pronoun_words
            ):
                return True
            if token.is_title and not token.is_sent_start and doc[k - 1].lower_ not in self.titles:
                return False  # a name: perhaps the child's
            if word in self.others:
                return False
        return False

    def _in_error(self, span: Span) -> bool:
        """Whether the passage says the mention was recorded in error.

        "a diagnosis of schizophrenia, which had been recorded in error": the rest of the
        sentence up to a new clause ("treated for depression, and a diagnosis of
        schizophrenia was recorded in error" records the depression), or the next sentence
        when it opens with "this", "that" or "it" and the cue points back to the mention
        ("It was recorded in error that the baby was on a plan" names its own error)
        (`contradicted: errors`).
        """
        if not self.errors:
            return False
        # Searched once per text, as most texts hold no such cue at all.
        key = ("errors", "any")
        text = _text(span.doc)
        if key not in span.doc.user_data:
            span.doc.user_data[key] = any(cue.search(text) for cue in self.errors)
        if not span.doc.user_data[key]:
            return False
        told = text[span.end_char : span.sent.end_char]
        if any(
            not _NEW_CLAUSE.search(told[: match.start()])
            for cue in self.errors
            for match in cue.finditer(told)
        ):
            return True
        after = _pointing_back(span)
        return any(
            not _ERROR_NAMES_ITS_OWN.match(after, match.end())
            for cue in self.errors
            for match in cue.finditer(after)
        )

    def _someone_else(self, doc: Doc, start: int) -> bool:
        """Whether a match is about someone who is not a parent.

        "Father's friend Mr Royle was often at the house; he had a conviction for
        supplying cocaine": the "he" just before the match is the friend (`pronouns`,
        `_antecedent`). With no pronoun, the last person named before the match, close by
        in its sentence: "The children's aunt, who offered to care for them, had herself
        been in foster care". A match that opens with a parent word is the parent's, unless
        the parent word belongs to someone else: "the childminder's husband".
        """
        if doc[start].lower_ in self.parent_words and doc[start].lower_ not in self.pronoun_words:
            return (
                start >= 2
                and doc[start - 1].lower_ in _POSSESSIVE
                and doc[start - 2].lower_ in self.others
            )
        sentence_start = doc[start].sent.start
        if doc[start].lower_ not in self.pronoun_words:
            # "The children's aunt, who offered to care for them, had herself been in
            # foster care": the last person named before the mention, in its sentence.
            for i in range(start - 1, max(sentence_start, start - self.person_reach) - 1, -1):
                word = doc[i].lower_
                if word in self.telling or word in self.parent_words or doc[i].text == ";":
                    break
                if word in self.others and not (
                    i + 1 < len(doc) and doc[i + 1].lower_ in _POSSESSIVE
                ):
                    return True
        for i in range(start, max(sentence_start, start - self.pronoun_reach) - 1, -1):
            if doc[i].is_punct:
                return False
            if doc[i].lower_ in self.pronoun_words:
                # "she found empty cider cans": what the person found, said or saw is not
                # theirs.
                if any(t.lower_ in self.telling for t in doc[i + 1 : start]):
                    return False
                return self._antecedent(doc, i) == "other"
        return False

    def _antecedent(self, doc: Doc, i: int) -> str | None:
        """Who the "he" or "she" at token `i` is: "parent", "other" or None (not known).

        The subject that opens the pronoun's clause, or the clause before when the pronoun
        opens its own (after a ";" or a full stop), if its gender fits: "The children's uncle
        was a regular visitor and he used cannabis daily" (the uncle), "Mother's brother
        stayed at weekends; he had been in prison" (the brother), "The maternal grandmother
        lived nearby. She had been treated for depression" (the grandmother). A subject
        named by name alone ("Jodie went to the park with a friend and she was drinking") or
        of the other gender ("Mother found Callum after he took his own life") is not known,
        and neither is a "she" in reported speech ("Ms K told the midwife she had no mental
        health history").
        """
        sentence = doc[i].sent
        first = doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
        if any(t.lower_ in self.telling for t in doc[max(first, i - 4) : i]):
            return None
        # The pronoun's clause opens after the last ";" of its sentence before it.
        start = _clause_start(doc, sentence.start, i)
        if all(t.is_punct for t in doc[start:i]):
            # The pronoun opens its clause: the clause before it, in its sentence or the last.
            end = start - 1 if start > sentence.start else sentence.start
            if end <= first:
                return None
            start = _clause_start(doc, first, end)
        return self._subject(doc, start, i, doc[i].lower_)

    def _subject(self, doc: Doc, start: int, end: int, pronoun: str) -> str | None:
        """Whose is the noun phrase that opens `doc[start:end]`, if its gender fits `pronoun`.

        "Mother's brother" is the brother's, "Ms Dale's sister" the sister's, "The maternal
        grandmother" the grandmother's, "Father's friend Mr Royle" the friend's; "Mr Dale"
        (a title and a name) a parent's, as the parent patterns take it.
        """
        k = start
        # A possessor whose thing is no person is the subject: "Ms Sutton's heroin use
        # ended in 2016; she ...".
        possessor: tuple[str, str] | None = None
        while k < end:
            token = doc[k]
            word = token.lower_
            if word in self.titles:
                j = k + 1
                while j < end and doc[j].is_title:
                    j += 1
                person = "parent"
                if j < end and doc[j].lower_ in _POSSESSIVE:
                    possessor, k = (person, word), j + 1
                    continue
            elif k + 1 < end and doc[k + 1].lower_ in _POSSESSIVE:
                person = self._person(word)
                possessor, k = ((person, word) if person else None), k + 2
                continue  # "Mother's brother"
            elif word in self.subject_skip or token.is_punct:
                k += 1
                continue
            elif k == start and word in self.subordinate:
                # "When she was 14 Mother was placed ...": the subject follows the clause.
                k = self._after_subordinate(doc, k + 1, end)
                continue
            else:
                person = self._person(word)
                if person is None and possessor is not None:
                    person, word = possessor
                if person is None:
                    return None  # a name, a practitioner, anyone
                gender = self.genders.get(word)
                if gender is None and k + 1 < end and doc[k + 1].lower_ in self.titles:
                    gender = self.genders.get(doc[k + 1].lower_)  # "friend Mr Royle"
                if gender is None and possessor is not None and person != possessor[0]:
                    # "Mother's friend visited often and she smoked cannabis": the friend
                    # or Mother; not known.
                    if self.genders.get(possessor[1]) == pronoun:
                        return None
                return person if gender is None or gender == pronoun else None
            gender = self.genders.get(word)
            return person if gender is None or gender == pronoun else None
        return None

    def _after_subordinate(self, doc: Doc, k: int, end: int) -> int:
        """Where a clause's subject stands after an opening "when ..." clause from `k`.

        The first parent, title or other person named after the "when" clause's own subject:
        "When she was 14 Mother was ...", "When her brother visited, Mother drank ...".
        """
        while k < end and doc[k].lower_ in self.subject_skip:
            k += 1
        for j in range(k + 1, end):
            word = doc[j].lower_
            if word in self.titles or (
                word not in self.pronoun_words and self._person(word) is not None
            ):
                return j
        return end

    def _person(self, word: str) -> str | None:
        """Whose a word names: "other" (a relative, friend or neighbour), "parent" or None."""
        if word in self.others:
            return "other"
        if word in self.parent_words and word not in self.pronoun_words:
            return "parent"
        return None

    def _not_the_code(self, span: Span) -> bool:
        """Whether the mention speaks of no one the code is about: no tag, present or negated.

        The child's own offending is not a parental criminal record ("Tyler, 17, had two
        cautions"), unless the mention opens with a parent word; nor is a father's dealing
        the child's exploitation, or the father's partner a new man (`not_the_code`). A
        question the passage answers ("asked if she smoked cannabis; she said she smoked it
        daily", "Mother was asked whether she drank, and said she drank a bottle a night")
        is neither asked nor denied, and the answer names no drug. A split from a
        boyfriend or partner the passage contradicts is no separation of the child's parents,
        present or negated (coding rule 17).
        """
        sentence = span.sent
        before = span.doc.text[sentence.start_char : span.start_char]
        if any(cue.search(before) for cue in self.other_before.get(span.label_, [])):
            return True
        if span[0].lower_ not in self.parent_words and any(
            cue.search(sentence.text) for cue in self.other_sentence.get(span.label_, [])
        ):
            return True
        key = (span.start, span.end, span.label_)
        # A question pattern's match, or a parent window that holds the asking: "Mother
        # was asked whether she drank".
        question = key in span.doc.user_data[_NOT_FACT] or any(
            token.lower_ in self.asking_verbs for token in span
        )
        if self.answered and question:
            after = span.doc.text[span.end_char : sentence.end_char]
            if any(cue.search(after) for cue in self.answered):
                return True
        if self.not_parents and self._contradicted(span):
            # The mention and the few words after it: "split up with her boyfriend".
            near = span.doc[span.start : min(span.end + 4, sentence.end)]
            words = {token.lower_ for token in near}
            return bool(words & self.not_parents) and not words & _CHILDS_PARENTS
        return False

    def _contradicted(self, span: Span) -> bool:
        """Whether the mention is someone's account that the passage later contradicts.

        "Mother said that she and Father had separated ... both children told their teacher
        that Daddy still lived at home" (coding rule 17): a word of telling before the
        mention in its clause, and later in the passage a sign against the code
        (`contradicted: codes`). An account said to be untrue (`contradicted: any`) must be
        this one: the cue stands in the mention's sentence, or opens the next with "this",
        "that", "which" or "it" ("...; this was later found to be untrue"), so "her account of the
        burn was untrue" does not deny an earlier sentence's drinking.
        """
        signs = self.contradictions.get(span.label_, [])
        if not (signs or self.untrue) or not self._claimed(span):
            return False
        later = span.doc.text[span.end_char :]
        if any(_about_the_father(later, m) for cue in signs for m in cue.finditer(later)):
            return True
        if not self.untrue:
            return False
        told = span.doc.text[span.end_char : span.sent.end_char] + " " + _pointing_back(span)
        return any(cue.search(told) for cue in self.untrue)

    def _claimed(self, span: Span) -> bool:
        """Whether a word of telling governs the mention: before it, in its clause.

        "Mother said they had separated": yes. "The school reported that Jay's attendance
        had dropped; Mother said ...": a claim after the mention, or past a ";", tells
        something else.
        """
        # A window pattern may hold the claim: "Mother said they had separated".
        words = [t.lower_ for t in span.doc[span.sent.start : span.end - 1]]
        if ";" in words:
            words = words[len(words) - words[::-1].index(";") :]
        # A one-word claim anywhere; a longer one only where its first word stands.
        if () in self.claims or not self._claim_words.isdisjoint(words):
            return True
        firsts = {claim[0] for claim in self.claims if len(claim) > 1}
        return any(
            tuple(words[i : i + len(claim)]) == claim
            for i, word in enumerate(words)
            if word in firsts
            for claim in self.claims
            if len(claim) > 1 and claim[0] == word
        )

    def _asked(self, span: Span) -> bool:
        """Whether the mention is what someone was asked about.

        "The midwife asked Ms Riley about domestic abuse": a word of asking, then within a
        few words "about" just before the mention. A question asserts nothing, as the
        fixed cue "asked about" already says.
        """
        if not self.asking_verbs:
            return False
        doc = span.doc
        start = max(span.sent.start, span.start - 3)
        for i in range(start, span.start):
            if doc[i].lower_ in self.asking_words:
                verbs = doc[max(span.sent.start, i - 5) : i]
                if any(token.lower_ in self.asking_verbs for token in verbs):
                    return not self._presupposed(doc, verbs, i)
        return False

    @staticmethod
    def _presupposed(doc: Doc, verbs: Span, about: int) -> bool:
        """Whether a question never put speaks of a fact: "nobody asked about the abuse".

        A question not asked about something named as known ("the domestic abuse") is a gap
        in practice; "was not asked about domestic abuse" stays a question, and so does "did
        not ask about Father's use of alcohol or drugs", which names no misuse.
        """
        before = doc[max(verbs.start - 2, doc[about].sent.start) : about]
        if not any(t.lower_ in {"not", "never", "nobody", "n't"} for t in before) and not (
            "no" in {t.lower_ for t in before} and "one" in {t.lower_ for t in before}
        ):
            return False
        return about + 1 < len(doc) and doc[about + 1].lower_ == "the"

    def _one_verdict(self, span: Span, other: Span) -> bool:
        """Whether two mentions share a sentence with no contrast word ("but") between them."""
        if other.sent.start != span.sent.start:
            return False
        low, high = sorted((other.start, span.start))
        return not any(token.lower_ in self.contrast for token in span.doc[low:high])


def _clause_start(doc: Doc, start: int, end: int) -> int:
    """Where the last clause of `doc[start:end]` opens: after its last ";", else at `start`."""
    for k in range(end - 1, start - 1, -1):
        if doc[k].text == ";":
            return k + 1
    return start


def _pointing_back(span: Span) -> str:
    """The sentence after the mention's when it opens pointing back ("This was untrue"), else ""."""
    following = span.doc[span.sent.end : span.sent.end + 1]
    if len(following) and following[0].lower_ in _POINTING_BACK:
        return following[0].sent.text
    return ""


def _text(doc: Doc) -> str:
    """The text of a doc, built once: `Doc.text` joins every token on each call."""
    if _TEXT not in doc.user_data:
        doc.user_data[_TEXT] = doc.text
    return doc.user_data[_TEXT]


# Someone other than the father telling of himself: "Jay said he still lived there".
# Case-sensitive, for a name.
_OTHER_SPEAKER = re.compile(
    r"\b(?!(?:Mr|Father|Dad|Daddy|He)\b)[A-Z][a-z]+,?\s+(said|says|told|tells|added|thought)\b"
    r"[^.;]{0,30}$"
)


def _about_the_father(text: str, sign: re.Match) -> bool:
    """Whether a sign that the couple still lives together is about the father.

    A sign that opens with "he" is not when a named child or other person is the one
    telling: in "Kit said he still lived at the house with his mum", "he" is Kit.
    """
    if not sign.group(0).lower().startswith("he"):
        return True
    return not _OTHER_SPEAKER.search(text[max(0, sign.start() - 60) : sign.start()])


def _is_parent_opener(pattern: list[dict[str, Any]] | str) -> bool:
    """Whether a token pattern opens with a parent word ("Mother ... depression")."""
    return (
        not isinstance(pattern, str)
        and isinstance(pattern[0].get("LOWER"), dict)
        and bool({"mother", "father", "parent"} & set(pattern[0]["LOWER"].get("IN") or []))
    )


def _parent_patterns_stop_at_relatives(
    code_id: str, patterns: list[list[dict[str, Any]]], relatives: dict[str, Any] | None
) -> list[list[dict[str, Any]]]:
    """A listed code's parent-word patterns, their windows barred from crossing a relative.

    "The maternal cousin had schizophrenia", "Mother's cousin had been to prison": the
    relative's fact, which the relative's copy of the pattern negates, and which the parent
    pattern must not claim. The relatives' words, one list in the settings, join each
    window's NOT_IN here, so a word added there is barred from both.
    """
    if not relatives or code_id not in set(relatives.get("codes") or []):
        return patterns
    words = {w.lower() for w in relatives.get("words") or []}
    result = []
    for pattern in patterns:
        if _is_parent_opener(pattern):
            pattern = [pattern[0]] + [_bar(token, words) for token in pattern[1:]]
        result.append(pattern)
    return result


def _bar(token: dict[str, Any], words: set[str]) -> dict[str, Any]:
    """A copy of a window token whose NOT_IN also holds `words`."""
    lower = token.get("LOWER")
    if not (isinstance(lower, dict) and "NOT_IN" in lower):
        return token
    return {**token, "LOWER": {**lower, "NOT_IN": sorted(set(lower["NOT_IN"]) | words)}}


def _relative_patterns(
    codebook: Codebook, relatives: dict[str, Any] | None, openers: list[str] | None = None
) -> list[tuple[str, list[list[dict[str, Any]]]]]:
    """Each listed code's parent-word patterns, copied to open with a relative's word.

    "Mother ... depression" becomes "grandmother ... depression": a relative's fact, which
    the coding rules record as a negated parental code. The copy's window is short (up to
    `window` words, "her nan had schizophrenia") and does not cross a parent word, a word of
    telling or seeing, or a pronoun (`stop`), so "her gran said Mother drank", "the gran
    found empty vodka bottles" and "grandmother smelt alcohol on her breath" stay the
    parent's drinking. With `openers` ("he", "she"), the copies open with those words instead.
    """
    if not relatives:
        return []
    words = sorted({w.lower() for w in openers or relatives.get("words") or []})
    window = f"{{0,{int(relatives.get('window', 3))}}}"
    result = []
    for code in codebook.codes:
        if code.id not in set(relatives.get("codes") or []):
            continue
        openers = [p for p in code.patterns if _is_parent_opener(p)]
        stops = {w for p in openers for w in p[0]["LOWER"]["IN"]}
        stops |= {w.lower() for w in relatives.get("stop") or []}
        copies, seen = [], set()
        for pattern in openers:
            copy = [{"LOWER": {"IN": words}}]
            for token in pattern[1:]:
                token = dict(token)
                lower = token.get("LOWER")
                if isinstance(lower, dict) and "NOT_IN" in lower:
                    token["LOWER"] = {
                        **lower,
                        "NOT_IN": sorted(set(lower["NOT_IN"]) | stops),
                    }
                    if str(token.get("OP", "")).startswith("{0,"):
                        token["OP"] = window
                copy.append(token)
            key = repr(copy)
            if key not in seen:
                seen.add(key)
                copies.append(copy)
        if copies:
            result.append((code.id, copies))
    return result
