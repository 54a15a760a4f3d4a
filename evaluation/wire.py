"""Score wire-copy detection from the text alone against PolNeAR's ``wire`` metadata column.

    python evaluation/wire.py [POLNEAR_DIR] [--split train dev] [--json] [--errors N]

POLNEAR_DIR holds ``metadata.tsv`` and ``SPLIT/text/*.txt`` (default ``../shared/data/polnear``).
Each text is extracted as a plain-text file with no manifest, so ``article.wire`` comes only from
what the text shows (a dateline, a byline, a credit line); the gold answer is the row's ``wire``
column (``AP``, ``UPI``, ``reuters``, ``AFP``; ``None``/``NA`` mean not wire copy), through the
same outlet table. An article is a true positive when both say wire and name the same agency; a
different agency counts as both a false positive and a false negative.

Output: one table per split (articles, gold wire, found, true positives, precision, recall, F1);
``--errors N`` lists up to N disagreements; with ``--json`` the last line is one JSON object
``{split: {articles gold found tp precision recall f1}}``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from sourcetrace.extract import default_outlets, extract_article
from sourcetrace.extract._fields import is_missing
from sourcetrace.model import RawDocument

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared/data/polnear"


def gold_wire(polnear: Path) -> dict[tuple[str, str], str | None]:
    """``(split, filename) → canonical agency or None`` from ``metadata.tsv``."""
    outlets = default_outlets()
    lines = (polnear / "metadata.tsv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    out: dict[tuple[str, str], str | None] = {}
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t"), strict=False))
        value = row.get("wire")
        known = None if is_missing(value) else outlets.by_name(str(value))
        out[(row["compartment"], row["filename"])] = known.name if known else None
    return out


def score(polnear: Path, split: str, gold: dict[tuple[str, str], str | None]) -> dict[str, Any]:
    tp = found = expected = articles = 0
    errors: list[tuple[str, str | None, str | None]] = []
    for path in sorted((polnear / split / "text").glob("*.txt")):
        want = gold.get((split, path.stem))
        raw = RawDocument(str(path), "file", path.read_bytes(), format="text")
        got = extract_article(raw).wire
        articles += 1
        expected += want is not None
        found += got is not None
        tp += got is not None and got == want
        if got != want:
            errors.append((path.name, want, got))
    precision = tp / found if found else 0.0
    recall = tp / expected if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"articles": articles, "gold": expected, "found": found, "tp": tp,
            "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "errors": errors}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("polnear", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--split", nargs="+", default=["train", "dev"])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--errors", type=int, default=0, metavar="N")
    args = parser.parse_args(argv)
    if not (args.polnear / "metadata.tsv").is_file():
        print(f"error: {args.polnear}/metadata.tsv not found (give PolNeAR's directory)", file=sys.stderr)
        return 2
    gold = gold_wire(args.polnear)
    results = {split: score(args.polnear, split, gold) for split in args.split}
    print(f"{'split':<6} {'articles':>8} {'gold':>5} {'found':>5} {'tp':>4} {'prec':>6} {'recall':>6} "
          f"{'f1':>6}")
    for split, r in results.items():
        print(f"{split:<6} {r['articles']:>8} {r['gold']:>5} {r['found']:>5} {r['tp']:>4} "
              f"{r['precision']:>6.3f} {r['recall']:>6.3f} {r['f1']:>6.3f}")
        for name, want, got in r["errors"][: args.errors]:
            print(f"  {name}: gold {want or '-'}, found {got or '-'}")
    if args.json:
        print(json.dumps({s: {k: v for k, v in r.items() if k != "errors"} for s, r in results.items()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
