"""Where a wrapper cut inside a word (``wrap_joins._cut_long_word``, ``wrap_joins._cuts_words``),
and the lines of a wrapped dump that are no wrapped text (``wrap_items.py``: an icon's item, a
record's fields, images' names). The texts are written for these tests."""

from __future__ import annotations

import textwrap

from newsfold.extract.unwrap import unwrap_lines
from test_unwrap import PARAGRAPHS as STORY

# the first three paragraphs of test_unwrap's story
PARAGRAPHS = STORY[:3]


def _lynx(text: str) -> list[str]:
    return textwrap.wrap(text, 77, initial_indent="   ", subsequent_indent="   ")


def test_a_file_name_longer_than_the_line_is_one_word_again() -> None:
    # lynx breaks a word too long for any line at its width and goes on under it
    name = "harbour-board-meeting-2026-ferry-terminal-closure-pontoon-plans-diagram-version-01"
    lines = [*_lynx(PARAGRAPHS[0]), "", *_lynx(PARAGRAPHS[1]), ""]
    lines += ["   " + name[:74], "   " + name[74:], ""]
    lines += _lynx(PARAGRAPHS[2])
    out = [line.strip() for line in unwrap_lines(lines)]
    assert name in out
    assert all(p in out for p in PARAGRAPHS)


def test_an_image_file_name_before_a_paragraph_goes() -> None:
    image = "[pontoon_plan.jpg?width=640&fit=bounds]"
    lines = [*_lynx(PARAGRAPHS[0]), "", *_lynx(image + " " + PARAGRAPHS[1]), ""]
    lines += _lynx(PARAGRAPHS[2])
    out = [line.strip() for line in unwrap_lines(lines)]
    assert PARAGRAPHS[1] in out
    # a bracketed word that names no image's file stays
    kept = [*_lynx(PARAGRAPHS[0]), "", *_lynx("[Update 2] " + PARAGRAPHS[1])]
    assert "[Update 2] " + PARAGRAPHS[1] in [line.strip() for line in unwrap_lines(kept)]


HANGUL = (
    "항구 위원회는 화요일에 낡은 여객선 터미널을 여름이 끝날 때 닫기로 결정했다. 기술자들은 "
    "부두 아래 말뚝이 지난 봄 점검에서 본 것보다 더 썩었다고 보고했다. 매일 아침 강을 건너는 "
    "통근자들은 북쪽 강변의 임시 부두로 옮겨 가게 되며 위원회는 그곳이 배 두 척을 한꺼번에 "
    "받을 수 있다고 말했다. 새 터미널은 약 이 년 뒤에 문을 열 예정이다."
)


def _by_columns(text: str, width: int) -> list[str]:
    """w3m: a line of Hangul (two columns a letter) cut where the next letter would not fit,
    inside a word or not."""
    lines, line = [], ""
    for ch in text:
        cols = sum(2 if "\uac00" <= c <= "\ud7a3" else 1 for c in line + ch)
        if cols > width:
            lines.append(line.rstrip())
            line = ch.lstrip()
        else:
            line += ch
    return [*lines, line]


def test_hangul_wrapped_at_spaces_keeps_its_spaces() -> None:
    # lynx counts letters, not columns, and breaks at spaces: the lines of Hangul end anywhere
    # up to a word short of the width, and no word was cut
    lines = []
    for p in (HANGUL, PARAGRAPHS[0], HANGUL, PARAGRAPHS[1], HANGUL):
        lines += [*textwrap.wrap(p, 60), ""]
    out = unwrap_lines(lines)
    assert out.count(HANGUL) == 3


def test_hangul_cut_by_columns_is_joined_inside_the_word() -> None:
    lines: list[str] = []
    for _ in range(3):
        lines += [*_by_columns(HANGUL.replace(" ", ""), 79), ""]
    out = unwrap_lines(lines)
    assert out.count(HANGUL.replace(" ", "")) == 3


def test_a_box_of_links_each_after_an_icon_is_not_joined() -> None:
    # lynx prints a list's icon by its file's name: a long first word no line above could hold
    box = [
        "   [arrow_small.gif]  Ferry fares to rise in spring [Harbour]",
        "   [arrow_small.gif]  New pontoon opens on the northern bank [Estuary]",
        "   [arrow_small.gif]  Skipper retires after twenty-two years [Harbour]",
    ]
    lines = [*_lynx(PARAGRAPHS[0]), "", *box, "", *_lynx(PARAGRAPHS[1]), ""]
    lines += _lynx(PARAGRAPHS[2])
    out = [line.strip() for line in unwrap_lines(lines)]
    assert "Ferry fares to rise in spring [Harbour]" in out
    assert "Skipper retires after twenty-two years [Harbour]" in out
    assert all(p in out for p in PARAGRAPHS)


def test_a_record_s_fields_one_under_the_other_stay_apart() -> None:
    fields = [
        "   Filed: May 4, 2026, 6:18 p.m. Revised: Tuesday, May 4, 2026, 7:10 p.m.",
        "   Topics: harbour, ferries, pontoon, estuary, board",
    ]
    assert len(fields[0]) <= 77 < len(fields[0]) + 1 + len("Topics:")
    lines = [*_lynx(PARAGRAPHS[0]), "", *_lynx(PARAGRAPHS[1]), *fields, ""]
    lines += _lynx(PARAGRAPHS[2])
    out = [line.strip() for line in unwrap_lines(lines)]
    assert [f.strip() for f in fields] == out[out.index(PARAGRAPHS[1]) + 1 :][:2]


def test_an_image_s_cut_name_glued_to_the_text_goes() -> None:
    # w3m prints an image by its name cut to the image's width, the text right after it
    def page(first: str) -> list[str]:
        lines = [*textwrap.wrap(first + PARAGRAPHS[0], 80), ""]
        return [*lines, *textwrap.wrap(PARAGRAPHS[1], 80), "", *textwrap.wrap(PARAGRAPHS[2], 80)]

    assert PARAGRAPHS[0] in unwrap_lines(page("[pontoon_pl]"))
    # a footnote's number, and a bracketed word set apart from the text, stay
    for kept in ("[12]", "[Update] "):
        assert kept + PARAGRAPHS[0] in unwrap_lines(page(kept))
