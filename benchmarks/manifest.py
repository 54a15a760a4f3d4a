"""Manifest speed: loading (reading, checking every row) and matching documents to rows.

    python benchmarks/manifest.py [POLNEAR_DIR] [--rows 100000] [--repeat 3]

Two runs. First PolNeAR's own ``metadata.tsv`` (982 rows) matched against the paths of the 924
train and dev texts (default ``../shared/data/polnear``). Then a generated manifest of ``--rows``
rows in a temporary folder (TSV: path, outlet, date in three formats, author, wire, two extra
columns) and as many documents, half named by relative path, half by file name without
extension. Best of ``--repeat`` runs; the table gives rows loaded per second and documents
matched per second.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from sourcetrace.extract import Manifest, load_manifest
from sourcetrace.model import RawDocument

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared/data/polnear"
OUTLETS = ("nyt", "wash-post", "huff-post", "politico", "usa-today", "breitbart", "west-journal")
DATES = ("2016-03-{day:02d}", "March {day}, 2016", "2016-03-{day:02d}T09:30:00-05:00")


def _best(repeat: int, work: object) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best, result


def _match_all(manifest: Manifest, paths: list[str]) -> int:
    return sum(manifest.lookup(RawDocument(p, "file", b"")) is not None for p in paths)


def _generated(folder: Path, rows: int) -> tuple[Path, list[str]]:
    lines = ["path\tpublisher\tpublication_date\tauthor\twire\tsection\tword_count"]
    paths = []
    for i in range(rows):
        name = f"{OUTLETS[i % 7]}/2016/story-{i:06d}.txt"
        key = name if i % 2 else Path(name).stem
        date = DATES[i % 3].format(day=1 + i % 28)
        lines.append(f"{key}\t{OUTLETS[i % 7]}\t{date}\tWriter {i % 97}\t{'AP' if i % 11 == 0 else 'None'}"
                     f"\tPolitics\t{500 + i % 900}")
        paths.append(f"corpus/{name}")
    path = folder / "manifest.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("polnear", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"{'manifest':<24} {'rows':>8} {'load s':>8} {'rows/s':>10} {'docs':>8} {'matched':>8} "
          f"{'docs/s':>10}")
    runs: list[tuple[str, Path, list[str]]] = []
    if (args.polnear / "metadata.tsv").is_file():
        texts = sorted(str(p) for split in ("train", "dev")
                       for p in (args.polnear / split / "text").glob("*.txt"))
        runs.append(("PolNeAR metadata.tsv", args.polnear / "metadata.tsv", texts))
    with tempfile.TemporaryDirectory() as tmp:
        generated, paths = _generated(Path(tmp), args.rows)
        runs.append((f"generated, {args.rows:,} rows", generated, paths))
        for label, path, docs in runs:
            load_s, manifest = _best(args.repeat, lambda path=path: load_manifest(path))
            assert isinstance(manifest, Manifest)
            match_s, matched = _best(args.repeat, lambda m=manifest, d=docs: _match_all(m, d))
            print(f"{label:<24} {len(manifest):>8} {load_s:>8.2f} {len(manifest) / load_s:>10,.0f} "
                  f"{len(docs):>8} {matched:>8} {len(docs) / match_s:>10,.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
