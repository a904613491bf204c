"""newsfold: fold every copy of a news story into one clean, sourced story.

    pages -> articles -> copies -> stories

Shortcuts: ``newsfold.fold(paths, db)``, ``newsfold.extract(paths)``, ``newsfold.extract_text(s)``,
``newsfold.compare(a, b)``, ``newsfold.open_store(url)``, ``newsfold.check(db)``.
"""

from .api import __version__, check, compare, extract, extract_text, fold
from .errors import InputError, MissingExtraError, NewsfoldError, NotFoundError, StoreError
from .records import Article, CheckReport, Page, Rejection, Story, Violation
from .store import open_store

__all__ = [
    "Article",
    "CheckReport",
    "InputError",
    "MissingExtraError",
    "NewsfoldError",
    "NotFoundError",
    "Page",
    "Rejection",
    "StoreError",
    "Story",
    "Violation",
    "__version__",
    "check",
    "compare",
    "extract",
    "extract_text",
    "fold",
    "open_store",
]
