"""Read PolNeAR's brat annotations and score attribution predictions against them.

PolNeAR (Newell, Margolin & Ruths, LREC 2018) annotates attributions in political news as brat
standoff: ``SPLIT/text/ID.txt`` holds the article and ``SPLIT/attributions/ID_ANNOTATOR.ann`` its
annotation. This module is the engine-independent half of the attribution evaluation: a loader
(:func:`load_split`) and the metrics (:func:`score`, :func:`format_table`). It needs only the stdlib.

Reading the annotation
    Only lines matching ``^[TE]\\d+\\t`` count; annotator notes, blank lines and the continuation of a
    text field that spans a line break are skipped silently. ``T`` lines give a label and offsets
    (``start end[;start end…]``, character offsets into the text); ``E`` lines join them into one
    attribution: ``Attribution:T4 Content:T3 Cue:T2 Source:T1`` (``Attribution-no-source`` events have
    no Source). The role comes from the event argument, not the ``T`` label, because a few events in
    train point at a text bound with another label. A role repeated with a digit suffix
    (``Content2:T8``) adds its pieces to the same role; an event with no arguments is skipped. A line
    that cannot be read (bad offsets, a reference to an undefined ``T``, an unknown role, a text field
    that disagrees with the offsets, an event type other than ``Attribution``/``Attribution-no-source``)
    gives an :class:`AnnotationWarning` naming file and line, and the rest of the file still loads; so
    does a .ann file whose article has no text file.

Scoring (micro-averaged over all articles)
    * Per role (source, cue, content): precision, recall and F1 over the non-whitespace characters
      covered by that role, as a set of (article, offset).
    * Relations: a predicted attribution matches a gold one when their cues share a non-whitespace
      character, one-to-one, greedily by overlap size (largest first; ties go to the larger content
      overlap, then to the earlier gold and predicted attribution). A gold attribution without a cue
      then matches a still unmatched prediction whose content covers at least half of the gold
      content's non-whitespace characters.
    * For matched relations, the rate of exact source and content matches, comparing the
      non-whitespace offsets left after trimming punctuation at both ends. A span with nothing left
      (and a missing one) counts as empty, so a missing gold source matches a missing prediction.
    * Exact span F1 per role, as the published PolNeAR results count it: every piece of a role
      (a discontinuous span counts piece by piece), its boundaries trimmed of whitespace and
      punctuation, is one unit per article (a span two attributions share counts once); a
      predicted unit counts when a gold unit of the same role and article has the same
      boundaries. A piece with nothing left after trimming is no unit.
    * A ratio with nothing to count is 0.0, never an error: empty predictions score precision 0 and
      recall 0, and a role absent from both gold and prediction scores 0 too.
    * Predictions for an article not in gold, or with a piece outside its text, raise ``ValueError``.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "HEADLINE_KEYS",
    "ROLES",
    "AnnotationWarning",
    "Attribution",
    "Document",
    "Piece",
    "Scores",
    "Span",
    "format_table",
    "load_split",
    "score",
    "span_text",
]

Piece = tuple[int, int]
"""One contiguous stretch of text, ``(start, end)`` as in ``text[start:end]``."""

Span = tuple[Piece, ...]
"""A possibly discontinuous span, as its pieces. The loader gives them sorted, neither overlapping nor
touching; predicted spans need not be, since scoring only looks at the characters they cover."""

ROLES = ("source", "cue", "content")
HEADLINE_KEYS = (
    "source_f1", "cue_f1", "content_f1", "relation_f1", "relation_precision", "relation_recall",
    "source_exact", "content_exact", "source_exact_f1", "cue_exact_f1", "content_exact_f1", "articles",
)
"""The keys the attribution evaluation reports as JSON; :meth:`Scores.as_dict` adds per-role P/R
(character-level and exact-span)."""
EVENT_TYPES = frozenset({"Attribution", "Attribution-no-source"})

_ANNOTATION_LINE = re.compile(r"[TE]\d+\t")
_TEXT_BOUND = re.compile(r"(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)(?:\t(.*))?")
_TRIGGER = re.compile(r"([A-Za-z][\w-]*):(T\d+)")
_ARGUMENT = re.compile(r"([A-Za-z]+?)\d*:(T\d+)")


class AnnotationWarning(UserWarning):
    """A line of a .ann file that could not be read; the message names the file and line."""


@dataclass(frozen=True)
class Attribution:
    """One attribution relation; any role may be missing (``None``)."""

    source: Span | None
    cue: Span | None
    content: Span | None

    def role(self, name: str) -> Span | None:
        """The span of role ``name`` (one of :data:`ROLES`)."""
        if name not in ROLES:
            raise ValueError(f"unknown role {name!r}; expected one of {', '.join(ROLES)}")
        span: Span | None = getattr(self, name)
        return span


@dataclass(frozen=True)
class Document:
    """An article: its id (the text file's stem), its text and its gold attributions."""

    id: str
    text: str
    attributions: tuple[Attribution, ...] = ()
    annotator: str | None = None
    """The annotator whose file was read (the part of the .ann name after the last ``_``)."""


def span_text(text: str, span: Span | None) -> str:
    """The text a span covers, pieces joined by one space as brat writes them."""
    return " ".join(text[start:end] for start, end in span or ())


# -- loading ---------------------------------------------------------------------------------------


def load_split(split_dir: Path) -> list[Document]:
    """Every article of a split (``SPLIT/text/*.txt``), sorted by id, with its gold attributions.

    An article with several annotators' files uses the first in sorted order; one without a file
    has no attributions. Unreadable lines give an :class:`AnnotationWarning` and are skipped.
    """
    text_dir = split_dir / "text"
    if not text_dir.is_dir():
        raise FileNotFoundError(f"{text_dir}: no such directory; a PolNeAR split holds text/ID.txt files")
    annotations = _annotation_files(split_dir / "attributions")
    documents = []
    for path in sorted(text_dir.glob("*.txt")):
        with path.open(encoding="utf-8", newline="") as handle:  # brat counts every character, \r too
            text = handle.read()
        ann = annotations.pop(path.stem, None)
        if ann is None:
            documents.append(Document(path.stem, text))
            continue
        attributions = tuple(_read_ann(ann, text))
        documents.append(Document(path.stem, text, attributions, ann.stem.rpartition("_")[2]))
    for doc_id, ann in sorted(annotations.items()):
        _warn(ann, None, f"no text file {text_dir / (doc_id + '.txt')} for this annotation; skipped")
    return documents


def _annotation_files(ann_dir: Path) -> dict[str, Path]:
    """The first .ann file in sorted order for each article id."""
    chosen: dict[str, Path] = {}
    for path in sorted(ann_dir.glob("*.ann")) if ann_dir.is_dir() else []:
        doc_id, underscore, _ = path.stem.rpartition("_")
        if not underscore:
            _warn(path, None, "the name is not ID_ANNOTATOR.ann; skipped")
            continue
        chosen.setdefault(doc_id, path)
    return chosen


def _read_ann(path: Path, text: str) -> list[Attribution]:
    lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
    numbered = [(n, line.rstrip("\r")) for n, line in enumerate(lines, 1) if _ANNOTATION_LINE.match(line)]
    bounds: dict[str, Span] = {}
    for lineno, line in numbered:
        if line.startswith("T"):
            _read_text_bound(path, lineno, line, text, bounds)
    attributions = []
    for lineno, line in numbered:
        if line.startswith("E"):
            attribution = _read_event(path, lineno, line, bounds)
            if attribution is not None:
                attributions.append(attribution)
    return attributions


def _read_text_bound(path: Path, lineno: int, line: str, text: str, bounds: dict[str, Span]) -> None:
    match = _TEXT_BOUND.fullmatch(line)
    if match is None:
        _warn(path, lineno, f"not 'T<n>\\t<Role> <start> <end>[;<start> <end>…]\\t<text>': {line!r}")
        return
    bound_id, _label, offsets, written = match.groups()
    pieces = [(int(start), int(end)) for start, end in (piece.split() for piece in offsets.split(";"))]
    bad = [piece for piece in pieces if not 0 <= piece[0] < piece[1] <= len(text)]
    if bad:
        _warn(path, lineno, f"piece {bad[0]} is empty, reversed or outside the text ({len(text)} chars)")
        return
    if bound_id in bounds:
        _warn(path, lineno, f"{bound_id} is defined twice; the first definition is kept")
        return
    covered = " ".join(text[start:end] for start, end in pieces)
    # brat writes a text field that spans a line break over several lines; only its first line is here.
    if written is not None and written != covered.split("\n")[0]:
        _warn(path, lineno, f"the text field {written!r} differs from the text at the offsets {covered!r}")
    bounds[bound_id] = _normalise(pieces)


def _read_event(path: Path, lineno: int, line: str, bounds: Mapping[str, Span]) -> Attribution | None:
    tokens = line.split("\t", 1)[1].split()
    trigger = _TRIGGER.fullmatch(tokens[0]) if tokens else None
    if trigger is None or trigger.group(1) not in EVENT_TYPES:
        _warn(path, lineno, f"not an event 'E<n>\\tAttribution:T<a> Role:T<b> …': {line!r}")
        return None
    pieces: dict[str, list[Piece]] = {}
    for token in tokens[1:]:
        argument = _ARGUMENT.fullmatch(token)
        role = argument.group(1).lower() if argument else None
        if argument is None or role not in ROLES:
            _warn(path, lineno, f"argument {token!r} is not Source/Cue/Content[digit]:T<n>; ignored")
        elif argument.group(2) not in bounds:
            _warn(path, lineno, f"argument {token!r} refers to an undefined or unreadable text bound")
        else:
            pieces.setdefault(role, []).extend(bounds[argument.group(2)])
    if not pieces:  # no arguments at all, or none readable (already warned)
        return None
    source, cue, content = (_normalise(pieces[role]) if role in pieces else None for role in ROLES)
    return Attribution(source, cue, content)


def _normalise(pieces: Iterable[Piece]) -> Span:
    """Sort pieces and merge the ones that overlap or touch."""
    merged: list[Piece] = []
    for start, end in sorted(pieces):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def _warn(path: Path, lineno: int | None, reason: str) -> None:
    where = f"{path}:{lineno}" if lineno is not None else str(path)
    warnings.warn(f"{where}: {reason}", AnnotationWarning, stacklevel=2)


# -- scoring ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scores:
    """Micro-averaged scores over a split; see the module docstring for the definitions."""

    source_precision: float
    source_recall: float
    source_f1: float
    cue_precision: float
    cue_recall: float
    cue_f1: float
    content_precision: float
    content_recall: float
    content_f1: float
    relation_precision: float
    relation_recall: float
    relation_f1: float
    source_exact: float
    content_exact: float
    source_exact_precision: float
    source_exact_recall: float
    source_exact_f1: float
    cue_exact_precision: float
    cue_exact_recall: float
    cue_exact_f1: float
    content_exact_precision: float
    content_exact_recall: float
    content_exact_f1: float
    articles: int
    gold_relations: int
    predicted_relations: int
    matched_relations: int

    def as_dict(self) -> dict[str, float | int]:
        """The scores as JSON-ready values: the headline keys first, then per-role precision/recall."""
        extra = tuple(f"{role}_{exact}{kind}" for exact in ("", "exact_") for role in ROLES
                      for kind in ("precision", "recall"))
        return {key: getattr(self, key) for key in (*HEADLINE_KEYS, *extra)}


@dataclass(frozen=True)
class _Relation:
    cue: frozenset[int]
    content: frozenset[int]
    source_key: tuple[int, ...]
    content_key: tuple[int, ...]


def _per_role() -> dict[str, int]:
    return dict.fromkeys(ROLES, 0)


@dataclass
class _Tally:
    """Running counts over the articles scored so far."""

    role_gold: dict[str, int]
    role_predicted: dict[str, int]
    role_shared: dict[str, int]
    gold_relations: int = 0
    predicted_relations: int = 0
    matched: int = 0
    source_exact: int = 0
    content_exact: int = 0
    unit_gold: dict[str, int] = field(default_factory=_per_role)
    unit_predicted: dict[str, int] = field(default_factory=_per_role)
    unit_shared: dict[str, int] = field(default_factory=_per_role)


def score(gold: Sequence[Document], predicted: Mapping[str, Sequence[Attribution]]) -> Scores:
    """Score predicted attributions (by document id) against the gold documents.

    A gold document missing from ``predicted`` has no predictions. Predictions for a document not
    in ``gold``, or with a piece outside its text, raise ``ValueError``: they would otherwise go
    uncounted.
    """
    unknown = sorted(set(predicted) - {doc.id for doc in gold})
    if unknown:
        raise ValueError(f"predictions for {len(unknown)} documents not in gold, e.g. {unknown[0]!r}")
    tally = _Tally({r: 0 for r in ROLES}, {r: 0 for r in ROLES}, {r: 0 for r in ROLES})
    for doc in gold:
        guesses = predicted.get(doc.id, ())
        _check_spans(doc, guesses)
        _tally_roles(tally, doc.text, doc.attributions, guesses)
        _tally_units(tally, doc.text, doc.attributions, guesses)
        _tally_relations(tally, doc.text, doc.attributions, guesses)
    source, cue, content = (
        _precision_recall_f1(tally.role_shared[r], tally.role_predicted[r], tally.role_gold[r]) for r in ROLES
    )
    relation = _precision_recall_f1(tally.matched, tally.predicted_relations, tally.gold_relations)
    exact = {role: _precision_recall_f1(tally.unit_shared[role], tally.unit_predicted[role],
                                        tally.unit_gold[role]) for role in ROLES}
    return Scores(
        *source,
        *cue,
        *content,
        *relation,
        source_exact=_ratio(tally.source_exact, tally.matched),
        content_exact=_ratio(tally.content_exact, tally.matched),
        **{f"{role}_exact_{kind}": value for role in ROLES
           for kind, value in zip(("precision", "recall", "f1"), exact[role], strict=True)},
        articles=len(gold),
        gold_relations=tally.gold_relations,
        predicted_relations=tally.predicted_relations,
        matched_relations=tally.matched,
    )


def _check_spans(doc: Document, attributions: Iterable[Attribution]) -> None:
    for attribution in attributions:
        for role in ROLES:
            for start, end in attribution.role(role) or ():
                if not 0 <= start <= end <= len(doc.text):
                    raise ValueError(f"{doc.id}: predicted {role} piece ({start}, {end}) is reversed or "
                                     f"outside the text ({len(doc.text)} chars)")


def _tally_roles(
    tally: _Tally, text: str, gold: Sequence[Attribution], guesses: Sequence[Attribution]
) -> None:
    for role in ROLES:
        want = frozenset().union(*(_chars(text, a.role(role)) for a in gold))
        got = frozenset().union(*(_chars(text, a.role(role)) for a in guesses))
        tally.role_gold[role] += len(want)
        tally.role_predicted[role] += len(got)
        tally.role_shared[role] += len(want & got)


def _tally_units(
    tally: _Tally, text: str, gold: Sequence[Attribution], guesses: Sequence[Attribution]
) -> None:
    for role in ROLES:
        want = {u for a in gold for u in _units(text, a.role(role))}
        got = {u for a in guesses for u in _units(text, a.role(role))}
        tally.unit_gold[role] += len(want)
        tally.unit_predicted[role] += len(got)
        tally.unit_shared[role] += len(want & got)


def _units(text: str, span: Span | None) -> list[tuple[int, int]]:
    """The pieces of a span as exact-match units: (first, last + 1) of each piece's
    non-whitespace characters after trimming punctuation; pieces with nothing left dropped."""
    units = []
    for piece in span or ():
        key = _exact_key(text, (piece,))
        if key:
            units.append((key[0], key[-1] + 1))
    return units


def _tally_relations(
    tally: _Tally, text: str, gold: Sequence[Attribution], guesses: Sequence[Attribution]
) -> None:
    wanted = [_relation(text, a) for a in gold]
    got = [_relation(text, a) for a in guesses]
    pairs = _match(wanted, got)
    tally.gold_relations += len(wanted)
    tally.predicted_relations += len(got)
    tally.matched += len(pairs)
    tally.source_exact += sum(wanted[g].source_key == got[p].source_key for g, p in pairs)
    tally.content_exact += sum(wanted[g].content_key == got[p].content_key for g, p in pairs)


def _relation(text: str, attribution: Attribution) -> _Relation:
    return _Relation(
        cue=_chars(text, attribution.cue),
        content=_chars(text, attribution.content),
        source_key=_exact_key(text, attribution.source),
        content_key=_exact_key(text, attribution.content),
    )


def _match(gold: Sequence[_Relation], guesses: Sequence[_Relation]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs: by cue overlap, then cue-less gold by content."""
    by_cue = [
        (-len(g.cue & p.cue), -len(g.content & p.content), gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(guesses)
        if g.cue & p.cue
    ]
    pairs = _greedy(sorted(by_cue))
    used_gold, used_guess = {g for g, _ in pairs}, {p for _, p in pairs}
    by_content = [
        (-len(g.content & p.content), 0, gi, pi)
        for gi, g in enumerate(gold)
        if not g.cue and gi not in used_gold
        for pi, p in enumerate(guesses)
        if pi not in used_guess and g.content & p.content and 2 * len(g.content & p.content) >= len(g.content)
    ]
    return pairs + _greedy(sorted(by_content))


def _greedy(candidates: Iterable[tuple[int, int, int, int]]) -> list[tuple[int, int]]:
    """Take candidates in order, skipping any whose gold or prediction is already taken."""
    pairs: list[tuple[int, int]] = []
    taken_gold: set[int] = set()
    taken_guess: set[int] = set()
    for _, _, gi, pi in candidates:
        if gi not in taken_gold and pi not in taken_guess:
            pairs.append((gi, pi))
            taken_gold.add(gi)
            taken_guess.add(pi)
    return pairs


def _chars(text: str, span: Span | None) -> frozenset[int]:
    """The offsets of the non-whitespace characters a span covers."""
    return frozenset(i for start, end in span or () for i in range(start, end) if not text[i].isspace())


def _exact_key(text: str, span: Span | None) -> tuple[int, ...]:
    """A span's non-whitespace offsets with punctuation trimmed from both ends; ``()`` when none."""
    offsets = sorted(_chars(text, span))
    first, last = 0, len(offsets)
    while first < last and _is_punctuation(text[offsets[first]]):
        first += 1
    while last > first and _is_punctuation(text[offsets[last - 1]]):
        last -= 1
    return tuple(offsets[first:last])


def _is_punctuation(char: str) -> bool:
    return unicodedata.category(char).startswith("P") or char == "`"


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _precision_recall_f1(shared: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision, recall = _ratio(shared, predicted), _ratio(shared, gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def format_table(scores: Scores) -> str:
    """The scores as a small table for people, one row per role and one for relations."""
    rows = [f"PolNeAR attribution: {scores.articles} articles",
            f"{'':<10}{'precision':>11}{'recall':>9}{'F1':>8}"]
    for role in (*ROLES, "relation"):
        precision, recall, f1 = (getattr(scores, f"{role}_{kind}") for kind in ("precision", "recall", "f1"))
        rows.append(f"{role:<10}{precision:>11.3f}{recall:>9.3f}{f1:>8.3f}")
    rows.append(f"relations: {scores.gold_relations} gold, {scores.predicted_relations} predicted, "
                f"{scores.matched_relations} matched")
    rows.append(f"exact match over matched relations: source {scores.source_exact:.3f}, "
                f"content {scores.content_exact:.3f}")
    rows.append(f"{'exact span':<10}{'precision':>11}{'recall':>9}{'F1':>8}")
    for role in ROLES:
        precision, recall, f1 = (getattr(scores, f"{role}_exact_{kind}")
                                 for kind in ("precision", "recall", "f1"))
        rows.append(f"{role:<10}{precision:>11.3f}{recall:>9.3f}{f1:>8.3f}")
    return "\n".join(rows)


def format_columns(named: Mapping[str, Scores]) -> str:
    """Several engines' scores side by side: one row per figure, one column per engine."""
    names = list(named)
    width = max(9, *(len(n) + 2 for n in names))
    head = f"{'':<22}" + "".join(f"{n:>{width}}" for n in names)
    rows = [head]
    figures = [(f"{role} char F1", f"{role}_f1") for role in ROLES]
    figures += [("relation F1", "relation_f1"), ("relation precision", "relation_precision"),
                ("relation recall", "relation_recall")]
    figures += [(f"{role} exact F1", f"{role}_exact_f1") for role in ROLES]
    figures += [(f"{role} exact P", f"{role}_exact_precision") for role in ROLES]
    figures += [(f"{role} exact R", f"{role}_exact_recall") for role in ROLES]
    figures += [("source exact (matched)", "source_exact"), ("content exact (matched)", "content_exact")]
    for label, key in figures:
        rows.append(f"{label:<22}" + "".join(f"{getattr(named[n], key):>{width}.3f}" for n in names))
    counts = "".join(f"{named[n].predicted_relations:>{width}}" for n in names)
    rows.append(f"{'predicted relations':<22}{counts}")
    return "\n".join(rows)
