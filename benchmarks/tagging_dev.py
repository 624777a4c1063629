"""Development figures: cross-validation on the dev half of the gold set only.

The held-out half (test.jsonl) is for reporting; every change to the taggers, the decision
or the codebook is measured here first. The dev passages are split into five folds; for
each, the supervised model and the decision are fitted on the other four exactly as
`review-miner train` fits them (`fit_supervised`, `fit_decision`) and the fold is coded.
The pooled out-of-fold coding is compared with the human coding, and the errors are
written to a JSONL file for error analysis (dev passages only). With `--cache`, fitted
supervised models are kept by their inputs, so a change to the rules, the cues or the
decision is measured in minutes.

    .venv/bin/python benchmarks/tagging_dev.py [--errors out/dev_errors.jsonl] [--cache DIR]
        [--without-mentions]
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import os
import pickle
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from review_miner.embed import Encoder  # noqa: E402
from review_miner.evaluate import compare  # noqa: E402
from review_miner.tag import (  # noqa: E402
    Coded,
    Setup,
    fit_decision,
    fit_supervised,
    load_setup,
    read_coded,
    score_items,
)
from review_miner.tagging.mentions import MentionTagger  # noqa: E402
from review_miner.tagging.supervised import SupervisedTagger  # noqa: E402

GOLD = ROOT / "benchmarks" / "gold"


class CachedEncoder:
    """The real encoder, remembering every text it has embedded (folds share passages)."""

    def __init__(self, encoder: Encoder) -> None:
        self.encoder = encoder
        self.name = encoder.name
        self.dimensions = encoder.dimensions
        self.cache: dict[str, np.ndarray] = {}

    def encode(self, texts):
        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if missing:
            self.cache.update(zip(missing, self.encoder.encode(missing), strict=True))
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        return np.vstack([self.cache[t] for t in texts])


def subset(coded: Coded, rows: np.ndarray) -> Coded:
    return Coded(
        [coded.items[i] for i in rows],
        [coded.codes[i] for i in rows],
        [coded.negated[i] for i in rows],
    )


def cached_fit(coded: Coded, setup: Setup, cache: Path | None):
    """`fit_supervised`, remembered on disk by its inputs, so that changes to the rules or
    the decision can be measured without refitting the same supervised models."""
    if cache is None:
        return fit_supervised(coded, setup)
    key = hashlib.sha256()
    for item, codes in zip(coded.items, coded.codes, strict=True):
        key.update(f"{item.id}\t{item.text}\t{sorted(codes)}\n".encode())
    key.update((ROOT / "review_miner/tagging/supervised.py").read_bytes())
    key.update((ROOT / "review_miner/tagging/mentions.py").read_bytes())
    key.update(inspect.getsource(fit_supervised).encode())
    key.update(repr([(c.id, c.examples) for c in setup.codebook.codes]).encode())
    for part in ("supervised", "mentions", "negatable_frames"):
        key.update(json.dumps(setup.config.get(part, {}), sort_keys=True).encode())
    path = cache / f"{key.hexdigest()[:16]}.pkl"
    if path.is_file():
        return pickle.loads(path.read_bytes())
    fitted = fit_supervised(coded, setup)
    cache.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(fitted))
    return fitted


def theme_groups(
    dev: Coded, human: np.ndarray, predicted: np.ndarray, frames: list[str]
) -> pd.DataFrame:
    """Themes micro-F1 by the gold passages' style and by length: where theme errors sit."""
    from sklearn.metrics import f1_score

    styles = {}
    for line in (GOLD / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            styles[record["id"]] = record.get("style", "other")
    words = np.array([len(item.text.split()) for item in dev.items])
    groups = {
        **{
            f"style {style}": np.array([styles.get(i.id) == style for i in dev.items])
            for style in sorted(set(styles.values()))
        },
        "under 30 words": words < 30,
        "30 to 59 words": (words >= 30) & (words < 60),
        "60 words or more": words >= 60,
    }
    themes = [j for j, frame in enumerate(frames) if frame == "theme"]
    rows = []
    for name, rows_in in groups.items():
        truth, guess = human[rows_in][:, themes], predicted[rows_in][:, themes]
        if truth.sum() == 0:
            continue  # no theme coded in this group: F1 says nothing
        f1 = f1_score(truth, guess, average="micro", zero_division=0)
        rows.append(
            {
                "group": name,
                "passages": int(rows_in.sum()),
                "themes coded": int(truth.sum()),
                "themes micro_f1": round(float(f1), 3),
            }
        )
    return pd.DataFrame(rows).set_index("group")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", type=Path, help="write out-of-fold errors here (JSONL)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--cache", type=Path, help="keep fitted supervised models here, keyed by their inputs"
    )
    parser.add_argument(
        "--without-mentions",
        action="store_true",
        help="leave the mentions model out of the decision (to measure what it adds)",
    )
    args = parser.parse_args()

    dev = read_coded(GOLD / "dev.jsonl")
    encoder = CachedEncoder(Encoder())
    blank = load_setup(with_models=False, encoder=encoder)
    ids, frames = blank.codebook.ids, blank.code_frames
    n = len(dev.items)
    predicted = np.zeros((n, len(ids)), dtype=int)
    probability = np.zeros((n, len(ids)))
    rules_hit = np.zeros((n, len(ids)))
    rules_neg = np.zeros((n, len(ids)))
    # Folds by a hash of the id, so adding passages moves few of them between folds.
    fold_of = np.array(
        [int(hashlib.md5(i.id.encode()).hexdigest(), 16) % args.folds for i in dev.items]
    )
    for fold in range(args.folds):
        fit_rows, held_rows = np.nonzero(fold_of != fold)[0], np.nonzero(fold_of == fold)[0]
        fitting = subset(dev, fit_rows)
        fitted = cached_fit(fitting, blank, args.cache)
        if args.without_mentions:
            fitted.mentions = fitted.mentions_out_of_fold = None
        decider, _ = fit_decision(fitting, blank, fitted)
        setup = Setup(
            **{
                **blank.__dict__,
                "supervised": SupervisedTagger(fitted.model, encoder),
                "decider": decider,
                "mentions": None
                if fitted.mentions is None
                else MentionTagger(fitted.mentions, encoder),
            }
        )
        held = subset(dev, held_rows)
        scores, _ = score_items(held.items, setup)
        p, present = decider.decide(scores, ids, frames)
        predicted[held_rows] = present
        probability[held_rows] = p
        rules_hit[held_rows] = scores.rules
        rules_neg[held_rows] = scores.rules_negated
        print(f"fold {fold}: {len(held_rows)} passages", flush=True)

    human = dev.matrix(ids)
    result = compare(human, predicted, ids, frames, dev.negated)
    pd.set_option("display.width", 200)
    pd.set_option("display.max_rows", 100)
    print(f"dev cross-validation ({n} passages, {args.folds} folds):")
    print(result.averages.round(3).to_string())
    print(f"negated as present: {result.negated_as_present}")
    print(result.per_code.round(3).to_string())
    print(theme_groups(dev, human, predicted, frames).to_string())
    if args.errors:
        args.errors.parent.mkdir(parents=True, exist_ok=True)
        with args.errors.open("w", encoding="utf-8") as out:
            for i, item in enumerate(dev.items):
                wrong = [
                    {
                        "code": ids[j],
                        "kind": "FP" if predicted[i, j] else "FN",
                        "negated_gold": ids[j] in dev.negated[i],
                        "p": round(float(probability[i, j]), 3),
                        "rules": int(rules_hit[i, j]),
                        "rules_neg": int(rules_neg[i, j]),
                    }
                    for j in range(len(ids))
                    if predicted[i, j] != human[i, j]
                ]
                if wrong:
                    record = {"id": item.id, "text": item.text, "errors": wrong}
                    out.write(json.dumps(record) + "\n")


if __name__ == "__main__":
    main()
