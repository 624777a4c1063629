"""Emerging topics: what reviews talk about that the codebook does not cover.

BERTopic groups passages close in meaning (on the stored embeddings, offline: it never
loads a model of its own), names each group by its most distinctive words (c-TF-IDF), and
we add the passages closest to each group's centre and the codebook code nearest to it.
By default only passages the codebook did not cover are grouped, so a topic is a candidate
for a new code; `include_coded=True` groups every paragraph and bullet.

How a corpus is grouped depends on its size (passages considered):

- fewer than `MIN_PASSAGES` (10): no topics; the stored note says why;
- fewer than `UMAP_FROM` (100): k-means on the embeddings themselves, the number of
  topics (2 to `MAX_KMEANS_TOPICS`) chosen by the silhouette score (cosine) among the
  splits whose every topic has at least `SMALL_MIN_TOPIC_SIZE` (5) passages. UMAP's
  neighbour graph and HDBSCAN's density are unreliable on so few points; k-means puts
  every passage in a topic;
- fewer than `FULL_FROM` (500): UMAP with 10 neighbours and HDBSCAN (leaf clusters) with
  topics of at least 5 passages;
- from `FULL_FROM` on: UMAP with 15 neighbours and topics of at least 10 passages
  (BERTopic's defaults).

Beyond `SAMPLE_SIZE` passages, BERTopic is fitted on a seeded sample of that many, and
every other passage is given a topic a chunk at a time (`_assign`: k-means' nearest centre,
or the topic of most of its nearest fitted passages); keywords come from the sample, sizes
and representative passages from every passage. So memory and fitting time stop growing
with the corpus.

Everything is seeded, so the same store and seed give the same topics. The stored topics
carry a key (the passages considered, the settings, the encoder and the codebook); when
nothing changed, `find_topics` returns the stored topics without fitting again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

from .codebook import Codebook
from .embed import TextEncoder, embed_passages
from .records import Topic
from .store import Store
from .tag import TAGGABLE
from .tagging.similarity import SimilarityTagger

TOPICS_VERSION = 3
"""Changes when the way topics are found changes, so stored topics are found again."""
MIN_PASSAGES = 10
"""Fewer passages than this give no topics: there is nothing to group."""
UMAP_FROM = 100
"""From this many passages UMAP and HDBSCAN group them; below, k-means."""
FULL_FROM = 500
"""From this many passages BERTopic's default neighbourhood and topic size apply."""

SMALL_MIN_TOPIC_SIZE = 5
"""Smallest k-means topic: on small corpora the silhouette favours pairs of near-twins."""
MAX_KMEANS_TOPICS = 20
"""Most topics k-means may make: more would not be read."""
TOP_WORDS = 10
"""Keywords kept per topic; the label shows the first `LABEL_WORDS`."""
LABEL_WORDS = 4
MAX_TOPICS = 40
"""Most topics UMAP and HDBSCAN may give; beyond that the closest are merged."""

REPRESENTATIVE = 3
"""Passages kept per topic as its examples."""

SAMPLE_SIZE = 4000
"""Most passages BERTopic is fitted on; the others are assigned to the fitted topics.
UMAP's neighbour graph, HDBSCAN's tree and the c-TF-IDF matrix grow with the passages
fitted: the topics stage of a 200-review corpus (10,684 uncovered passages) peaked at
1,081 MB fitting them all, against 921 MB for 50 reviews (2,712). Fitted on 4,000 or
2,500 of the 10,684 it peaked at 905 and 902 MB, on 5,000 at 1,078 MB: from 4,096 points
UMAP finds neighbours with pynndescent, whose compiled code and index cost the rest. 4,000
is the uncovered passages of about 75 reviews; a topic of the smallest size (10) in the
sample stands for 0.25% of the passages."""
CHUNK = 1000
"""Passages read, embedded and assigned at a time beyond the sample."""

CLUSTER_SELECTION = "leaf"
"""HDBSCAN's way of choosing clusters from its tree. BERTopic's default, "eom", put 931 of
the sample corpus's 984 passages in one topic (with `--all`); "leaf" gives topics of one
subject each, at the price of more passages in none (benchmarks/topics.py)."""

TOPIC_KINDS = TAGGABLE
"""Passage kinds grouped into topics: those that carry codes (headings only say where)."""

# Words of two or more letters, inner hyphens kept ("non-engagement"), and no month or day
# names: dates, paragraph numbers and ages would otherwise lead the keywords of every
# chronology topic.
_TOKEN_PATTERN = r"(?u)\b[a-zA-Z][a-zA-Z-]*[a-zA-Z]\b"
_DATE_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)


@dataclass(frozen=True)
class TopicSummary:
    """What `find_topics` found, or found again in the store.

    Attributes:
        topics: The topics, largest first.
        passages: How many passages were considered.
        outliers: How many of them are in no topic.
        reused: The topics were already stored for these passages and settings, so
            nothing was fitted.
        note: What was done or why there are no topics, in words.
        key: Names the passages, settings, encoder and codebook the topics come from.
        settings: How the topics were found (method, seed, sizes).
    """

    topics: tuple[Topic, ...]
    passages: int
    outliers: int
    reused: bool
    note: str
    key: str
    settings: dict[str, Any]

    def to_dict(self) -> dict[str, object]:
        """Return the counts and the note, JSON-ready (for a run's summary)."""
        return {
            "topics": len(self.topics),
            "passages": self.passages,
            "outliers": self.outliers,
            "reused": self.reused,
            "note": self.note,
            "key": self.key,
        }


def topic_passages(store: Store, include_coded: bool = False) -> list[str]:
    """Return the ids of the passages topics are looked for in, in store order.

    Args:
        store: The store.
        include_coded: Take every paragraph and bullet; by default only those that carry no
            code (no combined, non-negated tag). A passage never tagged counts as not covered.
    """
    return store.passage_ids(TOPIC_KINDS, uncovered=not include_coded)


def topic_settings(
    passages: int,
    *,
    seed: int = 42,
    include_coded: bool = False,
    min_topic_size: int | None = None,
    fast: bool = False,
    max_topics: int | None = None,
    sample_size: int = SAMPLE_SIZE,
) -> dict[str, Any]:
    """Return how a corpus of this many passages is grouped (see the module's thresholds).

    Args:
        passages: How many passages are considered.
        seed: Seeds UMAP and k-means.
        include_coded: Whether coded passages are included (recorded, it changes the key).
        min_topic_size: Override the smallest topic (HDBSCAN's minimum cluster size, or
            the bound on k-means' number of topics).
        fast: k-means whatever the size (seconds instead of UMAP's compile time).
        max_topics: Override the most topics UMAP and HDBSCAN may give (MAX_TOPICS).
        sample_size: Fit on a seeded sample of this many passages when there are more.
    """
    settings: dict[str, Any] = {
        "version": TOPICS_VERSION,
        "seed": seed,
        "include_coded": include_coded,
    }
    if passages < MIN_PASSAGES:
        return settings | {"method": "none"}
    if passages > sample_size:
        # Recorded only when it applies, so the topics of a smaller corpus keep their key.
        settings["sample"] = sample_size
    if fast or passages < UMAP_FROM:
        return settings | {
            "method": "kmeans",
            "min_topic_size": min_topic_size or SMALL_MIN_TOPIC_SIZE,
        }
    full = passages >= FULL_FROM
    return settings | {
        "method": "umap_hdbscan",
        "n_neighbors": 15 if full else 10,
        "n_components": 5,
        "min_topic_size": min_topic_size or (10 if full else 5),
        "cluster_selection": CLUSTER_SELECTION,
        "max_topics": max_topics or MAX_TOPICS,
    }


def topic_key(passage_ids: list[str], settings: dict[str, Any], encoder: str, codebook: str) -> str:
    """Return the key of a topic model: it changes when anything the topics depend on does."""
    blob = json.dumps(
        {"passages": passage_ids, "settings": settings, "encoder": encoder, "codebook": codebook},
        sort_keys=True,
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def find_topics(
    store: Store,
    encoder: TextEncoder,
    codebook: Codebook,
    *,
    include_coded: bool = False,
    seed: int = 42,
    min_topic_size: int | None = None,
    fast: bool = False,
    similarity: SimilarityTagger | None = None,
    max_topics: int | None = None,
    sample_size: int = SAMPLE_SIZE,
) -> TopicSummary:
    """Find emerging topics in a store's passages and save them in the store.

    Args:
        store: The store; its topics are replaced.
        encoder: Embeds passages (cached in the store) and codebook texts.
        codebook: The codes each topic's nearest code is chosen from.
        include_coded: Group every paragraph and bullet, not only those no code covers.
        seed: Seeds every random step: the same store and seed give the same topics.
        min_topic_size: Override the smallest topic (see `topic_settings`).
        fast: k-means whatever the corpus size (for tests and quick looks).
        similarity: A similarity tagger for this codebook and encoder, if one is loaded
            already (it embeds the codebook's texts).
        max_topics: Override the most topics UMAP and HDBSCAN may give (MAX_TOPICS).
        sample_size: With more passages than this, fit on a seeded sample of this many and
            assign the others to the fitted topics (`SAMPLE_SIZE`).

    Returns:
        The topics with counts and a note; `reused` when the stored ones still held.
    """
    ids = topic_passages(store, include_coded)
    settings = topic_settings(
        len(ids),
        seed=seed,
        include_coded=include_coded,
        min_topic_size=min_topic_size,
        fast=fast,
        max_topics=max_topics,
        sample_size=sample_size,
    )
    key = topic_key(ids, settings, encoder.name, codebook.version)
    info = store.topic_model_info()
    if info is not None and info["key"] == key:
        return _stored(store, info)

    scope = "passages" if include_coded else "passages no code covers"
    if settings["method"] == "none":
        note = (
            f"no topics: only {len(ids)} {scope}; "
            f"at least {MIN_PASSAGES} are needed to look for topics"
        )
        return _save(store, key, settings, [], {i: -1 for i in ids}, note)

    fitted_ids = _sample(ids, settings)
    texts, vectors = _read(store, fitted_ids, encoder)
    if settings["method"] == "kmeans":
        settings["n_topics"] = _choose_k(vectors, settings)
        if settings["n_topics"] is None:
            note = (
                f"no topics: k-means found no split of the {len(ids)} {scope} into "
                f"topics of at least {settings['min_topic_size']} passages"
            )
            return _save(store, key, settings, [], {i: -1 for i in ids}, note)
    model, fitted_labels, keywords = _fit(texts, vectors, settings)
    del texts
    fitted = set(fitted_ids)
    rest = [i for i in ids if i not in fitted] if len(fitted) < len(ids) else []
    del fitted
    topic_of = dict(zip(fitted_ids, fitted_labels, strict=True))
    for start in range(0, len(rest), CHUNK):
        chunk = rest[start : start + CHUNK]
        chunk_texts, chunk_vectors = _read(store, chunk, encoder)
        predicted = _assign(model, settings, vectors, fitted_labels, chunk_texts, chunk_vectors)
        topic_of.update(zip(chunk, predicted, strict=True))
    del model
    labels, keywords = _largest_first([topic_of[i] for i in ids], keywords)
    del topic_of

    def chunks() -> Iterator[tuple[list[str], np.ndarray, list[int]]]:
        """(ids, vectors, topics) of every passage considered: the fitted ones at once."""
        if not rest:
            yield ids, vectors, labels
            return
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            yield chunk, _read(store, chunk, encoder)[1], labels[start : start + CHUNK]

    if similarity is None and codebook.codes:
        similarity = SimilarityTagger(codebook, encoder)
    topics = _describe(chunks, keywords, similarity, codebook)
    assignments = dict(zip(ids, labels, strict=True))
    outliers = sum(1 for label in labels if label < 0)
    how = _how(settings, len(ids))
    if topics:
        note = f"{len(topics)} topics in {len(ids)} {scope}, {outliers} in none; {how}"
    else:
        note = f"no topics: {how} found no group of similar passages among {len(ids)} {scope}"
    return _save(store, key, settings, topics, assignments, note)


def _assign(
    model: Any,
    settings: dict[str, Any],
    fitted_vectors: np.ndarray,
    fitted_labels: list[int],
    texts: list[str],
    vectors: np.ndarray,
) -> list[int]:
    """The topics of passages the model was not fitted on (BERTopic's numbers; -1 for none).

    k-means: the nearest centre (BERTopic's `transform`). UMAP and HDBSCAN: the topic most
    of the passage's `n_neighbors` nearest fitted passages (cosine) are in, outliers
    included, the nearer topic on a tie. Not `transform`: HDBSCAN's `approximate_predict`
    with leaf clusters put 135 of the 150 passages beyond a sample of 200 of our test
    corpus (tests/test_topics.py) in no topic; the nearest neighbours put 11 there, against
    50 of the 200 fitted.
    """
    if settings["method"] == "kmeans":
        with _quiet():
            predicted, _ = model.transform(texts, embeddings=vectors)
        return [int(label) for label in predicted]
    k = min(settings["n_neighbors"], len(fitted_labels))
    labels = np.asarray(fitted_labels)
    similarity = vectors @ fitted_vectors.T
    # Nearest first; on equal similarity the first fitted passage, so the result is stable.
    nearest = np.argsort(-similarity, axis=1, kind="stable")[:, :k]
    assigned = []
    for row in labels[nearest]:
        votes = Counter(int(label) for label in row)
        most = max(votes.values())
        # The first in nearness order among the topics with the most votes.
        assigned.append(next(int(label) for label in row if votes[int(label)] == most))
    return assigned


def _sample(ids: list[str], settings: dict[str, Any]) -> list[str]:
    """The passages to fit on: all, or a seeded sample of `settings["sample"]`, in order."""
    size = settings.get("sample")
    if size is None or size >= len(ids):
        return ids
    rng = np.random.default_rng(settings["seed"])
    return [ids[i] for i in sorted(rng.choice(len(ids), size=size, replace=False))]


def _read(store: Store, ids: list[str], encoder: TextEncoder) -> tuple[list[str], np.ndarray]:
    """The texts and embeddings of these passages (embedded now if not cached yet)."""
    found = store.passages_by_id(ids)
    passages = [found[i] for i in ids]
    return [p.text for p in passages], embed_passages(store, passages, encoder)


def _how(settings: dict[str, Any], passages: int) -> str:
    """Say in words how the topics were found."""
    sample = ""
    if "sample" in settings:
        sample = (
            f"; fitted on a seeded sample of {settings['sample']} passages, the others "
            "assigned to its topics"
        )
    if settings["method"] == "kmeans":
        why = f"fewer than {UMAP_FROM} passages" if passages < UMAP_FROM else "fast"
        return (
            f"k-means ({why}) with k = {settings['n_topics']} chosen by silhouette; "
            f"every passage is in a topic{sample}"
        )
    return (
        f"UMAP ({settings['n_neighbors']} neighbours) and HDBSCAN (topics of at least "
        f"{settings['min_topic_size']} passages){sample}"
    )


def _save(
    store: Store,
    key: str,
    settings: dict[str, Any],
    topics: list[Topic],
    assignments: dict[str, int],
    note: str,
) -> TopicSummary:
    store.save_topics(key, settings, topics, assignments, note)
    return TopicSummary(
        topics=tuple(topics),
        passages=len(assignments),
        outliers=sum(1 for topic in assignments.values() if topic < 0),
        reused=False,
        note=note,
        key=key,
        settings=settings,
    )


def _stored(store: Store, info: dict[str, Any]) -> TopicSummary:
    assignments = store.topic_assignments()
    return TopicSummary(
        topics=tuple(store.topics()),
        passages=int(info["passages"]),
        outliers=sum(1 for topic in assignments.values() if topic < 0),
        reused=True,
        note=str(info["note"]),
        key=str(info["key"]),
        settings=dict(info["settings"]),
    )


def _choose_k(vectors: np.ndarray, settings: dict[str, Any]) -> int | None:
    """Pick k-means' number of topics by the silhouette score, in cosine, on the embeddings.

    Only splits whose every topic has `min_topic_size` passages count; None when there is
    none. On the embeddings themselves: reduced to 5 principal components first (as one
    might for speed), the silhouette favoured splitting every theme of our synthetic test
    corpora into several topics.
    """
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    smallest = settings["min_topic_size"]
    best_k, best_score = None, -2.0
    for k in range(2, min(MAX_KMEANS_TOPICS, len(vectors) // smallest) + 1):
        labels = KMeans(n_clusters=k, random_state=settings["seed"], n_init=10).fit_predict(vectors)
        if np.bincount(labels, minlength=k).min() < smallest:
            continue
        score = float(silhouette_score(vectors, labels, metric="cosine"))
        # Strictly better only: on a tie the fewer topics win.
        if score > best_score + 1e-9:
            best_k, best_score = k, score
    return best_k


def _fit(
    texts: list[str], vectors: np.ndarray, settings: dict[str, Any]
) -> tuple[Any, list[int], dict[int, list[tuple[str, float]]]]:
    """Fit BERTopic on precomputed embeddings; return it, each passage's topic, the keywords.

    Topics are BERTopic's numbers (`_largest_first` renumbers them by size).
    """
    with _quiet():
        model = _model(settings)
        labels, _ = model.fit_transform(texts, embeddings=vectors)
        most = settings.get("max_topics")
        if most and len(set(labels) - {-1}) > most:
            # Leaf clusters of a large corpus run to hundreds of topics: merge the closest
            # (by c-TF-IDF) until an analyst can read them. BERTopic counts outliers as one.
            model.reduce_topics(texts, nr_topics=most + (-1 in set(labels)))
            labels = model.topics_
        keywords = {
            int(topic): [(str(word), round(float(weight), 4)) for word, weight in words if word]
            for topic, words in model.get_topics().items()
            if topic >= 0
        }
    return model, [int(label) for label in labels], keywords


def _largest_first(
    labels: list[int], keywords: dict[int, list[tuple[str, float]]]
) -> tuple[list[int], dict[int, list[tuple[str, float]]]]:
    """Number the topics by size, 0 the largest (ties by the fitted number); -1 stays -1."""
    sizes = Counter(label for label in labels if label >= 0)
    order = sorted(sizes, key=lambda topic: (-sizes[topic], topic))
    number = {topic: rank for rank, topic in enumerate(order)}
    return (
        [number.get(label, -1) for label in labels],
        {number[topic]: words for topic, words in keywords.items() if topic in number},
    )


def _model(settings: dict[str, Any]) -> Any:
    """Build the BERTopic model the settings describe."""
    from .embed import offline

    offline()  # BERTopic imports sentence-transformers, and with it transformers
    from bertopic import BERTopic
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

    seed = settings["seed"]
    if settings["method"] == "kmeans":
        from bertopic.dimensionality import BaseDimensionalityReduction
        from sklearn.cluster import KMeans

        reducer: Any = BaseDimensionalityReduction()  # k-means sees the embeddings as they are
        clusterer: Any = KMeans(n_clusters=settings["n_topics"], random_state=seed, n_init=10)
    else:
        from hdbscan import HDBSCAN
        from umap import UMAP

        # n_jobs=1: a seeded UMAP runs single-threaded anyway, and says so unless asked.
        # init="pca": UMAP's default spectral start was not reproducible: on 2,721 passages
        # of generated reviews (many repeated, 40 disconnected neighbour groups) two fits
        # with the same seed in one process differed (a third of the passages changed
        # topic); started from PCA they were identical, as from a random start.
        reducer = UMAP(
            n_neighbors=settings["n_neighbors"],
            n_components=settings["n_components"],
            min_dist=0.0,
            metric="cosine",
            init="pca",
            random_state=seed,
            n_jobs=1,
        )
        clusterer = HDBSCAN(
            min_cluster_size=settings["min_topic_size"],
            metric="euclidean",
            cluster_selection_method=settings["cluster_selection"],
            prediction_data=False,
        )
    return BERTopic(
        # No model: embeddings are always given. Fitting without them would make BERTopic
        # fetch its default model from the hub.
        embedding_model=None,
        umap_model=reducer,
        hdbscan_model=clusterer,
        vectorizer_model=CountVectorizer(
            stop_words=sorted(ENGLISH_STOP_WORDS | _DATE_WORDS), token_pattern=_TOKEN_PATTERN
        ),
        # No language: BERTopic's English clean-up would delete hyphens before our
        # tokenizer sees them ("non-engagement" became "nonengagement"). With embeddings
        # given and no embedding model, the language is used for nothing else.
        language=None,
        min_topic_size=settings["min_topic_size"],
        top_n_words=TOP_WORDS,
        calculate_probabilities=False,
        verbose=False,
    )


@contextmanager
def _quiet() -> Iterator[None]:
    """Keep BERTopic and its helpers from writing to the terminal: the library never prints.

    BERTopic logs warnings through its own handler to stderr; UMAP, HDBSCAN and numba warn
    about their internals (deprecations, threads), which an analyst cannot act on.
    """
    logger = logging.getLogger("BERTopic")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", module=r"(bertopic|umap|hdbscan|numba|pynndescent)")
            yield
    finally:
        logger.setLevel(level)


def _describe(
    chunks: Callable[[], Iterator[tuple[list[str], np.ndarray, list[int]]]],
    keywords: dict[int, list[tuple[str, float]]],
    similarity: SimilarityTagger | None,
    codebook: Codebook,
) -> list[Topic]:
    """Build the topics: keywords, size, passages nearest the centre, nearest code.

    `chunks` yields (ids, vectors, topics) over every passage considered, in store order;
    it is read twice (centres, then the passages nearest them), a chunk at a time.
    """
    sums: dict[int, np.ndarray] = {}
    sizes: Counter[int] = Counter()
    for _, vectors, labels in chunks():
        members = np.array(labels)
        for number in sorted(set(labels) - {-1}):
            part = vectors[members == number].sum(axis=0)
            sums[number] = sums[number] + part if number in sums else part
            sizes[number] += int((members == number).sum())
    numbers = sorted(sums)
    if not numbers:
        return []
    centres = {}
    for number in numbers:
        centre = sums[number] / sizes[number]
        centre /= max(float(np.linalg.norm(centre)), 1e-12)
        centres[number] = centre
    # The passages nearest each centre; on a tie, the first in store order.
    nearest: dict[int, list[tuple[float, int, str]]] = {number: [] for number in numbers}
    position = 0
    for ids, vectors, labels in chunks():
        members = np.array(labels)
        for number in numbers:
            rows = np.flatnonzero(members == number)
            closeness = vectors[rows] @ centres[number]
            found = nearest[number] + [
                (-float(c), position + int(row), ids[row])
                for c, row in zip(closeness, rows, strict=True)
            ]
            nearest[number] = sorted(found)[:REPRESENTATIVE]
        position += len(ids)
    scores = None
    if similarity is not None:
        scores = similarity.scores(np.vstack([centres[n] for n in numbers]).astype(np.float32))
    topics = []
    for index, number in enumerate(numbers):
        words = keywords.get(number, [])
        nearest_code = nearest_similarity = None
        if scores is not None:
            best = int(np.argmax(scores[index]))
            nearest_code = codebook.ids[best]
            nearest_similarity = round(float(scores[index, best]), 4)
        topics.append(
            Topic(
                topic=number,
                label=", ".join(word for word, _ in words[:LABEL_WORDS]) or "(no keywords)",
                keywords=tuple(words),
                size=sizes[number],
                nearest_code=nearest_code,
                nearest_similarity=nearest_similarity,
                representative=tuple(passage_id for _, _, passage_id in nearest[number]),
            )
        )
    return topics
