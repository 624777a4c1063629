"""Render the fictional sample reviews in corpora/sources/ to PDF or DOCX.

Each source is YAML front matter followed by a small Markdown subset (see
corpora/sources/README.md). The rendered files and corpora/sample/metadata.csv are
committed, so the demo needs no rendering step. Output is byte-for-byte deterministic
because review_miner identifies documents by the hash of their bytes.

Usage:
    python scripts/render_sample.py [--sources DIR] [--out DIR] [--check]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from xml.sax.saxutils import escape

import yaml
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.text.paragraph import Paragraph as DocxParagraph
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCES = REPO_ROOT / "corpora" / "sources"
DEFAULT_OUT = REPO_ROOT / "corpora" / "sample"

METADATA_NAME = "metadata.csv"
METADATA_COLUMNS = (
    "file",
    "kind",
    "partnership",
    "incident",
    "child_age_years",
    "incident_date",
    "review_date",
    "quarter",
)
REQUIRED_KEYS = ("output", "marking", "partnership", "footer")
PAGEBREAK_MARKER = "<<<pagebreak>>>"

# Fixed so that re-rendering an unchanged source reproduces the same bytes; 2000-01-01 matches
# the date reportlab writes into PDFs when invariant=1.
FIXED_TIMESTAMP = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
AUTHOR = "review_miner sample renderer"

MARGIN = 2.2 * cm
FURNITURE_FONT = ("Helvetica", 8)
# Page furniture sits inside the margins, where real reviews put it.
HEADER_Y = A4[1] - 1.3 * cm
FOOTER_Y = 1.3 * cm

BlockKind = Literal["title", "heading", "subheading", "paragraph", "bullet", "pagebreak"]


@dataclass(frozen=True)
class Block:
    """One rendered unit of a source body.

    Attributes:
        kind: What the block is; decides its style in both formats.
        text: The block's text with hard-wrapped lines joined; empty for page breaks.
    """

    kind: BlockKind
    text: str = ""


@dataclass
class Source:
    """A parsed sample-review source.

    Attributes:
        path: The Markdown file the source came from.
        output: File name to write in the output folder (.pdf or .docx).
        marking: Protective marking printed at the top of every page.
        partnership: Partnership name printed at the top right of every page.
        footer: Text printed at the bottom left of every page.
        csv: Fields written to metadata.csv for this file; absent ones stay blank.
        truth: What a careful human reader would record; not used for rendering.
        blocks: The body, in reading order.
    """

    path: Path
    output: str
    marking: str
    partnership: str
    footer: str
    csv: dict[str, Any] = field(default_factory=dict)
    truth: dict[str, Any] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The first title block's text, or the output stem if the source has none."""
        for block in self.blocks:
            if block.kind == "title":
                return block.text
        return Path(self.output).stem


# --------------------------------------------------------------------------- parsing


def _split_front_matter(text: str, path: Path) -> tuple[dict[str, Any], str]:
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise ValueError(f"{path}: missing YAML front matter (first line must be '---')")
    for end, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            meta = yaml.safe_load("\n".join(lines[1:end])) or {}
            if not isinstance(meta, dict):
                raise ValueError(f"{path}: front matter must be a YAML mapping")
            return meta, "\n".join(lines[end + 1 :])
    raise ValueError(f"{path}: front matter is not closed with '---'")


def _parse_body(body: str) -> list[Block]:
    blocks: list[Block] = []
    # The paragraph or bullet being accumulated: its kind and its hard-wrapped lines.
    pending: tuple[BlockKind, list[str]] | None = None

    def flush() -> None:
        nonlocal pending
        if pending is not None:
            blocks.append(Block(pending[0], " ".join(pending[1])))
            pending = None

    for raw in body.splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line == PAGEBREAK_MARKER:
            flush()
            blocks.append(Block("pagebreak"))
        elif line.startswith("### "):
            flush()
            blocks.append(Block("subheading", line[4:].strip()))
        elif line.startswith("## "):
            flush()
            blocks.append(Block("heading", line[3:].strip()))
        elif line.startswith("# "):
            flush()
            blocks.append(Block("title", line[2:].strip()))
        elif line.startswith("- "):
            flush()
            pending = ("bullet", [line[2:].strip()])
        elif pending is None:
            pending = ("paragraph", [line])
        else:
            # A continuation line belongs to the open paragraph or bullet.
            pending[1].append(line)
    flush()
    return blocks


def parse_source(path: Path) -> Source:
    """Parse one source file.

    Args:
        path: A Markdown source with YAML front matter.

    Returns:
        The parsed source.

    Raises:
        ValueError: If the front matter is missing, malformed or lacks a required key, the
            output is not a .pdf or .docx name, or the csv mapping names an unknown column.
    """
    meta, body = _split_front_matter(path.read_text(encoding="utf-8"), path)
    missing = [key for key in REQUIRED_KEYS if not meta.get(key)]
    if missing:
        raise ValueError(f"{path}: front matter lacks {', '.join(missing)}")
    output = str(meta["output"])
    if Path(output).name != output or Path(output).suffix not in {".pdf", ".docx"}:
        raise ValueError(f"{path}: output must be a bare .pdf or .docx file name, got {output!r}")
    csv_fields = meta.get("csv") or {}
    if not isinstance(csv_fields, dict):
        raise ValueError(f"{path}: csv must be a mapping")
    # 'file' is always the output name, so a source may not override it.
    unknown = sorted(set(csv_fields) - set(METADATA_COLUMNS[1:]))
    if unknown:
        raise ValueError(f"{path}: csv has unknown column(s) {', '.join(map(str, unknown))}")
    return Source(
        path=path,
        output=output,
        marking=str(meta["marking"]),
        partnership=str(meta["partnership"]),
        footer=str(meta["footer"]),
        csv=dict(csv_fields),
        truth=dict(meta.get("truth") or {}),
        blocks=_parse_body(body),
    )


def find_sources(directory: Path) -> list[Path]:
    """List the source files in a folder, sorted by name.

    Args:
        directory: Folder holding the *.md sources.

    Returns:
        Every *.md file except README.md.
    """
    return sorted(p for p in directory.glob("*.md") if p.name.lower() != "readme.md")


# --------------------------------------------------------------------------- PDF


def _pdf_styles() -> dict[BlockKind, ParagraphStyle]:
    body = ParagraphStyle("Body", fontName="Helvetica", fontSize=10.5, leading=14, spaceAfter=7)
    return {
        "title": ParagraphStyle(
            "Title", fontName="Helvetica-Bold", fontSize=18, leading=22, spaceAfter=14
        ),
        "heading": ParagraphStyle(
            "Heading1",
            fontName="Helvetica-Bold",
            fontSize=13,
            leading=16,
            spaceBefore=12,
            spaceAfter=6,
            keepWithNext=1,
        ),
        "subheading": ParagraphStyle(
            "Heading2",
            fontName="Helvetica-Bold",
            fontSize=11,
            leading=14,
            spaceBefore=8,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "paragraph": body,
        # Helvetica's WinAnsi bullet is code 0x7F, which text extractors read as "(cid:127)";
        # Symbol's bullet extracts as U+2022.
        "bullet": ParagraphStyle(
            "Bullet", parent=body, leftIndent=16, bulletIndent=4, bulletFontName="Symbol"
        ),
    }


def _check_helvetica_text(source: Source) -> None:
    # The standard Helvetica font only covers the cp1252 repertoire (which includes typographic
    # quotes and dashes); anything else would print as a missing glyph, so refuse it up front.
    texts = [source.marking, source.partnership, source.footer]
    texts += [block.text for block in source.blocks]
    for text in texts:
        for char in text:
            try:
                char.encode("cp1252")
            except UnicodeEncodeError:
                raise ValueError(
                    f"{source.path}: character {char!r} (U+{ord(char):04X}) has no Helvetica "
                    "glyph; PDF sources must stay within cp1252"
                ) from None


def _numbered_canvas(source: Source) -> type[Canvas]:
    """Build a canvas class that stamps this source's page furniture on every page.

    "Page N of M" needs M before any page is written, so pages are held back until save().
    """

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's API name
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved_pages)
            for number, state in enumerate(self._saved_pages, start=1):
                self.__dict__.update(state)
                self._draw_furniture(number, total)
                super().showPage()
            super().save()

        def _draw_furniture(self, number: int, total: int) -> None:
            width = self._pagesize[0]
            self.saveState()
            self.setFont(*FURNITURE_FONT)
            self.drawCentredString(width / 2, HEADER_Y, source.marking)
            self.drawRightString(width - MARGIN, HEADER_Y, source.partnership)
            self.drawString(MARGIN, FOOTER_Y, source.footer)
            self.drawRightString(width - MARGIN, FOOTER_Y, f"Page {number} of {total}")
            self.restoreState()

    return NumberedCanvas


def render_pdf(source: Source, path: Path) -> None:
    """Render a source to an A4 PDF with reportlab.

    Args:
        source: The parsed source.
        path: Where to write the PDF.

    Raises:
        ValueError: If the source holds a character Helvetica cannot print.
    """
    _check_helvetica_text(source)
    styles = _pdf_styles()
    story: list[Any] = []
    for block in source.blocks:
        if block.kind == "pagebreak":
            story.append(PageBreak())
        elif block.kind == "bullet":
            story.append(Paragraph(escape(block.text), styles["bullet"], bulletText="\u2022"))
        else:
            story.append(Paragraph(escape(block.text), styles[block.kind]))
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=source.title,
        author=AUTHOR,
        invariant=1,
    )
    doc.build(story, canvasmaker=_numbered_canvas(source))


# --------------------------------------------------------------------------- DOCX


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


def _write_deterministic_zip(data: bytes, path: Path) -> None:
    # python-docx stamps every zip member with the current time; rewrite with a fixed one.
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            dst.writestr(member, src.read(info.filename))


def render_docx(source: Source, path: Path) -> None:
    """Render a source to an A4 DOCX with python-docx.

    Args:
        source: The parsed source.
        path: Where to write the DOCX.
    """
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.2))
    text_width = section.page_width - section.left_margin - section.right_margin

    marking = section.header.paragraphs[0]
    marking.text = source.marking
    marking.alignment = WD_ALIGN_PARAGRAPH.CENTER
    section.header.add_paragraph(source.partnership).alignment = WD_ALIGN_PARAGRAPH.RIGHT

    footer = section.footer.paragraphs[0]
    tab_stops = footer.paragraph_format.tab_stops
    # The template's Footer style has Letter-width stops; the first would catch our tab.
    for inherited in footer.style.paragraph_format.tab_stops:
        tab_stops.add_tab_stop(inherited.position, WD_TAB_ALIGNMENT.CLEAR)
    tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
    footer.add_run(f"{source.footer}\tPage ")
    _add_field(footer, "PAGE", "1")
    footer.add_run(" of ")
    # Word recomputes NUMPAGES on opening; the cached value is only a lower bound.
    pages = 1 + sum(block.kind == "pagebreak" for block in source.blocks)
    _add_field(footer, "NUMPAGES", str(pages))

    styles: dict[BlockKind, str] = {
        "title": "Title",
        "heading": "Heading 1",
        "subheading": "Heading 2",
        "paragraph": "Normal",
        "bullet": "List Bullet",
    }
    for block in source.blocks:
        if block.kind == "pagebreak":
            # Word's own Insert > Page Break: a paragraph holding one page-break run.
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            document.add_paragraph(block.text, style=styles[block.kind])

    core = document.core_properties
    core.title = source.title
    core.author = AUTHOR
    core.last_modified_by = AUTHOR
    core.revision = 1
    core.created = core.modified = core.last_printed = FIXED_TIMESTAMP

    buffer = io.BytesIO()
    document.save(buffer)
    _write_deterministic_zip(buffer.getvalue(), path)


# --------------------------------------------------------------------------- driver


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_metadata(sources: list[Source], path: Path) -> None:
    """Write metadata.csv: one row per source, filled only from its csv mapping.

    Args:
        sources: Parsed sources.
        path: Where to write the CSV.
    """
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(METADATA_COLUMNS)
        for source in sorted(sources, key=lambda s: s.output):
            row = {"file": source.output} | source.csv
            writer.writerow(_csv_cell(row.get(column)) for column in METADATA_COLUMNS)


def render_all(source_dir: Path, out_dir: Path) -> list[str]:
    """Render every source in a folder and write metadata.csv beside the outputs.

    Args:
        source_dir: Folder holding the *.md sources.
        out_dir: Folder to write into; created if missing.

    Returns:
        The names of the files written, metadata.csv last.

    Raises:
        ValueError: If a source is invalid or two sources name the same output.
    """
    sources = [parse_source(path) for path in find_sources(source_dir)]
    seen: dict[str, Path] = {}
    for source in sources:
        if source.output in seen:
            raise ValueError(f"{source.path} and {seen[source.output]} both render {source.output}")
        seen[source.output] = source.path
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sources:
        render = render_pdf if source.output.endswith(".pdf") else render_docx
        render(source, out_dir / source.output)
        written.append(source.output)
    write_metadata(sources, out_dir / METADATA_NAME)
    return [*written, METADATA_NAME]


def check(source_dir: Path, out_dir: Path) -> list[str]:
    """Render into a temporary folder and compare with the committed outputs.

    Args:
        source_dir: Folder holding the *.md sources.
        out_dir: Folder holding the committed outputs.

    Returns:
        Names of the outputs that are missing from out_dir or differ from a fresh render.
    """
    with tempfile.TemporaryDirectory(prefix="render_sample_") as tmp:
        fresh = Path(tmp)
        names = render_all(source_dir, fresh)
        return [
            name
            for name in names
            if not (out_dir / name).is_file()
            or (out_dir / name).read_bytes() != (fresh / name).read_bytes()
        ]


def main(argv: list[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: Arguments without the program name; defaults to sys.argv[1:].

    Returns:
        The process exit status.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, help="source folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument(
        "--check",
        action="store_true",
        help="render to a temporary folder; exit 1 if any committed output differs",
    )
    args = parser.parse_args(argv)
    if args.check:
        stale = check(args.sources, args.out)
        if stale:
            print(f"render_sample: out of date in {args.out}: {', '.join(stale)}", file=sys.stderr)
            return 1
        print(f"render_sample: {args.out} is up to date")
        return 0
    written = render_all(args.sources, args.out)
    print(f"render_sample: wrote {len(written)} files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
