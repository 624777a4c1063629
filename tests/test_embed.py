"""The embedding encoder: names, the export cache, and the real model, offline."""

import sys
from pathlib import Path

import numpy as np
import pytest

from review_miner.embed import MINILM, Encoder, cached_file, model_cache_dir
from review_miner.errors import ReviewMinerError

TEXTS = [
    "The health visitor did not see Aled at home after the family moved to Carrow Street.",
    "Nobody asked the school why Mirren's attendance fell in the spring term.",
    "Short.",
]


def test_the_name_changes_whenever_the_embeddings_would():
    names = {
        Encoder(backend="torch", max_seq_length=256).name,
        Encoder(backend="torch", max_seq_length=128).name,
        Encoder(backend="onnx", max_seq_length=256, quantize=False).name,
        Encoder(backend="onnx", max_seq_length=256, quantize=True).name,
        Encoder(backend="onnx", max_seq_length=128, quantize=True).name,
        Encoder(backend="static").name,
    }
    assert len(names) == 6
    # The reference keeps the bare name, so stores embedded with it stay valid.
    assert Encoder(backend="torch").name == MINILM
    assert Encoder().name != MINILM


def test_with_threads_keeps_every_setting_but_not_the_loaded_model():
    encoder = Encoder(backend="onnx", max_seq_length=128, quantize=False, batch_size=4)
    encoder.__dict__["_run"] = object()  # as if loaded: a worker must load its own
    one = encoder.with_threads(1)
    assert one.threads == 1 and encoder.threads is None
    assert (one.name, one.max_seq_length, one.batch_size) == (encoder.name, 128, 4)
    assert "_run" not in one.__dict__


def test_an_unknown_backend_is_refused():
    with pytest.raises(ReviewMinerError, match="unknown embedding backend 'tf'"):
        Encoder(backend="tf")


def test_a_missing_onnxruntime_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    with pytest.raises(ReviewMinerError, match="pip install onnxruntime"):
        Encoder(backend="onnx", cache_dir=tmp_path).encode(["a passage"])


def test_a_missing_model2vec_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "model2vec", None)
    with pytest.raises(ReviewMinerError, match="pip install 'model2vec"):
        Encoder(cache_dir=tmp_path).encode(["a passage"])


def test_the_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("REVIEW_MINER_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert model_cache_dir() == tmp_path / "xdg" / "review_miner"
    monkeypatch.setenv("REVIEW_MINER_CACHE", str(tmp_path / "mine"))
    assert model_cache_dir() == tmp_path / "mine"


def test_a_cached_file_is_built_once_and_renamed_into_place(tmp_path):
    target = tmp_path / "cache" / "model.onnx"
    built: list[Path] = []

    def build(path: Path) -> None:
        assert path != target and path.parent.parent == target.parent  # private folder beside it
        built.append(path)
        path.write_text("model")

    assert cached_file(target, build) == target
    assert cached_file(target, build) == target
    assert len(built) == 1
    assert target.read_text() == "model"
    assert list(target.parent.iterdir()) == [target]  # no temporary folder left behind


def test_a_failed_build_leaves_nothing_behind(tmp_path):
    target = tmp_path / "model.onnx"

    def build(path: Path) -> None:
        path.write_text("half a mod")
        raise RuntimeError("disk full")

    with pytest.raises(ReviewMinerError, match=r"could not build .*model.onnx: disk full"):
        cached_file(target, build)
    assert list(tmp_path.iterdir()) == []


def test_a_build_racing_another_process_still_gives_a_whole_file(tmp_path):
    target = tmp_path / "model.onnx"

    def build(path: Path) -> None:
        target.write_text("model")  # another process finished first
        path.write_text("model")

    assert cached_file(target, build).read_text() == "model"
    assert list(tmp_path.iterdir()) == [target]


def test_a_folder_build_racing_another_process_keeps_the_folder_there_first(tmp_path):
    target = tmp_path / "model"

    def build(path: Path) -> None:
        target.mkdir()  # another process finished first
        (target / "weights").write_text("first")
        path.mkdir()
        (path / "weights").write_text("second")

    assert (cached_file(target, build) / "weights").read_text() == "first"
    assert list(tmp_path.iterdir()) == [target]


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("model-cache")


def test_the_onnx_encoder_exports_once_and_gives_unit_vectors(cache):
    encoder = Encoder(backend="onnx", cache_dir=cache)
    vectors = encoder.encode(TEXTS)
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)
    exported = sorted(p.name for p in cache.iterdir())
    assert exported and all(name.endswith(".onnx") for name in exported)
    stamps = {p: p.stat().st_mtime_ns for p in cache.iterdir()}
    # A second encoder reuses the export, and a row does not depend on its batch-mates.
    again = Encoder(backend="onnx", cache_dir=cache).encode([TEXTS[1]])
    assert {p: p.stat().st_mtime_ns for p in cache.iterdir()} == stamps
    np.testing.assert_allclose(again[0], vectors[1], atol=1e-4)


def test_the_onnx_encoder_stays_faithful_to_the_reference(cache):
    reference = Encoder(backend="torch").encode(TEXTS)
    fast = Encoder(backend="onnx", cache_dir=cache).encode(TEXTS)
    cosine = (reference * fast).sum(axis=1)
    assert cosine.min() >= 0.95
    # Different passages stay apart: each is nearest its own reference.
    assert list((fast @ reference.T).argmax(axis=1)) == [0, 1, 2]


def test_the_default_encoder_is_the_static_model_distilled_from_minilm():
    # The real distillation, into the user's cache as `run` would (the pipeline tests reuse it).
    encoder = Encoder()
    vectors = encoder.encode(TEXTS)
    assert encoder.name == f"{MINILM}@model2vec-256"
    assert vectors.shape == (3, 256) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)
    # A row does not depend on its batch-mates (the store caches vectors by passage).
    np.testing.assert_allclose(Encoder().encode([TEXTS[1]])[0], vectors[1], atol=1e-6)


def test_the_static_encoder_puts_a_reworded_passage_nearest_its_original():
    reworded = [
        "Aled was not seen at home by the health visitor after the move to Carrow Street.",
        "Why Mirren's school attendance fell in the spring term was never asked of the school.",
    ]
    encoder = Encoder()
    similarity = encoder.encode(reworded) @ encoder.encode(TEXTS).T
    assert list(similarity.argmax(axis=1)) == [0, 1]
