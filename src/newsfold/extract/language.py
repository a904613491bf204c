"""py3langid's answer for a text, with its tokeniser's walk done by numpy instead of a Python loop.

py3langid reads a text's bytes through a DFA (an Aho-Corasick automaton over byte n-grams), one
Python step a byte, and counts the features of the states it passes: about half of a call on a
paragraph. The automaton of its model forgets where it started after ``_LOCAL`` bytes: from
every state, any ``_LOCAL`` bytes lead to the state they lead to from the root (checked over all
pairs of states by ``tests/test_language.py``), so the state at each byte is the root's walk over
the ``_LOCAL`` bytes up to it, and the walk of all bytes is ``_LOCAL`` array look-ups. The counts
go to py3langid's own scoring in a ``collections.Counter`` as its own walk makes them (in the order
of first visits), so that the sums and the answer are its own. The fast path is taken only with the
model it was checked on (py3langid 0.4.0, its model file's digest); any other gets
``py3langid.classify``.
"""

from __future__ import annotations

import functools
import hashlib
from collections import Counter
from importlib import metadata
from typing import Any

import numpy as np

_LOCAL = 6  # bytes after which the model's automaton is where the root's walk over them leads
_CHECKED = ("0.4.0", "f4f4a2c3465ca1f081541037f9cac23021d68151c2f709c55ae5eedfca522963")


def model_digest() -> str:
    """The SHA-256 of py3langid's model file."""
    from py3langid import langid

    path = langid.MODEL_DIR / langid.MODEL_FILE
    return hashlib.sha256(path.read_bytes()).hexdigest()


def transitions(identifier: Any) -> tuple[np.ndarray, np.ndarray]:
    """The automaton's table as py3langid keeps it: each distinct row of 256 next states once
    (a view of its array, not a copy), and where each state's row begins in it."""
    rows = np.frombuffer(identifier.tk_nextmove, dtype=f"u{identifier.tk_nextmove.itemsize}")
    starts = np.asarray(identifier.tk_row, dtype=np.intp) << 8
    return rows, starts


@functools.cache
def _fast() -> tuple[Any, np.ndarray, np.ndarray, np.ndarray, float] | None:
    """py3langid's identifier, its automaton (``transitions``), each state's feature (-1: none)
    and its floor score, where the model is the one checked; else ``None``."""
    from py3langid import langid

    if (metadata.version("py3langid"), model_digest()) != _CHECKED:
        return None
    identifier = langid._get_identifier()
    if identifier._norm_probs or identifier.min_confidence is not None:
        return None
    rows, starts = transitions(identifier)
    output = np.asarray(identifier.tk_output, dtype=np.intp)
    return identifier, rows, starts, output, langid.RAW_FLOOR


def classify(text: str) -> str:
    """The language py3langid's ``classify`` gives ``text``."""
    fast = _fast()
    if fast is None:
        import py3langid

        return str(py3langid.classify(text)[0])
    identifier, rows, starts, output, floor = fast
    data = np.frombuffer(identifier._encode(text), dtype=np.uint8).astype(np.intp)
    n = len(data)
    state = np.zeros(n, dtype=np.intp)
    # the root's walk over the _LOCAL bytes up to each byte (over all of them near the start)
    for back in range(min(_LOCAL, n) - 1, -1, -1):
        state[back:] = rows[starts[state[back:]] + data[: n - back]]
    found = output[state]
    found = found[found >= 0]
    if not len(found):  # no feature: py3langid's floor for every language
        return str(identifier.classify(text)[0])
    visits = Counter(found.tolist())  # as py3langid counts them, in the order of first visits
    scores = identifier._sparse_score(visits, identifier.nb_ptc)
    for i, j in identifier._alias_pairs:  # a language under two labels: its best score
        scores[i] = max(scores[i], scores[j])
        scores[j] = floor
    return str(identifier.nb_classes[int(scores.argmax())])
