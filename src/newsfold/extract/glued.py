"""Where a box of other stories is printed a story a line, its headline and summary run
together ("Fish market reopens The covered market ..."): lynx prints a link and the text after
it in one block so. Such lines are no paragraphs of the text, though they end with a stop."""

from __future__ import annotations

from .lines import HEADLINE_MAX_WORDS, Line

# the words that open a sentence and are written in lower case inside one, in English: one of
# them capitalised after a word with no stop is where a headline ends and its summary starts,
# glued on one line ("Fish market reopens The covered market ..."); a name ("told The Times")
# is rarer than that in a box's items
_OPENERS = frozenset(
    {
        "The",
        "A",
        "An",
        "This",
        "These",
        "It",
        "He",
        "She",
        "They",
        "We",
        "His",
        "Her",
        "Their",
        "Its",
        "Our",
    }
)
GLUED_HEAD_MIN_WORDS = 2  # the least words of a headline before its summary


def glued(ln: Line) -> bool:
    """A headline and its summary on one line: a sentence's opening word (``_OPENERS``),
    capitalised, after a headline's words (the first capitalised, none ending in a mark)."""
    words = ln.text.split()[: HEADLINE_MAX_WORDS + 1]
    if not words[0][:1].isupper():
        return False
    for k in range(GLUED_HEAD_MIN_WORDS, len(words)):
        if not words[k - 1][-1:].isalnum():
            return False  # a mark inside the first words: running text, or a headline's colon
        if words[k] in _OPENERS:
            return True
    return False
