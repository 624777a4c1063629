"""The paragraph model of ethnicity beside the rules: combination, thresholds, fallback, card."""

import json
from pathlib import Path

import pytest

from review_miner.errors import ReviewMinerError
from review_miner.ethnicity_model import (
    ETHNICITY_MODEL,
    EthnicityModel,
    LabelledParagraph,
    ModelSettings,
    fit,
    load_pipeline,
    model_settings,
    shipped_model,
    train_ethnicity_model,
)
from review_miner.records import Passage
from review_miner.screen import ethnicity_status, load_settings, screening_key

FAMILY = "2. The child and family"
ANALYSIS = "5. Analysis of practice"

# Invented phrasings: a family's customs and ancestral village named by words no list
# holds ("the Vellari"), which the rules cannot know, beside narration with none.
STATEMENTS = [
    "The family belong to the Vellari people and keep Vellari customs at home.",
    "Both parents are Vellari and the children are raised in the Vellari way.",
    "Mum describes the household as Vellari; the grandparents came from the Vellari hills.",
    "The children's father is Vellari and speaks Vellari with his own parents.",
    "The family identify as Vellari and attend Vellari gatherings each month.",
    "Child K's mother is Vellari; her family keep close ties with Vellari relatives.",
]
ANALYSES = [
    "No practitioner asked what being Vellari meant for the family; this should have shaped "
    "the plan and the learning is that Vellari customs must be explored.",
    "Assumptions about Vellari families went unchallenged; practitioners needed to consider "
    "how Vellari customs affected the mother's trust in services.",
    "The review finds Vellari heritage was overlooked in assessment, and learning is that "
    "agencies should ask Vellari families about their way of life.",
    "Staff did not consider the family's Vellari background; the review considers this a "
    "missed chance to understand the children's experience as Vellari children.",
]
NONE = [
    "On 3 March the health visitor visited and weighed the baby, who was gaining weight.",
    "The school nurse saw Child K about a headache and sent her back to class.",
    "The police attended after a neighbour reported shouting; no one was arrested.",
    "The GP reviewed the mother's medication and booked a follow-up in four weeks.",
    "A strategy discussion was held and a section 47 enquiry was agreed.",
    "The children moved to a new school in September and settled well.",
    "Practitioners should have shared the referral sooner; the delay left risk unassessed.",
    "The panel recommends that the partnership audits its threshold decisions by June.",
]


def training_rows() -> list[LabelledParagraph]:
    """Labelled paragraphs from three invented writers."""
    rows = []
    for label, texts in (("statement", STATEMENTS), ("analysis", ANALYSES), ("none", NONE)):
        for i, text in enumerate(texts):
            writer = f"s{i % 3 + 1}"
            rows.append(LabelledParagraph(f"{writer}-{label}{i}", writer, "", text, label))
    return rows


@pytest.fixture(scope="module")
def pipeline():
    return fit(training_rows())


def passages(*items: tuple[str, str]) -> list[Passage]:
    """Paragraphs from (section, text) pairs."""
    return [
        Passage(f"d:{i}", "d", i, "paragraph", text, 0, len(text), 1, 1, section, section)
        for i, (section, text) in enumerate(items)
    ]


UNSEEN = passages(
    (FAMILY, "Child T lives with her mother and two brothers in a rented flat."),
    (FAMILY, "The family are Vellari and keep to Vellari customs at home."),
    ("3. Chronology", "On 12 May the school nurse saw Child T about a cough."),
)


def test_the_model_finds_a_statement_the_rules_miss(pipeline):
    assert ethnicity_status(UNSEEN).status == "absent"  # the rules cannot know "Vellari"
    model = EthnicityModel(pipeline, ModelSettings(True, 0.5, 0.5))
    finding = ethnicity_status(UNSEEN, model=model)
    assert finding.status == "stated_only"
    assert finding.statements == ("d:1",)
    assert finding.by_model == ("d:1",)


def test_the_model_finds_analysis_only_where_ethnicity_is_in_play(pipeline):
    weighing = (
        ANALYSIS,
        "No practitioner explored what Vellari customs meant for the "
        "family; the learning is that this should have shaped the plan.",
    )
    # The model may weigh but never state: only the rules can put ethnicity in play.
    model = EthnicityModel(pipeline, ModelSettings(True, 1.0, 0.5))
    assert model.probabilities(passages(weighing))[0, 1] >= 0.5
    # With no statement anywhere, nothing weighs.
    alone = passages((FAMILY, "Child T lives with her mother."), weighing)
    assert ethnicity_status(alone, model=model).status == "absent"
    # With a statement the rules find, the model's analysis counts, as its evidence.
    stated = passages((FAMILY, "The family are of Pakistani heritage."), weighing)
    finding = ethnicity_status(stated, model=model)
    assert finding.status == "stated_and_analysed"
    assert "d:1" in finding.analyses


@pytest.mark.parametrize(
    "chosen",
    [ModelSettings(True, 1.0, 1.0), ModelSettings(False, 0.5, 0.5), ModelSettings(True, 1.5, 1.0)],
)
def test_thresholds_at_one_or_a_disabled_model_give_the_rules_answer(pipeline, chosen):
    reviews = [
        UNSEEN,
        passages((FAMILY, "The family are White British."), (ANALYSIS, ANALYSES[0])),
        passages((FAMILY, "Mum is Polish."), (ANALYSIS, "Her Polish heritage was never explored.")),
    ]
    model = EthnicityModel(pipeline, chosen)
    for review in reviews:
        assert ethnicity_status(review, model=model) == ethnicity_status(review)


def test_settings_switch_the_shipped_model_off():
    assert shipped_model({"ethnicity_model": {"enabled": False}}) is None
    settings = {"ethnicity_model": {"statement_threshold": 1.0, "analysis_threshold": 1.0}}
    assert shipped_model(settings) is None
    assert shipped_model({}) is None  # no section: the rules alone


@pytest.mark.parametrize(
    ("part", "complaint"),
    [
        ({"statement_threshold": "high"}, "statement_threshold"),
        ({"analysis_threshold": 0}, "analysis_threshold"),
        ({"enabled": "yes"}, "enabled"),
        ([0.5], "mapping"),
        ({"statment_threshold": 0.7}, "unknown keys .*statment_threshold"),  # misspelt
        ({"statement_threshold": float("nan")}, "statement_threshold"),
    ],
)
def test_bad_model_settings_are_named(part, complaint):
    with pytest.raises(ReviewMinerError, match=complaint):
        model_settings({"ethnicity_model": part})


def test_a_missing_model_file_falls_back_to_the_rules_with_a_warning(tmp_path: Path):
    missing = tmp_path / "nowhere.skops"
    settings = {"ethnicity_model": {"statement_threshold": 0.5, "analysis_threshold": 0.5}}
    with pytest.warns(UserWarning, match="nowhere.skops: no ethnicity model; .* rules alone"):
        assert shipped_model(settings, missing) is None


def test_the_card_records_training_data_date_and_figures(tmp_path: Path):
    out = tmp_path / "ethnicity.skops"
    card = train_ethnicity_model(training_rows(), out, source="invented")
    written = json.loads(out.with_suffix(".card.json").read_text(encoding="utf-8"))
    assert written == card
    assert card["training_data"] == {
        "source": "invented",
        "reviews": len(STATEMENTS) + len(ANALYSES) + len(NONE),
        "paragraphs": len(STATEMENTS) + len(ANALYSES) + len(NONE),
        "labels": {"none": len(NONE), "statement": len(STATEMENTS), "analysis": len(ANALYSES)},
        "writers": ["s1", "s2", "s3"],
    }
    assert card["classes"] == ["none", "statement", "analysis"]
    assert card["trained_at"][:2] == "20"
    assert sorted(card["versions"]) == ["scikit-learn", "skops"]
    for name in ("states", "weighs"):
        figures = card["leave_one_writer_out"][name]
        assert figures["threshold"] == 0.5
        assert 0 <= figures["precision"] <= 1 and 0 <= figures["recall"] <= 1
    # Saved with skops, it loads through the trusted-types loader and predicts the same.
    loaded = load_pipeline(out)
    assert list(loaded.classes_) == ["analysis", "none", "statement"]
    texts = [p.text for p in UNSEEN]
    assert (loaded.predict_proba(texts) == fit(training_rows()).predict_proba(texts)).all()


def test_a_file_with_other_types_is_refused(tmp_path: Path):
    import skops.io as sio
    from sklearn.pipeline import Pipeline

    from review_miner.screen import ParagraphSignals

    path = tmp_path / "ethnicity.skops"
    sio.dump(Pipeline([("signals", ParagraphSignals())]), path)
    with pytest.raises(ReviewMinerError, match="untrusted"):
        load_pipeline(path)


def test_the_screening_key_changes_with_the_model_file(tmp_path: Path):
    settings = load_settings()
    path = tmp_path / "ethnicity.skops"
    path.write_bytes(b"one model")
    first = screening_key(settings, ethnicity_model=path)
    assert screening_key(settings, ethnicity_model=path) == first
    path.write_bytes(b"a retrained model")
    assert screening_key(settings, ethnicity_model=path) != first


def test_the_shipped_model_loads_and_is_switched_on():
    chosen = model_settings(load_settings())
    assert chosen.active
    model = shipped_model(load_settings())
    assert model is not None and model.settings == chosen
    assert set(model.pipeline.classes_) == {"none", "statement", "analysis"}
    assert ETHNICITY_MODEL.with_suffix(".card.json").is_file()


def rule_traps() -> list[str]:
    """Every trap the rules' tests hold (words in other senses: "white goods", "Mr English")."""
    import test_screen
    import test_screen_phrasings

    traps = []
    for module in (test_screen, test_screen_phrasings):
        for name in dir(module):
            for mark in getattr(getattr(module, name), "pytestmark", []):
                if mark.name == "parametrize" and mark.args[0] == "trap":
                    traps.extend(mark.args[1])
    return traps


def test_the_shipped_model_leaves_the_rules_traps_alone():
    traps = rule_traps()
    assert len(traps) > 50
    model = shipped_model(load_settings())
    flagged = [
        trap
        for trap in traps
        if ethnicity_status(
            passages((FAMILY, trap), (ANALYSIS, "Practitioners should have asked why.")),
            model=model,
        ).status
        != "absent"
    ]
    assert flagged == []


@pytest.mark.parametrize(
    "content",
    [b"version https://git-lfs.github.com/spec/v1\noid sha256:0\nsize 1\n", b"PK\x03\x04cut"],
)
def test_an_unreadable_model_file_is_named(tmp_path: Path, content: bytes):
    path = tmp_path / "ethnicity.skops"
    path.write_bytes(content)
    with pytest.raises(ReviewMinerError, match="ethnicity.skops: is not a readable model file"):
        load_pipeline(path)


def test_evidence_only_the_model_found_is_marked_in_the_table():
    from review_miner.records import Flag
    from review_miner.screen.table import ETHNICITY_BY_MODEL, EVIDENCE_NOTED, _evidence_note

    review = passages(
        (FAMILY, "The family are of Pakistani heritage."),
        (FAMILY, "The family are Vellari and keep to Vellari customs at home."),
    )
    flags = {name: Flag("d", name, "false") for name in EVIDENCE_NOTED}
    flags["ethnicity"] = Flag("d", "ethnicity", "stated_only", ("d:0", "d:1"))
    flags[ETHNICITY_BY_MODEL] = Flag("d", ETHNICITY_BY_MODEL, "1", ("d:1",))
    note = _evidence_note(flags, {p.passage_id: p for p in review})
    assert note == f"ethnicity: p1 §{FAMILY} [0]; p1 §{FAMILY} [1] (model)"


@pytest.mark.parametrize(
    "text",
    [
        "Mum was born in Kingston and grew up in Surrey.",
        "Dad is from Sheffield and mum from Cornwall.",
        "Mum was born in Leeds and grew up in Hull.",
        "Both parents are from Liverpool.",
    ],
)
def test_the_shipped_model_reads_no_ethnicity_into_english_towns(text):
    model = shipped_model(load_settings())
    review = passages((FAMILY, text), (ANALYSIS, "Practitioners should have asked why."))
    assert ethnicity_status(review, model=model).status == "absent"
