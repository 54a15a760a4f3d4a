"""The trained attribution tagger's text side: word pieces, windows and decoding.

The model labels every word piece of an article with one of :data:`LABELS` (BIO over the three
roles). Articles are longer than its window, so their pieces are cut into windows of whole
paragraphs packed up to :data:`WINDOW` pieces; a paragraph longer than that is cut into
overlapping windows, and each piece takes its label from the window where it sits furthest from
an edge. Training (``training/train_attribution.py``) and the engine use these same functions, so
what the model learnt on is what it is given. Only NumPy is needed here; the tokenizer and the
ONNX session are passed in.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = [
    "ENTRY", "LABELS", "ROLES", "WINDOW", "Linked", "Tagged", "Window", "best_labels", "decode", "link",
    "windows",
]

ROLES = ("source", "cue", "content")
LABELS = ("O", "B-source", "I-source", "B-cue", "I-cue", "B-content", "I-content")
WINDOW = 126
"""Word pieces per window, [CLS] and [SEP] aside (the shipped model's; its ``meta.json`` says)."""
_OVERLAP = WINDOW // 4
_BREAK = re.compile(r"\n\s*")


@dataclass(frozen=True, slots=True)
class Window:
    """Pieces ``[start, end)`` go into the model; the labels of ``[keep_start, keep_end)`` are kept."""

    start: int
    end: int
    keep_start: int
    keep_end: int


@dataclass(frozen=True, slots=True)
class Tagged:
    """A span the model labelled with one role: ``text[start:end]``, and the mean probability the
    model gives its pieces of having that role."""

    role: str
    start: int
    end: int
    confidence: float


@dataclass(slots=True)
class Linked:
    """One attribution put together from tagged spans: a cue, with the sources (nearest the cue
    first) and content pieces linked to it."""

    cue: Tagged
    sources: list[Tagged]
    content: list[Tagged]

    @property
    def confidence(self) -> float:
        """The lowest confidence among its spans."""
        return min(s.confidence for s in (self.cue, *self.sources, *self.content))


def paragraph_starts(text: str) -> list[int]:
    """The offset where each paragraph (text between line breaks) starts."""
    return [0, *(m.end() for m in _BREAK.finditer(text))]


def windows(offsets: Sequence[tuple[int, int]], text: str, size: int = WINDOW) -> list[Window]:
    """Windows over an article's pieces: whole paragraphs packed up to ``size`` pieces; a longer
    paragraph alone, in windows overlapping by a quarter."""
    if not offsets:
        return []
    starts = paragraph_starts(text)
    # The paragraph of each piece, and where each paragraph's pieces begin.
    bounds: list[int] = []
    last = -1
    for i, (start, _) in enumerate(offsets):
        para = bisect.bisect_right(starts, start) - 1
        if para != last:
            bounds.append(i)
            last = para
    bounds.append(len(offsets))
    out: list[Window] = []
    open_start = None
    for first, stop in itertools.pairwise(bounds):
        if open_start is not None and stop - open_start > size:
            out.append(Window(open_start, first, open_start, first))
            open_start = None
        if stop - first > size:
            out.extend(_long(first, stop, size))
            continue
        if open_start is None:
            open_start = first
    if open_start is not None:
        out.append(Window(open_start, len(offsets), open_start, len(offsets)))
    return out


def _long(first: int, stop: int, size: int) -> Iterator[Window]:
    """Evenly spaced windows over one long paragraph, overlapping by at least a quarter; each
    keeps the pieces up to the middle of its overlaps."""
    spare = stop - first - size
    count = 1 + -(-spare // (size - _OVERLAP))
    starts = [first + round(k * spare / (count - 1)) for k in range(count)]
    for k, start in enumerate(starts):
        keep_start = first if k == 0 else (start + starts[k - 1] + size) // 2
        keep_end = stop if k == count - 1 else (start + size + starts[k + 1]) // 2
        yield Window(start, start + size, keep_start, keep_end)


ENTRY = (1.5, 1.0, 3.0)
"""What opening a span costs the decoder, per role (source, cue, content), in log-probability:
with nothing to pay, a piece or two the model is unsure of becomes a span of its own. Chosen
role by role (each for its own exact span F1, two rounds over 0-4) on a tenth of PolNeAR train
(84 articles) held out from a model trained like the shipped one on the other nine tenths."""


def decode(probs: np.ndarray, offsets: Sequence[tuple[int, int]], text: str,
           entry: Sequence[float] = ENTRY) -> list[Tagged]:
    """Spans from per-piece label probabilities (``len(offsets)`` rows, one column per label).

    The labels are read as the likeliest sequence that is valid BIO (:func:`best_labels`): an
    ``I-`` label continues a span of its own role, so the model's unsure pieces inside a span do
    not cut it in pieces. Span ends are widened to whole words (a word is never split between
    roles); a source or content of punctuation alone (a stray apostrophe or quotation mark) is
    dropped, a cue is kept (a colon can be one: "Graham: …"). A span's confidence is the mean
    over its pieces of the probability that the piece has its role (``B-`` or ``I-``)."""
    labels = best_labels(probs, entry)
    found: list[Tagged] = []
    role: str | None = None
    first = 0
    for i, label in enumerate(labels):
        name = LABELS[label]
        if name.startswith("I-"):  # best_labels puts one only after its own role
            continue
        if role is not None:
            found.append(_span(role, first, i, probs, offsets, text))
        role = None if name == "O" else name[2:]
        first = i
    if role is not None:
        found.append(_span(role, first, len(labels), probs, offsets, text))
    return _merge_words(found, text)


_INSIDE_BIT = (0, 0, 1, 0, 2, 0, 4)  # I-source, I-cue, I-content: their bit in ``opened``


def best_labels(probs: np.ndarray, entry: Sequence[float] = ENTRY) -> list[int]:
    """The likeliest label sequence (Viterbi, over log-probabilities) in which every ``I-x`` follows
    ``B-x`` or ``I-x``, opening a span of role ``x`` costing ``entry[x]`` more."""
    if not len(probs):
        return []
    logp = np.log(np.maximum(probs, 1e-9))
    logp[:, 1::2] -= np.asarray(entry, dtype=logp.dtype)  # B- columns: 1, 3, 5
    rows = logp.tolist()
    n = len(rows)
    # Where the path came from: ``before[t]``, the best label at t - 1 (for O and every B-); and
    # for each I-x, whether it came from B-x rather than I-x (bits 1, 2, 4 of ``opened[t]``).
    before = [0] * n
    opened = [0] * n
    s0, s1, _, s3, _, s5, _ = rows[0]
    s2 = s4 = s6 = -1e18
    # Seven scores in locals and comparisons written out: this loop runs once a word piece, and
    # written with max() over a list it took 6.5 ms an article against 2.7 (PolNeAR dev, beside a
    # training run).
    for t in range(1, n):
        high, top = s0, 0
        if s1 > high:
            high, top = s1, 1
        if s2 > high:
            high, top = s2, 2
        if s3 > high:
            high, top = s3, 3
        if s4 > high:
            high, top = s4, 4
        if s5 > high:
            high, top = s5, 5
        if s6 > high:
            high, top = s6, 6
        before[t] = top
        bits = 0
        if s1 >= s2:
            bits, s2 = 1, s1
        if s3 >= s4:
            bits, s4 = bits | 2, s3
        if s5 >= s6:
            bits, s6 = bits | 4, s5
        opened[t] = bits
        o, bs, is_, bc, ic, bt, it = rows[t]
        s0, s1, s2, s3, s4, s5, s6 = high + o, high + bs, s2 + is_, high + bc, s4 + ic, high + bt, s6 + it
    final = (s0, s1, s2, s3, s4, s5, s6)
    state = max(range(7), key=final.__getitem__)
    out = [0] * n
    for t in range(n - 1, 0, -1):
        out[t] = state
        bit = _INSIDE_BIT[state]
        if not bit:
            state = before[t]
        elif opened[t] & bit:
            state -= 1  # B-x
    out[0] = state
    return out


def _span(role: str, first: int, stop: int, probs: np.ndarray,
          offsets: Sequence[tuple[int, int]], text: str) -> Tagged:
    start, end = offsets[first][0], offsets[stop - 1][1]
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    begin = LABELS.index(f"B-{role}")
    inside = probs[first:stop, begin] + probs[first:stop, begin + 1]
    return Tagged(role, start, end, float(inside.mean()))


def _merge_words(found: list[Tagged], text: str) -> list[Tagged]:
    """Spans that the widening made overlap are cut where the second begins."""
    out: list[Tagged] = []
    for span in found:
        if out and span.start < out[-1].end:
            prev = out[-1]
            if span.role == prev.role:
                out[-1] = Tagged(prev.role, prev.start, max(prev.end, span.end),
                                 min(prev.confidence, span.confidence))
                continue
            if prev.start >= span.start:
                continue
            out[-1] = Tagged(prev.role, prev.start, span.start, prev.confidence)
        out.append(span)
    return [s for s in out if text[s.start : s.end].strip()
            and (s.role == "cue" or any(c.isalnum() for c in text[s.start : s.end]))]


# -- linking ---------------------------------------------------------------------------------------

_REACH = 600
"""How far (in characters) a content piece with no cue in its paragraph looks back for one."""


def link(spans: Sequence[Tagged], text: str) -> list[Linked]:
    """Attributions from tagged spans: one per cue. Each content piece and source goes to the
    nearest cue in its paragraph, one in its own sentence first (a content piece with none there,
    to the last cue before it within reach, as a quotation continued in the next paragraph does);
    a cue left without a source takes the nearest source before it in its paragraph. A cue's
    sources come nearest first (the engine gives it the first)."""
    cues = [s for s in spans if s.role == "cue"]
    if not cues:
        return []
    starts = paragraph_starts(text)
    para = [bisect.bisect_right(starts, c.start) - 1 for c in cues]
    linked = [Linked(c, [], []) for c in cues]
    for span in spans:
        if span.role == "cue":
            continue
        here = bisect.bisect_right(starts, span.start) - 1
        near = [k for k, p in enumerate(para) if p == here]
        if not near and span.role == "content":
            before = [k for k, c in enumerate(cues) if c.end <= span.start and span.start - c.end <= _REACH]
            near = before[-1:]
        if not near:
            continue
        k = min(near, key=lambda k: _gap(cues[k], span, text))
        (linked[k].sources if span.role == "source" else linked[k].content).append(span)
    sources = [s for s in spans if s.role == "source"]
    for k, item in enumerate(linked):
        if item.sources:
            _nearest_first(item, text)
            continue
        earlier = [s for s in sources if s.end <= item.cue.start
                   and bisect.bisect_right(starts, s.start) - 1 == para[k]]
        if earlier:
            item.sources.append(earlier[-1])
    return linked


def _nearest_first(item: Linked, text: str) -> None:
    item.sources.sort(key=lambda s: _gap(item.cue, s, text))


_SENTENCE_END = re.compile(r"[.!?][\"”’')]*\s")


def _gap(a: Tagged, b: Tagged, text: str) -> int:
    """Characters between two spans; a sentence end between them counts as a long way."""
    start, end = min(a.end, b.end), max(a.start, b.start)
    far = 10_000 if start < end and _SENTENCE_END.search(text, start, end) else 0
    return far + max(0, b.start - a.end, a.start - b.end)
