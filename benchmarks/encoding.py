"""Encoding benchmark: the share of pages whose bytes ``newsfold.ingest.decode_payload`` reads
back to exactly the text they were written from, when nothing declares their encoding.

Cases:

- ``cp1252 (BBC)``: every BBC article of ../shared/data/bbc-fulltext holding a non-ASCII
  character (647), written in windows-1252 (skipped where the data is absent);
- texts written for this benchmark (``benchmarks/encoding_texts.py``: invented news stories,
  several paragraphs each) in the legacy encoding of their language (cp1252, cp1250, Shift_JIS,
  GB18030, cp1251), and in UTF-16 with and without a byte-order mark (both byte orders), UTF-32
  and UTF-8 with a mark.

Beside newsfold, charset-normalizer alone (``from_bytes(...).best()``), the detector newsfold
used before, measured in the same run.

Run: ``python -m benchmarks.encoding``. Writes benchmarks/results/encoding.json.
"""

from __future__ import annotations

import argparse
import codecs
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.common import SHARED_DATA, write_json
from benchmarks.encoding_texts import SETS, TEXTS

BBC_DIR = SHARED_DATA / "bbc-fulltext" / "bbc"
SEMEVAL_DIR = SHARED_DATA / "semeval2022-t8-hfl" / "data"
# each language of SemEval-2022 Task 8 in the legacy code page its pages use on the web
SEMEVAL_CODECS = {"en": "cp1252", "de": "cp1252", "es": "cp1252", "fr": "cp1252",
                  "it": "cp1252", "pl": "cp1250", "tr": "cp1254", "ru": "cp1251",
                  "ar": "cp1256", "zh": "gb18030"}  # fmt: skip
Case = list[tuple[str, bytes]]  # (the text, its bytes)


def _encoder(name: str) -> Callable[[str], bytes]:
    if name == "utf-16 (BOM)":
        return lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le")
    if name == "utf-32 (BOM)":
        return lambda t: codecs.BOM_UTF32_LE + t.encode("utf-32-le")
    if name == "utf-8 (BOM)":
        return lambda t: codecs.BOM_UTF8 + t.encode("utf-8")
    codec = name.split(" ")[0]
    return lambda t: t.encode(codec)


def written_cases() -> dict[str, Case]:
    """The texts written for the benchmark, in each encoding of ``SETS``."""
    cases: dict[str, Case] = {}
    for name, groups in SETS.items():
        encode = _encoder(name)
        cases[name] = [(t, encode(t)) for g in groups for t in TEXTS[g]]
    return cases


def bbc_texts(bbc_dir: Path = BBC_DIR) -> list[str]:
    """The BBC articles holding a non-ASCII character (one file is in windows-1252 already)."""
    texts = []
    for path in sorted(bbc_dir.rglob("*.txt")):
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252")
        if not text.isascii():
            texts.append(text)
    return texts


def bbc_case(bbc_dir: Path = BBC_DIR) -> Case:
    return [(t, t.encode("cp1252")) for t in bbc_texts(bbc_dir)]


def semeval_cases(data_dir: Path = SEMEVAL_DIR) -> dict[str, Case]:
    """The news texts of SemEval-2022 Task 8 (about 1,000 characters each, ten languages)
    holding a non-ASCII character, each in its language's legacy code page (those it cannot
    hold left out), one case a language."""
    import csv

    csv.field_size_limit(1 << 30)
    seen: set[str] = set()
    cases: dict[str, Case] = {}
    for name in ("training_set.csv", "testing_set.csv"):
        with open(data_dir / name, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                for k in ("1", "2"):
                    lang, text = row[f"lang{k}"], row[f"text{k}"]
                    codec = SEMEVAL_CODECS.get(lang)
                    if not codec or text in seen or text.isascii() or not text.strip():
                        continue
                    seen.add(text)
                    try:
                        data = text.encode(codec)
                    except UnicodeEncodeError:
                        continue
                    cases.setdefault(f"{codec} (SemEval {lang})", []).append((text, data))
    return dict(sorted(cases.items()))


def newsfold_reads(data: bytes) -> str | None:
    from newsfold.read.pages import decode_payload
    from newsfold.records import Rejection

    decoded = decode_payload(data, "page")
    return None if isinstance(decoded, Rejection) else decoded[0]


def charset_normalizer_reads(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return None if best is None else str(best)


READERS: dict[str, Callable[[bytes], str | None]] = {
    "newsfold": newsfold_reads,
    "charset-normalizer": charset_normalizer_reads,
}


def score(case: Case, read: Callable[[bytes], str | None]) -> dict[str, Any]:
    """The share of the case's pages read back exactly, the time taken, and the first misread."""
    start = time.perf_counter()
    exact, first_wrong = 0, None
    for text, data in case:
        got = read(data)
        if got == text:
            exact += 1
        elif first_wrong is None:
            first_wrong = _first_difference(text, got)
    return {
        "pages": len(case),
        "exact": exact,
        "exact_share": exact / len(case) if case else 1.0,
        "seconds": round(time.perf_counter() - start, 3),
        "first_wrong": first_wrong,
    }


def _first_difference(text: str, got: str | None) -> str:
    if got is None:
        return "rejected"
    i = next((i for i, (a, b) in enumerate(zip(text, got, strict=False)) if a != b), 0)
    return f"{text[max(0, i - 15) : i + 15]!r} -> {got[max(0, i - 15) : i + 15]!r}"


def evaluate(with_bbc: bool = True) -> dict[str, dict[str, Any]]:
    cases = written_cases()
    if with_bbc and SEMEVAL_DIR.is_dir():
        cases = {**semeval_cases(), **cases}
    if with_bbc and BBC_DIR.is_dir():
        cases = {"cp1252 (BBC)": bbc_case(), **cases}
    return {
        name: {reader: score(case, read) for reader, read in READERS.items()}
        for name, case in cases.items()
    }


def print_table(results: dict[str, dict[str, Any]]) -> None:
    print(f"{'encoding':<26}{'pages':>7}{'newsfold':>11}{'charset-normalizer':>20}")
    for name, by_reader in results.items():
        nf, cn = by_reader["newsfold"], by_reader["charset-normalizer"]
        print(f"{name:<26}{nf['pages']:>7}{nf['exact_share']:>11.3f}{cn['exact_share']:>20.3f}")
    for name, by_reader in results.items():
        wrong = by_reader["newsfold"]["first_wrong"]
        if wrong:
            print(f"newsfold misread in {name}: {wrong}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.encoding", description=__doc__)
    ap.add_argument("--no-bbc", action="store_true", help="only the texts written for it")
    args = ap.parse_args(argv)
    if not args.no_bbc and not BBC_DIR.is_dir():
        print(f"BBC case skipped: {BBC_DIR} is absent (see ../shared/DATA.md)")
    results = evaluate(with_bbc=not args.no_bbc)
    print_table(results)
    path = write_json("encoding", {"cases": results})
    print(f"\nwritten to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
