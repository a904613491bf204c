"""The speed benchmark's pieces on a tiny generated input (no shared data, a second or two):
the fold stage by stage, the rows and the JSON they make. Timings are never asserted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchmarks import speed


def _docs(n: int) -> list[speed.Doc]:
    body = (
        "The harbour council voted on Tuesday to rebuild the north pier after the storm of {i}."
        " Engineers said the work would take two summers and cost less than first feared."
    )
    return [
        speed.Doc(
            f"gen/{i}", f"https://outlet{i % 2}.example/n/{i}", f"Pier {i}\n\n{body.format(i=i)}"
        )
        for i in range(n)
    ]


def test_fold_stages_times_every_stage_of_a_fold(tmp_path: Path) -> None:
    corpus = speed.write_jsonl(_docs(3), "text", tmp_path / "dumps.jsonl")
    lines = corpus.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0]) == {"text": _docs(1)[0].content, "url": _docs(1)[0].url}
    got = speed.fold_stages(corpus, tmp_path / "s.db", workers=1)
    assert list(got["stages"]) == list(got["cpu_seconds"]) == list(speed.STAGES)
    assert got["cpu_seconds"]["extract"] > 0
    assert got["seconds"] == pytest.approx(sum(got["stages"].values()))
    assert got["counts"]["pages"] == 3 and got["counts"]["articles"] == 3
    assert got["violations"] == 0


def test_rows_and_report_hold_rates_ratios_and_the_load(capsys: pytest.CaptureFixture[str]) -> None:
    fold = {"seconds": 4.0, "stages": {"read": 1.0, "extract": 2.0, "match": 0.5, "stories": 0.5},
            "peak_rss_mb": 120.0, "counts": {"pages": 40}}  # fmt: skip
    r = speed.row("HTML pages", 40, fold, "peer", (8.0, 7.0))
    assert r["fold_pages_per_s"] == 10.0 and r["peer_pages_per_s"] == 5.0
    assert r["fold_to_peer"] == 2.0
    assert r["fold_cpu_seconds"] is None and r["fold_to_peer_per_cpu_second"] is None
    assert r["stage_pages_per_s"] == {"read": 40.0, "extract": 20.0, "match": 80.0, "stories": 80.0}
    missing = speed.row("text dumps", 40, fold, "rensa", None)  # peer not installed
    assert missing["peer_pages_per_s"] is None and missing["fold_to_peer"] is None
    load = {"before": [0.5, 0.4, 0.3], "after": [1.5, 0.9, 0.4]}
    rep = speed.report([r, missing], 2, load)
    assert json.loads(json.dumps(rep))["load"] == load
    speed.print_report(rep)
    out = capsys.readouterr().out
    assert "load average before 0.50, after 1.50" in out
    assert "extract 20 (2.0 s)" in out
    fold["cpu_seconds"] = {"extract": 3.5, "match": 0.5}
    with_cpu = speed.row("HTML pages", 40, fold, "peer", (8.0, 7.0))
    assert with_cpu["fold_cpu_seconds"] == 4.0
    assert with_cpu["fold_to_peer_per_cpu_second"] == 1.75  # 7 CPU s against 4
    speed.print_report(speed.report([with_cpu], 2, load))
    out = capsys.readouterr().out
    assert "extract 20 (2.0 s; 3.5 CPU s)" in out and "1.75" in out
