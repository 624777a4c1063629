"""Report tables: the review-by-code matrix and its evidence, from tags set by hand."""

from pathlib import Path

from conftest import DATA

from review_miner.codebook import load_codebook
from review_miner.ingest import ingest
from review_miner.records import Tag
from review_miner.report.tables import code_evidence, code_matrix, write_table


def test_report_matrix_and_evidence_count_passages_and_keep_the_strongest(store, tmp_path: Path):
    ingest([DATA / "good.txt"], store, workers=1)
    book = load_codebook(DATA / "mini_codebook")
    paragraphs = [p for p in store.passages() if p.kind == "paragraph" and p.section]
    first, second, third = paragraphs[0], paragraphs[1], paragraphs[2]
    tags = [
        Tag(first.passage_id, "theme.engagement", "combined", 0.62, 0, 10),
        Tag(second.passage_id, "theme.engagement", "combined", 0.91, 4, 20),
        Tag(third.passage_id, "risk.domestic_abuse", "combined", 0.30, 0, 5, negated=True),
        Tag(third.passage_id, "risk.domestic_abuse", "rules", 0.9, 0, 5, negated=True),
    ]
    store.save_tags("hand", [p.passage_id for p in store.passages()], tags)

    matrix = code_matrix(store, book)
    order = {"theme": 0, "risk": 1, "harm": 2, "context": 3}
    report_order = sorted(book.ids, key=lambda code: order[code.split(".")[0]])
    assert list(matrix.columns) == ["file", "doc_id", *report_order]
    row = matrix.iloc[0]
    assert (
        row["theme.engagement"],
        row["risk.domestic_abuse"],
        row["risk.parental_alcohol_misuse"],
    ) == (1, 0, 0)

    evidence = code_evidence(store, book).set_index("code")
    engagement = evidence.loc["theme.engagement"]
    assert (engagement["passages"], engagement["negated_passages"]) == (2, 0)
    assert engagement["confidence"] == 0.91 and engagement["passage_id"] == second.passage_id
    assert engagement["evidence"] == second.text[4:20]
    assert engagement["page"] == second.page and engagement["section"] == second.section
    abuse = evidence.loc["risk.domestic_abuse"]
    assert (abuse["passages"], abuse["negated_passages"]) == (0, 1)

    write_table(matrix, tmp_path / "m.xlsx", sheet="matrix")
    import pandas as pd

    assert pd.read_excel(tmp_path / "m.xlsx", sheet_name="matrix").shape == matrix.shape


def test_tables_write_whole_numbers_and_a_readable_workbook(store, tmp_path: Path):
    """No "4.0" pages or "9.0" years; the XLSX has a frozen header, a filter, wide file names."""
    import pandas as pd
    from openpyxl import load_workbook

    table = pd.DataFrame(
        {
            "file": ["lcspr_a_rather_long_review_file_name.pdf", "b.txt", "c.txt"],
            "page": [4, None, 12],
            "child_age_years": [9.0, 0.33, None],
            "confidence": [1.0, 0.5, 0.25],
        }
    )
    write_table(table, tmp_path / "t.csv")
    lines = (tmp_path / "t.csv").read_text().splitlines()
    assert lines[1:] == [
        "lcspr_a_rather_long_review_file_name.pdf,4,9,1.0",
        "b.txt,,0.33,0.5",
        "c.txt,12,,0.25",
    ]
    write_table(table, tmp_path / "t.xlsx", sheet="matrix")
    sheet = load_workbook(tmp_path / "t.xlsx")["matrix"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:D4"
    assert sheet.column_dimensions["A"].width >= len(table.at[0, "file"])
    assert sheet["B2"].value == 4 and sheet["C2"].value == 9


def test_store_passages_by_id_returns_the_same_records(store):
    ingest([DATA / "good.pdf"], store, workers=1)
    everything = store.passages()
    wanted = [everything[2].passage_id, everything[5].passage_id, "missing:0"]
    found = store.passages_by_id(wanted)
    assert found == {p.passage_id: p for p in (everything[2], everything[5])}
    assert found[everything[5].passage_id].sentences == everything[5].sentences != ()
