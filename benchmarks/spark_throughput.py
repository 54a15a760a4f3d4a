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
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared/data/article-extraction-benchmark"
ANALYZE, ROWS = "analyze, one process", "stage 1 work, one process"
_OWN_URL = re.compile(rb"<(?:link|meta)\b[^>]*(?:canonical|og:url|twitter:url)[^>]*>", re.I)


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
            body = bodies[name]
            if i >= len(names):  # a copy is another article: its own URL, the page's own one removed
                url += ("&" if "?" in url else "?") + f"copy={i // len(names)}"
                body = _OWN_URL.sub(b"", body)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer = writers[i % archives]
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
    finally:
        for handle in handles:
            handle.close()
    return paths


def time_analyze(paths: list[Path]) -> tuple[float, int]:
    """One process doing what ``sourcetrace analyze -f jsonl`` does: read, extract, analyse,
    write each analysis as a JSON line."""
    from sourcetrace.attribution import Analyzer
    from sourcetrace.extract import extract_articles

    started = time.perf_counter()
    analyzer = Analyzer()
    articles = (a for a in extract_articles([str(p) for p in paths]) if not isinstance(a, Exception))
    done = 0
    with open(os.devnull, "w", encoding="utf-8") as sink:
        for analysis in analyzer.analyze_many(articles):
            sink.write(json.dumps(analysis.to_dict(), ensure_ascii=False) + "\n")
            done += 1
    return time.perf_counter() - started, done


def time_rows(paths: list[Path]) -> tuple[float, int]:
    """One process doing what a task of stage 1 does, without Spark: read, extract, analyse,
    and make each article's rows (claims, their LSH buckets, the text's signature) as Arrow
    batches."""
    from sourcetrace.ingest import DEFAULT_MAX_BYTES
    from sourcetrace.spark._rows import Settings, arrow_batches

    started = time.perf_counter()
    import pyarrow as pa

    batch = pa.record_batch([[str(p) for p in paths]], names=["path"])
    done = sum(b.num_rows for b in arrow_batches(Settings(max_bytes=DEFAULT_MAX_BYTES), [batch]))
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
    parser.add_argument("--pages", type=int, default=300,
                        help="Pages in the smaller run (the larger has twice as many).")
    parser.add_argument("--archives", type=int, default=6, help="WARC files in the smaller run.")
    parser.add_argument("--cores", default="1,2", help="Spark core counts to run, comma-separated.")
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").is_file():
        print(f"Error: {args.data} is not the article-extraction benchmark (no ground-truth.json)",
              file=sys.stderr)
        return 2
    sizes = (args.pages, 2 * args.pages)
    cores = [int(c) for c in args.cores.split(",")]
    runs: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm"
        warm.mkdir()
        manifest = warm / "warc.paths"
        manifest.write_text(f"{write_archives(args.data, warm, pages=4, archives=1)[0]}\n", encoding="utf-8")
        time_spark(manifest, warm / "out", 1)  # the JVM's first start reads its jars from disk: not counted
        for size in sizes:
            folder = Path(tmp) / str(size)
            folder.mkdir()
            paths = write_archives(args.data, folder, pages=size, archives=args.archives * size // args.pages)
            manifest = folder / "warc.paths"
            manifest.write_text("".join(f"{p}\n" for p in paths), encoding="utf-8")
            runs.setdefault(ANALYZE, []).append(time_analyze(paths)[0])
            runs.setdefault(ROWS, []).append(time_rows(paths)[0])
            for n in cores:
                stage1, whole, _ = time_spark(manifest, folder / f"out{n}", n)
                runs.setdefault(f"spark local[{n}] stage 1", []).append(stage1)
                runs.setdefault(f"spark local[{n}] whole job", []).append(whole)
    print(f"{sizes[0]} and {sizes[1]} pages from {args.data}, in {args.archives} and {2 * args.archives} "
          "WARC archives; whole runs (pipeline loading and JVM start included), and the marginal rate "
          "between the two sizes (what each further page costs: start-up left out)")
    print(f"{'run':<28}{'cores':>6}{'s ' + str(sizes[0]):>9}{'s ' + str(sizes[1]):>9}{'pages/s':>9}"
          f"{'marginal':>10}{'per core':>10}{'vs analyze':>12}{'vs stage 1':>12}")
    base = {name: (sizes[1] - sizes[0]) / (t[1] - t[0]) for name, t in runs.items()}
    for name, (small, large) in runs.items():
        n = int(name.split("[")[1][0]) if "[" in name else 1
        marginal = base[name]
        per_core = marginal / n
        versus = [1 - per_core / base[ref] for ref in (ANALYZE, ROWS)]
        stage1 = name.startswith("spark") and "stage 1" in name
        shown = [f"{v:>12.0%}" if stage1 else f"{'':>12}" for v in versus]
        print(f"{name:<28}{n:>6}{small:>9.1f}{large:>9.1f}{sizes[1] / large:>9.2f}{marginal:>10.2f}"
              f"{per_core:>10.2f}{shown[0]}{shown[1]}")
    overheads = [(n, 1 - base[f"spark local[{n}] stage 1"] / n / base[ANALYZE],
                  1 - base[f"spark local[{n}] stage 1"] / n / base[ROWS]) for n in cores]
    print("overhead per core (marginal): " + ", ".join(
        f"local[{n}] {a:.0%} vs analyze, {r:.0%} vs the same work in one process" for n, a, r in overheads))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
