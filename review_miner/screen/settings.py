"""The screening settings: thresholds, weakness points and word lists.

They live in config/screening.yaml, hand-edited. Every screen reads them (the ethnicity rules
their word lists, many calls deep), so the file's place and its reader sit here, below them all.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import ReviewMinerError

CONFIG = Path(__file__).resolve().parents[2] / "config" / "screening.yaml"


def load_settings(path: Path | str = CONFIG) -> dict:
    """Read the screening settings (thresholds, weakness points)."""
    path = Path(path)
    try:
        settings = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ReviewMinerError(f"{path}: no such screening configuration") from exc
    for key in ("chronology_heavy", "weakness_points", "weak_from"):
        if key not in settings:
            raise ReviewMinerError(f"{path}: missing '{key}'")
    return settings
