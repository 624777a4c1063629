"""Readers: every supported format gives pages of lines; every bad input a plain reason."""

from pathlib import Path

import pytest
from conftest import BAD_INPUTS

from review_miner.errors import UnreadableFile
from review_miner.readers import PDF_ENGINES, normalise, read_file


@pytest.mark.parametrize(("name", "reason"), sorted(BAD_INPUTS.items()))
def test_readers_report_bad_input_with_a_plain_reason(data_dir: Path, name: str, reason: str):
    with pytest.raises(UnreadableFile) as caught:
        read_file(data_dir / name)
    assert caught.value.reason.startswith(reason)
    assert name in str(caught.value)


def test_readers_name_unsupported_formats(tmp_path: Path):
    old_word = tmp_path / "review.doc"
    old_word.write_bytes(b"\xd0\xcf\x11\xe0 old word")
    with pytest.raises(UnreadableFile, match="old Word .doc format"):
        read_file(old_word)
    other = tmp_path / "review.xyz"
    other.write_text("x")
    with pytest.raises(UnreadableFile, match="unsupported file type"):
        read_file(other)


def test_readers_pdf_keeps_reading_order_and_layout_hints(data_dir: Path):
    file_format, pages = read_file(data_dir / "good.pdf")
    assert file_format == "pdf"
    assert [page.number for page in pages] == [1, 2, 3]
    title = next(line for line in pages[0].lines if line.text == "Rapid Review: Child Z")
    body = next(line for line in pages[0].lines if line.text.startswith("Child Z was four"))
    assert title.bold and title.size == 18
    assert not body.bold and body.size == 10.5
    tops = [line.top for line in pages[0].lines]
    assert tops == sorted(tops)


def test_readers_docx_takes_heading_styles_and_page_breaks(data_dir: Path):
    file_format, pages = read_file(data_dir / "good.docx")
    assert file_format == "docx"
    assert len(pages) == 2  # one explicit page break before "4. Analysis"
    levels = {line.text: line.heading_level for page in pages for line in page.lines}
    assert levels["Rapid Review: Child Y"] == 0
    assert levels["1. Reason for the rapid review"] == 1
    assert levels["3.1 Health visiting"] == 2
    assert pages[1].lines[0].text == "4. Analysis"
    # Word keeps headers and footers apart from the body: they never reach the text.
    assert not any("OFFICIAL" in line.text for page in pages for line in page.lines)


def test_readers_text_splits_pages_on_form_feeds(data_dir: Path):
    file_format, pages = read_file(data_dir / "good.txt")
    assert file_format == "txt"
    assert len(pages) == 3
    assert pages[0].lines[0].starts_block


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("the \ufb01rst \ufb02oor", "the first floor"),
        ("\u201cnew birth\u201d visit", '"new birth" visit'),
        ("mother\u2019s partner", "mother's partner"),
        ("2019\u20132021", "2019-2021"),
        ("a\u00a0b   c\t d", "a b c d"),
        ("safe\u00adguarding", "safeguarding"),
    ],
)
def test_readers_normalise_ligatures_quotes_and_spaces(raw: str, expected: str):
    assert normalise(raw) == expected


@pytest.mark.parametrize(
    "name", ["scanned.pdf", "encrypted.pdf", "truncated.pdf", "html_named.pdf"]
)
def test_readers_give_the_same_reason_with_either_pdf_engine(data_dir: Path, name: str):
    reasons = []
    for engine in PDF_ENGINES:
        with pytest.raises(UnreadableFile) as caught:
            read_file(data_dir / name, engine)
        reasons.append(caught.value.reason.split(" (")[0])
    assert len(set(reasons)) == 1


def test_readers_pdf_engines_agree_on_lines(data_dir: Path):
    lines = {}
    for engine in PDF_ENGINES:
        _, pages = read_file(data_dir / "good.pdf", engine)
        lines[engine] = [
            (p.number, ln.text, ln.size, ln.bold, round(ln.top)) for p in pages for ln in p.lines
        ]
    assert lines["pypdfium2"] == lines["pdfplumber"]


def test_readers_reject_an_unknown_pdf_engine(data_dir: Path):
    with pytest.raises(ValueError, match="unknown PDF engine"):
        read_file(data_dir / "good.pdf", "ghostscript")
