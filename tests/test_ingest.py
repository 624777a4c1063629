"""Ingest: a batch goes on past bad files; re-runs, renames and crashes never duplicate data."""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import BAD_INPUTS, DATA, GOOD_INPUTS, SAMPLE, input_folder

from review_miner.ingest import NO_REVIEW_DATE, discover, ingest
from review_miner.store import Store


def counts(store: Store) -> dict[str, int]:
    return {
        table: store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("documents", "pages", "passages", "sentences")
    }


def test_ingest_stores_good_files_and_reports_each_bad_one(batch: Path, store: Store):
    summary = ingest([batch], store, workers=2)
    assert sorted(summary.ingested) == sorted(GOOD_INPUTS)
    assert {f.file: f.reason for f in summary.failed}.keys() == BAD_INPUTS.keys()
    for failure in summary.failed:
        assert failure.reason.startswith(BAD_INPUTS[failure.file])
    assert {f.file for f in store.failures()} == set(BAD_INPUTS)
    assert sorted(d.file for d in store.documents()) == sorted(GOOD_INPUTS)


def test_ingest_twice_changes_nothing(batch: Path, store: Store):
    ingest([batch], store, workers=1)
    before = counts(store)
    again = ingest([batch], store, workers=1)
    assert again.ingested == () or set(again.ingested) == set()
    assert sorted(again.unchanged) == sorted(GOOD_INPUTS)
    # Failed files are tried again (a later version may read them) but not duplicated.
    assert {f.file for f in again.failed} == set(BAD_INPUTS)
    assert counts(store) == before


def test_ingest_recognises_a_renamed_file(tmp_path: Path, store: Store):
    folder = input_folder(tmp_path, {"child_z.pdf": "good.pdf"})
    ingest([folder], store, workers=1)
    (folder / "child_z.pdf").rename(folder / "rr_child_z_final.pdf")
    summary = ingest([folder], store, workers=1)
    assert summary.renamed == ("rr_child_z_final.pdf",)
    assert [d.file for d in store.documents()] == ["rr_child_z_final.pdf"]
    assert counts(store)["documents"] == 1


def test_ingest_stores_a_changed_file_as_a_new_version(tmp_path: Path, store: Store):
    folder = input_folder(tmp_path, {"review.txt": "good.txt"})
    target = folder / "review.txt"
    ingest([folder], store, workers=1)
    first = store.documents()[0].doc_id
    target.write_text(target.read_text() + "\nAn addendum was agreed on 3 March 2023.\n")
    summary = ingest([folder], store, workers=1)
    assert summary.new_versions == ("review.txt",)
    current = store.documents()
    assert len(current) == 1 and current[0].doc_id != first
    everything = store.documents(include_superseded=True)
    assert {d.doc_id for d in everything} == {first, current[0].doc_id}
    assert "addendum" in store.passages(current[0].doc_id)[-1].text
    assert len(store.passages()) == len(store.passages(current[0].doc_id))


def test_ingest_applies_metadata_csv_and_follows_its_edits(tmp_path: Path, store: Store):
    folder = input_folder(tmp_path, {"good.pdf": "good.pdf"})
    (folder / "metadata.csv").write_text("file,kind,incident\ngood.pdf,lcspr,\n")
    ingest([folder], store, workers=1)
    document = store.documents()[0]
    assert document.metadata.kind == "lcspr"
    assert document.inferred.kind == "rapid_review"
    assert document.metadata.incident == "serious_harm"  # blank cell: inferred value kept
    (folder / "metadata.csv").write_text("file,kind,incident\ngood.pdf,,death\n")
    summary = ingest([folder], store, workers=1)
    assert summary.metadata_updated == ("good.pdf",)
    document = store.documents()[0]
    assert (document.metadata.kind, document.metadata.incident) == ("rapid_review", "death")


def test_ingest_is_all_or_nothing_per_document(
    batch: Path, store: Store, monkeypatch: pytest.MonkeyPatch
):
    calls = {"n": 0}
    original = Store._supersede

    def crash_on_second_document(db, path, doc_id):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("power cut")
        original(db, path, doc_id)

    monkeypatch.setattr(Store, "_supersede", staticmethod(crash_on_second_document))
    with pytest.raises(RuntimeError, match="power cut"):
        ingest([batch / name for name in GOOD_INPUTS], store, workers=1)
    # The second document's rows were all rolled back: no orphan pages or passages.
    assert counts(store)["documents"] == 1
    assert (
        store.db.execute(
            "SELECT count(*) FROM passages WHERE doc_id NOT IN (SELECT doc_id FROM documents)"
        ).fetchone()[0]
        == 0
    )
    monkeypatch.undo()
    summary = ingest([batch / name for name in GOOD_INPUTS], store, workers=1)
    assert len(summary.ingested) == 2 and len(summary.unchanged) == 1
    assert counts(store)["documents"] == 3


def test_ingest_recovers_from_a_killed_run(tmp_path: Path):
    """Kill -9 a real ingest mid-run; the next run completes with no duplicates."""
    folder = tmp_path / "in"
    shutil.copytree(SAMPLE, folder)
    db_path = tmp_path / "killed.db"
    command = [
        sys.executable,
        "-m",
        "review_miner",
        "ingest",
        str(folder),
        "--store",
        str(db_path),
        "--workers",
        "1",
    ]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
        if db_path.exists():
            try:
                with sqlite3.connect(db_path, timeout=0.1) as db:
                    stored = db.execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                continue  # not created yet, or locked by the writer
            if stored >= 2:
                break
    assert process.poll() is None, "the run finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()

    with Store(db_path) as store:
        partial = counts(store)["documents"]
        assert 2 <= partial < len(discover([folder]))
        summary = ingest([folder], store, workers=2)
        assert len(summary.unchanged) == partial
        after = counts(store)
        assert after["documents"] == len(discover([folder])) == len(store.documents())
        assert after["passages"] == sum(
            row[0] for row in store.db.execute("SELECT n_passages FROM documents")
        )
        again = ingest([folder], store, workers=1)
        assert again.ingested == () and counts(store) == after


def test_discover_walks_folders_and_skips_what_is_not_a_review(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    for name in (
        "a.pdf",
        "sub/b.DOCX",
        "sub/c.txt",
        "notes.md",
        "metadata.csv",
        ".hidden.pdf",
        "old.doc",
    ):
        (tmp_path / name).write_text("x")
    found = sorted(p.name for p in discover([tmp_path]))
    assert found == ["a.pdf", "b.DOCX", "c.txt", "old.doc"]
    with pytest.raises(FileNotFoundError, match="no such file"):
        discover([tmp_path / "missing"])


def test_ingest_makes_a_restored_version_current_again(tmp_path: Path, store: Store):
    folder = input_folder(tmp_path, {"review.txt": "good.txt"})
    target = folder / "review.txt"
    original = target.read_text()
    ingest([folder], store, workers=1)
    target.write_text(original + "\nAn addendum was agreed on 3 March 2023.\n")
    ingest([folder], store, workers=1)
    target.write_text(original)  # the addendum is withdrawn
    summary = ingest([folder], store, workers=1)
    assert summary.new_versions == ("review.txt",)
    (current,) = store.documents()
    assert "addendum" not in current.text


def test_ingest_goes_on_past_a_file_it_cannot_open(tmp_path: Path, store: Store):
    folder = input_folder(tmp_path, {"good.txt": "good.txt"})
    (folder / "gone.pdf").symlink_to(tmp_path / "nowhere.pdf")
    summary = ingest([folder], store, workers=1)
    assert summary.ingested == ("good.txt",)
    assert [(f.file, f.reason) for f in summary.failed] == [
        ("gone.pdf", "cannot be read: No such file or directory")
    ]


def test_ingest_keeps_the_readable_version_when_a_new_one_fails(tmp_path: Path, store: Store):
    folder = input_folder(tmp_path, {"review.txt": "good.txt"})
    target = folder / "review.txt"
    ingest([folder], store, workers=1)
    target.write_bytes(target.read_bytes() + b"\xe9")  # now not UTF-8
    summary = ingest([folder], store, workers=1)
    assert summary.failed[0].reason.startswith("not UTF-8 text")
    assert [d.file for d in store.documents()] == ["review.txt"]
    assert [f.file for f in store.failures()] == ["review.txt"]


def test_ingest_stores_identical_files_once_and_says_so(tmp_path: Path, store: Store):
    folder = input_folder(tmp_path, {"a.txt": "good.txt", "b.txt": "good.txt"})
    summary = ingest([folder], store, workers=2)
    assert summary.ingested == ("a.txt",)
    assert summary.duplicates == (("b.txt", "a.txt"),)
    assert counts(store)["documents"] == 1
    again = ingest([folder], store, workers=1)
    assert again.unchanged == ("a.txt",) and again.duplicates == (("b.txt", "a.txt"),)


def test_identical_files_that_cannot_be_read_each_fail_under_their_own_name(
    tmp_path: Path, store: Store
):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "empty copy.pdf").write_bytes(b"")
    for _ in range(2):  # and a re-run keeps one record of each
        summary = ingest([folder], store, workers=1)
        assert summary.duplicates == ()
        assert sorted(f.file for f in summary.failed) == ["empty copy.pdf", "empty.txt"]
        assert len({f.reason for f in summary.failed}) == 1
        assert sorted(f.file for f in store.failures()) == ["empty copy.pdf", "empty.txt"]


def test_ingest_warns_by_name_about_a_review_with_no_date_until_metadata_gives_one(
    tmp_path: Path, store: Store
):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "undated.txt").write_text("Rapid Review: Child W\n\nChild W was hurt at home.\n")
    summary = ingest([folder], store, workers=1)
    assert summary.ingested == ("undated.txt",)
    assert summary.warnings == (f"undated.txt: {NO_REVIEW_DATE}",)
    (folder / "metadata.csv").write_text("file,review_date\nundated.txt,2024-02-09\n")
    assert ingest([folder], store, workers=1).warnings == ()


def test_ingest_warns_by_name_about_a_pdf_with_a_scanned_page(tmp_path: Path, store: Store):
    import pypdfium2 as pdfium

    folder = tmp_path / "in"
    folder.mkdir()
    document = pdfium.PdfDocument(DATA / "good.pdf")
    document.import_pages(pdfium.PdfDocument(DATA / "scanned.pdf"), [0])
    document.save(folder / "partly scanned.pdf")
    summary = ingest([folder], store, workers=1)
    assert summary.ingested == ("partly scanned.pdf",)
    assert summary.warnings == (
        "partly scanned.pdf: no text layer on page(s) 4: scanned pages need OCR",
    )


def test_ingest_warns_about_metadata_rows_that_match_no_file(tmp_path: Path, store: Store):
    folder = input_folder(tmp_path, {"good.txt": "good.txt"})
    (folder / "metadata.csv").write_text("file,kind\ngood.txt,lcspr\ngod.txt,scr\n")
    summary = ingest([folder], store, workers=1)
    assert store.documents()[0].metadata.kind == "lcspr"
    assert summary.warnings == (f"{folder / 'metadata.csv'}: no file 'god.txt' in {folder}",)
