"""Web page latency: the server time of each page type on a corpus, one worker.

    python benchmarks/web_latency.py DB [DB …] [--requests 40] [--seed 7]

Each DB is a corpus already filled (a SQLite path or a PostgreSQL URL): for instance PolNeAR
train + dev (``sourcetrace ingest ../shared/data/polnear/train/text ../shared/data/polnear/dev/text
--meta ../shared/data/polnear/metadata.tsv --db polnear.db``) and the 100,000-claim corpus of
``benchmarks/discrepancies.py --db synthetic.db``. The application runs in this process and is
called through its ASGI interface (no network, so the time is the server's): after one warm-up
request per page type, ``--requests`` requests per type, on articles and claim groups drawn at
random (groups carried by two articles or more, where the trace page has work to do). Prints one
table: median and 95th percentile in milliseconds per page type and corpus.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

TARGETS = {"article": 100.0, "corpus": 300.0, "trace": 300.0}


def urls(corpus: Any, rng: random.Random, n: int) -> dict[str, list[str]]:
    """The URLs to request, by page type."""
    with corpus.engine.connect() as conn:
        from sqlalchemy import func, select

        from sourcetrace.corpus._schema import articles, sources

        ids = [int(i) for (i,) in conn.execute(select(articles.c.id))]
        popular = (select(sources.c.name, sources.c.type).group_by(sources.c.name, sources.c.type)
                   .order_by(func.count().desc()).limit(200))
        names = list(conn.execute(popular))
    groups = [g.group for g in corpus.claim_groups(min_outlets=1, min_reports=2, limit=2000)]
    words = ["president", "campaign", "officials said", "\"said on\"", "emails", "debate", "voters"]
    return {
        "article": [f"/articles/{rng.choice(ids)}" for _ in range(n)],
        "corpus": ["/corpus"] * n,
        "trace": [f"/claims/{rng.choice(groups)}" for _ in range(n)] if groups else [],
        "search": [f"/search?q={quote(rng.choice(words))}" for _ in range(n)],
        "source": [f"/sources?name={quote(str(name))}&type={kind}" for name, kind in
                   (rng.choice(names) for _ in range(n))] if names else [],
        "api article": [f"/api/articles/{rng.choice(ids)}" for _ in range(n)],
    }


def measure(get: Callable[[str], Any], targets: list[str]) -> tuple[float, float]:
    """Median and 95th percentile of the time to answer each URL, in milliseconds."""
    times = []
    for url in targets:
        start = time.perf_counter()
        response = get(url)
        times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"error: {url} answered {response.status_code}")
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(0.95 * len(times)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", nargs="+")
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    from fastapi.testclient import TestClient

    from sourcetrace.corpus import Corpus
    from sourcetrace.web import WebSettings, create_app

    rows = []
    for db in args.db:
        with Corpus(db) as corpus:
            if not corpus.article_count():
                print(f"error: {db} holds no article", file=sys.stderr)
                return 2
            with corpus.engine.connect() as conn:
                from sqlalchemy import func, select

                from sourcetrace.corpus._schema import claims as claim_rows

                claims = int(conn.execute(select(func.count()).select_from(claim_rows)).scalar_one())
            planned = urls(corpus, random.Random(args.seed), args.requests)
        with TestClient(create_app(WebSettings(db=db))) as client:
            for page, targets in planned.items():
                if not targets:
                    continue
                client.get(targets[0])  # warm-up: templates compiled, caches filled
                median, p95 = measure(client.get, targets)
                rows.append((db, claims, page, median, p95))
    print(f"{'corpus':<28} {'claims':>12} {'page':<12} {'median ms':>9} {'p95 ms':>8} {'target p95':>10}")
    for db, claims, page, median, p95 in rows:
        target = TARGETS.get(page)
        mark = "" if target is None else f"< {target:.0f} {'ok' if p95 < target else 'MISSED'}"
        print(f"{db[-28:]:<28} {claims:>12,} {page:<12} {median:>9.1f} {p95:>8.1f} {mark:>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
