"""Screening a store in worker processes: the same flags as in one process, saved in order."""

import multiprocessing
from pathlib import Path

import pytest
from conftest import DATA

from review_miner.errors import ReviewMinerError
from review_miner.ingest import ingest
from review_miner.screen import ParagraphClassifier, screen_store, screening_table
from review_miner.store import Store

SAMPLE = Path(__file__).resolve().parent.parent / "corpora" / "sample"
FILES = [DATA / "good.txt", DATA / "good.pdf", *sorted(SAMPLE.glob("*.docx"))]


def new_store(path: Path) -> Store:
    store = Store(path)
    ingest(FILES, store, workers=1)
    return store


def flags(store: Store) -> list[tuple]:
    return sorted((f.doc_id, f.name, f.value, tuple(f.evidence)) for f in store.flags())


class FailingOn(ParagraphClassifier):
    """The rules classifier, except that it breaks on one review (as a damaged model might)."""

    def __init__(self, doc_id: str) -> None:
        super().__init__(model_path=None)
        self.doc_id = doc_id

    def classify(self, passages):
        if any(p.doc_id == self.doc_id for p in passages):
            raise RuntimeError("the paragraph model is damaged")
        return super().classify(passages)


class Unpicklable(ParagraphClassifier):
    """A classifier made in the caller's process that cannot be sent to another one."""

    def __init__(self) -> None:
        super().__init__(model_path=None)
        self.check = lambda passages: None


def test_two_workers_screen_exactly_as_one_process(tmp_path: Path):
    alone, together = new_store(tmp_path / "a.db"), new_store(tmp_path / "b.db")
    assert len(list(alone.documents(with_text=False))) == len(FILES)
    one = screen_store(alone, workers=1)
    two = screen_store(together, workers=2)
    assert not multiprocessing.active_children()
    assert len(one) == len(FILES)
    assert one.equals(two)
    assert flags(alone) == flags(together)
    assert screening_table(together).equals(screening_table(alone))
    # Saved under the same keys: neither store screens anything again.
    assert alone.screened_keys() == together.screened_keys()
    ids = [p.passage_id for p in alone.passages()]
    assert alone.paragraph_classes(ids) == together.paragraph_classes(ids)


def test_a_worker_error_names_the_review_and_saves_nothing_of_it(tmp_path: Path):
    store = new_store(tmp_path / "s.db")
    documents = list(store.documents(with_text=False))
    broken = documents[2]
    with pytest.raises(
        ReviewMinerError,
        match=rf"a screening worker failed on review {broken.doc_id} \({broken.file}\): "
        "RuntimeError: the paragraph model is damaged",
    ):
        screen_store(store, classifier=FailingOn(broken.doc_id), workers=2)
    assert not multiprocessing.active_children()
    # The reviews before it are saved whole, in order; nothing of it or after it.
    saved = {f.doc_id for f in store.flags()}
    assert saved == {d.doc_id for d in documents[:2]}
    assert set(store.screened_keys()) == saved


def test_a_classifier_that_cannot_be_sent_screens_in_this_process(tmp_path: Path):
    alone, together = new_store(tmp_path / "a.db"), new_store(tmp_path / "b.db")
    one = screen_store(alone, classifier=ParagraphClassifier(model_path=None), workers=1)
    two = screen_store(together, classifier=Unpicklable(), workers=2)
    assert one.equals(two)
    assert flags(alone) == flags(together)
