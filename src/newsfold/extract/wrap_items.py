"""Lines of a wrapped dump (lynx's, w3m's) that are no wrapped text: an item that opens with an
image's icon, a record's fields one under the other (``unwrap.py`` joins none of them to the line
above), and the names of images left inside the text (taken out after the lines are joined).
Moved out of ``unwrap.py``, which is at its size limit."""

from __future__ import annotations

import re

from .wrap_shape import Shape

# an image printed by its file's name in brackets inside a line of text, where the wrap put it
# at the start of the paragraph beside it (lynx: "[photo_12.jpg?width=640] The price of..."):
# a word in brackets that ends with an image file's extension (a query after it), no text's
_BRACKETED_RE = re.compile(r"\[([^\[\]\s]{1,400})\][ \t]*")
_IMAGE_FILE_RE = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|bmp|avif)(?:[?#]\S*)?$", re.I)


def _image_items(shape: Shape) -> None:
    """Mark in ``shape.breaks`` each line that opens with an image's file name in brackets and
    text after it (lynx prints a list's icon so, "[arrow.gif]  Headline"): an item of its own,
    as a bullet opens one. The name is a long first word, which no line above it could have
    held, so that every item of a box of links read as the wrapped line above's continuation
    and the box joined into one line of running text over the article."""
    for k, text in enumerate(shape.text):
        if text[:1] == "[":
            found = _BRACKETED_RE.match(text)
            if found and found.end() < len(text) and _IMAGE_FILE_RE.search(found.group(1)):
                shape.breaks[k] = True


# a field of a record printed as a line ("Tags: ...", "Published: ..."): a word or two, a colon
_FIELD_RE = re.compile(r"[A-Z][a-z]+(?: [a-z]+)?: \S")


def _field_rows(shape: Shape) -> None:
    """Mark in ``shape.breaks`` each line that is a field ("Tags: ...") right under another
    ("Published: ..."): a record's rows, which lynx prints one under the other without a blank
    line, where a row that ends close to the width and a short first word ("Tags:") under it
    read as a wrap and joined the record into one line of running text under the article."""
    # each line asked once, and only one with a colon in it
    field = [":" in t and _FIELD_RE.match(t) is not None for t in shape.text]
    for k in range(1, len(field)):
        if field[k] and field[k - 1]:
            shape.breaks[k] = True


# an image printed by its name cut to the image's width and glued to the text after it (w3m:
# "[photo_0312]The council said"): a word of letters in brackets, a letter right after it
_GLUED_IMAGE_RE = re.compile(r"\[(?=[^\[\]\s]{0,80}[^\W\d_])[^\[\]\s]{1,80}\](?=[^\W\d_])")


def _no_images(line: str) -> str:
    """``line`` without the images' names a wrapped dump printed in it (see above)."""
    return _GLUED_IMAGE_RE.sub("", _BRACKETED_RE.sub(_no_image_file, line))


def _no_image_file(found: re.Match[str]) -> str:
    """A bracketed word (``_BRACKETED_RE``) as it stays: gone where it names an image's file."""
    return "" if _IMAGE_FILE_RE.search(found.group(1)) else found.group(0)
