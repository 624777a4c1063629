"""The decision's sentence score: each code's best supervised probability over a passage's
sentences, weighed only in the frames the settings name. Stand-in models and encoders."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import DATA, MINI

from review_miner.embed import HashingEncoder
from review_miner.tag import Coded, fit_supervised, load_setup, read_coded, score_items
from review_miner.tagging import Item
from review_miner.tagging.decide import Decider, Scores, fit_decider
from review_miner.tagging.supervised import sentence_scores, sentences_of


class WordModel:
    """Two codes: 'a' is likely when a text says "bruise", 'b' when it says "missed"."""

    def predict_proba(self, inputs: pd.DataFrame) -> np.ndarray:
        texts = inputs["text"].str.lower()
        return np.column_stack(
            [
                np.where(texts.str.contains("bruise"), 0.9, 0.1),
                np.where(texts.str.contains("missed"), 0.8, 0.2),
            ]
        )


def test_sentences_of_splits_texts_and_keeps_a_text_without_sentences_whole():
    assert sentences_of(["She was seen at home. Nobody asked her anything.", "  "]) == [
        ["She was seen at home.", "Nobody asked her anything."],
        ["  "],
    ]


def test_sentence_scores_take_each_codes_best_sentence():
    texts = [
        "The family moved twice that year. A bruise on her cheek was noted. "
        "Two visits were missed.",
        "A bruise was seen.",
    ]
    # What the passage model gave the whole texts: a long passage dilutes its one clear
    # sentence; a one-sentence passage keeps its own score (it is not scored again).
    passage = np.array([[0.3, 0.25], [0.33, 0.44]])
    result = sentence_scores(WordModel(), HashingEncoder(), texts, passage)
    assert result.tolist() == [[0.9, 0.8], [0.33, 0.44]]
    assert passage.tolist() == [[0.3, 0.25], [0.33, 0.44]]  # left as it was


def test_fit_decider_weighs_sentences_only_in_the_frames_named(tmp_path: Path):
    rng = np.random.default_rng(0)
    sentences = rng.uniform(size=(200, 2))
    labels = (sentences > 0.5).astype(int)  # both codes follow their best sentence
    zeros = np.zeros_like(sentences)
    scores = Scores(zeros, zeros, zeros, zeros + 0.5, sentences=sentences)
    decider = fit_decider(scores, labels, ["theme", "risk"], sentence_frames=["theme"])
    assert decider.frames["theme"]["weights"]["sentences"] > 2
    assert decider.frames["risk"]["weights"]["sentences"] == 0
    probabilities, present = decider.decide(scores, ["theme.a", "risk.b"], ["theme", "risk"])
    assert (present[:, 0] == labels[:, 0]).mean() > 0.9
    assert np.ptp(probabilities[:, 1]) < 1e-9  # nothing else tells the risk's passages apart

    decider.save(tmp_path / "tagger.yaml")
    loaded = Decider.load(tmp_path / "tagger.yaml")
    assert loaded.frames["theme"]["weights"]["sentences"] == pytest.approx(
        decider.frames["theme"]["weights"]["sentences"], abs=1e-4
    )
    # Settings written before the sentence score load, and leave it out.
    (tmp_path / "old.yaml").write_text(
        "frames:\n  theme:\n    weights: {rules: 4, rules_negated: 0, similarity: 0, "
        "supervised: 0}\n    intercept: -2\n",
        encoding="utf-8",
    )
    old = Decider.load(tmp_path / "old.yaml")
    assert "sentences" not in old.frames["theme"]["weights"]
    probabilities, _ = old.decide(scores, ["theme.a", "theme.b"], ["theme", "theme"])
    assert np.ptp(probabilities) < 1e-9


@pytest.fixture(scope="module")
def fitted_mini():
    setup = load_setup(MINI, encoder=HashingEncoder(), with_models=False)
    small = read_coded(DATA / "coded_small.jsonl")
    # The fixture's passages are single sentences; pairs of them make longer passages.
    pairs = range(0, 12, 2)
    coded = Coded(
        small.items
        + [Item(f"pair{i}", f"{small.items[i].text} {small.items[i + 1].text}") for i in pairs],
        small.codes + [small.codes[i] | small.codes[i + 1] for i in pairs],
        small.negated + [small.negated[i] | small.negated[i + 1] for i in pairs],
    )
    return setup, coded, fit_supervised(coded, setup)


def test_training_scores_sentences_out_of_fold(fitted_mini):
    setup, coded, fitted = fitted_mini
    assert fitted.sentences_out_of_fold.shape == fitted.out_of_fold.shape
    assert ((fitted.sentences_out_of_fold >= 0) & (fitted.sentences_out_of_fold <= 1)).all()
    single = [len(parts) == 1 for parts in sentences_of([i.text for i in coded.items])]
    several = [not one for one in single]
    assert any(single) and any(several)
    # One sentence: the passage's own out-of-fold score; several: scored sentence by sentence.
    assert np.array_equal(fitted.sentences_out_of_fold[single], fitted.out_of_fold[single])
    assert not np.array_equal(fitted.sentences_out_of_fold[several], fitted.out_of_fold[several])


def test_tagging_scores_sentences_only_when_the_decision_weighs_them(mini_setup):
    items = [
        Item("a", "The panel met in June. Father was drunk when he collected the children."),
        Item("b", "Police attended a domestic incident."),
    ]
    weighed = [f for f, spec in mini_setup.decider.frames.items() if spec["weights"]["sentences"]]
    assert weighed  # trained with `sentence_frames` from config/tagging.yaml
    scores, _ = score_items(items, mini_setup)
    assert scores.sentences.shape == scores.supervised.shape
    assert np.array_equal(scores.sentences[1], scores.supervised[1])
    for spec in mini_setup.decider.frames.values():
        spec["weights"]["sentences"] = 0.0
    scores, _ = score_items(items, mini_setup)
    assert scores.sentences is None
