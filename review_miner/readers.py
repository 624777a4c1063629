"""Readers: turn a PDF, DOCX or text file into pages of normalised lines.

Each reader either returns pages or raises `UnreadableFile` with a reason a person can act
on ("encrypted: password required"). Page furniture is removed later, by `clean.py`, the same
way for every format.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import UnreadableFile
from .records import Line, Page

if TYPE_CHECKING:  # heavy imports, needed by the type checker only
    import pdfplumber.page
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run
    from lxml.etree import _Element

SUPPORTED_SUFFIXES = (".pdf", ".docx", ".txt")
# Formats a reviewer may well drop into a folder of reviews; we say why we skip them
# instead of ignoring them, so nothing is lost without a word.
KNOWN_UNSUPPORTED = {
    ".doc": "old Word .doc format: save it as .docx or PDF",
    ".rtf": "RTF is not supported: save it as .docx or PDF",
    ".odt": "OpenDocument text is not supported: save it as .docx or PDF",
    ".pages": "Apple Pages is not supported: export it as PDF",
}

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00ad": "",  # soft hyphen: only a hint where a line may break
        "\u200b": "",
        "\ufeff": "",
    }
)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def normalise(text: str) -> str:
    """Normalise a line: ligatures unfolded, quotes and dashes made plain, spaces folded.

    NFKC unfolds ligatures such as U+FB01 into "fi" and full-width forms into ASCII.
    """
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _SPACES.sub(" ", text).strip()


def read_file(path: Path) -> tuple[str, list[Page]]:
    """Read a review file.

    Args:
        path: A .pdf, .docx or .txt file. The content decides, not the name: an HTML page
            named .pdf is reported as such.

    Returns:
        The format ("pdf", "docx" or "txt") and the pages in reading order.

    Raises:
        UnreadableFile: The file cannot be ingested; the reason says why.

    """
    suffix = path.suffix.lower()
    if suffix in KNOWN_UNSUPPORTED:
        raise UnreadableFile(path, KNOWN_UNSUPPORTED[suffix])
    readers: dict[str, Callable[[Path], list[Page]]] = {
        ".pdf": read_pdf,
        ".docx": read_docx,
        ".txt": read_text,
    }
    if suffix not in readers:
        raise UnreadableFile(path, f"unsupported file type '{suffix or path.name}'")
    if path.stat().st_size == 0:
        raise UnreadableFile(path, "empty file")
    return suffix.lstrip("."), readers[suffix](path)


def _sniff(head: bytes) -> str:
    """Name what a file that is not what its name says looks like, from its first bytes."""
    lowered = head.lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<body" in lowered:
        return "an HTML page"
    if head.startswith(b"PK\x03\x04"):
        return "a zip archive (perhaps a Word document)"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Microsoft Office file"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        return "an image"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return "binary data"
    return "plain text"


def read_pdf(path: Path) -> list[Page]:
    """Read a PDF with pdfplumber, keeping font size and weight for heading detection."""
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    data = path.read_bytes()
    if b"%PDF-" not in data[:1024]:
        raise UnreadableFile(path, f"not a PDF: the file is {_sniff(data[:1024])}")
    # A PDF ends with %%EOF (some writers add a few bytes after it). Without it the file
    # was cut short, and pdfminer would quietly rebuild whatever pages it can find.
    if b"%%EOF" not in data[-2048:]:
        raise UnreadableFile(path, "truncated or damaged: the file ends before the PDF does")
    try:
        with pdfplumber.open(path) as pdf:
            pages = [_pdf_page(number, page) for number, page in enumerate(pdf.pages, 1)]
    except PdfminerException as exc:
        raise UnreadableFile(path, _pdfminer_reason(exc)) from exc
    except Exception as exc:  # pdfminer raises many types on damaged files, often lazily
        raise UnreadableFile(path, f"truncated or damaged ({type(exc).__name__})") from exc
    if not pages:
        raise UnreadableFile(path, "truncated or damaged: the PDF has no pages")
    if not any(page.lines for page in pages):
        if any(page.has_images for page in pages):
            raise UnreadableFile(path, "no text layer: scanned, needs OCR")
        raise UnreadableFile(path, "no text: the PDF has no text layer and no images")
    return pages


def _pdfminer_reason(exc: Exception) -> str:
    cause = exc.args[0] if exc.args else exc
    name = type(cause).__name__
    if "Password" in name or "Encrypt" in name:
        return "encrypted: password required"
    return f"truncated or damaged ({name})"


_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|,b\b", re.IGNORECASE)


def _pdf_page(number: int, page: pdfplumber.page.Page) -> Page:
    lines = []
    for raw in page.extract_text_lines(return_chars=True, strip=True):
        text = normalise(raw["text"])
        if not text:
            continue
        chars = [c for c in raw["chars"] if not c["text"].isspace()]
        sizes = [round(c["size"], 1) for c in chars] or [0.0]
        bold = sum(1 for c in chars if _BOLD_FONT.search(c.get("fontname", ""))) > 0.8 * len(chars)
        lines.append(
            Line(
                text=text,
                size=statistics.median(sizes),
                bold=bold,
                top=float(raw["top"]),
                bottom=float(raw["bottom"]),
            )
        )
    return Page(number=number, lines=tuple(lines), has_images=bool(page.images))


def read_docx(path: Path) -> list[Page]:
    """Read a Word document: body paragraphs and tables in order, headers and footers skipped.

    Word stores page headers and footers apart from the body, so they never reach the text.
    Pages are counted from explicit page breaks and the breaks Word records when it last laid
    out the document; a document generated without either reads as one page.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    head = path.read_bytes()[:1024]
    if not head.startswith(b"PK\x03\x04"):
        raise UnreadableFile(path, f"not a Word document: the file is {_sniff(head)}")
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableFile(path, "not a Word document or damaged") from exc
    except Exception as exc:  # lxml and zip errors on damaged parts
        raise UnreadableFile(path, f"damaged Word document ({type(exc).__name__})") from exc

    pages: list[list[Line]] = [[]]
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = docx.text.paragraph.Paragraph(child, document)
            if _docx_breaks_page(child) and pages[-1]:
                pages.append([])
            line = _docx_line(paragraph)
            if line is not None:
                pages[-1].append(line)
        elif tag == "tbl":
            table = docx.table.Table(child, document)
            # Chronologies are often tables: each row reads as one paragraph.
            for row in table.rows:
                cells = []
                for cell in row.cells:
                    cell_text = normalise(cell.text.replace("\n", " "))
                    if cell_text and (not cells or cells[-1] != cell_text):  # merged cells
                        cells.append(cell_text)
                if cells:
                    pages[-1].append(Line(text=" | ".join(cells), starts_block=True))
    result = [Page(number=i, lines=tuple(lines)) for i, lines in enumerate(pages, 1)]
    if not any(page.lines for page in result):
        raise UnreadableFile(path, "no text: the Word document is empty")
    return result


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_breaks_page(element: _Element) -> bool:
    for br in element.iter(f"{_W}br"):
        if br.get(f"{_W}type") == "page":
            return True
    return any(True for _ in element.iter(f"{_W}lastRenderedPageBreak"))


def _docx_line(paragraph: Paragraph) -> Line | None:
    text = normalise(paragraph.text.replace("\n", " ").replace("\t", " "))
    if not text:
        return None
    style = paragraph.style.name if paragraph.style is not None else ""
    level: int | None = None
    if style == "Title":
        level = 0
    elif match := re.fullmatch(r"Heading (\d)", style):
        level = int(match.group(1))
    runs = [run for run in paragraph.runs if run.text.strip()]
    bold = bool(runs) and all(_docx_run_bold(run, paragraph) for run in runs)
    sizes = [run.font.size.pt for run in runs if run.font.size is not None]
    return Line(
        text=text,
        size=max(sizes) if sizes else 0.0,
        bold=bold,
        heading_level=level,
        starts_block=True,
    )


def _docx_run_bold(run: Run, paragraph: Paragraph) -> bool:
    if run.bold is not None:
        return bool(run.bold)
    style = paragraph.style
    return bool(style is not None and style.font is not None and style.font.bold)


def read_text(path: Path) -> list[Page]:
    """Read a plain-text file: form feeds separate pages, blank lines separate paragraphs."""
    data = path.read_bytes()
    if data.startswith(b"%PDF-"):
        raise UnreadableFile(path, "a PDF named .txt: rename it to .pdf")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UnreadableFile(
                path,
                f"not UTF-8 text (byte {exc.start}): re-save the file as UTF-8",
            ) from exc
    if "\x00" in text:
        raise UnreadableFile(path, f"not a text file: the file is {_sniff(data[:1024])}")
    pages = []
    for number, page_text in enumerate(text.replace("\r\n", "\n").split("\f"), 1):
        lines: list[Line] = []
        after_blank = True
        for raw in page_text.split("\n"):
            line_text = normalise(raw)
            if not line_text:
                after_blank = True
                continue
            lines.append(Line(text=line_text, starts_block=after_blank))
            after_blank = False
        pages.append(Page(number=number, lines=tuple(lines)))
    # A trailing form feed leaves an empty last page that no reader would count.
    while len(pages) > 1 and not pages[-1].lines:
        pages.pop()
    if not any(page.lines for page in pages):
        raise UnreadableFile(path, "no text: the file is blank")
    return pages
