"""Choosing which blocks of an extracted HTML body are the article.

trafilatura keeps whole paragraphs but lets some page chrome through: the headline repeated
above the text, "Read more: …" teasers, newsletter pitches, photo credits, lists of related
headlines. The blocks go through three steps, each a rule a reader of the page would apply:

1. the *header* goes: the headline, kickers above it, a standfirst and byline/date lines below;
2. *chrome* goes: short blocks matching the patterns of ``data/html_boilerplate.json``;
3. *related links* go: a "Related stories" marker with the headlines under it, and runs of
   linked headlines without a marker.

(Letting a second, precision-mode trafilatura run vote on the blocks too was tried on the
article-extraction benchmark: F1 +0.0007, within noise, for 80% more extraction time.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from re import Pattern
from typing import Any

from sourcetrace.data import load_json
from sourcetrace.extract._dates import month_names
from sourcetrace.extract._text import ends_sentence, normal_words, word_count

__all__ = ["Block", "embedded_post_classes", "select_blocks"]

_SPACES = re.compile(r"[^\S\n]+")
_URL = re.compile(r"(?:https?://|www\.)\S+$")

# The headline is looked for among the first blocks only; blocks above it are kickers and
# breadcrumbs ("News > Nation", "TECH") when they are this short.
_HEADER_BLOCKS = 5
_KICKER_MAX_WORDS = 8
# A sub-heading under the headline is its standfirst when it is a sentence rather than a label.
_STANDFIRST_MIN_WORDS = 5
_META_MAX_WORDS = 15
# A teaser for another page: a short block that is a link, or a heading. Under a "Related"
# marker, a short block that is half link text or is not a sentence is one too.
_TEASER_MAX_WORDS = 20
_LINK_ONLY = 0.9
_HEADLINE_LINKED = 0.5
# Three teasers in a row make a list of other pages, if enough of them are links.
_LINK_RUN_MIN = 3
_LINK_RUN_MIN_LINKS = 2


@dataclass(frozen=True, slots=True)
class Block:
    """One candidate block: its text, the share of that text which is link anchors, and its
    heading level (1 for ``<h1>``; 0 when it is not a heading)."""

    text: str
    linked: float = 0.0
    heading: int = 0
    words: int = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", word_count(self.text))


@dataclass(frozen=True)
class _Rules:
    max_words: int
    chrome: Pattern[str]
    related: Pattern[str]
    meta: Pattern[str]
    embeds: tuple[str, ...]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    raw: dict[str, Any] = load_json("html_boilerplate.json")
    months = "|".join(sorted(month_names(), key=len, reverse=True))

    def whole(patterns: list[str]) -> Pattern[str]:
        joined = "|".join(f"(?:{p})" for p in patterns).replace("MONTHS", months)
        return re.compile(rf"(?:{joined})\s*", re.IGNORECASE | re.DOTALL)

    return _Rules(
        max_words=int(raw["max_words"]),
        chrome=whole([p for group in raw["chrome"] for p in group["patterns"]]),
        related=whole(raw["related_markers"]["patterns"]),
        meta=whole(raw["meta_lines"]["patterns"]),
        embeds=tuple(raw["embedded_posts"]["classes"]),
    )


def embedded_post_classes() -> tuple[str, ...]:
    """Classes of the ``<blockquote>`` that social platforms' embed code puts a post in."""
    return _rules().embeds


def select_blocks(
    blocks: Sequence[Block], *, title: str | None = None, url: str | None = None
) -> list[int]:
    """The indices of the blocks that are the article, in order; ``title`` and ``url`` are the
    page's, from its metadata."""
    keep = _without_header(blocks, list(range(len(blocks))), title)
    keep = [i for i in keep if not _is_chrome(blocks[i], url)]
    keep = _without_related(blocks, keep)
    return _without_link_runs(blocks, keep)


def _flat(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


# -- the header -------------------------------------------------------------------------------


def _without_header(blocks: Sequence[Block], keep: list[int], title: str | None) -> list[int]:
    """Drop the headline repeated at the top of the body, the kickers above it, the standfirst
    and the byline and date lines below it: the article has them as metadata already."""
    start = 0
    head = _headline_position(blocks, keep[:_HEADER_BLOCKS], title)
    if head is not None and all(blocks[i].words <= _KICKER_MAX_WORDS for i in keep[:head]):
        start = head + 1
        if start < len(keep) and _is_standfirst(blocks[keep[start]]):
            start += 1
    while start < len(keep) and _is_meta(blocks[keep[start]]):
        start += 1
    return keep[start:]


def _headline_position(blocks: Sequence[Block], first: list[int], title: str | None) -> int | None:
    """Where the headline is: an ``<h1>``, or a block that reads as the page's title."""
    wanted = normal_words(title or "")
    for position, i in enumerate(first):
        if blocks[i].heading == 1:
            return position
        text = normal_words(blocks[i].text)
        # The page title may carry the site's name ("Headline | Site"), the heading does not.
        if text and wanted and (text == wanted or (len(text) >= len(wanted) / 2 and text in wanted)):
            return position
    return None


def _is_standfirst(block: Block) -> bool:
    return block.heading > 1 and block.words >= _STANDFIRST_MIN_WORDS


def _is_meta(block: Block) -> bool:
    """A byline or date line; a sentence that mentions a date ("At 10:30 the council met.")
    is the article's first paragraph instead."""
    text = _flat(block.text)
    if block.words > _META_MAX_WORDS or (block.words > 5 and text.endswith((".", "!", "?"))):
        return False
    return bool(_rules().meta.fullmatch(text))


# -- chrome and related links -----------------------------------------------------------------


def _is_chrome(block: Block, url: str | None) -> bool:
    text = _flat(block.text)
    if url and text.rstrip("/") == url.rstrip("/"):
        return True  # the page's own address, printed for sharing
    return block.words <= _rules().max_words and bool(_rules().chrome.fullmatch(text))


def _without_related(blocks: Sequence[Block], keep: list[int]) -> list[int]:
    """Drop a "Related stories" / "You may also like" marker and the teasers listed under it."""
    out: list[int] = []
    position = 0
    while position < len(keep):
        block = blocks[keep[position]]
        if block.words <= _rules().max_words and _rules().related.fullmatch(_flat(block.text)):
            position += 1
            while position < len(keep) and _is_headline(blocks[keep[position]]):
                position += 1
            continue
        out.append(keep[position])
        position += 1
    return out


def _is_headline(block: Block) -> bool:
    """A headline under a marker: short, and a link or not a sentence."""
    if block.words > _TEASER_MAX_WORDS:
        return False
    return block.linked >= _HEADLINE_LINKED or not ends_sentence(_flat(block.text))


def _without_link_runs(blocks: Sequence[Block], keep: list[int]) -> list[int]:
    """Drop runs of teasers with no marker above them: several short links and headings in a
    row, enough of them nothing but a link, are a list of other pages."""
    out: list[int] = []
    position = 0
    while position < len(keep):
        end = position
        while end < len(keep) and _is_teaser(blocks[keep[end]]):
            end += 1
        if end == position:
            out.append(keep[position])
            position += 1
            continue
        run = keep[position:end]
        links = sum(1 for i in run if blocks[i].linked >= _LINK_ONLY)
        if len(run) < _LINK_RUN_MIN or links < max(_LINK_RUN_MIN_LINKS, len(run) / 3):
            out.extend(run)
        position = end
    return out


def _is_teaser(block: Block) -> bool:
    if block.words > _TEASER_MAX_WORDS or _URL.match(block.text):
        return False  # a written-out address is a reference the article cites, not a teaser
    return block.linked >= _LINK_ONLY or block.heading > 0
