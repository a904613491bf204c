"""The benchmarks' HTML-to-text renderers (benchmarks/renderers.py) and site halves
(benchmarks/sites.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks import extraction, renderers, sites

from conftest import shared_data

HEADLINE = "Harbour ferry returns to service after repairs"
PARAGRAPHS = [
    "The Kaimai Spirit ferry returned to the harbour run on Monday after three weeks of repairs "
    "to its hull, the operator said.",
    "Passengers queued from six in the morning, and the first crossing left the quay on time "
    "with every seat taken.",
]
SCRIPT_TEXT = "trackingPixelSecretValue"
STYLE_TEXT = "hiddenStyleRuleValue"

PAGE = f"""<!DOCTYPE html>
<html><head><meta charset="iso-8859-1"><title>{HEADLINE} | Tidewatch</title>
<style>.x {{ content: "{STYLE_TEXT}"; }}</style>
<script>var tracking = "{SCRIPT_TEXT}"; document.write("{SCRIPT_TEXT}");</script>
</head><body>
<nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<h1>{HEADLINE}</h1>
<p>{PARAGRAPHS[0]}</p>
<p>{PARAGRAPHS[1]}</p>
<p>Café owners near the quay — all of them — welcomed it.</p>
<script>console.log("{SCRIPT_TEXT}")</script>
</body></html>"""


def _words(text: str) -> str:
    """The text with markup-like punctuation gone and whitespace collapsed, so that a wrapped or
    markdown dump can be searched for a sentence."""
    return " ".join(text.replace("*", " ").replace("#", " ").split())


def _render(name: str, html: str, tmp_path: Path) -> str:
    why = renderers.RENDERERS[name].missing()
    if why is not None:
        pytest.skip(f"renderer {name} unavailable: {why}")
    return renderers.render_all(name, {"page": html}, cache_dir=tmp_path, progress=False)["page"]


@pytest.mark.parametrize("name", list(renderers.RENDERERS))
def test_renderer_keeps_paragraphs_and_drops_scripts(name: str, tmp_path: Path) -> None:
    dump = _render(name, PAGE, tmp_path)
    flat = _words(dump)
    for paragraph in PARAGRAPHS:
        assert _words(paragraph) in flat, (name, dump)
    assert HEADLINE in flat
    assert "News" in dump and "Sport" in dump  # nothing is removed but scripts and styles
    assert SCRIPT_TEXT not in dump and STYLE_TEXT not in dump
    # the page is handed over as text: a stale charset declaration does not garble it
    assert "Café" in dump and "—" in dump, (name, dump)


@pytest.mark.parametrize("name", list(renderers.RENDERERS))
def test_renderer_output_is_cached(name: str, tmp_path: Path) -> None:
    first = _render(name, PAGE, tmp_path)
    path = renderers.cache_path(name, PAGE, tmp_path)
    assert path.read_text(encoding="utf-8") == first
    path.write_text("from the cache", encoding="utf-8")
    assert _render(name, PAGE, tmp_path) == "from the cache"


def test_lxml_lines_puts_every_text_node_on_its_own_line(tmp_path: Path) -> None:
    dump = _render("lxml_lines", "<p>one <a href='/x'>two</a> three</p><!-- c -->four", tmp_path)
    assert dump.splitlines() == ["one", "two", "three", "four"]


@pytest.mark.parametrize("name", list(renderers.RENDERERS))
def test_renderer_reads_a_page_with_an_xml_declaration(name: str, tmp_path: Path) -> None:
    page = '<?xml version="1.0" encoding="iso-8859-1"?>\n' + PAGE
    assert _words(PARAGRAPHS[1]) in _words(_render(name, page, tmp_path))


def test_missing_tool_is_skipped_with_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda _name: None)
    said: list[str] = []
    chosen = renderers.select(["html_text", "lynx", "w3m"], say=said.append)
    assert "lynx" not in chosen and "w3m" not in chosen
    assert any("lynx skipped" in s and "apt-get install -y lynx" in s for s in said), said
    with pytest.raises(renderers.RenderError, match="lynx cannot run"):
        renderers.render_all("lynx", {"p": PAGE}, cache_dir=None, progress=False)


def test_failing_page_renders_empty_and_the_rest_goes_on(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    if renderers.RENDERERS["lynx"].missing():
        pytest.skip("lynx is not installed")
    monkeypatch.setattr(renderers, "TIMEOUT_S", 0.000001)
    dumps = renderers.render_all("lynx", {"p": PAGE}, cache_dir=tmp_path, progress=False)
    assert dumps == {"p": ""}
    assert not renderers.cache_path("lynx", PAGE, tmp_path).exists()  # a failure is not cached


def test_parse_names() -> None:
    assert renderers.parse_names(None) == list(renderers.RENDERERS)
    assert renderers.parse_names("lynx,html_text") == ["html_text", "lynx"]
    with pytest.raises(ValueError, match=r"unknown renderer.*links2"):
        renderers.parse_names("html_text,links2")


def test_system_names_keep_the_old_names_for_html_text() -> None:
    assert renderers.system_name("newsfold (text dump)", "html_text") == "newsfold (text dump)"
    assert renderers.system_name("newsfold (text dump)", "lynx") == "newsfold (text dump: lynx)"
    assert (
        renderers.system_name("whole text dump (baseline)", "w3m")
        == "whole text dump: w3m (baseline)"
    )


# --- site halves ------------------------------------------------------------------------------


def test_site_of_urls_and_stand_ins() -> None:
    assert sites.site_of("https://www.example.com/a/b") == "example.com"
    assert sites.site_of("http://sport.example.com/x") == "example.com"
    assert sites.site_of("http://news.bbc.co.uk/1/hi/world.stm") == "bbc.co.uk"
    assert sites.site_of("xhttps://www.zoo-berlin.de/de/aktuelles") == "zoo-berlin.de"
    assert sites.site_of("hard::jamaicaobserver.com-attacks.html") == "jamaicaobserver.com"
    assert sites.site_of("nytimes-2") == sites.site_of("nytimes-1") == "nytimes"


HOSTS = [f"https://www.outlet{i}.example-news.org/story/{i}" for i in range(40)] + [
    f"http://{name}.com/a" for name in ("alpha", "bravo", "charlie", "delta", "echo", "foxtrot")
]


def test_split_is_deterministic_and_disjoint() -> None:
    page_site = {f"p{i}": sites.site_of(url) for i, url in enumerate(HOSTS)}
    page_site["p-again"] = sites.site_of("http://www.alpha.com/other")  # a second page of alpha
    parts = sites.split(page_site)
    again = sites.split(dict(reversed(page_site.items())))
    assert {k: set(v) for k, v in parts.items()} == {k: set(v) for k, v in again.items()}
    assert parts["A"] and parts["B"]
    a_sites = {page_site[p] for p in parts["A"]}
    b_sites = {page_site[p] for p in parts["B"]}
    assert not a_sites & b_sites
    assert sorted(parts["A"] + parts["B"]) == sorted(parts["all"]) == sorted(page_site)
    # the half hangs on the site's name alone: fixed once, whatever else is in the set
    assert sites.half_of("alpha.com") == sites.half_of("alpha.com")
    assert {sites.half_of(page_site[p]) for p in ("p40", "p-again")} == {sites.half_of("alpha.com")}
    assert sites.half_of("example.com") == "A"  # sha1 starts 0x0c: even
    assert sites.half_of("bbc.co.uk") == "B"


def test_worst_of_picks_the_lowest_f1_and_highest_leak() -> None:
    rows = [("lynx", [0.5, 0.1]), ("w3m", [0.7, 0.3]), ("html_text", [None, 0.2])]
    values, names = sites.worst_of(rows, [True, False])
    assert values == [0.5, 0.3] and names == ["lynx", "w3m"]


# --- a tiny end-to-end run ----------------------------------------------------------------------


def test_extraction_benchmark_on_five_pages_two_renderers() -> None:
    shared_data("scrapinghub-aeb")
    chosen = renderers.select(["html_text", "lxml_lines"])
    result = extraction.run(limit=5, peers=False, renderer_names=chosen)
    systems = {s.system for s in result.scores}
    assert {"newsfold (html)", "newsfold (text dump)", "whole text dump (baseline)"} <= systems
    assert "newsfold (text dump: lxml_lines)" in systems
    for system, parts in result.parts.items():
        assert set(parts) == set(sites.PARTS), system
        assert parts["A"].pages + parts["B"].pages == parts["all"].pages == 5
    assert result.parts["newsfold (html)"]["all"].f1 > 0.8


def test_metadata_page_site_comes_from_the_url_the_page_names() -> None:
    from benchmarks import metadata

    canonical = '<head><link href="https://www.example.org/a/1" rel="canonical"></head>'
    og = '<meta content="http://news.example.net/x" property="og:url">'
    assert metadata.page_address(canonical) == "https://www.example.org/a/1"
    assert metadata.page_address(og) == "http://news.example.net/x"
    assert metadata.page_address("<p>no address</p>") is None
