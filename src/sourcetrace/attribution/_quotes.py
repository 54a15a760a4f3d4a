"""Quotations in an article's text, found by their marks, across sentences and paragraphs.

A quotation opens at “ (or a straight " when none is open) and closes at ” (or the next "). By
the usual convention a quotation running over several paragraphs opens each of them and closes
only the last, so an open quotation at the end of a paragraph continues when the next paragraph
starts with an opening mark; otherwise it is closed at the paragraph's end (unbalanced marks in
a scrape never swallow the rest of the article). Single quotes are left alone: they are mostly
apostrophes; but two apostrophes (``''``) count as a quotation mark, as some archives write it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sourcetrace.model import Article

__all__ = ["Quotation", "quotations"]

_OPEN = ("“", "«", "„", "``")
_CLOSE = ("”", "»")
_STRAIGHT = ('"', "''")  # two apostrophes stand for a quotation mark in some archives' text
_MARK = re.compile(r"[“”«»„\"]|''|``")


@dataclass(frozen=True, slots=True)
class Quotation:
    """One quotation: its pieces (one per paragraph), quotation marks included."""

    pieces: tuple[tuple[int, int], ...]
    closed: bool = True

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]

    def overlaps(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.pieces)


def quotations(article: Article) -> list[Quotation]:
    """Every quotation of the article, in text order."""
    text = article.text
    blocks = [(p.start, p.end) for p in article.paragraphs] or [(0, len(text))]
    found: list[Quotation] = []
    pending: list[tuple[int, int]] = []  # pieces of a quotation still open at a paragraph's end
    for index, (start, end) in enumerate(blocks):
        opened: int | None = None
        if pending and not _opens(text, start, end):
            found.append(Quotation(tuple(pending), closed=False))
            pending = []
        for mark in _MARK.finditer(text, start, end):
            ch = mark.group()
            if opened is None and (ch in _OPEN or ch in _STRAIGHT):
                opened = mark.start()
            elif opened is not None and (ch in _CLOSE or ch in _STRAIGHT):
                found.append(Quotation((*pending, (opened, mark.end()))))
                pending = []
                opened = None
        if opened is not None:
            pending.append((opened, end))
            last = index == len(blocks) - 1
            if last or not _opens(text, *blocks[index + 1]):
                found.append(Quotation(tuple(pending), closed=False))
                pending = []
    return [q for q in found if q.end - q.start > 2]


def _opens(text: str, start: int, end: int) -> bool:
    head = text[start:end].lstrip()
    return bool(head) and head.startswith((*_OPEN, *_STRAIGHT))
