"""Segmentation: headings, paragraphs and sections, with offsets that slice back to the text."""

from pathlib import Path

import pytest

from review_miner.clean import strip_furniture
from review_miner.readers import read_file
from review_miner.records import Line, Page
from review_miner.segment import segment


def pdf_lines(*specs: tuple[str, float, bool, float]) -> tuple[Line, ...]:
    """Lines as a PDF gives them: (text, size, bold, top)."""
    return tuple(Line(text=t, size=s, bold=b, top=top, bottom=top + s) for t, s, b, top in specs)


def text_page(number: int, text: str) -> Page:
    lines, blank = [], True
    for raw in text.split("\n"):
        if not raw.strip():
            blank = True
            continue
        lines.append(Line(text=raw.strip(), starts_block=blank))
        blank = False
    return Page(number=number, lines=tuple(lines))


@pytest.fixture(scope="module")
def fixture_passages():
    def run(name: str):
        _, pages = read_file(Path(__file__).parent / "data" / name)
        return segment("doc", strip_furniture(pages))

    return {name: run(name) for name in ("good.pdf", "good.docx", "good.txt")}


@pytest.mark.parametrize("name", ["good.pdf", "good.docx", "good.txt"])
def test_segment_finds_the_same_headings_in_every_format(fixture_passages, name: str):
    _, passages = fixture_passages[name]
    headings = [(p.level, p.text) for p in passages if p.kind == "heading"]
    expected = [
        (1, "1. Reason for the rapid review"),
        (1, "2. The child and family"),
        (1, "3. Agency involvement"),
        (2, "3.1 Health visiting"),
        (1, "4. Analysis"),
        (1, "5. Decision on a Local Child Safeguarding Practice Review"),
    ]
    if name == "good.docx":  # a bold-only "Learning" paragraph is a heading too
        expected.insert(5, (1, "Learning"))
    assert headings == expected
    assert passages[0].kind == "title" and passages[0].text.startswith("Rapid Review: Child")


@pytest.mark.parametrize("name", ["good.pdf", "good.docx", "good.txt"])
def test_segment_offsets_slice_back_to_each_passage(fixture_passages, name: str):
    text, passages = fixture_passages[name]
    for passage in passages:
        assert text[passage.start : passage.end] == passage.text
        for start, end in passage.sentences:
            assert passage.text[start:end].strip()
    assert [p.index for p in passages] == list(range(len(passages)))
    assert all(p.passage_id == f"doc:{p.index}" for p in passages)


@pytest.mark.parametrize("name", ["good.pdf", "good.txt"])
def test_segment_mends_hyphenation_and_keeps_numbered_paragraphs(fixture_passages, name: str):
    _, passages = fixture_passages[name]
    numbered = next(p for p in passages if p.text.startswith("3.2 On 12 October"))
    assert numbered.kind == "paragraph"
    assert numbered.section == "3.1 Health visiting"
    assert numbered.heading_path == "3. Agency involvement > 3.1 Health visiting"
    assert "safeguarding lead" in numbered.text


@pytest.mark.parametrize("name", ["good.pdf", "good.txt"])
def test_segment_joins_a_paragraph_across_a_page_break(fixture_passages, name: str):
    _, passages = fixture_passages[name]
    analysis = next(p for p in passages if p.text.startswith("Practitioners accepted"))
    assert analysis.text.endswith(
        "curiosity that was also seen in earlier contacts with the family."
    )
    assert (analysis.page, analysis.page_end) == (2, 3)
    assert analysis.section == "4. Analysis"


def test_segment_uses_font_size_and_weight_in_pdfs():
    page = Page(
        1,
        pdf_lines(
            ("Findings", 14, True, 100),
            ("Agencies worked hard to support the", 10, False, 120),
            ("family throughout the period.", 10, False, 132),
            ("Supervision", 11, True, 160),
            ("Supervision was regular.", 10, False, 176),
        ),
    )
    _, passages = segment("d", [page])
    assert [(p.kind, p.level, p.text) for p in passages] == [
        ("title", 0, "Findings"),
        ("paragraph", None, "Agencies worked hard to support the family throughout the period."),
        ("heading", 1, "Supervision"),
        ("paragraph", None, "Supervision was regular."),
    ]


def test_segment_splits_pdf_paragraphs_on_vertical_gaps():
    page = Page(
        1,
        pdf_lines(
            ("The first paragraph runs over", 10, False, 100),
            ("two lines.", 10, False, 112),
            ("The second starts after a gap.", 10, False, 134),
        ),
    )
    _, passages = segment("d", [page])
    assert [p.text for p in passages] == [
        "The first paragraph runs over two lines.",
        "The second starts after a gap.",
    ]


def test_segment_detects_typical_review_headings_in_plain_text():
    page = text_page(
        1,
        "Rapid review\n\nChronology\nOn 3 May the GP saw Mother.\n\nANALYSIS OF PRACTICE\n\n"
        "Practitioners were not curious.\n\nRecommendations:\n\n"
        "- Audit the referrals.\n- Train staff.",
    )
    _, passages = segment("d", [page])
    assert [(p.kind, p.text) for p in passages] == [
        ("title", "Rapid review"),
        ("heading", "Chronology"),
        ("paragraph", "On 3 May the GP saw Mother."),
        ("heading", "ANALYSIS OF PRACTICE"),
        ("paragraph", "Practitioners were not curious."),
        ("heading", "Recommendations:"),
        ("bullet", "Audit the referrals."),
        ("bullet", "Train staff."),
    ]
    assert passages[-1].section == "Recommendations:"


def test_segment_keeps_hyphens_the_document_uses_elsewhere():
    page = text_page(
        1,
        "The pre-birth assessment was late.\n\nNo pre-\nbirth assessment and no safe-\n"
        "guarding referral followed.",
    )
    _, passages = segment("d", [page])
    assert passages[1].text == "No pre-birth assessment and no safeguarding referral followed."


def test_segment_does_not_take_a_cover_line_for_a_heading():
    page = text_page(
        1, "Rapid Review: Child Q\n\nDate of incident: 3 May 2022\n\nReport date: 9 June 2022"
    )
    _, passages = segment("d", [page])
    assert [p.kind for p in passages] == ["title", "paragraph", "paragraph"]


def test_segment_keeps_a_partnership_line_apart_from_the_title_above_it():
    page = text_page(
        1,
        "Rapid Review: Child X\nFenwold Safeguarding Children Partnership\n\n"
        "Child X was two when she was admitted to hospital.",
    )
    _, passages = segment("d", [page])
    assert [(p.kind, p.text) for p in passages][:2] == [
        ("title", "Rapid Review: Child X"),
        ("paragraph", "Fenwold Safeguarding Children Partnership"),
    ]
