"""Sentence embeddings (extra [embed]): the missing extra names itself; the event pass and story
similarity take any embedder; with the extra installed, the bundled model loads offline and tells
a paraphrase of an event from a report of another."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from newsfold.errors import MissingExtraError
from newsfold.stories import embed
from newsfold.stories.events import _rank_mapped, assign_events, similarities
from test_stories_events import (
    GAME_1,
    GAME_1_REPORT,
    GAME_1_THIRD,
    GAME_2,
    GAME_2_REPORT,
    OTHER,
    _units,
)

NEEDS_EXTRA = pytest.mark.skipif(
    not embed.available(),
    reason="the [embed] extra is not installed (pip install torch==2.13.0 'newsfold[embed]')",
)

FERRY = """Kaimai Spirit ferry runs aground in Tory Channel
The inter-island ferry Kaimai Spirit ran aground in Tory Channel on Tuesday night and its 250
passengers were taken off by launches to Picton, the operator said. Nobody was hurt."""
FERRY_PARAPHRASE = """Kaimai Spirit grounds in Marlborough Sounds, 250 taken to Picton
The Kaimai Spirit struck the bottom of Tory Channel late on Tuesday. Launches carried all 250
people on board to Picton and no injuries were reported, the ship's owner said."""
FERRY_REWORDED = """Passengers evacuated after Cook Strait ship strikes rocks
A roll-on roll-off vessel carrying some 250 travellers struck the seabed in a narrow Marlborough
Sounds passage late on Tuesday; small boats ferried everyone ashore at Picton without injury."""
FERRY_INQUIRY = """Inquiry blames fatigue for Kaimai Spirit grounding
Investigators found that the officer of the watch on the Kaimai Spirit had slept four hours in
two days before the ferry grounded in Tory Channel last month, the final report said on Monday."""
OTHER_GROUNDING = """Cargo ship runs aground off Durban, crew of 19 airlifted
The bulk carrier Ocean Pearl ran aground near the Durban harbour entrance on Friday and its 19
crew were lifted off by helicopter, South Africa's maritime authority said. No oil has leaked."""


class WordEmbedder:
    """A stand-in model: hashed bags of lowercase words, L2-normalised."""

    def __init__(self) -> None:
        self.calls = 0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        out = np.zeros((len(texts), 64))
        for i, t in enumerate(texts):
            for w in t.lower().split():
                out[i, sum(map(ord, w)) % 64] += 1.0
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def test_a_missing_extra_is_an_error_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, embed.MODEL_PACKAGE, None)  # import raises ImportError
    monkeypatch.setattr(embed, "_loaded", {})
    with pytest.raises(MissingExtraError, match=r"\[embed\]") as err:
        embed.load_embedder()
    assert "pip install 'newsfold[embed]'" in str(err.value)
    assert err.value.extra == "embed"


def test_rank_mapping_orders_pairs_by_the_signal_on_the_targets_scale() -> None:
    target = np.array([[1.0, 0.2, 0.5], [0.2, 1.0, 0.1], [0.5, 0.1, 1.0]])
    signal = np.array([[1.0, 0.9, -0.3], [0.9, 1.0, 0.4], [-0.3, 0.4, 1.0]])
    got = _rank_mapped(target, signal)
    # the signal ranks (0,1) > (1,2) > (0,2): they take target's 0.5, 0.2, 0.1
    assert got[0, 1] == got[1, 0] == 0.5
    assert got[1, 2] == 0.2 and got[0, 2] == 0.1
    assert np.all(np.diag(got) == 1.0)
    ties = _rank_mapped(target, np.ones((3, 3)))
    assert np.allclose(ties[np.triu_indices(3, 1)], 0.2)  # tied ranks share the middle value


def test_an_embedder_is_used_and_the_games_still_stay_apart() -> None:
    words = WordEmbedder()
    events = assign_events(_units(), embedder=words)
    assert words.calls == 1  # every unit embedded at once
    assert ["g1a", "g1b", "g1c"] in events
    assert ["g2a", "g2b"] in events
    assert ["z"] in events


def test_similarities_with_an_embedder_mix_the_two_scores() -> None:
    pairs = [(GAME_1, GAME_1_REPORT), (GAME_1, OTHER)]
    plain = similarities(pairs)
    mixed = similarities(pairs, embedder=WordEmbedder())
    vecs = WordEmbedder().embed([t for p in pairs for t in p])
    for k in range(2):
        cos = max(0.0, float(vecs[2 * k] @ vecs[2 * k + 1]))
        assert mixed[k] == pytest.approx((plain[k] + cos) / 2)
    assert similarities([], embedder=WordEmbedder()) == []


@pytest.fixture(scope="module")
def model() -> embed.SentenceEmbedder:
    return embed.load_embedder()


@NEEDS_EXTRA
def test_the_bundled_model_gives_unit_vectors(model: embed.SentenceEmbedder) -> None:
    vecs = model.embed([FERRY, OTHER, ""])
    assert vecs.shape == (3, 384) == (3, model.dimensions)
    assert np.allclose(np.linalg.norm(vecs[:2], axis=1), 1.0, atol=1e-5)
    assert model.embed([]).shape == (0, 384)
    assert embed.load_embedder() is model  # loaded once per process


@NEEDS_EXTRA
def test_a_paraphrase_of_an_event_scores_above_reports_of_other_events(
    model: embed.SentenceEmbedder,
) -> None:
    texts = [FERRY, FERRY_PARAPHRASE, FERRY_INQUIRY, OTHER_GROUNDING, OTHER]
    v = model.embed(texts)
    paraphrase, inquiry, grounding, unrelated = (float(v[0] @ v[k]) for k in range(1, 5))
    # the same ship a month later, and another ship's grounding, are other events
    assert paraphrase > max(inquiry, grounding) + 0.1
    assert min(inquiry, grounding) > unrelated + 0.1
    mixed = similarities([(FERRY, t) for t in texts[1:]], embedder=model)
    assert mixed[0] > max(mixed[1:])


@NEEDS_EXTRA
def test_embeddings_see_a_paraphrase_that_shares_few_words(model: embed.SentenceEmbedder) -> None:
    pairs = [(FERRY, FERRY_REWORDED), (FERRY, OTHER)]
    plain, mixed = similarities(pairs), similarities(pairs, embedder=model)
    assert mixed[0] > plain[0] + 0.03
    assert mixed[0] > mixed[1] + 0.2


@NEEDS_EXTRA
def test_events_with_the_model_keep_the_games_apart(model: embed.SentenceEmbedder) -> None:
    # a pair alone cannot tell the game from the next game (with or without embeddings: see
    # test_stories_events); the event pass, which sees the subject, does
    assert assign_events(_units(), embedder=model) == assign_events(_units())


@NEEDS_EXTRA
def test_the_model_loads_offline_with_no_network_and_no_cache(tmp_path: Path) -> None:
    # a fresh process with an empty Hugging Face home, no offline variables of its own, and every
    # socket connection refused: the model still loads and embeds, and nothing is written
    hf_home = tmp_path / "hf"
    hf_home.mkdir()
    code = textwrap.dedent(
        """
        import json, os, socket
        def refuse(*args, **kwargs):
            raise OSError("network used: " + repr(args[:2]))
        socket.socket.connect = refuse
        socket.create_connection = refuse
        from newsfold.stories.embed import SentenceEmbedder
        e = SentenceEmbedder()
        v = e.embed(["A ferry ran aground.", "The ship struck rocks."])
        import huggingface_hub.constants as c
        print(json.dumps({"shape": list(v.shape), "hub_offline": c.HF_HUB_OFFLINE,
                          "env": os.environ.get("HF_HUB_OFFLINE")}))
        """
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "TRANSFORMERS_"))}
    env["HF_HOME"] = str(hf_home)
    run = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr[-3000:]
    got = json.loads(run.stdout.strip().splitlines()[-1])
    assert got == {"shape": [2, 384], "hub_offline": True, "env": "1"}
    assert not any(hf_home.iterdir()), list(hf_home.rglob("*"))


def _pages(folder: Path, texts: dict[str, str]) -> None:
    for outlet, text in texts.items():
        head, body = text.split("\n", 1)
        page = folder / outlet / "story.txt"
        page.parent.mkdir(parents=True, exist_ok=True)
        body = body.replace("\n", " ")
        page.write_text(f"{outlet.title()} News\n{head}\n\n{body}\n", encoding="utf-8")


def test_a_fold_with_embeddings_keeps_using_them_and_embeds_each_text_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsfold.run.local import fold
    from newsfold.store import open_store

    seen: list[str] = []

    class Counting(WordEmbedder):
        def embed(self, texts: Sequence[str]) -> np.ndarray:
            seen.extend(texts)
            return super().embed(texts)

    monkeypatch.setattr(embed, "load_embedder", lambda device="cpu": Counting())
    _pages(tmp_path / "day1", {"quay": GAME_1, "dale": GAME_1_REPORT, "moor": GAME_1_THIRD})
    _pages(tmp_path / "day2", {"fell": GAME_2, "glen": GAME_2_REPORT})
    with open_store(tmp_path / "e.db") as store:
        fold([tmp_path / "day1"], store, workers=1, embed=True)
        assert store.setting("embed") == "1"
        assert seen, "the game's three reports form one subject: their texts are embedded"
        n_first = len(seen)
        stored = store.db.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0]
        assert stored == len(set(seen)) == n_first
        fold([tmp_path / "day2"], store, workers=1)  # the store keeps using them
        assert len(seen) > n_first
        assert len(seen) == len(set(seen))  # no text embedded twice


def test_a_fold_without_the_extra_asked_for_embeddings_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsfold.run.local import fold
    from newsfold.store import open_store

    monkeypatch.setitem(sys.modules, embed.MODEL_PACKAGE, None)
    monkeypatch.setattr(embed, "_loaded", {})
    _pages(tmp_path / "c", {"harbour": FERRY})
    with open_store(tmp_path / "e.db") as store, pytest.raises(MissingExtraError, match="embed"):
        fold([tmp_path / "c"], store, workers=1, embed=True)
