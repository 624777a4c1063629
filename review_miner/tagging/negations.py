"""Negations: a learned per-mention score, P(this code is denied here | the words around it).

Coding rules 4 and 5 (`codebooks/README.md`): a risk, harm or context that a passage denies,
supposes or asks about is not present. The rules' cues (`rules.py`) were written from
development errors; this model learns the wording from the coded passages themselves, per
mention rather than per passage (the mentions model, `mentions.py`, scores a whole passage,
but one passage can state one code and deny another: "Mother denied drinking; she had a
long history of depression").

For a passage and a code of a negatable frame, the context is the sentence(s) holding the
rules' evidence for the code, with the matched words replaced by one placeholder word (so
the model learns how a mention is framed, not which code it is); with no rules evidence,
the sentence closest in meaning to the code (the similarity tagger's prototypes); with one
sentence, the passage. Coded passages give the training pairs: codes coded present
(label 0) and negated (label 1). At tagging time only candidate pairs are scored: a rules
match, negated or not, or a supervised probability of at least `SUPERVISED_FLOOR`.

How the score is used (`negation_model: use:` in `config/tagging.yaml`): as one more
feature of the decision (`feature`), as a veto (`veto`: a code whose probability reaches
the threshold is kept as negated, never present), or not at all (`off`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from ..embed import TextEncoder
from ..errors import ReviewMinerError
from ..records import Tag
from . import Item
from .similarity import SimilarityTagger
from .supervised import (
    SUPERVISED_FLOOR,
    features,
    load_trusted,
    passage_features,
    sentence_bounds,
)

MASK = "themention"
"""The placeholder for a mention's matched words: one word no passage uses."""
UNSCORED = 0.5
"""What a pair the model did not score holds: no opinion (see `as_feature`)."""
MIN_PAIRS = 5
"""Fewer training pairs than this of either kind (negated, present) and nothing is learned."""
USES = ("off", "feature", "veto", "both")


@dataclass(frozen=True)
class NegationSettings:
    """`negation_model:` in the tagging settings.

    Attributes:
        use: off, feature (weighed by the decision), veto, or both.
        veto: With `use: veto`, the probability at which a code is kept as negated.
        C: The logistic regression's inverse regularisation.
        meaning_weight: How much the context's embedding counts beside its words.
    """

    use: str = "off"
    veto: float = 0.8
    C: float = 2.0
    meaning_weight: float = 0.5

    @property
    def weighed(self) -> bool:
        """Whether the decision is fitted with the score as a feature."""
        return self.use in ("feature", "both")

    @property
    def vetoes(self) -> bool:
        """Whether a probability at `veto` keeps a code negated."""
        return self.use in ("veto", "both")

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> NegationSettings:
        """Read the settings, refusing unknown options and uses.

        Raises:
            ReviewMinerError: An unknown option, or a `use` other than off, feature, veto.
        """
        options = dict(config.get("negation_model") or {})
        known = {"use", "veto", "C", "meaning_weight"}
        unknown = sorted(set(options) - known)
        if unknown:
            raise ReviewMinerError(
                f"tagging settings: unknown 'negation_model' options {unknown}; "
                f"use {', '.join(sorted(known))}"
            )
        use = str(options.get("use", "off"))
        if options.get("use") is False:  # YAML reads a bare `off` as false
            use = "off"
        if use not in USES:
            raise ReviewMinerError(
                f"tagging settings: negation_model use '{use}' is not one of {', '.join(USES)}"
            )
        veto = float(options.get("veto", cls.veto))
        if not UNSCORED < veto <= 1:
            raise ReviewMinerError(
                f"tagging settings: negation_model veto {veto} must be above {UNSCORED} "
                "(an unscored pair holds that) and at most 1"
            )
        return cls(
            use=use,
            veto=veto,
            C=float(options.get("C", cls.C)),
            meaning_weight=float(options.get("meaning_weight", cls.meaning_weight)),
        )


def contexts(
    items: Sequence[Item],
    pairs: Sequence[tuple[int, int]],
    code_ids: Sequence[str],
    rule_tags: Sequence[Tag],
    similarity: SimilarityTagger,
    encoder: TextEncoder | None = None,
) -> list[str]:
    """The masked context of each (item row, code column) pair (see the module docstring).

    `encoder` embeds the sentences compared with the codes (default the similarity
    tagger's; in a worker process, the set-up's one-thread copy).
    """
    if not pairs:
        return []
    row_of = {item.id: row for row, item in enumerate(items)}
    evidence: dict[tuple[int, str], list[tuple[int, int]]] = {}
    for tag in rule_tags:
        if tag.passage_id in row_of:
            evidence.setdefault((row_of[tag.passage_id], tag.code), []).append((tag.start, tag.end))
    rows = sorted({row for row, _ in pairs})
    bounds = dict(zip(rows, sentence_bounds([items[r].text for r in rows]), strict=True))
    # Sentences to compare with the codes: those of passages with a pair lacking evidence.
    wanted = sorted(
        {
            row
            for row, column in pairs
            if (row, code_ids[column]) not in evidence and len(bounds[row]) > 1
        }
    )
    closest: dict[int, np.ndarray] = {}
    if wanted:
        owners = [row for row in wanted for _ in bounds[row]]
        texts = [items[row].text[s:e] for row in wanted for s, e in bounds[row]]
        scores = similarity.scores((encoder or similarity.encoder).encode(texts))
        owners_array = np.array(owners)
        for row in wanted:
            closest[row] = np.argmax(scores[owners_array == row], axis=0)
    result = []
    for row, column in pairs:
        text = items[row].text
        spans = evidence.get((row, code_ids[column]))
        if spans:
            result.append(_masked(text, bounds[row], spans))
        elif row in closest:
            start, end = bounds[row][int(closest[row][column])]
            result.append(text[start:end])
        else:
            result.append(text)
    return result


def _masked(text: str, bounds: list[tuple[int, int]], spans: list[tuple[int, int]]) -> str:
    """The sentences holding the spans, each span's words replaced by `MASK`."""
    held = [
        (start, end) for start, end in bounds if any(s < end and e > start for s, e in spans)
    ] or [(0, len(text))]
    parts = []
    for start, end in held:
        inside = sorted((max(s, start), min(e, end)) for s, e in spans if s < end and e > start)
        pieces, at = [], start
        for s, e in inside:
            if s >= at:
                pieces += [text[at:s], f" {MASK} "]
                at = e
            else:
                at = max(at, e)  # overlapping evidence: already masked
        pieces.append(text[at:end])
        parts.append(" ".join("".join(pieces).split()))
    return " ".join(parts)


def training_pairs(
    codes: Sequence[set[str]],
    negated: Sequence[set[str]],
    code_ids: Sequence[str],
    code_frames: Sequence[str],
    frames: set[str],
) -> tuple[list[tuple[int, int]], np.ndarray]:
    """The coded (passage, code) pairs of `frames`: 1 coded negated, 0 coded present."""
    pairs, labels = [], []
    for row, (present, denied) in enumerate(zip(codes, negated, strict=True)):
        for column, (code, frame) in enumerate(zip(code_ids, code_frames, strict=True)):
            if frame not in frames:
                continue
            if code in present:
                pairs.append((row, column))
                labels.append(0)
            elif code in denied:
                pairs.append((row, column))
                labels.append(1)
    return pairs, np.array(labels, dtype=int)


def candidate_pairs(
    rules: np.ndarray,
    rules_negated: np.ndarray,
    supervised: np.ndarray,
    code_frames: Sequence[str],
    frames: set[str],
) -> list[tuple[int, int]]:
    """The pairs worth scoring, in `frames`.

    A rules match (negated or not) or a supervised probability of at least
    `SUPERVISED_FLOOR`: elsewhere the decision would not code the pair present anyway.
    """
    keep = np.array([frame in frames for frame in code_frames])
    mask = ((rules > 0) | (rules_negated > 0) | (supervised >= SUPERVISED_FLOOR)) & keep[None, :]
    return [(int(r), int(c)) for r, c in zip(*np.nonzero(mask), strict=True)]


def make_negation_model(dimensions: int, C: float = 2.0, meaning_weight: float = 0.5) -> Pipeline:
    """Words (1- and 2-grams, function words kept: "no", "denied", "whether") and meaning.

    Args:
        dimensions: The embedding's size.
        C: Inverse regularisation strength of the logistic regression.
        meaning_weight: How much the embedding counts beside the words.
    """
    return Pipeline(
        [
            ("features", passage_features(dimensions, meaning_weight, most_words=4000)),
            ("classify", LogisticRegression(C=C, class_weight="balanced", max_iter=3000)),
        ]
    )


def as_feature(probabilities: np.ndarray) -> np.ndarray:
    """The decision's `negation` feature: P(negated) - 0.5, so 0 where no pair was scored.

    Uncentred, an unscored pair's 0 read as "surely not negated", and since the scored pairs
    are the candidates, mostly present, the decision learned a positive weight for being
    scored at all: on the development passages (5 folds) that counted 12 negated mentions
    present instead of 9; centred, 7.
    """
    return probabilities - UNSCORED


def vetoes(probabilities: np.ndarray, rules: np.ndarray, veto: float) -> np.ndarray:
    """The pairs the veto keeps as negated: P(negated) at least `veto`, no rules match.

    A standing rules match is left to the rules: it has been read for its cues and scope,
    where the model sees only the sentence. Vetoing those too cost recall on the
    development passages (at 0.5, 68 coded-present pairs moved to negated).
    """
    return (probabilities >= veto) & (rules == 0)


def learnable(labels: np.ndarray) -> bool:
    """Whether there are enough pairs of both kinds to learn from."""
    return min((labels == 0).sum(), (labels == 1).sum()) >= MIN_PAIRS


class NegationTagger:
    """Score (passage, code) pairs with a trained negation model: P(the code is denied)."""

    method = "negation"

    def __init__(self, model: Pipeline, encoder: TextEncoder) -> None:
        self.model = model
        self.encoder = encoder

    def probabilities(self, texts: list[str], encoder: TextEncoder | None = None) -> np.ndarray:
        """P(negated) of each context (embedded by `encoder`, default the tagger's)."""
        if not texts:
            return np.zeros(0)
        vectors = (encoder or self.encoder).encode(texts)
        return self.model.predict_proba(features(texts, vectors))[:, 1]

    def scores(
        self,
        items: list[Item],
        pairs: list[tuple[int, int]],
        code_ids: Sequence[str],
        rule_tags: Sequence[Tag],
        similarity: SimilarityTagger,
        encoder: TextEncoder | None = None,
    ) -> np.ndarray:
        """An (items x codes) matrix: each pair's P(negated), `UNSCORED` for pairs not scored.

        `encoder` embeds the contexts (default the tagger's; in a worker process, the
        set-up's one-thread copy).
        """
        result = np.full((len(items), len(code_ids)), UNSCORED)
        texts = contexts(items, pairs, code_ids, rule_tags, similarity, encoder)
        for (row, column), p in zip(pairs, self.probabilities(texts, encoder), strict=True):
            result[row, column] = p
        return result


def load_negation_model(path: Path) -> Pipeline:
    """Load a negation model, trusting scikit-learn's types only.

    Raises:
        ReviewMinerError: The file is missing, holds other types, or is not a classifier
            pipeline.
    """
    model = load_trusted(path, [], Pipeline)
    if not isinstance(model[-1], LogisticRegression):
        raise ReviewMinerError(f"{path}: holds a {type(model[-1]).__name__}, not a negation model")
    return model
