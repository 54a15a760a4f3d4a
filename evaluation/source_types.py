"""Score sourcetrace's source typing against the hand-typed sources of 20 PolNeAR dev articles.

    python evaluation/source_types.py [TYPES_FILE] [--polnear DEV_DIR] [--json] [--errors N]
                                      [--engine hybrid|model|rules]

TYPES_FILE is the gold layer (default ``../shared/data/polnear-source-types/dev.jsonl``; its README
gives the schema); DEV_DIR holds PolNeAR's ``text/ID.txt`` (default ``../shared/data/polnear/dev``).
Each article is analysed exactly as it is (``Article.from_text``), so offsets are the annotation's.

Mentions
    Gold: the distinct Source spans of each article's events, each with its type; events sharing one
    span are one mention (a span given two types is an error). Events without a Source span cannot be
    matched and are left out of every span score; they are counted apart, by type. Predicted: the
    distinct ``attribution.source`` spans, typed by the source their ``source_id`` points to (the first
    attribution with that span decides; a span whose ``source_id`` points to no source is an error).

Matching
    A predicted mention matches a gold one of the same article when their character spans overlap, one
    to one, greedily by the number of shared characters (largest first; ties go to the earlier gold
    mention, then the earlier prediction, in text order).

Scores (micro-averaged over all articles)
    How many gold mentions were matched; typing accuracy over the matched pairs; per type, precision
    and recall over the matched pairs (``matched_precision``, ``matched_recall``: the typing alone) and
    end to end (``precision``: right type / predicted mentions of that type; ``recall``: right type /
    gold mentions of that type; unmatched mentions count against both); and a confusion table, gold
    type by predicted type, with unmatched mentions under ``none``. A ratio with nothing to count is
    0.0, as in ``evaluation/polnear.py``.

Output
    One table: the counts, the per-type scores (``m-prec``/``m-rec`` over matched pairs, ``prec``/
    ``recall`` end to end), the confusion table and the events without a Source span. ``--errors N``
    lists the first N mistyped matched pairs (gold type, predicted type, gold and predicted text,
    article). With ``--json`` the last line is one JSON object with the keys ``matched gold_mentions
    predicted_mentions type_accuracy per_type confusion no_span articles``; ``per_type`` maps each
    type to ``precision recall matched_precision matched_recall`` and its counts ``gold predicted
    right``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sourcetrace.model import SOURCE_TYPES, Article

if TYPE_CHECKING:
    from sourcetrace.model import Analysis

SHARED = Path(__file__).resolve().parents[1].parent / "shared/data"
DEFAULT_TYPES = SHARED / "polnear-source-types/dev.jsonl"
DEFAULT_POLNEAR = SHARED / "polnear/dev"
NONE = "none"  # the type column of an unmatched mention in the confusion table
TYPES: tuple[str, ...] = SOURCE_TYPES

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Mention:
    """One source mention: its spans in the article, its type and its text."""

    article: str
    spans: Spans
    type: str
    text: str = ""


@dataclass(frozen=True)
class Outcome:
    """A matched pair, or a gold or predicted mention left unmatched (the other side ``None``)."""

    gold: Mention | None
    predicted: Mention | None


@dataclass(frozen=True)
class Gold:
    mentions: list[Mention]
    no_span: Counter[str]  # types of the events without a Source span
    articles: list[str]


# -- reading ---------------------------------------------------------------------------------------


def load_gold(lines: Iterable[str]) -> Gold:
    """The gold mentions of a ``dev.jsonl``, one per distinct span and article, in file order."""
    types: dict[tuple[str, Spans], str] = {}
    texts: dict[tuple[str, Spans], str] = {}
    no_span: Counter[str] = Counter()
    articles: dict[str, None] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        row = json.loads(line)
        articles.setdefault(row["article"], None)
        if row["type"] not in TYPES:
            raise ValueError(f"line {number}: unknown source type {row['type']!r}")
        if not row["source_spans"]:
            no_span[row["type"]] += 1
            continue
        key = (row["article"], tuple((int(s), int(e)) for s, e in row["source_spans"]))
        if types.setdefault(key, row["type"]) != row["type"]:
            raise ValueError(f"line {number}: span {list(key[1])} of {key[0]} is typed both "
                             f"{types[key]} and {row['type']}")
        texts.setdefault(key, row.get("source_text") or "")
    mentions = [Mention(a, spans, types[(a, spans)], texts[(a, spans)]) for a, spans in types]
    return Gold(mentions, no_span, list(articles))


def predicted_mentions(article_id: str, analysis: Analysis) -> list[Mention]:
    """The distinct source spans of ``analysis``'s attributions, typed by the source they point to."""
    text = analysis.article.text
    seen: dict[Spans, Mention] = {}
    for attribution in analysis.attributions:
        spans = tuple((s.start, s.end) for s in attribution.source)
        if not spans or spans in seen:
            continue
        source = analysis.source(attribution.source_id)
        words = " … ".join(text[s:e] for s, e in spans)
        if source is None:
            raise ValueError(f"{article_id}: source {words!r} at {list(spans)} points to no source "
                             f"(source_id {attribution.source_id!r})")
        seen[spans] = Mention(article_id, spans, source.type, words)
    return list(seen.values())


def predict(articles: dict[str, str], engine: str = "hybrid") -> dict[str, list[Mention]]:
    """Run one Analyzer over ``articles`` (id → text) and collect each one's predicted mentions."""
    from sourcetrace.attribution import Analyzer

    built = [Article.from_text(text, input=aid, language="en") for aid, text in articles.items()]
    analyses = Analyzer(engine=engine).analyze_many(built)
    return {aid: predicted_mentions(aid, a) for aid, a in zip(articles, analyses, strict=True)}


# -- matching --------------------------------------------------------------------------------------


def overlap(a: Spans, b: Spans) -> int:
    """The number of characters two (possibly discontinuous) spans share."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def match(gold: Sequence[Spans], predicted: Sequence[Spans]) -> list[tuple[int, int]]:
    """Overlapping (gold, predicted) index pairs, one to one, largest overlap first."""
    gold_order = sorted(range(len(gold)), key=lambda i: gold[i])
    pred_order = sorted(range(len(predicted)), key=lambda j: predicted[j])
    candidates = sorted(
        (-size, gi, pj)
        for gi, i in enumerate(gold_order) for pj, j in enumerate(pred_order)
        if (size := overlap(gold[i], predicted[j])) > 0
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, gi, pj in candidates:
        i, j = gold_order[gi], pred_order[pj]
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def pair_up(gold: Sequence[Mention], predicted: Sequence[Mention]) -> list[Outcome]:
    """Match the mentions article by article: every mention ends up in exactly one outcome."""
    outcomes = []
    for article in dict.fromkeys([m.article for m in gold] + [m.article for m in predicted]):
        g = [m for m in gold if m.article == article]
        p = [m for m in predicted if m.article == article]
        pairs = match([m.spans for m in g], [m.spans for m in p])
        outcomes += [Outcome(g[i], p[j]) for i, j in pairs]
        outcomes += [Outcome(g[i], None) for i in sorted(set(range(len(g))) - {i for i, _ in pairs})]
        outcomes += [Outcome(None, p[j]) for j in sorted(set(range(len(p))) - {j for _, j in pairs})]
    return outcomes


# -- scoring ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scores:
    """Counts of (gold type, predicted type) pairs; ``none`` stands for the unmatched side."""

    confusion: Counter[tuple[str, str]]
    no_span: Counter[str] = field(default_factory=Counter)
    articles: int = 0

    def count(self, *, gold: str | None = None, predicted: str | None = None, matched: bool = False) -> int:
        return sum(n for (g, p), n in self.confusion.items()
                   if (gold is None or g == gold) and (predicted is None or p == predicted)
                   and not (matched and NONE in (g, p)))

    @property
    def gold_mentions(self) -> int:
        return sum(n for (g, _), n in self.confusion.items() if g != NONE)

    @property
    def predicted_mentions(self) -> int:
        return sum(n for (_, p), n in self.confusion.items() if p != NONE)

    @property
    def matched(self) -> int:
        return self.count(matched=True)

    @property
    def type_accuracy(self) -> float:
        return _ratio(sum(self.confusion[(t, t)] for t in TYPES), self.matched)

    def per_type(self, kind: str) -> dict[str, float | int]:
        right = self.confusion[(kind, kind)]
        return {
            "gold": self.count(gold=kind), "predicted": self.count(predicted=kind), "right": right,
            "precision": _ratio(right, self.count(predicted=kind)),
            "recall": _ratio(right, self.count(gold=kind)),
            "matched_precision": _ratio(right, self.count(predicted=kind, matched=True)),
            "matched_recall": _ratio(right, self.count(gold=kind, matched=True)),
        }

    def as_dict(self) -> dict[str, Any]:
        rows = [*TYPES, NONE]
        return {
            "matched": self.matched, "gold_mentions": self.gold_mentions,
            "predicted_mentions": self.predicted_mentions, "type_accuracy": self.type_accuracy,
            "per_type": {t: self.per_type(t) for t in TYPES},
            "confusion": {g: {p: self.confusion[(g, p)] for p in rows} for g in rows},
            "no_span": dict(sorted(self.no_span.items())), "articles": self.articles,
        }


def score(outcomes: Iterable[Outcome], *, no_span: Counter[str] | None = None, articles: int = 0) -> Scores:
    confusion: Counter[tuple[str, str]] = Counter(
        (o.gold.type if o.gold else NONE, o.predicted.type if o.predicted else NONE) for o in outcomes
    )
    return Scores(confusion, no_span or Counter(), articles)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def mistyped(outcomes: Iterable[Outcome]) -> list[Outcome]:
    """The matched pairs whose types differ, in the order of the gold file."""
    return [o for o in outcomes if o.gold and o.predicted and o.gold.type != o.predicted.type]


# -- output ----------------------------------------------------------------------------------------


def format_table(scores: Scores) -> str:
    lines = [
        f"PolNeAR dev source types: {scores.articles} articles, {scores.gold_mentions} gold mentions, "
        f"{scores.predicted_mentions} predicted, {scores.matched} matched "
        f"({_ratio(scores.matched, scores.gold_mentions):.1%}), "
        f"type accuracy {scores.type_accuracy:.3f} over matched pairs",
        "",
        f"{'type':<13}{'gold':>5}{'pred':>5}{'right':>6}  {'m-prec':>6} {'m-rec':>6}  "
        f"{'prec':>6} {'recall':>6}",
    ]
    for kind in TYPES:
        row = scores.per_type(kind)
        lines.append(f"{kind:<13}{row['gold']:>5}{row['predicted']:>5}{row['right']:>6}  "
                     f"{row['matched_precision']:6.3f} {row['matched_recall']:6.3f}  "
                     f"{row['precision']:6.3f} {row['recall']:6.3f}")
    lines += ["", "confusion (rows gold, columns predicted; none = unmatched)"]
    columns = [*TYPES, NONE]
    lines.append(f"{'':<13}" + "".join(f"{c[:6]:>7}" for c in columns))
    for g in columns:
        lines.append(f"{g:<13}" + "".join(f"{scores.confusion[(g, p)]:>7}" for p in columns))
    absent = ", ".join(f"{t} {n}" for t, n in sorted(scores.no_span.items())) or "none"
    lines += ["", f"events without a Source span (not scored): {sum(scores.no_span.values())} ({absent})"]
    return "\n".join(lines)


def format_errors(errors: Sequence[Outcome]) -> str:
    return "\n".join(f"  {o.gold.type:>12} -> {o.predicted.type:<12} {o.gold.text!r} "
                     f"(predicted {o.predicted.text!r}) [{o.gold.article}]"
                     for o in errors if o.gold and o.predicted)


def read_texts(polnear: Path, articles: Sequence[str]) -> dict[str, str]:
    missing = [a for a in articles if not (polnear / "text" / f"{a}.txt").is_file()]
    if missing:
        raise FileNotFoundError(f"{polnear / 'text'} lacks {len(missing)} article(s), e.g. {missing[0]}.txt")
    return {a: (polnear / "text" / f"{a}.txt").read_text(encoding="utf-8") for a in articles}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("types", nargs="?", type=Path, default=DEFAULT_TYPES, help="the gold dev.jsonl")
    parser.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR, help="PolNeAR dev folder")
    parser.add_argument("--json", action="store_true", help="End with one JSON line of the figures.")
    parser.add_argument("--errors", type=int, default=0, help="List the first N mistyped mentions.")
    parser.add_argument("--engine", default="hybrid", choices=("hybrid", "model", "rules"),
                        help="The attribution engine whose sources are typed (default: hybrid).")
    args = parser.parse_args(argv)
    if not args.types.is_file():
        print(f"error: no gold source types at {args.types}", file=sys.stderr)
        return 2
    gold = load_gold(args.types.read_text(encoding="utf-8").splitlines())
    try:
        texts = read_texts(args.polnear, gold.articles)
    except FileNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    predicted = predict(texts, args.engine)
    outcomes = pair_up(gold.mentions, [m for a in gold.articles for m in predicted[a]])
    scores = score(outcomes, no_span=gold.no_span, articles=len(gold.articles))
    print(format_table(scores))
    if args.errors:
        errors = mistyped(outcomes)
        print(f"\nmistyped ({len(errors)}; first {min(args.errors, len(errors))}):")
        print(format_errors(errors[: args.errors]))
    if args.json:
        print(json.dumps(scores.as_dict(), sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
