"""Score sourcetrace's attribution engine on PolNeAR.

    python evaluation/attribution.py [SPLIT_DIR] [--engines rules,hybrid] [--json] [--limit N]

SPLIT_DIR holds ``text/`` and ``attributions/`` in PolNeAR's layout (default
``../shared/data/polnear/dev``); where an article has several annotators' files the first in
sorted order is used. Each text is analysed exactly as it is (``Article.from_text``), so offsets
are the annotation's. Printed: per role (source, cue, content) character-level precision, recall
and F1 over non-whitespace characters; relation precision, recall and F1 (cue overlap, one to one;
content overlap by half for gold relations without a cue); exact-match rates of source and content
for matched relations; exact span precision, recall and F1 per role (each piece, its boundaries
trimmed of whitespace and punctuation, one unit per article); and the time taken. With ``--json``
the last line is one JSON object with the keys ``source_f1 cue_f1 content_f1 relation_f1
relation_precision relation_recall source_exact content_exact source_exact_f1 cue_exact_f1
content_exact_f1 articles`` and each role's precision and recall. The metrics are those of
``evaluation/polnear.py``.

``--engines`` lists the engines to score (``rules``, ``model``, ``hybrid``; default
``rules,hybrid``): each is printed in full, then all side by side. The JSON line holds the last
engine's figures, with ``engine`` naming it and ``compared`` holding the others' by name.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from polnear import (  # noqa: E402
    Attribution,
    Document,
    Scores,
    Span,
    format_columns,
    format_table,
    load_split,
    score,
)

from sourcetrace.attribution import ENGINES, Analyzer  # noqa: E402
from sourcetrace.model import Analysis, Article  # noqa: E402

DEFAULT_SPLIT = HERE.parents[0].parent / "shared/data/polnear/dev"


def as_polnear(analysis: Analysis) -> list[Attribution]:
    """The engine's attributions in the scorer's terms."""
    def span(pieces: tuple[object, ...]) -> Span | None:
        out = tuple((p.start, p.end) for p in pieces)  # type: ignore[attr-defined]
        return out or None

    return [Attribution(source=span(a.source), cue=span(a.cue), content=span(a.content))
            for a in analysis.attributions]


def predict(documents: list[Document], analyzer: Analyzer) -> dict[str, list[Attribution]]:
    articles = (Article.from_text(d.text, input=d.id, language="en") for d in documents)
    return {d.id: as_polnear(a) for d, a in zip(documents, analyzer.analyze_many(articles), strict=True)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("split", nargs="?", type=Path, default=DEFAULT_SPLIT)
    parser.add_argument("--json", action="store_true", help="End with one JSON line of the headline figures.")
    parser.add_argument("--limit", type=int, default=None, help="Score only the first N articles.")
    parser.add_argument("--engines", default="rules,hybrid",
                        help=f"Comma-separated engines to score, of {', '.join(ENGINES)}.")
    args = parser.parse_args(argv)
    if not (args.split / "text").is_dir():
        print(f"error: {args.split} has no text/ folder (PolNeAR layout expected)", file=sys.stderr)
        return 2
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = [e for e in engines if e not in ENGINES]
    if unknown or not engines:
        print(f"error: --engines takes {', '.join(ENGINES)}, not {', '.join(unknown) or 'nothing'}",
              file=sys.stderr)
        return 2
    documents = load_split(args.split)[: args.limit]
    nlp = None
    results: dict[str, Scores] = {}
    for engine in engines:
        analyzer = Analyzer(nlp=nlp, engine=engine)
        nlp = analyzer.nlp  # loaded before timing, and shared by the engines
        if engine != "rules":
            analyzer.tagger  # noqa: B018
        started = time.perf_counter()
        predicted = predict(documents, analyzer)
        elapsed = time.perf_counter() - started
        results[engine] = score(documents, predicted)
        print(f"PolNeAR {args.split.name}, engine {engine}: {len(documents)} articles, "
              f"{sum(len(d.attributions) for d in documents)} gold attributions, "
              f"{sum(len(p) for p in predicted.values())} predicted, {elapsed:.1f} s")
        print(format_table(results[engine]))
        print()
    if len(results) > 1:
        print(format_columns(results))
    if args.json:
        *others, last = engines
        line = {**results[last].as_dict(), "engine": last,
                "compared": {e: results[e].as_dict() for e in others}}
        print(json.dumps(line, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
