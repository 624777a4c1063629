"""Screening: ethnicity status, paragraph classes and shares, the scorecard, the outputs."""

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from conftest import DATA, SAMPLE
from typer.testing import CliRunner

from review_miner.cli import app
from review_miner.ingest import ingest
from review_miner.records import Passage
from review_miner.screen import (
    SCREEN_COLUMNS,
    ParagraphClassifier,
    child_voice,
    classify_paragraph_by_rules,
    ethnicity_status,
    family_views,
    is_chronology_heavy,
    lcspr_rationale,
    learning_identified,
    load_settings,
    practitioner_views,
    recommendation_items,
    recommendations,
    shares,
    weakness_score,
    working_days,
)


def passages(*items: tuple[str, str]) -> list[Passage]:
    """Paragraphs from (section, text) pairs."""
    return [
        Passage(
            f"d:{i}",
            "d",
            i,
            "paragraph",
            text,
            0,
            len(text),
            1,
            1,
            section=section,
            heading_path=section,
        )
        for i, (section, text) in enumerate(items)
    ]


FAMILY = "2. The child and family"
ANALYSIS = "5. Analysis of practice"


@pytest.mark.parametrize(
    ("items", "status"),
    [
        ([(FAMILY, "Child R lives with her mother and two brothers.")], "absent"),
        ([(FAMILY, "The family are White British.")], "stated_only"),
        ([(FAMILY, "Child R is of Pakistani heritage and the family are Muslim.")], "stated_only"),
        ([(FAMILY, "Mother's first language is Tigrinya.")], "stated_only"),
        ([(FAMILY, "The family are Irish Travellers living on a council site.")], "stated_only"),
        (
            [(FAMILY, "Child R is of dual heritage (mixed White and Black Caribbean).")],
            "stated_only",
        ),
        (
            [
                (FAMILY, "Child R is Black British of Somali heritage."),
                (
                    ANALYSIS,
                    "Practitioners did not consider how racism at school shaped his behaviour.",
                ),
            ],
            "stated_and_analysed",
        ),
        (
            [
                (FAMILY, "Mother speaks Romanian and little English."),
                (
                    ANALYSIS,
                    "No interpreter was used at the conference, so Mother could not follow it.",
                ),
            ],
            "stated_and_analysed",
        ),
    ],
)
def test_screen_ethnicity_status(items, status):
    assert ethnicity_status(passages(*items)).status == status


@pytest.mark.parametrize(
    "trap",
    [
        "A charity provided white goods for the new flat.",
        "Mother was seen with a black eye in May.",
        "The plan was written on the ward whiteboard.",
        "Father said he had a blackout after drinking.",
        "The social worker acted in good faith.",
        "Staff polished the report before the panel.",
    ],
)
def test_screen_ethnicity_traps_are_not_statements(trap):
    finding = ethnicity_status(
        passages((FAMILY, trap), (ANALYSIS, "Practitioners should have asked why."))
    )
    assert finding.status == "absent"


@pytest.mark.parametrize(
    "statement",
    [
        "Mother, who is Ghanaian, told the review she felt supported.",
        "Father was born in Lithuania and moved to England in 2017.",
        "The family arrived in the United Kingdom from Sudan in 2020.",
        "Mother moved to England from Nigeria in 2010.",
        "The family are Jehovah's Witnesses.",
        "The family attend a Pentecostal church.",
    ],
)
def test_screen_ethnicity_more_statements(statement):
    assert ethnicity_status(passages((FAMILY, statement))).status == "stated_only"


@pytest.mark.parametrize(
    "trap",
    [
        "The family rent a house near the town's heritage centre.",
        "The parenting group met in a church hall.",
        "Child M came home from school early.",
        "The doctor took an orthodox approach to the fracture.",
    ],
)
def test_screen_ethnicity_more_traps_are_not_statements(trap):
    assert ethnicity_status(passages((FAMILY, trap))).status == "absent"


@pytest.mark.parametrize(
    "analysis",
    [
        "The review found a culture of deference in which junior doctors did not call seniors.",
        "The trust should foster an open culture so that staff feel able to seek advice.",
        "Practitioners described confirmation bias in the GP's reading of the symptoms.",
        "The identity of mother's partner was never established by midwifery.",
        "The review considers that the delay in interpreting the X-ray was the main issue.",
        "Practitioners had not interpreted her belongings and her missing episodes together.",
        "The review found that practitioners recorded the family's ethnicity accurately.",
        "The family's ethnicity was recorded by the school but not by early help.",
        "The bruise to her temple should have been referred.",
    ],
)
def test_screen_ethnicity_words_in_other_senses_are_not_analysis(analysis):
    finding = ethnicity_status(
        passages((FAMILY, "The family are White British."), (ANALYSIS, analysis))
    )
    assert finding.status == "stated_only"


@pytest.mark.parametrize(
    "analysis",
    [
        "Practitioners did not approach the family's mosque, so a trusted adult was missed.",
        "The review found that fear of shame within the Somali community was not understood.",
        "Relying on the son to interpret for his mother meant she could not say she was struggling.",
    ],
)
def test_screen_ethnicity_faith_community_and_interpreting_are_analysis(analysis):
    finding = ethnicity_status(
        passages((FAMILY, "The family are Muslims of Somali heritage."), (ANALYSIS, analysis))
    )
    assert finding.status == "stated_and_analysed"


def test_screen_ethnicity_keeps_its_evidence():
    items = passages((FAMILY, "The family are White Polish."), (FAMILY, "Child D attends nursery."))
    finding = ethnicity_status(items)
    assert finding.statements == ("d:0",) and finding.analyses == ()


@pytest.mark.parametrize(
    ("section", "text", "expected"),
    [
        (
            "4. Agency involvement",
            "On 14 March 2022 the health visitor completed a new birth visit. Two days later Mother telephoned the GP.",
            "chronology",
        ),
        # A chronology inside an analysis section is still a chronology.
        (
            ANALYSIS,
            "On 3 May the school nurse saw Child J. The toxicology analysis was completed the following day.",
            "chronology",
        ),
        # Analysis that mentions a date is still analysis.
        (
            "4. Agency involvement",
            "By June 2022 practitioners should have recognised that the pattern of missed visits suggested a family avoiding scrutiny.",
            "analysis",
        ),
        (
            "8. Recommendations",
            "The partnership will audit all pre-birth referrals by March 2023 and report to the board.",
            "recommendation",
        ),
        (
            FAMILY,
            "Child A lives with her mother and two older siblings. The family moved to the area in 2019.",
            "background",
        ),
        (
            "1. Introduction",
            "The review was led by an independent reviewer and followed the terms of reference agreed by the partners.",
            "other",
        ),
    ],
)
def test_screen_paragraph_classes_by_rules(section, text, expected):
    assert classify_paragraph_by_rules(text, section) == expected


def test_screen_cover_lines_are_never_chronology():
    cover = passages((None, "Date of incident: 8 January 2022"))
    assert ParagraphClassifier(model_path=None).classify(cover) == ["other"]


def test_screen_shares_count_words_and_the_flag_follows_the_settings():
    items = passages(("c", "one two three four five six"), ("a", "one two"), ("b", "one two"))
    share = shares(items, ["chronology", "analysis", "background"])
    assert share["chronology"] == pytest.approx(0.6) and share["analysis"] == pytest.approx(0.2)
    settings = load_settings()
    assert is_chronology_heavy(share, settings)
    settings["chronology_heavy"]["min_chronology_share"] = 0.61
    assert not is_chronology_heavy(share, settings)
    settings["chronology_heavy"]["min_chronology_share"] = 0.5
    settings["chronology_heavy"]["max_analysis_share"] = 0.19
    assert not is_chronology_heavy(share, settings)


DECISION = "7. Decision on a Local Child Safeguarding Practice Review"


@pytest.mark.parametrize(
    ("items", "kind", "expected"),
    [
        (
            [
                (
                    DECISION,
                    "The partners decided not to commission an LCSPR because the learning has already been identified and acted on.",
                )
            ],
            "rapid_review",
            "true",
        ),
        (
            [(DECISION, "The partnership has decided not to undertake an LCSPR.")],
            "rapid_review",
            "false",
        ),
        ([(ANALYSIS, "Practitioners did not challenge the plan.")], "rapid_review", "false"),
        ([(DECISION, "The partnership has decided not to undertake an LCSPR.")], "lcspr", "n/a"),
        (
            [(DECISION, "The partners do not consider that the criteria for an LCSPR are met.")],
            "rapid_review",
            "true",
        ),
        (
            [
                (
                    DECISION,
                    "The partners decided to commission an LCSPR, as the issues cannot be "
                    "fully explored in a rapid review.",
                )
            ],
            "rapid_review",
            "true",
        ),
    ],
)
def test_screen_lcspr_rationale(items, kind, expected):
    assert lcspr_rationale(passages(*items), kind).value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Child F told her teacher that nobody listened to her.", "true"),
        ("Child K was seen alone at every visit.", "true"),
        ("Her wishes and feelings were recorded in the plan.", "true"),
        ("Mother said she was managing and told the GP she was tired.", "false"),
        ("Child U was reported missing four times.", "false"),
        ("Intelligence about a looked after child is shared with the social worker.", "false"),
        ("Kian told the reviewer that he felt unsafe walking home.", "true"),
        ("K told the review that she felt passed around.", "true"),
        ("Mother told the reviewer that she felt judged.", "false"),
        ("Father said he had told the review everything.", "false"),
        ("Keyworkers told the review that caseloads were high.", "false"),
        ("Managers told the review the service was under pressure.", "false"),
        ("The health visitor recorded that Child J enjoyed the songs her brother sang.", "true"),
        ("Staff describe a guarded boy who wanted to become an electrician.", "true"),
        ("P met the reviewer and chose to draw pictures of his home.", "true"),
    ],
)
def test_screen_child_voice(text, expected):
    assert child_voice(passages((ANALYSIS, text))).value == expected


@pytest.mark.parametrize(
    ("section", "expected"),
    [("In Leah's words", "true"), ("Amira's daily life", "true"), ("The family's views", "false")],
)
def test_screen_child_voice_by_heading(section, expected):
    finding = child_voice(passages((section, "She gets up at six and walks to school.")))
    assert finding.value == expected


def test_screen_weakness_score_adds_the_documented_points():
    settings = load_settings()
    points = settings["weakness_points"]
    worst = {
        "ethnicity": "absent",
        "chronology_heavy": "true",
        "lcspr_rationale": "false",
        "child_voice": "false",
        "family_views": "false",
        "practitioner_views": "false",
        "learning": "false",
        "recommendations": "0",
        "specific_recommendations": "0",
        "working_days": "40",
    }
    expected = sum(
        points[k]
        for k in (
            "ethnicity_absent",
            "chronology_heavy",
            "no_lcspr_rationale",
            "no_child_voice",
            "no_family_views",
            "no_practitioner_views",
            "no_learning",
            "late",
        )
    )
    assert weakness_score(worst, settings, "rapid_review") == expected
    best = {
        "ethnicity": "stated_and_analysed",
        "chronology_heavy": "false",
        "lcspr_rationale": "n/a",
        "child_voice": "true",
        "family_views": "true",
        "practitioner_views": "true",
        "learning": "true",
        "recommendations": "4",
        "specific_recommendations": "3",
        "working_days": "200",
    }
    assert weakness_score(best, settings, "lcspr") == 0


@pytest.fixture(scope="module")
def screened_sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("screen")
    db = out / "s.db"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(SAMPLE), "--store", str(db)]).exit_code == 0
    result = runner.invoke(app, ["screen", "--store", str(db), "--out", str(out / "screening.csv")])
    assert result.exit_code == 0, result.output
    return out


def test_screen_csv_has_the_agreed_columns_ranked_weakest_first(screened_sample: Path):
    table = pd.read_csv(screened_sample / "screening.csv")
    assert tuple(table.columns) == SCREEN_COLUMNS
    assert list(table["weakness_score"]) == sorted(table["weakness_score"], reverse=True)
    assert set(table["chronology_heavy"].astype(str).str.lower()) == {"true", "false"}
    assert (
        table["chronology_share"].between(0, 1).all()
        and table["analysis_share"].between(0, 1).all()
    )


def test_screen_says_how_many_it_screened_and_how_many_it_reused(screened_sample: Path):
    db, out = screened_sample / "s.db", screened_sample / "again.csv"
    result = CliRunner().invoke(app, ["screen", "--store", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("0 reviews screened, 18 already screened; ")
    assert pd.read_csv(out).equals(pd.read_csv(screened_sample / "screening.csv"))


def test_screen_sample_shows_every_status_and_both_kinds(screened_sample: Path):
    # keep_default_na: pandas would read the column's "n/a" as missing.
    table = pd.read_csv(screened_sample / "screening.csv", keep_default_na=False).set_index("file")
    assert set(table["ethnicity"]) == {"absent", "stated_only", "stated_and_analysed"}
    assert set(table["kind"]) == {"rapid_review", "lcspr"}
    assert set(table.loc[table["kind"] == "lcspr", "lcspr_rationale"]) == {"n/a"}


def test_screen_html_escapes_document_text(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    text = (
        (DATA / "good.txt")
        .read_text()
        .replace(
            "Child Z lived with her mother",
            "Child Z <script>alert(1)</script> lived with her White British mother",
        )
    )
    (folder / "review.txt").write_text(text)
    runner = CliRunner()
    db = tmp_path / "s.db"
    assert runner.invoke(app, ["ingest", str(folder), "--store", str(db)]).exit_code == 0
    result = runner.invoke(app, ["screen", "--store", str(db), "--out", str(tmp_path / "s.html")])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "s.html").read_text()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "http://" not in html and "https://" not in html  # self-contained


def test_screen_rejects_other_output_formats(tmp_path: Path, store):
    ingest([DATA / "good.txt"], store, workers=1)
    result = CliRunner().invoke(
        app, ["screen", "--store", str(store.path), "--out", str(tmp_path / "s.pdf")]
    )
    assert result.exit_code == 1 and "write .csv, .xlsx or .html" in result.output


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mother was invited to contribute to the review and met the reviewer twice.", "true"),
        ("Father declined to take part in the review.", "true"),
        ("The family's views are set out in section 5.", "true"),
        ("Mother told the health visitor she was coping.", "false"),
        ("Child Z's parents met the reviewer twice with an interpreter.", "true"),
        ("The reviewer met Child B, her mother and her maternal uncle.", "true"),
        ("Mother was interviewed with her sister present.", "true"),
        ("Father was interviewed by police on 8 May.", "false"),
        ("Child Y and her family did not wish to take part.", "true"),
        ("Mother's view was that she was treated as part of the problem.", "true"),
    ],
)
def test_screen_family_views(text, expected):
    assert family_views(passages(("3. Methodology", text))).value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A practitioner event was held in April and fourteen practitioners attended.", "true"),
        ("The reviewer met with the practitioners involved in Child K's care.", "true"),
        ("The GP saw Child K in April.", "false"),
        ("The designated safeguarding lead told the review she expected the family to move.", "true"),
        ("Practitioners at the review meeting reflected on the missed referral.", "true"),
        ("The reviewer spoke with Leah, her social worker and her foster carers.", "true"),
        ("The health visitor spoke with mother about feeding.", "false"),
    ],
)
def test_screen_practitioner_views(text, expected):
    assert practitioner_views(passages(("3. Methodology", text))).value == expected


def test_screen_learning_is_identified_by_a_learning_section_or_named_in_analysis():
    assert (
        learning_identified(
            passages(("6. Learning", "Supervision must test parents' accounts.")), {}
        ).value
        == "true"
    )
    analysed = passages((ANALYSIS, "The key learning is that accounts were never checked."))
    assert learning_identified(analysed, {"d:0": "analysis"}).value == "true"
    assert (
        learning_identified(passages((FAMILY, "Child A lives with her mother.")), {}).value
        == "false"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The bruise should have led to a referral under the protocol.", "true"),
        ("Concerns were raised three times without anyone bringing them together.", "true"),
        ("The family moved to a new flat in May and the baby was born in June.", "false"),
    ],
)
def test_screen_learning_from_analysis_that_judges_practice(text, expected):
    assert learning_identified(passages((ANALYSIS, text)), {"d:0": "analysis"}).value == expected


def test_screen_learning_needs_analysis_not_narration():
    narrated = passages((ANALYSIS, "Police did not attend until the next day."))
    assert learning_identified(narrated, {"d:0": "chronology"}).value == "false"


def test_screen_recommendations_are_counted_and_judged_specific():
    items = passages(
        (
            "8. Recommendations",
            "The partnership will audit every pre-birth referral by March 2023 and report to the board.",
        ),
        ("8. Recommendations", "Agencies should improve communication."),
        (
            "8. Recommendations",
            "Health visiting will check the storage of prescribed medicines at every home visit within three months.",
        ),
        (ANALYSIS, "Practitioners did not question the plan."),
    )
    made, specific = recommendations(items, {})
    assert (made.value, specific.value) == ("3", "2")
    assert specific.evidence == ("d:0", "d:2")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1. Agencies should share. 2. Police will audit notifications by May 2024.", 2),
        (
            "The drug service will record all children. Health visitors will ask about storage.",
            2,
        ),
        ("Recommendation 1: The board will act. Recommendation 2: Schools should refer.", 2),
        ("The review makes three recommendations to the partnership.", 0),
    ],
)
def test_screen_recommendation_items(text, expected):
    assert len(recommendation_items(text)) == expected


def test_screen_recommendations_in_one_paragraph_are_counted_and_judged_each():
    items = passages(
        (
            "8. Recommendations",
            "The community provider will require a body map by March 2024. "
            "Police will remind officers to refer at every incident.",
        ),
        ("9. Dissemination", "The partnership will publish the review by June 2024."),
    )
    made, specific = recommendations(items, {"d:1": "recommendation"})
    assert (made.value, specific.value) == ("2", "1")


def test_screen_working_days_skip_weekends_and_english_bank_holidays():
    # 20 December 2022 to 5 January 2023: Christmas, Boxing Day and New Year substitute days.
    assert working_days(date(2022, 12, 20), date(2023, 1, 5)) == 9
    assert working_days(date(2022, 3, 7), date(2022, 3, 14)) == 5
    assert working_days(None, date(2022, 3, 14)) is None
    assert working_days(date(2022, 3, 14), date(2022, 3, 7)) is None


def test_screen_timeliness_and_recommendation_points_apply_to_their_kind_of_review():
    settings = load_settings()
    points = settings["weakness_points"]
    base = {
        "ethnicity": "stated_and_analysed",
        "chronology_heavy": "false",
        "lcspr_rationale": "true",
        "child_voice": "true",
        "family_views": "true",
        "practitioner_views": "true",
        "learning": "true",
        "recommendations": "4",
        "specific_recommendations": "1",
        "working_days": "35",
    }
    assert weakness_score(base, settings, "rapid_review") == points["late"]
    assert weakness_score(base, settings, "lcspr") == points["vague_recommendations"]
    assert weakness_score({**base, "specific_recommendations": "2"}, settings, "lcspr") == 0


def test_the_screening_key_reads_every_module_of_the_screen_package(monkeypatch, tmp_path):
    from review_miner.screen import run

    package = Path(run.__file__).parent
    sources = run.rule_sources()
    assert {p.name for p in package.glob("*.py")} <= {p.name for p in sources if p.parent == package}
    # A change to any one of them changes the key (copies here, so the package is untouched).
    copies = []
    for source in sources:
        copy = tmp_path / source.parent.name / source.name
        copy.parent.mkdir(exist_ok=True)
        copy.write_bytes(source.read_bytes())
        copies.append(copy)
    monkeypatch.setattr(run, "rule_sources", lambda: copies)
    settings = load_settings()
    first = run.screening_key(settings)
    assert run.screening_key(settings) == first
    for copy in copies:
        original = copy.read_bytes()
        copy.write_bytes(original + b"\n# changed\n")
        assert run.screening_key(settings) != first, copy.name
        copy.write_bytes(original)


def test_screen_store_screens_a_review_again_only_when_something_changed(store, monkeypatch):
    from review_miner.ingest import ingest
    from review_miner.records import Metadata
    from review_miner.screen import run as screening  # where screen_store finds screen_document

    ingest([DATA / "good.txt", DATA / "good.pdf"], store, workers=1)
    screened: list[str] = []
    real = screening.screen_document

    def counting(document, *args, **kwargs):
        screened.append(document.file)
        return real(document, *args, **kwargs)

    monkeypatch.setattr(screening, "screen_document", counting)
    first = screening.screen_store(store)
    assert sorted(screened) == ["good.pdf", "good.txt"] and len(first) == 2
    screened.clear()
    again = screening.screen_store(store)
    assert screened == [] and again.equals(first)  # nothing changed: the stored flags serve
    pdf = next(d for d in store.documents() if d.file == "good.pdf")
    store.update_metadata(pdf.doc_id, pdf.metadata.merged(Metadata(kind="lcspr")))
    screening.screen_store(store)
    assert screened == ["good.pdf"]  # its kind changed, so its score may have
    screened.clear()
    screening.screen_store(store, {**screening.load_settings(), "weak_from": 99})
    assert sorted(screened) == ["good.pdf", "good.txt"]  # other settings: all again
