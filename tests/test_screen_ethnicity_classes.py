"""Ethnicity weighed under a heading of the review's own: the paragraph model's class decides."""

import pytest
from test_screen import passages

from review_miner.screen import ethnicity_status

STATED = ("Who is Child T?", "Child T's mother is Black British of Ghanaian heritage.")
# A finding under a question heading no list of analysis headings holds.
JUDGED = (
    "Why did things happen as they did?",
    "The school recorded the racist name-calling Child T reported as provocation, and no one "
    "asked what it meant for a Black boy to be told that; this turned a racist incident into "
    "a reason for his own exclusion.",
)


def status(classes: dict[str, str] | None) -> str:
    return ethnicity_status(passages(STATED, JUDGED), classes=classes).status


def test_a_judging_paragraph_the_model_classes_as_analysis_weighs_ethnicity():
    assert status(None) == "stated_only"  # the heading alone does not say so
    assert status({"d:0": "background", "d:1": "analysis"}) == "stated_and_analysed"
    assert status({"d:0": "background", "d:1": "recommendation"}) == "stated_and_analysed"


@pytest.mark.parametrize("label", ["chronology", "background", "other"])
def test_other_classes_leave_it_stated_only(label: str):
    assert status({"d:0": "background", "d:1": label}) == "stated_only"


def test_a_narration_heading_or_plain_narration_stays_stated_only_whatever_the_class():
    told = ("What happened", JUDGED[1])
    assert (
        ethnicity_status(passages(STATED, told), classes={"d:1": "analysis"}).status
        == "stated_only"
    )
    narrated = (
        "Why did things happen as they did?",
        "In May Child T told his teacher that a boy had called him a racist name.",
    )
    assert (
        ethnicity_status(passages(STATED, narrated), classes={"d:1": "analysis"}).status
        == "stated_only"
    )
