"""Inter-coder agreement on the held-out gold passages, and the tagger against each coder.

A second coder coded the held-out passages (benchmarks/gold/second_coder.jsonl: id, codes,
negated) blind to the first coding (benchmarks/gold/test.jsonl), from the codebook and its
coding rules alone, in a seeded random order; every passage the second coder coded is
compared. Three comparisons, each through review_miner.evaluate.compare (scikit-learn
metrics and Cohen's kappa), the first-named coding taken as the reference:

1. second coder against the first coding: how far two coders following the same rules
   agree, the ceiling a tagger can be expected to reach;
2. the shipped tagger (models/ as committed; the combined decision that `review-miner tag`
   stores, by the code path of benchmarks/tagging.py) against the first coding;
3. the shipped tagger against the second coder.

Prints, for each, themes macro-F1, risks+harms micro-F1 and contexts micro-F1, the mean
per-code kappa in each group, per-code F1 and kappa, and the count of passage-code pairs
the reference coded as negated that the other counted as present. For the two coders it
also lists the codes they disagree on most, with how many passages each coder alone gave
the code.

    .venv/bin/python benchmarks/agreement.py [--models models] [--second FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from review_miner.errors import ReviewMinerError  # noqa: E402
from review_miner.evaluate import GROUPS, Evaluation, compare  # noqa: E402
from review_miner.tag import Coded  # noqa: E402

GOLD = ROOT / "benchmarks" / "gold"


def read_second_coding(path: Path, first: Coded, code_ids: list[str]) -> tuple[Coded, Coded]:
    """Pair the second coder's coding with the first coding of the same passages.

    The second coder's file holds ids and codes only; the texts come from the first coding.
    Both returned codings hold just the passages the second coder coded, in the first
    coding's order, so partial coding (a prefix of the seeded order) is compared as it is.

    Returns:
        The first coding and the second, restricted to the same passages, in the same order.

    Raises:
        ReviewMinerError: Naming the file and the line: not JSON, no id, an id coded twice
            or not in the first coding, codes not a list, or a code not in the codebook.
    """
    known = set(code_ids)
    second: dict[str, tuple[set[str], set[str]]] = {}
    first_ids = {item.id for item in first.items}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ReviewMinerError(f"{path}: line {number} is not JSON: {exc.msg}") from exc
        passage = str(row.get("id") or "")
        if not passage:
            raise ReviewMinerError(f"{path}: line {number} has no 'id'")
        if passage in second:
            raise ReviewMinerError(f"{path}: line {number}: id '{passage}' is coded twice")
        if passage not in first_ids:
            raise ReviewMinerError(
                f"{path}: line {number}: id '{passage}' is not in the first coding"
            )
        sets = []
        for key in ("codes", "negated"):
            value = row.get(key) or []
            if not isinstance(value, list):
                raise ReviewMinerError(f"{path}: line {number}: '{key}' must be a list of code ids")
            unknown = sorted(set(value) - known)
            if unknown:
                raise ReviewMinerError(
                    f"{path}: line {number}: codes not in the codebook: {', '.join(unknown)}"
                )
            sets.append(set(value))
        second[passage] = (sets[0], sets[1])
    keep = [i for i, item in enumerate(first.items) if item.id in second]
    items = [first.items[i] for i in keep]
    return (
        Coded(items, [first.codes[i] for i in keep], [first.negated[i] for i in keep]),
        Coded(
            items, [second[item.id][0] for item in items], [second[item.id][1] for item in items]
        ),
    )


def summary(name: str, evaluation: Evaluation) -> dict:
    """One row of group figures: the targets' averages and mean per-code kappa."""
    averages, per_code = evaluation.averages, evaluation.per_code
    row = {
        "comparison": name,
        "themes macro-F1": averages.loc["themes", "macro_f1"],
        "risks+harms micro-F1": averages.loc["risks_and_harms", "micro_f1"],
        "contexts micro-F1": averages.loc["contexts", "micro_f1"],
    }
    for group, frames in GROUPS.items():
        row[f"{group} mean kappa"] = per_code.loc[per_code["frame"].isin(frames), "kappa"].mean()
    row["negated as present"] = evaluation.negated_as_present
    return row


def disagreements(reference: np.ndarray, other: np.ndarray, code_ids: list[str]) -> pd.DataFrame:
    """Per code, the passages only the reference coded and those only the other coded."""
    from sklearn.metrics import multilabel_confusion_matrix

    # Each code's 2x2 table is [[tn, fp], [fn, tp]] with the reference as truth.
    tables = multilabel_confusion_matrix(reference, other)
    return pd.DataFrame(
        {
            "both": tables[:, 1, 1],
            "reference only": tables[:, 1, 0],
            "other only": tables[:, 0, 1],
        },
        index=pd.Index(code_ids, name="code"),
    )


def tagger_coding(items: list, models: Path) -> np.ndarray:
    """The combined decision of the models in `models` on the items (0/1, items x codes)."""
    from review_miner.tag import load_setup, score_items

    setup = load_setup(models=models)
    vectors = setup.encoder.encode([item.text for item in items])
    scores, _ = score_items(items, setup, vectors)
    _, combined = setup.decider.decide(scores, setup.codebook.ids, setup.code_frames)
    return combined.astype(int)


def main() -> None:
    from review_miner.codebook import DEFAULT_CODEBOOK, load_codebook
    from review_miner.tag import read_coded

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--models", type=Path, default=ROOT / "models", help="trained models")
    parser.add_argument(
        "--second", type=Path, default=GOLD / "second_coder.jsonl", help="second coder's file"
    )
    args = parser.parse_args()
    book = load_codebook(DEFAULT_CODEBOOK)
    ids = book.ids
    frames = [code.frame for code in book.codes]
    held_out = read_coded(GOLD / "test.jsonl")
    first, second = read_second_coding(args.second, held_out, ids)
    tagger = tagger_coding(first.items, args.models)
    first_m, second_m = first.matrix(ids), second.matrix(ids)

    comparisons = {
        "second coder vs first coding": compare(first_m, second_m, ids, frames, first.negated),
        "tagger vs first coding": compare(first_m, tagger, ids, frames, first.negated),
        "tagger vs second coder": compare(second_m, tagger, ids, frames, second.negated),
    }
    # The other direction of the coders' negation check: what the second coder coded as
    # negated that the first coded present.
    reverse = compare(second_m, first_m, ids, frames, second.negated).negated_as_present

    pd.set_option("display.width", 200)
    pd.set_option("display.max_rows", 100)
    print(
        f"{len(first.items)} held-out passages coded by both coders "
        f"(of {len(held_out.items)} in test.jsonl); "
        f"models: {args.models}"
    )
    print()
    print("group figures (the first-named coding is compared with the reference after 'vs'):")
    print(
        pd.DataFrame([summary(name, e) for name, e in comparisons.items()])
        .set_index("comparison")
        .round(3)
        .T.to_string()
    )
    print(f"first coding's present codes that the second coder recorded as negated: {reverse}")
    print()
    per_code = pd.concat(
        {name: e.per_code[["f1", "kappa"]] for name, e in comparisons.items()},
        axis=1,
    )
    per_code.insert(0, ("", "frame"), frames)
    print("per code F1 and Cohen's kappa:")
    print(per_code.round(3).to_string())
    print()
    coders = disagreements(first_m, second_m, ids).rename(
        columns={"reference only": "first only", "other only": "second only"}
    )
    coders["kappa"] = comparisons["second coder vs first coding"].per_code["kappa"]
    coders["disagree"] = coders["first only"] + coders["second only"]
    print("where the two coders disagree most (passages):")
    print(
        coders[coders["disagree"] > 0]
        .sort_values(["disagree", "kappa"], ascending=[False, True])
        .head(15)
        .round(3)
        .to_string()
    )


if __name__ == "__main__":
    main()
