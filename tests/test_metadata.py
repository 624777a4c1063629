"""Metadata: inferred from the cover and opening sections, overridden by metadata.csv."""

from datetime import date
from pathlib import Path

import pytest

from review_miner.errors import MetadataError
from review_miner.metadata import infer, load_overrides, parse_date
from review_miner.records import Metadata, Passage


def passages_of(text: str) -> list[Passage]:
    first = text.split("\n\n")[0]
    return [Passage("d:0", "d", 0, "title", first, 0, len(first), 1, 1)]


def test_metadata_reads_a_rapid_review_cover():
    text = (
        "Rapid Review: Baby R\n\nThe Ashvale Safeguarding Children Partnership\n\n"
        "Date of incident: 14/03/2022\n\nDate of rapid review meeting: 30 March 2022\n\n"
        "Report date: 4th April 2022\n\n1. Reason for the review\n\n"
        "Baby R was ten weeks old when she died in hospital."
    )
    meta = infer(text, passages_of(text), "review.pdf")
    assert meta == Metadata(
        kind="rapid_review",
        child="Baby R",
        partnership="Ashvale Safeguarding Children Partnership",
        incident="death",
        child_age_years=0.19,
        incident_date=date(2022, 3, 14),
        review_date=date(2022, 4, 4),  # the report's date wins over the meeting's
        quarter="2022Q2",
    )


def test_metadata_reads_a_date_label_after_a_sentence_in_the_same_paragraph():
    text = (
        "Rapid Review: Child Y\n\nChild Y was fifteen when she died in October 2023. "
        "Date of report: 9 February 2024."
    )
    meta = infer(text, passages_of(text), "review.txt")
    assert (meta.review_date, meta.quarter) == (date(2024, 2, 9), "2024Q1")
    # Without its colon the phrase is narration, not a label.
    narrated = text.replace("Date of report: 9 February 2024.", "The date of report 9 May 2024.")
    assert infer(narrated, passages_of(narrated), "review.txt").review_date is None


def test_metadata_reads_an_lcspr_and_a_narrated_incident():
    text = (
        "Local Child Safeguarding Practice Review: Child T\n\nPublished: November 2021\n\n"
        "Child T, a 15-year-old boy, was seriously injured on 2 February 2021. "
        "His mother, aged 41, called an ambulance."
    )
    meta = infer(text, passages_of(text))
    assert (meta.kind, meta.child, meta.incident) == ("lcspr", "Child T", "serious_harm")
    assert meta.child_age_years == 15
    assert meta.incident_date == date(2021, 2, 2)
    assert (meta.review_date, meta.quarter) == (date(2021, 11, 1), "2021Q4")


@pytest.mark.parametrize(
    ("sentence", "years"),
    [
        ("Child D was four years old.", 4.0),
        ("Child D, aged 15, lived with her aunt.", 15.0),
        ("Child D was 18 months old.", 1.5),
        ("Child D was five weeks old.", 0.1),
        ("Mother, aged 19, lived with Child D, who was seven months old.", 0.58),
        ("Child D is a 14-year-old girl.", 14.0),
    ],
)
def test_metadata_finds_the_childs_age_not_the_parents(sentence: str, years: float):
    text = f"Rapid Review: Child D\n\n{sentence}"
    assert infer(text, passages_of(text)).child_age_years == years


def test_metadata_says_nothing_it_cannot_find():
    text = "Notes from a meeting\n\nThe group discussed training."
    meta = infer(text, passages_of(text), "notes.txt")
    assert meta == Metadata(kind="other")


def test_metadata_falls_back_on_the_file_name_for_the_kind():
    text = "Child M\n\nA summary."
    assert infer(text, passages_of(text), "rr_2022_child_m.pdf").kind == "rapid_review"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8 January 2022", date(2022, 1, 8)),
        ("08/01/2022", date(2022, 1, 8)),
        ("2022-01-08", date(2022, 1, 8)),
    ],
)
def test_metadata_parses_dates_day_first(text: str, expected: date):
    assert parse_date(text) == expected


def write_csv(folder: Path, text: str) -> Path:
    (folder / "metadata.csv").write_text(text, encoding="utf-8")
    return folder


def test_metadata_csv_overrides_only_the_cells_given(tmp_path: Path):
    write_csv(
        tmp_path,
        "file,kind,incident,review_date,quarter\na.pdf,lcspr,,14/02/2023,\nb.pdf,,death,,2022Q3\n",
    )
    overrides = load_overrides(tmp_path)
    assert overrides["a.pdf"] == Metadata(kind="lcspr", review_date=date(2023, 2, 14))
    inferred = Metadata(
        kind="rapid_review", incident="serious_harm", review_date=date(2022, 5, 1), quarter="2022Q2"
    )
    merged = inferred.merged(overrides["a.pdf"])
    assert (merged.kind, merged.incident, merged.quarter) == ("lcspr", "serious_harm", "2023Q1")
    assert inferred.merged(overrides["b.pdf"]).quarter == "2022Q3"


def test_metadata_csv_missing_means_no_overrides(tmp_path: Path):
    assert load_overrides(tmp_path) == {}


@pytest.mark.parametrize(
    ("csv_text", "message"),
    [
        ("name,kind\na.pdf,lcspr\n", "no 'file' column"),
        ("file,type\na.pdf,lcspr\n", "unknown column 'type'"),
        ("file,kind\na.pdf,rr\n", "row 2, column 'kind': 'rr' is not one of"),
        ("file,incident\na.pdf,died\n", "row 2, column 'incident'"),
        ("file,child_age_years\na.pdf,20\n", "row 2, column 'child_age_years'"),
        (
            "file,review_date\na.pdf,\nb.pdf,next week\n",
            "row 3, column 'review_date': 'next week' is not a date",
        ),
        ("file,quarter\na.pdf,Q4 2022\n", "is not a quarter like 2022Q4"),
    ],
)
def test_metadata_csv_errors_name_the_file_row_and_column(
    tmp_path: Path, csv_text: str, message: str
):
    write_csv(tmp_path, csv_text)
    with pytest.raises(MetadataError, match="metadata.csv") as caught:
        load_overrides(tmp_path)
    assert message in str(caught.value)


def test_metadata_non_fatal_harm_is_not_a_death():
    text = "Rapid Review: Child P\n\nChild P suffered a non-fatal strangulation and was admitted to hospital."
    assert infer(text, passages_of(text)).incident == "serious_harm"


def test_metadata_csv_rejects_two_rows_for_one_file(tmp_path: Path):
    write_csv(tmp_path, "file,kind\nb.pdf,scr\nb.pdf,lcspr\n")
    with pytest.raises(MetadataError, match="row 3: 'b.pdf' has a row already"):
        load_overrides(tmp_path)
