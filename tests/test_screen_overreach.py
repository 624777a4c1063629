"""Screening: over-reaches a stranger's review found in the widened rules, with near misses.

Each trap is the review's probe (fictional wording); each near miss is the shape the widened
rule was written for, so a fix that goes too far fails here as well as one that goes too
short.
"""

import pytest
from test_screen import ANALYSIS, FAMILY, passages

from review_miner.screen import (
    child_voice,
    ethnicity_status,
    family_views,
    lcspr_rationale,
    practitioner_views,
    recommendation_items,
    recommendations,
)

STATED = (FAMILY, "The family are White Irish.")


def status_of(*items: tuple[str, str]) -> str:
    return ethnicity_status(passages(*items)).status


# D25: narration under a question, discussion, decision or actions heading is not weighing.
@pytest.mark.parametrize(
    ("heading", "text"),
    [
        (
            "What did we find?",
            "On 3 May the health visitor saw Mum at home with a Tigrinya interpreter.",
        ),
        (
            "What did we find?",
            "12 March 2022: the school referred Child A to early help. 14 March: an interpreter "
            "who spoke Polish attended the meeting.",
        ),
        ("Panel discussion", "The panel met on 4 June; Mum's first language is Tigrinya."),
        ("What now", "Mum and the children now live in Eastgate; her first language is Tigrinya."),
        ("What now?", "On 3 May Mum moved to Eastgate with an interpreter who spoke Polish."),
        (
            "Discussion with the family",
            "Mum, whose first language is Tigrinya, met the reviewer with an interpreter.",
        ),
        (
            "Decision of the court",
            "Child A is of Irish Traveller heritage and was placed with his aunt.",
        ),
        (
            "Actions agreed at the strategy meeting",
            "An interpreter who spoke Tigrinya was booked for the next visit.",
        ),
        ("Actions", "On 3 May an interpreter who spoke Polish was booked for the visit."),
    ],
)
def test_narration_under_wide_analysis_headings_is_not_weighing(heading, text):
    assert status_of(STATED, (heading, text)) == "stated_only"


@pytest.mark.parametrize(
    "heading", ["What did we find?", "Panel discussion", "What now", "Actions", "LCSPR decision"]
)
def test_a_judgement_under_wide_analysis_headings_still_weighs(heading):
    text = "Mum was seen without an interpreter, so what she said about Tigrinya customs was lost."
    assert status_of(STATED, (heading, text)) == "stated_and_analysed"


# D26: "where he came from" is a place unless a judgement rests on it.
@pytest.mark.parametrize(
    ("section", "text"),
    [
        (
            ANALYSIS,
            "The youth worker knew where he came from: the Northfield estate, two miles away.",
        ),
        (
            ANALYSIS,
            "Nobody asked where the family came from before they moved to Eastgate from Leeds.",
        ),
        (
            "Background",
            "Officers did not ask where he came from and did not call his mother, the review found.",
        ),
    ],
)
def test_where_he_came_from_as_a_place_is_not_weighing(section, text):
    assert status_of(STATED, (section, text)) == "stated_only"


def test_judged_because_of_where_he_came_from_still_weighs():
    text = "Child E was treated as a suspect because of where he came from."
    assert status_of(STATED, (ANALYSIS, text)) == "stated_and_analysed"


# D27: a project's name before "faith" is no faith.
def test_a_named_project_before_faith_is_not_a_statement():
    assert status_of(
        (FAMILY, "The Open Door faith project ran the youth club Child A went to.")
    ) == ("absent")


def test_a_faith_adjective_before_faith_is_a_statement():
    assert status_of((FAMILY, "Her father was raised in the Coptic faith.")) == "stated_only"


# B10-B18: name-keyed voice rules must not fire for adults named with a role or a parent's words.
@pytest.mark.parametrize(
    "text",
    [
        'Emma, the social worker, said in supervision: "I felt out of my depth."',
        "Sandra told her supervisor that she was overwhelmed.",
        "Kelly told her key worker at the refuge that she was scared.",
        'His brother Sam told his teacher: "I look after my sister."',
        "The reviewer met Julie, the team manager, in May.",
        "The reviewer spoke to Darren about his time as a foster carer.",
        "Darren texted his key worker at the probation service most days.",
        "Dad gets himself up for work at five.",
        "Mum made her own tea and went to bed.",
        "Jade's mother made her own breakfast and left for work.",
        "The officer gave an account of his day shift to the inquiry.",
        "Mum wrote about her family in a statement to the court.",
        "Mum was happiest when the children were at school.",
        "Mum hid behind the sofa when he came home.",
        "The family were hiding under the table when officers arrived.",
        "The health visitor used a photo diary to plan visits.",
        "Staff should keep a communication book for every non-verbal child.",
        "Mum said they loved the new flat.",
        'Mum said: "He has been in trouble at school."',
        'The head teacher said: "We had no concerns at school."',
        'Dad said: "I go to the pub with my mates on Fridays."',
        "Kelly was frightened of her partner and did not call the police.",
        "Sandra was worried about her caseload.",
        "Sandra, the social worker, told the reviewer she had 30 cases.",
        'Kelly told the health visitor: "I\'m not coping with him."',
    ],
)
def test_adults_are_not_the_childs_voice(text):
    assert child_voice(passages((ANALYSIS, text))).value == "false"


@pytest.mark.parametrize(
    "text",
    [
        'Grace said in the lunch queue: "I\'m not going home."',
        "Grace told her teacher that Mum had hit her.",
        "Kyle told his key worker that he was scared at night.",
        "The reviewer met Nelson twice at his foster home.",
        "Ayla, the eldest, told the reviewer she missed her nan.",
        "Most mornings Child B gets himself up and out to school.",
        "Child B made his own tea most nights.",
        "Child C hid behind the sofa when the shouting started.",
        "Her photo diary shows the park and the dog.",
        "His mum says he loved trains.",
        'Child D told a friend: "I\'m always in trouble at school."',
        "Hana was frightened of her stepdad.",
        "Hana was frightened of Dad.",
        'Kyle told the health visitor: "I\'m scared when my stepdad shouts."',
    ],
)
def test_the_childs_voice_is_still_found(text):
    assert child_voice(passages((ANALYSIS, text))).value == "true"


# A1-A6: recommendations.
@pytest.mark.parametrize(
    "text",
    [
        "Review of the records showed that the referral was closed.",
        "Check-ups were missed in March and May.",
        "Support from the family support worker ended in June.",
        "Record keeping was poor in all three agencies.",
        "Use of interpreters was inconsistent.",
        "Make-up was found in her bag by the teacher.",
        "Start dates for the nursery place were delayed twice.",
        "Contact with father stopped in 2021.",
        "The child protection plan required Mum to attend parenting classes and Dad to engage "
        "with the drug service.",
        "Under the safety plan, Mum to supervise contact and Grandma to collect Child A from school.",
        "The plan said: Mum to attend all health appointments. Dad to stay away from the home.",
        "The social worker to whom the case was allocated left in May.",
        "The father to whom Child A was close left the area.",
        "5.1 The family\nChild A lives with her mother and two brothers.",
        "5.2 The school\nChild A attended Oakfield Primary from 2019.",
        "1.1 The hospital reviewed its triage policy in June 2023.",
        "R1 reported that the bruise was on the left cheek.",
        "Step 3: the review team read the agency records.",
        "Area 2: Oakfield ward, where the family lived from 2020.",
        "Priority A: Child A was a child in need from March 2021.",
    ],
)
def test_narration_is_not_a_recommendation(text):
    assert recommendation_items(text) == []


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Review the records of every child seen at the bruising clinic by June 2027.", 1),
        ("Use interpreters for every home visit where English is not the first language.", 1),
        ("Record who else lives in the home at every visit.", 1),
        ("The early help service to offer a home visit when a family moves.", 1),
        ("5.1 The partnership should audit interpreter use by March 2027.", 1),
        ("R2 The leaving care service to contact every care leaver monthly.", 1),
        ("Step 2: schools to record lateness daily.", 1),
        ("Priority A – Improve the handover between nurseries and schools.", 1),
        # An agency's name before a colon, and a parent inside the subject, not leading it.
        (
            "Priority 2 — Health visiting: every new-birth visit to include a conversation with "
            "the father.",
            1,
        ),
        (
            "For health visiting: any disclosure by a parent of fear for a baby's safety to "
            "receive a same-day response.",
            1,
        ),
    ],
)
def test_recommendations_still_found(text, count):
    assert len(recommendation_items(text)) == count


@pytest.mark.parametrize(
    ("section", "text"),
    [
        (
            "Recommendations",
            "Use of interpreters was inconsistent, and the first recommendation is about them.",
        ),
        ("Recommendations", "5.1 Introduction\nThe panel makes four recommendations."),
        ("Action plan", "Step 3: the review team read the agency records."),
    ],
)
def test_narration_in_a_recommendations_section_is_not_counted(section, text):
    made, _ = recommendations(passages((section, text)), {})
    assert made.value == "0"


def test_an_earlier_reviews_recommendation_in_the_chronology_is_not_counted():
    text = (
        "Recommendation 1: the earlier SCR (2018) asked agencies to see fathers; this was not done."
    )
    made, _ = recommendations(passages(("Chronology", text)), {})
    assert made.value == "0"


def test_an_inline_recommendation_in_a_finding_is_counted():
    text = (
        "Fathers were not seen by any agency. Recommendation 2: all agencies to record fathers' "
        "details at first contact."
    )
    made, _ = recommendations(passages((ANALYSIS, text)), {})
    assert made.value == "1"


# C20, C23: lists of those present.
@pytest.mark.parametrize(
    "text",
    [
        "Present: chair; police DI; designated nurse; head of children's services; father's "
        "probation officer.",
        "Present: chair; DSL; Child A's mother's social worker.",
        "In attendance: chair; the father's GP; the mother's drug worker.",
    ],
)
def test_a_parents_professional_present_is_not_the_family(text):
    assert family_views(passages((FAMILY, text))).value == "false"


def test_a_parent_present_is_the_family():
    text = "Present: chair; police DI; Child N's father, Mr T; designated nurse."
    assert family_views(passages((FAMILY, text))).value == "true"


@pytest.mark.parametrize(
    "text",
    [
        "Attended: DSL training on 3 May; Child A attended the GP.",
        "Present: chair; Mr and Mrs A (parents); their GP was invited but did not attend.",
    ],
)
def test_training_and_absent_staff_are_not_practitioners_heard(text):
    assert practitioner_views(passages((FAMILY, text))).value == "false"


def test_staff_present_are_practitioners_heard():
    text = "Present: chair; the DSL from the college; the health visitor; police DI."
    assert practitioner_views(passages((FAMILY, text))).value == "true"


# C21, C22: another meeting's chair, and views still to come, are not the family heard.
@pytest.mark.parametrize(
    "text",
    [
        "Mum told the chair of the core group she wanted more help.",
        "Dad told the chair of the child protection conference he would not sign the plan.",
        "The family's views will be sought when the criminal trial ends.",
    ],
)
def test_another_chair_and_views_to_come_are_not_the_family_heard(text):
    assert family_views(passages((FAMILY, text))).value == "false"


@pytest.mark.parametrize(
    "text",
    [
        "Mum told the chair that nobody had asked her about the bruise.",
        "Dad met the chair of the review and said the school had not listened.",
    ],
)
def test_a_parent_telling_the_reviews_chair_is_the_family_heard(text):
    assert family_views(passages((FAMILY, text))).value == "true"


# C24: the criteria or guidance named in passing are no reason.
@pytest.mark.parametrize(
    "text",
    [
        "The criteria for an LCSPR were discussed. The panel agreed an LCSPR.",
        "The criteria were discussed and the panel decided on an LCSPR.",
        "The partnership decided to commission an LCSPR. Guidance is at the end of this report.",
        "The panel agreed an LCSPR was not needed; the criteria are set out in Working Together.",
    ],
)
def test_criteria_named_in_passing_are_no_rationale(text):
    assert lcspr_rationale(passages(("Decision", text)), "rapid_review").value == "false"


@pytest.mark.parametrize(
    "text",
    [
        "The panel agreed an LCSPR as the criteria were met.",
        "The criteria for an LCSPR were met, so the panel recommended one.",
        "In line with the guidance, the panel decided an LCSPR was not needed.",
    ],
)
def test_criteria_as_a_reason_are_a_rationale(text):
    assert lcspr_rationale(passages(("Decision", text)), "rapid_review").value == "true"


# A8: numbered findings are not recommendations.
def test_numbered_findings_are_not_recommendations():
    text = (
        "1. Agencies did not share the father's history. 2. The voice of the child was not heard."
    )
    assert recommendation_items(text) == []


def test_numbered_asks_are_recommendations():
    text = "1. Agencies should share the father's history. 2. Schools to hear the child's voice."
    assert len(recommendation_items(text)) == 2


# A9: softer asks are recommendations; the same words said of a parent in the past are not.
@pytest.mark.parametrize(
    ("text", "count"),
    [
        (
            "The Safeguarding Partnership seeks assurance that all agencies record fathers' details.",
            1,
        ),
        ("Agencies are encouraged to record fathers' details.", 1),
        ("Schools are reminded to refer lateness to early help.", 1),
        ("The partnership could usefully consider how fathers are engaged.", 1),
        ("Mum was reminded to bring the red book to clinic.", 0),
        ("Dad was encouraged to attend the parenting group.", 0),
    ],
)
def test_softer_asks(text, count):
    assert len(recommendation_items(text)) == count
