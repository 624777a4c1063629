"""Evaluate: compare machine coding with human coding, code by code.

Per code: precision, recall, F1, support and Cohen's kappa (machine against human, over all
passages); micro and macro averages for the practice themes, for risk factors and harms
together, and for contexts; a confusion view for themes; and the count of mentions a person
coded as negated that the machine counted as present (which should be 0). All metrics come
from scikit-learn.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.metrics import cohen_kappa_score, precision_recall_fscore_support

GROUPS = {"themes": ("theme",), "risks_and_harms": ("risk", "harm"), "contexts": ("context",)}


@dataclass
class Evaluation:
    """The figures of one comparison.

    Attributes:
        per_code: One row per code: frame, precision, recall, f1, support, predicted, kappa.
        averages: One row per group (themes, risks_and_harms, contexts, all) with micro and
            macro precision, recall and F1.
        theme_confusion: Human themes (rows) against machine themes (columns): how many
            passages carry both; "(none)" for passages with no theme.
        negated_as_present: Passage-code pairs a person coded negated and the machine present.
        passages: How many passages were compared.
    """

    per_code: pd.DataFrame
    averages: pd.DataFrame
    theme_confusion: pd.DataFrame
    negated_as_present: int
    passages: int

    def to_dict(self) -> dict:
        """Return the figures as JSON-ready values."""
        return {
            "passages": self.passages,
            "negated_as_present": self.negated_as_present,
            "averages": self.averages.reset_index().to_dict(orient="records"),
            "per_code": self.per_code.reset_index().to_dict(orient="records"),
            "theme_confusion": self.theme_confusion.to_dict(),
        }


def compare(
    human: np.ndarray,
    machine: np.ndarray,
    code_ids: list[str],
    code_frames: list[str],
    negated: list[set[str]] | None = None,
) -> Evaluation:
    """Compare 0/1 (passages x codes) matrices of human and machine coding."""
    human = np.asarray(human, dtype=int)
    machine = np.asarray(machine, dtype=int)
    precision, recall, f1, support = precision_recall_fscore_support(
        human, machine, zero_division=0
    )
    kappas = []
    for j in range(len(code_ids)):
        if human[:, j].min() == human[:, j].max() == machine[:, j].min() == machine[:, j].max():
            kappas.append(np.nan)  # both coders constant: kappa is undefined
        else:
            kappas.append(cohen_kappa_score(human[:, j], machine[:, j]))
    per_code = pd.DataFrame(
        {
            "frame": code_frames,
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "support": support,
            "predicted": machine.sum(axis=0),
            "kappa": kappas,
        },
        index=pd.Index(code_ids, name="code"),
    )
    rows = {}
    for group, frames in {**GROUPS, "all": tuple(sorted(set(code_frames)))}.items():
        columns = [j for j, frame in enumerate(code_frames) if frame in frames]
        if not columns:
            continue
        micro = precision_recall_fscore_support(
            human[:, columns], machine[:, columns], average="micro", zero_division=0
        )
        # Macro over codes a person used at least once: a code absent from the gold set
        # has no recall to average.
        used = [j for j in columns if human[:, j].any()]
        macro = (
            precision_recall_fscore_support(
                human[:, used], machine[:, used], average="macro", zero_division=0
            )
            if used
            else (np.nan, np.nan, np.nan, None)
        )
        rows[group] = {
            "micro_precision": micro[0],
            "micro_recall": micro[1],
            "micro_f1": micro[2],
            "macro_precision": macro[0],
            "macro_recall": macro[1],
            "macro_f1": macro[2],
            "codes": len(used),
            "support": int(human[:, columns].sum()),
        }
    averages = pd.DataFrame.from_dict(rows, orient="index").rename_axis("group")

    theme_columns = [j for j, frame in enumerate(code_frames) if frame == "theme"]
    names = [code_ids[j] for j in theme_columns] + ["(none)"]
    confusion = pd.DataFrame(0, index=names, columns=names)
    for row_human, row_machine in zip(
        human[:, theme_columns], machine[:, theme_columns], strict=True
    ):
        gold = [names[k] for k in np.nonzero(row_human)[0]] or ["(none)"]
        predicted = [names[k] for k in np.nonzero(row_machine)[0]] or ["(none)"]
        for g in gold:
            for p in predicted:
                confusion.loc[g, p] += 1
    confusion.index.name = "human \\ machine"

    negated_as_present = 0
    if negated is not None:
        column = {code: j for j, code in enumerate(code_ids)}
        for i, codes in enumerate(negated):
            negated_as_present += sum(int(machine[i, column[c]]) for c in codes if c in column)
    return Evaluation(per_code, averages, confusion, negated_as_present, len(human))
