"""Ingest speed: analysing and storing PolNeAR's train texts, beside analysing alone.

    python benchmarks/ingest_throughput.py [DATA_DIR] [--limit N] [--pg URL] [--workers 1,2]

DATA_DIR is a PolNeAR split (``text/*.txt``; default ``../shared/data/polnear/train``, 840
articles). Rows: ``analyze`` alone (one process, nothing stored), then ``ingest`` into a fresh
SQLite file and into a fresh PostgreSQL database (created and dropped by the script on the server
``--pg`` names; skipped when it does not answer), with each worker count. Each row times the whole
run (pipeline loads and worker start-up included) and prints articles/s; the ``storage`` column is
the time beyond analysing alone, as a share of it, for the one-worker rows.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared/data/polnear/train"
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test"


def load_articles(data_dir: Path, limit: int | None) -> list:  # type: ignore[type-arg]
    from sourcetrace.model import Article

    paths = sorted((data_dir / "text").glob("*.txt"))[:limit]
    return [Article.from_text(p.read_text(encoding="utf-8"), input=str(p), language="en") for p in paths]


def time_analyze(articles: list) -> float:  # type: ignore[type-arg]
    from sourcetrace.attribution import Analyzer

    started = time.perf_counter()
    analyzer = Analyzer()
    for _ in analyzer.analyze_many(articles):
        pass
    return time.perf_counter() - started


def time_ingest(db: str, articles: list, workers: int) -> float:  # type: ignore[type-arg]
    from sourcetrace.corpus import Corpus

    started = time.perf_counter()
    with Corpus(db) as corpus:
        report = corpus.ingest(articles, workers=workers)
    elapsed = time.perf_counter() - started
    if report.stored != len(articles):
        raise SystemExit(f"error: stored {report.stored} of {len(articles)} articles in {db}")
    return elapsed


def postgres_database(server: str) -> tuple[str, str] | None:
    """A fresh database on the server, as (its URL, its name); ``None`` if none answers."""
    try:
        import psycopg
    except ImportError:
        return None
    name = f"st_bench_{uuid.uuid4().hex[:8]}"
    try:
        with psycopg.connect(server.replace("postgresql://", "postgresql://", 1), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
    except psycopg.Error as exc:
        print(f"PostgreSQL skipped: {' '.join(str(exc).split())}", file=sys.stderr)
        return None
    return server.rsplit("/", 1)[0] + "/" + name, name


def drop_database(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--pg", default=DEFAULT_PG,
                        help="A PostgreSQL server to create a scratch database on.")
    parser.add_argument("--workers", default="1,2", help="Worker counts to run, comma-separated.")
    args = parser.parse_args(argv)
    if not (args.data / "text").is_dir():
        print(f"Error: {args.data} is not a PolNeAR split (no text/ there)", file=sys.stderr)
        return 2
    articles = load_articles(args.data, args.limit)
    counts = [int(w) for w in args.workers.split(",")]
    base = time_analyze(articles)
    rows = [("analyze (no storage)", 1, base)]
    with tempfile.TemporaryDirectory() as tmp:
        for workers in counts:
            db = str(Path(tmp) / f"w{workers}.db")
            rows.append(("ingest sqlite", workers, time_ingest(db, articles, workers)))
    for workers in counts:
        scratch = postgres_database(args.pg)
        if scratch is None:
            break
        url, name = scratch
        try:
            rows.append(("ingest postgresql", workers, time_ingest(url, articles, workers)))
        finally:
            drop_database(args.pg, name)
    n = len(articles)
    print(f"{n} articles from {args.data}; whole runs, pipeline loading included")
    print(f"{'run':<22}{'workers':>8}{'seconds':>9}{'articles/s':>12}{'storage':>9}")
    for name, workers, seconds in rows:
        storage = f"{(seconds - base) / base:+.0%}" if workers == 1 and name != rows[0][0] else ""
        print(f"{name:<22}{workers:>8}{seconds:>9.1f}{n / seconds:>12.1f}{storage:>9}")
    summary = ", ".join(f"{name} w{w} {n / s:.1f}/s" for name, w, s in rows)
    print(f"ingest: {summary}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
