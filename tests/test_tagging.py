"""Tagging: rules with negation and hypotheticals, similarity, the supervised classifier,
the combined decision, and incremental tagging of a store. Small stand-ins replace the
embedding model here; test_models.py runs the real one."""

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from conftest import DATA, MINI
from sklearn.base import clone
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import Normalizer

from review_miner.codebook import load_codebook
from review_miner.embed import HashingEncoder
from review_miner.errors import ReviewMinerError
from review_miner.ingest import ingest
from review_miner.tag import (
    choose_thresholds,
    load_setup,
    read_coded,
    tag_items,
    tag_store,
    train,
)
from review_miner.tagging import Item, load_config
from review_miner.tagging.decide import Decider, Scores
from review_miner.tagging.rules import RulesTagger
from review_miner.tagging.similarity import closest, tags_from_scores
from review_miner.tagging.supervised import (
    PassageClassifier,
    features,
    load_model,
    make_model,
    save_model,
)


@pytest.fixture(scope="module")
def rules() -> RulesTagger:
    return RulesTagger(load_codebook(MINI), load_config())


def rules_result(rules: RulesTagger, text: str) -> dict[str, bool]:
    """Code -> negated, for one text."""
    return {tag.code: tag.negated for tag in rules.tag([Item("x", text)])}


@pytest.mark.parametrize(
    "text",
    [
        "There was no evidence of domestic abuse.",
        "Mother denied any drinking.",
        "Father was not known to domestic abuse services.",
        "No concerns were raised about domestic abuse.",
        "Practitioners should consider whether domestic abuse was a factor.",
        "If there had been domestic abuse, the school would have been told.",
        "All staff will receive training on domestic abuse.",
        # One cue, two mentions of the code, the second beyond the cue's reach.
        "There is nothing to suggest that Mother had ever experienced domestic abuse, "
        "either from the children's father or from any of the several partners she had "
        "after him, or that police recorded any domestic incidents at all.",
    ],
)
def test_rules_keep_negated_and_hypothetical_mentions_apart(rules: RulesTagger, text: str):
    result = rules_result(rules, text)
    assert result and all(result.values()), result


@pytest.mark.parametrize(
    "text",
    [
        "Police attended a domestic violence incident.",
        "There was no food in the house and Father was drinking heavily.",
        "Mother denied drinking, but police found her drunk at the school gate.",
        # A failure to pass on a fact does not deny the fact.
        "The school was not told about the domestic abuse.",
    ],
)
def test_rules_find_present_mentions(rules: RulesTagger, text: str):
    result = rules_result(rules, text)
    assert result and not any(result.values()), result


def test_rules_a_negated_mention_cancels_the_sentence_but_not_past_a_contrast(
    rules: RulesTagger,
):
    cancelled = "There was no domestic abuse reported, and the police held no domestic incidents."
    assert rules_result(rules, cancelled) == {"risk.domestic_abuse": True}
    contrasted = "Mother denied any domestic abuse, yet police had attended two domestic incidents."
    assert rules_result(rules, contrasted) == {"risk.domestic_abuse": False}
    # Another sentence keeps its own verdict.
    separate = "Mother denied any domestic abuse. Police attended a domestic incident in May."
    assert rules_result(rules, separate) == {"risk.domestic_abuse": False}


def test_rules_measure_how_much_of_a_passage_is_generic(rules: RulesTagger):
    texts = [
        "Police attended a domestic incident. All practitioners should ask about drinking.",
        "Police attended a domestic incident in May.",
    ]
    _, generic = rules.analyse([Item(str(i), t) for i, t in enumerate(texts)])
    assert generic.tolist() == [0.5, 0.0]


def test_rules_evidence_span_points_at_the_match(rules: RulesTagger):
    text = "In May police recorded a domestic incident at the flat."
    (tag,) = rules.tag([Item("x", text)])
    assert text[tag.start : tag.end] == "domestic incident"
    assert (tag.method, tag.confidence) == ("rules", 0.9)


def test_rules_never_cancel_a_practice_theme(rules: RulesTagger):
    # "not brought" is the theme itself, not a denial of it.
    assert rules_result(
        rules, "Child Q was not brought to clinic and there was no no access visit follow-up."
    ) == {"theme.engagement": False}


def scores(**columns) -> Scores:
    shape = np.asarray(next(iter(columns.values()))).shape
    return Scores(
        **{
            name: np.asarray(columns.get(name, np.zeros(shape)), dtype=float)
            for name in ("rules", "rules_negated", "similarity", "supervised", "generic")
        }
    )


def test_decide_never_counts_a_negated_only_mention_as_present():
    decider = Decider(
        frames={
            "risk": {
                "weights": {"rules": 3, "rules_negated": 0, "similarity": 5, "supervised": 5},
                "intercept": -1,
            }
        }
    )
    probabilities, present = decider.decide(
        scores(
            rules=[[0, 1]],
            rules_negated=[[1, 1]],
            similarity=[[0.9, 0.9]],
            supervised=[[0.99, 0.99]],
        ),
        ["risk.a", "risk.b"],
        ["risk", "risk"],
    )
    assert probabilities[0, 0] > 0.99
    assert present.tolist() == [[False, True]]


def test_decide_thresholds_come_from_the_settings_file(tmp_path: Path):
    decider = Decider(
        frames={
            "theme": {
                "weights": {"rules": 1, "rules_negated": 0, "similarity": 0, "supervised": 0},
                "intercept": 0,
            }
        },
        thresholds={"theme.b": 0.9},
    )
    decider.save(tmp_path / "tagger.yaml")
    loaded = Decider.load(tmp_path / "tagger.yaml")
    _, present = loaded.decide(scores(rules=[[1, 1]]), ["theme.a", "theme.b"], ["theme", "theme"])
    assert present.tolist() == [[True, False]]  # sigmoid(1) = 0.73: over 0.5, under 0.9


def test_decide_weighs_generic_passages_and_reads_older_settings(tmp_path: Path):
    decider = Decider(
        frames={
            "risk": {
                "weights": {
                    "rules": 0,
                    "rules_negated": 0,
                    "similarity": 0,
                    "supervised": 4,
                    "generic": -4,
                },
                "intercept": -2,
            }
        }
    )
    probabilities, _ = decider.decide(
        scores(supervised=[[1.0], [1.0]], generic=[[0.0], [1.0]]), ["risk.a"], ["risk"]
    )
    assert probabilities[0, 0] > 0.85 > 0.15 > probabilities[1, 0]
    # A settings file written before the generic share existed still loads, weighing it 0.
    (tmp_path / "tagger.yaml").write_text(
        "frames:\n  risk:\n    weights: {rules: 4, rules_negated: 0, similarity: 0, "
        "supervised: 0}\n    intercept: -2\n",
        encoding="utf-8",
    )
    loaded = Decider.load(tmp_path / "tagger.yaml")
    probabilities, _ = loaded.decide(scores(rules=[[1.0]], generic=[[1.0]]), ["risk.a"], ["risk"])
    assert probabilities[0, 0] == pytest.approx(0.88, abs=0.01)


def test_thresholds_per_code_only_for_codes_with_enough_passages():
    decider = Decider(
        frames={
            "theme": {
                "weights": {"rules": 0, "rules_negated": 0, "similarity": 0, "supervised": 1},
                "intercept": 0,
            }
        }
    )
    # Probability is sigmoid(supervised score). Code a (60 positives) scores high even when
    # absent, so it needs a high threshold; code b (100 positives) needs a low one and
    # dominates the frame's; code c has 10 positives, too few for a threshold of its own.
    truth = np.zeros((200, 3), dtype=int)
    truth[:60, 0], truth[:100, 1], truth[:10, 2] = 1, 1, 1
    supervised = np.column_stack(
        [
            np.where(truth[:, 0], 3.0, 1.5),
            np.where(truth[:, 1], 0.0, -3.0),
            np.where(truth[:, 2], 1.0, -3.0),
        ]
    )
    fitted_scores = scores(supervised=supervised)
    ids, frames = ["theme.a", "theme.b", "theme.c"], ["theme"] * 3
    thresholds = choose_thresholds(decider, fitted_scores, truth, ids, frames, min_positives=30)
    frame = decider.frames["theme"]["threshold"]
    assert thresholds["theme.a"] > 0.82 > 0.5 >= frame  # between sigmoid(1.5) and sigmoid(3)
    assert thresholds["theme.b"] == thresholds["theme.c"] == frame
    frame_only = choose_thresholds(decider, fitted_scores, truth, ids, frames, min_positives=0)
    assert set(frame_only.values()) == {frame}


def test_supervised_classifier_behaves_like_a_scikit_learn_estimator():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 8))
    Y = np.column_stack(
        [(X[:, 0] > 0).astype(int), (X[:, 1] > 0).astype(int), np.zeros(60, dtype=int)]
    )
    model = PassageClassifier(codes=["a", "b", "c"])
    assert clone(model).get_params() == {"C": 8.0, "codes": ["a", "b", "c"]}
    pipeline = Pipeline(
        [("norm", Normalizer()), ("clf", PassageClassifier(codes=["a", "b", "c"]))]
    ).fit(X, Y)
    assert pipeline.predict_proba(X).shape == (60, 3)
    assert cross_val_score(PassageClassifier(), X, Y[:, :2], cv=3).mean() > 0.6
    model.fit(X, Y)
    assert model.learned_.tolist() == [True, True, False]  # no positives: not learned, always 0
    assert (model.predict_proba(X)[:, 2] == 0).all()


def test_supervised_model_reads_words_and_meaning_and_round_trips(tmp_path: Path):
    texts = [
        f"visit {i}: " + ("Father was drunk again" if i % 2 else "the school nurse saw him")
        for i in range(40)
    ]
    vectors = HashingEncoder().encode(texts)
    labels = np.array([[i % 2, 0] for i in range(40)])
    model = make_model(["risk.parental_alcohol_misuse", "theme.engagement"], vectors.shape[1]).fit(
        features(texts, vectors), labels
    )
    probabilities = model.predict_proba(features(texts, vectors))
    assert (probabilities[1::2, 0] > 0.5).all() and (probabilities[::2, 0] < 0.5).all()
    save_model(model, tmp_path / "m.skops", {"note": "test"})
    assert json.loads((tmp_path / "m.card.json").read_text()) == {"note": "test"}
    np.testing.assert_allclose(
        load_model(tmp_path / "m.skops").predict_proba(features(texts, vectors)), probabilities
    )


class Stranger:
    """A type skops does not trust: loading it could run code from the file."""


def test_supervised_loading_refuses_untrusted_and_foreign_models(tmp_path: Path):
    import skops.io as sio
    from sklearn.ensemble import RandomForestClassifier

    sio.dump(Stranger(), tmp_path / "stranger.skops")
    with pytest.raises(ReviewMinerError, match="refuses to load untrusted types"):
        load_model(tmp_path / "stranger.skops")
    sio.dump(RandomForestClassifier(), tmp_path / "forest.skops")
    with pytest.raises(
        ReviewMinerError, match="holds a RandomForestClassifier, not a review_miner model"
    ):
        load_model(tmp_path / "forest.skops")
    with pytest.raises(ReviewMinerError, match="no trained model"):
        load_model(tmp_path / "missing.skops")


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> Path:
    """Models trained on the small coded fixture with the hashing stand-in encoder."""
    models = tmp_path_factory.mktemp("models")
    setup = load_setup(MINI, models=models, encoder=HashingEncoder(), with_models=False)
    card = train(read_coded(DATA / "coded_small.jsonl"), setup, models, source="coded_small.jsonl")
    assert card["training_data"]["passages"] == 24
    assert set(card["codes_learned"]) == {
        "risk.domestic_abuse",
        "risk.parental_alcohol_misuse",
        "theme.engagement",
    }
    return models


def test_models_trained_on_other_embeddings_are_refused_with_the_fix(trained: Path):
    class OtherEncoder(HashingEncoder):
        name = "another-model"

    with pytest.raises(ReviewMinerError, match="trained on hashing-512 embeddings, not another"):
        load_setup(MINI, models=trained, encoder=OtherEncoder())


def test_tag_items_gives_every_method_and_one_decision(trained: Path):
    setup = load_setup(MINI, models=trained, encoder=HashingEncoder())
    items = [
        Item("a", "Police attended a domestic violence incident at the flat."),
        Item("b", "There was no evidence of domestic abuse."),
        Item("c", "The review panel met in June."),
        Item(
            "d", "Father was drinking heavily and was often drunk when he collected the children."
        ),
    ]
    tags = tag_items(items, setup)
    combined = {(t.passage_id, t.code): t for t in tags if t.method == "combined"}
    assert not combined[("a", "risk.domestic_abuse")].negated
    assert combined[("b", "risk.domestic_abuse")].negated
    assert not any(pid == "c" and not t.negated for (pid, _), t in combined.items())
    assert {t.method for t in tags} >= {"rules", "similarity", "supervised", "combined"}
    for tag in tags:
        assert 0 <= tag.confidence <= 1
        text = next(i.text for i in items if i.id == tag.passage_id)
        assert 0 <= tag.start < tag.end <= len(text)


def test_tag_store_is_incremental_and_follows_codebook_changes(
    trained: Path, tmp_path: Path, store
):
    ingest([DATA / "good.txt"], store, workers=1)
    setup = load_setup(MINI, models=trained, encoder=HashingEncoder())
    first = tag_store(store, setup)
    assert first.tagged == len(store.passages()) and first.already == 0
    before = store.tags(method=None)
    again = tag_store(store, setup)
    assert (again.tagged, again.already) == (0, len(store.passages()))
    assert store.tags(method=None) == before
    changed = tmp_path / "codebook"
    shutil.copytree(MINI, changed)
    text = (
        (changed / "codes.yaml")
        .read_text()
        .replace("Domestic abuse\n", "Domestic abuse between adults\n", 1)
    )
    (changed / "codes.yaml").write_text(text)
    retag = tag_store(store, load_setup(changed, models=trained, encoder=HashingEncoder()))
    assert retag.tagged == len(store.passages())


def test_read_coded_accepts_csv_and_reports_bad_lines(tmp_path: Path):
    (tmp_path / "c.csv").write_text(
        'id,text,codes\n1,"Police came.",risk.domestic_abuse;theme.engagement\n2,Nothing,\n'
    )
    coded = read_coded(tmp_path / "c.csv")
    assert coded.codes == [{"risk.domestic_abuse", "theme.engagement"}, set()]
    (tmp_path / "bad.jsonl").write_text('{"id": "1", "text": "ok"}\n{"id": 2\n')
    with pytest.raises(ReviewMinerError, match="line 2 is not JSON"):
        read_coded(tmp_path / "bad.jsonl")


def test_every_tagger_has_the_same_interface(trained: Path):
    setup = load_setup(MINI, models=trained, encoder=HashingEncoder())
    items = [
        Item("d", "Father was drinking heavily and was often drunk when he collected the children.")
    ]
    vectors = setup.encoder.encode([items[0].text])
    for tagger, tags in (
        (setup.rules, setup.rules.tag(items)),
        (setup.similarity, setup.similarity.tag(items, vectors)),
        (setup.supervised, setup.supervised.tag(items, vectors)),
    ):
        assert tags, tagger.method
        assert {t.method for t in tags} == {tagger.method}
        assert "risk.parental_alcohol_misuse" in {t.code for t in tags}
        assert all(t.passage_id == "d" and 0 <= t.confidence <= 1 for t in tags)


def test_decide_a_code_added_after_training_takes_its_frame_threshold():
    decider = Decider(
        frames={
            "risk": {
                "weights": {"rules": 4, "rules_negated": 0, "similarity": 0, "supervised": 0},
                "intercept": -3.5,
                "threshold": 0.3,
            }
        },
        thresholds={"risk.known": 0.9},
    )
    probabilities, present = decider.decide(
        scores(rules=[[1, 1]]), ["risk.known", "risk.added"], ["risk", "risk"]
    )
    assert probabilities[0, 1] == pytest.approx(0.62, abs=0.01)
    assert present.tolist() == [[False, True]]


def test_tag_setup_names_codes_the_model_was_not_trained_on(trained: Path, tmp_path: Path):
    changed = tmp_path / "codebook"
    shutil.copytree(MINI, changed)
    with (changed / "codes.yaml").open("a") as handle:
        handle.write(
            "  - id: risk.parental_gambling\n    frame: risk\n    label: Parental gambling\n"
            "    description: A parent's gambling harms the family.\n    patterns: [gambled]\n"
        )
    setup = load_setup(changed, models=trained, encoder=HashingEncoder())
    assert setup.untrained_codes == ["risk.parental_gambling"]
    tags = tag_items([Item("g", "Father gambled away the rent money every month.")], setup)
    combined = [t for t in tags if t.method == "combined"]
    assert [t.code for t in combined] == ["risk.parental_gambling"]


def test_read_coded_refuses_duplicate_ids_and_codes_that_are_not_lists(tmp_path: Path):
    (tmp_path / "dup.jsonl").write_text('{"id": "x", "text": "a"}\n{"id": "x", "text": "b"}\n')
    with pytest.raises(ReviewMinerError, match="record 2: id 'x' is used twice"):
        read_coded(tmp_path / "dup.jsonl")
    (tmp_path / "str.jsonl").write_text(
        '{"id": "x", "text": "a", "codes": "risk.domestic_abuse"}\n'
    )
    with pytest.raises(ReviewMinerError, match="'codes' must be a list of code ids"):
        read_coded(tmp_path / "str.jsonl")
    (tmp_path / "upper.csv").write_text("ID,Text,Codes\n1,Police came.,risk.domestic_abuse\n")
    assert read_coded(tmp_path / "upper.csv").codes == [{"risk.domestic_abuse"}]


def test_train_refuses_unknown_codes_and_too_few_passages(tmp_path: Path):
    setup = load_setup(MINI, models=tmp_path, encoder=HashingEncoder(), with_models=False)
    (tmp_path / "typo.jsonl").write_text(
        '{"id": "1", "text": "a", "codes": ["risk.domestic_abus"]}\n'
    )
    with pytest.raises(ReviewMinerError, match="codes not in the codebook: risk.domestic_abus"):
        train(read_coded(tmp_path / "typo.jsonl"), setup, tmp_path)
    (tmp_path / "few.jsonl").write_text('{"id": "1", "text": "a", "codes": []}\n')
    with pytest.raises(ReviewMinerError, match="training needs at least 5"):
        train(read_coded(tmp_path / "few.jsonl"), setup, tmp_path)


def test_similarity_tags_keep_only_each_passages_closest_codes():
    scores = np.array([[0.9, 0.8, 0.7, 0.6], [0.1, 0.3, 0.2, 0.95]], dtype=np.float32)
    kept = closest(scores, 2)
    np.testing.assert_allclose(kept, [[0.9, 0.8, -1, -1], [-1, 0.3, -1, 0.95]], rtol=1e-6)
    tags = tags_from_scores([Item("a", "x"), Item("b", "y")], kept, ["c1", "c2", "c3", "c4"], "s")
    assert {(t.passage_id, t.code) for t in tags} == {
        ("a", "c1"),
        ("a", "c2"),
        ("b", "c2"),
        ("b", "c4"),
    }
    assert closest(scores, 4) is scores  # nothing to drop
