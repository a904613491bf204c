"""Old path of ``newsfold.stories.embed``, kept because the README documents it for user code."""

from .stories.embed import Embedder, SentenceEmbedder, StoredEmbedder, available, load_embedder

__all__ = ["Embedder", "SentenceEmbedder", "StoredEmbedder", "available", "load_embedder"]
