"""Imported by the worker processes' server (see ``compute``) and nowhere else: one small
extraction and comparison, so that what the first call loads (tables, caches) is loaded once
in the process server and every worker forked from it starts warm (cold, the first extraction
of each worker took 1.5 s here; warm, under 20 ms)."""

from __future__ import annotations

import contextlib
import json

from ..api import Limits
from .compute import ComputeLimits, article_of, compare_sides, extract_record, page_of


def warm() -> None:
    text = (
        "Harbour ferry runs aground in fog\n\n"
        "WELLINGTON, June 3 - A ferry ran aground in thick fog on Tuesday, the operator said, "
        "and its 120 passengers were taken ashore by Coastguard boats.\n\n"
        '"Nobody was hurt," a spokesman for the operator, Dr. Ana Roe, told reporters.'
    )
    html = (
        f"<html><head><title>t</title></head><body><article><p>{text}</p></article></body></html>"
    )
    limits = Limits()
    # best effort: should warming fail, a worker starts cold, nothing worse
    with contextlib.suppress(Exception):
        extract_record(json.dumps({"html": html, "url": "https://news.example/a"}), "w", limits)
    with contextlib.suppress(Exception):
        a = article_of(page_of(json.dumps({"text": text}), "warm", limits))
        b = article_of(page_of(json.dumps({"text": text.replace("thick", "dense")}), "w", limits))
        compare_sides(("article", a), ("article", b), limits, ComputeLimits())


warm()
