"""``benchmarks/train_headline.py --check``: the committed headline model compared with the one
the trainer writes, byte for byte (``common.check_model``, which ``train_byline`` shares)."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks import sites, train_headline
from benchmarks.common import check_model

from test_headline import BODY, MENU


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


def test_the_fit_learns_from_the_closest_match_only() -> None:
    """A page prints its headline bare and glued to a kicker ("Floods: ..."): the benchmark's
    rule takes both (a token F1 of 0.95), the fit only the bare one, or it would learn nothing
    of which line the page means."""
    headline = "Harbour board approves a new sea wall after the winter floods"
    head = [*MENU[:1], headline, *MENU[1:4], f"Floods: {headline}", "12 March 2024, 10:15"]
    prepared = train_headline.prepare("\n".join([*head, *BODY]), None)
    assert prepared is not None
    lines, body_start = prepared
    page = ("set", "lynx", "1", "site", None, headline, lines, body_start)
    rows = {
        lines[i].text: (match, closest) for i, _, match, closest in train_headline.candidates(page)
    }
    assert rows[headline] == (True, True)
    assert rows[f"Floods: {headline}"] == (True, False)


def test_two_folds_are_the_parity_of_the_hash_and_more_folds_cover_the_sites() -> None:
    names = [f"site{i}.example" for i in range(200)]
    assert {sites.fold_of(n) for n in names} == {0, 1}
    assert all(sites.fold_of(n) == sites.fold_of(n, 2) for n in names)
    assert {sites.fold_of(n, train_headline.CV_FOLDS) for n in names} == set(
        range(train_headline.CV_FOLDS)
    )
