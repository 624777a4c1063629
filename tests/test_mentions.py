"""The mentions model: passages that only ask about, deny, suppose or generalise a risk,
harm or context, told from passages that state one; and how the decision weighs it.
Small stand-ins replace the embedding model (HashingEncoder)."""

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
from conftest import DATA, MINI
from sklearn.ensemble import RandomForestClassifier
from sklearn.naive_bayes import GaussianNB
from sklearn.pipeline import Pipeline

from review_miner.embed import HashingEncoder
from review_miner.errors import ReviewMinerError
from review_miner.tag import MENTIONS_FILE, load_setup, read_coded, score_items, tag_items, train
from review_miner.tagging import Item
from review_miner.tagging.decide import Decider, Scores, fit_decider, lead
from review_miner.tagging.mentions import load_mentions_model, mention_labels

DA, ALC, ENG = "risk.domestic_abuse", "risk.parental_alcohol_misuse", "theme.engagement"

# Our own sentences: questions, denials and general statements against plain facts.
MENTIONS = [
    "Mother was asked whether she drank alcohol and said she did not.",
    "Father was asked about domestic abuse at the assessment and said there was none.",
    "Practitioners should ask every parent about alcohol.",
    "Domestic abuse is a known risk factor for harm to children.",
    "The midwife asked whether anyone at home had hurt her; she said no.",
    "Training on domestic abuse will be offered to all school staff.",
    "Mother was asked whether she drank and answered only at Christmas.",
    "If there had been domestic abuse, the school would have been told.",
]
FACTS = [
    "Father punched Mother in the face in front of the children.",
    "Mother was drunk when she collected the children from school.",
    "Police attended after Father threatened Mother with a knife.",
    "Empty cider bottles covered the kitchen floor and Father smelt of drink.",
    "Mother went to the refuge after her partner strangled her.",
    "Father drank a bottle of vodka most nights and fell asleep on the sofa.",
    "The neighbours called the police when Father hit Mother again.",
    "Mother was intoxicated at the hospital and could not hold the baby.",
]


def coded_file(tmp_path: Path) -> Path:
    """The small coded fixture and our mention and fact passages, as one JSONL file."""
    rows = [json.loads(line) for line in (DATA / "coded_small.jsonl").read_text().splitlines()]
    for i, text in enumerate(MENTIONS):
        code = DA if "abuse" in text or "hurt" in text else ALC
        rows.append({"id": f"m{i}", "text": text, "codes": [], "negated": [code]})
    for i, text in enumerate(FACTS):
        code = ALC if any(w in text for w in ("drunk", "drink", "drank", "intoxicated")) else DA
        rows.append({"id": f"f{i}", "text": text, "codes": [code], "negated": []})
    path = tmp_path / "coded.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> Path:
    models = tmp_path_factory.mktemp("models")
    setup = load_setup(MINI, models=models, encoder=HashingEncoder(), with_models=False)
    train(read_coded(coded_file(models)), setup, models, source="coded.jsonl")
    return models


def test_mention_labels_use_only_the_negatable_frames():
    frame_of = {DA: "risk", ENG: "theme"}
    labels = mention_labels(
        [set(), {DA}, {ENG}, {ENG}, set()],
        [{DA}, set(), set(), {DA}, set()],
        frame_of,
        {"risk"},
    )
    # Mention only; fact; a theme alone says nothing; theme and a denied risk; nothing.
    assert labels.tolist() == [1, 0, -1, 1, -1]


def test_train_writes_the_mentions_model_and_its_card(trained: Path):
    card = json.loads((trained / "mentions.card.json").read_text())
    assert card["training_data"]["mention_only_passages"] == 3 + len(MENTIONS)
    assert card["training_data"]["present_passages"] == 12 + len(FACTS)
    assert 0 <= card["cross_validated_on_training_data"]["roc_auc"] <= 1
    assert isinstance(load_mentions_model(trained / MENTIONS_FILE), Pipeline)


def test_the_mentions_score_reaches_the_decision(trained: Path):
    setup = load_setup(MINI, models=trained, encoder=HashingEncoder())
    assert setup.mentions is not None
    items = [
        Item("q", "The health visitor asked Mother whether she drank alcohol; she said no."),
        Item("f", "Father was drunk and hit Mother when she came home."),
    ]
    scores, _ = score_items(items, setup)
    assert scores.mentions is not None and scores.mentions.shape == scores.rules.shape
    # One passage-level probability, the same for every code of the passage.
    assert np.all(scores.mentions == scores.mentions[:, :1])
    assert scores.mentions[0, 0] > scores.mentions[1, 0]
    assert tag_items(items, setup)


def test_a_model_folder_without_the_mentions_model_is_refused_when_the_decision_needs_it(
    trained: Path, tmp_path: Path
):
    for name in ("supervised.skops", "tagger.yaml"):
        (tmp_path / name).write_bytes((trained / name).read_bytes())
    decider = Decider.load(tmp_path / "tagger.yaml")
    if not any(spec["weights"].get("mentions") for spec in decider.frames.values()):
        pytest.skip("the decision fitted a zero weight for mentions")
    with pytest.raises(ReviewMinerError, match="mentions.skops is missing"):
        load_setup(MINI, models=tmp_path, encoder=HashingEncoder())


def test_mentions_loading_refuses_other_models(tmp_path: Path):
    import skops.io as sio

    path = tmp_path / "forest.skops"
    forest = RandomForestClassifier(n_estimators=2).fit(np.eye(4), [0, 1, 0, 1])
    sio.dump(Pipeline([("classify", forest)]), path, compression=zipfile.ZIP_DEFLATED)
    with pytest.raises(ReviewMinerError, match="untrusted types"):
        load_mentions_model(path)
    bayes = GaussianNB().fit(np.eye(4), [0, 1, 0, 1])
    sio.dump(Pipeline([("classify", bayes)]), path, compression=zipfile.ZIP_DEFLATED)
    with pytest.raises(ReviewMinerError, match="not a mentions model"):
        load_mentions_model(path)
    with pytest.raises(ReviewMinerError, match="no trained model"):
        load_mentions_model(tmp_path / "missing.skops")


def test_decide_weighs_the_mentions_score_and_reads_settings_without_it(tmp_path: Path):
    weights = {"rules": 4, "rules_negated": 0, "similarity": 0, "supervised": 0}
    decider = Decider(frames={"risk": {"weights": {**weights, "mentions": -6}, "intercept": -2}})
    ones = np.ones((2, 1))
    scores = Scores(ones, 0 * ones, 0 * ones, 0 * ones, 0 * ones, np.array([[0.0], [1.0]]))
    probabilities, present = decider.decide(scores, ["risk.a"], ["risk"])
    assert present[:, 0].tolist() == [True, False]
    assert probabilities[0, 0] > 0.85 > 0.05 > probabilities[1, 0]
    decider.save(tmp_path / "tagger.yaml")
    assert Decider.load(tmp_path / "tagger.yaml").frames["risk"]["weights"]["mentions"] == -6
    (tmp_path / "old.yaml").write_text(
        "frames:\n  risk:\n    weights: {rules: 4, rules_negated: 0, similarity: 0, "
        "supervised: 0, generic: 0}\n    intercept: -2\n",
        encoding="utf-8",
    )
    probabilities, _ = Decider.load(tmp_path / "old.yaml").decide(scores, ["risk.a"], ["risk"])
    assert probabilities[:, 0] == pytest.approx([0.88, 0.88], abs=0.01)


def test_lead_weighs_a_code_against_the_best_of_its_frame_only_where_configured():
    supervised = np.array([[0.6, 0.95, 0.3], [0.6, 0.1, 0.9]])
    frames = ["theme", "theme", "risk"]
    assert lead(supervised, frames) == pytest.approx(np.array([[0.6 / 0.95, 1, 1], [1, 1 / 6, 1]]))
    # Theme a is present when it leads its frame; the risk's lead is never weighed.
    labels = np.array([[0, 1, 1], [1, 0, 0]] * 20)
    scores = Scores(*(np.zeros((40, 3)) for _ in range(4)))
    scores.supervised = np.tile(supervised, (20, 1))
    decider = fit_decider(scores, labels, frames, lead_frames=["theme"])
    assert decider.frames["theme"]["weights"]["lead"] > 0
    assert decider.frames["risk"]["weights"]["lead"] == 0
