"""The codebook: frames and codes that researchers read and edit as YAML.

A codebook is a folder of YAML files (or one file). Each file may declare frames and codes;
codes from all files form one codebook. Loading validates everything with pydantic and
reports problems by file, line and entry, counting from 1 as a person does:
`codebooks/contexts.yaml, line 51: code 2 of 5 (context.deprivation_housing), frame:
unknown frame 'contexts'`. The codebook's version is a hash of its contents, so tagging knows when a
researcher has changed it.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import ReviewMinerError
from .nlp import blank_english

DEFAULT_CODEBOOK = Path(__file__).resolve().parent.parent / "codebooks"

_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
# Token attributes a blank English pipeline can match on: no lemmas, no parts of speech.
_TOKEN_KEYS = frozenset(
    "ORTH TEXT NORM LOWER LENGTH IS_ALPHA IS_ASCII IS_DIGIT IS_LOWER IS_UPPER IS_TITLE "
    "IS_PUNCT IS_SPACE IS_STOP LIKE_NUM LIKE_URL LIKE_EMAIL SHAPE PREFIX SUFFIX OP".split()
)
_BOOLEAN_KEYS = frozenset(k for k in _TOKEN_KEYS if k.startswith(("IS_", "LIKE_")))


# libyaml's loader reads the codebook ten times faster than the pure-Python one; same rules.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class CodebookError(ReviewMinerError):
    """A codebook that cannot be used; the message names the file and the entry."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class FrameModel(_Strict):
    """A group of codes, such as the practice themes."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    description: str = ""


Pattern = str | list[dict[str, Any]]


class CodeModel(_Strict):
    """One codebook entry, as written in YAML."""

    id: str
    frame: str
    label: str
    description: str
    number: int | None = None
    include: list[str] = []
    exclude: list[str] = []
    patterns: list[Pattern] = []
    examples: list[str] = []

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(f"'{value}' is not an id like 'theme.engagement' (lower case, dots)")
        return value

    @field_validator("patterns")
    @classmethod
    def _pattern_shape(cls, patterns: list[Pattern]) -> list[Pattern]:
        # Positions count from 1, as a person counts the entries of a YAML list.
        for index, pattern in enumerate(patterns):
            which = f"pattern {index + 1} of {len(patterns)}"
            if isinstance(pattern, str):
                if not pattern.strip():
                    raise ValueError(f"{which} is empty")
                continue
            if not pattern:
                raise ValueError(f"{which} is an empty token list")
            for number, token in enumerate(pattern, start=1):
                for key, value in token.items():
                    listed = (
                        value.get("IN", []) + value.get("NOT_IN", [])
                        if isinstance(value, dict)
                        else []
                    )
                    if any(isinstance(item, bool) for item in listed):
                        raise ValueError(
                            f"{which}: {key}: a word in the list was read by YAML as "
                            "a yes/no value; quote words such as 'no', 'yes', 'on', 'off'"
                        )
                    if isinstance(value, bool) and key not in _BOOLEAN_KEYS:
                        raise ValueError(
                            f"{which}: {key}: {str(value).lower()} was read by YAML as "
                            f"a yes/no value; quote the word (e.g. {key}: 'no')"
                        )
                    if key == "OP" and not _is_operator(value):
                        raise ValueError(
                            f"{which}, token {number}: OP {value!r} is not an operator; use "
                            f"{_OPERATORS}"
                        )
                unknown = set(token) - _TOKEN_KEYS
                if unknown:
                    raise ValueError(
                        f"{which} uses {sorted(unknown)[0]!r}; a blank English pipeline "
                        f"matches on {', '.join(sorted(_TOKEN_KEYS - {'OP'}))} (and OP)"
                    )
        return patterns


_OPERATOR = re.compile(r"^(?:[!?+*]|\{\d+\}|\{\d+,\d*\}|\{\d*,\d+\})$")
_OPERATORS = (
    "'!' (not), '?' (optional), '+' (one or more), '*' (any number) or a count: "
    "'{2}' (exactly 2), '{1,3}' (1 to 3), '{2,}' (2 or more), '{,3}' (up to 3)"
)


def _is_operator(value: object) -> bool:
    """Whether a token's OP is one spaCy's Matcher takes (checked here to say so plainly)."""
    return isinstance(value, str) and bool(_OPERATOR.match(value))


class CodebookFile(_Strict):
    """The contents of one YAML file."""

    frames: list[FrameModel] = []
    codes: list[CodeModel] = []


@dataclass(frozen=True)
class Code:
    """A code as the taggers and reports use it."""

    id: str
    frame: str
    label: str
    description: str
    number: int | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    patterns: tuple[Pattern, ...] = field(default=(), hash=False, compare=False)
    examples: tuple[str, ...] = ()
    source: str = ""

    @property
    def definition(self) -> str:
        """Label, description and inclusion notes: the text the similarity tagger compares."""
        return " ".join([self.label + ".", self.description, *self.include])


@dataclass(frozen=True)
class Codebook:
    """Frames and codes from one or more YAML files."""

    frames: dict[str, FrameModel]
    codes: tuple[Code, ...]
    version: str
    files: tuple[str, ...]

    @property
    def ids(self) -> list[str]:
        """Code ids in codebook order."""
        return [code.id for code in self.codes]

    def by_id(self, code_id: str) -> Code:
        """Return the code with this id."""
        for code in self.codes:
            if code.id == code_id:
                return code
        raise KeyError(code_id)

    def in_frame(self, frame: str) -> list[Code]:
        """Return the codes of one frame, in order."""
        return [code for code in self.codes if code.frame == frame]


def load_codebook(path: Path | str = DEFAULT_CODEBOOK, check_patterns: bool = True) -> Codebook:
    """Load and validate a codebook from a YAML file or a folder of them.

    Args:
        path: A codebook folder or YAML file.
        check_patterns: Compile the token patterns with spaCy's validator. Skip it only
            where the patterns are not used (reports and exports, which name codes) or
            are known to be valid (the same version checked before, as `run_pipeline`
            knows from the store): importing spaCy takes seconds.

    Raises:
        CodebookError: A file is missing, is not YAML, or breaks a rule; the message says
            which file and which entry.
    """
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
        if not files:
            raise CodebookError(f"{path}: no .yaml files in this folder")
    elif path.is_file():
        files = [path]
    else:
        raise CodebookError(f"{path}: no such codebook file or folder")

    frames: dict[str, FrameModel] = {}
    entries: list[tuple[Path, int, CodeModel]] = []
    sources: dict[Path, tuple[str, Any]] = {}  # text and raw YAML, to name where a problem is
    digest = hashlib.sha256()
    for file in files:
        text = file.read_text(encoding="utf-8")
        try:
            raw = yaml.load(text, Loader=SAFE_LOADER) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" (line {mark.line + 1})" if mark else ""
            raise CodebookError(f"{file}: not valid YAML{where}: {exc}") from exc
        sources[file] = (text, raw)
        try:
            parsed = CodebookFile.model_validate(raw)
        except ValidationError as exc:
            first = exc.errors()[0]
            location, message = tuple(first["loc"]), first["msg"].removeprefix("Value error, ")
            lookup = location  # where in the YAML: the offending key itself, if unknown
            if first["type"] == "extra_forbidden":
                location, message = location[:-1], f"unknown key '{location[-1]}'"
            pattern = re.match(r"pattern (\d+) of", message)
            if pattern and location[-1:] == ("patterns",):
                lookup = (*location, int(pattern[1]) - 1)
            raise CodebookError(_problem(file, text, raw, location, message, lookup)) from exc
        for index, frame in enumerate(parsed.frames):
            if frame.id in frames:
                raise CodebookError(
                    _problem(
                        file, text, raw, ("frames", index, "id"),
                        f"frame '{frame.id}' is defined twice",
                    )  # fmt: skip
                )
            frames[frame.id] = frame
        entries.extend((file, index, code) for index, code in enumerate(parsed.codes))
        digest.update(file.name.encode() + b"\0" + json.dumps(raw, sort_keys=True).encode())

    codes: list[Code] = []
    seen: dict[str, Path] = {}
    for file, index, entry in entries:

        def problem(field: str, message: str, file: Path = file, index: int = index) -> str:
            return _problem(file, *sources[file], ("codes", index, field), message)

        if entry.frame not in frames:
            raise CodebookError(problem("frame", f"unknown frame '{entry.frame}'"))
        if not entry.id.startswith(entry.frame + "."):
            raise CodebookError(
                problem("id", f"'{entry.id}' must start with its frame, '{entry.frame}.'")
            )
        if entry.id in seen:
            raise CodebookError(
                problem("id", f"'{entry.id}' is already defined in {seen[entry.id]}")
            )
        seen[entry.id] = file
        if check_patterns:
            _check_patterns(entry, file, index, sources[file])
        codes.append(
            Code(
                id=entry.id,
                frame=entry.frame,
                label=entry.label,
                description=entry.description,
                number=entry.number,
                include=tuple(entry.include),
                exclude=tuple(entry.exclude),
                patterns=tuple(entry.patterns),
                examples=tuple(entry.examples),
                source=file.name,
            )
        )
    if not codes:
        raise CodebookError(f"{path}: the codebook has no codes")
    return Codebook(
        frames=frames,
        codes=tuple(codes),
        version=digest.hexdigest()[:12],
        files=tuple(str(f) for f in files),
    )


def _check_patterns(entry: CodeModel, file: Path, index: int, source: tuple[str, Any]) -> None:
    """Compile token patterns with spaCy's own validator, so a bad one fails at load time."""
    from spacy.errors import MatchPatternError
    from spacy.matcher import Matcher

    matcher = Matcher(blank_english().vocab, validate=True)
    for number, pattern in enumerate(entry.patterns):
        if isinstance(pattern, str):
            continue
        try:
            matcher.add(entry.id, [pattern])
        except (MatchPatternError, ValueError) as exc:
            detail = str(exc).strip().splitlines()[-1].strip()
            # spaCy says "- [pattern -> 0 -> LOWER -> ...] message": count tokens from 1.
            found = re.match(r"-?\s*\[pattern -> (\d+) -> (\w+)[^\]]*\]\s*(.*)", detail)
            if found:
                detail = f"token {int(found[1]) + 1}, {found[2]}: {found[3]}"
            raise CodebookError(
                _problem(
                    file, *source, ("codes", index, "patterns", number),
                    f"not a valid spaCy pattern: {detail}",
                )  # fmt: skip
            ) from exc


_NOUNS = {
    "codes": "code",
    "frames": "frame",
    "patterns": "pattern",
    "include": "include note",
    "exclude": "exclude note",
    "examples": "example",
}


def _problem(
    file: Path,
    text: str,
    raw: Any,
    location: tuple,
    message: str,
    lookup: tuple | None = None,
) -> str:
    """A problem as a person finds it: file, line, entry by 1-based position and id, field.

    `codebooks/contexts.yaml, line 51: code 2 of 5 (context.deprivation_housing), frame:
    unknown frame 'contexts'`. `location` is pydantic's path into the YAML (0-based);
    `lookup`, when given, is the path of the line to name (an unknown key's own line).
    """
    words: list[str] = []
    node = raw
    parts = list(location)
    while parts:
        key = parts.pop(0)
        items = node.get(key) if isinstance(node, dict) and isinstance(key, str) else None
        if isinstance(items, list) and parts and isinstance(parts[0], int):
            position = parts.pop(0)
            item = items[position] if position < len(items) else None
            word = f"{_NOUNS.get(key, key)} {position + 1} of {len(items)}"
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                word += f" ({item['id']})"
            words.append(word)
            node = item
        elif isinstance(key, str):
            words.append(key)
            node = node.get(key) if isinstance(node, dict) else None
    line = _line(text, lookup if lookup is not None else location)
    at = f", line {line}" if line else ""
    return f"{file}{at}: {', '.join(words)}: {message}" if words else f"{file}{at}: {message}"


def _line(text: str, location: tuple) -> int | None:
    """The 1-based line of the YAML node at a pydantic location (None if it cannot be found)."""
    try:
        node = yaml.compose(text, Loader=SAFE_LOADER)
    except yaml.YAMLError:
        return None
    line = None
    for key in location:
        if isinstance(node, yaml.MappingNode) and isinstance(key, str):
            values = [value for name, value in node.value if name.value == key]
            if not values:
                break
            node = values[0]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            if key >= len(node.value):
                break
            node = node.value[key]
        else:
            break
        line = node.start_mark.line + 1
    return line
