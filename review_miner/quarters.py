"""Calendar quarters as the Panel's digests use them: "2022Q4", the one before, the last four."""

from __future__ import annotations

import re

from .errors import ReviewMinerError

QUARTER = re.compile(r"^(\d{4})\s*-?\s*Q([1-4])$", re.IGNORECASE)


def parse_quarter(text: str) -> tuple[int, int]:
    """Return (year, quarter) from "2022Q4" (also "2022-Q4", "2022 q4")."""
    match = QUARTER.match(text.strip())
    if not match:
        raise ReviewMinerError(f"{text!r} is not a quarter: write it like 2022Q4")
    return int(match[1]), int(match[2])


def format_quarter(year: int, quarter: int) -> str:
    """Return "2022Q4" for (2022, 4)."""
    return f"{year}Q{quarter}"


def previous_quarter(text: str) -> str:
    """The quarter before: 2023Q1 comes after 2022Q4."""
    year, quarter = parse_quarter(text)
    return format_quarter(year - 1, 4) if quarter == 1 else format_quarter(year, quarter - 1)


def last_quarters(text: str, n: int = 4) -> list[str]:
    """The n quarters ending with this one, oldest first ("2023Q2", 4: 2022Q3 to 2023Q2)."""
    quarters = [format_quarter(*parse_quarter(text))]
    while len(quarters) < n:
        quarters.insert(0, previous_quarter(quarters[0]))
    return quarters


def latest_quarter(quarters: list[str | None]) -> str | None:
    """The latest well-formed quarter among those given, or None."""
    valid = [parse_quarter(q) for q in quarters if q and QUARTER.match(q)]
    return format_quarter(*max(valid)) if valid else None
