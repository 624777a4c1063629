"""Import a REFI-QDA project (.qdpx) as a person's coding.

Reads a project written by review_miner or another tool and maps its sources to stored
documents (or single passages), its codes to codebook codes and its selections to passages,
reporting whatever could not be mapped, and why.
"""

from __future__ import annotations

import zipfile
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from ..codebook import Codebook
from ..errors import ReviewMinerError
from ..records import Passage
from ..store import Store
from ..tag import TAGGABLE
from .codings import Coding, check_coder_name, save_codings
from .refi import guid
from .refi import qname as _q


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
