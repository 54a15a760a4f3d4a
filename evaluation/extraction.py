"""Score article-body extraction on the article-extraction-benchmark (Zyte, MIT licence).

    python evaluation/extraction.py [DATA_DIR] [--baseline] [--worst N]

DATA_DIR holds ``html/ID.html.gz`` and ``ground-truth.json`` (default
``../shared/data/article-extraction-benchmark``). The metric is the benchmark's own: texts are
tokenised on ``\\w+``, cut into 4-token shingles counted as multisets, each page's tp/fp/fn are
normalised to sum 1, precision and recall are averaged over pages, and F1 is taken from those
averages. The last line printed is ``extraction: f1=… precision=… recall=… pages=N``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared/data/article-extraction-benchmark"
_TOKEN = re.compile(r"\w+", re.UNICODE)
SHINGLE = 4


@dataclass(frozen=True)
class Page:
    id: str
    url: str | None
    html: bytes
    truth: str


@dataclass(frozen=True)
class Score:
    f1: float
    precision: float
    recall: float
    pages: int
    seconds: float


def load_pages(data_dir: Path) -> list[Page]:
    truth = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        path = data_dir / "html" / f"{page_id}.html.gz"
        html = gzip.decompress(path.read_bytes())
        pages.append(Page(page_id, truth[page_id].get("url"), html, truth[page_id]["articleBody"]))
    return pages


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1))
                   if tokens[i : i + SHINGLE])


def tp_fp_fn(truth: str, predicted: str) -> tuple[float, float, float]:
    want, got = shingles(truth), shingles(predicted)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def aggregate(counts: list[tuple[float, float, float]], seconds: float) -> Score:
    precisions = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = statistics.mean(precisions) if precisions else 0.0
    r = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Score(f1, p, r, len(counts), seconds)


def sourcetrace_extractor() -> Callable[[Page], str]:
    from sourcetrace import RawDocument, SourcetraceError, extract_article

    def run(page: Page) -> str:
        raw = RawDocument(input=page.id, kind="file", data=page.html, url=page.url,
                          content_type="text/html")
        try:
            return extract_article(raw).text
        except SourcetraceError:
            return ""

    return run


def trafilatura_extractor() -> Callable[[Page], str]:
    import trafilatura

    def run(page: Page) -> str:
        return trafilatura.extract(page.html.decode("utf-8", "replace"), url=page.url) or ""

    return run


def score(pages: list[Page], extractor: Callable[[Page], str]) -> tuple[Score, list[tuple[float, str]]]:
    counts = []
    per_page = []
    start = time.perf_counter()
    for page in pages:
        predicted = extractor(page)
        c = tp_fp_fn(page.truth, predicted)
        counts.append(c)
        p, r = _precision(*c), _recall(*c)
        per_page.append((2 * p * r / (p + r) if p + r else 0.0, page.id))
    return aggregate(counts, time.perf_counter() - start), per_page


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--baseline", action="store_true", help="also score plain trafilatura")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages")
    args = parser.parse_args(argv)
    if not (args.data_dir / "ground-truth.json").is_file():
        print(f"error: no ground-truth.json in {args.data_dir}", file=sys.stderr)
        return 2
    pages = load_pages(args.data_dir)
    rows = []
    if args.baseline:
        rows.append(("trafilatura (plain)", score(pages, trafilatura_extractor())[0]))
    ours, per_page = score(pages, sourcetrace_extractor())
    rows.append(("sourcetrace", ours))
    print(f"{'system':<22} {'f1':>6} {'prec':>6} {'recall':>6} {'pages':>6} {'seconds':>8}")
    for name, s in rows:
        print(f"{name:<22} {s.f1:6.3f} {s.precision:6.3f} {s.recall:6.3f} {s.pages:6d} {s.seconds:8.1f}")
    for f1, page_id in sorted(per_page)[: args.worst]:
        print(f"  worst: {f1:.3f} {page_id}")
    print(f"extraction: f1={ours.f1:.3f} precision={ours.precision:.3f} "
          f"recall={ours.recall:.3f} pages={ours.pages}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
