"""Tag: apply the codebook to passages with every method, and decide.

`load_setup` gathers what tagging needs (codebook, settings, encoder, trained classifier,
decision weights) and names it by a key that changes when any of them changes. `tag_items`
tags any texts; `tag_store` tags the passages in a store that the current set-up has not
tagged yet, so re-running is a no-op and a codebook change re-tags everything.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .codebook import DEFAULT_CODEBOOK, Codebook, load_codebook
from .embed import Encoder, TextEncoder, embed_passages
from .errors import ReviewMinerError
from .records import Tag
from .store import Store
from .tagging import CONFIG, Item, load_config
from .tagging.similarity import SIMILARITY_FLOOR, SimilarityTagger, tags_from_scores

# The methods (spaCy, scikit-learn) are imported where they are used: a run with nothing to
# tag needs `setup_key` and `TAGGABLE` only, and importing spaCy brings in torch.
if TYPE_CHECKING:
    from .tagging.decide import Decider, Scores
    from .tagging.rules import RulesTagger
    from .tagging.supervised import SupervisedTagger

MODELS = Path(__file__).resolve().parent.parent / "models"
MODEL_FILE = "supervised.skops"
DECIDER_FILE = "tagger.yaml"


@dataclass
class Setup:
    """Everything tagging needs, loaded once."""

    codebook: Codebook
    config: dict[str, Any]
    encoder: TextEncoder
    rules: RulesTagger
    similarity: SimilarityTagger
    supervised: SupervisedTagger | None
    decider: Decider | None
    key: str

    @property
    def code_frames(self) -> list[str]:
        """The frame of each code, in codebook order."""
        return [code.frame for code in self.codebook.codes]

    @property
    def untrained_codes(self) -> list[str]:
        """Codebook codes the supervised model was not trained on (added since, say)."""
        if self.supervised is None:
            return []
        known = set(self.supervised.codes)
        return [code for code in self.codebook.ids if code not in known]

    @property
    def untrained_note(self) -> str | None:
        """What a user should know when codes lack a trained model, or None."""
        if not self.untrained_codes:
            return None
        return (
            "the supervised tagger was not trained on "
            + ", ".join(self.untrained_codes)
            + "; they are coded by rules and similarity only until 'review-miner train'"
        )


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12] if path.is_file() else "none"


def setup_key(book: Codebook, settings: dict[str, Any], encoder: str, models: Path) -> str:
    """Name a tagging set-up: codebook version, settings, encoder and trained models.

    Passages are tagged once per set-up; a change to any of these re-tags them. Cheap: it
    reads files but loads no model, so a run can tell there is nothing to tag in a blink.
    """
    parts = [
        book.version,
        json.dumps(settings, sort_keys=True),
        encoder,
        _file_hash(models / MODEL_FILE),
        _file_hash(models / DECIDER_FILE),
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def load_setup(
    codebook: Path | str = DEFAULT_CODEBOOK,
    config: Path | str = CONFIG,
    models: Path | str = MODELS,
    encoder: TextEncoder | None = None,
    with_models: bool = True,
) -> Setup:
    """Load the codebook, settings, encoder and trained models.

    Args:
        codebook: A codebook folder or file.
        config: The tagging settings (cues, negatable frames).
        models: The folder holding `supervised.skops` and `tagger.yaml`.
        encoder: An encoder; default the offline all-MiniLM-L6-v2.
        with_models: Load the trained models (False when about to train new ones).
    """
    from .tagging.decide import Decider
    from .tagging.rules import RulesTagger
    from .tagging.supervised import SupervisedTagger, load_model

    book = load_codebook(codebook)
    settings = load_config(config)
    encoder = encoder or Encoder()
    models = Path(models)
    supervised = decider = None
    if with_models:
        supervised = SupervisedTagger(load_model(models / MODEL_FILE), encoder)
        decider = Decider.load(models / DECIDER_FILE)
    key = setup_key(book, settings, encoder.name, models)
    return Setup(
        codebook=book,
        config=settings,
        encoder=encoder,
        rules=RulesTagger(book, settings),
        similarity=SimilarityTagger(book, encoder),
        supervised=supervised,
        decider=decider,
        key=key,
    )


def score_items(
    items: list[Item], setup: Setup, vectors: np.ndarray | None = None
) -> tuple[Scores, list[Tag]]:
    """Run every method; return their scores (items x codes) and the rules tags (evidence)."""
    from .tagging.decide import Scores

    ids = setup.codebook.ids
    column = {code: i for i, code in enumerate(ids)}
    if vectors is None:
        vectors = setup.encoder.encode([item.text for item in items])
    shape = (len(items), len(ids))
    rules, rules_negated = np.zeros(shape), np.zeros(shape)
    row = {item.id: i for i, item in enumerate(items)}
    rule_tags, generic_share = setup.rules.analyse(items)
    for tag in rule_tags:
        target = rules_negated if tag.negated else rules
        target[row[tag.passage_id], column[tag.code]] = 1.0
    supervised = np.zeros(shape)
    if setup.supervised is not None:
        probabilities = setup.supervised.scores(items, vectors)
        for source, code in enumerate(setup.supervised.codes):
            if code in column:
                supervised[:, column[code]] = probabilities[:, source]
    generic = np.repeat(generic_share[:, None], len(ids), axis=1)
    scores = Scores(rules, rules_negated, setup.similarity.scores(vectors), supervised, generic)
    return scores, rule_tags


def tag_items(items: list[Item], setup: Setup, vectors: np.ndarray | None = None) -> list[Tag]:
    """Tag texts: each method's tags, then one `combined` tag per decided code.

    Combined tags are present codes (`negated=False`, confidence the combined probability)
    and codes mentioned only negatively (`negated=True`). Their evidence is the rules match
    when there is one, else the whole text.
    """
    from .tagging.supervised import SUPERVISED_FLOOR

    if setup.decider is None:
        raise ReviewMinerError("no trained decision settings: run 'review-miner train' first")
    if not items:
        return []
    scores, rule_tags = score_items(items, setup, vectors)
    ids = setup.codebook.ids
    probabilities, present = setup.decider.decide(scores, ids, setup.code_frames)
    evidence = {(t.passage_id, t.code): t for t in rule_tags}
    tags = list(rule_tags)
    tags += tags_from_scores(items, scores.similarity, ids, "similarity", SIMILARITY_FLOOR)
    tags += tags_from_scores(items, scores.supervised, ids, "supervised", SUPERVISED_FLOOR)
    only_negated = (scores.rules_negated > 0) & (scores.rules == 0)
    for i, j in zip(*np.nonzero(present | only_negated), strict=True):
        item = items[i]
        rule = evidence.get((item.id, ids[j]))
        start, end = (rule.start, rule.end) if rule else (0, len(item.text))
        tags.append(
            Tag(
                item.id,
                ids[j],
                "combined",
                round(float(probabilities[i, j]), 4),
                start,
                end,
                negated=bool(only_negated[i, j]),  # decide() never makes these present
            )
        )
    return tags


@dataclass(frozen=True)
class TagSummary:
    """What `tag_store` did."""

    tagged: int
    already: int
    codes_present: int
    setup: str


TAGGABLE = ("paragraph", "bullet")
"""Passage kinds that carry codes; titles and headings only say where a passage is."""


def tag_store(
    store: Store,
    setup: Setup,
    batch: int = 256,
    on_progress: Callable[[int, int], None] | None = None,
) -> TagSummary:
    """Tag every passage the current set-up has not tagged yet, a batch per transaction."""
    passages = store.passages()
    tagged = store.tagged_ids(setup.key)
    todo = [p for p in passages if p.passage_id not in tagged]
    total = len(todo)
    already = len(passages) - total
    present = 0
    for start in range(0, total, batch):
        chunk = todo[start : start + batch]
        taggable = [p for p in chunk if p.kind in TAGGABLE]
        vectors = embed_passages(store, taggable, setup.encoder)
        tags = tag_items([Item(p.passage_id, p.text) for p in taggable], setup, vectors)
        store.save_tags(setup.key, [p.passage_id for p in chunk], tags)
        present += sum(1 for t in tags if t.method == "combined" and not t.negated)
        if on_progress:
            on_progress(min(start + batch, total), total)
    return TagSummary(tagged=total, already=already, codes_present=present, setup=setup.key)


@dataclass(frozen=True)
class Coded:
    """Passages coded by a person: what training and evaluation read."""

    items: list[Item]
    codes: list[set[str]]
    negated: list[set[str]]

    def matrix(self, code_ids: list[str]) -> np.ndarray:
        """Return the 0/1 (items x codes) matrix of present codes."""
        return np.array([[int(c in codes) for c in code_ids] for codes in self.codes], dtype=int)


def read_coded(path: Path | str) -> Coded:
    """Read coded passages: JSONL with id, text, codes (and negated), or CSV with those columns.

    In CSV, `codes` and `negated` hold code ids separated by `;` or `|`.

    Raises:
        ReviewMinerError: The file is missing or a line lacks id or text.
    """
    path = Path(path)
    if not path.is_file():
        raise ReviewMinerError(f"{path}: no such file")
    rows: list[dict[str, Any]] = []
    if path.suffix.lower() == ".csv":
        with path.open(newline="", encoding="utf-8-sig") as handle:
            for row in csv.DictReader(handle):
                row = {(key or "").strip().lower(): value for key, value in row.items()}
                rows.append(
                    {
                        **row,
                        "codes": _split_codes(row.get("codes", "")),
                        "negated": _split_codes(row.get("negated", "")),
                    }
                )
    else:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ReviewMinerError(f"{path}: line {number} is not JSON: {exc.msg}") from exc
    items, codes, negated = [], [], []
    seen: set[str] = set()
    for number, row in enumerate(rows, 1):
        if not row.get("id") or not isinstance(row.get("text"), str):
            raise ReviewMinerError(f"{path}: record {number} needs an 'id' and a 'text'")
        if str(row["id"]) in seen:
            raise ReviewMinerError(f"{path}: record {number}: id '{row['id']}' is used twice")
        seen.add(str(row["id"]))
        for key in ("codes", "negated"):
            if not isinstance(row.get(key) or [], list):
                raise ReviewMinerError(
                    f"{path}: record {number}: '{key}' must be a list of code ids"
                )
        items.append(Item(str(row["id"]), row["text"]))
        codes.append(set(row.get("codes") or []))
        negated.append(set(row.get("negated") or []))
    return Coded(items, codes, negated)


def check_codes(coded: Coded, codebook: Codebook) -> None:
    """Refuse coded passages that use codes the codebook does not have (a typo, an old id).

    Raises:
        ReviewMinerError: Naming the unknown codes.
    """
    used = {c for codes in (*coded.codes, *coded.negated) for c in codes}
    unknown = sorted(used - set(codebook.ids))
    if unknown:
        raise ReviewMinerError(f"codes not in the codebook: {', '.join(unknown)}")


def _split_codes(cell: str | None) -> list[str]:
    return [c.strip() for c in (cell or "").replace("|", ";").split(";") if c.strip()]


def train(coded: Coded, setup: Setup, out: Path | str = MODELS, source: str = "") -> dict[str, Any]:
    """Fit the supervised model and the decision on coded passages; save both.

    The codebook's example sentences join the training passages as positives of their code.
    The decision (per-frame weights and thresholds) is fitted on out-of-fold probabilities
    from 5-fold cross-validation, so it learns how far to trust the supervised model on
    passages it has not seen; each frame's threshold is the one with the best F1 there
    (and, if `per_code_threshold_min_positives` in the settings is above 0, each code
    with that many coded passages gets its own). The supervised model's settings come
    from `supervised:` in the settings (C, meaning_weight).

    Returns:
        The model card written beside the model.
    """
    from sklearn.metrics import precision_recall_fscore_support

    from .tagging.decide import FEATURES
    from .tagging.supervised import save_model

    out = Path(out)
    ids = setup.codebook.ids
    check_codes(coded, setup.codebook)
    if len(coded.items) < 5:
        raise ReviewMinerError(
            f"{len(coded.items)} coded passages: training needs at least 5 "
            "(it cross-validates in 5 folds)"
        )
    fitted = fit_supervised(coded, setup)
    decider, scores = fit_decision(coded, setup, fitted)
    model, n = fitted.model, len(coded.items)
    labels = fitted.labels
    _, present = decider.decide(scores, ids, setup.code_frames)

    p, r, f, support = precision_recall_fscore_support(
        labels[:n], present.astype(int), zero_division=0
    )
    card = {
        "model": "TF-IDF words and all-MiniLM-L6-v2 embeddings, "
        "one balanced logistic regression per code",
        "settings": {
            "C": float(model[-1].C),
            "meaning_weight": float(model.named_steps["features"].transformer_weights["meaning"]),
            "decision_features": list(FEATURES),
        },
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "training_data": {
            "source": source,
            "passages": n,
            "codebook_examples": fitted.examples,
            "codebook_version": setup.codebook.version,
        },
        "codes_learned": [c for c, ok in zip(ids, model[-1].learned_, strict=True) if ok],
        "cross_validated_on_training_data": {
            "note": "5-fold out-of-fold figures on the training passages, combined decision, "
            "thresholds chosen on the same folds: optimistic, not a held-out evaluation "
            "(see benchmarks/tagging.py)",
            "per_code": {
                code: {
                    "precision": round(float(p[i]), 3),
                    "recall": round(float(r[i]), 3),
                    "f1": round(float(f[i]), 3),
                    "support": int(support[i]),
                }
                for i, code in enumerate(ids)
            },
        },
    }
    save_model(model, out / MODEL_FILE, card)
    decider.save(
        out / DECIDER_FILE, note=f"fitted by review-miner train on {source or 'coded passages'}"
    )
    return card


@dataclass
class Fitted:
    """A supervised model fitted on coded passages, with what fitting the decision needs.

    Attributes:
        model: The pipeline fitted on every coded passage and the codebook's examples.
        out_of_fold: (passages x codes) probabilities from 5-fold cross-validation: each
            passage scored by a model that did not see it.
        vectors: The coded passages' embeddings.
        labels: The (passages x codes) 0/1 matrix of human coding.
        examples: How many codebook example sentences joined the training data.
    """

    model: Any
    out_of_fold: np.ndarray
    vectors: np.ndarray
    labels: np.ndarray
    examples: int


def fit_supervised(coded: Coded, setup: Setup, folds: int = 5) -> Fitted:
    """Fit the supervised model, and score every coded passage out of fold.

    The codebook's example sentences join the training passages as positives of their
    code; folds split the coded passages only, so the examples are always in training.
    """
    from sklearn.base import clone
    from sklearn.model_selection import KFold

    from .tagging.supervised import features, make_model

    ids = setup.codebook.ids
    examples = [(code.id, text) for code in setup.codebook.codes for text in code.examples]
    texts = [item.text for item in coded.items] + [text for _, text in examples]
    labels = np.vstack(
        [
            coded.matrix(ids),
            np.array([[int(c == code) for c in ids] for code, _ in examples], dtype=int),
        ]
    )
    vectors = setup.encoder.encode(texts)
    inputs = features(texts, vectors)
    options = setup.config.get("supervised") or {}
    unknown = sorted(set(options) - {"C", "meaning_weight"})
    if unknown:
        raise ReviewMinerError(
            f"tagging settings: unknown 'supervised' options {unknown}; use C, meaning_weight"
        )
    model = make_model(ids, vectors.shape[1], **{k: float(v) for k, v in options.items()})
    n = len(coded.items)
    out_of_fold = np.zeros((n, len(ids)))
    split = KFold(n_splits=folds, shuffle=True, random_state=0).split(np.arange(n))
    for fit_rows, held_rows in split:
        rows = np.concatenate([fit_rows, np.arange(n, len(texts))])
        fold_model = clone(model).fit(inputs.iloc[rows], labels[rows])
        out_of_fold[held_rows] = fold_model.predict_proba(inputs.iloc[held_rows])
    model.fit(inputs, labels)
    return Fitted(model, out_of_fold, vectors[:n], labels[:n], len(examples))


def fit_decision(coded: Coded, setup: Setup, fitted: Fitted) -> tuple[Decider, Scores]:
    """Fit the decision on the other methods' scores and the out-of-fold probabilities.

    Fitting on out-of-fold probabilities teaches the decision how far to trust the
    supervised model on passages it has not seen. Returns the decider and the scores it
    was fitted on.
    """
    from .tagging.decide import fit_decider

    ids = setup.codebook.ids
    without_model = Setup(**{**setup.__dict__, "supervised": None})
    scores, _ = score_items(coded.items, without_model, fitted.vectors)
    scores.supervised = fitted.out_of_fold
    decider = fit_decider(scores, fitted.labels, setup.code_frames)
    decider.thresholds = choose_thresholds(
        decider,
        scores,
        fitted.labels,
        ids,
        setup.code_frames,
        min_positives=int(setup.config.get("per_code_threshold_min_positives", 0) or 0),
    )
    return decider, scores


def choose_thresholds(
    decider: Decider,
    scores: Scores,
    labels: np.ndarray,
    ids: list[str],
    frames: list[str],
    min_positives: int = 0,
) -> dict[str, float]:
    """Choose probability thresholds on (out-of-fold) scores: per frame, then per code.

    Each frame's threshold is the one with the best micro-F1 over its codes; it is also
    stored as the frame's default, for codes added after training. A code with at least
    `min_positives` coded passages (0: none) gets its own threshold, the one with the best
    F1 for that code, because codes differ in how often the decision is sure of them; a
    rarer code keeps its frame's, since a threshold fitted on a handful of passages would
    fit those passages rather than the code.
    """
    probabilities = decider.probabilities(scores, frames)
    only_negated = (scores.rules_negated > 0) & (scores.rules == 0)
    grid = np.round(np.arange(0.1, 0.9, 0.05), 2)

    def f1(threshold: float, columns: list[int]) -> float:
        predicted = (probabilities[:, columns] >= threshold) & ~only_negated[:, columns]
        truth = labels[:, columns] == 1
        return 2 * (predicted & truth).sum() / max(predicted.sum() + truth.sum(), 1)

    thresholds: dict[str, float] = {}
    for frame in sorted(set(frames)):
        columns = [j for j, f in enumerate(frames) if f == frame]
        best = float(max(grid, key=lambda t, c=columns: f1(t, c)))
        decider.frames[frame]["threshold"] = best
        for j in columns:
            own = min_positives and labels[:, j].sum() >= min_positives
            # max() keeps the first best; ties go to the frame's threshold when it is one.
            candidates = [best, *grid] if own else [best]
            thresholds[ids[j]] = float(max(candidates, key=lambda t, j=j: f1(t, [j])))
    return thresholds
