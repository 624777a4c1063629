"""The codebook: validated where it is read, with messages that name the file and the entry."""

from pathlib import Path

import pytest
from conftest import ROOT

from review_miner.codebook import CodebookError, load_codebook

GOOD = """
frames:
  - {id: risk, label: Risk factors}
codes:
  - id: risk.domestic_abuse
    frame: risk
    label: Domestic abuse
    description: Abuse between adults in the child's household.
    include: [Coercive control.]
    patterns:
      - domestic abuse
      - [{LOWER: coercive}, {LOWER: control}]
    examples: [Police attended three domestic incidents.]
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_codebook_loads_the_shipped_codebook_with_the_agreed_ids():
    book = load_codebook(ROOT / "codebooks")
    themes = [(c.number, c.id) for c in book.in_frame("theme")]
    assert themes == [
        (1, "theme.daily_life"),
        (2, "theme.engagement"),
        (3, "theme.critical_thinking"),
        (4, "theme.changing_risk"),
        (5, "theme.information_sharing"),
        (6, "theme.leadership_culture"),
    ]
    assert len(book.in_frame("risk")) == 12
    assert len(book.in_frame("harm")) == 12
    assert {c.id for c in book.in_frame("context")} == {
        "context.covid19",
        "context.deprivation_housing",
        "context.looked_after",
        "context.new_male_partner",
        "context.not_in_school",
    }
    assert all(code.description and code.examples for code in book.codes)


def test_codebook_merges_files_and_versions_by_content(tmp_path: Path):
    write(tmp_path, "a.yaml", GOOD)
    first = load_codebook(tmp_path)
    write(
        tmp_path,
        "b.yaml",
        "codes:\n  - {id: risk.new_one, frame: risk, label: New, description: A new code.}\n",
    )
    second = load_codebook(tmp_path)
    assert second.ids == ["risk.domestic_abuse", "risk.new_one"]
    assert first.version != second.version
    assert load_codebook(tmp_path).version == second.version


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            GOOD.replace("frame: risk\n    label", "frame: risks\n    label"),
            "line 6: code 1 of 1 (risk.domestic_abuse), frame: unknown frame 'risks'",
        ),
        (
            GOOD.replace(
                "    label: Domestic abuse\n", "    label: Domestic abuse\n    colour: red\n"
            ),
            "line 8: code 1 of 1 (risk.domestic_abuse): unknown key 'colour'",
        ),
        (
            GOOD.replace("id: risk.domestic_abuse", "id: Risk Domestic"),
            "code 1 of 1 (Risk Domestic), id: 'Risk Domestic' is not an id",
        ),
        (
            GOOD.replace("id: risk.domestic_abuse", "id: harm.domestic_abuse"),
            "must start with its frame, 'risk.'",
        ),
        (
            GOOD.replace("{LOWER: coercive}", "{LEMMA: coerce}"),
            "line 12: code 1 of 1 (risk.domestic_abuse), patterns: pattern 2 of 2 uses 'LEMMA'",
        ),
        (
            GOOD.replace("{LOWER: coercive}", "{LOWER: {BOGUS: [a]}}"),
            "line 12: code 1 of 1 (risk.domestic_abuse), pattern 2 of 2: not a valid spaCy pattern: token 1",
        ),
        (
            GOOD.replace("    description: Abuse between adults in the child's household.\n", ""),
            "code 1 of 1 (risk.domestic_abuse), description: Field required",
        ),
        ("frames: [\n", "not valid YAML (line 2)"),
    ],
)
def test_codebook_errors_name_the_file_and_the_entry(tmp_path: Path, text: str, message: str):
    path = write(tmp_path, "risks.yaml", text)
    with pytest.raises(CodebookError) as caught:
        load_codebook(tmp_path)
    assert str(caught.value).startswith((f"{path}: ", f"{path}, line "))
    assert message in str(caught.value)


def test_codebook_rejects_a_code_defined_twice(tmp_path: Path):
    write(tmp_path, "a.yaml", GOOD)
    write(
        tmp_path,
        "b.yaml",
        GOOD.split("codes:")[0].replace("frames:\n  - {id: risk, label: Risk factors}\n", "")
        + "codes:"
        + GOOD.split("codes:")[1],
    )
    with pytest.raises(
        CodebookError,
        match=r"b.yaml, line \d+: code 1 of 1 \(risk.domestic_abuse\), id: 'risk.domestic_abuse' "
        r"is already defined in .*a.yaml",
    ):
        load_codebook(tmp_path)


def test_codebook_reports_a_missing_path(tmp_path: Path):
    with pytest.raises(CodebookError, match="no such codebook"):
        load_codebook(tmp_path / "nowhere")


def test_codebook_explains_the_yaml_yes_no_trap(tmp_path: Path):
    write(tmp_path, "risks.yaml", GOOD.replace("{LOWER: coercive}", "{LOWER: no}"))
    with pytest.raises(
        CodebookError, match=r"LOWER: false was read by YAML as a yes/no value; quote the word"
    ):
        load_codebook(tmp_path)


def test_codebook_explains_the_yes_no_trap_inside_a_word_list(tmp_path: Path):
    write(tmp_path, "risks.yaml", GOOD.replace("{LOWER: coercive}", "{LOWER: {IN: [no, none]}}"))
    with pytest.raises(
        CodebookError, match="a word in the list was read by YAML as a yes/no value"
    ):
        load_codebook(tmp_path)


def test_run_checks_the_patterns_unless_the_store_shows_this_codebook_was_checked(
    tmp_path: Path,
):
    """A re-run skips spaCy's pattern check (seconds of imports) only when it is proven."""
    from typer.testing import CliRunner

    from review_miner.cli import app
    from review_miner.embed import Encoder
    from review_miner.pipeline import _load_codebook
    from review_miner.store import Store
    from review_miner.tag import MODELS, setup_key
    from review_miner.tagging import CONFIG, load_config

    bad = write(tmp_path, "bad.yaml", GOOD.replace("{LOWER: coercive}", "{LOWER: {BOGUS: [a]}}"))
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["run", str(tmp_path / "none"), "--out", str(out),
                                      "--codebook", str(bad)])  # fmt: skip
    assert result.exit_code == 1 and "not a valid spaCy pattern" in result.output
    assert not (out / "review_miner.db").exists()  # checked before the store is made
    # A store whose passages were tagged under another set-up proves nothing: checked.
    db = tmp_path / "s.db"
    with Store(db) as store:
        store.db.execute(
            "INSERT INTO documents (doc_id, file, path, status, ingested_at) "
            "VALUES ('d', 'd.txt', 'd.txt', 'ingested', 'now')"
        )
        store.db.execute(
            "INSERT INTO passages (passage_id, doc_id, idx, kind, page, page_end, start, "
            "\"end\", text) VALUES ('d:0', 'd', 0, 'paragraph', 1, 1, 0, 4, 'text')"
        )
        store.save_tags("another set-up", ["d:0"], [])
    with pytest.raises(CodebookError, match="not a valid spaCy pattern"):
        _load_codebook(bad, db, MODELS, Encoder().name)
    # Tagged under this very codebook (and settings, encoder, models): it was checked then.
    unchecked = load_codebook(bad, check_patterns=False)
    key = setup_key(unchecked, load_config(CONFIG), Encoder().name, MODELS)
    with Store(db) as store:
        store.save_tags(key, ["d:0"], [])
    assert _load_codebook(bad, db, MODELS, Encoder().name)[0].version == unchecked.version


def test_codebook_errors_count_from_one_and_name_the_code(tmp_path: Path):
    """A researcher counting entries from 1 must land on the entry the message means."""
    second = (
        "  - id: risk.second\n    frame: risk\n    label: Second\n"
        "    description: A second code.\n    patterns:\n      - one\n      - two\n"
        "      - [{LOWER: three}, {LOWER: more, OP: '++'}]\n"
    )
    path = write(tmp_path, "risks.yaml", GOOD + second)
    with pytest.raises(CodebookError) as caught:
        load_codebook(path)
    message = str(caught.value)
    assert message.startswith(f"{path}, line 21: code 2 of 2 (risk.second), patterns: ")
    assert "pattern 3 of 3, token 2: OP '++' is not an operator" in message
    for allowed in ("'!'", "'?'", "'+'", "'*'", "'{2}'", "'{1,3}'"):
        assert allowed in message
    assert "constrained-str" not in message and "String should match" not in message
    # A problem found after parsing (an unknown frame) is placed the same way.
    path.write_text(GOOD + second.replace("frame: risk", "frame: risks").replace("'++'", "'+'"))
    with pytest.raises(CodebookError, match=r"line 15: code 2 of 2 \(risk.second\), frame: "):
        load_codebook(path)
