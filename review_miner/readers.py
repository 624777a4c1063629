"""Readers: turn a PDF, DOCX or text file into pages of normalised lines.

Each reader either returns pages or raises `UnreadableFile` with a reason a person can act
on ("encrypted: password required"). Page furniture is removed later, by `clean.py`, the same
way for every format.
"""

from __future__ import annotations

import functools
import re
import statistics
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import UnreadableFile
from .records import Line, Page

if TYPE_CHECKING:  # heavy imports, needed by the type checker only
    import pdfplumber.page
    import pypdfium2
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run
    from lxml.etree import _Element

SUPPORTED_SUFFIXES = (".pdf", ".docx", ".txt")
PDF_ENGINES = ("pypdfium2", "pdfplumber")
"""The libraries that can read PDFs. pypdfium2 (the default) gave the same passages as
pdfplumber on every PDF we compared, some 35 times faster, and keeps word spaces that
pdfplumber loses in TeX output; pdfplumber is there as a second opinion
(`_pdfium_pages` says where the two can differ)."""

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


def read_file(path: Path, pdf_engine: str = PDF_ENGINES[0]) -> tuple[str, list[Page]]:
    """Read a review file.

    Args:
        path: A .pdf, .docx or .txt file. The content decides, not the name: an HTML page
            named .pdf is reported as such.
        pdf_engine: The library that reads PDFs, one of `PDF_ENGINES`.

    Returns:
        The format ("pdf", "docx" or "txt") and the pages in reading order.

    Raises:
        UnreadableFile: The file cannot be ingested; the reason says why.

    """
    suffix = path.suffix.lower()
    if suffix in KNOWN_UNSUPPORTED:
        raise UnreadableFile(path, KNOWN_UNSUPPORTED[suffix])
    readers: dict[str, Callable[[Path], list[Page]]] = {
        ".pdf": lambda p: read_pdf(p, pdf_engine),
        ".docx": read_docx,
        ".txt": read_text,
    }
    if suffix not in readers:
        raise UnreadableFile(path, f"unsupported file type '{suffix or path.name}'")
    if path.stat().st_size == 0:
        raise UnreadableFile(path, "empty file")
    return suffix.lstrip("."), readers[suffix](path)


def _utf16_without_bom(data: bytes) -> str | None:
    """The codec of UTF-16 text saved without a byte-order mark ("utf-16-le" or "-be"), or None.

    Such text is valid UTF-8 (every other byte a NUL), so decoding alone cannot tell; in
    English text nearly every character has a zero high byte, which sits on one side.
    """
    head = data[:4096]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.8 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.8 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


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


def read_pdf(path: Path, engine: str = PDF_ENGINES[0]) -> list[Page]:
    """Read a PDF, keeping font size and weight for heading detection.

    Args:
        path: The PDF.
        engine: "pypdfium2" or "pdfplumber": both give the same lines, and the same reasons
            for the files they cannot read.
    """
    if engine not in PDF_ENGINES:
        raise ValueError(f"unknown PDF engine {engine!r}: use one of {', '.join(PDF_ENGINES)}")
    data = path.read_bytes()
    if b"%PDF-" not in data[:1024]:
        raise UnreadableFile(path, f"not a PDF: the file is {_sniff(data[:1024])}")
    # A PDF ends with %%EOF (some writers add a few bytes after it). Without it the file
    # was cut short, and pdfminer would quietly rebuild whatever pages it can find.
    if b"%%EOF" not in data[-2048:]:
        raise UnreadableFile(path, "truncated or damaged: the file ends before the PDF does")
    if engine == "pypdfium2":
        import pypdfium2

        try:
            pages = _pdfium_pages(path)
        except pypdfium2.PdfiumError as exc:
            raise UnreadableFile(path, _pdfium_reason(exc)) from exc
    else:
        pages = _pdfplumber_pages(path)
    if not pages:
        raise UnreadableFile(path, "truncated or damaged: the PDF has no pages")
    if not any(page.lines for page in pages):
        if any(page.has_images for page in pages):
            raise UnreadableFile(path, "no text layer: scanned, needs OCR")
        raise UnreadableFile(path, "no text: the PDF has no text layer and no images")
    return pages


def _pdfplumber_pages(path: Path) -> list[Page]:
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(path) as pdf:
            return [_pdf_page(number, page) for number, page in enumerate(pdf.pages, 1)]
    except PdfminerException as exc:
        raise UnreadableFile(path, _pdfminer_reason(exc)) from exc
    except Exception as exc:  # pdfminer raises many types on damaged files, often lazily
        raise UnreadableFile(path, f"truncated or damaged ({type(exc).__name__})") from exc


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


# pdfminer, under pdfplumber, takes the 14 standard fonts' metrics from their AFM files
# whatever the PDF says; the same descents (per point of font size) give the same line boxes.
_STANDARD_DESCENT = {
    **dict.fromkeys(("Courier", "Courier-Bold", "Courier-BoldOblique", "Courier-Oblique"), -0.194),
    **dict.fromkeys(
        ("Helvetica", "Helvetica-Bold", "Helvetica-BoldOblique", "Helvetica-Oblique"), -0.207
    ),
    **dict.fromkeys(("Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic"), -0.217),
    "Symbol": 0.0,
    "ZapfDingbats": 0.0,
}
_FORCE_BOLD = 1 << 18  # FontDescriptor flag
# pdfium drops the line break after a hyphen that ends a line and puts this in its place.
_LINE_END_HYPHEN = "\ufffe"
_SEGMENT = re.compile(r"\S(?:[^\r\n]*\S)?")  # one of pdfium's lines, without edge spaces
_SAME_LINE_TOP = 3.0  # points; pdfplumber's y_tolerance
# Dot leaders drawn a dot at a time (tables of contents): pdfium puts a space between dots
# that stand a little apart, pdfplumber does not, and a spaced-out leader reads as a line of
# many words to segmentation. Five dots or more, so that an ellipsis keeps its spaces.
_SPACED_LEADER = re.compile(r"\.(?: \.){4,}")
_PDFIUM_ERRORS = {
    1: "unknown error",
    2: "file access error",
    3: "data format error",
    6: "page not found or content error",
}


@dataclass(slots=True)
class _Run:
    """Characters of one text object (one font, size and baseline) in a line of pdfium's."""

    start: int
    end: int
    left: float
    right: float
    top: float
    bottom: float
    size: float
    bold: bool
    upright: bool
    chars: int  # not counting spaces


@dataclass(slots=True)
class _Fragment:
    """Runs that pdfium put on one line and that do sit on one line: a page line, or part of one."""

    runs: list[_Run]
    top: float
    bottom: float
    text: str = ""

    def add(self, run: _Run) -> None:
        self.runs.append(run)
        self.top = min(self.top, run.top)
        self.bottom = max(self.bottom, run.bottom)


def _pdfium_pages(path: Path) -> list[Page]:
    """Read a PDF with pypdfium2 into the pages and lines that the pdfplumber path gives.

    pdfium extracts text in content-stream order, one line per baseline it follows. Its lines
    are regrouped here the way pdfplumber groups characters: by position, top to bottom, the
    pieces of one line left to right. Sizes, weights and line boxes follow pdfminer.

    Where the two differ: words set apart without a space character (as TeX sets them) are
    split by pdfium's rule, which follows the font, where pdfplumber joins any closer than
    3 points; a larger or raised run of text stays on the line pdfium put it on (pdfplumber
    splits a line whose characters' tops differ by more than 3 points); text drawn twice on
    the same spot is read once; a line that is not upright on the displayed page makes a line
    of its own, in pdfium's order; a glyph with no Unicode mapping never reads "(cid:13)".

    Raises:
        pypdfium2.PdfiumError: pdfium cannot open the file or one of its pages.

    """
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                pages.append(_pdfium_page(index + 1, page))
            finally:
                page.close()
        return pages
    finally:
        pdf.close()


def _pdfium_page(number: int, page: pypdfium2.PdfPage) -> Page:
    textpage = page.get_textpage()
    try:
        fragments = _PdfiumText(page, textpage).fragments()
    finally:
        textpage.close()
    lines = []
    for group in _line_groups(fragments):
        text = normalise(_SPACED_LEADER.sub(_unspace, _join_fragments(group)))
        if not text:
            continue
        runs = [run for fragment in group for run in fragment.runs]
        chars = sum(run.chars for run in runs)
        lines.append(
            Line(
                text=text,
                size=_median_char_size(runs),
                bold=sum(run.chars for run in runs if run.bold) > 0.8 * chars,
                top=min(fragment.top for fragment in group),
                bottom=max(fragment.bottom for fragment in group),
            )
        )
    return Page(number=number, lines=tuple(lines), has_images=_pdfium_has_images(page))


class _PdfiumText:
    """A page's text as pdfium extracts it, read into runs of one text object each.

    Positions are on the page as displayed, like pdfminer's: from the top left, y down, with
    /Rotate applied, so a landscape page stored as a rotated portrait one reads across.
    """

    def __init__(self, page: pypdfium2.PdfPage, textpage: pypdfium2.PdfTextPage) -> None:
        import ctypes

        import pypdfium2.raw as pdfium_c

        self.c = pdfium_c
        self.textpage = textpage.raw  # the raw handle: a little quicker to pass than the helper
        self.text_object, self.font_of = _pdfium_address_getters()
        x0, y0, x1, y1 = page.get_mediabox()
        # left = lx * x + ly * y + lc and top = tx * x + ty * y + tc, for a point (x, y)
        self.lx, self.ly, self.lc, self.tx, self.ty, self.tc = {
            0: (1, 0, -x0, 0, -1, y1),
            90: (0, 1, -y0, 1, 0, -x0),
            180: (-1, 0, x1, 0, 1, -y0),
            270: (0, -1, y1, -1, 0, x1),
        }[page.get_rotation() % 360]
        self.fonts: dict[int | None, tuple[bool, float]] = {}
        self.matrix = pdfium_c.FS_MATRIX()
        self.box = pdfium_c.FS_RECTF()
        self.x, self.y = ctypes.c_double(), ctypes.c_double()
        count = pdfium_c.FPDFText_CountChars(textpage)
        self.text = _pdfium_text(textpage, count) if count > 0 else ""

    def fragments(self) -> list[_Fragment]:
        """The page's runs, in pdfium's lines, each split where it leaves the line it is on."""
        fragments: list[_Fragment] = []
        for match in _SEGMENT.finditer(self.text):
            runs = [self.run(start, end) for start, end in self.run_bounds(*match.span())]
            fragment = _Fragment([runs[0]], runs[0].top, runs[0].bottom)
            for run in runs[1:]:
                apart = min(run.bottom, fragment.bottom) <= max(run.top, fragment.top)
                if run.upright != fragment.runs[-1].upright or (run.upright and apart):
                    fragments.append(fragment)  # most often a hyphenated line end
                    fragment = _Fragment([run], run.top, run.bottom)
                else:
                    fragment.add(run)
            fragments.append(fragment)
        for fragment in fragments:
            text = self.text[fragment.runs[0].start : fragment.runs[-1].end]
            fragment.text = text.replace(_LINE_END_HYPHEN, "-")
        return fragments

    def run_bounds(self, start: int, end: int) -> list[tuple[int, int]]:
        """Split a pdfium line, start and end on non-spaces, into runs of one text object."""
        # pdfium lists each text object's characters together, so a stretch that starts and
        # ends in one object is one run, and halving the others finds where the objects
        # change without looking up every character.
        handle = self.textpage
        if self.text_object(handle, start) == self.text_object(handle, end - 1):
            return [(start, end)]
        text, left_end = self.text, (start + end) // 2
        while text[left_end - 1].isspace():  # stops at text[start] at the latest
            left_end -= 1
        right_start = (start + end) // 2
        while text[right_start].isspace():  # stops at text[end - 1] at the latest
            right_start += 1
        left = self.run_bounds(start, left_end)
        right = self.run_bounds(right_start, end)
        if self.text_object(handle, left[-1][1] - 1) == self.text_object(handle, right[0][0]):
            left[-1] = (left[-1][0], right.pop(0)[1])
        return left + right

    def run(self, start: int, end: int) -> _Run:
        """Measure a run from its first and last characters (neither of them a space)."""
        c, textpage, matrix, box = self.c, self.textpage, self.matrix, self.box
        obj = self.text_object(textpage, start)
        font = self.font_of(obj) if obj else None
        if font not in self.fonts:
            self.fonts[font] = self.font(font)
        bold, descent = self.fonts[font]

        c.FPDFText_GetMatrix(textpage, start, matrix)
        along, across = self.vector(matrix.a, matrix.b)  # the baseline's direction
        sideways, upward = self.vector(matrix.c, matrix.d)  # the glyphs' up
        upright = along > 0 and abs(across) <= 1e-3 * along and upward > 0
        scale = upward if upright else (sideways**2 + upward**2) ** 0.5
        size = c.FPDFText_GetFontSize(textpage, start) * scale
        c.FPDFText_GetCharOrigin(textpage, start, self.x, self.y)
        left, baseline = self.point(self.x.value, self.y.value)
        c.FPDFText_GetLooseCharBox(textpage, end - 1, box)
        corners = [self.point(box.left, box.top), self.point(box.right, box.bottom)]
        if upright:
            # pdfminer's box: from the font's descent below the baseline, one font size high
            bottom = baseline - descent * size
            top = bottom - size
            right = max(corners[0][0], corners[1][0])
        else:
            c.FPDFText_GetLooseCharBox(textpage, start, box)
            corners += [self.point(box.left, box.top), self.point(box.right, box.bottom)]
            left, right = min(x for x, _ in corners), max(x for x, _ in corners)
            top, bottom = min(y for _, y in corners), max(y for _, y in corners)
        chars = len("".join(self.text[start:end].split()))
        return _Run(start, end, left, right, top, bottom, size, bold, upright, chars)

    def point(self, x: float, y: float) -> tuple[float, float]:
        """A point of user space as (left, top) on the displayed page."""
        return self.lx * x + self.ly * y + self.lc, self.tx * x + self.ty * y + self.tc

    def vector(self, x: float, y: float) -> tuple[float, float]:
        """A direction in user space as (rightward, upward) on the displayed page."""
        return self.lx * x + self.ly * y, -(self.tx * x + self.ty * y)

    def font(self, address: int | None) -> tuple[bool, float]:
        """Whether a font is bold, and its descent per point of size (below the line: < 0)."""
        import ctypes

        c = self.c
        if address is None:
            return False, 0.0
        font = ctypes.cast(ctypes.c_void_p(address), c.FPDF_FONT)
        length = c.FPDFFont_GetBaseFontName(font, None, 0)
        buffer = ctypes.create_string_buffer(max(length, 1))
        c.FPDFFont_GetBaseFontName(font, buffer, length)
        name = buffer.value.decode("utf-8", errors="replace")
        # pdfium's "weight" is guessed from the stem width (StemV), which would make a
        # regular face with wide stems bold; the name and the ForceBold flag are reliable.
        bold = bool(_BOLD_FONT.search(name)) or bool(c.FPDFFont_GetFlags(font) & _FORCE_BOLD)
        if name in _STANDARD_DESCENT:
            return bold, _STANDARD_DESCENT[name]
        descent = ctypes.c_float()
        if not c.FPDFFont_GetDescent(font, 1000.0, descent):
            return bold, 0.0
        # pdfminer takes a positive /Descent, which some writers give, as a negative one
        return bold, -abs(descent.value) / 1000


@functools.cache
def _pdfium_address_getters() -> tuple[Callable[..., int | None], Callable[..., int | None]]:
    """FPDFText_GetTextObject and FPDFTextObj_GetFont, returning plain addresses.

    pypdfium2's bindings return pointer objects, which compare by identity and need a cast to
    become a key; text objects are looked up at both ends of every line, and more in lines
    that change font.
    """
    import ctypes

    import pypdfium2.raw as pdfium_c

    def address_of(function: object, *args: type) -> Callable[..., int | None]:
        prototype = ctypes.CFUNCTYPE(ctypes.c_void_p, *args)
        return prototype(ctypes.cast(function, ctypes.c_void_p).value)

    return (
        address_of(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p, ctypes.c_int),
        address_of(pdfium_c.FPDFTextObj_GetFont, ctypes.c_void_p),
    )


def _pdfium_text(textpage: pypdfium2.PdfTextPage, count: int) -> str:
    """The page's text, one character per pdfium character index (generated ones included)."""
    import pypdfium2.raw as pdfium_c

    text = textpage.get_text_range()
    if len(text) == count:
        return text
    # pdfium left characters out of its text (control characters), or some lie beyond
    # U+FFFF; indices must line up with pdfium's, so read one character at a time.
    chars = []
    for index in range(count):
        code = pdfium_c.FPDFText_GetUnicode(textpage, index)
        valid = 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF
        chars.append(chr(code) if valid else "\ufffd")
    return "".join(chars)


def _line_groups(fragments: list[_Fragment]) -> list[list[_Fragment]]:
    """Group fragments into page lines, top to bottom, each line's fragments left to right.

    Upright fragments share a line when their tops are within 3 points of the top of the
    line's last fragment, as pdfplumber groups characters.
    """
    groups: list[list[_Fragment]] = []
    upright = sorted(
        (f for f in fragments if f.runs[0].upright), key=lambda f: (f.top, f.runs[0].left)
    )
    for fragment in upright:
        last = groups[-1][-1] if groups else None
        if last is not None and fragment.top - last.top <= _SAME_LINE_TOP:
            groups[-1].append(fragment)
        else:
            groups.append([fragment])
    for group in groups:
        group.sort(key=lambda f: f.runs[0].left)
    groups.extend([f] for f in fragments if not f.runs[0].upright)
    groups.sort(key=lambda group: (min(f.top for f in group), group[0].runs[0].left))
    return groups


def _join_fragments(group: list[_Fragment]) -> str:
    """Join a line's fragments, with a space where a gap separates them."""
    # A fifth of the font size: narrower than a word space, wider than any kerning, so the
    # halves of a word drawn out of order join up and a header's left and right parts do not.
    text = group[0].text
    for previous, fragment in zip(group, group[1:], strict=False):
        gap = fragment.runs[0].left - max(run.right for run in previous.runs)
        size = min(previous.runs[-1].size, fragment.runs[0].size)
        text += (" " if gap > 0.2 * size else "") + fragment.text
    return text


def _unspace(match: re.Match[str]) -> str:
    return match.group().replace(" ", "")


def _median_char_size(runs: list[_Run]) -> float:
    """The median size of a line's characters, each rounded to 0.1, as the pdfplumber path has it.

    Worked out run by run: the median of the list with each run's size once per character.
    """
    sizes = sorted((round(run.size, 1), run.chars) for run in runs if run.chars)
    total = sum(chars for _, chars in sizes)
    if not total:
        return 0.0
    wanted = ((total - 1) // 2, total // 2)  # the middle of that list: one place or two
    found: list[float] = []
    seen = 0
    for size, chars in sizes:
        seen += chars
        while len(found) < 2 and wanted[len(found)] < seen:
            found.append(size)
    return found[0] if total % 2 else (found[0] + found[1]) / 2


def _pdfium_has_images(page: pypdfium2.PdfPage) -> bool:
    import pypdfium2.raw as pdfium_c

    def search(count: Callable[..., int], get: Callable[..., object], parent: object) -> bool:
        for index in range(count(parent)):
            obj = get(parent, index)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                return True
            if kind == pdfium_c.FPDF_PAGEOBJ_FORM and search(
                pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject, obj
            ):
                return True
        return False

    return search(pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, page.raw)


def _pdfium_reason(exc: Exception) -> str:
    import pypdfium2.raw as pdfium_c

    code = getattr(exc, "err_code", None)
    # pdfminer reports an unsupported security handler as an encryption error too
    if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
        return "encrypted: password required"
    return f"truncated or damaged (pdfium: {_PDFIUM_ERRORS.get(code, str(exc))})"


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
    break_pending = False
    for child in _body_blocks(document.element.body):
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = docx.text.paragraph.Paragraph(child, document)
            position = _docx_page_break(child)
            # One new page however many breaks mark it: an explicit break at the end of
            # one paragraph and Word's recorded break at the start of the next are one.
            if (position == "before" or break_pending) and pages[-1]:
                pages.append([])
            break_pending = position == "after"
            line = _docx_line(paragraph)
            if line is not None:
                pages[-1].append(line)
        elif tag == "tbl":
            table = docx.table.Table(child, document)
            # Chronologies are often tables: each row reads as one paragraph.
            for row in table.rows:
                cells, seen = [], set()
                for cell in row.cells:
                    # A merged cell appears once per grid column it spans: keep it once,
                    # but keep two different cells that happen to say the same thing.
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    cell_text = normalise(cell.text.replace("\n", " "))
                    if cell_text:
                        cells.append(cell_text)
                if cells:
                    pages[-1].append(Line(text=" | ".join(cells), starts_block=True))
    result = [Page(number=i, lines=tuple(lines)) for i, lines in enumerate(pages, 1)]
    if not any(page.lines for page in result):
        raise UnreadableFile(path, "no text: the Word document is empty")
    return result


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _body_blocks(element: _Element) -> Iterator[_Element]:
    """Paragraphs and tables in body order, including those inside content controls.

    Word templates often wrap a cover page or whole sections in content controls
    (`w:sdt`), whose paragraphs are not direct children of the body.
    """
    for child in element.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag in ("p", "tbl"):
            yield child
        elif tag == "sdt":
            for content in child.iterchildren(f"{_W}sdtContent"):
                yield from _body_blocks(content)


def _docx_page_break(element: _Element) -> str | None:
    """Where a paragraph breaks the page: "before" its text, "after" some of it, or None."""
    text_seen = False
    for node in element.iter():
        tag = node.tag.rsplit("}", 1)[-1] if isinstance(node.tag, str) else ""
        if tag == "t" and node.text and node.text.strip():
            text_seen = True
        elif tag == "lastRenderedPageBreak" or (tag == "br" and node.get(f"{_W}type") == "page"):
            return "after" if text_seen else "before"
    return None


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
    with_bom = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if not with_bom and (encoding := _utf16_without_bom(data)):
        text = data.decode(encoding, errors="replace")
    else:
        codec, problem = ("utf-16", "damaged UTF-16") if with_bom else ("utf-8-sig", "not UTF-8")
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            raise UnreadableFile(
                path, f"{problem} text (byte {exc.start}): re-save the file as UTF-8"
            ) from exc
    if "\x00" in text:
        raise UnreadableFile(path, f"not a text file: the file is {_sniff(data[:1024])}")
    pages = []
    for number, page_text in enumerate(text.split("\f"), 1):
        lines: list[Line] = []
        after_blank = True
        for raw in page_text.splitlines():  # \n, \r\n and old Mac \r alike
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
