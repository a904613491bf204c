"""``benchmarks/train_headline.py --check``: the committed headline model compared with the one
the trainer writes, byte for byte (``common.check_model``, which ``train_byline`` shares)."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks import train_headline
from benchmarks.common import check_model


def test_check_passes_on_the_same_text(tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    text = train_headline.model_text("A", ["lynx"], 1.0, {"bias": 0.0, "words": 0.5})
    path.write_text(text, encoding="utf-8")
    assert check_model(path, text, "train_headline") == 0


def test_check_fails_on_one_changed_weight(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "model.json"
    path.write_text(
        train_headline.model_text("A", ["lynx"], 1.0, {"bias": 0.0, "words": 0.5}),
        encoding="utf-8",
    )
    trained = train_headline.model_text("A", ["lynx"], 1.0, {"bias": 0.0, "words": 0.5001})
    assert check_model(path, trained, "train_headline") == 1
    out = capsys.readouterr().out
    assert '-  "words": 0.5' in out and '+  "words": 0.5001' in out


def test_check_refuses_a_cache_or_another_penalty() -> None:
    for extra in (["--cache", "x.pkl"], ["--l2", "3"], ["--half", "B"]):
        with pytest.raises(SystemExit):
            train_headline.main(["--check", *extra])


def test_committed_model_written_as_the_trainer_writes_it() -> None:
    import json

    raw = json.loads(train_headline.MODEL_PATH.read_text(encoding="utf-8"))
    text = train_headline.model_text(raw["half"], raw["renderers"], raw["L2"], raw["weights"])
    assert train_headline.MODEL_PATH.read_text(encoding="utf-8") == text
