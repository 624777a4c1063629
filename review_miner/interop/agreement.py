"""Agreement between coders, people and the machine, per code and overall.

The unit of comparison is said out loud, since it changes the figures:

- **passage**: every paragraph or bullet that *all* the compared coders were given (for a
  person, the passages of the sources in their imported project; for the machine, every
  tagged passage). Within those, a passage a coder left without a code counts as that
  coder saying "absent" for it: it is a 0, not a gap.
- **review**: every review with at least one such passage; a coder says a review carries
  a code when they coded it on at least one of those passages (of that review).

Each code is a yes/no question asked of every unit. "All codes" pools every (unit, code)
pair of the codes that at least one compared coder used in those units: codes nobody used
would only add agreement about absence.

Statistics: percentage agreement (units on which the coders all agree); Cohen's kappa for
pairs (scikit-learn); Krippendorff's alpha for any number of coders (nominal, the
`krippendorff` package); Gwet's AC1 for any number of coders (the `agreement` package's
Gwet's gamma with identity weights, which is AC1), which stays meaningful for rare codes
where kappa and alpha collapse towards 0 although the coders almost always agree.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd

from ..errors import ReviewMinerError
from ..store import Store
from .codings import all_coders, coded_pairs, coder_scope

LEVELS = ("passage", "review")
COLUMNS = (
    "level",
    "code",
    "coders",
    "units",
    "positives",
    "agreement",
    "kappa",
    "alpha",
    "ac1",
)
ALL_CODES = "(all codes)"


def percent_agreement(ratings: np.ndarray) -> float:
    """Share of units (columns) on which every coder (row) gives the same value."""
    ratings = np.asarray(ratings)
    if ratings.shape[1] == 0:
        return float("nan")
    return float((ratings == ratings[0]).all(axis=0).mean())


def cohen_kappa(first: np.ndarray, second: np.ndarray) -> float:
    """Cohen's kappa of two coders' 0/1 ratings; NaN when chance agreement is total."""
    from sklearn.metrics import cohen_kappa_score

    first, second = np.asarray(first), np.asarray(second)
    if len(first) == 0 or len(set(first) | set(second)) < 2:
        return float("nan")  # both said the same single value throughout: undefined
    with np.errstate(divide="ignore", invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(cohen_kappa_score(first, second, labels=[0, 1]))


def krippendorff_alpha(ratings: np.ndarray) -> float:
    """Krippendorff's alpha (nominal) of (coders x units) ratings; NaN when undefined."""
    import krippendorff

    ratings = np.asarray(ratings, dtype=float)
    if ratings.shape[1] == 0 or len(np.unique(ratings[~np.isnan(ratings)])) < 2:
        return float("nan")  # one value only: no disagreement is expected by chance
    return float(
        krippendorff.alpha(
            reliability_data=ratings, level_of_measurement="nominal", value_domain=[0, 1]
        )
    )


def gwet_ac1(ratings: np.ndarray) -> float:
    """Gwet's AC1 of (coders x units) 0/1 ratings; NaN with no units.

    From the `agreement` package: its Gwet's gamma with identity weights is AC1.
    """
    from agreement.metrics import gwets_gamma

    ratings = np.asarray(ratings)
    if ratings.shape[1] == 0:
        return float("nan")
    # Units x categories: how many coders gave each unit a 0 and a 1.
    counts = np.stack([(ratings == 0).sum(axis=0), (ratings == 1).sum(axis=0)], axis=1)
    return float(gwets_gamma(counts.astype(float)))


@dataclass(frozen=True)
class Ratings:
    """The 0/1 ratings of some coders on one level's units, for every code."""

    coders: tuple[str, ...]
    level: str
    units: list[str]
    values: dict[str, np.ndarray]  # code -> (coders x units)


def ratings(store: Store, coders: list[str], level: str = "passage") -> Ratings:
    """Build the coders' ratings on the units they all share (see the module docstring)."""
    if level not in LEVELS:
        raise ReviewMinerError(f"--level must be passage, review or both, not '{level}'")
    shared = set.intersection(*(coder_scope(store, c) for c in coders))
    pairs = {c: {p for p in coded_pairs(store, c) if p[0] in shared} for c in coders}
    codes = sorted({code for found in pairs.values() for _, code in found})
    if level == "passage":
        units = sorted(shared)
        unit_of = {pid: pid for pid in units}
    else:
        unit_of = {pid: pid.rsplit(":", 1)[0] for pid in shared}
        units = sorted(set(unit_of.values()))
    column = {unit: j for j, unit in enumerate(units)}
    values = {code: np.zeros((len(coders), len(units)), dtype=int) for code in codes}
    for i, coder in enumerate(coders):
        for pid, code in pairs[coder]:
            values[code][i, column[unit_of[pid]]] = 1
    return Ratings(tuple(coders), level, units, values)


def statistics(rated: Ratings, label: str) -> list[dict[str, object]]:
    """Return one row per code and one pooled row: the figures for these coders."""
    rows = []
    pooled = (
        np.hstack(list(rated.values.values()))
        if rated.values
        else np.zeros((len(rated.coders), 0), dtype=int)
    )
    for code, matrix in [*sorted(rated.values.items()), (ALL_CODES, pooled)]:
        rows.append(
            {
                "level": rated.level,
                "code": code,
                "coders": label,
                "units": matrix.shape[1],
                "positives": ", ".join(
                    f"{c} {int(n)}" for c, n in zip(rated.coders, matrix.sum(axis=1), strict=True)
                ),
                "agreement": percent_agreement(matrix),
                "kappa": cohen_kappa(matrix[0], matrix[1]) if len(matrix) == 2 else np.nan,
                "alpha": krippendorff_alpha(matrix),
                "ac1": gwet_ac1(matrix),
            }
        )
    return rows


def agreement(
    store: Store, coders: list[str] | None = None, levels: tuple[str, ...] = LEVELS
) -> pd.DataFrame:
    """Compare coders, per code and pooled: every pair, and all of them together when more.

    Args:
        store: The store holding people's codings and the machine's tags.
        coders: Whom to compare; default every coder in the store, the machine included.
        levels: passage, review or both.

    Raises:
        ReviewMinerError: Fewer than two coders, or coders who share no passage.
    """
    known = all_coders(store)
    coders = list(dict.fromkeys(coders or known))
    unknown = [c for c in coders if c not in known]
    if unknown:
        raise ReviewMinerError(
            f"no coding by {', '.join(unknown)} in {store.path} "
            f"(coders: {', '.join(known) or 'none'})"
        )
    if len(coders) < 2:
        raise ReviewMinerError(
            f"agreement needs two coders; {store.path} has {', '.join(coders) or 'none'}: "
            "import a person's coding with 'review-miner import qdpx FILE --coder NAME'"
        )
    groups = [tuple(pair) for pair in combinations(coders, 2)]
    if len(coders) > 2:
        groups.append(tuple(coders))
    rows: list[dict[str, object]] = []
    for level in levels:
        for group in groups:
            rated = ratings(store, list(group), level)
            if not rated.units:
                raise ReviewMinerError(
                    f"{' and '.join(group)} share no passage: nothing to compare"
                )
            rows += statistics(rated, " + ".join(group))
    return pd.DataFrame(rows, columns=list(COLUMNS))
