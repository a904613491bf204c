"""The HTML body from the blocks of the one parse: the learned block classifier (``extract/dom.py``)."""

from __future__ import annotations

import json
import math
from importlib import resources
from typing import Any

import pytest

from conftest import EXAMPLES
from newsfold.extract import dom
from newsfold.extract import html as html_module
from newsfold.extract.blocks import read_blocks
from newsfold.extract.html import extract_html
from newsfold.extract.lines import _norm
from newsfold.extract.text import classify_dump

SENTENCES = [
    "The council approved the new bridge on Monday after a debate that lasted four hours.",
    "Engineers said the structure would carry twice the traffic of the old crossing by spring.",
    "Residents who had opposed the plan said they would keep watching the costs closely.",
    "The mayor told reporters that the first lanes should open to cars before the summer.",
    "Work on the approach roads is due to begin next month, weather permitting, officials said.",
    "A public meeting on the timetable will be held in the town hall at the end of the week.",
]


def _page() -> str:
    menu = "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(8))
    related = "".join(
        f'<li><a href="/r{i}">Another story about roads number {i} in the region</a></li>'
        for i in range(6)
    )
    text = "".join(f"<p>{s}</p>" for s in SENTENCES)
    return f"""<html><head><title>A bridge opens - The Town Paper</title></head><body>
<div id="header"><ul class="nav menu">{menu}</ul></div>
<div class="main"><article class="story"><h1>A bridge opens</h1>
<div class="article-body">{text}</div></article>
<aside class="sidebar related"><h3>Most read</h3><ul>{related}</ul></aside></div>
<div class="footer"><p>Copyright The Town Paper. All rights reserved.</p></div>
</body></html>"""


def test_the_frame_carries_the_class_and_id_of_the_blocks_around_it() -> None:
    blocks = read_blocks(_page()).blocks
    para = next(b for b in blocks if b.text == SENTENCES[0])
    assert para.tag == "p"
    assert "article-body" in para.frame.outer.split()
    assert "story" in para.frame.outer.split()
    menu = next(b for b in blocks if b.text == "Section 0")
    assert "nav" in menu.frame.outer.split() and "article-body" not in menu.frame.outer


def test_the_model_takes_the_article_and_leaves_menus_related_links_and_footer() -> None:
    blocks = read_blocks(_page()).blocks
    dump = classify_dump("\n".join(b.text for b in blocks))
    chosen, unsure = dom.body_blocks(blocks, frozenset(_norm(p) for p in dump.paragraphs))
    assert [b.text for b in chosen] == SENTENCES
    assert not unsure


def test_the_model_file_weighs_every_feature() -> None:
    raw = json.loads(
        resources.files("newsfold.data").joinpath("dom_model.json").read_text(encoding="utf-8")
    )
    assert set(raw["weights"]) == set(dom.FEATURES)
    assert raw["half"] == "A" and raw["trained_by"] == "benchmarks/train_blocks.py"
    rows = dom.block_features(read_blocks(_page()).blocks, frozenset())
    assert all(len(row) == len(dom.FEATURES) for row in rows)


def _no_trafilatura(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("trafilatura's body was asked for")


@pytest.fixture
def from_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_module, "BODY_FROM_BLOCKS", True)


@pytest.mark.usefixtures("from_blocks")
def test_a_page_the_model_is_sure_of_never_asks_trafilatura_for_its_body(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(html_module, "_trafilatura", _no_trafilatura)
    result = extract_html(_page(), "https://example.com/2024/05/06/bridge", None, None)
    assert result.paragraphs == SENTENCES
    assert result.headline == "A bridge opens"
    removed = {r.text for r in result.removed}
    assert "Section 0" in removed and "Copyright The Town Paper. All rights reserved." in removed


@pytest.mark.usefixtures("from_blocks")
def test_where_the_model_is_unsure_trafilatura_gives_the_body(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[bool] = []

    def trafilatura(
        html: str, url: str | None, with_metadata: bool = True
    ) -> tuple[list[str], list[str], dict[str, str | None]]:
        asked.append(with_metadata)
        return [SENTENCES[0], SENTENCES[1]], [], {}

    monkeypatch.setattr(html_module, "_trafilatura", trafilatura)
    monkeypatch.setattr(html_module, "body_blocks", lambda blocks, dump_body: ([], True))
    result = extract_html(_page(), None, None, None)
    assert asked == [False]  # the body only: the metadata came from our tree
    assert result.paragraphs == SENTENCES[:2]


def test_with_the_setting_off_the_body_is_trafilatura_s(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_module, "BODY_FROM_BLOCKS", False)
    monkeypatch.setattr(html_module, "body_blocks", _no_trafilatura)
    result = extract_html(_page(), None, None, None)
    assert result.paragraphs == SENTENCES


def test_an_advertisement_slot_between_paragraphs_is_left_out_of_the_body() -> None:
    """A slot's own label sits among the paragraphs and scores as they do; it is never body."""
    slot = '<div class="ad-slot ad-inline" aria-hidden="true"><span>Advertisement</span></div>'
    page = _page().replace(f"<p>{SENTENCES[2]}</p>", f"<p>{SENTENCES[2]}</p>{slot}")
    blocks = read_blocks(page).blocks
    assert "Advertisement" in [b.text for b in blocks]
    dump = classify_dump("\n".join(b.text for b in blocks))
    chosen, _ = dom.body_blocks(blocks, frozenset(_norm(p) for p in dump.paragraphs))
    assert [b.text for b in chosen] == SENTENCES


@pytest.mark.usefixtures("from_blocks")
@pytest.mark.parametrize(
    "name",
    sorted(
        k for k in json.loads((EXAMPLES.parent / "pages.json").read_text("utf-8")) if "web/" in k
    ),
)
def test_the_example_web_pages_body_from_blocks(name: str) -> None:
    """The examples' HTML pages, each with an "Advertisement" slot among its paragraphs: the body
    from the blocks starts where their expectations say and leaves the slot out (the paragraph
    count is the examples test's, on the whole corpus through ``newsfold extract``)."""
    want = json.loads((EXAMPLES.parent / "pages.json").read_text("utf-8"))[name]
    result = extract_html((EXAMPLES / name).read_text("utf-8"), None, None, None)
    assert "Advertisement" not in result.paragraphs
    assert result.paragraphs[0].startswith(want["body_first"])


def _reference_features(blocks: Any, dump_body: frozenset[str]) -> list[list[float]]:
    """``dom.block_features`` as it was written before its container and frame features were
    read once per container and frame, and its neighbours' sums taken over slices."""
    pg = dom._page(blocks, dump_body)
    n, rows = len(blocks), []
    for i, b in enumerate(blocks):
        frame, text, path = b.frame, b.text, pg.paths[i]
        near = [j for j in range(max(0, i - 2), min(n, i + 3)) if j != i]
        own_content, own_chrome = dom._words_of(f"{frame.cls} {frame.ident}")
        outer_content, outer_chrome = dom._words_of(path[0])
        repeated, in_main, main = pg.texts[text] > 1, path == pg.main, pg.main
        mean = [sum(v[j] for j in near) / len(near) for v in (pg.verdicts, pg.words, pg.density)]
        rows.append(
            [
                1.0,
                pg.verdicts[i],
                mean[0],
                math.log1p(pg.words[i]),
                pg.density[i],
                float(pg.ends[i]),
                float(frame.tag == "p"),
                float(frame.tag in dom._HEADING),
                float(frame.tag == "li"),
                float(frame.tag in dom._CELL),
                float(frame.tag in dom._CONTAINER),
                float(own_content),
                float(own_chrome),
                float(own_chrome and pg.words[i] <= 3),
                float(outer_content),
                float(outer_chrome),
                float(in_main),
                math.log1p(abs(frame.depth - main[1])) if main is not None else 0.0,
                dom._under(path[0], main),
                float(path == pg.top),
                dom._under(path[0], pg.top),
                pg.prose[path] / pg.total,
                math.log1p(mean[1]),
                mean[2],
                i / n,
                float(repeated),
                sum(c.isdigit() for c in text) / len(text),
                float(in_main and not pg.verdicts[i]),
                pg.path_links.get(path, 0.0),
                float(repeated and pg.words[i] >= 8 and pg.ends[i]),
            ]
        )
    return rows


@pytest.mark.parametrize(
    "name",
    [
        "generated",
        *sorted(
            k
            for k in json.loads((EXAMPLES.parent / "pages.json").read_text("utf-8"))
            if "web/" in k
        ),
    ],
)
def test_block_features_are_the_straightforward_computation_to_the_bit(name: str) -> None:
    html = _page() if name == "generated" else (EXAMPLES / name).read_text("utf-8")
    blocks = read_blocks(html).blocks
    dump = classify_dump("\n".join(b.text for b in blocks))
    body = frozenset(_norm(p) for p in dump.paragraphs)
    assert dom.block_features(blocks, body) == _reference_features(blocks, body)
    assert len(dom.block_features(blocks, body)[0]) == len(dom.FEATURES)
