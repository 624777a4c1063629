"""The negation model: per (passage, code), P(the code is denied here), learned from coded
passages; its contexts, its settings, training and loading, and how the decision uses it
(a feature, or a veto that keeps a code negated). Small stand-ins replace the embedding
model (HashingEncoder)."""

import dataclasses
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
import yaml
from conftest import DATA, MINI
from sklearn.ensemble import RandomForestClassifier
from sklearn.naive_bayes import GaussianNB
from sklearn.pipeline import Pipeline

from review_miner.embed import HashingEncoder
from review_miner.errors import ReviewMinerError
from review_miner.records import Tag
from review_miner.tag import NEGATION_FILE, load_setup, read_coded, score_items, tag_items, train
from review_miner.tagging import CONFIG, Item
from review_miner.tagging.decide import Decider, Scores
from review_miner.tagging.negations import (
    MASK,
    UNSCORED,
    NegationSettings,
    as_feature,
    candidate_pairs,
    contexts,
    load_negation_model,
    training_pairs,
    vetoes,
)
from review_miner.tagging.similarity import SimilarityTagger

DA, ALC, ENG = "risk.domestic_abuse", "risk.parental_alcohol_misuse", "theme.engagement"

# Our own sentences: one passage can deny one code and state another.
DENIALS = [
    "Mother denied drinking at the assessment. Father had hit her in May.",
    "There was no suggestion that Father drank; police were called to a domestic incident.",
    "Nobody thought Mother was drinking. Coercive control was described by the school.",
    "The GP found no sign of alcohol use. Father had been violent towards Mother before.",
    "Mother said she had never been drunk. Her partner controlled her money and phone.",
    "Alcohol was ruled out as a factor. The domestic incidents went on through the spring.",
]
FACTS = [
    "Father was drunk when he collected the children and hit Mother at the door.",
    "Mother was drinking every night and the police attended a domestic incident.",
    "Empty bottles lay by the sofa; Father was intoxicated and shouting at Mother.",
    "Mother had been drinking since breakfast. Father punched her in front of the children.",
    "The children said their father drank cider and shouted at their mother.",
    "Father was drunk again; Mother rang the police after he pushed her down the stairs.",
]


def coded_file(tmp_path: Path) -> Path:
    """The small coded fixture and our denial and fact passages, as one JSONL file."""
    rows = [json.loads(line) for line in (DATA / "coded_small.jsonl").read_text().splitlines()]
    for i, text in enumerate(DENIALS):
        rows.append({"id": f"d{i}", "text": text, "codes": [DA], "negated": [ALC]})
    for i, text in enumerate(FACTS):
        rows.append({"id": f"f{i}", "text": text, "codes": [DA, ALC], "negated": []})
    path = tmp_path / "coded.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def settings_file(tmp_path: Path, **negation) -> Path:
    """The shipped settings with `negation_model:` replaced."""
    config = yaml.safe_load(Path(CONFIG).read_text(encoding="utf-8"))
    config["negation_model"] = negation
    path = tmp_path / "tagging.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> Path:
    """Models trained with the negation model weighed as a feature."""
    folder = tmp_path_factory.mktemp("negation")
    config = settings_file(folder, use="feature", C=2, meaning_weight=0.5)
    setup = load_setup(
        MINI, config=config, models=folder / "models", encoder=HashingEncoder(), with_models=False
    )
    train(read_coded(coded_file(folder)), setup, folder / "models", source="coded.jsonl")
    return folder


def test_contexts_mask_the_evidence_and_keep_only_its_sentence():
    book_setup = load_setup(MINI, encoder=HashingEncoder(), with_models=False)
    similarity = SimilarityTagger(book_setup.codebook, HashingEncoder())
    ids = book_setup.codebook.ids
    text = "Mother denied drinking at the visit. Police attended a domestic incident in May."
    start = text.index("drinking")
    tags = [Tag("p", ALC, "rules", 0.9, start, start + len("drinking"), negated=True)]
    items = [Item("p", text), Item("q", "Father drank. He was calm at the visit.")]
    found = contexts(items, [(0, ids.index(ALC)), (1, ids.index(ALC))], ids, tags, similarity)
    assert found[0] == f"Mother denied {MASK} at the visit."
    # No rules evidence: one of the passage's sentences, whole.
    assert found[1] in ("Father drank.", "He was calm at the visit.")


def test_training_pairs_are_the_coded_present_and_negated_codes_of_the_frames():
    pairs, labels = training_pairs(
        [{DA, ENG}, set()], [{ALC}, {DA}], [DA, ALC, ENG], ["risk", "risk", "theme"], {"risk"}
    )
    assert pairs == [(0, 0), (0, 1), (1, 0)]
    assert labels.tolist() == [0, 1, 1]


def test_candidates_are_rules_matches_or_supervised_scores_of_the_frames():
    rules = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
    negated = np.array([[0.0, 0.0, 0.0], [1.0, 0.0, 0.0]])
    supervised = np.array([[0.0, 0.5, 0.9], [0.1, 0.1, 0.0]])
    frames = ["risk", "risk", "theme"]
    assert candidate_pairs(rules, negated, supervised, frames, {"risk"}) == [(0, 0), (0, 1), (1, 0)]


def test_settings_refuse_unknown_options_uses_and_vetoes():
    assert NegationSettings.from_config({}).use == "off"
    assert NegationSettings.from_config({"negation_model": {"use": False}}).use == "off"
    with pytest.raises(ReviewMinerError, match="unknown 'negation_model' options"):
        NegationSettings.from_config({"negation_model": {"treshold": 0.8}})
    with pytest.raises(ReviewMinerError, match="is not one of off, feature, veto, both"):
        NegationSettings.from_config({"negation_model": {"use": "always"}})
    with pytest.raises(ReviewMinerError, match="must be above 0.5"):
        NegationSettings.from_config({"negation_model": {"use": "veto", "veto": 0.5}})


def test_the_feature_is_centred_and_the_veto_leaves_rules_matches_alone():
    p = np.array([[0.9, 0.9, UNSCORED, 0.2]])
    rules = np.array([[0.0, 1.0, 0.0, 0.0]])
    assert as_feature(p)[0].tolist() == pytest.approx([0.4, 0.4, 0.0, -0.3])
    assert vetoes(p, rules, 0.8).tolist() == [[True, False, False, False]]


def test_a_veto_moves_a_code_to_negated_and_tagging_shows_it(trained: Path, tmp_path: Path):
    """The same passage tagged with the negation model saying 0.1, then 0.95."""
    config = settings_file(tmp_path, use="veto", veto=0.9)
    setup = load_setup(MINI, config=config, models=trained / "models", encoder=HashingEncoder())
    column = setup.codebook.ids.index(ALC)

    class Says:
        def __init__(self, value: float) -> None:
            self.value = value

        def scores(self, items, pairs, code_ids, rule_tags, similarity, encoder=None):
            result = np.full((len(items), len(code_ids)), UNSCORED)
            result[:, column] = self.value
            return result

    # The supervised model alone (no rules match) must code it present for a veto to move.
    items = [Item("s", "Father had been on the cider all afternoon and was slurring.")]
    setup = dataclasses.replace(setup, supervised=_Sure(setup.supervised, column))
    decided = {}
    for value in (0.1, 0.95):
        tags = tag_items(items, dataclasses.replace(setup, negation=Says(value)))
        decided[value] = {(t.code, t.negated) for t in tags if t.method == "combined"}
    assert (ALC, False) in decided[0.1] and (ALC, True) not in decided[0.1]
    assert (ALC, True) in decided[0.95] and (ALC, False) not in decided[0.95]


class _Sure:
    """The trained supervised tagger, but sure of one code."""

    def __init__(self, tagger, column: int) -> None:
        self.tagger, self.column = tagger, column
        self.model, self.codes = tagger.model, tagger.codes

    def scores(self, items, vectors=None):
        result = self.tagger.scores(items, vectors)
        result[:, self.column] = 0.99
        return result


def test_train_writes_the_negation_model_and_its_card(trained: Path):
    card = json.loads((trained / "models" / "negation.card.json").read_text())
    assert card["settings"]["use"] == "feature"
    assert card["training_data"]["negated_pairs"] == len(DENIALS) + 3
    assert card["training_data"]["present_pairs"] > len(FACTS)
    assert 0 <= card["cross_validated_on_training_data"].get("roc_auc", 0) <= 1
    assert isinstance(load_negation_model(trained / "models" / NEGATION_FILE), Pipeline)


def test_the_feature_reaches_the_decision(trained: Path):
    setup = load_setup(
        MINI, config=trained / "tagging.yaml", models=trained / "models", encoder=HashingEncoder()
    )
    assert setup.negation is not None
    items = [Item("a", "Mother denied drinking. Police attended a domestic incident.")]
    scores, _ = score_items(items, setup)
    assert scores.negation is not None and scores.negation.shape == scores.rules.shape
    theme = setup.codebook.ids.index(ENG)
    assert scores.negation[0, theme] == 0  # not a negatable frame: never scored
    weights = yaml.safe_load((trained / "models" / "tagger.yaml").read_text())["frames"]
    assert weights["theme"]["weights"]["negation"] == 0.0


def test_a_model_folder_without_the_negation_model_is_refused_when_the_decision_weighs_it(
    trained: Path, tmp_path: Path
):
    for name in ("supervised.skops", "supervised.card.json", "tagger.yaml", "mentions.skops"):
        if (trained / "models" / name).is_file():
            (tmp_path / name).write_bytes((trained / "models" / name).read_bytes())
    config = settings_file(tmp_path, use="veto", veto=0.8)
    if not Decider.load(tmp_path / "tagger.yaml").weighs("negation"):
        pytest.skip("the decision fitted a zero weight for the negation score")
    with pytest.raises(ReviewMinerError, match="negation.skops is missing"):
        load_setup(MINI, config=config, models=tmp_path, encoder=HashingEncoder())
    # A decision that does not weigh it tags without it (too few pairs to learn from).
    decider = Decider.load(tmp_path / "tagger.yaml")
    for spec in decider.frames.values():
        spec["weights"]["negation"] = 0.0
    decider.save(tmp_path / "tagger.yaml")
    setup = load_setup(MINI, config=config, models=tmp_path, encoder=HashingEncoder())
    assert setup.negation is None
    assert tag_items([Item("a", "Father was drunk again.")], setup)


def test_retraining_with_it_off_removes_the_stale_model(tmp_path: Path):
    models = tmp_path / "models"
    models.mkdir()
    (models / NEGATION_FILE).write_bytes(b"stale")
    (models / "negation.card.json").write_text("{}")
    config = settings_file(tmp_path, use="off")
    setup = load_setup(
        MINI, config=config, models=models, encoder=HashingEncoder(), with_models=False
    )
    train(read_coded(DATA / "coded_small.jsonl"), setup, models)
    assert not (models / NEGATION_FILE).exists()
    assert not (models / "negation.card.json").exists()


def test_negation_loading_refuses_other_models(tmp_path: Path):
    import skops.io as sio

    path = tmp_path / "forest.skops"
    forest = RandomForestClassifier(n_estimators=2).fit(np.eye(4), [0, 1, 0, 1])
    sio.dump(Pipeline([("classify", forest)]), path, compression=zipfile.ZIP_DEFLATED)
    with pytest.raises(ReviewMinerError, match="untrusted types"):
        load_negation_model(path)
    bayes = GaussianNB().fit(np.eye(4), [0, 1, 0, 1])
    sio.dump(Pipeline([("classify", bayes)]), path, compression=zipfile.ZIP_DEFLATED)
    with pytest.raises(ReviewMinerError, match="not a negation model"):
        load_negation_model(path)


def test_decide_keeps_a_vetoed_code_negated_and_reads_settings_without_the_feature(
    tmp_path: Path,
):
    weights = {"rules": 4, "rules_negated": 0, "similarity": 0, "supervised": 0}
    decider = Decider(frames={"risk": {"weights": {**weights, "negation": -8}, "intercept": -2}})
    ones = np.ones((3, 1))
    scores = Scores(ones, 0 * ones, 0 * ones, 0 * ones)
    scores.negation = np.array([[-0.4], [0.4], [-0.4]])
    scores.vetoed = np.array([[False], [False], [True]])
    _, present = decider.decide(scores, ["risk.a"], ["risk"])
    assert present[:, 0].tolist() == [True, False, False]
    assert scores.only_negated[:, 0].tolist() == [False, False, True]
    decider.save(tmp_path / "tagger.yaml")
    assert Decider.load(tmp_path / "tagger.yaml").frames["risk"]["weights"]["negation"] == -8
    (tmp_path / "old.yaml").write_text(
        "frames:\n  risk:\n    weights: {rules: 4, rules_negated: 0, similarity: 0, "
        "supervised: 0}\n    intercept: -2\n",
        encoding="utf-8",
    )
    _, present = Decider.load(tmp_path / "old.yaml").decide(scores, ["risk.a"], ["risk"])
    assert present[:, 0].tolist() == [True, True, False]


def test_cli_tag_text_shows_a_vetoed_code_as_negated(tmp_path: Path):
    """With the shipped models and settings: a denial the rules have no cue for ("no mention
    of"), which the other methods alone would count present."""
    from test_cli import invoke

    settings = NegationSettings.from_config(yaml.safe_load(Path(CONFIG).read_text()))
    if not settings.vetoes:
        pytest.skip("the shipped settings do not veto")
    excerpts = tmp_path / "excerpts.jsonl"
    excerpts.write_text(
        json.dumps(
            {"id": "e1", "text": "Mother's GP record holds no mention of depression or anxiety."}
        )
        + "\n"
        + json.dumps(
            {"id": "e2", "text": "Mother had been treated for depression since the birth."}
        )
        + "\n"
    )
    result = invoke("tag-text", excerpts, "--out", tmp_path / "coded.jsonl")
    assert result.exit_code == 0, result.output
    denied, stated = [
        json.loads(line) for line in (tmp_path / "coded.jsonl").read_text().splitlines()
    ]
    code = "risk.parental_mental_ill_health"
    assert code in denied["negated"] and code not in denied["codes"]
    assert code in stated["codes"]
