"""Pseudonymisation of quotations: what goes (names, places, dates of birth), what stays.

Every sentence here is fictional.
"""

import pytest

from review_miner.pseudonymise import pseudonymise


def test_a_first_name_before_its_date_of_birth_and_the_date_go():
    out = pseudonymise("Tiegan's date of birth is 3 June 2016 and she lives on Mossgate Lane.")
    assert out.startswith("[name]'s date of birth is [date of birth] and")
    out = pseudonymise("Rhiannon's date of birth was 14/02/2017.")
    assert "Rhiannon" not in out and "14/02/2017" not in out and out.endswith(".")


def test_a_town_after_to_goes():
    out = pseudonymise("In 2021 the family moved from Keswold to Brinmarsh, then into Oxley Vale.")
    for gone in ("Keswold", "Brinmarsh", "Oxley"):
        assert gone not in out
    assert "[place] to [place]" in out


@pytest.mark.parametrize(
    "sentence, kept",
    [
        ("Appointment letters were written in English, though Father read only Romani.",
         ("in English", "Romani")),
        ("Mum needed the safety plan explained in Tigrinya by an interpreter.",
         ("Mum needed", "in Tigrinya")),
        ("The family are Eritrean and Muslim; the interpreter spoke Amharic, not Tigrinya.",
         ("Eritrean and Muslim", "Amharic", "Tigrinya")),
        ("Tigrinya was her first language and English her second.", ("Tigrinya was",)),
        ("The family, who are Gypsy Roma Traveller, had lived on the site for years.",
         ("Gypsy Roma Traveller",)),
        ("Dad and Nan took turns to collect Baby R's older brother from nursery.",
         ("Dad and Nan", "Baby R's")),
    ],
)  # fmt: skip
def test_languages_nationalities_faiths_and_roles_stay(sentence, kept):
    out = pseudonymise(sentence)
    for words in kept:
        assert words in out, out
    assert "[" not in out, out


def test_a_review_pseudonym_and_its_full_stop_stay():
    assert pseudonymise("Nobody asked what was happening to Child N.") == (
        "Nobody asked what was happening to Child N."
    )
    out = pseudonymise("Nobody asked what was happening to Child N. Darren Holt was there.")
    assert out.startswith("Nobody asked what was happening to Child N. ") and "Darren" not in out


def test_service_acronyms_stay():
    text = "The health visitor referred Child P to CAMHS and the MASH; a MARAC and a CIN plan followed."
    assert pseudonymise(text) == text


def test_a_first_name_that_is_also_a_people_or_faith_goes_when_it_acts():
    out = pseudonymise("Christian told his teacher that Karen hit him; Sami said nothing.")
    for gone in ("Christian", "Karen", "Sami"):
        assert gone not in out, out
    assert pseudonymise("The family were Christian.") == "The family were Christian."


@pytest.mark.parametrize(
    "sentence, name",
    [
        ("The teacher spoke to Sami about the bruise on her arm.", "Sami"),
        ("Mother left Finn with a neighbour while she went to work.", "Finn"),
    ],
)
def test_a_first_name_in_the_list_of_peoples_goes_where_the_model_sees_an_agent(sentence, name):
    assert name not in pseudonymise(sentence)


def test_what_the_model_runs_on_from_a_pseudonym_is_not_a_name():
    text = "The plan assumed the court would protect Child K. Neither assumption was tested."
    assert pseudonymise(text) == text


def test_a_people_before_a_noun_stays_and_a_possessive_keeps_its_s():
    assert "the usual Roma reluctance" in pseudonymise(
        'A case note spoke of "the usual Roma reluctance" to engage.'
    )
    out = pseudonymise("The Thornbury Recovery Service's policy was to visit before any dose.")
    assert "Thornbury" not in out and "[organisation]'s policy" in out


def test_the_home_nations_stay_and_other_countries_go():
    out = pseudonymise("Mother came to the UK from Eritrea in 2015 and settled in Dunmere.")
    assert "to the UK from [place]" in out and "Dunmere" not in out
