"""The trained tagger's attributions as engine candidates, and their merge with the rules'.

The tagger finds spans (cue, source, content) and links them into attributions
(:mod:`sourcetrace.attribution._tagger`); the rules find theirs in the dependency parse. Here a
tagged attribution becomes a :class:`~sourcetrace.attribution._cues.Candidate` the rest of the
engine (source typing and merging, hedging, nesting, chains) works on as on a rule's:

- its source gets the parse's words and tags (a :class:`Mention`), from the rule candidate that
  found the same source when there is one, else from the parsed tokens the span covers;
- it is named after the rule that found the same cue (so that what downstream knows of that rule,
  say that a ``verb_object`` content is a topic rather than a statement, still holds), or
  ``model`` when no rule did, and carries the model's name and confidence.

With ``engine="hybrid"`` the rules fill in what the tagger left empty (the source or content of a
cue it marked, when a rule found the same cue), and the candidates of the rules that are surest
(``according_to``, ``headline_colon``) are kept where the tagger marked no cue; with
``engine="model"`` only the tagger's spans are used.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from sourcetrace.attribution._cues import Candidate, Mention
from sourcetrace.attribution._tagger import Linked

__all__ = ["Parsed", "Token", "merge", "model_candidates"]

MODEL_RULE = "model"
_KEEP_RULES = frozenset({"according_to", "headline_colon"})
"""Rules whose candidates the hybrid keeps where the tagger marked no cue. Keeping the other rules'
as well lowers every exact F1 on PolNeAR dev (more relations found, fewer of them right)."""
_PRONOUNS = frozenset({
    "i", "we", "you", "he", "she", "it", "they", "me", "us", "him", "her", "them", "who", "which", "that",
})
_CLAUSE_TAGS = frozenset({"WDT", "WP", "WP$"})


@dataclass(frozen=True, slots=True)
class Token:
    """A parsed token: ``text[start:end]``, its tag, and whether its syntactic head lies at or
    after ``head`` (the head's start offset)."""

    start: int
    end: int
    text: str
    tag: str
    head: int


class Parsed:
    """The tokens and sentences the parser saw in one article, in text order."""

    def __init__(self, tokens: list[Token], sentences: list[tuple[int, int]]) -> None:
        self.tokens = sorted(tokens, key=lambda t: t.start)
        self.sentences = sorted(sentences)
        self._starts = [t.start for t in self.tokens]
        self._sentence_starts = [s for s, _ in self.sentences]

    def covered(self, start: int, end: int) -> list[Token]:
        first = bisect.bisect_left(self._starts, start)
        last = bisect.bisect_left(self._starts, end)
        return [t for t in self.tokens[first:last] if t.end <= end]

    def sentence(self, offset: int) -> tuple[int, int] | None:
        k = bisect.bisect_right(self._sentence_starts, offset) - 1
        if k >= 0 and self.sentences[k][0] <= offset < self.sentences[k][1]:
            return self.sentences[k]
        return None


def model_candidates(
    linked: Sequence[Linked], rules: Sequence[Candidate], parsed: Parsed, text: str, name: str,
    *, fill: bool = False,
) -> list[Candidate]:
    """One candidate per tagged attribution; with ``fill``, a source or content the tagger left
    empty is taken from the rule that found the same cue, when one did."""
    by_cue = _rule_index(rules)
    out: list[Candidate] = []
    for item in linked:
        rule = _overlapping(by_cue, item.cue.start, item.cue.end)
        source = None
        if item.sources:
            first = item.sources[0]  # the nearest the cue
            source = (_rule_mention(rules, first.start, first.end)
                      or _mention(parsed, text, first.start, first.end))
        elif rule is not None and fill:
            source = rule.source
        content = sorted((c.start, c.end) for c in item.content)
        if rule is not None and rule.content and fill and not content:
            content = list(rule.content)
        sentence = (rule.sentence if rule is not None
                    else parsed.sentence(item.cue.start) or _line(text, item.cue.start, item.cue.end))
        out.append(Candidate(
            cue=[(item.cue.start, item.cue.end)],
            content=content,
            source=source,
            rule=rule.rule if rule is not None else MODEL_RULE,
            sentence=sentence,
            model=name,
            confidence=round(item.confidence, 3),
        ))
    return out


def merge(model: list[Candidate], rules: Sequence[Candidate], *, hybrid: bool) -> list[Candidate]:
    """The tagger's candidates, and with ``hybrid`` the trusted rules' ones at cues it did not mark."""
    if not hybrid:
        return list(model)
    marked = sorted((c.cue[0] for c in model), key=lambda p: p[0])
    starts = [s for s, _ in marked]
    kept = [
        cand for cand in rules
        if cand.rule in _KEEP_RULES and cand.content and not _hits(marked, starts, cand.cue[0])
    ]
    return [*model, *kept]


def _rule_index(rules: Sequence[Candidate]) -> list[tuple[int, int, Candidate]]:
    return sorted(((c.cue[0][0], c.cue[-1][1], c) for c in rules if c.cue), key=lambda x: x[0])


def _overlapping(index: list[tuple[int, int, Candidate]], start: int, end: int) -> Candidate | None:
    for s, e, cand in index:
        if s >= end:
            break
        if e > start:
            return cand
    return None


def _hits(marked: list[tuple[int, int]], starts: list[int], piece: tuple[int, int]) -> bool:
    k = bisect.bisect_left(starts, piece[1])
    return any(e > piece[0] for _, e in marked[max(0, k - 3) : k])


def _rule_mention(rules: Sequence[Candidate], start: int, end: int) -> Mention | None:
    """A rule's source mention that overlaps ``[start, end)``, with the tagger's boundaries."""
    for cand in rules:
        m = cand.source
        if m is not None and m.start < end and start < m.end:
            return Mention(start, end, m.head, m.head_tag, m.words, m.antecedent)
    return None


def _mention(parsed: Parsed, text: str, start: int, end: int) -> Mention:
    """A mention from the parsed tokens the span covers: its head is the token whose own head lies
    outside the span (a noun or pronoun first), its words stop where a relative clause begins.
    Where the span was not parsed, words are tagged by their shape."""
    tokens = parsed.covered(start, end)
    if not tokens:
        words = tuple((w, _shape_tag(w)) for w in text[start:end].split())
        if not words:
            words = ((text[start:end], "NN"),)
        return Mention(start, end, head=words[-1][0], head_tag=words[-1][1], words=words)
    inside = {t.start for t in tokens}
    heads = [t for t in tokens if t.head not in inside or t.head == t.start]
    head = next((t for t in heads if t.tag.startswith(("NN", "PRP"))), heads[0] if heads else tokens[-1])
    kept: list[Token] = []
    for t in tokens:
        clause = t.tag in _CLAUSE_TAGS or (t.text == "," and kept and kept[-1].tag != ",")
        if t.start > head.start and clause:
            break
        kept.append(t)
    words = tuple((t.text, t.tag) for t in kept) or ((head.text, head.tag),)
    return Mention(start, end, head=head.text, head_tag=head.tag, words=words)


def _shape_tag(word: str) -> str:
    if word.lower() in _PRONOUNS:
        return "PRP"
    return "NNP" if word[:1].isupper() else "NN"


def _line(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph around ``[start, end)``, for a cue the parser did not see."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    return first, len(text) if last < 0 else last
