"""A story's coverage, as an editor reads it: its copies by outlet and time, its independent
reports apart, and the updates of the wire text in the order they went out.

Everything here is read off the story's record (which paragraphs each article carries, and its
variant readings) and the articles' times: nothing is compared again. Copies are the story's
``origin``, ``copy`` and ``partial`` members; ``report`` members are written apart from the
wire text, so they count neither as copies nor in any paragraph's denominator."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..dates import utc_key
from ..records import Article, Story

COPY_RELATIONS = ("origin", "copy", "partial")


def is_copy(relation: str) -> bool:
    return relation in COPY_RELATIONS


def _when(a: Article) -> str:
    """The UTC sort key of the time an article was last touched (updated, else published);
    ``"~"`` when it has neither."""
    keys = [k for k in (utc_key(a.published), utc_key(a.updated)) if k != "~"]
    return max(keys) if keys else "~"


def _first_time(a: Article) -> str:
    """The UTC sort key of the time an article went out: published, else updated."""
    key = utc_key(a.published)
    return key if key != "~" else utc_key(a.updated)


def _seconds(key: str, first: str | None) -> int | None:
    if key == "~" or first is None:
        return None
    return int((datetime.fromisoformat(key) - datetime.fromisoformat(first)).total_seconds())


def coverage(story: Story, arts: dict[str, Article]) -> dict[str, Any]:
    """The story's coverage (the ``coverage`` key of ``newsfold show --json``):

    - ``copies``, ``reports``, ``outlets``: how many copies, independent reports, and outlets
      carrying a copy;
    - ``timeline``: each copy in the order it went out (``utc``: published, else updated;
      ``after_s``, seconds after the first copy; copies of unknown time last, both null;
      ``updated_utc``: its last update, in UTC);
    - ``by_outlet``: each outlet with its copies, in the order the outlets first carried it;
    - ``reported``: the independent reports, in time order;
    - ``updates``: the versions of the wire text in the order they went out (each copy's
      latest time, updated or published, since its text is the text as of then): the first,
      then each copy that carried a paragraph (``added``: their indexes in ``paragraphs``) or
      a reading (``new_readings``: indexes of the paragraphs it reads anew) that no earlier
      copy had. Headlines are left out: each outlet writes its own. ``repeats`` counts the
      copies that carried nothing new."""
    members = [(m, arts[m.article]) for m in story.members if m.article in arts]
    copies = [(m, a) for m, a in members if is_copy(m.relation)]
    reports = [(m, a) for m, a in members if not is_copy(m.relation)]

    def entry(m: Any, a: Article, key: str, first: str | None) -> dict[str, Any]:
        return {
            "article": a.id,
            "outlet": a.outlet,
            "relation": m.relation,
            "headline": a.headline,
            "published": a.published,
            "updated": a.updated,
            "updated_utc": None if utc_key(a.updated) == "~" else utc_key(a.updated),
            "utc": None if key == "~" else key,
            "after_s": _seconds(key, first),
        }

    timed = sorted(((m, a, _first_time(a)) for m, a in copies), key=lambda x: (x[2], x[1].id))
    first = next((k for _, _, k in timed if k != "~"), None)
    timeline = [entry(m, a, k, first) for m, a, k in timed]

    by_outlet: dict[str, list[dict[str, Any]]] = {}
    for e in timeline:
        by_outlet.setdefault(e["outlet"] or "?", []).append(e)
    outlets = [
        {"outlet": name, "first_utc": items[0]["utc"], "copies": items}
        for name, items in by_outlet.items()
    ]

    reported = [
        entry(m, a, k, first)
        for m, a, k in sorted(
            ((m, a, _first_time(a)) for m, a in reports), key=lambda x: (x[2], x[1].id)
        )
    ]
    updates, repeats = wire_versions(story, copies, first)
    return {
        "copies": len(copies),
        "reports": len(reports),
        "outlets": len(by_outlet),
        "timeline": timeline,
        "by_outlet": outlets,
        "reported": reported,
        "updates": updates,
        "repeats": repeats,
    }


def wire_versions(
    story: Story, copies: list[tuple[Any, Article]], first: str | None
) -> tuple[list[dict[str, Any]], int]:
    """The versions of the wire text in the order they went out (``coverage``'s ``updates``),
    and how many copies carried nothing new."""
    readings: dict[str, dict[int, str]] = {}  # article -> paragraph index -> its reading
    for i, p in enumerate(story.paragraphs):
        for aid in p.sources:
            readings.setdefault(aid, {})[i] = p.text
        for v in p.variants:
            readings.setdefault(v.article, {})[i] = v.text
    seen_paragraphs: set[int] = set()
    seen_readings: set[tuple[int, str]] = set()
    out: list[dict[str, Any]] = []
    repeats = 0
    order = sorted(copies, key=lambda x: (_when(x[1]), x[1].id))
    for m, a in order:
        mine = readings.get(a.id, {})
        added = sorted(set(mine) - seen_paragraphs)
        anew = sorted(
            i for i, text in mine.items() if i in seen_paragraphs and (i, text) not in seen_readings
        )
        if out and not added and not anew:
            repeats += 1
        else:
            key = _when(a)
            out.append(
                {
                    "article": a.id,
                    "outlet": a.outlet,
                    "relation": m.relation,
                    "kind": "first" if not out else "update",
                    "utc": None if key == "~" else key,
                    "after_s": _seconds(key, first),
                    "paragraphs": len(mine),
                    "added": added,
                    "new_readings": anew,
                }
            )
        seen_paragraphs |= set(mine)
        seen_readings |= set(mine.items())
    return out, repeats
