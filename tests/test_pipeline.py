"""The main job end to end: `review-miner run` on the sample corpus, the real models, CI.

One run is shared by these tests (it takes a minute or two): the command's summary, every
output, the report's numbers against the matrix, the re-run, and the analyst's notebook.
"""

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import DATA, ROOT, SAMPLE, external_references, heavy_imports
from typer.testing import CliRunner

from review_miner.cli import app
from review_miner.codebook import load_codebook
from review_miner.pipeline import STAGES


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory) -> tuple[Path, str, Path]:
    """The sample corpus plus one encrypted PDF, run once through `review-miner run`."""
    folder = tmp_path_factory.mktemp("input")
    shutil.copytree(SAMPLE, folder, dirs_exist_ok=True)
    shutil.copy(DATA / "encrypted.pdf", folder)
    out = folder.parent / "out"
    result = CliRunner().invoke(app, ["run", str(folder), "--out", str(out), "--workers", "2"])
    assert result.exit_code == 0, result.output
    return out, result.output, folder


def test_run_names_every_output_and_what_each_stage_did(sample_run):
    out, output, _ = sample_run
    assert "18 ingested, 0 unchanged, 1 failed" in output
    assert "failed: encrypted.pdf: encrypted: password required" in output
    assert "18 reviews screened, 0 already screened" in output and "topics:" in output
    for stage in STAGES:
        assert f"{stage} " in output.split("time:")[1].splitlines()[0]
    listed = [Path(line.strip()) for line in output.split("outputs:")[1].splitlines() if line.strip()]
    names = {p.name for p in listed}
    assert {"corpus.csv", "matrix.csv", "codes.csv", "screening.csv", "screening.html",
            "report.html", "report.xlsx", "frequency_by_incident.csv", "digest-2022Q4.html"} <= names  # fmt: skip
    assert all(p.exists() for p in listed)


def test_run_report_agrees_with_the_matrix(sample_run):
    out, _, _ = sample_run
    matrix = pd.read_csv(out / "matrix.csv")
    frequency = pd.read_csv(out / "report" / "frequency_by_incident.csv").iloc[1:].set_index("code")
    book = load_codebook(ROOT / "codebooks")
    for code in book.ids:
        assert frequency.loc[code, "all_n"] == matrix[code].sum()
    assert frequency["all_n"].sum() > 0
    # Every code a review carries is backed by evidence, and the other way round.
    codes = pd.read_csv(out / "codes.csv")
    carried = codes[codes["passages"] > 0]
    for _, row in carried.iterrows():
        assert matrix.loc[matrix["doc_id"] == row["doc_id"], row["code"]].item() == 1
    assert carried.shape[0] == int(matrix.iloc[:, 2:].to_numpy().sum())
    assert carried["evidence"].str.len().min() > 0
    screening = pd.read_csv(out / "report" / "screening_by_kind.csv").set_index("kind")
    assert screening.loc["all", "reviews"] == 18
    # The sample shows every ethnicity status and both kinds of review.
    assert all(screening.loc["all", f"ethnicity_{s}_n"] > 0
               for s in ("absent", "stated_only", "stated_and_analysed"))  # fmt: skip
    assert screening.loc["rapid_review", "reviews"] > 0 and screening.loc["lcspr", "reviews"] > 0


def test_run_html_outputs_need_no_network(sample_run):
    out, _, _ = sample_run
    for page in (out / "report" / "report.html", out / "digest-2022Q4.html", out / "screening.html"):
        assert external_references(page.read_text()) == [], page


def test_rerun_reuses_everything(sample_run):
    out, _, folder = sample_run
    result = CliRunner().invoke(app, ["run", str(folder), "--out", str(out), "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert "0 ingested, 18 unchanged, 1 failed" in result.output
    assert "0 passages tagged" in result.output
    assert "0 reviews screened, 18 already screened" in result.output
    assert "reused" in result.output.split("topics:")[1].splitlines()[0]


def test_rerun_with_nothing_new_imports_no_model_library(sample_run):
    """Issue 5: a re-run must be quick, and most of its time was importing these."""
    out, _, folder = sample_run
    run = CliRunner().invoke(app, ["run", str(folder), "--out", str(out), "--workers", "2"])
    assert run.exit_code == 0 and "reports kept as they were" in run.output  # nothing new
    code = (
        "from review_miner.cli import app\n"
        f"app({['run', str(folder), '--out', str(out), '--workers', '2']!r}, "
        "standalone_mode=False)"
    )
    assert heavy_imports(code) == []


def test_report_and_matrix_on_their_own_import_no_model_library(sample_run, tmp_path):
    """They only read the store: the codebook's patterns, which need spaCy, are not compiled."""
    out, _, _ = sample_run
    store = out / "review_miner.db"
    for command in (
        ["report", "--store", str(store), "--out", str(tmp_path / "report")],
        ["matrix", "--store", str(store), "--out", str(tmp_path / "matrix.csv")],
    ):
        code = f"from review_miner.cli import app\napp({command!r}, standalone_mode=False)"
        assert heavy_imports(code) == [], command
    assert (tmp_path / "report" / "report.html").exists() and (tmp_path / "matrix.csv").exists()


def test_the_analysts_notebook_runs(sample_run):
    import nbformat
    from nbclient import NotebookClient

    out, _, _ = sample_run
    notebook = nbformat.read(ROOT / "notebooks" / "analyst_walkthrough.ipynb", as_version=4)
    os.environ["REVIEW_MINER_DEMO"] = str(out)
    try:
        NotebookClient(
            notebook, timeout=300, kernel_name="python3",
            resources={"metadata": {"path": str(ROOT / "notebooks")}},
        ).execute()  # fmt: skip
    finally:
        del os.environ["REVIEW_MINER_DEMO"]
    printed = "".join(
        output.get("text", "") for cell in notebook.cells for output in cell.get("outputs", [])
    )
    assert "18 reviews" in printed and "against 2022Q3" in printed
