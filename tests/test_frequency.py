"""The frequency report: every figure checked against counts made by hand from CODED_REVIEWS."""

from pathlib import Path

import pandas as pd
import pytest
from conftest import external_references

from review_miner.codebook import load_codebook
from review_miner.report.frequency import (
    age_band,
    cooccurrence,
    frequency_table,
    report_tables,
    review_frame,
    screening_summary,
    theme_by_risk,
    toxic_trio,
)
from review_miner.report.render import write_report

BOOK = load_codebook()


@pytest.fixture
def frame(coded_store) -> pd.DataFrame:
    return review_frame(coded_store, BOOK)


@pytest.mark.parametrize(
    ("age", "band"),
    [(0, "under 1"), (0.9, "under 1"), (1, "1-4"), (4.9, "1-4"), (5, "5-9"), (14, "10-14"),
     (17.5, "15-17"), (None, "not stated"), (19, "not stated")],
)  # fmt: skip
def test_age_bands_are_the_panels(age, band):
    assert age_band(age) == band


def test_the_review_frame_has_metadata_screening_and_one_column_per_code(frame):
    assert len(frame) == 6
    a = frame.set_index("file").loc["a.txt"]
    assert (a["kind"], a["incident"], a["age_band"], a["quarter"]) == (
        "rapid_review", "death", "under 1", "2022Q4"
    )  # fmt: skip
    assert (a["ethnicity"], a["chronology_heavy"]) == ("absent", True)
    assert a["risk.domestic_abuse"] == 1 and a["risk.child_disability"] == 0  # negated: not carried


def test_the_review_frame_carries_every_screening_result_as_screening_csv_names_it(coded_store):
    """reviews.csv is one row per review: the screening list's results are there too."""
    from review_miner.records import Flag
    from review_miner.screen.table import SCREEN_COLUMNS

    a = next(d for d in coded_store.documents(with_text=False) if d.file == "a.txt")
    given = {
        "ethnicity": "stated_only", "chronology_share": "0.61", "analysis_share": "0.2",
        "chronology_heavy": "true", "lcspr_rationale": "n/a", "child_voice": "false",
        "family_views": "true", "practitioner_views": "false", "learning": "true",
        "recommendations": "4", "specific_recommendations": "3", "working_days": "",
        "weakness_score": "5",
    }  # fmt: skip
    coded_store.save_screening({}, [Flag(a.doc_id, name, value) for name, value in given.items()])
    frame = review_frame(coded_store, BOOK).set_index("file")
    results = [c for c in SCREEN_COLUMNS if c not in ("file", "doc_id", "kind", "quarter", "evidence")]
    assert set(results) == set(given)
    assert set(results) <= set(frame.columns)
    for column in results:
        ours, stored = frame.at["a.txt", column], given[column]
        assert (pd.isna(ours) and stored == "") or str(ours).lower() == stored
    assert frame.at["a.txt", "weakness_score"] == 5
    assert pd.isna(frame.at["b.txt", "weakness_score"])  # not screened: blank, not 0
    codes = [c for c in frame.columns if "." in c]
    assert [c.split(".")[0] for c in codes][:6] == ["theme"] * 6  # report order
    assert codes[-1].startswith("context.")


def rows(table: pd.DataFrame) -> pd.DataFrame:
    return table.set_index("code")


def test_frequency_counts_each_review_once_overall_and_by_incident(frame):
    table = frequency_table(frame, BOOK, "incident")
    base = table.iloc[0]
    assert (base["all_n"], base["death_n"], base["serious_harm_n"], base["other_n"]) == (6, 3, 3, 0)
    abuse = rows(table).loc["risk.domestic_abuse"]
    assert (abuse["all_n"], abuse["all_pct"]) == (4, 66.7)  # a, b, c, f of six
    assert (abuse["death_n"], abuse["death_pct"]) == (3, 100.0)  # a, c, f
    assert (abuse["serious_harm_n"], abuse["serious_harm_pct"]) == (1, 33.3)  # b
    assert pd.isna(abuse["other_pct"])  # no review in the group: no percentage
    engagement = rows(table).loc["theme.engagement"]
    assert (engagement["all_n"], engagement["all_pct"]) == (2, 33.3)
    assert rows(table).loc["risk.child_disability", "all_n"] == 0
    assert list(table["frame"].iloc[1:7]) == ["theme"] * 6  # the Panel's themes come first


def test_frequency_by_kind_and_by_age_band(frame):
    kind = rows(frequency_table(frame, BOOK, "kind"))
    assert (kind.loc["theme.engagement", "rapid_review_n"], kind.loc["theme.engagement", "rapid_review_pct"]) == (2, 50.0)
    assert (kind.loc["risk.domestic_abuse", "lcspr_n"], kind.loc["risk.domestic_abuse", "lcspr_pct"]) == (1, 50.0)
    age = frequency_table(frame, BOOK, "age_band")
    assert [c for c in age.columns if c.endswith("_n")] == [
        "all_n", "under_1_n", "1-4_n", "5-9_n", "10-14_n", "15-17_n", "not_stated_n"
    ]  # fmt: skip
    assert rows(age).loc["risk.domestic_abuse", "1-4_pct"] == 100.0  # b and f


def test_cooccurrence_and_the_toxic_trio(frame):
    risks = ["risk.domestic_abuse", "risk.parental_mental_ill_health", "risk.parental_drug_misuse"]
    square = cooccurrence(frame, risks).set_index("code")
    assert square.loc["risk.domestic_abuse", "risk.domestic_abuse"] == 4
    assert square.loc["risk.domestic_abuse", "risk.parental_mental_ill_health"] == 2  # a, c
    assert square.loc["risk.parental_drug_misuse", "risk.parental_mental_ill_health"] == 1  # a
    trio = toxic_trio(frame).set_index("pattern")["reviews"]
    assert trio["all three"] == 1  # a (drug misuse)
    assert trio["domestic abuse and parental substance misuse only"] == 1  # b (alcohol)
    assert trio["domestic abuse and parental mental ill-health only"] == 1  # c
    assert (trio["exactly two"], trio["exactly one"], trio["none"], trio["at least two"]) == (2, 1, 2, 3)
    assert toxic_trio(frame).set_index("pattern").loc["all three", "pct"] == 16.7


def test_themes_by_risk_factors(frame):
    table = theme_by_risk(frame, BOOK).set_index("theme")
    assert table.loc["theme.engagement", "risk.domestic_abuse"] == 2  # a, b
    assert table.loc["theme.engagement", "risk.parental_mental_ill_health"] == 1  # a
    assert table.loc["theme.critical_thinking", "risk.domestic_abuse"] == 0


def test_screening_shares_by_kind_and_quarter_leave_out_unscreened_reviews(frame):
    kind = screening_summary(frame, "kind").set_index("kind")
    assert kind.loc["all", "reviews"] == 5  # e was not screened
    assert (kind.loc["all", "ethnicity_absent_n"], kind.loc["all", "ethnicity_absent_pct"]) == (2, 40.0)
    assert kind.loc["all", "chronology_heavy_pct"] == 40.0
    assert (kind.loc["rapid_review", "reviews"], kind.loc["rapid_review", "ethnicity_stated_only_pct"]) == (3, 66.7)
    assert kind.loc["lcspr", "ethnicity_stated_and_analysed_n"] == 1
    quarter = screening_summary(frame, "quarter").set_index("quarter")
    assert list(quarter.index) == ["all", "2022Q3", "2022Q4", "2023Q1"]
    assert (quarter.loc["2022Q4", "reviews"], quarter.loc["2022Q4", "chronology_heavy_n"]) == (2, 1)


def test_report_files_agree_with_each_other_and_need_no_network(coded_store, tmp_path: Path):
    paths = write_report(coded_store, BOOK, tmp_path / "report")
    names = {p.name for p in paths}
    assert {"frequency_by_incident.csv", "toxic_trio.csv", "screening_by_quarter.csv",
            "report.xlsx", "report.html"} <= names  # fmt: skip
    tables = report_tables(coded_store, BOOK)
    workbook = pd.read_excel(tmp_path / "report" / "report.xlsx", sheet_name=None)
    assert set(workbook) == {name[:31] for name in tables}
    csv = pd.read_csv(tmp_path / "report" / "toxic_trio.csv")
    assert csv["reviews"].tolist() == workbook["toxic_trio"]["reviews"].tolist()

    html = (tmp_path / "report" / "report.html").read_text()
    assert external_references(html) == []
    assert "<svg" in html and "Source: toxic_trio.csv" in html
    assert "<script>alert" not in html  # the reviews table shows file names only; nothing raw


def test_stored_topics_appear_in_the_report_with_their_text_escaped(coded_store, tmp_path: Path):
    from review_miner.records import Topic

    a = next(d for d in coded_store.documents() if d.file == "a.txt")
    passage = next(p for p in coded_store.passages(a.doc_id) if "<script>" in p.text)
    topic = Topic(0, "quayle, visit, flat", (("quayle", 0.5),), 1, "theme.engagement", 0.61,
                  (passage.passage_id,))  # fmt: skip
    coded_store.save_topics("k", {}, [topic], {passage.passage_id: 0}, "1 topic")
    table = report_tables(coded_store, BOOK)["topics"]
    assert table.iloc[0][["topic", "passages", "nearest_label"]].tolist() == [
        0, 1, "Working with families where engagement is reluctant and sporadic"
    ]  # fmt: skip
    write_report(coded_store, BOOK, tmp_path)
    html = (tmp_path / "report.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
