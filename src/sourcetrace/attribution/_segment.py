"""Cut an article into the stretches worth parsing.

Parsing is the engine's main cost, and most sentences hold no attribution. The text is split
into paragraphs and, cheaply, into sentences; a sentence is kept when it holds a word that can
start a cue: a trigger form of a cue verb (one heading a cue in at least the lexicon's
``trigger_threshold`` of its uses in PolNeAR train), "according" or "reportedly". Quotation marks
alone do not make a sentence worth parsing: quotations are found in the text and joined to their
cues afterwards. Consecutive kept sentences of one paragraph are parsed together, so the parser
still sees their context. The sentences left out are returned too: they are candidates for
unattributed claims.

Every piece is bounded: a "sentence" longer than ``MAX_PIECE`` characters (a page with no
punctuation) is cut at white space, so no single parse can run away.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sourcetrace.model import Article

__all__ = ["MAX_PIECE", "Segment", "segments", "sentences"]

MAX_PIECE = 3_000
_RUN_LIMIT = 6_000
_WORD = re.compile(r"[A-Za-z]+")
# A sentence ends at . ! ? (and any closing quotes or brackets) followed by white space and
# something that can start a sentence; not after a short abbreviation ("Mr.", "U.S.", "Jan.").
_END = re.compile(r"(?<=[.!?])([\"”’')\]]*)\s+(?=[\"“‘'(\[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Z]\.)+|\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Jr|Sr|St|Prof|Rev|Gen|Adm|"
    r"Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|No|Vol|vs|etc|Inc|Corp|Co|Ltd|U\.S|approx)\.)$"
)


@dataclass(frozen=True, slots=True)
class Segment:
    """``text[start:end]`` of the article; ``parse`` says whether it goes to the parser."""

    start: int
    end: int
    parse: bool


def sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence-like pieces of ``text[start:end]``, none longer than ``MAX_PIECE``."""
    pos = start
    for match in _END.finditer(text, start, end):
        if _ABBREVIATION.search(text, max(pos, match.start() - 12), match.start()):
            continue
        yield from _bounded(text, pos, match.end(1))  # closing quotes and brackets stay
        pos = match.end()
    if pos < end:
        yield from _bounded(text, pos, end)


def _bounded(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > MAX_PIECE:
        cut = text.rfind(" ", start + MAX_PIECE // 2, start + MAX_PIECE)
        cut = cut if cut > start else start + MAX_PIECE
        yield start, cut
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end


def segments(
    article: Article, triggers: frozenset[str], wanted: Callable[[int, int], bool] | None = None
) -> list[Segment]:
    """The article as parsed runs and skipped sentences, in text order. A sentence is parsed when
    it holds a trigger word, or, when ``wanted`` is given, when ``wanted(start, end)`` says so
    instead (the trained model's spans decide then)."""
    text = article.text
    blocks = [(p.start, p.end) for p in article.paragraphs] or [(0, len(text))]
    out: list[Segment] = []
    for block_start, block_end in blocks:
        run: tuple[int, int] | None = None
        for s, e in sentences(text, block_start, block_end):
            if wanted is not None:
                keep = wanted(s, e)
            else:
                keep = any(w.lower() in triggers for w in _WORD.findall(text[s:e]))
            if keep and run is not None and e - run[0] <= _RUN_LIMIT:
                run = (run[0], e)
                continue
            if run is not None:
                out.append(Segment(*run, parse=True))
                run = None
            if keep:
                run = (s, e)
            else:
                out.append(Segment(s, e, parse=False))
        if run is not None:
            out.append(Segment(*run, parse=True))
    return out
