"""Sentences that assert something in the article's own voice, with no source.

A sentence counts when it lies outside every attribution (its source, cue and content), is a
statement (not a question, a heading or the title), opens outside a quotation, and has at least
``MIN_WORDS`` words. Its hedges are weighed as for attributed claims.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from sourcetrace.attribution._hedging import certainty, find_hedges
from sourcetrace.attribution._lexicon import Lexicon
from sourcetrace.attribution._quotes import merge_spans
from sourcetrace.attribution._segment import Segment, sentences
from sourcetrace.model import Article, Attribution, Claim, Span

__all__ = ["MIN_WORDS", "unattributed_claims"]

MIN_WORDS = 6
_WORD = re.compile(r"\w+")


def unattributed_claims(
    article: Article, segs: list[Segment], attributions: list[Attribution], lexicon: Lexicon, *, limit: int
) -> list[Claim]:
    text = article.text
    covered = merge_spans(
        (s.start, s.end) for a in attributions for s in (*a.source, *a.cue, *a.content)
    )
    starts = [s for s, _ in covered]
    headings = {(p.start, p.end) for p in article.paragraphs if p.kind == "heading"}
    claims: list[Claim] = []
    for seg in segs:
        if seg.start >= limit or (seg.start, seg.end) in headings:
            continue
        for start, end in sentences(text, seg.start, min(seg.end, limit)):
            sentence = text[start:end].strip()
            if (len(_WORD.findall(sentence)) < MIN_WORDS or sentence.endswith("?")
                    or sentence[0] in "\"“«'‘" or sentence == (article.title or "").strip()
                    or _overlaps(covered, starts, start, end)):
                continue
            hedges = find_hedges(text, [(start, end)], lexicon)
            claims.append(Claim(Span(start, end), certainty(hedges), hedges))
    return claims


def _overlaps(covered: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether ``[start, end)`` meets one of the merged, sorted ``covered`` spans."""
    i = bisect_left(starts, end)  # spans starting before ``end``: only the last can reach in
    return i > 0 and covered[i - 1][1] > start
