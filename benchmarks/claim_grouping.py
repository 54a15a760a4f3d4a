"""Claim grouping at scale: how long 1,000 new articles take to store and group on a corpus that
already holds about 100,000 claims.

    python benchmarks/claim_grouping.py [TRAIN_DIR] [--claims 100000] [--new 1000] [--db URL]

TRAIN_DIR holds PolNeAR's train texts (default ``../shared/data/polnear/train/text``). They are
analysed once; the corpus is then built from their analyses by repetition with variation: each
copy has another outlet, URL and date, and about one word in twelve of its text swapped for
another word of the same length (so offsets stay right, and copies group with their originals
only when enough of a claim's words survive). When the corpus holds ``--claims`` claims,
``--new`` more varied articles are stored one by one, as ``ingest``'s writer stores them, and
timed: all of ``Corpus.add`` (article rows, claims, grouping, one transaction each), and the
grouping alone (``index_claims``). ``--db`` takes a PostgreSQL URL; the default is a fresh
SQLite file in a temporary folder.

A second table stores one article ``--copies`` times more, unchanged but for its outlet and URL
(a wire story a few hundred outlets carry): the time to store a copy should not grow with the
number of copies already stored.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared/data/polnear/train/text"
OUTLETS = ("Harbourton Gazette", "Bay Herald", "Coastline Courier", "Northern Ledger", "Valley Times",
           "Island Post", "Metro Daily", "Capital Wire")


def varied(analysis: Any, copy: int, rng: random.Random) -> Any:
    """``analysis`` as another outlet's article: new URL, outlet and date, some words swapped."""
    from sourcetrace.model import Analysis

    article = analysis.article
    words = list(re.finditer(r"[A-Za-z]{4,}", article.text))
    by_length: dict[int, list[str]] = {}
    for match in words:
        by_length.setdefault(len(match.group()), []).append(match.group())
    text = list(article.text)
    for match in words:
        if rng.random() < 1 / 12:
            text[match.start() : match.end()] = rng.choice(by_length[len(match.group())])
    url = f"https://copy{copy}.example/{article.source.sha256[:16]}"
    day = 1 + (copy * 7 + rng.randrange(28)) % 28
    new = replace(article, text="".join(text), url=url, outlet=OUTLETS[copy % len(OUTLETS)], links=(),
                  published=f"2016-0{1 + copy % 9}-{day:02d}",
                  source=replace(article.source, input=url, sha256=f"{copy:04d}{article.source.sha256[4:]}"))
    return Analysis(new, analysis.attributions, analysis.sources, analysis.unattributed, analysis.provenance,
                    analysis.warnings, analysis.engine)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("train", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=1000)
    parser.add_argument("--db", default=None)
    parser.add_argument("--copies", type=int, default=300)
    args = parser.parse_args(argv)
    texts = sorted(args.train.glob("*.txt"))
    if not texts:
        print(f"error: no texts in {args.train}", file=sys.stderr)
        return 2
    from sourcetrace.attribution import Analyzer
    from sourcetrace.corpus import Corpus, _store
    from sourcetrace.corpus._claims import claim_units
    from sourcetrace.model import Article

    started = time.perf_counter()
    articles = [Article.from_text(p.read_text(encoding="utf-8"), input=str(p)) for p in texts]
    analyses = list(Analyzer().analyze_many(articles))
    per_article = sum(len(claim_units(a)) for a in analyses) / len(analyses)
    print(f"analysed {len(analyses)} texts in {time.perf_counter() - started:.0f} s; "
          f"{per_article:.1f} claims per article", file=sys.stderr)
    grouping = [0.0]
    index_claims = _store.index_claims

    def timed(*a: Any, **k: Any) -> None:
        start = time.perf_counter()
        index_claims(*a, **k)
        grouping[0] += time.perf_counter() - start

    _store.index_claims = timed  # type: ignore[assignment]
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp, Corpus(args.db or str(Path(tmp) / "bench.db")) as corpus:
        copy, stored_claims = 0, 0
        started = time.perf_counter()
        while stored_claims < args.claims:
            for analysis in analyses:
                corpus.add(varied(analysis, copy, rng))
                stored_claims += len(claim_units(analysis))
                if stored_claims >= args.claims:
                    break
            copy += 1
        built = time.perf_counter() - started
        print(f"built {stored_claims:,} claims in {built:.0f} s", file=sys.stderr)
        grouping[0] = 0.0
        started = time.perf_counter()
        for i in range(args.new):
            corpus.add(varied(analyses[i % len(analyses)], copy + 1 + i // len(analyses), rng))
        total = time.perf_counter() - started
        grouped = grouping[0]
        groups = corpus.claim_groups(min_outlets=2, limit=1_000_000)
        copies = _copies(corpus, analyses[0], args.copies)
    scale = 1000 / args.new
    print(f"{'corpus claims':>13} {'new articles':>12} {'total s/1000':>12} {'grouping s/1000':>15} "
          f"{'articles/s':>10} {'groups in 2+ outlets':>20}")
    print(f"{stored_claims:>13,} {args.new:>12,} {total * scale:>12.1f} {grouped * scale:>15.1f} "
          f"{args.new / total:>10.1f} {len(groups):>20,}")
    print(f"\n{'copies of one article':>21} {'ms a copy':>9}")
    for label, ms in copies:
        print(f"{label:>21} {ms:>9.1f}")
    return 0


def _copies(corpus: Any, analysis: Any, n: int) -> list[tuple[str, float]]:
    """Store ``analysis`` ``n`` times under other outlets and URLs; the mean time a copy of the
    first, middle and last tenth."""
    times = []
    for i in range(n):
        article = replace(analysis.article, url=f"https://wire{i}.example/story", outlet=f"Outlet {i}",
                          source=replace(analysis.article.source, input=f"wire-{i}.txt"))
        start = time.perf_counter()
        corpus.add(replace(analysis, article=article))
        times.append(time.perf_counter() - start)
    tenth = max(1, n // 10)
    spans = [("first", 0), ("middle", n // 2 - tenth // 2), ("last", n - tenth)]
    return [(f"{name} {tenth}", 1000 * sum(times[s : s + tenth]) / tenth) for name, s in spans]


if __name__ == "__main__":
    raise SystemExit(main())
