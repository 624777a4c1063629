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


def write_docx(path: Path, build) -> Path:
    import docx

    document = docx.Document()
    build(document)
    document.save(str(path))
    return path


def test_readers_docx_reads_content_controls_and_keeps_equal_cells(tmp_path: Path):
    from docx.oxml import parse_xml

    def build(document):
        document.add_paragraph("Before the control.")
        w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        control = parse_xml(
            f'<w:sdt xmlns:w="{w}"><w:sdtContent><w:p><w:r><w:t>Inside a content control.</w:t></w:r></w:p>'
            "</w:sdtContent></w:sdt>"
        )
        document.element.body.insert(1, control)
        table = document.add_table(rows=1, cols=3)
        for cell, text in zip(
            table.rows[0].cells, ["Was a referral made?", "No", "No"], strict=True
        ):
            cell.text = text

    _, pages = read_file(write_docx(tmp_path / "c.docx", build))
    texts = [line.text for page in pages for line in page.lines]
    assert texts == [
        "Before the control.",
        "Inside a content control.",
        "Was a referral made? | No | No",
    ]


def test_readers_docx_counts_one_page_for_two_marks_of_one_break(tmp_path: Path):
    from docx.enum.text import WD_BREAK
    from docx.oxml import OxmlElement

    def build(document):
        first = document.add_paragraph("End of page one.")
        first.runs[0].add_break(WD_BREAK.PAGE)  # an explicit break after the text
        second = document.add_paragraph()
        second._p.append(OxmlElement("w:r"))
        second._p[-1].append(
            OxmlElement("w:lastRenderedPageBreak")
        )  # Word's mark of the same break
        second.add_run("Start of page two.")

    _, pages = read_file(write_docx(tmp_path / "b.docx", build))
    assert [[line.text for line in page.lines] for page in pages] == [
        ["End of page one."],
        ["Start of page two."],
    ]


def test_readers_text_accepts_old_mac_line_endings(tmp_path: Path):
    path = tmp_path / "mac.txt"
    path.write_bytes(b"Rapid review\r\rChild M lives with his aunt.\r")
    _, pages = read_file(path)
    assert [line.text for line in pages[0].lines] == [
        "Rapid review",
        "Child M lives with his aunt.",
    ]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_readers_text_reads_utf16_saved_without_a_byte_order_mark(tmp_path: Path, encoding: str):
    path = tmp_path / "notes.txt"
    path.write_bytes("Review of Child W\n\nMum’s first language is Tigrinya.\n".encode(encoding))
    _, pages = read_file(path)
    assert [line.text for line in pages[0].lines] == [
        "Review of Child W",
        "Mum's first language is Tigrinya.",
    ]
