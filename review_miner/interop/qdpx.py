"""REFI-QDA projects (.qdpx) and codebooks (.qdc): write the store's coding, read a person's.

A `.qdpx` is a zip with `project.qde` (QDA-XML, `urn:QDA-XML:project:1.0`) at its root and
the plain text of each source under `sources/`. Export writes the codebook as codes nested
by frame, each review as a text source and a case with its variables, and each machine tag
as a coded selection with exact character offsets, by the user `review_miner`. GUIDs are
uuid5 of stable ids and the zip's timestamps are fixed, so exporting an unchanged store
twice gives the same bytes. Every export is validated against the REFI-QDA schema and
audited for what the schema cannot check before it is written.

Import reads a project written by review_miner or another tool and maps its sources to
stored documents (or single passages), its codes to codebook codes and its selections to
passages, reporting whatever could not be mapped, and why.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from xml.etree import ElementTree as ET

from .. import __version__
from ..codebook import Codebook
from ..errors import ReviewMinerError
from ..records import Document, Passage
from ..store import Store
from ..tag import TAGGABLE
from .codings import MACHINE, Coding, check_coder_name, save_codings

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
SCHEMAS = Path(__file__).resolve().parent / "schemas"
# All review_miner GUIDs are uuid5 names in this namespace: the same id, the same GUID.
GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "review-miner:refi-qda")
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
    ("age band", "Text", "the child's age at the incident: under 1, 1 to 5, 6 to 10, ..."),
    ("ethnicity", "Text", "screening: absent, stated_only or stated_and_analysed"),
    ("chronology share", "Float", "screening: share of body words in chronology, 0 to 1"),
)


def guid(kind: str, key: str) -> str:
    """Return the GUID of a review_miner object: uuid5 of its kind and stable id."""
    return str(uuid.uuid5(GUID_NAMESPACE, f"{kind}:{key}"))


def age_band(years: float | None) -> str | None:
    """Return the Panel's age band for a child's age in years."""
    if years is None:
        return None
    for limit, band in ((1, "under 1"), (6, "1 to 5"), (11, "6 to 10"), (16, "11 to 15")):
        if years < limit:
            return band
    return "16 and over"


def _q(tag: str, ns: str = PROJECT_NS) -> str:
    return f"{{{ns}}}{tag}"


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


@cache
def _schema(name: str):  # noqa: ANN202 - xmlschema's type, imported lazily
    import xmlschema

    return xmlschema.XMLSchema(str(SCHEMAS / name))


def validate(xml: bytes, schema: str = "Project.xsd") -> None:
    """Validate QDA-XML against the REFI-QDA schema.

    Raises:
        ReviewMinerError: The document breaks the schema (a bug here, or a foreign file).
    """
    import xmlschema

    try:
        _schema(schema).validate(io.BytesIO(xml))
    except xmlschema.XMLSchemaException as exc:
        reason = getattr(exc, "reason", None) or str(exc).splitlines()[0]
        raise ReviewMinerError(f"not valid against {schema}: {reason}") from exc


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


# Checks the schema cannot make ------------------------------------------------------------

_CONTAINERS = ("Users", "Codes", "Variables", "Cases", "Sources", "Notes", "Links", "Sets")
_REFS = {
    "CodeRef": "Code",
    "SourceRef": "TextSource",
    "VariableRef": "Variable",
    "MemberCode": "Code",
    "MemberSource": "TextSource",
}
_ZULU = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")


def audit(archive: bytes) -> list[str]:
    """Return the problems an importer would trip over that the schema does not catch.

    References that point nowhere, duplicate GUIDs, empty containers, sources whose text
    is missing from the archive, selections outside their text or over blank space only,
    codes without a name, and dates not in `2025-01-01T00:00:00Z` form.
    """
    problems: list[str] = []
    with zipfile.ZipFile(io.BytesIO(archive)) as zipped:
        names = set(zipped.namelist())
        root = ET.fromstring(zipped.read("project.qde"))
        texts = {
            name: zipped.read(name).decode("utf-8-sig") for name in names if name != "project.qde"
        }
    kinds: dict[str, str] = {}
    for element in root.iter():
        local = element.tag.split("}")[-1]
        if local in _CONTAINERS and len(element) == 0:
            problems.append(f"empty <{local}/>")
        if "guid" in element.attrib:
            if element.get("guid") in kinds:
                problems.append(f"GUID {element.get('guid')} used twice")
            kinds[element.get("guid", "")] = local
        for attr in ("creationDateTime", "modifiedDateTime"):
            if attr in element.attrib and not _ZULU.match(element.get(attr, "")):
                problems.append(f"<{local}> {attr} '{element.get(attr)}' is not UTC 'Z' time")
    for element in root.iter():
        local = element.tag.split("}")[-1]
        target = element.get("targetGUID")
        if local in _REFS and kinds.get(target or "") != _REFS[local]:
            problems.append(f"<{local}> points at {target}, which is no {_REFS[local]}")
        for attr in ("creatingUser", "modifyingUser", "creatingUserGUID"):
            if attr in element.attrib and kinds.get(element.get(attr, "")) != "User":
                problems.append(f"<{local}> {attr} {element.get(attr)} is no User")
        if local == "Code" and not element.get("name", "").strip():
            problems.append(f"code {element.get('guid')} has no name")
    for source in root.iter(_q("TextSource")):
        path = source.get("plainTextPath", "")
        inline = source.find(_q("PlainTextContent"))
        if path and inline is not None:
            problems.append(f"source {source.get('name')}: both plainTextPath and content")
        if path.startswith("internal://"):
            member = "sources/" + path.removeprefix("internal://")
            if member not in texts:
                problems.append(f"source {source.get('name')}: {member} is not in the archive")
                continue
            text = texts[member]
        elif inline is not None:
            text = inline.text or ""
        else:
            problems.append(f"source {source.get('name')}: no internal:// text")
            continue
        for selection in source.iter(_q("PlainTextSelection")):
            start = int(selection.get("startPosition", "-1"))
            end = int(selection.get("endPosition", "-1"))
            if not 0 <= start < end <= len(text):
                problems.append(f"selection {selection.get('guid')}: {start}-{end} outside text")
            elif not text[start:end].strip():
                problems.append(f"selection {selection.get('guid')}: only blank space")
    return problems


# Import ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unmapped:
    """Something in an imported project that could not be stored, and why."""

    what: str
    reason: str


@dataclass
class ImportSummary:
    """What an import stored and what it could not map."""

    coder: str
    sources: list[tuple[str, str]] = field(default_factory=list)  # (source name, mapped to)
    selections: int = 0
    codings: list[Coding] = field(default_factory=list)
    scope: list[str] = field(default_factory=list)
    unmapped: list[Unmapped] = field(default_factory=list)
    users: Counter = field(default_factory=Counter)

    @property
    def passages_coded(self) -> int:
        """How many passages carry at least one of the imported codes."""
        return len({c.passage_id for c in self.codings})


@dataclass(frozen=True)
class _Text:
    """A source's text as the other tool wrote it, normalised to the store's line ends."""

    text: str
    returns: list[int]  # positions of the '\r' removed, in the tool's own text

    def position(self, raw: int) -> int:
        """Map an offset in the tool's text (with CRLF) to one in the normalised text."""
        return raw - bisect_left(self.returns, raw)


def _normalise(data: bytes) -> _Text:
    """Decode a source's bytes: a BOM is no character of the text, CRLF ends lines as LF.

    Offsets in the project count characters of the text as the tool has it, so a CRLF
    counts two; `_Text.position` maps them onto the LF text the store holds.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raw = data.decode("utf-16")
    else:
        raw = data.decode("utf-8-sig")
    raw = raw.removeprefix("\ufeff")
    returns = [i for i, char in enumerate(raw) if char == "\r" and raw[i + 1 : i + 2] == "\n"]
    return _Text(raw.replace("\r\n", "\n"), returns)


def _read_project(path: Path) -> tuple[ET.Element, dict[str, bytes]]:
    if not path.is_file():
        raise ReviewMinerError(f"{path}: no such file")
    try:
        with zipfile.ZipFile(path) as archive:
            qde = [n for n in archive.namelist() if n.lower().endswith(".qde")]
            if not qde:
                raise ReviewMinerError(f"{path}: no project.qde inside; not a REFI-QDA project")
            members = {n: archive.read(n) for n in archive.namelist() if not n.endswith("/")}
    except zipfile.BadZipFile as exc:
        raise ReviewMinerError(f"{path}: not a .qdpx file (not a zip archive)") from exc
    try:
        root = ET.fromstring(members[sorted(qde, key=len)[0]])
    except ET.ParseError as exc:
        raise ReviewMinerError(f"{path}: project.qde is not well-formed XML ({exc})") from exc
    if root.tag != _q("Project"):
        raise ReviewMinerError(
            f"{path}: project.qde's root is {root.tag}, not a QDA-XML 1.0 <Project>"
        )
    return root, members


def _code_map(root: ET.Element, codebook: Codebook) -> dict[str, tuple[str | None, str]]:
    """Map each project code's GUID to (codebook code id or None, its name or the reason)."""
    ours = {guid("code", c.id): c.id for c in codebook.codes}
    frames = {guid("frame", f) for f in codebook.frames}
    by_name: dict[str, list[str]] = {}
    for code in codebook.codes:
        for name in {code.id.casefold(), code.label.strip().casefold()}:
            by_name.setdefault(name, []).append(code.id)
    mapping: dict[str, tuple[str | None, str]] = {}
    for element in root.iter(_q("Code")):
        key = element.get("guid", "").strip("{}").lower()
        name = element.get("name", "")
        if key in ours:
            mapping[key] = (ours[key], name)
        elif key in frames or element.get("isCodable") == "false":
            mapping[key] = (None, f"code '{name}' is a frame, not a code one can apply")
        else:
            matches = sorted(set(by_name.get(name.strip().casefold(), [])))
            if len(matches) == 1:
                mapping[key] = (matches[0], name)
            elif matches:
                mapping[key] = (None, f"code '{name}' matches several codes: {matches}")
            else:
                mapping[key] = (
                    None,
                    f"code '{name}' is not in the codebook (by GUID, id or label); add it to "
                    "codebooks/ or rename it in your project",
                )
    return mapping


def import_project(store: Store, codebook: Codebook, path: Path, coder: str) -> ImportSummary:
    """Read a REFI-QDA project and store its codings as `coder`'s.

    Sources map to stored documents by GUID (review_miner's own exports), else by their
    text; a source holding one passage maps to that passage. Codes map by GUID, else by
    name (a code id or label). A selection maps to every paragraph or bullet it overlaps,
    each keeping its own part of the selection. The passages of every mapped source
    become the coder's: a passage there without a code counts as coded "none of these".

    Raises:
        ReviewMinerError: The file is not a REFI-QDA project, or the coder name is unusable.
    """
    coder = check_coder_name(coder)
    root, members = _read_project(path)
    codes = _code_map(root, codebook)
    users = {u.get("guid", "").strip("{}").lower(): u.get("name") for u in root.iter(_q("User"))}
    documents = {d.doc_id: d for d in store.documents()}
    by_text = {d.text.rstrip(): d.doc_id for d in documents.values()}
    all_passages = [p for p in store.passages() if p.kind in TAGGABLE]
    by_doc: dict[str, list[Passage]] = {}
    for passage in all_passages:
        by_doc.setdefault(passage.doc_id, []).append(passage)
    passage_by_guid = {guid("passage", p.passage_id): p for p in all_passages}
    passages_by_text: dict[str, list[Passage]] = {}
    for passage in all_passages:
        passages_by_text.setdefault(passage.text.rstrip(), []).append(passage)
    doc_by_guid = {guid("document", d): document for d, document in documents.items()}

    summary = ImportSummary(coder)
    sources_element = root.find(_q("Sources"))
    for source in [] if sources_element is None else list(sources_element):
        local = source.tag.split("}")[-1]
        name = source.get("name") or source.get("guid", "?")
        if local != "TextSource":
            summary.unmapped.append(
                Unmapped(f"source '{name}'", f"a {local}: only text sources are read")
            )
            continue
        try:
            content = _source_text(source, members)
        except ReviewMinerError as exc:
            summary.unmapped.append(Unmapped(f"source '{name}'", str(exc)))
            continue
        key = source.get("guid", "").strip("{}").lower()
        text = content.text.rstrip()
        target_doc = doc_by_guid.get(key) or (
            documents.get(by_text[text]) if text in by_text else None
        )
        target_passage = None
        if target_doc is None:
            target_passage = passage_by_guid.get(key)
            if target_passage is None and len(passages_by_text.get(text, [])) == 1:
                target_passage = passages_by_text[text][0]
        if target_doc is not None:
            if content.text.rstrip() != target_doc.text.rstrip():
                summary.unmapped.append(
                    Unmapped(
                        f"source '{name}'",
                        f"its text differs from the stored {target_doc.file}: it was edited "
                        "in the other tool, so its offsets cannot be trusted",
                    )
                )
                continue
            scope, base = by_doc.get(target_doc.doc_id, []), 0
            summary.sources.append((name, target_doc.file))
        elif target_passage is not None:
            if content.text.rstrip() != target_passage.text.rstrip():
                summary.unmapped.append(
                    Unmapped(
                        f"source '{name}'",
                        f"its text differs from stored passage {target_passage.passage_id}",
                    )
                )
                continue
            scope, base = [target_passage], target_passage.start
            summary.sources.append((name, target_passage.passage_id))
        else:
            summary.unmapped.append(
                Unmapped(
                    f"source '{name}'",
                    "its text matches no stored document or passage; ingest the review first",
                )
            )
            continue
        summary.scope += [p.passage_id for p in scope]
        for element in source:
            local = element.tag.split("}")[-1]
            if local == "Coding":
                summary.unmapped.append(
                    Unmapped(
                        f"coding of the whole source '{name}'",
                        "codes on a whole source are not read: code a selection",
                    )
                )
            if local != "PlainTextSelection":
                continue
            _map_selection(element, name, content, scope, base, codes, users, summary)
    if not summary.sources:
        raise ReviewMinerError(
            f"{path}: no source in the project matches a stored review"
            + "".join(f"\n  {u.what}: {u.reason}" for u in summary.unmapped[:10])
        )
    save_codings(store, coder, summary.scope, summary.codings, str(path))
    return summary


def _source_text(source: ET.Element, members: dict[str, bytes]) -> _Text:
    path = source.get("plainTextPath")
    if path:
        if not path.startswith("internal://"):
            raise ReviewMinerError(f"its text is outside the archive ({path})")
        member = "sources/" + path.removeprefix("internal://")
        # Tools differ in the case of the folder's name; the standard says 'sources'.
        found = {name.lower(): name for name in members}
        if member.lower() not in found:
            raise ReviewMinerError(f"{member} is missing from the archive")
        data = members[found[member.lower()]]
    else:
        inline = source.find(_q("PlainTextContent"))
        if inline is None:
            raise ReviewMinerError("it has no plain text (no plainTextPath or content)")
        return _normalise((inline.text or "").encode("utf-8"))
    try:
        return _normalise(data)
    except UnicodeDecodeError as exc:
        raise ReviewMinerError(f"its text is not UTF-8 (byte {exc.start})") from exc


def _map_selection(
    element: ET.Element,
    source_name: str,
    content: _Text,
    scope: list[Passage],
    base: int,
    codes: dict[str, tuple[str | None, str]],
    users: dict[str, str | None],
    summary: ImportSummary,
) -> None:
    summary.selections += 1
    try:
        raw_start = int(element.get("startPosition", ""))
        raw_end = int(element.get("endPosition", ""))
    except ValueError:
        raw_start = raw_end = -1
    what = (
        f"selection {element.get('guid')} in '{source_name}' "
        f"(characters {element.get('startPosition')}-{element.get('endPosition')})"
    )
    start, end = content.position(raw_start), content.position(raw_end)
    if not 0 <= start < end <= len(content.text):
        summary.unmapped.append(
            Unmapped(what, f"outside the text ({len(content.text)} characters) or empty")
        )
        return
    # Offsets in the document: a passage source's text starts at its passage's offset.
    start, end = start + base, end + base
    overlapping = [
        p
        for p in scope
        if p.start < end
        and start < p.end
        and p.text[max(start, p.start) - p.start : min(end, p.end) - p.start].strip()
    ]
    applied = []
    for coding in element.iter(_q("Coding")):
        ref = coding.find(_q("CodeRef"))
        key = (ref.get("targetGUID", "") if ref is not None else "").strip("{}").lower()
        code, name = codes.get(key, (None, f"code {key} is not in the project's codebook"))
        if code is None:
            summary.unmapped.append(Unmapped(what, name))
            continue
        user = (coding.get("creatingUser") or element.get("creatingUser") or "").strip("{}")
        summary.users[users.get(user.lower()) or "(no user)"] += 1
        applied.append(code)
    if not applied:
        return
    if not overlapping:
        summary.unmapped.append(
            Unmapped(what, "covers no paragraph or bullet (a heading, title or blank space)")
        )
        return
    for passage in overlapping:
        for code in applied:
            summary.codings.append(
                Coding(
                    summary.coder,
                    passage.passage_id,
                    code,
                    max(start, passage.start) - passage.start,
                    min(end, passage.end) - passage.start,
                    start,
                    end,
                    element.get("guid", "").strip("{}").lower(),
                )
            )
