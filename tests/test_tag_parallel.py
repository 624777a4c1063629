"""Tagging a store in worker processes, and reading untagged passages a batch at a time."""

import multiprocessing
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from conftest import DATA

from review_miner.embed import HashingEncoder
from review_miner.errors import ReviewMinerError
from review_miner.ingest import ingest
from review_miner.store import Store
from review_miner.tag import tag_store

FILES = [DATA / "good.txt", DATA / "good.docx", DATA / "good.pdf"]


@pytest.fixture
def setup(mini_setup):
    return mini_setup


def new_store(path: Path) -> Store:
    store = Store(path)
    ingest(FILES, store, workers=1)
    return store


def stored(store: Store) -> tuple[list, dict[str, bytes]]:
    ids = [p.passage_id for p in store.passages()]
    return store.tags(method=None), store.embeddings(ids, HashingEncoder.name)


class FailingEncoder(HashingEncoder):
    """An encoder that breaks, to see how a worker's error reaches the caller."""

    name = "failing"

    def encode(self, texts):
        raise RuntimeError("the model file is damaged")


def test_workers_tag_exactly_as_one_process(setup, tmp_path: Path):
    alone, together = new_store(tmp_path / "a.db"), new_store(tmp_path / "b.db")
    progress: list[tuple[int, int]] = []
    one = tag_store(alone, setup, batch=4, workers=1)
    two = tag_store(together, setup, batch=4, workers=2, on_progress=lambda *p: progress.append(p))
    total = len(alone.passages())
    assert total > 12  # several batches, so the workers share them out
    assert (one.tagged, two.tagged, one.codes_present) == (total, total, two.codes_present)
    assert one.codes_present > 0
    assert stored(together) == stored(alone)
    # Each taggable passage's vector is cached once, as the encoder gives it.
    _, vectors = stored(together)
    taggable = [p for p in together.passages() if p.kind in ("paragraph", "bullet")]
    assert sorted(vectors) == sorted(p.passage_id for p in taggable)
    expected = HashingEncoder().encode([p.text for p in taggable])
    for row, passage in zip(expected, taggable, strict=True):
        np.testing.assert_array_equal(np.frombuffer(vectors[passage.passage_id], np.float32), row)
    assert [done for done, _ in progress] == sorted({min(n, total) for n in range(4, total + 4, 4)})
    assert {all_ for _, all_ in progress} == {total}
    assert not multiprocessing.active_children()


@pytest.mark.parametrize("workers", [1, 2])
def test_an_interrupted_run_carries_on_without_duplicates_or_gaps(
    setup, tmp_path: Path, workers: int
):
    clean = new_store(tmp_path / "clean.db")
    tag_store(clean, setup, batch=3, workers=1)
    store = new_store(tmp_path / "broken.db")

    def interrupt(done: int, total: int) -> None:
        if done >= 6:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        tag_store(store, setup, batch=3, workers=workers, on_progress=interrupt)
    assert not multiprocessing.active_children()  # no worker is left behind
    assert len(store.tagged_ids(setup.key)) == 6  # the batches written before the stop
    rest = tag_store(store, setup, batch=3, workers=workers)
    assert (rest.already, rest.tagged) == (6, len(store.passages()) - 6)
    assert stored(store) == stored(clean)


def test_an_error_in_a_worker_names_the_passages_and_the_cause(setup, tmp_path: Path):
    store = new_store(tmp_path / "s.db")
    broken = replace(setup, encoder=FailingEncoder())
    with pytest.raises(
        ReviewMinerError,
        match="a tagging worker failed on passages .* to .*RuntimeError: the model file is damaged",
    ):
        tag_store(store, broken, batch=4, workers=2)
    assert not multiprocessing.active_children()
    assert store.tagged_ids(setup.key) == set()


def test_untagged_passages_come_in_batches_in_document_order(setup, tmp_path: Path):
    store = new_store(tmp_path / "s.db")
    everything = [p.passage_id for p in store.passages()]
    store.save_tags("another set-up", everything[:5], [])  # these count as untagged
    done_before = everything[1::4]  # tagged by an earlier run
    store.save_tags(setup.key, done_before, [])
    seen: list[str] = []
    for batch in store.untagged_passages(setup.key, batch=3):
        assert 0 < len(batch) <= 3
        seen += [p.passage_id for p in batch]
        # Tags written between batches do not disturb the reading.
        store.save_tags(setup.key, [p.passage_id for p in batch], [])
    assert seen == [p for p in everything if p not in done_before]
    assert list(store.untagged_passages(setup.key)) == []
    by_id = {p.passage_id: p for p in store.passages()}
    again = new_store(tmp_path / "t.db")
    assert [p for batch in again.untagged_passages(setup.key, 5) for p in batch] == [
        by_id[i] for i in everything
    ]
