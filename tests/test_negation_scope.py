"""The rules tagger on the shipped codebook: how far negation reaches, what a parent's own
childhood yields to, and the implicit phrasings reviews use for risks and harms.

Every text here is our own, written for these tests.
"""

import pytest
from conftest import coded

from review_miner.tagging.rules import RulesTagger


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # What a practitioner did not know or was not sent is a gap, not a denial.
        (
            "The police call-outs to domestic incidents at the flat were not known to the "
            "health visitor.",
            "risk.domestic_abuse",
        ),
        (
            "No Operation Encompass notification was sent after any of the four domestic "
            "abuse incidents.",
            "risk.domestic_abuse",
        ),
        (
            "The adviser did not know that the GP had referred Mrs Aziz to the community "
            "mental health team after an overdose.",
            "risk.parental_mental_ill_health",
        ),
        (
            "The parenting assessor had not been told about Ms Lund's learning disability.",
            "risk.parental_learning_difficulty",
        ),
        # A parent under a mental health or leaving care team: a fact, not a service's name.
        (
            "After discharge the perinatal mental health team visited Ms Obi weekly.",
            "risk.parental_mental_ill_health",
        ),
        (
            "Her personal adviser from the leaving care team visited every month.",
            "risk.parent_care_leaver",
        ),
    ],
)
def test_gaps_in_practice_and_teams_that_hold_a_parent_are_not_denials(
    rules: RulesTagger, text: str, code: str
):
    assert coded(rules, text).get(code) is False


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # Denials, hypotheticals and generic mentions still count as not found.
        ("Father was not known to mental health services.", "risk.parental_mental_ill_health"),
        (
            "The mother did not grow up in care; she lived with her parents.",
            "risk.parent_care_leaver",
        ),
        ("There is nothing to show that either parent used drugs.", "risk.parental_drug_misuse"),
        (
            "The review asked whether any agency knew of domestic abuse in the household "
            "before the baby died.",
            "risk.domestic_abuse",
        ),
        (
            "The elective home education team wrote to every family on its list.",
            "risk.elective_home_education",
        ),
    ],
)
def test_denials_and_hypotheticals_still_cancel(rules: RulesTagger, text: str, code: str):
    assert coded(rules, text).get(code) is True


def test_a_parents_care_history_is_not_a_looked_after_child(rules: RulesTagger):
    result = coded(
        rules,
        "Mother lived with foster carers from the age of twelve and still sees her "
        "personal adviser.",
    )
    assert result["risk.parent_care_leaver"] is False
    assert result["context.looked_after"] is True
    # Past a contrast word the child's own placement stands.
    contrasted = coded(
        rules,
        "Mother was in care herself as a child, but her son was placed with foster carers "
        "under section 20 in May.",
    )
    assert contrasted["context.looked_after"] is False


def test_violence_in_a_parents_childhood_is_not_domestic_abuse_now(rules: RulesTagger):
    result = coded(
        rules, "Father grew up in a house where his own father was violent towards his mother."
    )
    assert result["risk.parental_adverse_childhood_experiences"] is False
    assert result["risk.domestic_abuse"] is True
    # Another sentence keeps its own verdict.
    now = coded(
        rules,
        "Father grew up in a house where his own father was violent towards his mother. "
        "In 2021 he was arrested for assaulting his partner.",
    )
    assert now["risk.domestic_abuse"] is False


def test_a_parents_drug_use_is_not_the_childs_risk_taking(rules: RulesTagger):
    result = coded(rules, "Father told the nurse he smoked cannabis every evening.")
    assert result.get("harm.risk_taking") is not False
    assert result["risk.parental_drug_misuse"] is False
    child = coded(rules, "Kyle told the youth worker that he smoked cannabis most days.")
    assert child["harm.risk_taking"] is False


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Mr Roper's violence towards Ms Roper was known to the police.", "risk.domestic_abuse"),
        (
            "She told police that he had assaulted her throughout the pregnancy.",
            "risk.domestic_abuse",
        ),
        ("Ollie drew the spot 'where Daddy stands when he hits Mummy'.", "risk.domestic_abuse"),
        ("The children hid whenever their father was 'hurting Mum'.", "risk.domestic_abuse"),
        (
            "Her husband controlled the family's money and checked her phone every night.",
            "risk.domestic_abuse",
        ),
        ("The assessment mentioned a volatile relationship in passing.", "risk.domestic_abuse"),
        ("Dad moved out when Sami was three.", "risk.parental_separation"),
        ("Kian's father left when he was six.", "risk.parental_separation"),
        ("The parents had not lived together since 2019.", "risk.parental_separation"),
        ("Father had the children every other weekend.", "risk.parental_separation"),
        ("Jayden was found in a sodden nappy at 4pm.", "harm.neglect"),
        ("The children were left to fend for themselves for days.", "harm.neglect"),
        ("Mia hoarded bread rolls in her school bag.", "harm.neglect"),
        ("Kelsey has been cutting her thighs most nights.", "harm.self_harm"),
        ("The school nurse learned that Liam had hurt himself again.", "harm.self_harm"),
        ("By fourteen Chloe was staying out until dawn.", "harm.risk_taking"),
        ("A knife was found in his bag in March.", "harm.risk_taking"),
        ("Ms Reid's mistrust went back to her own years in care.", "risk.parent_care_leaver"),
        (
            "Father grew up watching his stepfather beat his mother.",
            "risk.parental_adverse_childhood_experiences",
        ),
    ],
)
def test_implicit_phrasings_are_found(rules: RulesTagger, text: str, code: str):
    assert coded(rules, text).get(code) is False


def test_stab_wounds_are_not_self_harm(rules: RulesTagger):
    result = coded(rules, "Mason was admitted with stab wounds to his thigh after an attack.")
    assert "harm.self_harm" not in result
    assert "harm.self_harm" in coded(rules, "Staff saw fresh wounds on her forearms.")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # A cue between the ends of a window pattern ("Mother ... alcohol").
        (
            "The mother was questioned about alcohol use by the midwife.",
            "risk.parental_alcohol_misuse",
        ),
        ("Father was asked whether he used cannabis.", "risk.parental_drug_misuse"),
        # A following cue that starts on a pattern's guard token ("neglect" + a word).
        (
            "Assessments found the children well cared for, and neglect was ruled out.",
            "harm.neglect",
        ),
        # Drinking socially is not misuse.
        ("Father drank socially at weekends.", "risk.parental_alcohol_misuse"),
        # A sentence describing a service speaks of people in general.
        (
            "The leaving care service supports young people up to the age of 25.",
            "risk.parent_care_leaver",
        ),
    ],
)
def test_cues_inside_window_patterns_and_on_guard_tokens(rules: RulesTagger, text: str, code: str):
    assert coded(rules, text).get(code) is True


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # "was not" overlaps the pseudo-cue "not discussed": a gap in practice, not a denial.
        ("The domestic abuse was not discussed at the core group.", "risk.domestic_abuse"),
        ("The neglect was not recognised by the school.", "harm.neglect"),
        ("When Kayden stopped coming to school, nobody visited.", "context.not_in_school"),
        ("Amira was no longer attending any school by May.", "context.not_in_school"),
        ("Mother told the school she would educate Riley at home.", "context.not_in_school"),
        ("Mother told the school she would educate Riley at home.", "risk.elective_home_education"),
        ("Kai was excluded for five days in March.", "context.not_in_school"),
        ("His mother's partner, Ryan, was later convicted.", "context.new_male_partner"),
        ("Mr Dale had been living with Ms Kerr for six weeks.", "context.new_male_partner"),
        ("By the summer a man called Dean was answering the door.", "context.new_male_partner"),
        ("Empty vodka bottles were found under the sink.", "risk.parental_alcohol_misuse"),
        ("A neighbour said Mum was never sober after lunch.", "risk.parental_alcohol_misuse"),
    ],
)
def test_practice_gaps_and_more_implicit_phrasings_stand(rules: RulesTagger, text: str, code: str):
    assert coded(rules, text).get(code) is False


def test_a_service_word_names_only_the_words_just_before_it(rules: RulesTagger):
    assert coded(rules, "The elective home education team wrote to the family.") == {
        "risk.elective_home_education": True,
        "context.not_in_school": True,
    }
    # "team" four words on does not make the adviser a service's name.
    result = coded(rules, "Her personal adviser from the 16+ team visited fortnightly.")
    assert result["risk.parent_care_leaver"] is False


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Mr Pascoe had assaulted Ms Pascoe three times.", "risk.domestic_abuse"),
        ("He was bailed in May for assaulting her.", "risk.domestic_abuse"),
        (
            "The children were exposed to violence from their mother's partners.",
            "risk.domestic_abuse",
        ),
        ("He had a conviction for harm against a former partner.", "risk.domestic_abuse"),
        ("Mother lived in a children's home until she turned eighteen.", "risk.parent_care_leaver"),
        ("She left care at eighteen with nowhere to live.", "risk.parent_care_leaver"),
        (
            "Kayleigh was removed from her own mother's care at eleven.",
            "risk.parental_adverse_childhood_experiences",
        ),
        ("Ms Kerr had missed two antipsychotic injections.", "risk.parental_mental_ill_health"),
        ("Her community psychiatric nurse visited monthly.", "risk.parental_mental_ill_health"),
        (
            "Mr Akhtar killed Sana and Imran and then took his own life.",
            "risk.parental_mental_ill_health",
        ),
    ],
)
def test_more_implicit_risk_phrasings(rules: RulesTagger, text: str, code: str):
    assert coded(rules, text).get(code) is False


def test_a_childs_suicide_is_not_a_parents_mental_ill_health(rules: RulesTagger):
    result = coded(rules, "Mother found Callum after he took his own life.")
    assert "risk.parental_mental_ill_health" not in result


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Both feet were scalded evenly to the ankle.", "harm.non_accidental_injury"),
        ("Staff saw fingertip bruising on his upper arms.", "harm.non_accidental_injury"),
        ("The nursery noted bruising to her face twice in December.", "harm.non_accidental_injury"),
        ("Both girls described beatings with a belt at home.", "harm.non_accidental_injury"),
        ("The toddler was found on the road without an adult.", "harm.neglect"),
        ("Heroin was left within reach of the baby.", "harm.neglect"),
        ("Isla was fed from a propped bottle in her cot.", "harm.neglect"),
        ("The boy, aged seven weeks, was found unresponsive.", "harm.sudi"),
        ("She was found not breathing after sleeping in her parents' bed.", "harm.sudi"),
        ("His mother's partner was later convicted of his murder.", "harm.filicide"),
    ],
)
def test_implicit_harm_phrasings(rules: RulesTagger, text: str, code: str):
    assert coded(rules, text).get(code) is False


def test_the_youth_offending_service_named_as_an_agency_is_not_offending(rules: RulesTagger):
    assert "harm.risk_taking" not in coded(rules, "The youth offending service attended.")
    assert coded(rules, "Kai was known to youth justice from twelve.")["harm.risk_taking"] is False


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # A case in general, not this family.
        ("Neglect rarely shows itself in a single incident.", "harm.neglect"),
        (
            "When a school removes a child from its roll for home education, the council "
            "needs to know.",
            "risk.elective_home_education",
        ),
        (
            "Anyone released on licence to a home with children is managed by probation.",
            "risk.parental_criminal_record",
        ),
        # A grandparent's prison sentence in a sentence about the parent's own childhood.
        (
            "Mother spent part of her own childhood in foster care after her father went to prison.",
            "risk.parental_criminal_record",
        ),
    ],
)
def test_general_cases_and_a_parents_childhood_are_not_found(
    rules: RulesTagger, text: str, code: str
):
    assert coded(rules, text).get(code) is True


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("She told her she was 'the reason your dad left'.", "risk.parental_separation"),
        ("Mother had separated from his father before he was born.", "risk.parental_separation"),
        ("Each of Sasha's two households thought the other knew.", "risk.parental_separation"),
        (
            "His allegations were read as part of a dispute over contact.",
            "risk.parental_separation",
        ),
        (
            "He had grown up in a household where his father drank.",
            "risk.parental_adverse_childhood_experiences",
        ),
        (
            "Both parents carried the effects of frightening childhoods.",
            "risk.parental_adverse_childhood_experiences",
        ),
        (
            "As a child she had been hit and shut in her room.",
            "risk.parental_adverse_childhood_experiences",
        ),
        (
            "He spent two years on a child protection plan as a boy.",
            "risk.parental_adverse_childhood_experiences",
        ),
    ],
)
def test_separation_and_childhood_phrasings(rules: RulesTagger, text: str, code: str):
    assert coded(rules, text).get(code) is False


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # A reason starts a new clause: "was not" after "because" does not reach back.
        (
            "No Operation Encompass notification was sent after the domestic abuse "
            "incidents, because Jayden was not attending school.",
            "risk.domestic_abuse",
        ),
        (
            "Children's social care did not learn of the domestic abuse until May.",
            "risk.domestic_abuse",
        ),
        ("The neighbour saw him dragging her down the stairs.", "risk.domestic_abuse"),
        ("Her previous partner had been violent towards her.", "risk.domestic_abuse"),
        ("Dean, her partner of three months, did the night feeds.", "context.new_male_partner"),
        ("Darren, whom Ms Shaw had met online, stayed most nights.", "context.new_male_partner"),
        ("Dean's arrival is noted in one line of the minutes.", "context.new_male_partner"),
        ("Alfie talked about Daz, who slept in Mummy's bed.", "context.new_male_partner"),
        (
            "The assessment written when Mason was excluded was never revisited.",
            "context.not_in_school",
        ),
        (
            "Between the exclusion in March and the stabbing, nothing changed.",
            "context.not_in_school",
        ),
        (
            "The parents described the education they provided at home.",
            "risk.elective_home_education",
        ),
    ],
)
def test_clause_ends_and_new_partner_and_school_phrasings(rules: RulesTagger, text: str, code: str):
    assert coded(rules, text).get(code) is False


def test_a_code_ruled_out_is_not_a_school_exclusion(rules: RulesTagger):
    assert "context.not_in_school" not in coded(rules, "Domestic abuse was excluded as a cause.")


@pytest.mark.parametrize(
    "text",
    [
        "She said her stepdad came into her bedroom at night.",
        "Ruby said that 'Uncle' came into her room when Mummy was at work.",
        "He touched her under her pyjamas and said it was a secret.",
    ],
)
def test_sexual_abuse_told_in_a_childs_words(rules: RulesTagger, text: str):
    assert coded(rules, text).get("harm.child_sexual_abuse") is False


def test_a_parents_special_school_is_a_learning_difficulty_not_a_childs_disability(
    rules: RulesTagger,
):
    result = coded(rules, "Father went to a special school and cannot read.")
    assert result["risk.parental_learning_difficulty"] is False
    assert result["risk.child_disability"] is True
    assert coded(rules, "Alfie attends a special school.")["risk.child_disability"] is False


def test_a_father_hitting_a_daughter_is_not_domestic_abuse(rules: RulesTagger):
    result = coded(rules, "Ellie told her tutor that her dad had hit her with his hand.")
    assert "risk.domestic_abuse" not in result


@pytest.mark.parametrize(
    "text",
    [
        "The family moved between temporary addresses all year.",
        "By November the rent had gone unpaid.",
        "She had fallen behind on her electricity and the flat was cold.",
        "The flat had no working heating over the winter.",
        "They lived in a hotel room paid for by the council.",
    ],
)
def test_deprivation_told_through_the_home(rules: RulesTagger, text: str):
    assert coded(rules, text).get("context.deprivation_housing") is False


def test_a_negation_the_pattern_needs_is_not_a_denial(rules: RulesTagger):
    # "could not read" is what the learning-difficulty pattern looks for.
    assert coded(rules, "Mother could not read the letters.") == {
        "risk.parental_learning_difficulty": False
    }
    assert coded(rules, "Father had no convictions.") == {"risk.parental_criminal_record": True}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "The midwife asked Ms Green the routine questions about domestic abuse at booking.",
            "risk.domestic_abuse",
        ),
        (
            "Had the call-outs been shared, the health visitor could have asked Ms Nolan about "
            "domestic abuse.",
            "risk.domestic_abuse",
        ),
        (
            "The skeletal survey and the post-mortem examination found no injuries.",
            "harm.non_accidental_injury",
        ),
    ],
)
def test_questions_counterfactual_asking_and_tests_that_found_nothing(
    rules: RulesTagger, text: str, code: str
):
    assert coded(rules, text).get(code) is True


def test_comparisons_grandparents_and_visit_records(rules: RulesTagger):
    # "as if" compares; it does not suppose.
    assert coded(rules, "She was always hungry and ate as if starving.")["harm.neglect"] is False
    assert (
        coded(rules, "Police found the children alone with no food or heating.")["harm.neglect"]
        is False
    )
    # A grandmother's overdose, in a sentence about the parent's childhood.
    result = coded(rules, "Mother was taken into care after her own mother died of an overdose.")
    assert result.get("risk.parental_mental_ill_health") is not False
    assert result["risk.parental_adverse_childhood_experiences"] is False
    # A record that describes the state of the house is about the record.
    assert "harm.neglect" not in coded(rules, "Each visit record describes the state of the house.")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # Isolation is not social drinking.
        ("Mother drank heavily and was socially isolated after the move.",
         "risk.parental_alcohol_misuse"),
        # What follows "until" is what changed, not what was absent.
        ("There was nothing in the records about the family until Father was arrested for "
         "domestic abuse in May.", "risk.domestic_abuse"),
    ],
)  # fmt: skip
def test_isolation_and_what_came_after_until_are_not_denied(
    rules: RulesTagger, text: str, code: str
):
    assert coded(rules, text).get(code) is False


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # A cue after one mention cannot deny it, though it denies a later one: "without"
        # reaches the knife, not the risk-taking named before it.
        (
            "Dion's risk-taking grew over the spring: cycling at night without lights, "
            "carrying a blade and staying out until dawn.",
            "harm.risk_taking",
        ),
        # A denial in a later clause does not cancel a mention in an earlier one.
        (
            "Each missing episode was logged on its own; the return home interview was "
            "offered, declined, and the case was closed.",
            "harm.risk_taking",
        ),
        (
            "Zara did not return to her mother after the care order was made; she was "
            "placed with foster carers in another county.",
            "context.looked_after",
        ),
        # The general termset's following "were not" / "was not" is dropped.
        (
            "The children's missing episodes were not passed to the police by the home.",
            "harm.risk_taking",
        ),
        (
            "The strategy meeting was held, but the child protection medical was not "
            "arranged for two days.",
            "harm.non_accidental_injury",
        ),
        # A time clause starts a new clause for a cue.
        (
            "The plan was not revisited when Leona began staying out overnight.",
            "harm.risk_taking",
        ),
        # A habit that went on, and an offer declined, are facts.
        (
            "Mr Oake did not stop drinking after the twins were born.",
            "risk.parental_alcohol_misuse",
        ),
        (
            "Ms Penn declined the perinatal mental health team's offer of a second visit.",
            "risk.parental_mental_ill_health",
        ),
        # Practice that failed about a fact: "did not consider", "not reported to".
        (
            "The panel did not consider the missing episodes his aunt had reported.",
            "harm.risk_taking",
        ),
        # Counterfactuals about practice keep their facts (coding rule 15).
        (
            "If the college had known that Rhys was self-harming, it could have made a "
            "safety plan.",
            "harm.self_harm",
        ),
        (
            "Had the family not been living in a hostel room, the baby would have had her own cot.",
            "context.deprivation_housing",
        ),
        # A parent's childhood, then the present: the second does not yield to the first.
        (
            "Mr Hale grew up in care and he has hit Ms Hale twice this year.",
            "risk.domestic_abuse",
        ),
    ],
)
def test_scope_stops_where_the_clause_or_the_supposition_ends(
    rules: RulesTagger, text: str, code: str
):
    assert coded(rules, text).get(code) is False


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # A question put to a parent, with her name between the verb and "about".
        (
            "At booking the midwife asked Ms Lowe about domestic abuse; she said there was none.",
            "risk.domestic_abuse",
        ),
        # A supposition about the fact itself stays hypothetical.
        ("If there had been domestic abuse, the plan would have changed.", "risk.domestic_abuse"),
        # Denials a following cue still makes, now that the bare "was not" is gone.
        (
            "Mother's mental health was not raised as a concern by any agency.",
            "risk.parental_mental_ill_health",
        ),
        # A parent's childhood that reaches back with no present between still yields.
        (
            "Mr Hale grew up in a flat where his father beat his mother.",
            "risk.domestic_abuse",
        ),
        # A tool named after a code is not a finding.
        (
            "Every practitioner attended a course on the neglect assessment tool.",
            "harm.neglect",
        ),
        # A general case about a teenager is generic.
        (
            "When a teenager starts going missing, the old assessment no longer applies.",
            "harm.risk_taking",
        ),
        (
            "Nothing suggests that Ms Bray was in care as a child.",
            "risk.parent_care_leaver",
        ),
    ],
)
def test_questions_suppositions_and_denials_are_still_not_found(
    rules: RulesTagger, text: str, code: str
):
    assert coded(rules, text).get(code) is True


def test_a_happy_childhood_is_no_adverse_childhood(rules: RulesTagger):
    tags = coded(rules, "Father described a happy childhood in a village near the coast.")
    assert "risk.parental_adverse_childhood_experiences" not in tags


def test_misuse_placed_in_the_household_is_a_parental_code(rules: RulesTagger):
    assert coded(rules, "Drug misuse in the household went on through the pregnancy.") == {
        "risk.parental_drug_misuse": False
    }
    supposed = coded(
        rules,
        "Had there been any sign of drug or alcohol misuse in the home, a referral would follow.",
    )
    assert supposed.get("risk.parental_drug_misuse") is True


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # A refusal after a colon does not reach back to the mention before it.
        (
            "Every missing episode was handled alone: a return interview was offered, "
            "declined, and the file was closed.",
            "harm.risk_taking",
        ),
        # A national event beside a local service is no national service named as a topic.
        (
            "After the national lockdown, the family nurse service moved to video calls.",
            "context.covid19",
        ),
        # An infant death left unexplained after the post-mortem.
        (
            "The post-mortem was inconclusive, and the cause of Noor's death remains unexplained.",
            "harm.sudi",
        ),
    ],
)
def test_clauses_generic_phrases_and_unexplained_deaths(rules: RulesTagger, text: str, code: str):
    assert coded(rules, text).get(code) is False


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # Neglect told through an unmet need (coding rule 13).
        ("Aiden's room had a bare mattress and no bedding.", "harm.neglect"),
        ("By five, Kacie had had six teeth extracted because of decay.", "harm.neglect"),
        ("Nobody cooked for the twins or washed their uniforms.", "harm.neglect"),
        (
            "At midnight a neighbour found Theo, four, wandering alone on the estate.",
            "harm.neglect",
        ),
        # Drink or drugs the abusers gave the child are the child's use (coding rule 12).
        (
            "Two men in their twenties had been giving her vodka and cannabis at the flat.",
            "harm.risk_taking",
        ),
    ],
)
def test_unmet_needs_and_what_abusers_gave_the_child(rules: RulesTagger, text: str, code: str):
    assert coded(rules, text).get(code) is False


def test_wanting_to_be_left_alone_is_no_neglect(rules: RulesTagger):
    assert "harm.neglect" not in coded(rules, "Mia said she just wanted to be left alone.")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # "was not a" alone denies nothing: only "was not a factor / a concern" does.
        ("The neglect of the Hale children was not a one-off event.", "harm.neglect"),
        ("Domestic abuse was not a focus of the core group meetings.", "risk.domestic_abuse"),
        # What a record or a disclosure left out is a practice gap, not a denial.
        (
            "Mr Pryce's drinking was not recorded by the GP practice.",
            "risk.parental_alcohol_misuse",
        ),
        ("The domestic abuse was not disclosed to the nursery staff.", "risk.domestic_abuse"),
    ],
)
def test_bare_was_not_a_and_unrecorded_facts_are_not_denials(
    rules: RulesTagger, text: str, code: str
):
    assert coded(rules, text).get(code) is False


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # Checking or noticing supposes the fact as well as the practice.
        (
            "If the GP had checked for domestic abuse, a referral might have followed.",
            "risk.domestic_abuse",
        ),
        (
            "If the college had noticed any self-harm, the nurse would have been told.",
            "harm.self_harm",
        ),
    ],
)
def test_checking_or_noticing_in_a_counterfactual_is_still_supposed(
    rules: RulesTagger, text: str, code: str
):
    assert coded(rules, text).get(code) is True


def test_knowing_in_a_counterfactual_keeps_the_fact(rules: RulesTagger):
    text = "If the college had known that Ava was self-harming, the nurse would have visited."
    assert coded(rules, text).get("harm.self_harm") is False


def test_a_question_does_not_cancel_a_later_disclosure(rules: RulesTagger):
    text = (
        "The midwife asked Ms Dace about domestic abuse and she disclosed that her partner "
        "hits her."
    )
    assert coded(rules, text).get("risk.domestic_abuse") is False


def test_a_bare_tool_after_a_code_is_no_service(rules: RulesTagger):
    text = "Mr Webb used drugs as a tool to control Ms Kerr."
    tags = coded(rules, text)
    assert tags and all(negated is False for negated in tags.values())


@pytest.mark.parametrize(
    "text",
    [
        "If Mr Orme had not been drinking, the argument might not have started.",
        "Had Mr Orme not been drinking that night, he would have driven the children home.",
    ],
)
def test_an_inverted_conditional_keeps_its_fact(rules: RulesTagger, text: str):
    assert coded(rules, text).get("risk.parental_alcohol_misuse") is False


@pytest.mark.parametrize(
    "text",
    [
        "Had Mr Orme been drinking, the contact visit would have been stopped.",
        "If Mr Orme had been drinking, the contact visit would have been stopped.",
    ],
)
def test_a_supposition_opened_by_had_or_if_is_no_fact(rules: RulesTagger, text: str):
    assert coded(rules, text).get("risk.parental_alcohol_misuse") is True


# Sixth round: mentions that are not the fact (relatives, outcomes of the harm, accounts the
# passage contradicts, dates before the pandemic) and a "was not" right before a mention.


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # A relative's fact is a negated parental code (coding rules 4 and 8).
        (
            "Paternal grandfather had schizophrenia and died in hospital.",
            "risk.parental_mental_ill_health",
        ),
        ("Ms Ince's uncle had served time in prison for robbery.", "risk.parental_criminal_record"),
        ("The children's aunt used heroin for many years.", "risk.parental_drug_misuse"),
        # An outcome of the harm under review is not a criminal record (coding rule 20).
        ("Mr Gale was charged with Tilly's murder in May.", "risk.parental_criminal_record"),
        ("Following Evie's death her father was later convicted.", "risk.parental_criminal_record"),
        ("Her partner was remanded on suspicion of murder.", "risk.parental_criminal_record"),
        # A separation told only as an account the passage contradicts (coding rule 17).
        (
            "Ms Pell told the conference that she and Mr Pell had split up. The nursery "
            "staff later learned that he still lived at the house.",
            "risk.parental_separation",
        ),
        (
            "Father told the school he had left the family home; this was later found to be "
            "untrue.",
            "risk.parental_separation",
        ),
        # Dates that place the case outside the code, audits of cases, a review's own method.
        ("The family was known to services only before the pandemic.", "context.covid19"),
        ("The audit read fifteen neglect cases from 2021.", "harm.neglect"),
        (
            "Owing to lockdown rules the review panel met online throughout 2021.",
            "context.covid19",
        ),
        # "was not" right before the mention, and "ruled it out" after it.
        ("Rhys was not autistic, the paediatrician said.", "risk.child_disability"),
        ("An autism assessment in 2020 ruled it out.", "risk.child_disability"),
        ("Housing was not a concern for this family.", "context.deprivation_housing"),
    ],
)
def test_mentions_that_are_not_the_fact_are_negated(rules: RulesTagger, text: str, code: str):
    assert coded(rules, text).get(code) is True


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # A relative who only reports the parent's fact: it stays the parent's.
        (
            "Her gran told the GP that Mother was drinking every night.",
            "risk.parental_alcohol_misuse",
        ),
        (
            "Mr Ash's brother said that Mr Ash had been using cocaine again.",
            "risk.parental_drug_misuse",
        ),
        (
            "Grandmother had depression, and Mother has taken sertraline since 2019.",
            "risk.parental_mental_ill_health",
        ),
        # A conviction from before the harm, with its year, is a criminal record.
        (
            "Father was convicted of manslaughter in 2009 and served six years.",
            "risk.parental_criminal_record",
        ),
        ("Father was on licence at the time of Reuben's death.", "risk.parental_criminal_record"),
        # An account the passage does not contradict is coded as told.
        (
            "Ms Pell told the midwife that she and Mr Pell had separated in 2019. The children "
            "still lived with her.",
            "risk.parental_separation",
        ),
        # A pandemic the family lived through; a plain "was" with no "not".
        (
            "Before the pandemic the school saw Maya daily, and during lockdown nobody did.",
            "context.covid19",
        ),
        ("Rhys was autistic and had an EHCP.", "risk.child_disability"),
        ("Housing was a concern throughout the period reviewed.", "context.deprivation_housing"),
        # What a practitioner failed to see for what it was is a gap in practice.
        (
            "The nurse did not see the bruises on Ms Lowe's neck as a sign of abuse.",
            "risk.domestic_abuse",
        ),
    ],
)
def test_near_misses_stay_present(rules: RulesTagger, text: str, code: str):
    assert coded(rules, text).get(code) is False


def test_a_relatives_fact_does_not_cancel_the_parents_in_the_same_sentence(rules: RulesTagger):
    text = "Mother's brother had been to prison, and Father had convictions for assault."
    assert coded(rules, text).get("risk.parental_criminal_record") is False


def test_any_bruises_not_seen_is_still_a_denial(rules: RulesTagger):
    text = "The nurse did not see any bruises on Ms Lowe's neck."
    assert coded(rules, text).get("risk.domestic_abuse") is True


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # Domestic abuse told through its signs.
        ("Ms Quinn was frightened of her husband for most of that year.", "risk.domestic_abuse"),
        ("The partner had been violent to Mason's mother before the birth.", "risk.domestic_abuse"),
        ("Mother had a black eye at the clinic on 3 May.", "risk.domestic_abuse"),
        ("The midwife saw bruises on Ms Ferris's throat.", "risk.domestic_abuse"),
        # A criminal record without a parent word close by.
        (
            "He left when Zac was four and has served several prison sentences.",
            "risk.parental_criminal_record",
        ),
        (
            "Dean had two convictions for burglary before Ella was born.",
            "risk.parental_criminal_record",
        ),
        # An unidentified man in the home, and the mother's partner in the child's care
        # (coding rules 18 and 10).
        (
            "On the second call a man's voice said that Mother was asleep.",
            "context.new_male_partner",
        ),
        ("Staff saw Alfie collected by a man they did not know.", "context.new_male_partner"),
        ("The worker did not ask who the man in the bedroom was.", "context.new_male_partner"),
        (
            "Ms Kerr's boyfriend, who often minded the twins, had a caution.",
            "context.new_male_partner",
        ),
        ("By March he was living with the children's mother.", "context.new_male_partner"),
        # Not in school told without the stock words (coding rule 11).
        ("Ellie's attendance had dropped to 58% by the spring.", "context.not_in_school"),
        ("Her panic attacks kept her off school for six weeks.", "context.not_in_school"),
        ("His refusal to go to school began in Year 8.", "context.not_in_school"),
        ("The academy took Kai off its roll in March.", "context.not_in_school"),
        # Neglect told through an unmet need (coding rule 13).
        ("Most days Leon arrived with no coat and no breakfast.", "harm.neglect"),
        ("Nina, eleven, got her brothers up and took them to school each day.", "harm.neglect"),
        ("She was admitted with pressure sores on her back.", "harm.neglect"),
    ],
)
def test_risks_and_harms_told_in_other_words(rules: RulesTagger, text: str, code: str):
    assert coded(rules, text).get(code) is False


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Leo lived with his mother and saw his father at weekends.", "context.new_male_partner"),
        ("While he was in the car the boy said nothing.", "risk.parental_criminal_record"),
        ("A man in the street shouted at the children.", "context.new_male_partner"),
        ("The mother's injuries from the car crash healed slowly.", "risk.domestic_abuse"),
    ],
)
def test_near_misses_of_the_new_patterns(rules: RulesTagger, text: str, code: str):
    assert code not in coded(rules, text) or coded(rules, text)[code] is True


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # A former partner's record, and the mother's own injuries, are not the fact.
        ("Ms Tate's ex-partner had been convicted of burglary.", "risk.parental_criminal_record"),
        (
            "Her previous partner had hit her and had served a prison sentence for it.",
            "risk.parental_criminal_record",
        ),
        ("Ms Kaur's fractured wrist was from a fall on the ice.", "harm.non_accidental_injury"),
        (
            "Mother attended the minor injuries unit with a fractured finger.",
            "harm.non_accidental_injury",
        ),
    ],
)
def test_a_former_partners_record_and_a_mothers_injury_are_not_the_fact(
    rules: RulesTagger, text: str, code: str
):
    assert coded(rules, text).get(code) is True


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Police held reports about him and a previous partner, and a conviction for "
            "supplying cannabis.",
            "risk.parental_criminal_record",
        ),
        ("Her partner had served a prison sentence for robbery.", "risk.parental_criminal_record"),
        ("Mother said the baby's broken arm happened when he fell.", "harm.non_accidental_injury"),
        ("Mother brought the baby in with a fractured skull.", "harm.non_accidental_injury"),
        ("Mother described intrusive thoughts since the birth.", "risk.parental_mental_ill_health"),
    ],
)
def test_the_households_record_and_the_childs_injury_stay_present(
    rules: RulesTagger, text: str, code: str
):
    assert coded(rules, text).get(code) is False


@pytest.mark.parametrize(
    "text",
    [
        "After they separated, Mr Lane continued to control Ms Lane's access to money.",
        "The violence came from the children's own father.",
        'Ava said she hid "when Daddy does the hurting to Mummy".',
    ],
)
def test_coercion_and_violence_in_other_words(rules: RulesTagger, text: str):
    assert coded(rules, text).get("risk.domestic_abuse") is False


def test_violence_from_other_boys_is_not_domestic(rules: RulesTagger):
    text = "The violence came from a group of older boys at the park."
    assert "risk.domestic_abuse" not in coded(rules, text)


def test_what_a_pilot_does_is_generic(rules: RulesTagger):
    text = "The county lines pilot maps the estates where young people are at risk of exploitation."
    assert coded(rules, text).get("harm.criminal_exploitation") is True


@pytest.mark.parametrize(
    "text",
    [
        "Staff at the unit believed he was running drugs for an older cousin's friends.",
        "Older boys were using him to carry drugs to the coast.",
        "Rory was arrested with cannabis packaged for sale.",
    ],
)
def test_criminal_exploitation_told_as_what_the_child_did(rules: RulesTagger, text: str):
    assert coded(rules, text).get("harm.criminal_exploitation") is False


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Ms Ryan was asked at the twelve-week contact whether she drank alcohol.",
            "risk.parental_alcohol_misuse",
        ),
        ("The GP asked at the review if he smoked cannabis.", "risk.parental_drug_misuse"),
    ],
)
def test_a_question_far_from_the_parent_word_asserts_nothing(
    rules: RulesTagger, text: str, code: str
):
    assert coded(rules, text).get(code) is True


def test_a_disclosure_after_the_question_still_counts(rules: RulesTagger):
    text = (
        "Ms Ryan was asked at booking whether she drank. Her sister told the midwife that "
        "Mother drinks vodka every day."
    )
    assert coded(rules, text).get("risk.parental_alcohol_misuse") is False


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Reviews often show that parental drug misuse was assessed apart from the "
            "domestic abuse that came with it.",
            "risk.domestic_abuse",
        ),
        (
            "Home education featured in a small number of reviews this year, each time "
            "after professionals had begun to worry.",
            "risk.elective_home_education",
        ),
        (
            "Twelve of the rapid reviews we analysed concerned a teenager's death by suicide.",
            "harm.suicide",
        ),
        (
            "A recurring pattern in injuries to babies is a new partner nobody had asked about.",
            "context.new_male_partner",
        ),
        (
            "Glossary: CAMHS, child and adolescent mental health services.",
            "risk.child_mental_ill_health",
        ),
        (
            "Key learning: a looked-after child moved far from home loses the people who knew "
            "the history.",
            "context.looked_after",
        ),
        (
            "The missing persons coordinator reviews every child reported missing three times "
            "in a month.",
            "harm.risk_taking",
        ),
    ],
)
def test_many_reviews_glossaries_and_routines_are_generic(rules: RulesTagger, text: str, code: str):
    assert coded(rules, text)[code] is True  # found, and negated as a generic mention


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # This review, this family: still findings.
        (
            "The review found that Mr Dodd's drinking had been known to the GP for years.",
            "risk.parental_alcohol_misuse",
        ),
        (
            "The case notes show repeated call-outs for domestic abuse at the flat.",
            "risk.domestic_abuse",
        ),
        (
            "Since her mother's new partner moved in, Amy had missed school most Mondays.",
            "context.new_male_partner",
        ),
        # Near misses of the generic patterns: a finding reported by this review, a pattern
        # in this family, someone's routine, reviews of this child's plan, a learning
        # disability or mentor, a project working with this child.
        (
            "The review found that Chloe met the men online and was sexually exploited.",
            "harm.child_sexual_exploitation",
        ),
        (
            "This review heard that Mother met her new partner online in 2021.",
            "context.new_male_partner",
        ),
        (
            "There was a recurring pattern of Kayla going missing from her placement overnight.",
            "harm.risk_taking",
        ),
        (
            "A repeated pattern of domestic abuse followed by reconciliation ran through the "
            "family's history.",
            "risk.domestic_abuse",
        ),
        (
            "Father visits every weekend and has convictions for assault.",
            "risk.parental_criminal_record",
        ),
        (
            "The three child protection reviews consistently noted Father's heroin use.",
            "risk.parental_drug_misuse",
        ),
        (
            "Mother's drinking was raised in several reviews of the child protection plan.",
            "risk.parental_alcohol_misuse",
        ),
        (
            "Operation Encompass notifications show the school knew of the domestic abuse at home.",
            "risk.domestic_abuse",
        ),
        (
            "The school received a number of notifications of domestic abuse at the home.",
            "risk.domestic_abuse",
        ),
        (
            "The learning disability nurse noted that Mother was drinking heavily.",
            "risk.parental_alcohol_misuse",
        ),
        ("The learning mentor saw self-harm scars on Sasha's arms.", "harm.self_harm"),
        (
            "A detached youth project identified that Tyler had been running drugs for older "
            "boys since May.",
            "harm.criminal_exploitation",
        ),
    ],
)
def test_one_reviews_findings_are_not_generic(rules: RulesTagger, text: str, code: str):
    assert coded(rules, text).get(code) is False


# Seventh round: the reviewer's probes of the sixth round's rules, each with the near misses
# that must stay as they were. Accounts said to be untrue, outcomes of the harm and former
# partners (review items 3, 4 and 5).


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # An "untrue" cue about another account, in a later sentence, denies nothing else.
        (
            "Ms Ovett told the GP that Father had served a prison sentence. She said the baby "
            "had rolled off the bed; this was later found to be untrue.",
            "risk.parental_criminal_record",
        ),
        (
            "Ms Ovett told the midwife she was drinking heavily. Her account of how the baby "
            "was scalded was later found to be untrue.",
            "risk.parental_alcohol_misuse",
        ),
        (
            "The school reported that Kit's attendance had dropped to 61%. Ms Ovett's "
            "explanation for the marks was not true.",
            "context.not_in_school",
        ),
        # A parent who calls, visits or lives nearby has separated all the same (rule 17).
        (
            "Ms Orme said they had separated in 2021; he still called at the house most days.",
            "risk.parental_separation",
        ),
        (
            "Ms Orme said she and Mr Orme had separated in 2018. Kit said he still liked it "
            "there.",
            "risk.parental_separation",
        ),
        (
            "Ms Orme said she and Mr Orme had separated in 2018. Mr Orme still lives nearby "
            "and sees the boys at home on Sundays.",
            "risk.parental_separation",
        ),
        # A criminal record before the harm stays one (rule 20).
        (
            "Father had convictions for assault; he was later convicted of Rosa's murder.",
            "risk.parental_criminal_record",
        ),
        (
            "Mr Lusk had served two prison sentences for assault and was later jailed for "
            "burglary.",
            "risk.parental_criminal_record",
        ),
        (
            "Mr Lusk had been convicted of manslaughter as a teenager and served eight years.",
            "risk.parental_criminal_record",
        ),
        # A partner's age, or a new partner after a former one, is this household's.
        (
            "Her 28-year-old partner had served a prison sentence for robbery.",
            "risk.parental_criminal_record",
        ),
        (
            "Her previous partner had moved to Hull and her new partner had served a prison "
            "sentence for robbery.",
            "risk.parental_criminal_record",
        ),
        (
            "Unlike her ex-partner Mr Voss had served a prison sentence for robbery.",
            "risk.parental_criminal_record",
        ),
    ],
)
def test_other_accounts_later_records_and_new_partners_stay_present(
    rules: RulesTagger, text: str, code: str
):
    assert coded(rules, text).get(code) is False


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # The cases the rules were written for, still negated.
        (
            "Ms Orme told the conference that she and Mr Orme had split up. The nursery later "
            "learned that he still lived at the house.",
            "risk.parental_separation",
        ),
        (
            "Ms Orme said the couple had separated in May. Both boys said that Daddy still "
            "lived at home.",
            "risk.parental_separation",
        ),
        (
            "Father told the GP he had left the family home, which was later found to be "
            "untrue.",
            "risk.parental_separation",
        ),
        ("After Rosa's death her father was later convicted.", "risk.parental_criminal_record"),
        (
            "Mr Lusk was convicted of manslaughter and given eight years.",
            "risk.parental_criminal_record",
        ),
        (
            "Her old partner had served a prison sentence for robbery.",
            "risk.parental_criminal_record",
        ),
    ],
)
def test_contradicted_accounts_outcomes_and_former_partners_still_negated(
    rules: RulesTagger, text: str, code: str
):
    assert coded(rules, text).get(code) is True


# A relative's fact and the parent's (review item 6).


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The maternal cousin had schizophrenia.", "risk.parental_mental_ill_health"),
        (
            "Her paternal nan had schizophrenia and lived in a care home.",
            "risk.parental_mental_ill_health",
        ),
        ("Maternal gran was sectioned in 2016.", "risk.parental_mental_ill_health"),
        ("Mother's cousin had been to prison for robbery.", "risk.parental_criminal_record"),
        ("Mother's aunties drank heavily at every party.", "risk.parental_alcohol_misuse"),
    ],
)
def test_a_relatives_fact_past_any_relatives_word_is_negated(
    rules: RulesTagger, text: str, code: str
):
    assert coded(rules, text).get(code) is True


def test_a_fact_shared_with_a_relative_is_the_parents(rules: RulesTagger):
    text = "Mother and grandmother both drank heavily."
    assert coded(rules, text).get("risk.parental_alcohol_misuse") is False


def test_a_relative_who_finds_the_drinking_is_not_the_drinker(rules: RulesTagger):
    text = "When the gran called round she found empty cider cans and Mother asleep on the sofa."
    assert coded(rules, text).get("risk.parental_alcohol_misuse") is False


@pytest.mark.parametrize(
    "text",
    [
        "Grandmother smelt alcohol on her breath at the handover.",
        "The grandmother phoned police because he was drunk and shouting.",
    ],
)
def test_a_relative_who_smells_or_reports_drink_is_no_relatives_fact(
    rules: RulesTagger, text: str
):
    assert coded(rules, text).get("risk.parental_alcohol_misuse") is not True


# "Intrusive" in ordinary speech, and signs of domestic abuse that are not (items 7 and 8).


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Mother found the health visitor's questions intrusive and cancelled two visits.",
            "risk.parental_mental_ill_health",
        ),
        (
            "Mr Ross described the parenting assessment as intrusive.",
            "risk.parental_mental_ill_health",
        ),
        ("Injuries to Mother's face from the car crash healed slowly.", "risk.domestic_abuse"),
        ("Track marks on Mother's arms suggested she was injecting again.", "risk.domestic_abuse"),
        ("Mother's black dog bit the baby on the hand.", "risk.domestic_abuse"),
        (
            "Police controlled access to the house while officers searched it.",
            "risk.domestic_abuse",
        ),
        ("The sexual abuse came from the girls' stepfather.", "risk.domestic_abuse"),
        ("Kit, 14, was aggressive towards Sam's mother in the street.", "risk.domestic_abuse"),
    ],
)
def test_ordinary_words_and_other_harms_are_no_parental_risk(
    rules: RulesTagger, text: str, code: str
):
    assert code not in coded(rules, text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Mother's black eye was still visible at the core group.", "risk.domestic_abuse"),
        ("The midwife saw bruises on Ms Ferris's neck.", "risk.domestic_abuse"),
        ("Mother's bruises were photographed by the police.", "risk.domestic_abuse"),
        (
            "Mother described intrusive thoughts of harming the baby.",
            "risk.parental_mental_ill_health",
        ),
    ],
)
def test_bruises_black_eyes_and_intrusive_thoughts_stay_present(
    rules: RulesTagger, text: str, code: str
):
    assert coded(rules, text).get(code) is False


# People the code is not about: men who are no new partner, a child's own offending, adults
# at work, a parent's attendance, an answered question, a boyfriend (items 9 to 13, 15, 17).


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # Men who are not a new partner in the home (coding rules 10 and 18).
        ("Kayla was picked up by a man in a car outside school.", "context.new_male_partner"),
        ("Jess was collected by a male relative after school.", "context.new_male_partner"),
        ("The man in the flat below called police about the shouting.", "context.new_male_partner"),
        ("The man in the kitchen was the children's father, Mr Ross.", "context.new_male_partner"),
        (
            "Father's partner, who was living with him in Leeds, had two children of her own.",
            "context.new_male_partner",
        ),
        (
            "Her ex-partner, who had lived with the family until 2018, had moved to Wales.",
            "context.new_male_partner",
        ),
        ("Father lived with the children's mother until 2019.", "context.new_male_partner"),
        ("Kit stayed with Sam's mother for a week.", "context.new_male_partner"),
        # The child's own offending (harm.risk_taking).
        ("Tyler, 17, had two cautions for shoplifting.", "risk.parental_criminal_record"),
        (
            "Tyler, 17, had served a custodial sentence for robbery.",
            "risk.parental_criminal_record",
        ),
        (
            "While he was in custody at the young offender institution, Kit, 16, disclosed "
            "the abuse.",
            "risk.parental_criminal_record",
        ),
        # Adults at work, dealing on their own account, or dealing with an office.
        (
            "Father worked nights delivering parcels for a courier firm.",
            "harm.criminal_exploitation",
        ),
        ("Father sold cannabis to friends from the flat.", "harm.criminal_exploitation"),
        ("Mother used her to deal with the housing office.", "harm.criminal_exploitation"),
        # A school's club; a parent's attendance.
        ("The school had no breakfast club until 2022.", "harm.neglect"),
        ("Father's attendance had dropped off after March.", "context.not_in_school"),
        # An answered question, and a split from a boyfriend the passage contradicts.
        (
            "The midwife asked if she smoked cannabis; she said she smoked it daily.",
            "risk.parental_drug_misuse",
        ),
        (
            "Ms Ryan was asked whether she drank, and said she drank a bottle of wine a night.",
            "risk.parental_alcohol_misuse",
        ),
        (
            "Mother said she had split up with her boyfriend, but he was still living at the "
            "flat in June.",
            "risk.parental_separation",
        ),
    ],
)
def test_people_the_code_is_not_about_get_no_tag(rules: RulesTagger, text: str, code: str):
    assert code not in coded(rules, text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Leon came to school without a coat in January.", "harm.neglect"),
        ("The man in the bedroom would not give his name.", "context.new_male_partner"),
        ("Staff saw Alfie collected by a man they did not know.", "context.new_male_partner"),
        ("Twice the nursery saw Ruby collected by a man in overalls.", "context.new_male_partner"),
        (
            "Ms Kerr's partner, who often minded the twins, had a caution.",
            "context.new_male_partner",
        ),
        (
            "Dean had two convictions for burglary before Ella was born.",
            "risk.parental_criminal_record",
        ),
        (
            "Mr Dale's brother, 17, had two cautions; Mr Dale had a conviction for theft.",
            "risk.parental_criminal_record",
        ),
        ("Older boys were using him to carry drugs to the coast.", "harm.criminal_exploitation"),
        ("Kit's attendance declined to 55% after Easter.", "context.not_in_school"),
    ],
)
def test_the_child_and_the_household_stay_present(rules: RulesTagger, text: str, code: str):
    assert coded(rules, text).get(code) is False


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The GP asked at the review if he smoked cannabis; he said he did not.", "risk.parental_drug_misuse"),
        (
            "The midwife asked Mr Lusk whether he drank, and he said only the odd can on a Friday.",
            "risk.parental_alcohol_misuse",
        ),
    ],
)
def test_a_question_answered_no_is_still_a_denial(rules: RulesTagger, text: str, code: str):
    assert coded(rules, text).get(code) is True


# A lockdown the family lived through (item 14).


def test_just_before_the_lockdown_is_a_pandemic_lived_through(rules: RulesTagger):
    text = (
        "Ms Hart lost her job just before the first lockdown, and the family spent the "
        "following year in one room at the hostel."
    )
    assert coded(rules, text).get("context.covid19") is False


def test_only_before_the_lockdown_places_the_case_outside_it(rules: RulesTagger):
    text = "The family was known to services only before the first lockdown."
    assert coded(rules, text).get("context.covid19") is True


def test_a_child_telling_of_himself_does_not_contradict_a_separation(rules: RulesTagger):
    text = (
        "Ms Orme said they had separated in 2021. Kit said he still lived at the house with "
        "his mum and his sister."
    )
    assert coded(rules, text).get("risk.parental_separation") is False


# Intentions, records made in error, accounts shown wrong, who a "he" or "she" is, a
# former partner's record ending at a person named after "and", a parent's own time in
# care, where a cue's scope ends, questions never put, screening that found nothing, people
# and reviews in general, good attendance and a mother's own injuries (issue 3, a round of
# probes written before running the tagger).


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Ms Harlow talked about home-educating Finn once he turned seven.",
            "risk.elective_home_education",
        ),
        (
            "Ms Kerr told the health visitor she planned to move in with her new boyfriend in the spring.",
            "context.new_male_partner",
        ),
        (
            "In October Mother told the school nurse she was thinking of home schooling Ellis.",
            "risk.elective_home_education",
        ),
        (
            "The GP record said that Mr Dunn had schizophrenia, which had been recorded in error and belonged to another patient.",
            "risk.parental_mental_ill_health",
        ),
        (
            "A police flag recorded Ms Ward as a victim of domestic abuse; this was an error, as the incident concerned a previous tenant of the flat.",
            "risk.domestic_abuse",
        ),
        (
            "The referral said that Father had a conviction for assault, but a police check showed this was a different man with the same name.",
            "risk.parental_criminal_record",
        ),
        (
            "An anonymous caller said Mother was drinking every day; the allegation was found to be malicious.",
            "risk.parental_alcohol_misuse",
        ),
        (
            "Mother's brother stayed at weekends; he had been in prison for assault.",
            "risk.parental_criminal_record",
        ),
        (
            "Ms Dale's sister often looked after the children; she drank heavily.",
            "risk.parental_alcohol_misuse",
        ),
        (
            "The maternal grandmother lived nearby. She had been treated for depression for many years.",
            "risk.parental_mental_ill_health",
        ),
        (
            "The children's uncle was a regular visitor and he used cannabis daily.",
            "risk.parental_drug_misuse",
        ),
        (
            "Father's friend Mr Royle was often at the house; he had a conviction for supplying cocaine.",
            "risk.parental_criminal_record",
        ),
        (
            "The childminder's husband had a conviction for violence, which Ofsted had not known.",
            "risk.parental_criminal_record",
        ),
        (
            "The children's aunt, who offered to care for them, had herself been in foster care as a teenager.",
            "risk.parent_care_leaver",
        ),
        (
            "Ms Sutton stopped using heroin in 2016; she had never had any mental health treatment.",
            "risk.parental_mental_ill_health",
        ),
        (
            "There was no evidence that Mother, Father or the lodger used drugs.",
            "risk.parental_drug_misuse",
        ),
        (
            "The health visitor did not ask about Father's use of alcohol or drugs.",
            "risk.parental_alcohol_misuse",
        ),
        ("Nothing found since the fire suggests domestic abuse.", "risk.domestic_abuse"),
        ("Mother was not asked about domestic abuse at booking.", "risk.domestic_abuse"),
        (
            "Health: Mother was screened for postnatal depression at six weeks and scored within the normal range.",
            "risk.parental_mental_ill_health",
        ),
        (
            "The family court found the allegation of sexual abuse against Mr Ward not proven.",
            "harm.child_sexual_abuse",
        ),
        ("Young people who go missing are at risk of exploitation.", "harm.risk_taking"),
        (
            "The partnership has since launched a campaign on safe sleep for parents who drink or use drugs.",
            "risk.parental_drug_misuse",
        ),
        (
            "It is important that home education is not used to hide a child from view.",
            "risk.elective_home_education",
        ),
        (
            "Mother had bruising on her face and a black eye when the health visitor called.",
            "harm.non_accidental_injury",
        ),
        (
            "The school reported that Ruby's attendance was 98 percent and that she had never been excluded.",
            "context.not_in_school",
        ),
        (
            "R (mother's partner): convictions for supply in 2014. Not known to drug services.",
            "risk.parental_drug_misuse",
        ),
        (
            "The assessment described father as a care leaver, but he had never been in care; the error came from a record about a different man with the same name.",
            "risk.parent_care_leaver",
        ),
        (
            "Mr Quade had been placed in a children's home at the age of ten after his mother died.",
            "context.looked_after",
        ),
        (
            "Ms Lyle told the assessor she had lived with foster carers when she was eight.",
            "context.looked_after",
        ),
        (
            "Tariq was attending full time and had no unauthorised absences that term.",
            "context.not_in_school",
        ),
        (
            "In each, the father had served a prison sentence before the birth.",
            "risk.parental_criminal_record",
        ),
        (
            "Mother's previous partner had served a prison sentence for burglary.",
            "risk.parental_criminal_record",
        ),
        (
            "Professionals need to remember that coercive control can happen without any physical violence.",
            "risk.domestic_abuse",
        ),
        (
            "Her older brother often babysat; he used cannabis every day.",
            "risk.parental_drug_misuse",
        ),
        (
            "Ms Pryor's cocaine use stopped in 2018; she had never had any mental health treatment.",
            "risk.parental_mental_ill_health",
        ),
    ],
)
def test_intended_erroneous_someone_elses_and_general_mentions_are_negated(
    rules: RulesTagger, text: str, code: str
):
    assert coded(rules, text).get(code) is True


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Ms Harlow had talked about home-educating Finn for a year, and in January she removed him from the school roll to teach him at home.",
            "risk.elective_home_education",
        ),
        (
            "Ms Harlow had talked about home-educating Finn for a year, and in January she removed him from the school roll to teach him at home.",
            "context.not_in_school",
        ),
        (
            "Mother hoped to come off her antidepressants before the baby arrived.",
            "risk.parental_mental_ill_health",
        ),
        (
            "The referral said Father had a conviction for assault, and the police check confirmed it.",
            "risk.parental_criminal_record",
        ),
        (
            "An anonymous caller said Mother was drinking every day, and the police found her drunk that evening.",
            "risk.parental_alcohol_misuse",
        ),
        (
            "Grandmother looked after Ava while Mother worked; Mother drank heavily in the evenings.",
            "risk.parental_alcohol_misuse",
        ),
        (
            "The uncle visited on Sundays, and Father had been in prison for assault until 2020.",
            "risk.parental_criminal_record",
        ),
        (
            "Her aunt said that Mother had been in foster care as a teenager.",
            "risk.parent_care_leaver",
        ),
        (
            "When the gran called round she found empty cider cans and Mother asleep on the sofa.",
            "risk.parental_alcohol_misuse",
        ),
        (
            "While there was no evidence of drug use by Mother, Father was a heavy cannabis user.",
            "risk.parental_drug_misuse",
        ),
        (
            "Leo's father has not been involved since his release from prison in 2019.",
            "risk.parental_criminal_record",
        ),
        (
            "Practitioners did not ask about the domestic abuse that the police had reported twice.",
            "risk.domestic_abuse",
        ),
        (
            "The health visitor learned for the first time that a perinatal mental health referral had been made.",
            "risk.parental_mental_ill_health",
        ),
        (
            "Lily, aged two, had bruising on her face and a black eye when her key worker saw her.",
            "harm.non_accidental_injury",
        ),
        (
            "Mother said she had been sober for a year; the same week police found her drunk in charge of the children.",
            "risk.parental_alcohol_misuse",
        ),
        ("Ruby had been excluded twice for fighting in Year 8.", "context.not_in_school"),
        ("Father had been known to drug services since 2015.", "risk.parental_drug_misuse"),
        (
            "Ms Lyle's daughter was placed with foster carers at the age of eight.",
            "context.looked_after",
        ),
        (
            "Mother left the baby with foster carers when he was two months old.",
            "context.looked_after",
        ),
        (
            "Tariq had been attending full time until March, when he was permanently excluded.",
            "context.not_in_school",
        ),
        ("In each bedroom, damp and mould covered the walls.", "context.deprivation_housing"),
        (
            "Her former partner had a conviction for assault and Mr Lee had served a prison sentence.",
            "risk.parental_criminal_record",
        ),
        (
            "Her former partner had a conviction for assault and Mother had been drinking heavily since the summer.",
            "risk.parental_alcohol_misuse",
        ),
        (
            "Professionals saw that Father's coercive control of Mother had grown worse.",
            "risk.domestic_abuse",
        ),
        ("Jodie went to the park with a friend and she was drinking vodka.", "harm.risk_taking"),
    ],
)
def test_facts_beside_those_mentions_stay_present(rules: RulesTagger, text: str, code: str):
    assert coded(rules, text).get(code) is False
