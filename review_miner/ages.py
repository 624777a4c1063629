"""The child's age band: one definition for every output (report tables and QDA exports).

The bands are the Panel's (its annual reports count children under 1, 1 to 4, 5 to 9,
10 to 14 and 15 to 17), so a group cut in NVivo lines up with the same group in the report.
"""

from __future__ import annotations

import math

AGE_BANDS: tuple[tuple[str, float, float], ...] = (
    ("under 1", 0, 1),
    ("1-4", 1, 5),
    ("5-9", 5, 10),
    ("10-14", 10, 15),
    ("15-17", 15, 18),
)
"""The Panel's age bands: (label, from, below) in years."""


def age_band(years: float | None) -> str | None:
    """Return the Panel's age band for an age in years ("under 1", "1-4", ... "15-17").

    None when the age is unknown or outside the bands (a review of a young adult).
    """
    if years is None or math.isnan(years):
        return None
    for label, low, below in AGE_BANDS:
        if low <= years < below:
            return label
    return None
