"""newsfold's exceptions: one small tree, each carrying the input it was about.

NewsfoldError
├── InputError          a page or file could not be read or used (carries ``source``, ``reason``)
├── NotFoundError       an id is not in the store
├── StoreError          the store cannot be opened or is from a newer newsfold
└── MissingExtraError   an optional capability is not installed (names the extra to install)
"""

from __future__ import annotations


class NewsfoldError(Exception):
    """Base class of every error newsfold raises on purpose."""


class InputError(NewsfoldError):
    def __init__(self, source: str, reason: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.reason = reason
        self.message = message


class NotFoundError(NewsfoldError):
    def __init__(self, what: str, ident: str) -> None:
        super().__init__(f"no {what} with id {ident!r} in the store")
        self.what = what
        self.ident = ident


class StoreError(NewsfoldError):
    pass


class MissingExtraError(NewsfoldError):
    def __init__(self, extra: str, feature: str) -> None:
        super().__init__(
            f"{feature} needs the optional extra [{extra}]: pip install 'newsfold[{extra}]'"
        )
        self.extra = extra
