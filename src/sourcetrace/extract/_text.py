"""Small text tests every extractor shares, so that "a word" and "a sentence" mean the same
everywhere."""

from __future__ import annotations

import re

__all__ = ["MIN_WORDS", "SENTENCE_END", "WORD", "ends_sentence", "normal_words", "word_count"]

# An "article" with fewer words than this is a stub, an error page, a menu or a lone caption.
MIN_WORDS = 10
WORD = re.compile(r"\w+")
# A sentence ends with a full stop, question or exclamation mark, ellipsis, colon or semicolon
# (Latin, CJK full-width, Devanagari danda, Arabic question mark), possibly followed by closing
# quotes and brackets.
SENTENCE_END = re.compile(r"[.!?…:;。！？；：।؟][\"'”’»)\]」』）]*$")
# Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, CJK ideographs, kana.
_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u2e80-\u2fdf\u3040-\u30ff"
                       r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# A word of those scripts is about two characters long on average.
_CHARS_PER_UNSPACED_WORD = 2


def normal_words(text: str) -> str:
    """``text`` lower-cased as its words joined by single spaces, for comparing two texts whatever
    their punctuation and spacing."""
    return " ".join(WORD.findall(text.lower()))


def ends_sentence(text: str) -> bool:
    return bool(SENTENCE_END.search(text.rstrip()))


def word_count(text: str) -> int:
    """Words in ``text``; in scripts without spaces, characters over two."""
    unspaced = len(_UNSPACED.findall(text))
    if not unspaced:
        return len(WORD.findall(text))
    spaced = len(WORD.findall(_UNSPACED.sub(" ", text)))
    return spaced + -(-unspaced // _CHARS_PER_UNSPACED_WORD)
