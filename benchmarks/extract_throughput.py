"""Article extraction speed: sourcetrace beside plain trafilatura, one process, same pages.

    python benchmarks/extract_throughput.py [DATA_DIR] [--repeat N]

DATA_DIR is the article-extraction-benchmark (``html/ID.html.gz`` and ``ground-truth.json``;
default ``../shared/data/article-extraction-benchmark``). Every page goes through
``sourcetrace.extract_article`` (raw bytes, as a file would give them) and through
``trafilatura.extract`` (the same bytes). Both first see one page to warm up, then each system
reads all pages N times and its best pass counts. The table gives pages per second and the speed
relative to trafilatura.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared/data/article-extraction-benchmark"

sys.path.insert(0, str(ROOT / "evaluation"))
from extraction import Page, load_pages  # type: ignore[import-not-found]  # noqa: E402


def sourcetrace_extractor() -> Callable[[Page], object]:
    from sourcetrace import RawDocument, SourcetraceError, extract_article

    def run(page: Page) -> object:
        raw = RawDocument(input=page.id, kind="file", data=page.html, url=page.url,
                          content_type="text/html")
        try:
            return extract_article(raw)
        except SourcetraceError as exc:  # a page with no article still costs its time
            return exc

    return run


def trafilatura_extractor() -> Callable[[Page], object]:
    import trafilatura

    def run(page: Page) -> object:
        return trafilatura.extract(page.html, url=page.url)

    return run


def best_pass(pages: list[Page], extractor: Callable[[Page], object], repeat: int) -> float:
    """The shortest of ``repeat`` timed passes over all pages, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for page in pages:
            extractor(page)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=3, help="timed passes per system (best counts)")
    args = parser.parse_args(argv)
    if not (args.data_dir / "ground-truth.json").is_file() or not (args.data_dir / "html").is_dir():
        print(f"Error: {args.data_dir} is not the article-extraction-benchmark "
              "(no ground-truth.json and html/ there); pass its directory as DATA_DIR",
              file=sys.stderr)
        return 2
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    pages = load_pages(args.data_dir)
    systems = [("trafilatura.extract", trafilatura_extractor()),
               ("sourcetrace", sourcetrace_extractor())]
    for _, extractor in systems:
        extractor(pages[0])  # warm-up: imports, lazy tables, caches
    seconds = {name: best_pass(pages, extractor, args.repeat) for name, extractor in systems}
    baseline = len(pages) / seconds["trafilatura.extract"]
    print(f"{'system':<20} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'relative':>9}")
    for name, _ in systems:
        rate = len(pages) / seconds[name]
        print(f"{name:<20} {len(pages):>6} {seconds[name]:>8.2f} {rate:>8.1f} {rate / baseline:>8.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
