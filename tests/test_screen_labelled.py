"""Labelled reviews: how hand labels are read and spelt for comparison with the flags."""

import json

import pytest

from review_miner.errors import ReviewMinerError
from review_miner.screen import SCORECARD_LABELS, as_flag_value, read_labelled_reviews

SCORECARD = {
    "lcspr_rationale": "n/a",
    "child_voice": True,
    "family_views": False,
    "practitioner_views": True,
    "learning": True,
    "recommendations": 3,
    "specific_recommendations": 2,
}


def review(**changes):
    record = {
        "id": "t-01",
        "kind": "lcspr",
        "ethnicity": "absent",
        "paragraphs": [
            {"section": "Findings", "text": "Tom was not seen alone.", "label": "analysis"}
        ],
        "scorecard": SCORECARD,
    }
    record.update(changes)
    return json.dumps(record)


@pytest.mark.parametrize(
    ("label", "spelt"), [(True, "true"), (False, "false"), ("n/a", "n/a"), (3, "3"), (0, "0")]
)
def test_labels_are_spelt_as_the_flags_are(label, spelt):
    assert as_flag_value(label) == spelt


def test_a_scorecard_is_read_in_the_flags_spelling(tmp_path):
    path = tmp_path / "reviews.jsonl"
    path.write_text(review() + "\n\n" + review(id="t-02", scorecard=None) + "\n")
    first, second = read_labelled_reviews(path)
    assert first.scorecard == {
        "lcspr_rationale": "n/a",
        "child_voice": "true",
        "family_views": "false",
        "practitioner_views": "true",
        "learning": "true",
        "recommendations": "3",
        "specific_recommendations": "2",
    }
    assert list(first.scorecard) == list(SCORECARD_LABELS)
    assert second.scorecard is None  # reviews without hand scorecards still train the models
    assert first.labels == ["analysis"] and first.passages[0].section == "Findings"


def test_a_scorecard_missing_a_component_names_the_line(tmp_path):
    path = tmp_path / "reviews.jsonl"
    partial = {k: v for k, v in SCORECARD.items() if k != "learning"}
    path.write_text(review() + "\n" + review(scorecard=partial) + "\n")
    with pytest.raises(ReviewMinerError, match=r"line 2 .*learning"):
        read_labelled_reviews(path)
