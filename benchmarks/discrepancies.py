"""Discrepancies at scale: how long comparing the reports of every claim group takes on a corpus
of about 100,000 claims, and how many findings the comparison makes.

    python benchmarks/discrepancies.py [TRAIN_DIR] [--claims 100000] [--db URL]

The corpus is built as ``claim_grouping.py`` builds it: PolNeAR's train texts (default
``../shared/data/polnear/train/text``) analysed once, then stored again and again under other
outlets, URLs and dates with about one word in twelve swapped for another of the same length, so
that most groups hold several reports whose quotations differ in a word or two (``reworded``),
which is the work the comparison does. ``--db`` takes a PostgreSQL URL (emptied first: use a
database of its own) or a SQLite path (reused as it is when it already holds articles, so a
second run times the comparison alone); the default is a fresh SQLite file in a temporary folder.

It prints one table: claims and groups in the corpus, then for the default (``substantive``
wording) and for every level (``cosmetic``): the groups compared, those with findings, the
findings by kind, and the time, in all and per group compared.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared/data/polnear/train/text"


def _grouping_bench() -> Any:
    """``claim_grouping.py``, for its way of varying a stored article."""
    path = Path(__file__).with_name("claim_grouping.py")
    spec = importlib.util.spec_from_file_location("claim_grouping", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(corpus: Any, train: Path, claims: int) -> int:
    from sourcetrace.attribution import Analyzer
    from sourcetrace.corpus._claims import claim_units
    from sourcetrace.model import Article

    texts = sorted(train.glob("*.txt"))
    started = time.perf_counter()
    analyses = list(Analyzer().analyze_many(
        Article.from_text(p.read_text(encoding="utf-8"), input=str(p)) for p in texts))
    print(f"analysed {len(analyses)} texts in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    varied = _grouping_bench().varied
    rng = random.Random(7)
    stored, copy = 0, 0
    started = time.perf_counter()
    while stored < claims:
        for analysis in analyses:
            corpus.add(varied(analysis, copy, rng))
            stored += len(claim_units(analysis))
            if stored >= claims:
                break
        copy += 1
    print(f"built {stored:,} claims in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return stored


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("train", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--db", default=None)
    args = parser.parse_args(argv)
    if not sorted(args.train.glob("*.txt")):
        print(f"error: no texts in {args.train}", file=sys.stderr)
        return 2
    from sqlalchemy import func, select

    from sourcetrace.corpus import Corpus
    from sourcetrace.corpus._schema import claims
    from sourcetrace.trace import discrepancies

    with tempfile.TemporaryDirectory() as tmp, Corpus(args.db or str(Path(tmp) / "bench.db")) as corpus:
        if not corpus.article_count():
            build(corpus, args.train, args.claims)
        with corpus.engine.connect() as conn:
            stored = conn.execute(select(func.count()).select_from(claims)).scalar_one()
            groups = conn.execute(select(func.count(func.distinct(claims.c.grp)))).scalar_one()
        rows = []
        for level in ("substantive", "cosmetic"):
            started = time.perf_counter()
            result = discrepancies(corpus, level=level)
            took = time.perf_counter() - started
            kinds = Counter(f.kind for g in result.groups for f in g.discrepancies)
            rows.append((level, result.checked, result.found, kinds, took))
    print(f"corpus: {stored:,} claims in {groups:,} groups\n")
    print(f"{'wording level':<13} {'compared':>9} {'disagree':>9} {'wording':>8} {'speaker':>8} "
          f"{'occasion':>9} {'attribution':>11} {'seconds':>8} {'ms/group':>8}")
    for level, checked, found, kinds, took in rows:
        per_group = 1000 * took / max(checked, 1)
        print(f"{level:<13} {checked:>9,} {found:>9,} {kinds['wording']:>8,} {kinds['speaker']:>8,} "
              f"{kinds['occasion']:>9,} {kinds['attribution']:>11,} {took:>8.1f} {per_group:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
