"""Small text tests every extractor shares, so that "a sentence" means the same everywhere."""

from __future__ import annotations

import re

__all__ = ["SENTENCE_END", "WORD", "ends_sentence", "word_count"]

WORD = re.compile(r"\w+")
# A sentence ends with a full stop, question or exclamation mark, ellipsis, colon or semicolon,
# possibly followed by closing quotes and brackets.
SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")


def ends_sentence(text: str) -> bool:
    return bool(SENTENCE_END.search(text.rstrip()))


def word_count(text: str) -> int:
    return len(WORD.findall(text))
