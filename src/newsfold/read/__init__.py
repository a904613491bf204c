"""The read stage: input paths to pages. ``files.py`` reads a path by its kind (text, HTML,
JSONL, Parquet rows elsewhere, feeds, WARC), ``inputs.py`` opens and walks files as untrusted,
``pages.py`` makes the page every reader yields, ``limits.py`` bounds every read."""
