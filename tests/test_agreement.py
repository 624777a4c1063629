"""benchmarks/agreement.py: pairing the second coder's coding with the first coding."""

import importlib.util
import json

import numpy as np
import pytest
from conftest import ROOT

from review_miner.errors import ReviewMinerError
from review_miner.tag import Coded
from review_miner.tagging import Item

_spec = importlib.util.spec_from_file_location("agreement", ROOT / "benchmarks" / "agreement.py")
agreement = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(agreement)

IDS = ["theme.engagement", "risk.domestic_abuse", "harm.neglect"]
FIRST = Coded(
    [
        Item("p1", "Three visits found nobody in."),
        Item("p2", "Police attended."),
        Item("p3", "No food."),
    ],
    [{"theme.engagement"}, {"risk.domestic_abuse"}, {"harm.neglect"}],
    [set(), set(), {"risk.domestic_abuse"}],
)


def write(tmp_path, rows):
    path = tmp_path / "second.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_pairs_only_the_coded_passages_in_the_first_codings_order(tmp_path):
    path = write(
        tmp_path,
        [
            {"id": "p3", "codes": ["harm.neglect", "risk.domestic_abuse"], "negated": []},
            {"id": "p1", "codes": [], "negated": ["risk.domestic_abuse"]},
        ],
    )
    first, second = agreement.read_second_coding(path, FIRST, IDS)
    assert [i.id for i in first.items] == [i.id for i in second.items] == ["p1", "p3"]
    assert second.items[0].text == "Three visits found nobody in."
    assert first.matrix(IDS).tolist() == [[1, 0, 0], [0, 0, 1]]
    assert second.matrix(IDS).tolist() == [[0, 0, 0], [0, 1, 1]]
    assert first.negated == [set(), {"risk.domestic_abuse"}]
    assert second.negated == [{"risk.domestic_abuse"}, set()]


@pytest.mark.parametrize(
    ("rows", "reason"),
    [
        ([{"id": "p9", "codes": []}], "id 'p9' is not in the first coding"),
        ([{"id": "p1"}, {"id": "p1"}], "line 2: id 'p1' is coded twice"),
        ([{"codes": []}], "line 1 has no 'id'"),
        (
            [{"id": "p1", "codes": ["theme.engagment"]}],
            "codes not in the codebook: theme.engagment",
        ),
        ([{"id": "p1", "negated": "harm.neglect"}], "'negated' must be a list"),
    ],
)
def test_bad_lines_are_refused_naming_file_and_reason(tmp_path, rows, reason):
    path = write(tmp_path, rows)
    with pytest.raises(ReviewMinerError, match=reason) as caught:
        agreement.read_second_coding(path, FIRST, IDS)
    assert str(path) in str(caught.value)


def test_disagreements_count_each_coders_own_codes():
    reference = np.array([[1, 0, 1], [1, 1, 0], [0, 0, 0]])
    other = np.array([[1, 1, 0], [0, 1, 0], [0, 1, 0]])
    table = agreement.disagreements(reference, other, IDS)
    assert table.loc["theme.engagement"].tolist() == [1, 1, 0]
    assert table.loc["risk.domestic_abuse"].tolist() == [1, 0, 2]
    assert table.loc["harm.neglect"].tolist() == [0, 1, 0]
