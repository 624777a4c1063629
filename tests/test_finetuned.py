"""The fine-tuned tagger: a tiny training run on the real installed MiniLM (its top layer
only, a few passages, seconds), saving only what was trained, loading it onto the base
weights, and its place in the decision."""

import dataclasses
from pathlib import Path

import numpy as np
import pytest
import yaml
from conftest import MINI

from review_miner.embed import HashingEncoder
from review_miner.errors import ReviewMinerError
from review_miner.tag import FINETUNED_FILE, load_setup
from review_miner.tagging import Item
from review_miner.tagging.decide import FEATURES, Decider, Scores
from review_miner.tagging.finetuned import ClauseModel, FinetunedTagger, FinetuneSettings

CODES = ["risk.parental_alcohol_misuse", "risk.domestic_abuse", "theme.engagement"]

DRINK = [
    "Father drank heavily every evening and was often drunk at the school gate.",
    "Mother's drinking worsened after the birth; she was found drunk with the baby.",
    "Empty vodka bottles filled the kitchen and Father slurred his words at the visit.",
    "Mother admitted drinking two bottles of wine a day.",
    "The paramedics smelt alcohol on Father, who could barely stand.",
    "Father was arrested for drink driving with the children in the car.",
]
OTHER = [
    "The review panel met three times between March and June.",
    "The terms of reference were agreed by the partnership.",
    "Chapter two describes the methodology and the sources used.",
    "The chronology was compiled from the records of six agencies.",
    "Practitioners were invited to a learning event in the autumn.",
    "The report was approved by the safeguarding partners.",
]
# One passage of engagement only: too few to learn, so that code must score 0.
ENGAGEMENT = ["The family missed four appointments and the worker closed the case."]


def settings(**changes) -> FinetuneSettings:
    base = {"top_layers": 1, "epochs": 8, "batch_size": 4, "seed": 3, "threads": 1}
    return FinetuneSettings(**{**base, **changes})


def training_data() -> tuple[list[str], np.ndarray]:
    texts = DRINK + OTHER + ENGAGEMENT
    labels = np.zeros((len(texts), len(CODES)), dtype=int)
    labels[: len(DRINK), 0] = 1
    labels[-1, 2] = 1
    return texts, labels


@pytest.fixture(scope="module")
def fitted() -> ClauseModel:
    texts, labels = training_data()
    return ClauseModel(CODES, settings()).fit(texts, labels)


def test_fitted_model_scores_its_code_above_unrelated_passages(fitted: ClauseModel):
    texts, _ = training_data()
    p = fitted.predict_proba(texts)
    assert p.shape == (len(texts), len(CODES))
    assert ((p >= 0) & (p <= 1)).all()
    assert p[: len(DRINK), 0].min() > p[len(DRINK) : len(DRINK) + len(OTHER), 0].max()


def test_codes_with_too_few_passages_are_not_learned(fitted: ClauseModel):
    assert fitted.learned.tolist() == [True, False, False]
    p = fitted.predict_proba(["Father drank heavily.", "The family missed appointments."])
    assert (p[:, 1:] == 0).all()


def test_training_is_deterministic(fitted: ClauseModel):
    texts, labels = training_data()
    again = ClauseModel(CODES, settings()).fit(texts, labels)
    np.testing.assert_array_equal(again.predict_proba(texts), fitted.predict_proba(texts))


def test_no_code_to_learn_is_a_clear_error():
    texts, labels = training_data()
    with pytest.raises(ReviewMinerError, match="no code has 3 or more"):
        ClauseModel(CODES, settings()).fit(texts, labels * 0)


def test_saved_model_holds_only_the_trained_layer_and_loads_onto_the_base(
    fitted: ClauseModel, tmp_path: Path
):
    from safetensors import safe_open

    path = tmp_path / FINETUNED_FILE
    fitted.save(path, card={"note": "test"})
    with safe_open(str(path), framework="pt") as handle:
        names = list(handle.keys())
    assert names and all(n.startswith(("layers.0.", "head.")) for n in names)
    # One of MiniLM's six layers and a head: a few MB, not the 90 MB model.
    assert path.stat().st_size < 10_000_000
    assert path.with_suffix(".card.json").is_file()
    loaded = ClauseModel.load(path)
    texts = ["Father drank heavily.", "The panel met in June.", "no evidence of drinking"]
    np.testing.assert_allclose(loaded.predict_proba(texts), fitted.predict_proba(texts), atol=1e-6)
    assert loaded.codes == CODES
    assert loaded.settings == fitted.settings


def test_loading_refuses_missing_and_foreign_files(tmp_path: Path):
    import torch
    from safetensors.torch import save_file

    with pytest.raises(ReviewMinerError, match="no fine-tuned model"):
        ClauseModel.load(tmp_path / "missing.safetensors")
    save_file({"weight": torch.zeros(2, 2)}, str(tmp_path / "foreign.safetensors"))
    with pytest.raises(ReviewMinerError, match="not a review_miner fine-tuned model"):
        ClauseModel.load(tmp_path / "foreign.safetensors")


def test_unknown_settings_are_refused_by_name():
    assert FinetuneSettings.from_config({"enabled": True, "epochs": "3"}).epochs == 3
    with pytest.raises(ReviewMinerError, match="unknown 'finetuned' options \\['epoch'\\]"):
        FinetuneSettings.from_config({"epoch": 3})


def test_tagger_scores_items_in_the_models_columns(fitted: ClauseModel):
    tagger = FinetunedTagger(fitted)
    scores = tagger.scores([Item("a", "Mother was drunk."), Item("b", "The panel met.")])
    assert tagger.codes == CODES and scores.shape == (2, 3)
    assert fitted.cache is None  # nothing kept between batches


def test_the_decision_weighs_the_finetuned_score_and_older_settings_lack_it(tmp_path: Path):
    zeros = np.zeros((2, 1))
    scores = Scores(zeros, zeros, zeros, zeros, finetuned=np.array([[0.0], [1.0]]))
    assert scores.stacked()[:, 0, FEATURES.index("finetuned")].tolist() == [0.0, 1.0]
    weights = {name: 0.0 for name in FEATURES}
    decider = Decider({"risk": {"weights": {**weights, "finetuned": 6.0}, "intercept": -3.0}})
    p, present = decider.decide(scores, ["risk.x"], ["risk"])
    assert present[:, 0].tolist() == [False, True]
    assert decider.weighs("finetuned")
    # A tagger.yaml written before the fine-tuned model existed loads, and does not weigh it.
    older = {"weights": {k: 0.0 for k in FEATURES if k != "finetuned"}, "intercept": 0.0}
    (tmp_path / "tagger.yaml").write_text(yaml.safe_dump({"frames": {"risk": older}}))
    assert not Decider.load(tmp_path / "tagger.yaml").weighs("finetuned")


def test_settings_that_weigh_a_missing_finetuned_model_say_so(mini_models: Path, tmp_path: Path):
    import shutil

    models = tmp_path / "models"
    shutil.copytree(mini_models, models)
    (models / FINETUNED_FILE).unlink(missing_ok=True)
    document = yaml.safe_load((models / "tagger.yaml").read_text())
    for spec in document["frames"].values():
        spec["weights"]["finetuned"] = 1.0
    (models / "tagger.yaml").write_text(yaml.safe_dump(document))
    with pytest.raises(ReviewMinerError, match="finetuned.safetensors is missing"):
        load_setup(MINI, models=models, encoder=HashingEncoder())


def test_a_cache_built_for_other_settings_is_refused():
    from review_miner.tagging.finetuned import LowerCache

    model = ClauseModel(CODES, settings(), cache=LowerCache(settings(top_layers=2)))
    with pytest.raises(ReviewMinerError, match="top_layers=2"):
        model.fit(["Mother was drunk."] * 10, np.ones((10, len(CODES))))


@pytest.mark.parametrize("top_layers", [0, 7])
def test_more_layers_than_the_base_has_or_none_are_refused(top_layers: int):
    texts, labels = training_data()
    with pytest.raises(ReviewMinerError, match=f"top_layers is {top_layers}; .* use 1 to 6"):
        ClauseModel(CODES, settings(top_layers=top_layers)).fit(texts, labels)


def test_torch_threads_are_given_back(fitted: ClauseModel):
    import torch

    before = torch.get_num_threads()
    wanted = fitted.settings.threads + 1
    torch.set_num_threads(wanted)
    try:
        fitted.predict_proba(["Mother was drunk."])
        assert torch.get_num_threads() == wanted
    finally:
        torch.set_num_threads(before)


def test_finetuning_frames_outside_the_codebook_are_refused(tmp_path: Path):
    from conftest import DATA

    from review_miner.tag import read_coded, train
    from review_miner.tagging import CONFIG

    config = yaml.safe_load(Path(CONFIG).read_text(encoding="utf-8"))
    config["finetuned"] = {"enabled": True, "top_layers": 1, "epochs": 1, "threads": 1}
    config["finetuned_frames"] = ["themes"]  # the frame is "theme"
    (tmp_path / "tagging.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    setup = load_setup(
        MINI,
        config=tmp_path / "tagging.yaml",
        models=tmp_path / "models",
        encoder=HashingEncoder(),
        with_models=False,
    )
    with pytest.raises(ReviewMinerError, match="finetuned_frames \\['themes'\\] names none"):
        train(read_coded(DATA / "coded_small.jsonl"), setup, tmp_path / "models")


class _Constant:
    """A fine-tuned tagger stand-in that gives every code the same probability."""

    def __init__(self, codes: list[str], value: float) -> None:
        self.codes, self.value = list(codes), value

    def scores(self, items: list[Item]) -> np.ndarray:
        return np.full((len(items), len(self.codes)), self.value)


def test_train_with_finetuning_enabled_saves_it_and_tagging_weighs_it(tmp_path: Path):
    from conftest import DATA

    from review_miner.tag import Setup, read_coded, score_items, tag_items, train
    from review_miner.tagging import CONFIG

    config = yaml.safe_load(Path(CONFIG).read_text(encoding="utf-8"))
    config["finetuned"] = {"enabled": True, "top_layers": 1, "epochs": 3, "threads": 1}
    config["finetuned_frames"] = ["risk"]
    models = tmp_path / "models"

    def setup_for_training(config: dict) -> Setup:
        (tmp_path / "tagging.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
        return load_setup(
            MINI,
            config=tmp_path / "tagging.yaml",
            models=models,
            encoder=HashingEncoder(),
            with_models=False,
        )

    setup = setup_for_training(config)
    train(read_coded(DATA / "coded_small.jsonl"), setup, models, source="coded_small.jsonl")
    card = (models / FINETUNED_FILE).with_suffix(".card.json")
    assert (models / FINETUNED_FILE).is_file() and card.is_file()
    assert "risk.domestic_abuse" in card.read_text()
    decider = yaml.safe_load((models / "tagger.yaml").read_text())
    # Outside finetuned_frames the feature was all zeros, so it carries no weight there.
    assert decider["frames"]["theme"]["weights"]["finetuned"] == 0.0
    assert decider["frames"]["risk"]["weights"]["finetuned"] != 0.0
    loaded = load_setup(
        MINI, config=tmp_path / "tagging.yaml", models=models, encoder=HashingEncoder()
    )
    assert loaded.finetuned is not None
    items = [Item("a", "Father was drunk when he collected the children.")]
    assert any(t.method == "combined" for t in tag_items(items, loaded))
    # The fine-tuned score moves the combined probability of a risk code: the same passage
    # scored as if the model said 0, then 1, for every code.
    column = loaded.codebook.ids.index("risk.domestic_abuse")
    decided = []
    for value in (0.0, 1.0):
        stub = _Constant(loaded.finetuned.codes, value)
        scores, _ = score_items(items, dataclasses.replace(loaded, finetuned=stub))
        probabilities, _ = loaded.decider.decide(scores, loaded.codebook.ids, loaded.code_frames)
        decided.append(probabilities[0, column])
    assert decided[0] != pytest.approx(decided[1])
    # Retrained with it switched off, the stale file goes, so nothing loads it by mistake.
    config["finetuned"]["enabled"] = False
    setup = setup_for_training(config)
    train(read_coded(DATA / "coded_small.jsonl"), setup, models)
    assert not (models / FINETUNED_FILE).exists()
