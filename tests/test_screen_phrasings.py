"""Screening: phrasings and traps met in the fourth writer's development reviews.

Each fixture is new wording in the same shape as a dev review the rules got wrong, so a
rule that is loosened or dropped fails here.
"""

import pytest
from test_screen import ANALYSIS, DECISION, FAMILY, passages

from review_miner.screen import (
    child_voice,
    ethnicity_status,
    family_views,
    lcspr_rationale,
    practitioner_views,
    recommendation_items,
    recommendations,
)

STATED = (FAMILY, "The family are White British.")


@pytest.mark.parametrize(
    "statement",
    [
        "The family are Polish nationals who settled here in 2018.",
        "English is an additional language for both parents.",
        "Mum's first language is Tigrinya.",
        "They are a practising Muslim family.",
        "Child T is of Irish Traveller heritage.",
    ],
)
def test_screen_phrasings_statements(statement):
    assert ethnicity_status(passages((FAMILY, statement))).status == "stated_only"


@pytest.mark.parametrize(
    "trap",
    [
        "Officers were in a race against time to find her.",
        "Father had spent the afternoon at the Traveller's Rest before he drove home.",
    ],
)
def test_screen_phrasings_traps_are_not_statements(trap):
    assert ethnicity_status(passages((FAMILY, trap))).status == "absent"


def test_screen_phrasings_translating_a_plan_into_practice_is_not_analysis():
    finding = ethnicity_status(
        passages(STATED, (ANALYSIS, "Nobody translated the plan into practical help at home."))
    )
    assert finding.status == "stated_only"


@pytest.mark.parametrize(
    "analysis",
    [
        "Appointment letters went out in English, which Mum could not read.",
        "No translation of the child protection plan was offered, so she could not follow it.",
        "Language was a barrier that nobody in the service addressed.",
        "The reviewers considered whether assumptions about culture shaped the school's response.",
        "Records show the adultification of a Black boy of fourteen.",
    ],
)
def test_screen_phrasings_analysis(analysis):
    finding = ethnicity_status(
        passages((FAMILY, "Mum is from Poland and Dad is Scottish."), (ANALYSIS, analysis))
    )
    assert finding.status == "stated_and_analysed"


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        (
            [
                (
                    DECISION,
                    "It was felt that an LCSPR was not needed, as the learning is already part "
                    "of the partnership's work on bruising.",
                )
            ],
            "true",
        ),
        (
            [(DECISION, "Not progressing to LCSPR – the learning is captured in this rapid review.")],
            "true",
        ),
        (
            [(DECISION, "The criteria for an LCSPR are not met, as the child was not seriously harmed.")],
            "true",
        ),
        (
            [
                ("Decision", "Recommendation to the partners: that an LCSPR is commissioned."),
                ("Decision", "Reasons: the child was seriously harmed and neglect is known."),
            ],
            "true",
        ),
        ([("Decision", "Recommendation to the partners: that an LCSPR is commissioned.")], "false"),
        (
            [
                (
                    "Outcome",
                    "The rapid review recommends that no local review is undertaken, as the "
                    "learning concerns one agency.",
                )
            ],
            "true",
        ),
        (
            [
                (
                    "Outcome",
                    "The partners decided not to undertake an LCSPR: the learning is being taken "
                    "forward through the hospital's own training.",
                )
            ],
            "true",
        ),
        ([("Outcome", "Outcome: to proceed to LCSPR (agreed by the partners).")], "false"),
        ([("Outcome", "LCSPR: not required.")], "false"),
        ([("Outcome", "A decision on an LCSPR has been deferred until the trial ends.")], "false"),
    ],
)
def test_screen_phrasings_lcspr_rationale(items, expected):
    assert lcspr_rationale(passages(*items), "rapid_review").value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mum described him as a cheerful baby who loved bath time.", "true"),
        ("He talks about wanting to be a mechanic like his uncle.", "true"),
        ("Her diary described how frightened she was at night.", "true"),
        ("In play therapy he drew his family without his stepfather.", "true"),
        ("She told the school counsellor that she could not sleep.", "true"),
        ("Child Q plays in the school band and goes to cubs on Tuesdays.", "true"),
        ("Amal told us she felt nobody at school noticed.", "true"),
        ("The voice of the child is largely absent from the records.", "false"),
        ("Child N's wishes and feelings were not recorded at any visit.", "false"),
        ("Father said she had fallen off a wall. Child E said the same.", "false"),
        ("Child E was seen but not spoken to alone.", "false"),
    ],
)
def test_screen_phrasings_child_voice(text, expected):
    assert child_voice(passages((ANALYSIS, text))).value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mum met the chair of the review with her eldest son.", "true"),
        ("His parents spoke openly to the review about their loss.", "true"),
        ("Child X's mother took part; his father did not reply to the invitation.", "true"),
        ("The reviewer held conversations with the children's grandmother.", "true"),
        ("We spoke with Leon, his mum and his older sister.", "true"),
        ("A ward social worker spoke with the parents on 4 May.", "false"),
    ],
)
def test_screen_phrasings_family_views(text, expected):
    assert family_views(passages(("Method", text))).value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The review heard from the minor injuries unit about its triage.", "true"),
        ("The rapid review was held on 3 May; the school nurse and the health visitor attended.", "true"),
        ("Two practitioner sessions were held in June.", "true"),
        (
            "The reviewer held one-to-one conversations with her form tutor and the police "
            "officer who investigated.",
            "true",
        ),
        ("The reviewer read agency reports.", "true"),
        (
            "The reviewer read agency reports. Practitioners were not interviewed, as most had "
            "moved on.",
            "false",
        ),
        ("The health visitor attended the home on 3 May.", "false"),
    ],
)
def test_screen_phrasings_practitioner_views(text, expected):
    assert practitioner_views(passages(("Method", text))).value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The review recommends that: a) schools adopt the protocol by June 2026; b) the "
            "police audit referrals; c) agencies work together.",
            3,
        ),
        ("Our recommendations: (1) the council should act; (2) schools should refer.", 2),
        ("R2. GP practices to stop asking children to interpret. Lead: ICB. Timescale: 2027.", 1),
        (
            "Recommendation one: police should check who lives at an address. The force will "
            "audit this in 2026.",
            1,
        ),
        ("We recommend that the council writes a support plan within ten school days.", 1),
        ("The Board is asked to:", 0),
        ("• The learning will be shared through a seven-minute briefing.", 0),
    ],
)
def test_screen_phrasings_recommendation_items(text, expected):
    assert len(recommendation_items(text)) == expected


@pytest.mark.parametrize(
    ("text", "specific"),
    [
        ("The ICB will issue guidance to GP practices by 31 May 2026.", "1"),
        ("The Partnership should train staff and report attendance to the Board each year.", "1"),
        ("The council should report every placement to the corporate parenting board within a month.", "1"),
        ("Schools should share concerns with the police.", "0"),
    ],
)
def test_screen_phrasings_specific_recommendations(text, specific):
    _, found = recommendations(passages(("Recommendations", text)), {})
    assert found.value == specific
