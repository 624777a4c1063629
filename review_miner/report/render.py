"""Write the frequency report: one CSV per table, one XLSX workbook, one self-contained HTML."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from .. import __version__
from ..codebook import Codebook
from ..store import Store
from .frequency import ETHNICITY_STATUSES, report_tables
from .tables import blank_missing, html_environment, readable_sheet

CAPTIONS = {
    "frequency_by_incident": "Reviews carrying each code, by incident",
    "frequency_by_kind": "Reviews carrying each code, by kind of review",
    "frequency_by_age": "Reviews carrying each code, by the child's age band",
    "cooccurrence": "Co-occurrence: reviews carrying both codes (diagonal: the code at all)",
    "toxic_trio": "The toxic trio: domestic abuse, parental mental ill-health, substance misuse",
    "theme_by_risk": "Practice themes (rows) by risk factors (columns): reviews carrying both",
    "screening_by_kind": "Screening results by kind of review",
    "screening_by_quarter": "Screening results by quarter",
    "topics": "Emerging topics in passages the codebook did not cover",
}


def write_report(store: Store, codebook: Codebook, out_dir: Path) -> list[Path]:
    """Write every report table as CSV, all of them as `report.xlsx`, and `report.html`.

    Returns the paths written. The HTML names, under each table and chart, the CSV its
    numbers come from.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    tables = report_tables(store, codebook)
    paths = []
    for name, table in tables.items():
        path = out_dir / f"{name}.csv"
        table.to_csv(path, index=False)
        paths.append(path)
    workbook = out_dir / "report.xlsx"
    with pd.ExcelWriter(workbook, engine="openpyxl") as writer:
        for name, table in tables.items():
            table.to_excel(writer, sheet_name=name[:31], index=False)
            readable_sheet(writer.sheets[name[:31]], table)
    paths.append(workbook)
    html = out_dir / "report.html"
    html.write_text(render_report_html(tables, codebook), encoding="utf-8")
    paths.append(html)
    return paths


def _charts(tables: dict[str, pd.DataFrame], codebook: Codebook) -> dict[str, list[str]]:
    from .charts import bar_chart, stacked_bars  # matplotlib is slow to import: only when drawing

    overall = tables["frequency_by_incident"].iloc[1:]
    charts: dict[str, list[str]] = {"frequency_by_incident": []}
    for frame in ("theme", "risk", "harm", "context"):
        rows = overall[overall["frame"] == frame]
        if len(rows):
            charts["frequency_by_incident"].append(
                bar_chart(
                    list(rows["label"]),
                    list(rows["all_pct"].fillna(0)),
                    f"% of reviews ({codebook.frames[frame].label})"
                    if frame in codebook.frames
                    else "% of reviews",
                )
            )
    by_quarter = tables["screening_by_quarter"]
    by_quarter = by_quarter[by_quarter["quarter"] != "all"]
    if len(by_quarter):
        charts["screening_by_quarter"] = [
            stacked_bars(
                list(by_quarter["quarter"]),
                {s: list(by_quarter[f"ethnicity_{s}_pct"].fillna(0)) for s in ETHNICITY_STATUSES},
                "% of screened reviews: ethnicity",
            )
        ]
    return charts


def render_report_html(tables: dict[str, pd.DataFrame], codebook: Codebook) -> str:
    """The report as one HTML page with inline SVG charts and no external references."""
    reviews = tables["reviews"]
    shown = {name: blank_missing(table) for name, table in tables.items() if name != "reviews"}
    return (
        html_environment()
        .get_template("report.html.j2")
        .render(
            tables=shown,
            captions=CAPTIONS,
            charts=_charts(tables, codebook),
            reviews=len(reviews),
            codebook=codebook.version,
            version=__version__,
            generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        )
    )
