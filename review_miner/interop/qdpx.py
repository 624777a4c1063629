"""Write REFI-QDA projects (.qdpx) and codebooks (.qdc): the store's coding, for QDA tools.

A `.qdpx` is a zip with `project.qde` (QDA-XML, `urn:QDA-XML:project:1.0`) at its root and
the plain text of each source under `sources/`. Export writes the codebook as codes nested
by frame, each review as a text source and a case with its variables, and each machine tag
as a coded selection with exact character offsets, by the user `review_miner`. GUIDs are
uuid5 of stable ids and the zip's timestamps are fixed, so exporting an unchanged store
twice gives the same bytes. Every export is validated against the REFI-QDA schema and
audited for what the schema cannot check before it is written.
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from .. import __version__
from ..ages import AGE_BANDS, age_band
from ..codebook import Codebook
from ..errors import ReviewMinerError
from ..records import Document, Passage
from ..store import Store
from .codings import MACHINE
from .refi import CODEBOOK_NS, PROJECT_NS, audit, guid, validate
from .refi import qname as _q

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: no build time leaks in
FRAME_COLOURS = {
    "theme": "#1F77B4",
    "risk": "#D62728",
    "harm": "#9467BD",
    "context": "#2CA02C",
}
VARIABLES = (
    ("kind", "Text", "rapid_review, lcspr, scr, national_review or other"),
    ("incident", "Text", "death or serious_harm"),
    ("quarter", "Text", "calendar quarter of the review date, such as 2022Q4"),
    (
        "age band",
        "Text",
        "the child's age at the incident, in the Panel's bands: "
        + ", ".join(band for band, _, _ in AGE_BANDS),
    ),
    ("ethnicity", "Text", "screening: absent, stated_only or stated_and_analysed"),
    ("chronology share", "Float", "screening: share of body words in chronology, 0 to 1"),
)


def _sub(parent: ET.Element, tag: str, ns: str = PROJECT_NS, **attrs: str) -> ET.Element:
    return ET.SubElement(parent, _q(tag, ns), {k: v for k, v in attrs.items() if v is not None})


def _text(parent: ET.Element, tag: str, text: str, ns: str = PROJECT_NS) -> ET.Element:
    element = _sub(parent, tag, ns)
    element.text = text
    return element


def _zulu(stamp: str | None) -> str | None:
    """ISO time from the store ('2026-11-23T10:00:00+00:00') as REFI wants it ('...Z')."""
    return stamp.replace("+00:00", "Z") if stamp else None


def _codes_element(parent: ET.Element, codebook: Codebook, ns: str) -> None:
    codes = _sub(parent, "Codes", ns)
    for frame_id, frame in codebook.frames.items():
        members = codebook.in_frame(frame_id)
        if not members:
            continue
        colour = FRAME_COLOURS.get(frame_id, "#7F7F7F")
        frame_code = _sub(
            codes,
            "Code",
            ns,
            guid=guid("frame", frame_id),
            name=frame.label,
            isCodable="false",
            color=colour,
        )
        _text(frame_code, "Description", frame.description or f"review_miner frame {frame_id}", ns)
        for code in members:
            element = _sub(
                frame_code,
                "Code",
                ns,
                guid=guid("code", code.id),
                name=code.label,
                isCodable="true",
                color=colour,
            )
            notes = [f"{code.id}: {code.description}"]
            notes += [f"Include: {note}" for note in code.include]
            notes += [f"Exclude: {note}" for note in code.exclude]
            _text(element, "Description", "\n".join(notes), ns)


def _serialise(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def codebook_qdc(codebook: Codebook) -> bytes:
    """Return the codebook as a REFI-QDA codebook (.qdc), validated against Codebook.xsd."""
    ET.register_namespace("", CODEBOOK_NS)
    root = ET.Element(_q("CodeBook", CODEBOOK_NS), {"origin": f"review_miner {__version__}"})
    _codes_element(root, codebook, CODEBOOK_NS)
    xml = _serialise(root)
    validate(xml, "Codebook.xsd")
    return xml


@dataclass(frozen=True)
class Source:
    """One text source of an exported project: a whole review, or one passage of it."""

    guid: str
    name: str
    text: str
    document: Document
    offset: int  # where the source's text starts in the document's text
    description: str


@dataclass
class ExportSummary:
    """What an export wrote."""

    path: Path
    sources: int = 0
    cases: int = 0
    codings: int = 0
    skipped_codes: Counter = field(default_factory=Counter)


def export_project(
    store: Store,
    codebook: Codebook,
    out: Path,
    passage_ids: list[str] | None = None,
) -> ExportSummary:
    """Write the store as a REFI-QDA project.

    Args:
        store: The store.
        codebook: The codebook the tags use; codes outside it are skipped and counted.
        out: The .qdpx file to write.
        passage_ids: None for every current review, each with the machine's codes; or a
            list of passages to export alone (a coding queue), one source each and without
            the machine's codes, so that whoever codes them is not steered.

    Raises:
        ReviewMinerError: Nothing to export, or (a bug) the project fails validation.
    """
    documents = {d.doc_id: d for d in store.documents()}
    if not documents:
        raise ReviewMinerError(f"{store.path}: no documents to export; ingest some first")
    sources: list[Source] = []
    passages: dict[str, Passage] = {}
    if passage_ids is None:
        for document in documents.values():
            sources.append(
                Source(
                    guid("document", document.doc_id),
                    document.file,
                    document.text,
                    document,
                    0,
                    f"review_miner document {document.doc_id}",
                )
            )
        passages = {p.passage_id: p for p in store.passages()}
    else:
        found = store.passages_by_id(passage_ids)
        missing = [pid for pid in passage_ids if pid not in found]
        if missing:
            raise ReviewMinerError(f"no such passage in {store.path}: {', '.join(missing[:5])}")
        for pid in passage_ids:
            passage = found[pid]
            document = documents.get(passage.doc_id)
            if document is None:
                raise ReviewMinerError(f"passage {pid}: its document is superseded or failed")
            where = f"p. {passage.page}" + (f", {passage.section}" if passage.section else "")
            sources.append(
                Source(
                    guid("passage", pid),
                    f"{document.file} #{passage.index} ({where})",
                    passage.text,
                    document,
                    passage.start,
                    f"review_miner passage {pid}",
                )
            )
    summary = ExportSummary(out)
    xml = _project_xml(store, codebook, sources, passages, summary, passage_ids is None)
    validate(xml)
    archive = _zip(xml, sources)
    problems = audit(archive)
    if problems:
        raise ReviewMinerError(f"{out}: export failed its own checks: {'; '.join(problems[:3])}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(archive)
    summary.sources = len(sources)
    return summary


def _project_xml(
    store: Store,
    codebook: Codebook,
    sources: list[Source],
    passages: dict[str, Passage],
    summary: ExportSummary,
    with_codings: bool,
) -> bytes:
    ET.register_namespace("", PROJECT_NS)
    user = guid("user", MACHINE)
    stamps = dict(store.db.execute("SELECT passage_id, tagged_at FROM tagged").fetchall())
    latest = max(stamps.values(), default=None) or max(
        (r[0] for r in store.db.execute("SELECT ingested_at FROM documents")), default=None
    )
    root = ET.Element(
        _q("Project"),
        {
            k: v
            for k, v in {
                "name": f"review_miner: {store.path.name}",
                "origin": f"review_miner {__version__}",
                "creatingUserGUID": user,
                "creationDateTime": _zulu(latest),
            }.items()
            if v
        },
    )
    users = _sub(root, "Users")
    _sub(users, "User", guid=user, name=MACHINE, id=MACHINE)
    _codes_element(_sub(root, "CodeBook"), codebook, PROJECT_NS)
    variables = _sub(root, "Variables")
    for name, kind, description in VARIABLES:
        variable = _sub(variables, "Variable", guid=guid("variable", name), name=name)
        variable.set("typeOfVariable", kind)
        _text(variable, "Description", description)

    flags = {(f.doc_id, f.name): f.value for f in store.flags()}
    cases = _sub(root, "Cases")
    by_document: dict[str, list[Source]] = {}
    for source in sources:
        by_document.setdefault(source.document.doc_id, []).append(source)
    for doc_id, doc_sources in by_document.items():
        document = doc_sources[0].document
        meta = document.metadata
        case = _sub(cases, "Case", guid=guid("case", doc_id), name=document.file)
        parts = [meta.child, meta.partnership]
        _text(case, "Description", ", ".join(p for p in parts if p) or document.file)
        share = flags.get((doc_id, "chronology_share"))
        values = {
            "kind": meta.kind,
            "incident": meta.incident,
            "quarter": meta.quarter,
            "age band": age_band(meta.child_age_years),
            "ethnicity": flags.get((doc_id, "ethnicity")),
            "chronology share": share,
        }
        for name, kind, _ in VARIABLES:
            if values[name] in (None, ""):
                continue  # an empty VariableValue is invalid; unknown means absent
            value = _sub(case, "VariableValue")
            _sub(value, "VariableRef", targetGUID=guid("variable", name))
            _text(value, "FloatValue" if kind == "Float" else "TextValue", str(values[name]))
        for source in doc_sources:
            _sub(case, "SourceRef", targetGUID=source.guid)
        summary.cases += 1

    tags = store.tags("combined") if with_codings else []
    known = set(codebook.ids)
    by_passage: dict[str, list] = {}
    for tag in tags:
        if tag.negated:
            continue
        if tag.code not in known:
            summary.skipped_codes[tag.code] += 1
            continue
        by_passage.setdefault(tag.passage_id, []).append(tag)
    doc_passages: dict[str, list[Passage]] = {}
    for passage in sorted(passages.values(), key=lambda p: (p.doc_id, p.index)):
        doc_passages.setdefault(passage.doc_id, []).append(passage)
    source_elements = _sub(root, "Sources")
    for source in sources:
        element = _sub(
            source_elements,
            "TextSource",
            guid=source.guid,
            name=source.name,
            plainTextPath=f"internal://{source.guid}.txt",
            creatingUser=user,
        )
        _text(element, "Description", source.description)
        if not with_codings:
            continue
        for passage in doc_passages.get(source.document.doc_id, []):
            for tag in by_passage.get(passage.passage_id, []):
                start, end = passage.start + tag.start, passage.start + tag.end
                key = f"{tag.passage_id}|{tag.code}"
                selection = _sub(
                    element,
                    "PlainTextSelection",
                    guid=guid("selection", key),
                    name=source.text[start:end][:80],
                    startPosition=str(start),
                    endPosition=str(end),
                    creatingUser=user,
                    creationDateTime=_zulu(stamps.get(tag.passage_id)),
                )
                _text(
                    selection,
                    "Description",
                    f"{tag.code}, confidence {tag.confidence:.2f} (passage {tag.passage_id})",
                )
                coding = _sub(
                    selection,
                    "Coding",
                    guid=guid("coding", key),
                    creatingUser=user,
                    creationDateTime=_zulu(stamps.get(tag.passage_id)),
                )
                _sub(coding, "CodeRef", targetGUID=guid("code", tag.code))
                summary.codings += 1
    _text(
        root,
        "Description",
        "Exported by review_miner: machine coding of child-safeguarding case reviews. "
        "Selections are the machine's evidence for each code; check them.",
    )
    return _serialise(root)


def _zip(xml: bytes, sources: list[Source]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        entries = [("project.qde", xml)] + [
            (f"sources/{s.guid}.txt", s.text.encode("utf-8")) for s in sources
        ]
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def write_codebook(codebook: Codebook, out: Path) -> None:
    """Write the codebook as a .qdc file."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(codebook_qdc(codebook))
