"""The researcher's loop on the command line, with the real offline model and shipped models:
export, code elsewhere (here: the export itself), import, agreement, train, suggest."""

import io
import zipfile
from pathlib import Path

import pandas as pd
import xmlschema
from conftest import DATA
from typer.testing import CliRunner

from review_miner.cli import app
from review_miner.interop.refi import SCHEMAS

runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_cli_researchers_loop(tmp_path: Path):
    store = tmp_path / "s.db"
    assert invoke("ingest", DATA / "good.txt", "--store", store).exit_code == 0
    assert invoke("tag", "--store", store).exit_code == 0

    qdc = invoke("codebook", "export", "--format", "qdc", "--out", tmp_path / "c.qdc")
    assert qdc.exit_code == 0 and "35 codes in 4 frames" in qdc.output, qdc.output
    xmlschema.XMLSchema(str(SCHEMAS / "Codebook.xsd")).validate(str(tmp_path / "c.qdc"))

    exported = invoke("export", "qdpx", "--store", store, "--out", tmp_path / "m.qdpx")
    assert exported.exit_code == 0, exported.output
    assert exported.output.startswith("1 reviews, ")
    with zipfile.ZipFile(tmp_path / "m.qdpx") as archive:
        xml = archive.read("project.qde")
    xmlschema.XMLSchema(str(SCHEMAS / "Project.xsd")).validate(io.BytesIO(xml))

    queue = invoke("suggest", "--store", store, "--n", "3", "--out", tmp_path / "queue.csv")
    assert queue.exit_code == 0, queue.output
    table = pd.read_csv(tmp_path / "queue.csv")
    assert list(table["rank"]) == [1, 2, 3] and (tmp_path / "queue.qdpx").is_file()

    alone = invoke("agreement", "--store", store)
    assert alone.exit_code == 1 and "agreement needs two coders" in alone.output

    imported = invoke("import", "qdpx", tmp_path / "m.qdpx", "--coder", "X", "--store", store)
    assert imported.exit_code == 0, imported.output
    assert "0 not mapped" in imported.output and "source: good.txt -> good.txt" in imported.output

    figures = invoke("agreement", "--store", store, "--out", tmp_path / "a.csv")
    assert figures.exit_code == 0, figures.output
    assert "uncoded = absent" in figures.output
    written = pd.read_csv(tmp_path / "a.csv")
    assert set(written["coders"]) == {"X + review_miner"}
    assert (written["agreement"] == 1.0).all()

    models = tmp_path / "models"
    trained = invoke("train", "--from-coder", "X", "--store", store, "--out", models)
    assert trained.exit_code == 0, trained.output
    assert (models / "supervised.skops").is_file() and "trained on" in trained.output
    assert "warning: " in trained.output and "coded passages are few" in trained.output
    nobody = invoke("train", "--from-coder", "Y", "--store", store, "--out", models)
    assert nobody.exit_code == 1 and "no coding by 'Y' (coders: X)" in nobody.output
    nothing = invoke("train", "--out", models)
    assert nothing.exit_code == 1 and "give a CODED file, or --from-coder" in nothing.output
    # The shipped models are never the default target.
    nowhere = invoke("train", "--from-coder", "X", "--store", store)
    assert nowhere.exit_code == 2 and "--out" in nowhere.output
