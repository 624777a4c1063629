"""Evaluation figures, checked against a small table counted by hand."""

import math

import numpy as np
import pytest

from review_miner.evaluate import compare

CODES = ["theme.a", "risk.b"]
FRAMES = ["theme", "risk"]
#                 theme.a risk.b
HUMAN = np.array(
    [
        [1, 0],  # p1
        [1, 1],  # p2
        [0, 1],  # p3
        [0, 0],
    ]
)  # p4
MACHINE = np.array([[1, 0], [0, 1], [1, 1], [0, 0]])


def test_evaluate_per_code_figures_match_hand_counts():
    result = compare(HUMAN, MACHINE, CODES, FRAMES)
    a = result.per_code.loc["theme.a"]
    # theme.a: TP p1, FN p2, FP p3, TN p4. Observed agreement 2/4, chance 0.5*0.5+0.5*0.5.
    assert (a.precision, a.recall, a.f1, a.support, a.predicted) == (0.5, 0.5, 0.5, 2, 2)
    assert a.kappa == pytest.approx(0.0)
    b = result.per_code.loc["risk.b"]
    assert (b.precision, b.recall, b.f1, b.kappa) == (1.0, 1.0, 1.0, 1.0)


def test_evaluate_micro_and_macro_averages_match_hand_counts():
    averages = compare(HUMAN, MACHINE, CODES, FRAMES).averages
    # all codes: TP 3, FP 1, FN 1 -> micro 0.75; macro F1 (0.5 + 1.0) / 2.
    assert averages.loc["all", "micro_f1"] == pytest.approx(0.75)
    assert averages.loc["all", "macro_f1"] == pytest.approx(0.75)
    assert averages.loc["themes", "micro_precision"] == pytest.approx(0.5)
    assert averages.loc["risks_and_harms", "micro_recall"] == pytest.approx(1.0)
    assert "contexts" not in averages.index  # no context codes in this table


def test_evaluate_theme_confusion_counts_passages():
    confusion = compare(HUMAN, MACHINE, CODES, FRAMES).theme_confusion
    assert confusion.loc["theme.a", "theme.a"] == 1  # p1
    assert confusion.loc["theme.a", "(none)"] == 1  # p2: missed
    assert confusion.loc["(none)", "theme.a"] == 1  # p3: false alarm
    assert confusion.loc["(none)", "(none)"] == 1  # p4


def test_evaluate_counts_negated_mentions_counted_as_present():
    negated = [set(), set(), set(), {"risk.b", "theme.a"}]
    assert compare(HUMAN, MACHINE, CODES, FRAMES, negated).negated_as_present == 0
    wrong = MACHINE.copy()
    wrong[3, 1] = 1
    assert compare(HUMAN, wrong, CODES, FRAMES, negated).negated_as_present == 1


def test_evaluate_kappa_is_undefined_when_both_coders_never_use_a_code():
    result = compare(np.zeros((3, 1)), np.zeros((3, 1)), ["risk.c"], ["risk"])
    assert math.isnan(result.per_code.loc["risk.c", "kappa"])
    assert math.isnan(result.averages.loc["all", "macro_f1"])  # no code was used by the human
