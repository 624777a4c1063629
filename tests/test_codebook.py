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
            "[codes -> 0 -> frame] unknown frame 'risks'",
        ),
        (
            GOOD.replace(
                "    label: Domestic abuse\n", "    label: Domestic abuse\n    colour: red\n"
            ),
            "[codes -> 0] unknown key 'colour'",
        ),
        (
            GOOD.replace("id: risk.domestic_abuse", "id: Risk Domestic"),
            "[codes -> 0 -> id] 'Risk Domestic' is not an id",
        ),
        (
            GOOD.replace("id: risk.domestic_abuse", "id: harm.domestic_abuse"),
            "must start with its frame, 'risk.'",
        ),
        (
            GOOD.replace("{LOWER: coercive}", "{LEMMA: coerce}"),
            "[codes -> 0 -> patterns] pattern 1 uses 'LEMMA'",
        ),
        (
            GOOD.replace("{LOWER: coercive}", "{LOWER: {BOGUS: [a]}}"),
            "[codes -> 0 -> patterns -> 1] not a valid spaCy pattern",
        ),
        (
            GOOD.replace("    description: Abuse between adults in the child's household.\n", ""),
            "[codes -> 0 -> description] Field required",
        ),
        ("frames: [\n", "not valid YAML (line 2)"),
    ],
)
def test_codebook_errors_name_the_file_and_the_entry(tmp_path: Path, text: str, message: str):
    path = write(tmp_path, "risks.yaml", text)
    with pytest.raises(CodebookError) as caught:
        load_codebook(tmp_path)
    assert str(caught.value).startswith(f"{path}: ")
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
        match=r"b.yaml: \[codes -> 0 -> id\] 'risk.domestic_abuse' is already defined in .*a.yaml",
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
