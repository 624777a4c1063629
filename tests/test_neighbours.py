"""The neighbours score: how the coded passages nearest a passage were coded, out of fold
for the decision's training, stored without pickles, and its place in the decision."""

import json
from pathlib import Path

import numpy as np
import pytest
import yaml
from conftest import DATA, MINI

from review_miner.embed import HashingEncoder
from review_miner.errors import ReviewMinerError
from review_miner.tag import NEIGHBOURS_FILE, load_setup, read_coded, tag_items, train
from review_miner.tagging import CONFIG, Item
from review_miner.tagging.decide import FEATURES, Decider
from review_miner.tagging.neighbours import (
    Neighbours,
    neighbour_scores,
    neighbour_settings,
    out_of_fold,
)

CODES = ["risk.domestic_abuse", "risk.parental_alcohol_misuse", "theme.engagement"]


def test_the_score_is_the_similarity_weighted_share_of_the_nearest():
    known = np.array([[1.0, 0.0], [0.8, 0.6], [0.0, 1.0]])
    labels = np.array([[1, 0], [0, 1], [0, 1]])
    scores = neighbour_scores(known, labels, np.array([[1.0, 0.0]]), k=2)
    # The two nearest are the first (similarity 1) and the second (0.8): 1 / 1.8 carry code 0.
    assert scores[0].tolist() == pytest.approx([1 / 1.8, 0.8 / 1.8])
    # More neighbours asked for than known passages: all of them, the third weighing 0.
    assert neighbour_scores(known, labels, np.array([[1.0, 0.0]]), k=10)[0].tolist() == (
        pytest.approx([1 / 1.8, 0.8 / 1.8])
    )
    assert neighbour_scores(known, labels, np.zeros((0, 2)), k=2).shape == (0, 2)


def test_out_of_fold_scores_never_count_the_passage_itself():
    # Every passage alike, so all the other folds' passages are neighbours (k above n).
    vectors = np.ones((10, 3))
    labels = np.zeros((10, 1), dtype=int)
    labels[0, 0] = 1
    scores = out_of_fold(vectors, labels, k=20)[:, 0]
    assert scores[0] == 0.0  # its own code is not among its neighbours
    assert sorted(set(np.round(scores, 4))) == [0.0, 0.125]  # 1 of the other fold's 8


def test_neighbours_round_trip_and_loading_refuses_what_is_not_theirs(tmp_path: Path):
    stored = Neighbours(np.array([[3.0, 4.0], [0.0, 2.0]]), np.array([[1], [0]]), ["x"], 1, "enc")
    stored.save(tmp_path / "n.npz", {"k": 1})
    loaded = Neighbours.load(tmp_path / "n.npz")
    assert (loaded.codes, loaded.k, loaded.encoder) == (["x"], 1, "enc")
    assert np.allclose(loaded.vectors, [[0.6, 0.8], [0.0, 1.0]], atol=1e-3)
    assert loaded.scores(np.array([[0.6, 0.8]])).tolist() == [[1.0]]
    assert json.loads((tmp_path / "n.card.json").read_text()) == {"k": 1}
    # An archive that needs pickle to load (an object array) is refused, not run.
    np.savez(tmp_path / "p.npz", vectors=np.array([object()], dtype=object))
    with pytest.raises(ReviewMinerError, match="p.npz: is not a readable neighbours file"):
        Neighbours.load(tmp_path / "p.npz")
    np.savez(
        tmp_path / "s.npz", vectors=np.ones((2, 2)), labels=np.ones((3, 1)), codes=["x"], k=1,
        encoder="enc",
    )  # fmt: skip
    with pytest.raises(ReviewMinerError, match="s.npz: its embeddings .* do not fit"):
        Neighbours.load(tmp_path / "s.npz")
    (tmp_path / "t.npz").write_text("not an archive")
    with pytest.raises(ReviewMinerError, match="t.npz: is not a readable neighbours file"):
        Neighbours.load(tmp_path / "t.npz")


def test_settings_turn_the_score_on_and_check_k():
    assert neighbour_settings({}) is None
    assert neighbour_settings({"neighbour_frames": [], "neighbours": {"k": 5}}) is None
    assert neighbour_settings({"neighbour_frames": ["theme"], "neighbours": {"k": 5}}) == 5
    with pytest.raises(ReviewMinerError, match="k must be a whole number of at least 1, not 0"):
        neighbour_settings({"neighbour_frames": ["theme"], "neighbours": {"k": 0}})


def config_with_neighbours(tmp_path: Path, frames: list[str]) -> Path:
    config = yaml.safe_load(Path(CONFIG).read_text(encoding="utf-8"))
    config["neighbour_frames"] = frames
    config["neighbours"] = {"k": 3}
    path = tmp_path / "tagging.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> tuple[Path, Path]:
    """Models trained on the small coded fixture, the neighbours score weighed for themes."""
    folder = tmp_path_factory.mktemp("neighbours")
    config = config_with_neighbours(folder, ["theme"])
    models = folder / "models"
    setup = load_setup(
        MINI, config=config, models=models, encoder=HashingEncoder(), with_models=False
    )
    train(read_coded(DATA / "coded_small.jsonl"), setup, models, source="coded_small.jsonl")
    return config, models


def test_train_stores_the_coded_passages_and_the_card_says_so(trained: tuple[Path, Path]):
    config, models = trained
    stored = Neighbours.load(models / NEIGHBOURS_FILE)
    assert stored.vectors.shape == (24, HashingEncoder.dimensions)  # passages, not examples
    assert (stored.codes, stored.k, stored.encoder) == (CODES, 3, "hashing-512")
    assert stored.labels.sum(axis=0).tolist() == (
        read_coded(DATA / "coded_small.jsonl").matrix(CODES).sum(axis=0).tolist()
    )
    card = json.loads((models / "neighbours.card.json").read_text())
    assert card["settings"] == {"k": 3, "frames": ["theme"]}
    assert card["training_data"]["passages"] == 24
    assert set(card["cross_validated_on_training_data"]["roc_auc"]) == {"theme.engagement"}
    weights = yaml.safe_load((models / "tagger.yaml").read_text())["frames"]
    # Weighed only where the settings say: for the other frames the column is all 0.
    assert weights["theme"]["weights"]["neighbours"] != 0
    assert weights["risk"]["weights"]["neighbours"] == 0
    setup = load_setup(MINI, config=config, models=models, encoder=HashingEncoder())
    assert setup.neighbours is not None and setup.decider.weighs("neighbours")


def test_training_without_the_score_removes_a_stale_file(tmp_path: Path):
    models = tmp_path / "models"
    models.mkdir()
    (models / NEIGHBOURS_FILE).write_text("left from an earlier training")
    setup = load_setup(MINI, models=models, encoder=HashingEncoder(), with_models=False)
    train(read_coded(DATA / "coded_small.jsonl"), setup, models)
    assert not (models / NEIGHBOURS_FILE).exists()
    assert not load_setup(MINI, models=models, encoder=HashingEncoder()).decider.weighs(
        "neighbours"
    )


def test_the_neighbours_move_a_decision_in_their_frames_only(trained: tuple[Path, Path]):
    config, models = trained
    setup = load_setup(MINI, config=config, models=models, encoder=HashingEncoder())
    weights = {name: 0.0 for name in FEATURES}
    setup.decider = Decider(
        {
            frame: {"weights": {**weights, "neighbours": 8.0}, "intercept": -4.0}
            for frame in ("risk", "theme")
        }
    )
    text = "The health visitor called three times in March and found nobody at home."
    item = [Item("x", text)]

    def present() -> set[str]:
        return {t.code for t in tag_items(item, setup) if t.method == "combined"}

    # Its nearest coded passage is itself (engagement): the theme is decided present; the
    # risks, whose frame does not weigh the score, are not, whatever their neighbours carry.
    setup.neighbours.labels[:, 0] = 1  # every coded passage made domestic abuse
    assert present() == {"theme.engagement"}
    setup.neighbours.labels[:, 2] = 0  # no coded passage carries engagement any more
    assert present() == set()


def test_settings_that_weigh_missing_or_foreign_neighbours_say_so(
    trained: tuple[Path, Path], tmp_path: Path
):
    import shutil

    config, models = trained
    copy = tmp_path / "models"
    shutil.copytree(models, copy)
    stored = Neighbours.load(copy / NEIGHBOURS_FILE)
    stored.encoder = "another-model"
    stored.save(copy / NEIGHBOURS_FILE, {})
    with pytest.raises(ReviewMinerError, match="holds another-model embeddings, not hashing"):
        load_setup(MINI, config=config, models=copy, encoder=HashingEncoder())
    (copy / NEIGHBOURS_FILE).unlink()
    with pytest.raises(ReviewMinerError, match="neighbours.npz is missing"):
        load_setup(MINI, config=config, models=copy, encoder=HashingEncoder())
