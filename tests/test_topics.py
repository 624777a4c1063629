"""Emerging topics: small corpora, reproducibility, reuse, scope and the nearest code.

Passages are our own fictional sentences, put together from phrases per theme with a seeded
random generator, so each test knows which theme every passage was written for. Most tests
use the hashing stand-in encoder and k-means (under 100 passages, or `fast=True`);
one test runs UMAP + HDBSCAN on a few hundred passages.
"""

import random
from collections import Counter
from pathlib import Path

import pytest
from conftest import DATA
from typer.testing import CliRunner

from review_miner.cli import app
from review_miner.codebook import load_codebook
from review_miner.embed import HashingEncoder
from review_miner.records import Document, Metadata, Passage, Tag, content_id
from review_miner.store import Store
from review_miner.topics import MIN_PASSAGES, UMAP_FROM, find_topics

# Each passage names four things from one theme's list in a frame shared by all themes,
# so passages of a theme are alike and no theme splits into tighter groups of its own.
# Three themes echo the mini codebook's codes; two are in no code.
# fmt: off
THEMES: dict[str, list[str]] = {
    "alcohol": [
        "drinking heavily", "a drunk father", "a mother intoxicated at home", "alcohol misuse",
        "cans of lager", "drinking in front of the children", "empty vodka bottles",
        "drinking binges", "an alcohol treatment service", "a parent too drunk to care",
        "drink driving", "a carer who smelt of alcohol",
    ],
    "engagement": [
        "missed appointments", "no access visits", "cancelled home visits",
        "a child not brought to clinic", "unanswered letters", "a case closed for non-engagement",
        "nobody at home", "declined support", "missed health reviews", "unreturned calls",
        "disguised compliance", "sporadic contact",
    ],
    "housing": [
        "an eviction notice", "rent arrears", "temporary accommodation", "a hostel room",
        "the housing officer", "the landlord", "a damp flat", "a homelessness application",
        "bed and breakfast rooms", "the tenancy", "overcrowding", "the council housing list",
    ],
    "online": [
        "social media messages", "her phone", "an online game", "a group chat",
        "shared images", "a messaging app", "screen time", "an anonymous account",
        "online grooming", "the webcam", "her internet history", "the online safety lead",
    ],
    "domestic": [
        "a domestic incident", "a police call-out", "an assault on Mother", "coercive control",
        "a MARAC referral", "a DASH risk assessment", "a refuge place", "a violent argument",
        "bruising on Mother's arms", "a non-molestation order", "threats by the partner",
        "domestic violence",
    ],
}
# fmt: on
FRAMES = [
    "{a}, {b}, {c} and {d} were noted.",
    "The records show {a}, {b}, {c} and {d}.",
]


def passages_for(theme: str, count: int, rng: random.Random) -> list[str]:
    texts = []
    for _ in range(count):
        a, b, c, d = rng.sample(THEMES[theme], 4)
        text = rng.choice(FRAMES).format(a=a, b=b, c=c, d=d)
        texts.append(text[0].upper() + text[1:])
    return texts


def corpus(per_theme: dict[str, int], seed: int = 7) -> dict[str, list[tuple[str, str]]]:
    """Reviews of (theme, text) passages: one review per theme, so passages mix in order."""
    rng = random.Random(seed)
    reviews: dict[str, list[tuple[str, str]]] = {}
    for theme, count in per_theme.items():
        reviews[f"review_{theme}.txt"] = [(theme, t) for t in passages_for(theme, count, rng)]
    return reviews


def fill(store: Store, reviews: dict[str, list[tuple[str, str]]]) -> dict[str, str]:
    """Save the reviews as documents of paragraphs; return passage id -> theme."""
    themes = {}
    for name, items in reviews.items():
        doc_id = content_id(name.encode())
        passages, offset = [], 0
        for index, (theme, text) in enumerate(items):
            passages.append(
                Passage(
                    passage_id=f"{doc_id}:{index}",
                    doc_id=doc_id,
                    index=index,
                    kind="paragraph",
                    text=text,
                    start=offset,
                    end=offset + len(text),
                    page=1,
                    page_end=1,
                )
            )
            themes[f"{doc_id}:{index}"] = theme
            offset += len(text) + 2
        document = Document(
            doc_id=doc_id,
            file=name,
            path=f"/reviews/{name}",
            format="txt",
            metadata=Metadata(),
            inferred=Metadata(),
            text="\n\n".join(text for _, text in items),
            n_pages=1,
        )
        store.save_document(document, [], passages)
    return themes


class ContentWordEncoder:
    """The hashing stand-in without stop words: similar when the content words are shared.

    The plain stand-in counts "the" and "and" as much as "drunk", which blurs which code a
    topic is nearest; the real encoder weighs meaning.
    """

    name = "content-words-512"
    dimensions = 512

    def encode(self, texts):
        from sklearn.feature_extraction.text import HashingVectorizer

        vectorizer = HashingVectorizer(
            n_features=self.dimensions, stop_words="english", alternate_sign=False, norm="l2"
        )
        return vectorizer.transform(list(texts)).toarray().astype("float32")


@pytest.fixture
def book():
    return load_codebook(DATA / "mini_codebook")


def theme_of_topics(topics, store: Store, themes: dict[str, str]) -> dict[int, str]:
    """The theme most passages of each topic were written for."""
    members: dict[int, list[str]] = {}
    for passage_id, topic in store.topic_assignments().items():
        members.setdefault(topic, []).append(themes[passage_id])
    return {t.topic: Counter(members[t.topic]).most_common(1)[0][0] for t in topics}


def test_topics_too_few_passages_give_no_topics_and_a_stored_note(store, book):
    fill(store, corpus({"housing": MIN_PASSAGES - 1}))
    summary = find_topics(store, HashingEncoder(), book)
    assert summary.topics == () and not summary.reused
    assert summary.passages == MIN_PASSAGES - 1
    assert f"only {MIN_PASSAGES - 1} passages no code covers" in summary.note
    info = store.topic_model_info()
    assert info is not None and info["note"] == summary.note
    assert info["passages"] == MIN_PASSAGES - 1 and store.topics() == []
    again = find_topics(store, HashingEncoder(), book)
    assert again.reused and again.note == summary.note


def test_topics_no_split_into_topics_big_enough_gives_no_topics_and_says_so(store, book):
    fill(store, corpus({"housing": 7, "online": 3}))
    summary = find_topics(store, HashingEncoder(), book)
    assert summary.topics == () and summary.passages == 10 == summary.outliers
    assert "no topics: k-means found no split of the 10 passages no code covers" in summary.note
    assert store.topic_model_info()["note"] == summary.note


def test_topics_a_small_corpus_uses_kmeans_and_finds_its_themes(store, book):
    themes = fill(store, corpus({"housing": 8, "online": 8, "alcohol": 8}))
    summary = find_topics(store, HashingEncoder(), book)
    assert summary.settings["method"] == "kmeans"
    assert summary.passages == 24 < UMAP_FROM and summary.outliers == 0
    assert "k-means" in summary.note
    found = theme_of_topics(summary.topics, store, themes)
    assert sorted(found.values()) == ["alcohol", "housing", "online"]
    assert sum(t.size for t in summary.topics) == 24
    for topic in summary.topics:
        # Every representative passage belongs to its topic, and keywords lead the label.
        assignments = store.topic_assignments()
        assert {assignments[p] for p in topic.representative} == {topic.topic}
        assert len(topic.representative) == 3
        assert topic.label.split(", ")[0] == topic.keywords[0][0]
        assert all(not word.isdigit() for word, _ in topic.keywords)
    housing = next(t for t in summary.topics if found[t.topic] == "housing")
    assert {"eviction", "accommodation", "housing", "hostel", "rent", "tenancy"} & {
        w for w, _ in housing.keywords
    }


def test_topics_same_store_and_seed_give_identical_topics(tmp_path: Path, book):
    reviews = corpus({"housing": 12, "online": 12, "engagement": 12, "domestic": 12})
    results = []
    for name in ("a.db", "b.db"):
        with Store(tmp_path / name) as db:
            fill(db, reviews)
            summary = find_topics(db, HashingEncoder(), book, seed=3)
            results.append((summary.topics, db.topic_assignments(), summary.note))
    assert results[0] == results[1]
    assert len(results[0][0]) >= 2


def test_topics_are_stored_and_reused_until_something_changes(store, book):
    fill(store, corpus({"housing": 10, "online": 10}))
    first = find_topics(store, HashingEncoder(), book)
    assert not first.reused and store.topics() == list(first.topics)
    fitted_at = store.topic_model_info()["fitted_at"]
    second = find_topics(store, HashingEncoder(), book)
    assert second.reused and second.topics == first.topics and second.key == first.key
    assert store.topic_model_info()["fitted_at"] == fitted_at
    # Another seed is another model; so is a new review.
    assert not find_topics(store, HashingEncoder(), book, seed=1).reused
    fill(
        store, {"extra.txt": [("alcohol", t) for t in passages_for("alcohol", 5, random.Random(1))]}
    )
    third = find_topics(store, HashingEncoder(), book, seed=1)
    assert not third.reused and third.passages == 25


def test_topics_consider_only_uncovered_passages_unless_asked_for_all(store, book):
    themes = fill(store, corpus({"housing": 10, "online": 10, "alcohol": 10}))
    alcohol = [p for p, theme in themes.items() if theme == "alcohol"]
    housing = [p for p, theme in themes.items() if theme == "housing"]
    tags = [Tag(p, "risk.parental_alcohol_misuse", "combined", 0.9, 0, 5) for p in alcohol]
    # A negated code and a code from one method only do not cover a passage.
    tags += [Tag(housing[0], "risk.domestic_abuse", "combined", 0.8, 0, 5, negated=True)]
    tags += [Tag(housing[1], "risk.domestic_abuse", "rules", 0.8, 0, 5)]
    store.save_tags("hand", list(themes), tags)

    uncovered = find_topics(store, HashingEncoder(), book)
    considered = store.topic_assignments()
    assert uncovered.passages == 20 and set(considered) == set(themes) - set(alcohol)
    assert "passages no code covers" in uncovered.note

    everything = find_topics(store, HashingEncoder(), book, include_coded=True)
    assert not everything.reused and everything.passages == 30
    assert set(store.topic_assignments()) == set(themes)
    assert everything.settings["include_coded"] is True


def test_topics_nearest_code_is_the_code_the_topic_is_about(store, book):
    themes = fill(store, corpus({"alcohol": 10, "engagement": 10, "domestic": 10, "housing": 10}))
    summary = find_topics(store, ContentWordEncoder(), book, include_coded=True)
    found = theme_of_topics(summary.topics, store, themes)
    expected = {
        "alcohol": "risk.parental_alcohol_misuse",
        "engagement": "theme.engagement",
        "domestic": "risk.domestic_abuse",
    }
    by_theme = {found[t.topic]: t for t in summary.topics}
    assert set(expected) <= set(by_theme)
    for theme, code in expected.items():
        topic = by_theme[theme]
        assert topic.nearest_code == code, (theme, topic)
        assert 0 < topic.nearest_similarity <= 1
    # Housing is in no code: it is less close to its nearest code than the others are.
    assert by_theme["housing"].nearest_similarity < min(
        by_theme[theme].nearest_similarity for theme in expected
    )


def test_topics_fast_flag_uses_kmeans_on_a_large_corpus(store, book):
    fill(store, corpus({"housing": 40, "online": 40, "engagement": 40}))
    summary = find_topics(store, HashingEncoder(), book, fast=True)
    assert summary.passages == 120 >= UMAP_FROM
    assert summary.settings["method"] == "kmeans" and "(fast)" in summary.note


def test_topics_umap_and_hdbscan_find_the_themes_of_a_few_hundred_passages(
    store, book, tmp_path: Path
):
    """The one test with the real reducer and clusterer (UMAP compiles on first use)."""
    reviews = corpus({"housing": 70, "online": 70, "engagement": 70, "alcohol": 70, "domestic": 70})
    themes = fill(store, reviews)
    summary = find_topics(store, HashingEncoder(), book)
    assert summary.settings["method"] == "umap_hdbscan" and summary.passages == 350
    assert summary.settings["n_neighbors"] == 10 and summary.settings["min_topic_size"] == 5
    assert len(summary.topics) >= 5 and "UMAP" in summary.note
    assert summary.outliers + sum(t.size for t in summary.topics) == 350
    assert [t.size for t in summary.topics] == sorted(
        (t.size for t in summary.topics), reverse=True
    )
    found = theme_of_topics(summary.topics, store, themes)
    assert set(found.values()) == set(THEMES)
    # Topics are pure: nearly every passage in a topic was written for its theme.
    assignments = store.topic_assignments()
    clean = sum(1 for p, topic in assignments.items() if topic >= 0 and themes[p] == found[topic])
    assert clean >= 0.9 * (350 - summary.outliers)
    again = find_topics(store, HashingEncoder(), book)
    assert again.reused and again.topics == summary.topics
    # A second store with the same passages, fitted afresh: the same topics, passage by passage.
    with Store(tmp_path / "twin.db") as twin:
        fill(twin, reviews)
        fresh = find_topics(twin, HashingEncoder(), book)
        assert not fresh.reused and fresh.topics == summary.topics
        assert twin.topic_assignments() == assignments
    # More topics than an analyst can read are merged, the closest first, largest numbered 0.
    merged = find_topics(store, HashingEncoder(), book, max_topics=3)
    assert len(merged.topics) == 3 < len(summary.topics)
    assert [t.topic for t in merged.topics] == [0, 1, 2]
    assert [t.size for t in merged.topics] == sorted((t.size for t in merged.topics), reverse=True)
    assert merged.outliers + sum(t.size for t in merged.topics) == 350
    assert set(store.topic_assignments().values()) <= {-1, 0, 1, 2}


def test_cli_topics_prints_the_table_and_reuses(tmp_path: Path):
    """With the real offline model and the shipped codebook: the nearest codes make sense."""
    db_path = tmp_path / "s.db"
    with Store(db_path) as db:
        themes = fill(db, corpus({"housing": 6, "alcohol": 6}))
    runner = CliRunner()
    result = runner.invoke(app, ["topics", "--store", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "12 passages are not coded with the current set-up" in result.output
    assert "2 topics in 12 passages no code covers, 0 in none" in result.output
    assert "nearest code" in result.output.splitlines()[1]
    with Store(db_path) as db:
        found = theme_of_topics(db.topics(), db, themes)
        nearest = {found[t.topic]: t.nearest_code for t in db.topics()}
    assert nearest == {
        "housing": "context.deprivation_housing",
        "alcohol": "risk.parental_alcohol_misuse",
    }
    again = runner.invoke(app, ["topics", "--store", str(db_path)])
    assert again.exit_code == 0 and "reused the topics stored at" in again.output
    missing = runner.invoke(app, ["topics", "--store", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "no such store" in missing.output


def test_topics_beyond_the_sample_size_every_passage_is_assigned_reproducibly(
    store, book, tmp_path: Path
):
    """Fitted on a seeded sample, the other passages get the topic the model predicts."""
    reviews = corpus({"housing": 40, "online": 40, "engagement": 40})
    themes = fill(store, reviews)
    summary = find_topics(store, HashingEncoder(), book, fast=True, sample_size=50)
    assert summary.settings["sample"] == 50 and "seeded sample of 50 passages" in summary.note
    assignments = store.topic_assignments()
    assert set(assignments) == set(themes) and summary.passages == 120
    assert summary.outliers + sum(t.size for t in summary.topics) == 120
    assert sum(t.size for t in summary.topics) > 50  # passages beyond the sample are in topics
    found = theme_of_topics(summary.topics, store, themes)
    assert set(found.values()) == {"housing", "online", "engagement"}
    clean = sum(1 for p, topic in assignments.items() if topic >= 0 and themes[p] == found[topic])
    assert clean >= 0.9 * 120
    for topic in summary.topics:
        assert {assignments[p] for p in topic.representative} == {topic.topic}
    again = find_topics(store, HashingEncoder(), book, fast=True, sample_size=50)
    assert again.reused
    # The same passages in a second store, fitted afresh: the same sample, the same topics.
    with Store(tmp_path / "twin.db") as twin:
        fill(twin, reviews)
        fresh = find_topics(twin, HashingEncoder(), book, fast=True, sample_size=50)
        assert fresh.topics == summary.topics and twin.topic_assignments() == assignments
    # Another seed draws another sample.
    other = find_topics(store, HashingEncoder(), book, fast=True, sample_size=50, seed=5)
    assert other.key != summary.key
    # At or under the sample size nothing is sampled, and the key says so.
    whole = find_topics(store, HashingEncoder(), book, fast=True, sample_size=120)
    assert "sample" not in whole.settings and "sample" not in whole.note


def test_topics_umap_and_hdbscan_on_a_sample_assign_the_rest(store, book, tmp_path: Path):
    reviews = corpus({"housing": 70, "online": 70, "engagement": 70, "alcohol": 70, "domestic": 70})
    themes = fill(store, reviews)
    summary = find_topics(store, HashingEncoder(), book, sample_size=200)
    assert summary.settings["method"] == "umap_hdbscan" and summary.settings["sample"] == 200
    assignments = store.topic_assignments()
    assert set(assignments) == set(themes)
    assert summary.outliers + sum(t.size for t in summary.topics) == 350
    assert sum(t.size for t in summary.topics) > 200
    found = theme_of_topics(summary.topics, store, themes)
    assert set(found.values()) == set(THEMES)
    clean = sum(1 for p, topic in assignments.items() if topic >= 0 and themes[p] == found[topic])
    assert clean >= 0.9 * (350 - summary.outliers)
    with Store(tmp_path / "twin.db") as twin:
        fill(twin, reviews)
        fresh = find_topics(twin, HashingEncoder(), book, sample_size=200)
        assert fresh.topics == summary.topics and twin.topic_assignments() == assignments
