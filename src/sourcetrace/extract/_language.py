"""A small language guess for texts that do not declare theirs: function-word counts.

Good enough to tell the languages news scrapes come in apart (their commonest words barely
overlap); anything short or unclear stays ``None`` rather than a wrong code.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from sourcetrace.data import load_json

__all__ = ["guess_language"]

_WORD = re.compile(r"[^\W\d_]+")
_MIN_HITS = 8


@lru_cache(maxsize=1)
def _stopwords() -> dict[str, frozenset[str]]:
    raw = load_json("stopwords.json")
    return {lang: frozenset(words) for lang, words in raw["languages"].items()}


def guess_language(text: str) -> str | None:
    """An ISO 639-1 code, or ``None`` when the text is too short or the evidence too thin."""
    words = Counter(w.lower() for w in _WORD.findall(text[:20_000]))
    scores = {
        lang: sum(words[w] for w in stop) for lang, stop in _stopwords().items()
    }
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < _MIN_HITS or top < 1.5 * second:
        return None
    return best
