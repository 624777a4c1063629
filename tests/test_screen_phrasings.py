"""Screening: phrasings and traps met in the fourth to sixth writers' development reviews.

Each fixture is new wording in the same shape as a dev review the rules got wrong (or, for
the fifth writer's, a family of phrasings the lists of countries, languages and towns now
cover, and the traps those lists bring), so a rule that is loosened or dropped fails here.
"""

import pytest
from test_screen import ANALYSIS, DECISION, FAMILY, passages

from review_miner.screen import (
    child_voice,
    ethnicity_status,
    family_views,
    lcspr_rationale,
    learning_identified,
    practitioner_views,
    recommendation_items,
    recommendations,
    states_ethnicity,
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
        # English is the language the reviews are written in: speaking it states nothing.
        "Both parents were confident English speakers.",
        "Kai started at an English-speaking nursery in March.",
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


# The fifth writer: ethnicity stated and weighed in ways no hand list held ------------------


def status_of(*items: tuple[str, str]) -> str:
    return ethnicity_status(passages(*items)).status


@pytest.mark.parametrize(
    "statement",
    ["Dad is Cameroonian.", "Mum is Zambian and works nights in a care home."],
)
def test_screen_phrasings_nationality_derived_from_a_country_name(statement):
    # Neither word is in any hand list: both come from ISO country names and a suffix.
    assert status_of((FAMILY, statement)) == "stated_only"


def test_screen_phrasings_nationality_before_a_status_word():
    assert status_of((FAMILY, "Both parents hold Colombian citizenship.")) == "stated_only"


@pytest.mark.parametrize(
    "statement", ["They are an Eastern European family.", "The parents are West African."]
)
def test_screen_phrasings_regional_nationality(statement):
    assert status_of((FAMILY, statement)) == "stated_only"


@pytest.mark.parametrize(
    "statement",
    [
        "Mum grew up in Kampala and came to the UK to study.",
        "The family arrived from Eritrea in 2021.",
        "Dad's relatives are originally from Sylhet.",
    ],
)
def test_screen_phrasings_where_a_parent_comes_from(statement):
    assert status_of((FAMILY, statement)) == "stated_only"


@pytest.mark.parametrize(
    "statement",
    [
        "At home the children speak Shona.",
        "A Tamil-speaking support worker visited with the nurse.",
        "Her languages are Amharic and Arabic.",
        "Dad's English is basic, so the GP used a telephone line.",
    ],
)
def test_screen_phrasings_languages_from_the_iso_list(statement):
    assert status_of((FAMILY, statement)) == "stated_only"


@pytest.mark.parametrize(
    "statement",
    [
        "The school census records him as Any other Asian background.",
        "Child F and both her parents are white.",
        "Mum describes herself as a woman of colour.",
    ],
)
def test_screen_phrasings_census_wording_and_colour_of_people(statement):
    assert status_of((FAMILY, statement)) == "stated_only"


@pytest.mark.parametrize(
    "statement",
    [
        "The family had been observing Ramadan that month.",
        "The parents married in a nikah ceremony.",
        "The family are Romanichal and live on their own land.",
    ],
)
def test_screen_phrasings_faith_practices_and_traveller_groups(statement):
    assert status_of((FAMILY, statement)) == "stated_only"


@pytest.mark.parametrize(
    "trap",
    [
        "The dog that bit him was an American bulldog.",
        "The review used the Swiss cheese model to explain the gaps.",
        "They rented a flat above a Chinese takeaway.",
        "He failed his English test and cried in class.",
        "He was white and shaking when officers arrived.",
        "By Monday she was black and blue.",
        "The mark on his temple was photographed.",
        "The school offered pastoral support.",
    ],
)
def test_screen_phrasings_library_words_on_things_are_not_statements(trap):
    assert status_of((FAMILY, trap)) == "absent"


@pytest.mark.parametrize(
    "trap",
    [
        "Mum was born in Kent.",
        "Dad grew up in Boston, Lincolnshire.",
        "Child J had moved from Jordan's flat to his grandmother's.",
        "Ms K is the mother of Georgia, aged three.",
        "The health visitor noted Mum speaking softly to the baby.",
    ],
)
def test_screen_phrasings_names_that_are_also_places_or_languages(trap):
    assert status_of((FAMILY, trap)) == "absent"


@pytest.mark.parametrize(
    "analysis",
    [
        "No one asked whether the name-calling was about the colour of his skin.",
        "The school logged anti-Muslim abuse as an ordinary behaviour incident.",
        "Practitioners were reluctant to question the parents' beliefs and so did not escalate.",
        "Her months on the road were treated as truancy, not as the family's way of life.",
        "All the advice reached Mum through her ten-year-old son, which should not happen.",
        "The reminders came in a language Dad could not read, and nobody checked.",
    ],
)
def test_screen_phrasings_analysis_without_the_usual_words(analysis):
    assert status_of((FAMILY, "The family are Kurdish."), (ANALYSIS, analysis)) == (
        "stated_and_analysed"
    )


def test_screen_phrasings_a_group_judged_is_analysis():
    analysis = "Officers saw Black boys as older than they were, and he was treated that way."
    assert status_of(STATED, (ANALYSIS, analysis)) == "stated_and_analysed"
    # The same group named in a family's description is a statement, not a judgement.
    assert states_ethnicity("The two Black boys live with their aunt.")


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([(DECISION, "No LCSPR will be commissioned. This was an accident.")], "true"),
        (
            [(DECISION, "An LCSPR is not needed: there is no evidence that abuse played a part.")],
            "true",
        ),
        (
            [
                (
                    DECISION,
                    "The partners agreed that an LCSPR was not required; the learning is clear "
                    "and the trust has agreed to act on it.",
                )
            ],
            "true",
        ),
        ([(DECISION, "No LCSPR will be commissioned.")], "false"),
        ([(DECISION, "The case does not meet the criteria for an LCSPR.")], "true"),
        (
            [(DECISION, "An LCSPR will be carried out due to the seriousness of the neglect.")],
            "true",
        ),
        # Sharing the review is a plan, not a reason.
        (
            [(DECISION, "An LCSPR will not be carried out. The review will be shared with GPs.")],
            "false",
        ),
    ],
)
def test_screen_phrasings_lcspr_reasons_given_as_findings(items, expected):
    assert lcspr_rationale(passages(*items), "rapid_review").value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Child T is a quiet boy who builds Lego cities on the landing.", "true"),
        ("His grandmother describes a girl who sang all day long.", "true"),
        ("Child M tells the school nurse that she feels invisible.", "true"),
        ("She texted her best friend that she was scared to go home.", "true"),
        ("In her words: the flat was too loud to think.", "true"),
        ("Nobody asked Child R what he wanted or how he felt.", "false"),
        ("Direct work with him should have been the first step.", "false"),
        ("The social worker spoke to her alone in the school library.", "true"),
        ("The young person's wishes were written into the plan in her own phrases.", "true"),
        ("Nobody asked what life was like for her at home.", "false"),
    ],
)
def test_screen_phrasings_child_described_or_messaging(text, expected):
    assert child_voice(passages((ANALYSIS, text))).value == expected


@pytest.mark.parametrize(
    "text",
    [
        "Child P and his father both contributed to the review.",
        "Mum asked the reviewer to share her story with other parents.",
        "The lead reviewer held workshops with the school and with the health visiting team, "
        "and met Child J's parents at home.",
        "The reviewer asked both parents whether anything had made services hard to use.",
    ],
)
def test_screen_phrasings_family_views_in_more_forms(text):
    assert family_views(passages(("Method", text))).value == "true"


@pytest.mark.parametrize(
    "text",
    [
        "Eight staff took part in a practitioner focus group.",
        "Practitioners at the review meeting said the form was unclear.",
        "The rapid review took place on 3 May with the school nurse and the social worker.",
    ],
)
def test_screen_phrasings_practitioner_views_in_more_forms(text):
    assert practitioner_views(passages(("Method", text))).value == "true"


@pytest.mark.parametrize(
    ("section", "text", "expected"),
    [
        ("4. What we learned", "Nobody pulled the missing episodes together.", "true"),
        ("Findings", "The nursery took her off its register without telling anyone.", "true"),
        ("Chronology", "On 3 May the nursery took her off its register.", "false"),
    ],
)
def test_screen_phrasings_learning_headings(section, text, expected):
    assert learning_identified(passages((section, text)), {}).value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("• Schools should record absences. • The council should audit them. • GPs should ask.", 3),
        ("(i) The trust should train staff. (ii) The police should share logs.", 2),
        ("Recommendation iii: the board should publish its audit by May 2026.", 1),
    ],
)
def test_screen_phrasings_bullets_and_roman_numerals(text, expected):
    assert len(recommendation_items(text)) == expected


# The sixth writer's phrasing families and traps (fixtures in new words) --------------------

DISMISSAL = "Equality and diversity: no issues were identified relating to culture or religion."


def test_screen_phrasings_bare_dismissal_alone_is_absent():
    # Labelling rule 2: a dismissal says neither what the ethnicity is nor weighs it.
    assert status_of((FAMILY, "Child Q lives with her father."), (ANALYSIS, DISMISSAL)) == "absent"


def test_screen_phrasings_bare_dismissal_with_a_statement_is_stated_only():
    assert status_of(STATED, (ANALYSIS, DISMISSAL)) == "stated_only"


def test_screen_phrasings_dismissal_with_reasons_is_analysis():
    reasoned = (
        "The reviewer asked Dad whether his faith or his language had made services harder "
        "to use; he said they had not, and the records bear that out."
    )
    assert status_of(STATED, (ANALYSIS, reasoned)) == "stated_and_analysed"


@pytest.mark.parametrize(
    "trap",
    [
        "The flat is on the Jordan Well Estate.",
        "The family moved to Holland Park Road in May.",
        "They took the ferry across the Irish Sea.",
        "Mum worked at the Polish Supermarket on the high street.",
        "Mum was born in Jersey and moved here at six.",
        "Christian, aged nine, told his teacher about the bruise.",
        "The Christmas assembly was held in the church.",
        "The chapel of rest was booked by the funeral director.",
    ],
)
def test_screen_phrasings_place_phrases_names_and_faith_words_without_a_person(trap):
    assert status_of((FAMILY, trap)) == "absent"


@pytest.mark.parametrize(
    "statement",
    [
        "Her mother tongue is Tagalog.",
        "Home language: Polish.",
        "Dad's cousin translated from Bengali at the visit.",
        "They came to England under the Homes for Ukraine scheme.",
        "The children go to the Lithuanian Saturday school.",
        "Her father is a lay preacher at the Ebenezer chapel.",
        "The family are Christians and go to church every week.",
    ],
)
def test_screen_phrasings_language_nouns_schemes_and_faith_said_of_people(statement):
    assert status_of((FAMILY, statement)) == "stated_only"


def test_screen_phrasings_gender_identity_is_not_ethnicity():
    text = "Staff did not respect Child A's gender identity, and should have."
    assert status_of(STATED, (ANALYSIS, text)) == "stated_only"


@pytest.mark.parametrize(
    "analysis",
    [
        "No one asked what it meant for her to be the only Black girl in her year.",
        "Staff assumed that, as a Traveller family, they would move on, and closed the case.",
        "The school read Dad's silence as hostility; he may not have followed what was said "
        "in English.",
        "The family's church was a support that no plan made use of.",
        "The health visitor relied on the eldest boy to translate for his mother.",
        "Her fear of services came from what she had seen in her own country as a child.",
    ],
)
def test_screen_phrasings_judging_sentences_that_state_ethnicity_are_analysis(analysis):
    assert status_of(STATED, (ANALYSIS, analysis)) == "stated_and_analysed"


def test_screen_phrasings_ethnicity_mentioned_in_passing_in_analysis_is_not_weighed():
    text = "Mum, who is Kenyan, said she did not know whom to ring after the transfer."
    assert status_of((FAMILY, "Child V lives with her mother."), (ANALYSIS, text)) == (
        "stated_only"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In the three houses exercise Child B put her stepfather in the house of worries.", "true"),
        ("She rated her happiness at home at 3 out of 10.", "true"),
        ("Child G's view was that adults \"never listen\".", "true"),
        ("Child K's drawing showed him alone in the garden.", "true"),
        ("His day started at six, when he made his sisters' breakfast.", "true"),
        ("Notes Child T wrote to her sister describe being hungry.", "true"),
        ("Messages Child T sent to a friend say she was frightened.", "true"),
        ("Ms F told the reviewer that she had stopped the drops.", "false"),
        ("Child J said he fell off the trampoline.", "false"),
        ("Child L was not seen alone on any visit.", "false"),
        ("There is no record of Child N's own view of home.", "false"),
        ("Child V's view of what would help was not recorded.", "false"),
        ("The family asked that the review know that Child W was a much-loved boy.", "false"),
    ],
)
def test_screen_phrasings_child_voice_tools_and_negations(text, expected):
    assert child_voice(passages((ANALYSIS, text))).value == expected


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        (
            [
                (DECISION, "The rapid review does not recommend an LCSPR."),
                (DECISION, "The reasons: the child has recovered and the learning is in hand."),
            ],
            "true",
        ),
        ([(DECISION, "Panel view: LCSPR not required. Reason: the learning is clear.")], "true"),
        ([("Outcome", "An LCSPR is not recommended: the learning is clear.")], "true"),
        ([("Outcome", "An LCSPR is not recommended.")], "false"),
    ],
)
def test_screen_phrasings_lcspr_decisions_as_recommendations(items, expected):
    assert lcspr_rationale(passages(*items), "rapid_review").value == expected


def test_screen_phrasings_parent_named_by_title_and_initial_told_the_reviewer():
    text = "Ms R told the reviewer that she had been frightened of visitors."
    assert family_views(passages((ANALYSIS, text))).value == "true"


@pytest.mark.parametrize(
    ("text", "made", "specific"),
    [
        (
            "No. | Recommendation | Lead | By when. 1 | The service will phone families | head "
            "of service | June 2026. 2 | The board will refresh its strategy | manager | later.",
            2,
            1,
        ),
        (
            "The Board is asked to: ensure schools report numbers each term; ask CAMHS to call "
            "families monthly; and ask GPs to copy referrals to schools.",
            3,
            1,
        ),
        (
            "Rec 1 (owner: the school nursing service; measure: an audit each term): a second "
            "unanswered letter will lead to a visit.",
            1,
            1,
        ),
        ("Action B — Housing: repairs to windows will be urgent; the team will check.", 1, 0),
    ],
)
def test_screen_phrasings_tables_lead_ins_and_owner_brackets(text, made, specific):
    found, found_specific = recommendations(passages(("Recommendations", text)), {})
    assert (int(found.value), int(found_specific.value)) == (made, specific)


# Review findings: phrasings the screen got wrong (fixtures in new words) -------------------


@pytest.mark.parametrize(
    "judged",
    [
        "Workers did not consider the impact of the family's faith on how Dad saw the school.",
        "Nobody considered the impact of the family's culture on their trust in the clinic.",
        "The health visitor never asked about the significance of the family's religion.",
    ],
)
def test_screen_phrasings_not_weighing_the_topic_is_analysis_not_a_dismissal(judged):
    assert status_of(STATED, (ANALYSIS, judged)) == "stated_and_analysed"


def test_screen_phrasings_contracted_dismissal_is_blanked():
    dismissal = "There weren't any concerns relating to the family's religion or culture."
    assert status_of((FAMILY, "Child Q lives with her father."), (ANALYSIS, dismissal)) == "absent"


@pytest.mark.parametrize(
    "passing",
    [
        "Dad, who is Lithuanian, was affected by the closure of the depot.",
        "Her Romanian grandmother's hip operation was seen as urgent by the hospital.",
        "Mum, who is Somali, should have been sent the date of the meeting.",
        "The Bengali-speaking household was treated as low priority for a repair.",
    ],
)
def test_screen_phrasings_judging_words_about_something_else_are_not_analysis(passing):
    assert status_of((ANALYSIS, passing)) == "stated_only"


def test_screen_phrasings_judging_words_about_the_ethnicity_are_analysis():
    judged = "The boys were seen as a Gypsy family who would move on anyway."
    assert status_of((ANALYSIS, judged)) == "stated_and_analysed"


def test_screen_phrasings_lower_case_miss_is_not_a_title():
    trap = "The service was at the chapel, and no visitor could miss a single hymn."
    assert status_of((FAMILY, trap)) == "absent"


@pytest.mark.parametrize(
    "trap",
    [
        "The core group met at the chapel hall because the family lived on the same road.",
        "The visit was moved to the church hall, and the family came at noon.",
    ],
)
def test_screen_phrasings_faith_word_near_but_not_said_of_a_person(trap):
    assert status_of((FAMILY, trap)) == "absent"


def test_screen_phrasings_faith_word_said_of_a_person_after_it():
    assert status_of((FAMILY, "The baptism of their son was in March.")) == "stated_only"


@pytest.mark.parametrize(
    "trap",
    [
        "Her cousin, known as Christian, was living with them.",
        "The baby's name was Christian and he was born in May.",
    ],
)
def test_screen_phrasings_christian_as_a_first_name(trap):
    assert status_of((FAMILY, trap)) == "absent"


def test_screen_phrasings_christian_said_of_a_family():
    assert status_of((FAMILY, "The family were Christian and Mum was a Christian.")) == (
        "stated_only"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The panel noted that: the nursery did not call; the surgery did not write.", 0),
        ("The partnership is asked to: audit referrals; and brief the schools.", 2),
        ("The review recommends that: the trust audits letters; the council funds visits.", 2),
    ],
)
def test_screen_phrasings_lead_in_must_ask(text, expected):
    assert len(recommendation_items(text)) == expected


# Seventh round: probes of our own for families of phrasing a new writer may use (written
# before the rules, not taken from any review), so a rule that fits only dev fails here.

@pytest.mark.parametrize(
    "statement",
    [
        # Regions and islands abroad, from ISO 3166-2 (pycountry) or config `regions`.
        "Mum came over from Goa when she was nineteen.",
        "Dad's family are from Punjab.",
        "The grandparents came from Sylhet in the 1970s.",
        "Mum grew up in Mindanao before moving to Leeds.",
        "Dad grew up on Montserrat.",
        "Her grandmother came from the Azores.",
        "Mum was raised in Andalusia.",
        "Father was born in Tobago.",
        "Mum was born in Kingston, Jamaica.",
        "Dad came from a small Caribbean island.",
        "Mum grew up in a Kurdish village.",
        "Dad's family fled the war in Syria.",
        "The family left Eritrea in 2016.",
        "The children are second-generation Bangladeshi.",
        "Mum identifies as Black.",
        # Peoples and diasporas (config `peoples`), and a people named before an origin word.
        "Mum is Hmong.",
        "The family belong to the Goan community in the town.",
        "The family are part of the Somali diaspora.",
        "Both grandparents are of Hazara and Baloch descent.",
        "Practitioners knew little about how being Kurdish shaped her trust in services.",
        # A value given for a field, whatever the value.
        "Ethnicity: Any other mixed background.",
        "Her nationality is recorded as Eritrean.",
    ],
)
def test_screen_phrasings_regions_islands_peoples_and_field_values(statement):
    assert status_of((FAMILY, statement)) == "stated_only"


@pytest.mark.parametrize(
    "trap",
    [
        # The bare words say nothing about anyone.
        "She ran the race for life in May with her aunt.",
        "The ethnicity field on the referral form was left blank.",
        "The ethnicity and heritage boxes were empty.",
        "The heritage lottery fund paid for the youth club.",
        "Child K's school took part in a heritage project.",
        "Ethnicity: Not recorded.",
        # A region's name where nobody comes from it, and plain words ISO uses as names.
        "The family went on holiday to Goa in August.",
        "Dad moved from North West London to Leeds.",
        "Mum was born in Kingston and grew up in Surrey.",
        "The family moved from Leeds, Yorkshire, in 2019.",
        "They went on holiday to a Greek island in August.",
        "Mum left Jordan with a neighbour when she went to the shop.",
        "The family left Leeds in 2019.",
        "Dad fled the scene before the police arrived.",
        # A faith place beside a person's doings, not in them.
        "Her school is next to the mosque.",
        "Mum works at a shop near the synagogue.",
        "The mosque car park is where the police found the car.",
    ],
)
def test_screen_phrasings_bare_words_and_faith_places_beside_people(trap):
    assert status_of((FAMILY, trap)) == "absent"


@pytest.mark.parametrize(
    "statement",
    [
        "Her family worship at the mosque every Friday.",
        "They like to go to church as a family.",
        "Amira attends the gurdwara with her grandmother.",
    ],
)
def test_screen_phrasings_faith_place_in_what_a_person_does(statement):
    assert status_of((FAMILY, statement)) == "stated_only"


@pytest.mark.parametrize(
    "analysis",
    [
        # A statement inside a sentence that judges whether it was weighed, with none of the
        # analysis words ("culture", "identity", "interpreter").
        "Dad's Kurdish roots were never explored by the social worker.",
        "That the family had come from Sylhet went unrecognised.",
        "Learning: practitioners need to understand what being a Hmong family meant here.",
        "No one asked what it meant for Mum to have grown up in Mindanao.",
        "Being the only Sikh boy in his class was never considered as a factor.",
        "Staff read Mum's silence as hostility rather than asking whether she understood "
        "English.",
    ],
)
def test_screen_phrasings_statement_in_a_judging_sentence_is_analysis(analysis):
    assert status_of(STATED, (ANALYSIS, analysis)) == "stated_and_analysed"


@pytest.mark.parametrize(
    "passing",
    [
        "Mum, who is from Goa, should have been offered an earlier appointment.",
        "The Hmong family were seen twice and should have been referred sooner.",
        "The Polish-speaking family support worker should have visited sooner.",
        "Mum, who is Eritrean, did not attend the appointment.",
        # "Race" in another sense, in a judging sentence.
        "The race for a place at the nursery should not have delayed the referral.",
    ],
)
def test_screen_phrasings_statement_beside_a_judgement_of_something_else(passing):
    assert status_of(STATED, (ANALYSIS, passing)) == "stated_only"


def test_screen_phrasings_word_lists_come_from_the_settings_given():
    from review_miner.screen import load_settings

    settings = load_settings()
    review = passages((FAMILY, "The family are Zogian and worship at the mosque."))
    assert ethnicity_status(review).status == "stated_only"
    lists = settings["ethnicity"]
    # Without "mosque" among the faith words, and without the made-up people: nothing stated.
    narrowed = {**settings, "ethnicity": {**lists, "faith_words": ["chapel"]}}
    assert ethnicity_status(review, narrowed).status == "absent"
    # A list the settings add is used; the others stay as shipped.
    widened = {**settings, "ethnicity": {"peoples": ["Zogian"], "faith_words": ["chapel"]}}
    assert ethnicity_status(review, widened).status == "stated_only"
    # And the shipped lists are back once the call is over.
    assert ethnicity_status(review).status == "stated_only"


def test_screen_store_uses_the_word_lists_of_its_settings(store, tmp_path):
    from review_miner.ingest import ingest
    from review_miner.screen import load_settings, screen_store

    review = tmp_path / "zogian.txt"
    review.write_text(
        "Rapid Review: Child Q\n\nDate of incident: 3 October 2022\n\n"
        "1. The child and family\nChild Q lives with her mother, who is Zogian, and her two "
        "brothers in a flat near the park.\n\n2. Agency involvement\nThe health visitor saw "
        "Child Q at home on 4 October 2022 and again on 18 October 2022.\n",
        encoding="utf-8",
    )
    ingest([review], store, workers=1)
    settings = load_settings()
    assert screen_store(store, settings, force=True)["ethnicity"].tolist() == ["absent"]
    widened = {**settings, "ethnicity": {"peoples": ["Zogian"]}}
    assert screen_store(store, widened)["ethnicity"].tolist() == ["stated_only"]


DECIDED = "7. Decision on an LCSPR"


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # Reasons by the definition (why a review would or would not add learning), in
        # forms the lists of reason words did not hold.
        (["An LCSPR has been commissioned.", "The circumstances raise questions about how "
          "agencies worked together."], "true"),
        (["No LCSPR will be undertaken.", "A further review would be unlikely to add to what "
          "this rapid review found."], "true"),
        (["It was agreed not to hold an LCSPR, the learning being limited to one agency."],
         "true"),
        (["Partners will commission an LCSPR to understand why the school's concerns did not "
          "reach children's social care."], "true"),
        (["Partners agreed an LCSPR is warranted as several agencies missed the same signs."],
         "true"),
        (["An LCSPR will be commissioned, with its focus on how the hospital and police shared "
          "information."], "true"),
        (["Partners decided not to commission an LCSPR.", "Instead the learning will be taken "
          "through the multi-agency training programme."], "true"),
        # A decision without reasons, or no decision yet.
        (["An LCSPR will not be undertaken."], "false"),
        (["The partners decided to commission an LCSPR."], "false"),
        (["A decision on whether to hold an LCSPR will be made at the next meeting."], "false"),
        (["The national Panel was told that no LCSPR would be commissioned."], "false"),
    ],
)
def test_screen_phrasings_lcspr_reasons_by_the_definition(texts, expected):
    found = lcspr_rationale(passages(*[(DECIDED, text) for text in texts]), "rapid_review")
    assert found.value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Daily life and feelings said plainly, and the reviewer hearing the child.
        ("What was it like to be Child D? Most nights she woke to shouting.", "true"),
        ("A typical day for Child T began with getting his sisters ready for school.", "true"),
        ("Child P's day-to-day life revolved around caring for his mother.", "true"),
        ("The reviewer met Child B, who spoke about feeling invisible at school.", "true"),
        ("Child B, now fifteen, met the reviewer and talked about the move.", "true"),
        ("Child A was scared of the dark and would only sleep with the landing light on.", "true"),
        ("Child E would hide under the table when the adults argued.", "true"),
        # Someone else met, someone else's knowledge of the child, others' intentions.
        ("The reviewer met Child J's mother and grandmother.", "false"),
        ("Child Z's parents met the reviewer twice.", "false"),
        ("The parent who knew most about Child Z's daily life was not heard.", "false"),
        ("Nobody planned how Child AA would stay in touch with his friends.", "false"),
        ("Child F was seen by the GP on 3 March.", "false"),
        ("The personal adviser met Child U on 15 July and started a pathway plan.", "false"),
    ],
)
def test_screen_phrasings_child_daily_life_and_feelings_by_the_definition(text, expected):
    assert child_voice(passages(("3. Agency involvement", text))).value == expected


# Eighth round: probes of our own (written before the rules were changed, not taken from any
# review) for the families of phrasing the seventh writer's dev reviews showed, and for every
# way the issue and the primer say practitioners' views and the child's voice are (or are
# not) in a review; the traps must stay out.

REVIEW = "3. How the review was done"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A practitioner or learning event, however many.
        ("Practitioners at the two learning events agreed that the exclusion was a turning "
         "point.", "true"),
        ("A reflective session was held with the staff who knew the family.", "true"),
        # Interviews and conversations, with the family named first in the list.
        ("We spoke to Child M4, his father and his aunt, and to his class teacher, the "
         "attendance officer and the school nurse.", "true"),
        ("The reviewer interviewed the health visitor and the GP.", "true"),
        # Staff at the panel or the review meeting, and what they told it.
        ("The head of year and the school nurse, who attended, told the panel that they had "
         "not seen the referral.", "true"),
        ("The youth worker, who attended the panel, said he had tried to reach her.", "true"),
        ("Her teacher told the panel's chair that she was often hungry.", "true"),
        ("The police officer told the panel that the call had been graded low.", "true"),
        # Written accounts from agencies.
        ("Five agencies provided agency reports for the review.", "true"),
        # Not sought: no event, no conversation; agency chronologies alone.
        ("No learning event was held because of the criminal trial.", "false"),
        ("The review was completed without speaking to practitioners.", "false"),
        ("The reviewer did not meet the practitioners involved.", "false"),
        ("The review did not speak to front-line staff, only to senior managers.", "false"),
        ("The review read the chronologies of six agencies.", "false"),
        ("Practitioners were not interviewed; agency reports were read.", "false"),
        ("The GP told Mum that the rash was eczema.", "false"),
    ],
)
def test_screen_phrasings_practitioners_views_sought_or_not(text, expected):
    assert practitioner_views(passages((REVIEW, text))).value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Pseudonyms with a digit are pseudonyms: "Child A2", "Child J2".
        ("The youth worker said Child A2 told her he carried a knife because he was scared.",
         "true"),
        ("Child J2 wrote the reviewer a letter about his foster home.", "true"),
        ("Child K3's drawing showed the family with her father outside the house.", "true"),
        # A teacher's or nursery's account of the child's day.
        ("His teacher told the panel that he often arrived without breakfast.", "true"),
        ("Nursery staff said she loved being outside and liked helping at snack time.", "true"),
        # The reviewer met the child with a parent; what the child hoped to be.
        ("The reviewer met Paris and her mother twice.", "true"),
        ("Jade loved drawing and wanted to be a tattoo artist.", "true"),
        # Someone else's wishes, a child asked and no answer given, a teacher's own doings.
        ("The officer wanted to be clear about what would happen next.", "false"),
        ("Child H2 was asked about his journey in English, which he speaks only a little.",
         "false"),
        ("His teacher said she usually phoned Mum on Fridays.", "false"),
        ("The reviewer met Mum and her sister.", "false"),
        ("The reviewer met him and his mother at the family centre.", "false"),
        ("Child B2's voice was not recorded by any agency.", "false"),
    ],
)
def test_screen_phrasings_child_voice_eighth_round(text, expected):
    assert child_voice(passages(("3. Agency involvement", text))).value == expected


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # A parent at the review's own meeting; the review trying and failing to reach them.
        (["Mrs K came to the panel's second meeting with her support worker."], "true"),
        (["The mother attended the review meeting."], "true"),
        (["The review was unable to make contact with Child W2's family; letters were not "
          "answered."], "true"),
        # Not the review hearing them: a parent's silence, a meeting of another kind, what an
        # agency made of the parents' view, a review that says it did not involve them.
        (["Practitioners told the review that the father was often at home but never spoke "
          "to them; questions went to the mother."], "false"),
        (["Mr K attended the child protection conference in May."], "false"),
        (["The assessment accepted the parents' view that she was just being a teenager."],
         "false"),
        (["The family were not involved.", "The workshop agreed the plan was weak."], "false"),
        (["The parents' views were not sought by the review."], "false"),
        (["The home education officer wrote in March and May; there was no reply."], "false"),
    ],
)
def test_screen_phrasings_family_views_eighth_round(texts, expected):
    assert family_views(passages(*[(REVIEW, text) for text in texts])).value == expected


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["An LCSPR is not considered necessary because the learning is limited to one "
          "agency."], "true"),
        # Reasons given as other work under way.
        (["An LCSPR will not be carried out.", "The circumstances are being considered in "
          "the thematic review of youth violence already commissioned."], "true"),
        (["An LCSPR will not be carried out. The case will be added to the partnership's "
          "neglect audit."], "true"),
        # Bare, or a later step that is no reason.
        (["An LCSPR is not considered necessary."], "false"),
        (["An LCSPR will not be carried out. The report is to be considered by the Board in "
          "May."], "false"),
    ],
)
def test_screen_phrasings_lcspr_reasons_as_other_work(texts, expected):
    found = lcspr_rationale(passages(*[(DECIDED, text) for text in texts]), "rapid_review")
    assert found.value == expected


def test_screen_phrasings_table_rows_under_a_repeated_header_are_one_action_each():
    rows = [
        "Action | Owner | By when. Police officers to use the telephone interpreting service "
        "at every call | Police safeguarding lead | Audit reported to partnership by March "
        "2026.",
        "Action | Owner | By when. School to request an assessment of trauma | Head teacher | "
        "October 2025.",
        "Action | Owner | By when. All agencies to think about trauma | All | Ongoing.",
    ]
    count, specific = recommendations(passages(*[("Actions agreed", row) for row in rows]), {})
    assert (count.value, specific.value) == ("3", "2")


def test_screen_phrasings_an_lcspr_decision_is_not_a_recommendation():
    count, _ = recommendations(
        passages(
            ("Recommendation to the partnership", "The panel agreed that the criteria for an "
             "LCSPR are met. An LCSPR will be commissioned."),
            ("Recommendation to the partnership", "1. Schools should audit attendance each "
             "term."),
        ),
        {},
    )
    assert count.value == "1"


@pytest.mark.parametrize(
    "statement",
    [
        # A language spoken at home, a national minority of these islands, a contraction.
        "Gaelic spoken at home; the parents also speak English.",
        "Tigrinya is spoken by both parents.",
        "Dad told the reviewer: \"We're Cornish, born and bred.\"",
        "The family are Manx.",
        "They're Somali, from Hargeisa.",
    ],
)
def test_screen_phrasings_eighth_round_statements(statement):
    assert status_of((FAMILY, statement)) == "stated_only"


@pytest.mark.parametrize(
    "trap",
    [
        "English spoken at home.",
        "Ms Cornish, the head teacher, called the police.",
        "He ate a Cornish pasty on the way to school.",
        "It's Chinese whispers by the time it reaches the GP.",
    ],
)
def test_screen_phrasings_eighth_round_traps(trap):
    assert status_of((FAMILY, trap)) == "absent"


def test_screen_phrasings_an_interpreter_in_the_method_is_a_statement():
    method = (
        "How the review was done",
        "The reviewer met Child U3, his father and his grandmother, with a Turkish interpreter "
        "for his grandmother. Eight practitioners took part in a learning event.",
    )
    assert status_of(method) == "stated_only"


@pytest.mark.parametrize(
    "analysis",
    [
        # A faith leader in what the review weighs; a child put to explain, under "What we
        # found".
        "His mother had gone to the imam for help before any agency; no agency knew.",
        "A six-year-old was asked to explain a police investigation to his father, and no "
        "one returned to the father's account with an interpreter.",
    ],
)
def test_screen_phrasings_eighth_round_analysis(analysis):
    assert status_of(STATED, ("5. What we found", analysis)) == "stated_and_analysed"


def test_screen_phrasings_a_pastoral_lead_is_no_faith_leader():
    text = "The school's pastoral lead saw her weekly and should have escalated the referral."
    assert status_of(STATED, (ANALYSIS, text)) == "stated_only"


# Practitioners' views, every way the issue and the primer name (events, interviews and
# conversations, written accounts, staff at the meeting, reflective sessions, invitations),
# and the ways a review says they were not sought or are still to be.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Staff from the nursery and the health visiting team were interviewed.", "true"),
        ("The social worker and her manager were interviewed by the reviewer.", "true"),
        ("The ward sister and the paediatric registrar were spoken to.", "true"),
        ("Agencies provided written accounts from the practitioners involved.", "true"),
        ("Practitioners contributed written reflections.", "true"),
        ("Practitioners' views were gathered through a questionnaire.", "true"),
        ("The views of front-line staff were sought through a short survey.", "true"),
        ("Those who worked with the family were invited to a practice learning session.", "true"),
        ("The reviewer talked to the designated safeguarding lead.", "true"),
        ("Staff told us that the referral had been lost.", "true"),
        ("The nursery key worker described her concerns to the panel.", "true"),
        # Not sought, not there, or still to come; and other people's interviews.
        ("It was not possible to speak to practitioners before the trial.", "false"),
        ("The review relied on agency chronologies and did not involve practitioners.", "false"),
        ("No practitioners attended the rapid review; agencies sent chronologies.", "false"),
        ("Conversations with practitioners will take place as part of the LCSPR.", "false"),
        ("A learning event is planned for the spring.", "false"),
        ("The LCSPR will hold a practitioner event in June.", "false"),
        ("Practitioners' views were not sought.", "false"),
        ("The officers were invited to the house.", "false"),
        ("The nursery staff were spoken to by police on 3 May.", "false"),
        ("The social worker described the home to her manager.", "false"),
    ],
)
def test_screen_phrasings_practitioners_views_every_way(text, expected):
    assert practitioner_views(passages((REVIEW, text))).value == expected


# The child's voice: words, behaviour seen day to day, what life was like; and its absence.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Child F2's life at home was chaotic: she got herself up and made her own breakfast.",
         "true"),
        ("Child K2's voice is heard throughout this review.", "true"),
        ("Child M2, speaking to the reviewer with her advocate, said she wanted to stay with "
         "her nan.", "true"),
        ("At nursery Child R2 was watchful and flinched when adults raised their voices.",
         "true"),
        ("The social worker did direct work with Child X2 using the three houses.", "true"),
        # Absent, unknown or only planned; "withdrawn from school"; saying nothing.
        ("There is little sense of what life was like for Child Q2.", "false"),
        ("No direct work was done with Child T2.", "false"),
        ("Direct work is planned with Child W2.", "false"),
        ("Child U2's wishes and feelings were not explored.", "false"),
        ("Child V2's views were not known.", "false"),
        ("Child K2's voice is not heard in the records.", "false"),
        ("The review covers the period since Child G2 was withdrawn from school.", "false"),
        ("Child A2, aged four, said nothing to the officers.", "false"),
    ],
)
def test_screen_phrasings_child_voice_every_way(text, expected):
    assert child_voice(passages(("3. Agency involvement", text))).value == expected


# Ethnicity, eighth round, more families of our own: a relative translating, faith kept by
# practice, a language a child keeps or loses; and analysis said without the usual words
# (a Black teenager treated as an adult, letters in English a parent could not read,
# immigration status, names called about a child's skin, silence put down to shyness).
@pytest.mark.parametrize(
    "statement",
    [
        "Mum's cousin translated for her at the appointment.",
        "The family observe the Sabbath.",
        "He was losing his Polish.",
        "Her mother wears a headscarf.",
    ],
)
def test_screen_phrasings_eighth_round_more_statements(statement):
    assert status_of((FAMILY, statement)) == "stated_only"


@pytest.mark.parametrize(
    "trap",
    [
        "The doctor translated the jargon for her.",
        "The nurse translated for the parents what the consultant meant.",
        "She lost her Polish friend when they moved.",
        "He lost his English homework.",
        "He kept his French at school.",
    ],
)
def test_screen_phrasings_eighth_round_more_traps(trap):
    assert status_of((FAMILY, trap)) == "absent"


@pytest.mark.parametrize(
    "analysis",
    [
        "Practitioners saw a tall Black teenager and treated him as an adult.",
        "The school's rule on headscarves was applied without asking what it meant to her.",
        "The letters about appointments were in English, which Mum could not read.",
        "The panel considered that Mum's immigration status made her afraid to call the police.",
        "No recourse to public funds left the family without support.",
        "Staff put his silence down to shyness; he had arrived from Syria six months before.",
        "Child F was called names about his skin at school and this was logged as falling out.",
        "Care planning did not consider how Child E would keep his Gujarati.",
    ],
)
def test_screen_phrasings_eighth_round_indirect_analysis(analysis):
    assert status_of(STATED, (ANALYSIS, analysis)) == "stated_and_analysed"


@pytest.mark.parametrize(
    "passing",
    [
        "Staff treated her as a nuisance; Mum, who is Polish, missed appointments.",
        "The call from Mum, who is Polish, was logged as a domestic incident.",
        "She was teased about her hair and this should have been taken seriously.",
        "Mum, who is Polish, was treated as the only carer and the father was not assessed.",
    ],
)
def test_screen_phrasings_eighth_round_statement_beside_other_judgements(passing):
    assert status_of(STATED, (ANALYSIS, passing)) == "stated_only"


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # The answer given as a field, with and without reasons.
        (["LCSPR: no. The learning is single-agency and the trust has an action plan."], "true"),
        (["LCSPR – yes, because three agencies held pieces of the picture."], "true"),
        (["LCSPR: no."], "false"),
    ],
)
def test_screen_phrasings_lcspr_answer_as_a_field(texts, expected):
    found = lcspr_rationale(passages(*[(DECIDED, text) for text in texts]), "rapid_review")
    assert found.value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Clauses joined by semicolons, each naming who is to act, count apart.
        ("The Partnership should ask the ICB to audit twenty referrals by June 2026; the police "
         "should train call handlers; schools should report attendance to the Board each term.",
         3),
        # A clause about the effect of the action is not another action.
        ("The police should train call handlers; this will reduce delays.", 1),
    ],
)
def test_screen_phrasings_semicolon_clauses_with_their_own_actor(text, expected):
    assert len(recommendation_items(text)) == expected


# The family's views, more ways of our own: shared with the review, visited by it, written to,
# offered a meeting, choosing not to take part; not what they told or shared with others.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Child D's grandmother shared her memories with the reviewer.", "true"),
        ("The family chose not to take part.", "true"),
        ("Mrs T chose not to meet the reviewer.", "true"),
        ("Mum's views are included at section 5.", "true"),
        ("The reviewer wrote to both parents; neither replied.", "true"),
        ("The family were offered a meeting with the panel chair and accepted.", "true"),
        ("The mother was visited at home by the reviewer.", "true"),
        ("Mum told the social worker she was struggling.", "false"),
        ("The mother was visited at home by the health visitor.", "false"),
        ("The father shared his worries with the GP.", "false"),
        ("Mum's view of the nursery was that it was too far.", "false"),
        ("The school wrote to the parents about attendance.", "false"),
        ("The school chose not to take part in the audit.", "false"),
    ],
)
def test_screen_phrasings_family_views_more_ways(text, expected):
    assert family_views(passages((REVIEW, text))).value == expected
