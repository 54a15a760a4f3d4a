"""Two wordings of one claim compared word by word.

Words are compared as a reader would: in lower case, with straight apostrophes, contractions
spelled out ("didn't" is "did not"), British spellings made American and small numbers as digits
(``discrepancies.json``). What is left is classed, from the least to the most serious:

- ``cosmetic``: nothing but punctuation, case, quotation marks or spelling;
- ``abridged``: words cut, at either end (an excerpt) or inside, marked by an ellipsis or an
  editor's brackets or not ("a clause left out");
- ``reworded``: other words in place of the quoted ones, the ones that carry the sense unchanged;
- ``substantive``: a negation added or dropped, or a word that reverses the sense ("like" and
  "unlike", "it is false that"), a number, name or modal ("could", "will") changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any, Literal

from sourcetrace.corpus._claims import spelling
from sourcetrace.data import load_json

__all__ = [
    "LEVELS", "Change", "Token", "WordDiff", "closes_quotation", "closing_mark", "compare", "lexicon",
    "quoted_parts",
    "ratio", "same_words", "tokens",
]

Level = Literal["cosmetic", "abridged", "reworded", "substantive"]
LEVELS: tuple[Level, ...] = ("cosmetic", "abridged", "reworded", "substantive")
SUBSTANTIVE = ("negation", "reversal", "number", "name", "modal")

_TOKEN = re.compile(
    r"(?P<gap>…|\.(?:\s?\.){2}|\[[^\]]{0,80}\])"
    r"|(?P<number>\$?\d+(?:[,.:]\d+)*%?)"
    r"|(?P<word>[^\W\d_][^\W_]*(?:['’‘`\-.][^\W_]+)*)"
    r"|(?P<percent>%)"
)
# Quotation marks, paired: “…”, "…", ''…'' (as some archives print them), «…» and ‘…’.
_QUOTED = re.compile(
    r"“([^”]+)”?|\"([^\"]+)\"?|''(.+?)(?:''|$)|«([^»]+)»?|(?<![\w])‘([^’]+(?:’\w[^’]*)*)’(?!\w)")
_ASIDE = tuple(",;—–-()")
_OPENING = "\"“”'‘’("


@dataclass(frozen=True, slots=True)
class Token:
    """A word as written (``text``, at ``start``–``end`` in the article) and as compared
    (``norm``); ``kind`` is ``word``, ``number``, or ``gap`` (an ellipsis or brackets: words
    left out or supplied by the editor). ``name``: a capitalised word inside a sentence."""

    text: str
    norm: str
    start: int
    end: int
    kind: str
    name: bool = False
    opens: bool = False  # a comma, dash or bracket just before it
    closes: bool = False  # and just after it


@dataclass(frozen=True, slots=True)
class Change:
    """One difference: what it is (``negation``, ``reversal``, ``number``, ``name``, ``modal``,
    ``reworded``, ``abridged``, ``cosmetic``), the words on each side as written, and where they
    are in each article (``None`` for words that are not on that side)."""

    kind: str
    a: str
    b: str
    a_span: tuple[int, int] | None = None
    b_span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class WordDiff:
    """Two wordings compared: the level of their most serious difference, each difference, and
    the whole of both as ``(tag, a, b)`` pieces (``equal``, ``delete``, ``insert``,
    ``replace``) for showing them side by side."""

    level: Level | None
    changes: tuple[Change, ...]
    ops: tuple[tuple[str, str, str], ...]

    @property
    def substantive(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.kind in SUBSTANTIVE)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    data: dict[str, Any] = load_json("discrepancies.json")
    return data


@lru_cache(maxsize=1)
def _sets() -> dict[str, frozenset[str]]:
    data = lexicon()
    keys = ("negations", "modals", "reversing", "conditions", "first_person")
    return {key: frozenset(data[key]) for key in keys}


def quoted_parts(text: str, offset: int = 0) -> list[tuple[int, str]]:
    """The stretches of ``text`` inside quotation marks, with their offsets (``offset`` added)."""
    parts = []
    for match in _QUOTED.finditer(text):
        group = next(i for i in range(1, 6) if match.group(i) is not None)
        if match.group(group).strip():
            parts.append((offset + match.start(group), match.group(group)))
    return parts


def closing_mark(sentence: str) -> int | None:
    """Where a sentence ends a quotation it does not open (the last of several quoted sentences:
    someone's words, whoever the paragraph before says); ``None`` when it does not."""
    close = re.search(r"[”\"»]|''", sentence)
    return close.start() if close and re.search(r"[“«]", sentence) is None else None


def closes_quotation(sentence: str) -> bool:
    return closing_mark(sentence) is not None


def tokens(segments: Iterable[tuple[int, str]]) -> list[Token]:
    """The tokens of some stretches of an article, each given with its offset; a stretch starts
    a sentence (its first word is no name)."""
    out: list[Token] = []
    for offset, text in segments:
        last = len(text.rstrip())
        for match in _TOKEN.finditer(text):
            kind = match.lastgroup or "word"
            raw = match.group()
            start, end = offset + match.start(), offset + match.end()
            if kind == "gap":
                out.append(Token(raw, raw, start, end, "gap"))
                continue
            at, after = match.start(), match.end()
            name = kind == "word" and raw[:1].isupper() and raw != "I" and not _starts_sentence(text, at)
            opens = at > 0 and text[max(0, at - 8) : at].rstrip()[-1:] in _ASIDE
            closes = after < last and text[after : after + 8].lstrip()[:1] in _ASIDE
            for norm in _normal(raw, kind):
                number = norm[:1].isdigit()
                out.append(Token(raw, norm, start, end, "number" if number else "word", name, opens, closes))
    return out


def _starts_sentence(text: str, at: int) -> bool:
    """Whether the word at ``at`` opens a sentence or a quotation (so a capital says nothing)."""
    before = text[max(0, at - 12) : at].rstrip()
    if not before:
        return text[:at].strip() == ""
    if before[-1] in "“‘(\"":
        return True
    before = before.rstrip(_OPENING).rstrip()
    return not before or before[-1] in ".!?:;—–"


def _normal(raw: str, kind: str) -> list[str]:
    data = lexicon()
    if kind == "percent":
        return ["percent"]
    word = re.sub("[’‘`]", "'", raw.lower())
    if kind == "number":
        number = word.lstrip("$").replace(",", "")
        return [number[:-1], "percent"] if number.endswith("%") else [number]
    if word in data["contractions"]:
        return str(data["contractions"][word]).split()
    if word.endswith("n't"):
        return [word[:-3], "not"]
    word = word.removesuffix("'s").replace(".", "")
    return [data["numbers"].get(word) or spelling(word)]


def words_of(found: Sequence[Token]) -> list[Token]:
    return [t for t in found if t.kind != "gap"]


def ratio(a: Sequence[Token], b: Sequence[Token]) -> float:
    """How alike two wordings are: difflib's ratio over their compared words."""
    words_a, words_b = [t.norm for t in words_of(a)], [t.norm for t in words_of(b)]
    return SequenceMatcher(None, words_a, words_b, autojunk=False).ratio()


def same_words(a: Sequence[Token], b: Sequence[Token]) -> bool:
    """Whether two wordings are the same words: nearly all the words of the shorter found, in
    runs, in the other (so that two speakers given them, or two occasions, disagree)."""
    wa, wb = [t.norm for t in words_of(a)], [t.norm for t in words_of(b)]
    shorter = min(len(wa), len(wb))
    if shorter < lexicon()["min_words"]:
        return False
    blocks = SequenceMatcher(None, wa, wb, autojunk=False).get_matching_blocks()
    shared = sum(block.size for block in blocks if block.size >= lexicon()["run_words"])
    return bool(shared >= lexicon()["same_words"] * shorter)


def compare(a: Sequence[Token], b: Sequence[Token]) -> WordDiff:
    """How wording ``b`` differs from wording ``a``."""
    wa, wb = words_of(a), words_of(b)
    matcher = SequenceMatcher(None, [t.norm for t in wa], [t.norm for t in wb], autojunk=False)
    changes: list[Change] = []
    ops: list[tuple[str, str, str]] = []
    for tag, i1, i2, j1, j2 in _whole_words(matcher.get_opcodes(), wa, wb):
        ops.append((tag, _written(wa[i1:i2]), _written(wb[j1:j2])))
        if tag == "equal":
            continue
        edge = (i1 == 0 and j1 == 0) or (i2 == len(wa) and j2 == len(wb))
        gap = _gap_between(a, wa, i1, i2) or _gap_between(b, wb, j1, j2)
        kind = _classify(wa[i1:i2], wb[j1:j2], edge=edge, gap=gap)
        # Words added or left out are shown with the word before them ("should" → "shouldn't").
        before = 1 if tag != "replace" and i1 and j1 else 0
        shown_a, shown_b = wa[i1 - before : i2], wb[j1 - before : j2]
        changes.append(Change(kind, _written(shown_a), _written(shown_b), _span(shown_a), _span(shown_b)))
    if not changes and [t.text for t in a] != [t.text for t in b]:
        changes.append(Change("cosmetic", _written(a), _written(b), _span(a), _span(b)))
    return WordDiff(_level(changes), tuple(changes), tuple(ops))


Opcode = tuple[str, int, int, int, int]


def _whole_words(opcodes: Sequence[Opcode], wa: Sequence[Token], wb: Sequence[Token]) -> list[Opcode]:
    """difflib's opcodes with no written word split between two of them: "should" and
    "shouldn't" (compared as "should not") are one replacement, not "should" kept and "not" added."""
    out: list[Opcode] = []
    for tag, i1, i2, j1, j2 in opcodes:
        split = tag != "equal" and out and out[-1][0] == "equal" and (
            (0 < i1 < len(wa) and i1 < i2 and _same(wa[i1 - 1], wa[i1]))
            or (0 < j1 < len(wb) and j1 < j2 and _same(wb[j1 - 1], wb[j1])))
        if split:
            _, e1, _, f1, _ = out.pop()
            if e1 < i1 - 1:
                out.append(("equal", e1, i1 - 1, f1, j1 - 1))
            tag, i1, j1 = "replace", i1 - 1, j1 - 1
        out.append((tag, i1, i2, j1, j2))
    return out


def _same(a: Token, b: Token) -> bool:
    return (a.start, a.end) == (b.start, b.end)


def _classify(a: Sequence[Token], b: Sequence[Token], *, edge: bool, gap: bool) -> str:
    """What one difference is. Words left out where the report marks a cut (an ellipsis,
    brackets) or at either end (an excerpt) are an abridgement, whatever they held, unless they
    say the rest is false (so is an aside set off by commas or dashes); left out unmarked inside,
    a negation or a condition changes the sense."""
    sets = _sets()
    added = a or b
    aside = not (a and b) and len(added) > 2 and added[0].opens and added[-1].closes  # ", not me, not Bill,"
    cut = not (a and b) and (gap or edge or aside)
    changed = {t.norm for t in a} ^ {t.norm for t in b}
    negations = [sum(t.norm in sets["negations"] for t in side) for side in (a, b)]
    if not cut and negations[0] != negations[1]:
        return "negation"
    if (a and b and _opposites(a, b)) or changed & sets["reversing"] or (
            not cut and changed & sets["conditions"]):
        return "reversal"
    if a and b:
        if _differ(a, b, lambda t: t.kind == "number"):
            return "number"
        if _differ(a, b, lambda t: t.name) and any(t.name for t in a) and any(t.name for t in b):
            return "name"
    modal_only = not cut and len(a) + len(b) <= 2  # "could make" → "make"; not a clause cut
    if _differ(a, b, lambda t: t.norm in sets["modals"]) and ((a and b) or modal_only):
        return "modal"
    if not (a and b) or gap or (edge and min(len(a), len(b)) >= 3):
        return "abridged"
    return "reworded"


def _differ(a: Sequence[Token], b: Sequence[Token], test: Any) -> bool:
    return {t.norm for t in a if test(t)} != {t.norm for t in b if test(t)}


def _opposites(a: Sequence[Token], b: Sequence[Token]) -> bool:
    """Whether a word on one side is the other's with a negating prefix ("like" and "unlike")."""
    prefixes = lexicon()["prefixes"]
    for x in a:
        for y in b:
            short, long_ = sorted((x.norm, y.norm), key=len)
            if len(short) >= 4 and any(long_ == p + short for p in prefixes):
                return True
    return False


def _gap_between(found: Sequence[Token], words: Sequence[Token], i1: int, i2: int) -> bool:
    """Whether an ellipsis or brackets stand where ``words[i1:i2]`` is (or would be)."""
    low = words[i1 - 1].end if i1 > 0 else -1
    high = words[i2].start if i2 < len(words) else 1 << 62
    return any(t.kind == "gap" and low <= t.start and t.end <= high for t in found)


def _level(changes: Sequence[Change]) -> Level | None:
    if not changes:
        return None
    rank = {"cosmetic": 0, "abridged": 1, "reworded": 2}
    return LEVELS[max(rank.get(c.kind, 3) for c in changes)]


def _written(found: Sequence[Token]) -> str:
    """The words as written (a contraction, two words compared, written once)."""
    return " ".join({(t.start, t.end): t.text for t in found}.values())


def _span(found: Sequence[Token]) -> tuple[int, int] | None:
    return (found[0].start, found[-1].end) if found else None
