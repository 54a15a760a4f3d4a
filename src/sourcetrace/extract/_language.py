"""A small language guess for texts that do not declare theirs: function-word counts.

Good enough to tell the languages news scrapes come in apart (their commonest words barely
overlap); anything short or unclear stays ``None`` rather than a wrong code.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from sourcetrace.data import load_json

__all__ = ["guess_language", "iso639_1"]

_WORD = re.compile(r"[^\W\d_]+")
_MIN_HITS = 8


@lru_cache(maxsize=1)
def _stopwords() -> dict[str, frozenset[str]]:
    raw = load_json("stopwords.json")
    return {lang: frozenset(words) for lang, words in raw["languages"].items()}


def iso639_1(declared: str) -> str | None:
    """A declared language as an ISO 639-1 code (``en-GB`` → ``en``, ``eng`` → ``en``), or
    ``None`` when it is not two letters or a three-letter code the table knows."""
    code = re.split(r"[-_]", declared.strip())[0].lower()
    if len(code) == 3:
        iso639_2: dict[str, str] = load_json("stopwords.json")["iso639_2"]
        return iso639_2.get(code)
    return code if len(code) == 2 and code.isalpha() else None


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
