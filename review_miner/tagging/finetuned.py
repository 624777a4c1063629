"""Fine-tuned: the installed MiniLM's top layers, trained to read a passage's clauses.

The supervised model sees words and an order-blind embedding, so it cannot tell "the
mother's account was accepted without checking" from "was checked", or "no evidence of
drinking" from "drinking". This tagger runs the transformer itself: the installed
all-MiniLM-L6-v2's lower layers, frozen, then its top `top_layers` layers fine-tuned with a
linear head over the mean of the tokens, one sigmoid per code (binary cross-entropy, rare
codes weighed up). Freezing the lower layers keeps training cheap (their output is computed
once per text and reused every epoch) and keeps the saved model small: only the top layers
and the head are stored, as safetensors (no pickle), and loaded on top of the installed base
weights, which the card names.

Deterministic on CPU: a fixed seed, a fixed order of batches, no dropout at inference.

Off by default (`finetuned: enabled:` in `config/tagging.yaml`): in cross-validation on the
development passages it lifted themes macro-F1 by 0.02 only, and running the transformer
on every passage makes tagging about ten times slower (figures in `benchmarks/tagging_dev.py`
and `config/tagging.yaml`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ReviewMinerError
from . import Item

MIN_POSITIVES = 3
"""Codes with fewer positive examples than this are not learned (probability 0)."""


@dataclass
class FinetuneSettings:
    """How the top layers are trained (`finetuned:` in `config/tagging.yaml`).

    Attributes:
        top_layers: How many of MiniLM's six layers are trained; the rest stay frozen.
        epochs: Passes over the training passages.
        batch_size: Passages per step.
        learning_rate: AdamW's rate for the top layers.
        head_learning_rate: AdamW's rate for the new linear head.
        max_length: Tokens read per passage (longer ones are cut).
        max_pos_weight: Cap on a code's weight for its positives (the square root of
            negatives over positives), so rare codes count more without swamping.
        dropout: Dropout before the head while training.
        seed: Fixes the head's start, dropout and the order of batches.
        threads: torch threads.
    """

    # The same as config/tagging.yaml's `finetuned:` section, so a benchmark that builds
    # the settings itself trains what the shipped config trains.
    top_layers: int = 2
    epochs: int = 6
    batch_size: int = 16
    learning_rate: float = 2e-4
    head_learning_rate: float = 5e-3
    max_length: int = 192
    max_pos_weight: float = 10.0
    dropout: float = 0.1
    seed: int = 0
    threads: int = 1

    @classmethod
    def from_config(cls, options: dict[str, Any] | None) -> FinetuneSettings:
        """Settings from the config's `finetuned:` section (unknown keys refused).

        Raises:
            ReviewMinerError: An option is not one of the settings.
        """
        options = dict(options or {})
        options.pop("enabled", None)
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(options) - known)
        if unknown:
            raise ReviewMinerError(
                f"tagging settings: unknown 'finetuned' options {unknown}; use {sorted(known)}"
            )
        defaults = cls()
        return cls(**{k: type(getattr(defaults, k))(v) for k, v in options.items()})


class Base:
    """The installed MiniLM and its tokenizer, loaded offline once per process."""

    _loaded: dict[str, Any] = {}

    @classmethod
    def get(cls) -> tuple[Any, Any]:
        """Return (tokenizer, model) with the model in eval mode and frozen."""
        if "model" not in cls._loaded:
            from transformers import AutoModel, AutoTokenizer
            from transformers.utils import logging as transformers_logging

            from ..embed import model_path, offline

            offline()
            transformers_logging.set_verbosity_error()
            path = str(model_path())
            tokenizer = AutoTokenizer.from_pretrained(path)
            model = AutoModel.from_pretrained(path, attn_implementation="eager").eval()
            for parameter in model.parameters():
                parameter.requires_grad_(False)
            cls._loaded.update(tokenizer=tokenizer, model=model)
        return cls._loaded["tokenizer"], cls._loaded["model"]


def _frozen_layers(model: Any, settings: FinetuneSettings) -> int:
    """How many of the base model's layers stay frozen below the trained top ones.

    Raises:
        ReviewMinerError: `top_layers` is not between 1 and the base model's layer count.
    """
    total = len(model.encoder.layer)
    # Checked because slicing would not complain: `layer[-0:]` is every layer and a negative
    # frozen count slices from the end, so 0 or 7 would silently train another model.
    if not 1 <= settings.top_layers <= total:
        raise ReviewMinerError(
            f"tagging settings: 'finetuned' top_layers is {settings.top_layers}; "
            f"the base model has {total} layers, so use 1 to {total}"
        )
    return total - settings.top_layers


def _layer_out(output: Any) -> Any:
    # BertLayer returns a tuple in some transformers releases, a tensor in others.
    return output[0] if isinstance(output, tuple) else output


def _additive_mask(mask: Any, dtype: Any) -> Any:
    import torch

    return (1.0 - mask[:, None, None, :].to(dtype)) * torch.finfo(dtype).min


@contextmanager
def _threads(count: int) -> Iterator[None]:
    """Run with torch on `count` threads, then give the process its own count back.

    `torch.set_num_threads` is process-wide: left set, it would slow every later
    embedding or supervised fit in the same run.
    """
    import torch

    previous = torch.get_num_threads()
    torch.set_num_threads(count)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


class LowerCache:
    """The frozen lower layers' output per text, computed once (texts sorted by length)."""

    def __init__(self, settings: FinetuneSettings) -> None:
        self.settings = settings
        self.states: dict[str, Any] = {}

    def get(self, texts: Sequence[str]) -> list[Any]:
        """Each text's (tokens x 384) hidden state after the frozen layers."""
        import torch

        missing = [t for t in dict.fromkeys(texts) if t not in self.states]
        if missing:
            tokenizer, model = Base.get()
            frozen = _frozen_layers(model, self.settings)
            order = sorted(range(len(missing)), key=lambda i: len(missing[i]))
            with torch.inference_mode():
                for start in range(0, len(order), 32):
                    batch = [missing[i] for i in order[start : start + 32]]
                    encoded = tokenizer(
                        batch,
                        padding=True,
                        truncation=True,
                        max_length=self.settings.max_length,
                        return_tensors="pt",
                    )
                    hidden = model.embeddings(
                        input_ids=encoded["input_ids"], token_type_ids=encoded["token_type_ids"]
                    )
                    extended = _additive_mask(encoded["attention_mask"], hidden.dtype)
                    for layer in model.encoder.layer[:frozen]:
                        hidden = _layer_out(layer(hidden, attention_mask=extended))
                    lengths = encoded["attention_mask"].sum(dim=1).tolist()
                    for text, state, length in zip(batch, hidden, lengths, strict=True):
                        self.states[text] = state[:length].clone()
        return [self.states[t] for t in texts]


def _pad(states: list[Any]) -> tuple[Any, Any]:
    import torch

    longest = max(s.shape[0] for s in states)
    hidden = torch.zeros(len(states), longest, states[0].shape[1])
    mask = torch.zeros(len(states), longest, dtype=torch.long)
    for i, state in enumerate(states):
        hidden[i, : state.shape[0]] = state
        mask[i, : state.shape[0]] = 1
    return hidden, mask


def _batches(lengths: np.ndarray, size: int, generator: np.random.Generator) -> list[np.ndarray]:
    """Shuffled batches of passages of similar length, so that a batch pads little."""
    order = generator.permutation(len(lengths))
    batches = []
    window = size * 8
    for start in range(0, len(order), window):
        part = order[start : start + window]
        part = part[np.argsort(lengths[part], kind="stable")]
        batches += [part[i : i + size] for i in range(0, len(part), size)]
    return [batches[i] for i in generator.permutation(len(batches))]


def _make_top(n_codes: int, settings: FinetuneSettings) -> Any:
    """A fresh module: copies of the base model's top layers and a linear head."""
    import copy

    import torch
    from torch import nn

    _, model = Base.get()

    class Top(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layers = nn.ModuleList(
                copy.deepcopy(layer)
                for layer in model.encoder.layer[_frozen_layers(model, settings) :]
            )
            for parameter in self.layers.parameters():
                parameter.requires_grad_(True)
            self.dropout = nn.Dropout(settings.dropout)
            self.head = nn.Linear(model.config.hidden_size, n_codes)

        def forward(self, hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            extended = _additive_mask(mask, hidden.dtype)
            for layer in self.layers:
                hidden = _layer_out(layer(hidden, attention_mask=extended))
            weights = mask[:, :, None].to(hidden.dtype)
            pooled = (hidden * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1.0)
            return self.head(self.dropout(pooled))

    torch.manual_seed(settings.seed)
    return Top()


@dataclass
class ClauseModel:
    """A fine-tuned top (layers and head) over the frozen base, for a list of codes.

    Attributes:
        codes: The code ids, one per output.
        learned: Per code, whether it had enough positives to learn (else probability 0).
        settings: How it was trained.
        top: The fitted torch module (layers and head), or None before `fit`.
    """

    codes: list[str]
    settings: FinetuneSettings = field(default_factory=FinetuneSettings)
    learned: np.ndarray | None = None
    top: Any = None
    cache: LowerCache | None = None

    def _cache(self) -> LowerCache:
        if self.cache is None:
            self.cache = LowerCache(self.settings)
        # The cache is keyed by text alone: states cut at another length, or taken below
        # another number of top layers, would feed the layers the wrong input silently.
        mine, its = self.settings, self.cache.settings
        if (mine.top_layers, mine.max_length) != (its.top_layers, its.max_length):
            raise ReviewMinerError(
                f"the lower-layer cache was built for top_layers={its.top_layers}, "
                f"max_length={its.max_length}, not the model's top_layers={mine.top_layers}, "
                f"max_length={mine.max_length}"
            )
        return self.cache

    def fit(self, texts: Sequence[str], labels: np.ndarray) -> ClauseModel:
        """Train on texts and a 0/1 (texts x codes) label matrix."""
        with _threads(self.settings.threads):
            return self._fit(texts, labels)

    def _fit(self, texts: Sequence[str], labels: np.ndarray) -> ClauseModel:
        import torch

        labels = np.asarray(labels, dtype=np.float32)
        positives = labels.sum(axis=0)
        self.learned = positives >= MIN_POSITIVES
        if not self.learned.any():
            raise ReviewMinerError(
                f"no code has {MIN_POSITIVES} or more coded passages to learn from"
            )
        states = self._cache().get(texts)
        top = _make_top(len(self.codes), self.settings)
        negatives = len(labels) - positives
        pos_weight = np.clip(
            np.sqrt(negatives / np.maximum(positives, 1)), 1.0, self.settings.max_pos_weight
        )
        loss_weights = torch.tensor(self.learned, dtype=torch.float32)
        loss_fn = torch.nn.BCEWithLogitsLoss(
            pos_weight=torch.tensor(pos_weight, dtype=torch.float32), reduction="none"
        )
        optimiser = torch.optim.AdamW(
            [
                {"params": top.layers.parameters(), "lr": self.settings.learning_rate},
                {"params": top.head.parameters(), "lr": self.settings.head_learning_rate},
            ],
            weight_decay=0.01,
        )
        steps = self.settings.epochs * math.ceil(len(texts) / self.settings.batch_size)
        schedule = torch.optim.lr_scheduler.LambdaLR(
            optimiser, lambda step: max(0.0, 1.0 - step / max(steps, 1))
        )
        with torch.no_grad():
            # Start each code at its weighted base rate, not at 0.5: few steps are wasted
            # learning that most passages carry no code.
            prior = positives * pos_weight / (positives * pos_weight + negatives)
            prior = np.clip(prior, 1e-4, 1 - 1e-4)
            top.head.bias.copy_(torch.tensor(np.log(prior / (1 - prior)), dtype=torch.float32))
        generator = np.random.default_rng(self.settings.seed)
        lengths = np.array([state.shape[0] for state in states])
        target = torch.tensor(labels)
        top.train()
        for _ in range(self.settings.epochs):
            for rows in _batches(lengths, self.settings.batch_size, generator):
                hidden, mask = _pad([states[i] for i in rows])
                logits = top(hidden, mask)
                loss = (loss_fn(logits, target[rows]) * loss_weights).mean()
                optimiser.zero_grad()
                loss.backward()
                optimiser.step()
                schedule.step()
        top.eval()
        self.top = top
        return self

    def predict_proba(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """Return an (n x codes) matrix of probabilities; 0 for codes not learned."""
        import torch

        if self.top is None or self.learned is None:
            raise ReviewMinerError("the fine-tuned model is not trained")
        result = np.zeros((len(texts), len(self.codes)))
        if not texts:
            return result
        with _threads(self.settings.threads):
            states = self._cache().get(texts)
            order = sorted(range(len(texts)), key=lambda i: states[i].shape[0])
            with torch.inference_mode():
                for start in range(0, len(order), batch_size):
                    rows = order[start : start + batch_size]
                    hidden, mask = _pad([states[i] for i in rows])
                    result[rows] = torch.sigmoid(self.top(hidden, mask)).numpy()
        result[:, ~self.learned] = 0.0
        return result

    def forget(self) -> None:
        """Drop cached lower-layer states (memory grows with every text scored)."""
        self.cache = None

    def save(self, path: Path, card: dict[str, Any]) -> None:
        """Write the top layers and head as safetensors, and the card beside it."""
        from safetensors.torch import save_file

        if self.top is None or self.learned is None:
            raise ReviewMinerError("the fine-tuned model is not trained")
        path.parent.mkdir(parents=True, exist_ok=True)
        tensors = {k: v.detach().contiguous() for k, v in self.top.state_dict().items()}
        metadata = {
            "codes": json.dumps(self.codes),
            "learned": json.dumps([bool(x) for x in self.learned]),
            "settings": json.dumps(asdict(self.settings)),
        }
        save_file(tensors, str(path), metadata=metadata)
        card_path = path.with_suffix(".card.json")
        card_path.write_text(json.dumps(card, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> ClauseModel:
        """Read a model written by `save` onto the installed base weights.

        Raises:
            ReviewMinerError: The file is missing or does not hold a review_miner model.
        """
        from safetensors import safe_open
        from safetensors.torch import load_file

        if not path.is_file():
            raise ReviewMinerError(f"{path}: no fine-tuned model; run 'review-miner train'")
        try:
            with safe_open(str(path), framework="pt") as handle:
                metadata = handle.metadata() or {}
            codes = json.loads(metadata["codes"])
            learned = np.array(json.loads(metadata["learned"]), dtype=bool)
            settings = FinetuneSettings(**json.loads(metadata["settings"]))
            tensors = load_file(str(path))
        except (KeyError, ValueError, TypeError, OSError) as exc:
            raise ReviewMinerError(f"{path}: not a review_miner fine-tuned model ({exc})") from exc
        top = _make_top(len(codes), settings)
        try:
            top.load_state_dict(tensors)
        except RuntimeError as exc:
            raise ReviewMinerError(f"{path}: its tensors do not fit the base model: {exc}") from exc
        top.eval()
        return cls(codes=codes, settings=settings, learned=learned, top=top)


class FinetunedTagger:
    """Score passages with a fine-tuned `ClauseModel`."""

    def __init__(self, model: ClauseModel) -> None:
        self.model = model

    @property
    def codes(self) -> list[str]:
        """The code ids the model's columns stand for."""
        return list(self.model.codes)

    def scores(self, items: list[Item]) -> np.ndarray:
        """Return an (items x model codes) matrix of probabilities."""
        result = self.model.predict_proba([item.text for item in items])
        self.model.forget()  # a store is tagged in batches; keep no state between them
        return result
