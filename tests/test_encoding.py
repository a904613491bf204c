"""Right text from any encoding: undeclared windows-1252 read as such (not cp1250, cp850 or
cp932), Central European, Japanese and Chinese text still right, byte-order marks honoured,
BOM-less UTF-16 recognised, and every page saying how its encoding was known."""

from __future__ import annotations

import codecs
import gzip
import json
from pathlib import Path

import pytest
from benchmarks import encoding as bench
from benchmarks.encoding_texts import SETS, TEXTS

from conftest import shared_data
from newsfold.read.encoding import codec_for_label, fit, utf16_without_bom
from newsfold.read.files import read_file
from newsfold.read.pages import decode_payload
from newsfold.records import Page, ReadStats, Rejection
from newsfold.store import open_store
from test_store_migrate import back_to_schema_8

ARTICLE = (
    "Le conseil municipal de Saint-Étienne a voté mardi un budget de 412 millions d'euros.\n"
    "« C'est un budget de rigueur », a déclaré l'adjointe aux finances, Hélène Müller.\n"
    "Les travaux du tramway, retardés de dix-huit mois, reprendront en février prochain.\n"
)


def _pages(path: Path) -> list[Page | Rejection]:
    return [x for x in read_file(path, stats=ReadStats()) if isinstance(x, Page | Rejection)]


@pytest.mark.parametrize("name", list(SETS))
def test_written_texts_read_back_exactly(name: str) -> None:
    """Texts written for the benchmark (5 or more a language, several paragraphs each), in
    their legacy encoding and in UTF-16/32 with and without a byte-order mark: all exact."""
    case = bench.written_cases()[name]
    result = bench.score(case, bench.newsfold_reads)
    assert result["pages"] >= 2 and result["exact_share"] >= 0.99, result


def test_the_bbc_articles_in_windows_1252_read_back_exactly() -> None:
    """The 647 BBC articles holding a non-ASCII character, written in windows-1252: 247 came
    out as cp1250, cp850 or cp932 ("Núñez" as "Núńez", "£" as "Ł" or "｣")."""
    case = bench.bbc_case(shared_data("bbc-fulltext") / "bbc")
    result = bench.score(case, bench.newsfold_reads)
    assert result["pages"] >= 600 and result["exact_share"] >= 0.99, result


def test_news_in_ten_languages_in_their_code_pages_read_back_exactly() -> None:
    """SemEval-2022 Task 8's news texts (about 1,000 characters each) in their language's
    legacy code page: cp1252 (en, de, es, fr, it), cp1250 (pl), cp1254 (tr), cp1251 (ru),
    cp1256 (ar), GB18030 (zh). charset-normalizer alone reads es 0.35, it 0.53, tr 0.55."""
    cases = bench.semeval_cases(shared_data("semeval2022-t8-hfl") / "data")
    assert len(cases) == 10
    for name, case in cases.items():
        result = bench.score(case, bench.newsfold_reads)
        assert result["pages"] >= 150 and result["exact_share"] >= 0.99, (name, result)


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Arsenal agreed a £15.8m fee for the striker on Monday.", "cp1252"),
        ("Núñez scored twice as Cádiz beat Sevilla.", "cp1252"),
        ("Zażółć gęślą jaźń: rząd przyjął budżet na przyszły rok.", "cp1250"),
        ("A hőség miatt a kormány rendkívüli ülést tartott csütörtökön.", "cp1250"),
        ("Građani su prosvjedovali na Trgu bana Jelačića zbog cijena grijanja.", "cp1250"),
    ],
)
def test_short_western_and_central_european_lines(text: str, codec: str) -> None:
    decoded = decode_payload(text.encode(codec), "line.txt")
    assert decoded == (text, f"{codec} (detected)")


@pytest.mark.parametrize(
    ("mark", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_a_byte_order_mark_is_honoured(tmp_path: Path, mark: bytes, codec: str) -> None:
    """UTF-16 with a BOM was rejected as binary (its NULs)."""
    path = tmp_path / "lyon" / "page.txt"
    path.parent.mkdir()
    path.write_bytes(mark + ARTICLE.encode(codec))
    (page,) = _pages(path)
    assert isinstance(page, Page), page
    assert page.content == ARTICLE
    assert (page.encoding, page.encoding_basis) == (codec, "declared")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_mark_is_recognised(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "page.txt.gz"
    path.write_bytes(gzip.compress(ARTICLE.encode(codec)))
    (page,) = _pages(path)
    assert isinstance(page, Page), page
    assert page.content == ARTICLE
    assert (page.encoding, page.encoding_basis) == (codec, "detected")


@pytest.mark.parametrize(("group", "codec"), [("japanese", "shift_jis"), ("chinese", "gb18030")])
def test_a_page_longer_than_the_sample_is_read_whole(group: str, codec: str) -> None:
    """The detector looks at the first 200,000 bytes: cut inside a two-byte character, no
    candidate decoded them and the page was undecodable."""
    text = "\n".join(TEXTS[group]) * 150
    data = text.encode(codec)
    assert len(data) > 300_000
    decoded = decode_payload(data, "long.txt")
    assert isinstance(decoded, tuple) and decoded[0] == text


def test_ascii_with_stray_nuls_is_not_taken_for_utf16() -> None:
    data = ARTICLE.encode() + b"\x00\x00 more text\n"
    assert utf16_without_bom(data) is None
    text, how = decode_payload(data, "x")  # type: ignore[misc]
    assert text.startswith(ARTICLE) and how == "utf-8 (detected)"


def test_a_mark_that_lies() -> None:
    # a UTF-16 mark on bytes that are not UTF-16 (a lone surrogate): a clear rejection
    r = decode_payload(codecs.BOM_UTF16_LE + b"a\x00\x00\xd8b\x00", "lies.txt")
    assert isinstance(r, Rejection) and r.reason == "undecodable" and "lies.txt" in r.message
    # a UTF-8 mark on a windows-1252 export: read as if unmarked
    r = decode_payload(codecs.BOM_UTF8 + "Café crème à Nîmes. ".encode("cp1252") * 5, "x")
    assert r == ("Café crème à Nîmes. " * 5, "cp1252 (detected)")


def test_labels_are_read_as_browsers_read_them() -> None:
    assert codec_for_label("ISO-8859-1") == "cp1252"  # "€" and curly quotes in 0x80-0x9F
    assert codec_for_label("gb2312") == "gb18030"
    assert codec_for_label("utf-16") is None  # a page's meta cannot declare it: its bytes do
    assert codec_for_label("no-such-charset") is None
    # a page declaring Latin-1 that uses windows-1252's quotes gets the quotes
    html = b"<meta charset='iso-8859-1'><p>\x93Quoted\x94 \x80 5</p>"
    assert decode_payload(html, "q.html") == ("<meta charset='iso-8859-1'><p>“Quoted” € 5</p>",
                                              "cp1252 (declared)")  # fmt: skip


def test_fit_tells_a_code_page_misread() -> None:
    assert fit("Zażółć gęślą jaźń") == 1.0
    assert fit("Za¿ó³æ gêœl¹ jaŸñ") < 0.6  # cp1250 read as cp1252
    assert fit("Arsenal paid ｣15m") == 0.0  # "£" read as cp932
    assert fit("New Year’s “resolutions” — Aragonès, l·l") == 1.0  # they belong in words
    assert fit("przekonywa³ sta³ £ukasz") == 0.0  # "stał", "Łukasz"
    assert fit("traŞi skupÜtine") == 0.0  # "traži" read as cp857
    assert fit("Alf針d蟄n") < 0.6  # "Alföldön" read as a CJK code page


def test_every_path_records_the_encoding_and_its_basis(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(ARTICLE.encode("utf-8"))
    (tmp_path / "b.html").write_bytes(
        b"<html><head><meta charset='utf-8'></head><body><p>" + ARTICLE.encode() + b"</p>"
    )
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": ARTICLE}) + "\n", encoding="utf-8")
    (tmp_path / "d.txt").write_bytes(ARTICLE.encode("cp1252"))
    got = {}
    for name in ("a.txt", "b.html", "c.jsonl", "d.txt"):
        (page,) = _pages(tmp_path / name)
        assert isinstance(page, Page), page
        got[name] = (page.encoding, page.encoding_basis)
    assert got == {
        "a.txt": ("utf-8", "detected"),
        "b.html": ("utf-8", "declared"),
        "c.jsonl": ("utf-8", "assumed"),  # JSON text is UTF-8: nothing else was looked at
        "d.txt": ("cp1252", "detected"),
    }


def test_the_basis_and_the_sanitising_are_stored(tmp_path: Path) -> None:
    from newsfold import fold

    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "page.txt").write_bytes(
        ARTICLE.replace("mardi", "mar\u202edi").encode("utf-16")
    )
    db = tmp_path / "s.db"
    fold([tmp_path / "site"], db)
    with open_store(db) as store:
        row = store._exec("SELECT encoding, encoding_basis, sanitized FROM pages").fetchone()
        assert tuple(row) == ("utf-16-le", "declared", '{"bidi": 1}')


def test_a_schema_5_page_reads_with_its_basis(tmp_path: Path) -> None:
    """Pages stored before schema 6 said "cp1252 (detected)" in one column: read back, the
    codec and the basis come apart, and nothing else changes."""
    db = tmp_path / "old.db"
    with open_store(db) as store:
        back_to_schema_8(store)
        store._exec("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
        for table in ("story_fts", "story_search", "story_facets"):  # schema 7's
            store._exec(f"DROP TABLE IF EXISTS {table}")
        store._exec("ALTER TABLE pages DROP COLUMN sanitized")
        store._exec("ALTER TABLE pages DROP COLUMN encoding_basis")
        store._exec(
            "INSERT INTO pages (id, source, kind, content, encoding) VALUES "
            "('p_1', 'a.txt', 'text', 'caf\u00e9', 'cp1252 (detected)'), "
            "('p_2', 'b.txt', 'text', 'plain', 'utf-8')"
        )
        store.db.commit()  # type: ignore[attr-defined]
    with open_store(db) as store:
        a, b = store.pending_pages(10)
    assert (a.encoding, a.encoding_basis, a.sanitized) == ("cp1252", "detected", {})
    assert (b.encoding, b.encoding_basis) == ("utf-8", None)
