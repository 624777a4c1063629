"""Page furniture: running headers, footers, page numbers and markings go; body text stays."""

from pathlib import Path

from review_miner.clean import strip_furniture
from review_miner.readers import read_file
from review_miner.records import Line, Page


def page(number: int, *texts: str) -> Page:
    return Page(number=number, lines=tuple(Line(text=t) for t in texts))


def test_clean_removes_repeated_headers_and_page_numbers():
    pages = [
        page(
            1,
            "OFFICIAL SENSITIVE",
            "Elmbury Safeguarding Children Partnership",
            "Rapid Review: Child K",
            "Elmbury Safeguarding Children Partnership",
            "Child K was six.",
            "Page 1 of 3",
        ),
        page(
            2,
            "OFFICIAL SENSITIVE",
            "Elmbury Safeguarding Children Partnership",
            "Agency involvement",
            "The school saw Child K daily.",
            "Page 2 of 3",
        ),
        page(
            3,
            "OFFICIAL SENSITIVE",
            "Elmbury Safeguarding Children Partnership",
            "Learning",
            "Records were not shared.",
            "Page 3 of 3",
        ),
    ]
    cleaned = strip_furniture(pages)
    assert [line.text for line in cleaned[0].lines] == [
        "Rapid Review: Child K",
        "Elmbury Safeguarding Children Partnership",  # the cover line under the title stays
        "Child K was six.",
    ]
    assert [line.text for line in cleaned[1].lines] == [
        "Agency involvement",
        "The school saw Child K daily.",
    ]


def test_clean_removes_page_numbers_and_markings_even_on_one_page():
    cleaned = strip_furniture([page(1, "CONFIDENTIAL", "Summary", "Nothing else.", "- 1 -")])
    assert [line.text for line in cleaned[0].lines] == ["Summary", "Nothing else."]


def test_clean_keeps_a_sentence_that_repeats_in_mid_page():
    repeated = "The health visitor visited."
    pages = [page(n, "Heading", "a", "b", "c", repeated, "d", "e", "f") for n in (1, 2, 3)]
    cleaned = strip_furniture(pages)
    assert all(repeated in [line.text for line in p.lines] for p in cleaned)


def test_clean_strips_the_fixture_pdf_header_and_footer(data_dir: Path):
    _, pages = read_file(data_dir / "good.pdf")
    text = "\n".join(p.text for p in strip_furniture(pages))
    assert "OFFICIAL SENSITIVE" not in text
    assert "Page 1 of 3" not in text and "Page 3 of 3" not in text
    assert "Rapid Review - Child Z" not in text
    assert text.count("Larkfield Safeguarding Children Partnership") == 1


def test_clean_keeps_a_year_heading_at_the_top_of_a_page():
    cleaned = strip_furniture(
        [page(1, "2020", "In January the school raised concerns.", "Page 1 of 1")]
    )
    assert [line.text for line in cleaned[0].lines] == [
        "2020",
        "In January the school raised concerns.",
    ]


def test_clean_keeps_numbered_headings_that_only_look_like_running_headers():
    pages = [
        page(1, "Learning point 1", "Supervision was irregular.", "x"),
        page(2, "Context", "The team had vacancies.", "y"),
        page(3, "Learning point 2", "Records were not shared.", "z"),
        page(4, "Summary", "The partnership agreed actions.", "w"),
    ]
    cleaned = strip_furniture(pages)
    assert (
        cleaned[0].lines[0].text == "Learning point 1"
        and cleaned[2].lines[0].text == "Learning point 2"
    )


def test_clean_removes_a_footer_carrying_the_page_number():
    bodies = ["The GP saw Mother.", "The school called.", "Police attended."]
    pages = [page(n, bodies[n - 1], f"Brackenshire SCP {n}") for n in (1, 2, 3)]
    assert [[line.text for line in p.lines] for p in strip_furniture(pages)] == [
        [b] for b in bodies
    ]
