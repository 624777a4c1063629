"""REFI-QDA essentials shared by export and import.

Namespaces, GUIDs, validation against the schemas, and the checks an importer needs that
the schemas cannot make.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from functools import cache
from pathlib import Path
from xml.etree import ElementTree as ET

from ..errors import ReviewMinerError

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
SCHEMAS = Path(__file__).resolve().parent / "schemas"
# All review_miner GUIDs are uuid5 names in this namespace: the same id, the same GUID.
GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "review-miner:refi-qda")


def guid(kind: str, key: str) -> str:
    """Return the GUID of a review_miner object: uuid5 of its kind and stable id."""
    return str(uuid.uuid5(GUID_NAMESPACE, f"{kind}:{key}"))


def qname(tag: str, ns: str = PROJECT_NS) -> str:
    """Return an element's qualified name, as ElementTree writes it."""
    return f"{{{ns}}}{tag}"


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
    for source in root.iter(qname("TextSource")):
        path = source.get("plainTextPath", "")
        inline = source.find(qname("PlainTextContent"))
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
        for selection in source.iter(qname("PlainTextSelection")):
            start = int(selection.get("startPosition", "-1"))
            end = int(selection.get("endPosition", "-1"))
            if not 0 <= start < end <= len(text):
                problems.append(f"selection {selection.get('guid')}: {start}-{end} outside text")
            elif not text[start:end].strip():
                problems.append(f"selection {selection.get('guid')}: only blank space")
    return problems
