"""The ``Store`` interface: every query written once, in SQL SQLite and PostgreSQL both read."""

from __future__ import annotations

from .articles import ArticleRows
from .pages import PageRows
from .search import SearchRows
from .stories import StoryRows


class Store(PageRows, ArticleRows, StoryRows, SearchRows):
    """The store interface, with every query written once. A backend implements ``_exec``,
    ``_exec_many``, ``transaction``, ``close`` and ``_has_table``; it may override the hooks
    (``processing``, ``_lock``) and the clauses (``_LIKE``, ``_PARAGRAPH_LIKE``,
    ``_SET_RELATED``)."""
