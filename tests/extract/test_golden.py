"""The packaged example's extraction, reviewed by eye and frozen: any change shows up here."""

from __future__ import annotations

import json

from sourcetrace.extract import extract_text
from tests.conftest import DATA, ROOT

EXAMPLE = ROOT / "src/sourcetrace/data/examples/harbourton-ferry-contract.txt"


def test_packaged_example_matches_golden_output() -> None:
    golden = json.loads((DATA / "golden" / "harbourton-ferry-contract.json").read_text(encoding="utf-8"))
    article = extract_text(EXAMPLE.read_text(encoding="utf-8"), input=golden["source"]["input"])
    got = article.to_dict()
    # The golden file was made through the CLI (a file input): only the reading path differs.
    assert got["source"]["sha256"] == golden["source"]["sha256"]
    got.pop("source")
    golden.pop("source")
    assert got == golden

