"""The few generic cues the line classifier knows before it has seen a corpus.

Everything outlet-specific is learnt from the corpus (see ``templates.py``); what is here is the
vocabulary of the trade that every news site shares, kept short, each entry with its reason.
"""

from __future__ import annotations

import re

from ..memo import TextMemo

# "Read also" in German, French, Spanish, Portuguese, Italian and Dutch: above a list of links,
# or before one link inside the text.
READ_ALSO = (
    r"lesen\s+sie\s+(?:auch|mehr)|(?:à\s+)?lire\s+aussi|lee\s+también|leia\s+também|veja\s+também"
    r"|leggi\s+anche|lees\s+ook"
)

# What a box of other stories holds, as its heading names it ("Related articles", "Latest
# headlines", "Past coverage"): the nouns of the trade for stories and the links to them.
_BOX_NOUN = (
    r"(?:articles?|stories|news|links|posts|coverage|headlines|reading|features|content"
    r"|videos|pics|photos|topics?)"
)
# The words a box's heading sets before that noun to say the stories are others than this one:
# related to it, more of the same, later or earlier, or picked among the site's (and the
# request to read them: "Also read these stories").
_BOX_OTHER = (
    r"(?:related|more|also(?:\s+read)?|other|latest|recent|past|previous|top|similar|further"
    r"|most\s+(?:read|popular|viewed|emailed|commented|shared))"
)

# Between those two words a box's heading sets little words first ("Also in the news", "Also
# read these stories"), then up to three words naming the stories' kind, source or place ("More
# Michigan business news", "Latest PC industry news"; two kinds joined by "and" or "&", "More
# arts and entertainment news", "Latest photos and stories"), right before the noun. An
# article's subheading that holds both words has a phrase of its own between them, a noun with
# a little word after it ("More cuts to local news", "Top officials criticised the news"): no
# box's heading. (Half A's dumps of both benchmarks hold no line the looser form of before, any
# three words between, matched and this one does not.)
_BOX_FILLER = (
    r"(?:in|on|from|of|to|about|with|the|this|these|those|our|your|its|their|at|for|around"
    r"|across|and|by|a|an)"
)
_BOX_KIND = r"(?:\s+(?:and\s+|&\s+)?(?!" + _BOX_FILLER + r"\b)[\w'’-]+){0,3}?"
_BOX_BETWEEN = r"(?:\s+" + _BOX_FILLER + r"){0,2}" + _BOX_KIND + r"\s+(?:(?:and|&)\s+)?"

# Labels news sites put above a block of teasers for other stories. A line that is only such a
# label ends the article body: what follows is other stories. Besides the fixed labels, a
# heading is a word of ``_BOX_OTHER`` and, a few words on, a noun of ``_BOX_NOUN`` ("Also in
# the news", "Recent related articles", "Local top stories"), perhaps with a place or section
# after it ("... in World", "... from Reuters"), ending without a sentence's stop.
RELATED_HEADING = re.compile(
    r"^(?:"
    r"related(?:\s+(?:articles?|stories|news|content|coverage|posts|links|reading))?"  # generic
    r"|more\s+(?:from|on|in|stories|news|like\s+this)\b.*"  # "More from World", "More on this"
    r"|(?:also\s+)?read\s+(?:more|next|also|on)"  # inline and end-of-article link lists
    r"|also\s+read|you\s+(?:may|might)\s+(?:also\s+)?like|recommended(?:\s+for\s+you)?"
    r"|trending(?:\s+now)?|top\s+stories|latest(?:\s+news|\s+stories)?|most\s+(?:read|popular|viewed)"
    r"|popular(?:\s+now)?|editor'?s?\s+picks?|in\s+other\s+news|don'?t\s+miss|what\s+to\s+read\s+next"
    r"|(?:more\s+)?on\s+this\s+(?:topic|subject|story)"  # English for "mehr zum Thema" below
    r"|(?:[\w'’-]+\s+)?"
    + _BOX_OTHER
    + _BOX_BETWEEN
    + _BOX_NOUN
    + r"(?:\s+(?:in|on|from|about|at|for|to|related\s+to)\s+[^.!?:]{1,40})?"
    r"|"
    + READ_ALSO  # the same labels in the other languages the byline cues read
    + r"|mehr\s+zum\s+thema|sur\s+le\s+même\s+sujet|articles?\s+(?:liés|correlati|relacionados)"
    r"|noticias\s+relacionadas|notícias\s+relacionadas|das\s+könnte\s+sie\s+auch\s+interessieren"
    r")\s*[:»>]?$",
    re.I,
)

# "Also read: <headline>" inside a body: a link to another story, never part of the text.
INLINE_LINK = re.compile(
    r"^\(?(?:also\s+read|read\s+(?:more|also)|see\s+also|watch|listen|related(?:\s+\w+)?|"
    + READ_ALSO
    + r")(?:\s+\w+)?\s*[:|-]\s*\S",
    re.I,
)

# Photo captions and credits: the text of an image, not of the article. Besides the words
# "photo", "image" and "credit", a caption ends in its credit: an agency's photo desk ("(AP
# Photo/Name)"), a copyright mark with a name ("© Agency / Name"), or Getty Images, the photo
# agency whose credit news sites print most.
CAPTION = re.compile(
    r"(?:\((?:photo|image|picture|file|representational)[^)]{0,60}\)\s*$|^(?:photo|image|file photo|"
    r"picture|representational image)\s*[:|(]|\bfile photo\b\.?$|^\s*(?:photo|image)\s+credit"
    r"|\b(?:photo|image|picture)?\s*credits?\s*(?::|\.{2,}|…)\s*[^.]{1,60}$"
    r"|^(?:photo|image)\s+caption\b|^photo(?:graph)?\s+by\s"
    r"|\(\s*(?:\w+\s+)?photo\s*/[^)]{1,60}\)\s*$|©\s*[^.©]{1,60}$|\bgetty\s+images\W*$)",
    re.I,
)

# "3 of 12 ...": a photo gallery's counter before each picture's caption, however long; a
# browser's innerText glues it to the caption ("1of4Grass Valley's ...").
GALLERY_CAPTION = re.compile(
    r"^\d{1,3}\s+(?:of|/)\s+\d{1,3}\s+\S|^\d{1,3}\s*of\s*\d{1,3}\s*[A-Z\"“‘'(]"
)

# Requests to the reader about the site rather than the story (newsletters, subscriptions, the
# app, social accounts, sharing), opening with the verb of the request.
CALL_TO_ACTION = re.compile(
    r"^\W*(?:subscribe\b|sign\s+up\b|download\s+(?:the|our)\b|join\s+(?:us|our)\b"
    r"|click\s+here\b"
    # a link's line ("Click for the gallery", "Click to see the photos"), not a caption's words
    # glued to the text's first sentence ("Click to enlarge The minister said ...")
    r"|click\s+(?:for|to)\b[^.!?]{0,60}$"
    r"|follow\s+(?:us\b|@|.{0,60}\bon\s+(?:twitter|facebook|instagram|youtube|linkedin)\b)"
    r"|get\s+(?:the\s+|our\s+)?(?:\S+\s+){0,3}(?:app|newsletters?)\b"
    r"|(?:like|enjoy(?:ed)?)\s+this\s+(?:story|article)\b|share\s+this\s+(?:story|article)\b"
    r"|support\s+(?:us|our)\b|thanks?\s+(?:you\s+)?for\s+(?:signing\s+up|subscribing)\b"
    r"|no\s+spam\b|you\s+can\s+unsubscribe\b|stay\s+(?:up\s+to\s+date|informed|tuned|connected)\b)",
    re.I,
)

# The site's notices about the browser: cookie consent banners (the word is the same in most
# languages), and pages asking for JavaScript.
SITE_NOTICE = re.compile(
    r"\bcookies?\b.{0,200}\b(?:site|website|sito|experience|consent|accept|privacy|polic)"
    r"|\b(?:site|website|sito|we|nous|wir|utilizziamo)\b.{0,80}\bcookies?\b"
    r"|\b(?:enable|requires?|turn\s+on)\s+javascript\b",
    re.I,
)

# Newsletter sign-up boxes name themselves on a short line ("The Morning Newsletter").
NEWSLETTER = re.compile(r"\bnewsletters?\b", re.I)

# The heading of the box about the author under the text, in the languages of the byline cues.
AUTHOR_BOX = re.compile(
    r"^(?:about\s+the\s+authors?|sobre\s+(?:o|a)\s+autor(?:a)?|über\s+(?:den\s+autor|die\s+autorin)"
    r"|à\s+propos\s+de\s+l'auteur|sull'autore|sobre\s+el\s+autor|over\s+de\s+auteur)\W*$",
    re.I,
)

# A note on the author under the text: "Name is a reporter for ..." (names are capitalised, so
# the case of the name part is kept).
AUTHOR_BIO = re.compile(
    r"^(?:[A-ZÀ-ÖØ-Þ][\w'’.-]+\s+){1,3}(?:\([^)]{0,40}\)\s+)?(?:is|was)\s+(?:a|an|the)\s+"
    r"(?:[\w-]+\s+){0,6}(?:reporter|writer|editor|correspondent|contributor|columnist|journalist"
    r"|author|producer|freelancer?)\b"
)

# A line that opens with "Disclaimer" is the outlet's legal note about the text.
DISCLAIMER = re.compile(r"^\W*disclaimer\b", re.I)

# Advertising slots print one of these words alone.
ADVERT = re.compile(
    r"^\W*(?:advertisement|advertising|sponsored(?:\s+content)?|ad|promoted)\W*$", re.I
)

# Comment widgets: a count of comments, or an invitation to comment, on a short line.
COMMENTS = re.compile(
    r"^\W*(?:\d+\s+)?comments?\b|\b(?:post|add|leave|write)\s+(?:a\s+)?comments?\b|"
    r"\bbe\s+the\s+first\s+to\s+comment\b|\bjoin\s+the\s+(?:discussion|conversation)\b",
    re.I,
)

# The copyright notice of the site's footer.
COPYRIGHT = re.compile(r"^\W*(?:©|\(c\)\s|copyright\b|all rights reserved)", re.I)

# A byline opens with "By" and a name, or is a credit line such as "Reporting by"; "by" in the
# languages of the news this project reads (German von, French par, Spanish/Portuguese por, Dutch
# door, Scandinavian av/af), and an "Author:" label. The name must start with a
# capital, which keeps sentences out ("par exemple", "von der Leyen sagte" has no capital after).
BYLINE = re.compile(
    r"^(?:(?:by|written by|reporting by|posted by|story by)\s+\S"
    r"|(?:von|par|por|door|av|af|autor(?:in)?:?|author:|auteur\s*:)\s+(?-i:[A-ZÀ-ÖØ-Þ]))",
    re.I,
)

# what a line BYLINE matches opens with: the first letters of its words in either case, and
# U+017F, which re.IGNORECASE reads as "s" (tests/test_extract_page_scan.py)
BYLINE_FIRST = frozenset("bBwWrRpPsS\u017fvVdDaA")

# An editor's note about the text itself, printed under wire copy and press releases ("This
# article was supplied by ...", "(The above press release has been published under ...)").
EDITORS_NOTE = re.compile(
    r"^\W*(?:this|the\s+above)\s+(?:article|story|report|press\s+release|content|piece)\b"
    r".{0,160}\b(?:supplied|published|edited|based\s+on|generated|syndicated|distributed|"
    r"arrangement|auto-generated)\b",
    re.I,
)

# Wire sign-offs at the foot of a story: "(Reporting by ...; Editing by ...)".
SIGNOFF = re.compile(r"^\(?(?:reporting|writing|editing|additional reporting)\s+by\b.*\)?$", re.I)

# Sentence-final punctuation (a closing quote or bracket may follow it), the full-width forms of
# Chinese and Japanese included.
SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’)\]」』）]*$")


# --- every cue of a line at once -------------------------------------------------------------

# The cues ``body._pre_label`` asks of each line, one after the other: most lines have none, and
# The links to the outlet's story before and after this one ("Previous story: <headline>"),
# which blog and news templates print under the text: a headline of another story, never a
# paragraph of this one
STORY_NAV = re.compile(
    r"^\W*(?:previous|prev|next|older|newer)\s+(?:story|article|post|entry)\s*[:|»›>]", re.I
)

# those read at a line's start are tested at once (one pattern of them all, each alternative with
# its own pattern's flags, so that it matches exactly where one of them does), those found
# anywhere only where the line holds one of the words each of their alternatives is written
# with (tests/test_extract_speed.py checks both on random lines and on lines each cue matches).
LINE_CUES_AT_START = (
    CALL_TO_ACTION,
    ADVERT,
    DISCLAIMER,
    COPYRIGHT,
    RELATED_HEADING,
    AUTHOR_BOX,
    INLINE_LINK,
    STORY_NAV,
    GALLERY_CAPTION,
)
LINE_CUES_ANYWHERE = (COMMENTS, NEWSLETTER, SITE_NOTICE, CAPTION)
# a word of every alternative of LINE_CUES_ANYWHERE, in lower case
LINE_CUE_WORDS = (
    "comment",
    "discussion",
    "conversation",
    "newsletter",
    "cookie",
    "javascript",
    "photo",
    "image",
    "picture",
    "file",
    "representational",
    "credit",
    "getty",
    "©",
)
# The letters that re.IGNORECASE matches with an ASCII letter besides its two cases (the re
# module's documentation: U+0130, U+0131, U+017F, U+212A), mapped to it before ``str.lower``:
# so a cue's word that a pattern finds in a line is in the line so lowered.
_UNLOWERED = "\u0130\u0131\u017f"  # the three that str.lower leaves apart


def unlowered(text: str) -> bool:
    """Whether ``text`` holds one of ``_UNLOWERED``: three searches for a character, at
    ``str.find``'s speed (a pattern of the three was 25 times slower on a page)."""
    return _UNLOWERED[0] in text or _UNLOWERED[1] in text or _UNLOWERED[2] in text


_IGNORECASE_ALIKE = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def _union(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
    def scoped(p: re.Pattern[str]) -> str:
        if p.flags & ~(re.I | re.U) or p.groups:
            raise ValueError(f"{p.pattern!r}: only re.I, and no groups, can join a union")
        return f"(?i:{p.pattern})" if p.flags & re.I else f"(?-i:{p.pattern})"

    return re.compile("|".join(scoped(p) for p in patterns))


_AT_START = _union(LINE_CUES_AT_START)
# ``_AT_START``'s answer for the lines met lately: asked of every line of a page (some 2 us a
# line, its alternatives tried one by one), and an outlet's chrome comes back on each of its
# pages (44% of the lines of 600 html_text dumps were a line met before). Bounded as
# ``lines._NORMS`` is
_AT_START_SEEN: TextMemo[bool] = TextMemo(32768, 1 << 22)


def cue_at_start(text: str) -> bool:
    """Whether one of ``LINE_CUES_AT_START`` matches at the start of ``text``."""
    known = _AT_START_SEEN.get(text)
    if known is None:
        known = _AT_START_SEEN.keep(text, _AT_START.match(text) is not None)
    return known


def any_line_cue(text: str, cue_word: bool | None = None) -> bool:
    """False where none of ``LINE_CUES_AT_START`` matches at the start of ``text`` and none of
    ``LINE_CUES_ANYWHERE`` can match in it (it holds none of ``LINE_CUE_WORDS``): then
    ``_pre_label`` has no cue to test. True may still be no cue. ``cue_word``: whether the text
    holds one of those words, where the caller knows (``lines.scan_page``)."""
    if cue_at_start(text):
        return True
    return holds_word(text, LINE_CUE_WORDS) if cue_word is None else cue_word


def holds_word(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``text`` holds one of ``words`` (lower case) as re.IGNORECASE finds a word: a
    pattern each of whose alternatives is written with one of ``words`` finds nothing in a text
    where this is False."""
    low = text.lower()  # lowers U+212A to "k" too
    if not text.isascii() and unlowered(text):
        low = text.translate(_IGNORECASE_ALIKE).lower()
    return any(word in low for word in words)
