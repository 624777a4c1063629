"""Regenerate the ingestion test fixtures in tests/data/.

All text is fictional. Output is byte-for-byte deterministic, so re-running the script on the
same machine leaves git clean.

Usage:
    python tests/data/make_fixtures.py [--out DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.text.paragraph import Paragraph as DocxParagraph
from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

HERE = Path(__file__).resolve().parent

MARKING = "OFFICIAL SENSITIVE"
PARTNERSHIP = "Larkfield Safeguarding Children Partnership"
PDF_FOOTER = "Rapid Review - Child Z"
PDF_TITLE = "Rapid Review: Child Z"
DOCX_TITLE = "Rapid Review: Child Y"

Style = Literal["title", "h1", "h2", "body"]
# One drawn line of good.pdf; None is the extra gap between paragraphs.
Line = tuple[Style, str] | None

TITLE: Style = "title"
H1: Style = "h1"
H2: Style = "h2"
BODY: Style = "body"

PAGES: list[list[Line]] = [
    [
        (TITLE, PDF_TITLE),
        None,
        (BODY, PARTNERSHIP),
        None,
        (BODY, "Date of incident: 3 October 2022"),
        None,
        (BODY, "Date of report: 1 November 2022"),
        None,
        (H1, "1. Reason for the rapid review"),
        (BODY, "Child Z was four months old when she was admitted to hospital with serious"),
        (BODY, "injuries on 3 October 2022. The local authority notified the national Panel"),
        (BODY, "within five working days."),
        None,
        (H1, "2. The child and family"),
        (
            BODY,
            "Child Z lived with her mother and her mother\u2019s partner. "
            "The \ufb01rst contact with",
        ),
        (BODY, "the family was a \u201cnew birth\u201d visit by the health visitor."),
        None,
        (H1, "3. Agency involvement"),
        (H2, "3.1 Health visiting"),
        (BODY, "3.2 On 12 October the health visitor discussed the family with the safe-"),
        (BODY, "guarding lead, who advised a referral to children\u2019s social care."),
    ],
    [
        (H1, "4. Analysis"),
        (BODY, "Practitioners accepted the mother\u2019s account of the bruising without"),
        (BODY, "seeking an explanation from her partner. This suggests a lack of professional"),
        (BODY, "curiosity that"),
    ],
    [
        (BODY, "was also seen in earlier contacts with the family."),
        None,
        (H1, "5. Decision on a Local Child Safeguarding Practice Review"),
        (BODY, "The partnership decided to commission a Local Child Safeguarding Practice"),
        (BODY, "Review because the case may highlight improvements needed to safeguard children."),
    ],
]

FONTS: dict[Style, tuple[str, float]] = {
    TITLE: ("Helvetica-Bold", 18),
    H1: ("Helvetica-Bold", 13),
    H2: ("Helvetica-Bold", 11),
    BODY: ("Helvetica", 10.5),
}
LEFT_X = 60
RIGHT_X = 535
TOP_Y = 760
LINE_STEP = 14
PARAGRAPH_GAP = 10
HEADER_Y = 810
FOOTER_Y = 30
FURNITURE_FONT = ("Helvetica", 8)

# Helvetica has no glyph for U+FB01 (the "fi" ligature), so characters outside its cp1252
# repertoire are drawn in this TTF, which reportlab embeds with a ToUnicode map.
FALLBACK_FONT_NAME = "DejaVuSans"
FALLBACK_FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

# Fixed so that regenerating gives the same bytes; 2000-01-01 matches the date reportlab writes
# into PDFs when invariant=1.
FIXED_TIMESTAMP = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
AUTHOR = "review_miner test fixtures"


# --------------------------------------------------------------------------- good.pdf


def _fallback_font() -> str | None:
    """Register the fallback TTF if this machine has it.

    Returns:
        The registered font name, or None if the font file is missing.
    """
    if FALLBACK_FONT_NAME in pdfmetrics.getRegisteredFontNames():
        return FALLBACK_FONT_NAME
    if not FALLBACK_FONT_PATH.is_file():
        return None
    pdfmetrics.registerFont(TTFont(FALLBACK_FONT_NAME, str(FALLBACK_FONT_PATH)))
    return FALLBACK_FONT_NAME


def _runs(text: str, font: str, fallback: str | None) -> Iterator[tuple[str, str]]:
    """Split text into (font, text) runs so each character has a glyph.

    Without the fallback font the ligature is spelled "fi" in Helvetica instead, which keeps
    the PDF readable but means good.pdf no longer tests ligature handling.
    """
    run, run_font = "", font
    for char in text:
        try:
            char.encode("cp1252")
            char_font = font
        except UnicodeEncodeError:
            if fallback is None:
                char, char_font = char.replace("\ufb01", "fi"), font
            else:
                char_font = fallback
        if char_font != run_font and run:
            yield run_font, run
            run = ""
        run, run_font = run + char, char_font
    if run:
        yield run_font, run


def _draw_line(canvas: Canvas, y: float, style: Style, text: str, fallback: str | None) -> None:
    font, size = FONTS[style]
    x: float = LEFT_X
    for run_font, run in _runs(text, font, fallback):
        canvas.setFont(run_font, size)
        canvas.drawString(x, y, run)
        x += pdfmetrics.stringWidth(run, run_font, size)


def _draw_furniture(canvas: Canvas, number: int, total: int) -> None:
    canvas.setFont(*FURNITURE_FONT)
    canvas.drawCentredString(A4[0] / 2, HEADER_Y, MARKING)
    canvas.drawRightString(RIGHT_X, HEADER_Y, PARTNERSHIP)
    canvas.drawString(LEFT_X, FOOTER_Y, PDF_FOOTER)
    canvas.drawRightString(RIGHT_X, FOOTER_Y, f"Page {number} of {total}")


def make_good_pdf(path: Path) -> None:
    """Draw good.pdf line by line so its line breaks are exactly those in PAGES.

    Args:
        path: Where to write the PDF.
    """
    fallback = _fallback_font()
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.setTitle(PDF_TITLE)
    canvas.setAuthor(AUTHOR)
    for number, page in enumerate(PAGES, start=1):
        _draw_furniture(canvas, number, len(PAGES))
        y: float = TOP_Y
        for line in page:
            if line is None:
                y -= PARAGRAPH_GAP
                continue
            _draw_line(canvas, y, *line, fallback)
            y -= LINE_STEP
        canvas.showPage()
    canvas.save()


# --------------------------------------------------------------------------- good.txt


def make_good_txt(path: Path) -> None:
    """Write good.pdf's text as a pdftotext-style dump, header and footer included.

    Each header and footer is one line, as pdfplumber reads good.pdf; pages are separated by
    a form feed and paragraphs by a blank line.

    Args:
        path: Where to write the text file.
    """
    pages = []
    for number, page in enumerate(PAGES, start=1):
        lines = [f"{MARKING} {PARTNERSHIP}"]
        lines += ["" if line is None else line[1] for line in page]
        lines.append(f"{PDF_FOOTER} Page {number} of {len(PAGES)}")
        pages.append("\n".join(lines) + "\n")
    path.write_text("\f".join(pages), encoding="utf-8", newline="\n")


# --------------------------------------------------------------------------- good.docx


def _docx_paragraphs() -> list[tuple[Style, str]]:
    """Reflow good.pdf's lines into Word paragraphs.

    Hard-wrapped lines are joined, including across pages, and a line ending in a hyphen is
    joined without it, because Word does not hard-hyphenate.

    Returns:
        (style, text) pairs in reading order.
    """
    paragraphs: list[tuple[Style, str]] = []
    open_text: str | None = None

    def close() -> None:
        nonlocal open_text
        if open_text is not None:
            paragraphs.append((BODY, open_text))
            open_text = None

    for line in (line for page in PAGES for line in page):
        if line is None:
            close()
        elif line[0] != BODY:
            close()
            paragraphs.append(line)
        elif open_text is None:
            open_text = line[1]
        elif open_text.endswith("-"):
            open_text = open_text[:-1] + line[1]
        else:
            open_text = f"{open_text} {line[1]}"
    close()
    return paragraphs


def _add_field(paragraph: DocxParagraph, instruction: str, cached: str) -> None:
    # A complex field, as Word writes it; the cached result shows until the viewer updates it.
    def fld_char(kind: str) -> Any:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    paragraph.add_run()._r.append(fld_char("begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    paragraph.add_run()._r.append(fld_char("separate"))
    paragraph.add_run(cached)
    paragraph.add_run()._r.append(fld_char("end"))


def _save_docx_deterministically(document: Any, path: Path) -> None:
    # python-docx stamps every zip member with the current time; rewrite with a fixed one.
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            dst.writestr(member, src.read(info.filename))


def make_good_docx(path: Path) -> None:
    """Write good.docx: good.pdf's content as Word would hold it, titled for Child Y.

    Args:
        path: Where to write the DOCX.
    """
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)

    marking = section.header.paragraphs[0]
    marking.text = MARKING
    marking.alignment = WD_ALIGN_PARAGRAPH.CENTER
    section.header.add_paragraph(PARTNERSHIP).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("Page ")
    _add_field(footer, "PAGE", "1")
    footer.add_run(" of ")
    _add_field(footer, "NUMPAGES", "2")

    styles: dict[Style, str] = {TITLE: "Title", H1: "Heading 1", H2: "Heading 2", BODY: "Normal"}
    for style, text in _docx_paragraphs():
        if style == TITLE:
            text = DOCX_TITLE
        if text.startswith("4. "):
            # Word's own Insert > Page Break: a paragraph holding one page-break run.
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        if text.startswith("5. "):
            # A bold Normal paragraph standing in for a heading, as many authors write them.
            document.add_paragraph(style="Normal").add_run("Learning").bold = True
            document.add_paragraph(
                "Supervision should test the evidence for a parent\u2019s account."
            )
        document.add_paragraph(text, style=styles[style])

    core = document.core_properties
    core.title = DOCX_TITLE
    core.author = core.last_modified_by = AUTHOR
    core.revision = 1
    core.created = core.modified = core.last_printed = FIXED_TIMESTAMP
    _save_docx_deterministically(document, path)


# --------------------------------------------------------------------------- bad inputs


def _scan_image(seed: int) -> Image.Image:
    """Draw a page of grey bars that look like lines of text on a low-resolution scan."""
    width, height = 595, 842
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    rng = random.Random(seed)
    y = 90
    while y < height - 90:
        if rng.random() < 0.15:
            y += 14  # paragraph gap
            continue
        x = 60
        line_end = rng.randint(380, 535)
        while x < line_end:
            word = rng.randint(12, 55)
            draw.rectangle((x, y, min(x + word, line_end), y + 6), fill=rng.randint(90, 140))
            x += word + 5
        y += 14
    return image


def make_scanned_pdf(path: Path) -> None:
    """Write a two-page PDF whose pages are only raster images, with no text layer.

    Args:
        path: Where to write the PDF.
    """
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    for seed in (1, 2):
        canvas.drawImage(ImageReader(_scan_image(seed)), 0, 0, width=A4[0], height=A4[1])
        canvas.showPage()
    canvas.save()


def make_encrypted_pdf(path: Path) -> None:
    """Write a one-page text PDF that needs the user password "secret" to open.

    Args:
        path: Where to write the PDF.
    """
    # An explicit owner password and strength keep the output independent of reportlab's
    # defaults; with invariant=1 the encryption key, and so the bytes, are fixed.
    encryption = StandardEncryption("secret", ownerPassword="owner-secret", strength=128)
    canvas = Canvas(str(path), pagesize=A4, invariant=1, encrypt=encryption)
    canvas.setFont("Helvetica-Bold", 18)
    canvas.drawString(LEFT_X, TOP_Y, "Rapid Review: Child W")
    canvas.setFont("Helvetica", 10.5)
    canvas.drawString(LEFT_X, TOP_Y - 24, "This review is protected by a password.")
    canvas.showPage()
    canvas.save()


HTML_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Document not found</title></head>
<body>
<h1>Document not found</h1>
<p>The review you asked for has moved. Please return to the partnership's publications page.</p>
</body>
</html>
"""

TEXT_PAGE = """Rapid Review: Child V
Larkfield Safeguarding Children Partnership

This is a plain text note saved with a .pdf name by mistake.
It is not a PDF file.
"""

LATIN1_TEXT = """Rapid Review: Child U

The family often met the social worker at a caf\u00e9 near the school.
The mother had rent arrears of \u00a3250 when the review began.
"""


def make_fixtures(out: Path) -> dict[str, int]:
    """Write every fixture into a folder.

    Args:
        out: Folder to write into; created if missing.

    Returns:
        Each file name written, mapped to its size in bytes.
    """
    out.mkdir(parents=True, exist_ok=True)
    make_good_pdf(out / "good.pdf")
    make_good_docx(out / "good.docx")
    make_good_txt(out / "good.txt")
    make_scanned_pdf(out / "scanned.pdf")
    make_encrypted_pdf(out / "encrypted.pdf")
    good = (out / "good.pdf").read_bytes()
    (out / "truncated.pdf").write_bytes(good[: int(len(good) * 0.55)])
    (out / "empty.pdf").write_bytes(b"")
    (out / "html_named.pdf").write_text(HTML_PAGE, encoding="utf-8", newline="\n")
    (out / "text_named.pdf").write_text(TEXT_PAGE, encoding="utf-8", newline="\n")
    # A zip signature and nothing usable after it, like a download cut off at the start.
    (out / "corrupt.docx").write_bytes(b"PK\x03\x04" + random.Random(4).randbytes(252))
    (out / "latin1.txt").write_bytes(LATIN1_TEXT.encode("cp1252"))
    # A UTF-16 byte-order mark, then text cut off mid-character, as a damaged export is.
    (out / "damaged_utf16.txt").write_bytes(b"\xff\xfe" + "Hi café".encode("utf-16-le") + b"\n")
    names = [
        "good.pdf",
        "good.docx",
        "good.txt",
        "scanned.pdf",
        "encrypted.pdf",
        "truncated.pdf",
        "empty.pdf",
        "html_named.pdf",
        "text_named.pdf",
        "corrupt.docx",
        "latin1.txt",
        "damaged_utf16.txt",
    ]
    return {name: (out / name).stat().st_size for name in names}


def main(argv: list[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: Arguments without the program name; defaults to sys.argv[1:].

    Returns:
        The process exit status.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="output folder")
    args = parser.parse_args(argv)
    sizes = make_fixtures(args.out)
    print(f"make_fixtures: wrote {len(sizes)} files to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
