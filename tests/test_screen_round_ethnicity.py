"""Screening: ethnicity phrasings and traps met in the eighth to tenth writers' dev reviews.

Each probe is new wording in the shape of a family of dev reviews the rules got wrong, with
traps beside it that must keep not counting, so a rule that is loosened or dropped fails
here. The families: colour said in a child's own informal words, a country of birth given
as a form's field, a faith named as the one a person was brought up in, analysis under
headings that ask questions or record decisions and actions, nationality and where a child
came from weighed, a group named in a recommendation; and the traps: faith idioms and the
faith in a school's name.
"""

import pytest
from test_screen import ANALYSIS, FAMILY, passages

from review_miner.screen import ethnicity_status, states_ethnicity

STATED = (FAMILY, "The family are White Irish.")


def status_of(*items: tuple[str, str]) -> str:
    return ethnicity_status(passages(*items)).status


@pytest.mark.parametrize(
    "statement",
    [
        # Colour in a child's own informal words.
        'Jacob told his coach he was tired of being "the only brown lad at the club".',
        'In a message to a friend Child V wrote that she was "the only black kid on the bus".',
        "She said the other girls called her the only brown girl in the class.",
        "At the youth club, she said, hers was the only black face.",
        # A country of birth given as a form's field.
        "Booking notes: father's country of birth: Eritrea; no concerns recorded.",
        "The registration form gives Mum's place of birth as Kandahar.",
        "Country of origin - Sudan. Housing: temporary.",
        # A faith named as the one a person was brought up in or follows.
        "Mr Q was raised in the Bahá'í faith and still goes to the local gatherings.",
        "Her grandmother brought her up in the Coptic faith.",
        "Both parents are Bahá'ís.",
    ],
)
def test_round_ethnicity_statements(statement):
    assert status_of((FAMILY, statement)) == "stated_only"


@pytest.mark.parametrize(
    "trap",
    [
        # Faith in its everyday sense.
        "Closing the referral was a leap of faith, not an assessment.",
        "The plan was taken as an act of faith by the nursery.",
        "That health visiting would follow up was an article of faith in the service.",
        # A school's or nursery's name says nothing of the family's faith.
        "In May Lily moved to St Bede's Church of England Primary School.",
        "Child P joined the nursery class at Our Lady Catholic Primary School.",
        "The referral came from Holy Cross Catholic Academy.",
        # Colour words in other senses, and a surname.
        "The Brown kids were seen by the school nurse in March.",
        "Dad drove a white van and was often away.",
        "Mum bought the only white one left in the shop for his birthday.",
        # A place of birth at home, or a hospital, is no ethnicity.
        "Place of birth: Northfield General Hospital.",
        "Mother's country of birth: England.",
    ],
)
def test_round_ethnicity_traps_are_not_statements(trap):
    assert status_of((FAMILY, trap)) == "absent"


@pytest.mark.parametrize(
    "heading",
    [
        "What did we find?",
        "Panel discussion",
        "What needs to change?",
        "LCSPR decision",
        "Actions",
        "What the panel thinks",
    ],
)
def test_round_ethnicity_analysis_under_question_and_decision_headings(heading):
    analysis = "The family waited two weeks because no interpreter who spoke Tigrinya was booked."
    assert status_of(STATED, (heading, analysis)) == "stated_and_analysed"


@pytest.mark.parametrize(
    "heading",
    [
        "What happened",
        "Chronology of key events",
        "Who is Ada?",
        "How we did this review",
        "Agency actions",
        "Actions taken by agencies",
        "Strategy discussion",
    ],
)
def test_round_ethnicity_narrative_headings_stay_statements(heading):
    # An interpreter in the account, told plainly, states a need without weighing it.
    line = "On 3 May the health visitor saw Mum at home with a Tigrinya interpreter."
    assert status_of(STATED, (heading, line)) == "stated_only"


@pytest.mark.parametrize(
    "analysis",
    [
        "Officers saw a young man rather than a child because of where he came from.",
        "The learning about age and nationality applies to every force.",
        "Every foreign national child found in a cannabis grow should be referred to the NRM.",
    ],
)
def test_round_ethnicity_nationality_and_origin_weighed(analysis):
    assert status_of((FAMILY, "Child N is Vietnamese."), (ANALYSIS, analysis)) == (
        "stated_and_analysed"
    )


def test_round_ethnicity_origin_in_the_account_is_not_weighing():
    # Where a family came from, told in the family's section, is a statement only.
    line = "Nobody is sure where he came from before the hostel, his mother said."
    assert status_of(STATED, (FAMILY, line)) == "stated_only"


def test_round_ethnicity_a_group_named_in_a_recommendation_is_analysis():
    action = (
        "No school place to be withdrawn from a Gypsy, Roma or Traveller child until the "
        "education welfare officer has visited."
    )
    assert status_of(STATED, ("Actions", action)) == "stated_and_analysed"
    # The same family named in their own section is a statement.
    assert status_of((FAMILY, "Ada lives with her Romany grandmother.")) == "stated_only"


def test_round_ethnicity_brown_is_a_colour_only_of_people():
    assert states_ethnicity("He said he was the only brown kid in the team.")
    assert not states_ethnicity("He wore a brown jacket to the meeting with the brown folder.")
