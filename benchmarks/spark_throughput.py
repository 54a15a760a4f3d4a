"""Spark job speed: pages/s of `sourcetrace spark` in local[1] and local[2] beside one process
running what `analyze` runs on the same pages.

    python benchmarks/spark_throughput.py [DATA_DIR] [--pages 400] [--archives 8] [--cores 1,2]

DATA_DIR is the article-extraction benchmark (``html/*.html.gz``, ``ground-truth.json``; default
``../shared/data/article-extraction-benchmark``). Its pages, repeated under distinct URLs up to
``--pages``, are written into ``--archives`` gzipped WARC files (warcio), as a crawl stores them.

Rows: ``analyze`` in one process (read the archives, extract, analyse: the pipeline load
included), then the Spark job with each core count: stage 1 (read, extract, analyse, write the
article tables to Parquet) and the whole job (stage 2 groups the claims and traces the groups),
JVM start included. ``overhead/core`` compares stage 1's pages/s per core with the single
process: how much of a core Spark's machinery costs (the issue asks for under 20%).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared/data/article-extraction-benchmark"


def write_archives(data: Path, directory: Path, *, pages: int, archives: int) -> list[Path]:
    """``archives`` WARC files holding ``pages`` responses, the benchmark's pages in turn, each
    copy under its own URL."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    names = sorted(truth)
    bodies = {n: gzip.decompress((data / "html" / f"{n}.html.gz").read_bytes()) for n in names}
    paths = [directory / f"bench-{i:03d}.warc.gz" for i in range(archives)]
    handles = [open(p, "wb") for p in paths]  # noqa: SIM115 (closed below)
    try:
        writers = [WARCWriter(h, gzip=True) for h in handles]
        for i in range(pages):
            name = names[i % len(names)]
            url = truth[name].get("url") or f"https://example.org/{name}"
            url += ("&" if "?" in url else "?") + f"copy={i // len(names)}" if i >= len(names) else ""
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer = writers[i % archives]
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(bodies[name]),
                                                          http_headers=headers))
    finally:
        for handle in handles:
            handle.close()
    return paths


def time_single(paths: list[Path]) -> tuple[float, int]:
    """One process: read, extract and analyse every page, as `analyze` does."""
    from sourcetrace.attribution import Analyzer
    from sourcetrace.extract import extract_articles

    started = time.perf_counter()
    analyzer = Analyzer()
    articles = (a for a in extract_articles([str(p) for p in paths]) if not isinstance(a, Exception))
    done = sum(1 for _ in analyzer.analyze_many(articles))
    return time.perf_counter() - started, done


def time_spark(manifest: Path, out: Path, cores: int) -> tuple[float, float, int]:
    from sourcetrace.ingest import DEFAULT_MAX_BYTES
    from sourcetrace.spark import Settings, run_job

    started = time.perf_counter()
    report = run_job(str(manifest), str(out), settings=Settings(max_bytes=DEFAULT_MAX_BYTES),
                     master=f"local[{cores}]", conf=[("spark.ui.enabled", "false")], overwrite=True)
    whole = time.perf_counter() - started
    return report.seconds["analyse"] + (whole - sum(report.seconds.values())), whole, report.articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--archives", type=int, default=8)
    parser.add_argument("--cores", default="1,2", help="Spark core counts to run, comma-separated.")
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").is_file():
        print(f"Error: {args.data} is not the article-extraction benchmark (no ground-truth.json)",
              file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_archives(args.data, Path(tmp), pages=args.pages, archives=args.archives)
        manifest = Path(tmp) / "warc.paths"
        manifest.write_text("".join(f"{p}\n" for p in paths), encoding="utf-8")
        base, analysed = time_single(paths)
        rows = []
        for cores in (int(c) for c in args.cores.split(",")):
            stage1, whole, articles = time_spark(manifest, Path(tmp) / f"out{cores}", cores)
            rows.append((cores, stage1, whole, articles))
    single = analysed / base
    print(f"{args.pages} pages in {args.archives} WARC archives from {args.data}; {analysed} articles "
          "(the other pages hold none); whole runs, pipeline loading and JVM start included")
    print(f"{'run':<26}{'cores':>6}{'seconds':>9}{'pages/s':>9}{'per core':>10}{'overhead/core':>15}")
    print(f"{'analyze, one process':<26}{1:>6}{base:>9.1f}{args.pages / base:>9.2f}{args.pages / base:>10.2f}"
          f"{'':>15}")
    for cores, stage1, whole, articles in rows:
        per_core = args.pages / stage1 / cores
        overhead = 1 - per_core / (args.pages / base)
        print(f"{'spark stage 1 (analyse)':<26}{cores:>6}{stage1:>9.1f}{args.pages / stage1:>9.2f}"
              f"{per_core:>10.2f}{overhead:>15.0%}")
        print(f"{'spark whole job':<26}{cores:>6}{whole:>9.1f}{args.pages / whole:>9.2f}"
              f"{args.pages / whole / cores:>10.2f}{'':>15}")
        if articles != analysed:
            print(f"warning: the job stored {articles} articles, one process {analysed}", file=sys.stderr)
    print(f"single {single:.2f} articles/s; " + ", ".join(
        f"local[{c}] stage 1 {args.pages / s1:.2f} pages/s, whole {args.pages / w:.2f}" for c, s1, w, _ in rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
