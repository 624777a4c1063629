"""Taggers: methods that apply codebook codes to passages, each with the same interface.

Every tagger takes (id, text) items and returns `Tag`s: a code, a confidence in 0..1, its
method, and the evidence span in the text. `decide.py` combines them into one decision per
passage and code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import yaml

from ..errors import ReviewMinerError
from ..records import Tag

CONFIG = Path(__file__).resolve().parent.parent.parent / "config" / "tagging.yaml"


@dataclass(frozen=True)
class Item:
    """A text to tag and its id (a passage id, or the id of a line of `tag-text` input)."""

    id: str
    text: str


class Tagger(Protocol):
    """What every tagger provides."""

    method: str

    def tag(self, items: list[Item], vectors: np.ndarray | None = None) -> list[Tag]:
        """Return this method's tags; `vectors` are the items' embeddings, when computed."""
        ...


def load_config(path: Path | str = CONFIG) -> dict[str, Any]:
    """Read the hand-edited tagging settings (cues, negatable frames, rules confidence)."""
    path = Path(path)
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ReviewMinerError(f"{path}: no such tagging configuration") from exc
    except yaml.YAMLError as exc:
        raise ReviewMinerError(f"{path}: not valid YAML: {exc}") from exc
    for key in ("negatable_frames", "negation", "hypothetical", "rules_confidence"):
        if key not in config:
            raise ReviewMinerError(f"{path}: missing '{key}'")
    return config
