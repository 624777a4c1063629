"""The command line: summaries, one-line errors, exit codes, and help that teaches."""

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import BAD_INPUTS, DATA, ROOT, heavy_imports
from typer.testing import CliRunner

from review_miner.cli import app

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def test_cli_ingest_reports_every_failure_by_name_and_exits_0(batch: Path, tmp_path: Path):
    result = invoke("ingest", batch, "--store", tmp_path / "s.db", "--workers", "1")
    assert result.exit_code == 0, result.output
    assert f"3 ingested, 0 unchanged, {len(BAD_INPUTS)} failed" in result.output
    for name, reason in BAD_INPUTS.items():
        assert f"failed: {name}: {reason}" in result.output
    assert "(3 documents)" in result.output


def test_cli_ingest_exits_1_when_nothing_could_be_ingested(data_dir: Path, tmp_path: Path):
    result = invoke(
        "ingest", data_dir / "scanned.pdf", data_dir / "empty.pdf", "--store", tmp_path / "s.db"
    )
    assert result.exit_code == 1
    assert "failed: scanned.pdf: no text layer: scanned, needs OCR" in result.output


def test_cli_errors_are_one_line_with_exit_code_1(tmp_path: Path):
    result = invoke("ingest", tmp_path / "missing", "--store", tmp_path / "s.db")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"review-miner: error: {tmp_path / 'missing'}: no such file or folder"
    ]
    assert not (tmp_path / "s.db").exists()  # a typo leaves no empty store behind
    bad_csv = tmp_path / "in"
    bad_csv.mkdir()
    shutil.copy(ROOT / "tests" / "data" / "good.txt", bad_csv)
    (bad_csv / "metadata.csv").write_text("file,kind\ngood.txt,rapid\n")
    result = invoke("ingest", bad_csv, "--store", tmp_path / "s.db")
    assert result.exit_code == 1
    assert "metadata.csv: row 2, column 'kind': 'rapid' is not one of" in result.output
    not_a_store = tmp_path / "notes.db"
    not_a_store.write_text("these are my notes, not a database")
    result = invoke("corpus", "--store", not_a_store)
    assert result.exit_code == 1 and "not a review_miner store" in result.output


def test_cli_corpus_lists_documents_and_failures(batch: Path, tmp_path: Path):
    store = tmp_path / "s.db"
    invoke("ingest", batch, "--store", store, "--workers", "1")
    table = invoke("corpus", "--store", store)
    assert table.exit_code == 0
    assert "good.pdf" in table.output and "rapid_review" in table.output
    assert "failed: encrypted.pdf: encrypted: password required" in table.output
    assert f"3 ingested, {len(BAD_INPUTS)} failed" in table.output
    rows = [
        json.loads(line)
        for line in invoke("corpus", "--store", store, "--format", "json").output.splitlines()
    ]
    good = next(r for r in rows if r["file"] == "good.pdf")
    assert (good["status"], good["kind"], good["quarter"], good["pages"]) == (
        "ingested",
        "rapid_review",
        "2022Q4",
        3,
    )
    csv_out = invoke("corpus", "--store", store, "--format", "csv").output.splitlines()
    assert (
        csv_out[0] == "doc_id,file,status,kind,child,incident,child_age_years,quarter,"
        "pages,passages,words,partnership,reason"
    )
    assert len(csv_out) == 1 + 3 + len(BAD_INPUTS)


def test_cli_corpus_without_a_store_says_what_to_do(tmp_path: Path):
    result = invoke("corpus", "--store", tmp_path / "none.db")
    assert result.exit_code == 1
    assert "run 'review-miner ingest' first" in result.output


def test_cli_tag_text_codes_excerpts_with_evidence(tmp_path: Path):
    excerpts = tmp_path / "excerpts.jsonl"
    excerpts.write_text(
        json.dumps(
            {"id": "e1", "text": "Police were called to a domestic violence incident at the flat."}
        )
        + "\n"
        + json.dumps(
            {"id": "e2", "text": "There was no evidence of domestic abuse in the household."}
        )
        + "\n"
    )
    result = invoke("tag-text", excerpts, "--out", tmp_path / "coded.jsonl")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in (tmp_path / "coded.jsonl").read_text().splitlines()]
    assert [line["id"] for line in lines] == ["e1", "e2"]
    assert "risk.domestic_abuse" in lines[0]["codes"]
    assert (
        lines[1]["negated"] == ["risk.domestic_abuse"]
        and "risk.domestic_abuse" not in lines[1]["codes"]
    )
    rules = next(
        t for t in lines[0]["tags"] if t["method"] == "rules" and t["code"] == "risk.domestic_abuse"
    )
    text = "Police were called to a domestic violence incident at the flat."
    assert text[rules["start"] : rules["end"]] == "domestic violence"
    assert {"code", "confidence", "method", "start", "end"} == set(rules)


def test_cli_evaluate_prints_and_writes_figures(tmp_path: Path):
    result = invoke(
        "evaluate", ROOT / "tests" / "data" / "coded_small.jsonl", "--out", tmp_path / "ev"
    )
    assert result.exit_code == 0, result.output
    assert "24 passages; negated mentions counted as present:" in result.output
    assert "macro_f1" in result.output and "human \\ machine" in result.output
    figures = json.loads((tmp_path / "ev.json").read_text())
    assert figures["passages"] == 24
    per_code = pd.read_csv(tmp_path / "ev.csv", index_col="code")
    assert {"precision", "recall", "f1", "support", "kappa"} <= set(per_code.columns)
    assert per_code.loc["risk.domestic_abuse", "support"] == 7


def test_cli_codebook_validate_and_show(tmp_path: Path):
    result = invoke("codebook", "validate", ROOT / "codebooks")
    assert result.exit_code == 0 and result.output.startswith("ok: 35 codes in 4 files")
    shown = invoke("codebook", "show", "--frame", "theme").output.splitlines()
    assert shown[0].startswith("theme.daily_life") and "1. Understanding" in shown[0]
    assert len(shown) == 6
    (tmp_path / "bad.yaml").write_text(
        "codes:\n  - {id: risk.x, frame: nope, label: X, description: Y}\n"
    )
    bad = invoke("codebook", "validate", tmp_path / "bad.yaml")
    assert bad.exit_code == 1
    assert "code 1 of 1 (risk.x), frame: unknown frame 'nope'" in bad.output


def commands() -> list[str]:
    import typer.main

    group = typer.main.get_group(app)
    return sorted(group.commands)


@pytest.mark.parametrize("command", commands())
def test_cli_every_command_has_help_with_an_example(command: str):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert f"review-miner {command}" in result.output
    # The example on its own indented line, not run into "Example:" by the help's wrapping.
    lines = result.output.splitlines()
    at = next(i for i, line in enumerate(lines) if "Example:" in line)
    assert lines[at].strip() == "Example:"
    example = next(line for line in lines[at + 1 :] if line.strip())
    assert example.startswith(" ") and example.strip().startswith("review-miner ")


@pytest.mark.parametrize("command", commands())
def test_cli_every_command_is_documented_in_the_readme(command: str):
    readme = (ROOT / "README.md").read_text()
    assert f"review-miner {command}" in readme


def test_cli_evaluate_refuses_codes_the_codebook_lacks(tmp_path: Path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps({"id": "1", "text": "Police came.", "codes": ["risk.domestic_abus"]}) + "\n"
    )
    result = invoke("evaluate", gold)
    assert (
        result.exit_code == 1 and "codes not in the codebook: risk.domestic_abus" in result.output
    )


def test_cli_matrix_warns_when_passages_are_not_coded(tmp_path: Path, data_dir: Path):
    store = tmp_path / "s.db"
    invoke("ingest", data_dir / "good.txt", "--store", store)
    result = invoke("matrix", "--store", store, "--out", tmp_path / "m.csv")
    assert result.exit_code == 0
    assert "passages are not coded with the current set-up or not at all" in result.output


def test_cli_imports_no_model_library():
    """`review-miner --help` and every command's start need none: they take seconds to import."""
    assert heavy_imports("import review_miner.cli") == []
    assert heavy_imports("import review_miner") == []
    # What needs them imports them when first used.
    assert "sklearn" in heavy_imports("from review_miner.screen import ParagraphSignals")


def test_the_python_api_has_every_name_it_lists():
    import types

    import review_miner
    import review_miner.digest  # imports the module `pseudonymise` as well

    for name in review_miner.__all__:
        value = getattr(review_miner, name)
        assert not isinstance(value, types.ModuleType), name  # a function, not its module
    assert callable(review_miner.pseudonymise) and callable(review_miner.ingest)
    # The paragraph model's class is still found by the name its saved file gives.
    from review_miner.screen import ParagraphSignals, make_paragraph_model

    assert ParagraphSignals.__module__ == "review_miner.screen"
    assert ParagraphSignals.__qualname__ == "ParagraphSignals"
    assert isinstance(make_paragraph_model()[0].transformers[1][1], ParagraphSignals)


def test_tag_and_run_pass_workers_to_the_coding_stage(tmp_path: Path, monkeypatch):
    import review_miner.cli
    import review_miner.pipeline
    from review_miner.tag import tag_store

    asked: list[int | None] = []

    def recording(*args, workers=None, **kwargs):
        asked.append(workers)
        return tag_store(*args, workers=1, **kwargs)

    monkeypatch.setattr(review_miner.cli, "tag_store", recording)
    monkeypatch.setattr(review_miner.pipeline, "tag_store", recording)
    store = tmp_path / "s.db"
    assert invoke("ingest", DATA / "good.txt", "--store", store).exit_code == 0
    assert invoke("tag", "--store", store, "--workers", "3").exit_code == 0
    result = invoke("run", DATA / "good.txt", "--out", tmp_path / "out", "--workers", "4")
    assert result.exit_code == 0, result.output
    assert asked == [3, 4]


def test_ctrl_c_says_the_saved_work_is_kept_and_exits_130(tmp_path: Path, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("review_miner.cli.run_pipeline", interrupted)
    result = invoke("run", DATA / "good.txt", "--out", tmp_path / "out")
    assert result.exit_code == 130
    assert "interrupted: the work saved so far is kept; run the same command" in result.output
    assert "Traceback" not in result.output


def test_cli_run_on_a_missing_folder_makes_nothing(tmp_path: Path):
    result = invoke("run", tmp_path / "missing", "--out", tmp_path / "rx")
    assert result.exit_code == 1 and "no such file or folder" in result.output
    assert not (tmp_path / "rx").exists()


def test_cli_ingest_says_which_files_it_skipped_and_why(tmp_path: Path):
    folder = tmp_path / "notes"
    folder.mkdir()
    for name in ("readme.md", "data.json", "metadata.csv", ".hidden.txt"):
        (folder / name).write_text("file,kind\n" if name == "metadata.csv" else "x")
    result = invoke("ingest", folder, "--store", tmp_path / "s.db")
    assert result.exit_code == 1
    assert "2 files skipped: not PDF, DOCX or TXT: data.json, readme.md" in result.output
    assert "no review file (PDF, DOCX or TXT) found" in result.output


def test_cli_corpus_all_marks_the_superseded_version(tmp_path: Path, data_dir: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    review = folder / "good.txt"
    shutil.copy(data_dir / "good.txt", review)
    store = tmp_path / "s.db"
    invoke("ingest", folder, "--store", store)
    review.write_text(review.read_text() + "\nA paragraph added after publication.\n")
    invoke("ingest", folder, "--store", store)
    lines = invoke("corpus", "--store", store, "--all").output.splitlines()
    assert "superseded" in lines[0]
    rows = [line.strip() for line in lines if line.strip().startswith("good.txt")]
    assert len(rows) == 2
    assert sorted(line.endswith("yes") for line in rows) == [False, True]
    assert lines[-1] == "2 ingested (1 superseded), 0 failed"
    assert "superseded" not in invoke("corpus", "--store", store).output


def test_cli_codebook_export_refuses_a_name_that_is_not_qdc(tmp_path: Path):
    result = invoke("codebook", "export", "--out", tmp_path / "cb.qdpx")
    assert result.exit_code == 1 and "give a .qdc file name" in result.output
    assert not (tmp_path / "cb.qdpx").exists()


def test_cli_corpus_writes_ages_and_pages_as_people_write_them(tmp_path: Path, data_dir: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(data_dir / "good.txt", folder)
    (folder / "metadata.csv").write_text("file,child_age_years\ngood.txt,9\n")
    store = tmp_path / "s.db"
    invoke("ingest", folder, "--store", store)
    csv_out = invoke("corpus", "--store", store, "--format", "csv").output.splitlines()
    row = dict(zip(csv_out[0].split(","), csv_out[1].split(","), strict=False))
    assert row["child_age_years"] == "9"
    listed = json.loads(invoke("corpus", "--store", store, "--format", "json").output)
    assert listed["child_age_years"] == 9 and isinstance(listed["pages"], int)
