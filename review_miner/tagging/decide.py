"""Decide: combine the methods' scores into one calibrated decision per passage and code.

For every passage and code there are up to ten numbers: whether a rules match stands (0/1),
whether the only rules matches were negated or hypothetical (0/1), the similarity score,
the supervised probability, the share of the passage's sentences that are generic
(about people in general, not this family), the mentions model's probability that the
passage only mentions risks, harms or contexts (asks, denies, supposes), the code's
supervised probability over the best of its frame (`lead`, weighed where `lead_frames` in
`config/tagging.yaml` says), and the code's highest supervised probability over the
passage's sentences scored one by one (`sentences`, weighed where `sentence_frames` says),
and, when a fine-tuned model is trained (`finetuned.py`), its probability (`finetuned`,
weighed where `finetuned_frames` says), and the similarity-weighted share of the passage's
nearest coded passages that carry the code (`neighbours`, `neighbours.py`, weighed where
`neighbour_frames` says).
Per frame, a logistic regression over those, fitted on coded passages, turns them into a
probability: the combined tag's confidence. A code is present when that probability
reaches the code's threshold (0.5 unless `models/tagger.yaml` says otherwise), and never
when the passage only mentions it negated (or, with `negation_model: use: veto`, when the
negation model's probability reaches the veto).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import yaml
from sklearn.linear_model import LogisticRegression

from ..errors import ReviewMinerError

FEATURES = (
    "rules",
    "rules_negated",
    "similarity",
    "supervised",
    "generic",
    "mentions",
    "lead",
    "sentences",
    "finetuned",
    "neighbours",
    "negation",
)
OPTIONAL = ("generic", "mentions", "lead", "sentences", "finetuned", "neighbours", "negation")
"""Features a hand-written or older settings file may leave out (weight 0)."""
DEFAULT_THRESHOLD = 0.5
RULES_ONLY = {
    "weights": {
        "rules": 4.0,
        "rules_negated": 0.0,
        "similarity": 0.0,
        "supervised": 0.0,
        "generic": 0.0,
        "mentions": 0.0,
        "lead": 0.0,
        "sentences": 0.0,
        "finetuned": 0.0,
        "neighbours": 0.0,
        "negation": 0.0,
    },
    "intercept": -2.0,
}


@dataclass
class Scores:
    """The methods' scores for n items and c codes: each array is (n x c)."""

    rules: np.ndarray
    rules_negated: np.ndarray
    similarity: np.ndarray
    supervised: np.ndarray
    generic: np.ndarray | None = None
    mentions: np.ndarray | None = None
    sentences: np.ndarray | None = None
    finetuned: np.ndarray | None = None
    neighbours: np.ndarray | None = None
    negation: np.ndarray | None = None
    vetoed: np.ndarray | None = None

    @property
    def only_negated(self) -> np.ndarray:
        """(n x c): the codes a passage only mentions negated, never present.

        The rules found only negated or hypothetical matches, or the negation model's veto
        (`vetoed`) holds.
        """
        mask = (self.rules_negated > 0) & (self.rules == 0)
        if self.vetoed is not None:
            mask = mask | self.vetoed
        return mask

    def stacked(self, code_frames: list[str] | None = None) -> np.ndarray:
        """Return an (n x c x features) array in `FEATURES` order (a missing one is 0).

        `lead` is derived here from the supervised scores and the codes' frames: a code's
        probability over the best one of its frame in the same passage. Neighbouring
        themes share vocabulary, so a passage that scores 0.6 for one and 0.95 for another
        is more likely about the second alone.
        """
        columns = [getattr(self, name, None) for name in FEATURES]
        if code_frames is not None:
            columns[FEATURES.index("lead")] = lead(self.supervised, code_frames)
        columns = [np.zeros_like(self.rules) if c is None else c for c in columns]
        return np.stack(columns, axis=-1).astype(np.float64)


def lead(supervised: np.ndarray, code_frames: list[str]) -> np.ndarray:
    """Each code's supervised probability over the highest of its frame, per passage."""
    result = np.zeros_like(supervised, dtype=np.float64)
    for frame in set(code_frames):
        columns = [j for j, f in enumerate(code_frames) if f == frame]
        best = supervised[:, columns].max(axis=1, keepdims=True)
        result[:, columns] = supervised[:, columns] / np.maximum(best, 1e-6)
    return result


@dataclass
class Decider:
    """Per-frame weights over `FEATURES`, an intercept, and per-code thresholds.

    Attributes:
        frames: For each frame id, {"weights": {feature: weight}, "intercept": float,
            "threshold": float}; the threshold is the frame's default.
        thresholds: Per-code probability thresholds; a code not listed (one a researcher
            added after training, say) takes its frame's threshold.
    """

    frames: dict[str, dict]
    thresholds: dict[str, float] = field(default_factory=dict)

    def weighs(self, feature: str) -> bool:
        """Whether any frame's decision gives `feature` a weight (if not, skip computing it)."""
        return any(spec["weights"].get(feature) for spec in self.frames.values())

    def probabilities(self, scores: Scores, code_frames: list[str]) -> np.ndarray:
        """Return an (n x c) matrix of combined probabilities."""
        features = scores.stacked(code_frames)
        logits = np.zeros(features.shape[:2])
        for column, frame in enumerate(code_frames):
            if frame not in self.frames:
                raise ReviewMinerError(
                    f"the decision settings have no weights for frame '{frame}': "
                    "run 'review-miner train'"
                )
            weights = np.array([self.frames[frame]["weights"].get(name, 0.0) for name in FEATURES])
            logits[:, column] = features[:, column, :] @ weights + self.frames[frame]["intercept"]
        return 1.0 / (1.0 + np.exp(-logits))

    def decide(
        self, scores: Scores, code_ids: list[str], code_frames: list[str]
    ) -> tuple[np.ndarray, np.ndarray]:
        """Return (probabilities, present mask); a negated-only mention is never present."""
        probabilities = self.probabilities(scores, code_frames)
        thresholds = self.thresholds_of(code_ids, code_frames)
        present = (probabilities >= thresholds) & ~scores.only_negated
        return probabilities, present

    def thresholds_of(self, code_ids: list[str], code_frames: list[str]) -> np.ndarray:
        """Each code's probability threshold (its own, else its frame's)."""
        return np.array(
            [
                self.thresholds.get(code, self.frames[frame].get("threshold", DEFAULT_THRESHOLD))
                for code, frame in zip(code_ids, code_frames, strict=True)
            ]
        )

    def save(self, path: Path, note: str = "") -> None:
        """Write the decider as YAML a person can read and edit."""
        document = {
            "note": note,
            "features": list(FEATURES),
            "frames": {
                frame: {
                    "weights": {k: round(float(v), 4) for k, v in spec["weights"].items()},
                    "intercept": round(float(spec["intercept"]), 4),
                    "threshold": round(float(spec.get("threshold", DEFAULT_THRESHOLD)), 3),
                }
                for frame, spec in sorted(self.frames.items())
            },
            "thresholds": {k: round(float(v), 3) for k, v in sorted(self.thresholds.items())},
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Decider:
        """Read a decider written by `save` (or by hand)."""
        if not path.is_file():
            raise ReviewMinerError(f"{path}: no decision settings; run 'review-miner train' first")
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        try:
            frames = {
                frame: {
                    "weights": {
                        name: float(spec["weights"][name])
                        for name in FEATURES
                        if name in spec["weights"] or name not in OPTIONAL
                    },
                    "intercept": float(spec["intercept"]),
                    "threshold": float(spec.get("threshold", DEFAULT_THRESHOLD)),
                }
                for frame, spec in data["frames"].items()
            }
        except (KeyError, TypeError) as exc:
            raise ReviewMinerError(
                f"{path}: each frame needs weights for "
                f"{', '.join(f for f in FEATURES if f not in OPTIONAL)} and an intercept"
            ) from exc
        return cls(
            frames=frames,
            thresholds={k: float(v) for k, v in (data.get("thresholds") or {}).items()},
        )


def fit_decider(
    scores: Scores,
    labels: np.ndarray,
    code_frames: list[str],
    lead_frames: Collection[str] = ("theme",),
    sentence_frames: Collection[str] = (),
) -> Decider:
    """Fit one logistic regression per frame over all its codes' (item, code) pairs.

    Pooling a frame's codes gives rare codes the benefit of common ones: what a rules match
    or a similarity of 0.5 means is much the same for every risk factor. `lead` is weighed
    only in `lead_frames` (`lead_frames` in `config/tagging.yaml`): frames whose codes
    compete for a passage, as neighbouring themes do; risks often come together. Likewise
    `sentences` is weighed only in `sentence_frames`.
    """
    features = scores.stacked(code_frames)
    frames: dict[str, dict] = {}
    for frame in sorted(set(code_frames)):
        columns = [i for i, f in enumerate(code_frames) if f == frame]
        X = features[:, columns, :].reshape(-1, len(FEATURES))
        if frame not in lead_frames:
            X[:, FEATURES.index("lead")] = 0.0  # weight 0: the feature plays no part
        if frame not in sentence_frames:
            X[:, FEATURES.index("sentences")] = 0.0
        y = labels[:, columns].reshape(-1)
        if y.min() == y.max():
            # Nothing to learn from (no coded passage carries, or every one carries, a code
            # of this frame): trust a rules match alone, which gives 0.88.
            frames[frame] = dict(RULES_ONLY)
            continue
        model = LogisticRegression(C=1.0, max_iter=1000).fit(X, y)
        frames[frame] = {
            "weights": dict(zip(FEATURES, model.coef_[0], strict=True)),
            "intercept": float(model.intercept_[0]),
        }
    return Decider(frames=frames)
