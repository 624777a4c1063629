"""Screening: scorecard phrasings met in the eighth to tenth writers' development reviews.

Each fixture is new wording (not the reviews' own) in the shape of a family of dev reviews the
scorecard got wrong, with traps beside it that must not fire, so a rule that is loosened or
dropped fails here.
"""

import pytest
from test_screen import passages

from review_miner.screen import (
    child_voice,
    family_views,
    lcspr_rationale,
    practitioner_views,
    recommendation_items,
    recommendations,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Codes and named items before each recommendation.
        ("Priority C – The youth service to map detached work by May 2027.", 1),
        ("Ask 2 — Housing officers to check smoke alarms at every tenancy visit.", 1),
        ("Rec 4: The ICB to publish a pathway for bruised babies.", 1),
        ("Rec #2 – Schools to log lateness patterns.", 1),
        ("RR-2. The hospital to flag repeat attendances.", 1),
        ("LR3. Midwives to ask about partners at booking.", 1),
        ("AfD4. Dentists to follow up missed check-ups.", 1),
        ("R5 The fostering team to visit within a week of placement.", 1),
        ("Action 2 of 4: the council to fund a night worker.", 1),
        ("☑ Action 3: schools to train lunchtime staff.", 1),
        ("1/ The police to share call-outs. 2/ Schools to act on them.", 2),
        # An agency "to" act, a bare instruction, and "We ask ... to".
        ("The early help service to offer a home visit when a family moves.", 1),
        ("For the ambulance trust: record who else was in the home at every call.", 1),
        (
            "Strengthen the handover between nurseries and schools. Make sure fathers are "
            "invited to reviews.",
            2,
        ),
        (
            "We ask the youth justice service to meet every victim. We ask schools not to "
            "exclude without a plan.",
            2,
        ),
        # Sub-items under a titled heading count, the heading not.
        (
            "2. Information sharing\n2.1 GPs to copy letters to the school nurse.\n2.2 Schools "
            "should tell the GP about long absences.",
            2,
        ),
        # A table a row a line, its header not counted.
        (
            "Action | Lead | Date\nAudit missed health checks | Designated nurse | June 2027\n"
            "Train reception staff | Practice manager | —",
            2,
        ),
        ("Police | Flag repeat missing episodes\nSchools | Refer lateness to early help", 2),
        # Sharing plans are not recommendations, numbered or not.
        ("3.4 The partnership should circulate this report to all members.", 0),
        ("The board will share its summary with the local forum.", 0),
        (
            "4.1 Agencies should consider these findings. It is further recommended that the "
            "board publishes the review.",
            1,
        ),
        # Traps: narration with "to" is not an ask.
        ("Mum's trip to the dentist was cancelled twice.", 0),
        ("The family moved to a flat in Eastgate in 2021.", 0),
        ("Staff tried to reach the father by phone.", 0),
        ("Practitioners found it hard to challenge the consultant.", 0),
        ("The panel wishes to thank the family for their time.", 0),
        ("The review aims to help agencies learn.", 0),
        # What an agency has already done is not an ask.
        ("7.2 The ambulance service has revised its handover form.", 0),
        ("7.3 Referrals are now copied to the school nurse.", 0),
        ("7.4 The council has agreed a protocol, and schools should use it by May 2027.", 1),
    ],
)
def test_round_recommendation_items(text, expected):
    assert len(recommendation_items(text)) == expected


def test_round_recommendation_inside_a_finding_counts():
    text = (
        "Finding 2. The referral was lost between two inboxes. Recommendation 2: the MASH to "
        "acknowledge every referral within one working day, audited in June 2027."
    )
    made, specific = recommendations(passages(("Findings", text)), {})
    assert (made.value, specific.value) == ("1", "1")


def test_round_a_finding_without_an_inline_recommendation_is_not_one():
    text = "Finding 3. Nobody recommended a change to the rota, and the gap stayed open."
    made, _ = recommendations(passages(("Findings", text)), {})
    assert made.value == "0"


@pytest.mark.parametrize(
    ("text", "specific"),
    [
        ("Inpatient units to offer a family room by April 2027.", "1"),
        ("Adult social care to ask about young carers, audited each quarter.", "1"),
        ("GP practices to code every child not brought, measuring this through searches.", "1"),
        ("Clinicians to use an interpreter at every diagnosis, checked in a sample of ten.", "0"),
        ("Priority 1 — Conference chairs to ask what children said. Lead: chair. By: May 2027.", "1"),
        ("The forum to include bullying in the 2027/28 programme.", "1"),
        # Vague: no measure or date, or an action on a number rather than a measure.
        ("Clinicians should listen to children.", "0"),
        ("Commissioners should review the number of foster placements.", "0"),
    ],
)
def test_round_specific_recommendations(text, specific):
    _, found = recommendations(passages(("Recommendations", text)), {})
    assert found.value == specific


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The child's words quoted where someone heard them, the child the speaker.
        ('Maisie said at the bus stop: "I\'m not allowed friends round."', "true"),
        ("Child J, who was in Year 6, told his form tutor that the flat was cold at night.", "true"),
        ("Ellis, the middle child, told the reviewer he liked the new school.", "true"),
        ("Ruby's own words, in her planner, were clear about it.", "true"),
        # A reviewer who met the child, by a first name.
        ("The reviewer met Tomasz twice at his foster home.", "true"),
        # What the child did by themself, and an account of the child's day.
        ("The school saw that she gets herself up and dressed most days.", "true"),
        ("What he said to the caretaker was an account of his day.", "true"),
        ("Leah has written about her life in a poem for English.", "true"),
        ("In the visit Jade hid behind the settee whenever her uncle spoke.", "true"),
        ("Her dad says she loved the swings at the rec.", "true"),
        ("The nursery's learning journal shows him building towers every morning.", "true"),
        ("Elsie was frightened of the dog next door.", "true"),
        # Words only a child says of themself, quoted.
        ('He told the nurse: "I stopped going since my stepdad moved in."', "true"),
        ('She said she was "the only new kid nobody talked to".', "true"),
        ('He said "nobody in my class knows".', "true"),
        # Traps: a parent's own quotation.
        ('She told the health visitor: "My partner does the night feeds."', "false"),
        # Traps: the child's mother, a parent's words, a parent seen alone, what no one recorded.
        ("The reviewer met Child K's mother at her flat.", "false"),
        ('Ms D told the reviewer: "I was never asked."', "false"),
        ('Mum said: "I couldn\'t get him to eat."', "false"),
        ("Mrs P was seen alone at the six-week check.", "false"),
        ("Every mother should be seen alone at booking.", "false"),
        (
            "None of the records describes what she did at home or what her days were like.",
            "false",
        ),
        ("The reviewer met Dr Okafor and the ward sister.", "false"),
    ],
)
def test_round_child_voice(text, expected):
    assert child_voice(passages(("Analysis", text))).value == expected


def test_round_child_voice_heading_over_the_childs_days():
    found = child_voice(passages(("Milo's days", "Milo got up at seven and walked to school.")))
    assert found.value == "true"


@pytest.mark.parametrize(
    ("section", "text", "expected"),
    [
        # Invited with words between, or as "she"; an aside before "told the reviewer".
        ("Method", "Her father was invited by email and in person to contribute.", "true"),
        ("Ava", "She was invited to take part through her solicitor and did not reply.", "true"),
        (
            "Ava",
            "Dad, who has driven buses in the town for twenty years and still does, told the "
            "reviewer he had asked for help twice.",
            "true",
        ),
        # The author or the chair, at the meeting or among those present.
        ("Method", "Theo's grandparents met the overview author in May.", "true"),
        ("Method", "Mrs R spoke to the independent chair by phone.", "true"),
        ("Panel", "Her mother attended part of the meeting.", "true"),
        ("Present", "Present: chair; DSL; health visitor; Child Q's mother, Ms Q.", "true"),
        ("Panel", "A nurse met Mrs L to ask what she wanted the panel to know.", "true"),
        # A pronoun after a sentence naming the parent, or a heading over who was spoken to.
        (
            "Learning",
            "Nobody asked Mum why she missed the clinic. She told the review's chair that the "
            "letters never came.",
            "true",
        ),
        ("Who did we speak to?", "Leo's father and his nan.", "true"),
        # Traps: a practitioner's visit, a meeting that is not the review's, a pronoun that is
        # a practitioner.
        (
            "Events",
            "The housing officer called at the flat and spoke to the father on the doorstep.",
            "false",
        ),
        ("Events", "Mum attended the core group meeting on 4 May.", "false"),
        (
            "Learning",
            "The health visitor was new to the area. She told the reviewer the caseload was full.",
            "false",
        ),
        ("Who did we speak to?", "Eight practitioners and two managers.", "false"),
    ],
)
def test_round_family_views(section, text, expected):
    assert family_views(passages((section, text))).value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Present: chair; the DSL from Oakfield High; police; designated doctor.", "true"),
        ("Attended: youth worker, school nurse, CSC team manager, chair.", "true"),
        ("The DSL told the panel she had waited for the parents to call back.", "true"),
        ("Her form tutor, who attended, said she had seemed tired for weeks.", "true"),
        ("The coach spoke to the chair before the meeting.", "true"),
        ("The panel heard directly from the nursery manager.", "true"),
        ("The panel heard from Child K's class teacher and the ward sister.", "true"),
        ("His head of year joined the panel for this case.", "true"),
        ("Practitioners at the meeting agreed that the pathway was unclear.", "true"),
        ("The reviewer held a workshop with twelve front-line staff in May.", "true"),
        # Traps: agency members, the panel's own member, school attendance.
        (
            "Panel members: police (inspector), health (designated nurse), education (head of "
            "service).",
            "false",
        ),
        ("The sergeant told the panel's police member that the log was closed.", "false"),
        ("Attendance: 84% in the spring term, and the class teacher was new.", "false"),
    ],
)
def test_round_practitioner_views(text, expected):
    assert practitioner_views(passages(("The rapid review", text))).value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A question answered, with its reasons.
        (
            "Is an LCSPR needed? No. The learning is about one ward's triage and is already "
            "being audited.",
            "true",
        ),
        (
            "Does the case meet the criteria for an LCSPR? We think it does: the injury is "
            "grave and three agencies missed the same signs.",
            "true",
        ),
        ("The panel recommends an LCSPR because the family's account has not been heard.", "true"),
        (
            "The chair wrote that the partners would not commission an LCSPR, since the learning "
            "is being addressed by the trust.",
            "true",
        ),
        ("☒ LCSPR not recommended. Why: the learning is clear and is in the actions below.", "true"),
        ("LCSPR: recommended. Reasons: (a) Jo suffered serious harm; (b) abuse is suspected.", "true"),
        (
            "The panel agreed an LCSPR would not be held, the police review having identified the "
            "learning already.",
            "true",
        ),
        # Bare or undecided, and an outcome that is not a reason.
        ("The panel recommends an LCSPR.", "false"),
        ("The panel considered whether the criteria for an LCSPR were met.", "false"),
        ("Outcome: a single-agency review by the trust; no LCSPR.", "false"),
    ],
)
def test_round_lcspr_rationale(text, expected):
    assert lcspr_rationale(passages(("Decision", text)), "rapid_review").value == expected


def test_round_practitioner_named_by_role_elsewhere_told_the_chair():
    found = practitioner_views(
        passages(
            ("Incident", "On 3 May Child T told a lunchtime supervisor, Mrs Adeyemi, about it."),
            ("Findings", "Mrs Adeyemi told the chair she had not known whom to tell."),
        )
    )
    assert found.value == "true"


def test_round_a_parent_named_by_title_is_not_a_practitioner():
    found = practitioner_views(
        passages(
            ("Family", "Child T lives with his mother, Mrs Adeyemi, and two sisters."),
            ("Findings", "Mrs Adeyemi told the chair she had not known whom to tell."),
        )
    )
    assert found.value == "false"
