"""Time the plain-text scrape cleaner, single process.

    python benchmarks/plaintext_cleaner.py [--repeat N]

Three inputs: the packaged example scrape, the same scrape repeated into a long page, and a
long page where no line reads as body text (the whole page is "header", the cleaner's worst
case for the title search). Prints one table: input, lines, best seconds of N, lines/s.
"""

from __future__ import annotations

import argparse
import sys
import time
from importlib import resources

from sourcetrace.extract import clean_plaintext


def _inputs() -> list[tuple[str, str]]:
    example = resources.files("sourcetrace.data").joinpath(
        "examples/harbourton-ferry-contract.txt"
    ).read_text(encoding="utf-8")
    headerless = "\n\n".join(f"Section {i} Headline Number {i % 97} About Things" for i in range(8000))
    return [
        ("packaged example", example),
        ("example x200", "\n\n".join([example] * 200)),
        ("8000 headline-like lines", headerless),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"{'input':<26} {'lines':>7} {'seconds':>9} {'lines/s':>10}")
    for name, text in _inputs():
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            clean_plaintext(text)
            best = min(best, time.perf_counter() - start)
        lines = text.count("\n") + 1
        print(f"{name:<26} {lines:>7} {best:>9.4f} {lines / best:>10.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
