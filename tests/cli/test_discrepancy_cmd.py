"""``discrepancies`` through the command line: the text report with its word diff, JSON, the
kind and level options, the skipped reports under ``--verbose``, and the messages for an empty
corpus and a query without a match."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from sourcetrace.cli import cli
from tests.trace import discrepant as d
from tests.trace.corpora import store


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, analyzer: Any) -> str:
    from sourcetrace.corpus import Corpus

    path = str(tmp_path_factory.mktemp("discrepancies") / "c.db")
    with Corpus(path) as corpus:
        store(corpus, d.NEGATION + d.OCCASION + d.COSMETIC + d.LAUNDERED + d.SHORT, analyzer)
    return path


def test_text_report_with_a_word_diff(db: str) -> None:
    result = _run("discrepancies", "--db", db)
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert text.startswith("4 findings in 3 claim groups (5 compared; kinds: wording, speaker, occasion, "
                           "attribution; wording: substantive and worse)")
    limited = " ".join(_run("discrepancies", "--db", db, "--limit", "1").stdout.split())
    assert limited.startswith("1 finding in 1 claim group, the 1 most serious of 3 (5 compared;")
    assert ("[5] wording: negation (substantive) — a negation is added in Bay Herald: “should” in Harbourton "
            "Gazette is “shouldn't”") in text
    diff = "diff: The money [-should-] {+shouldn't+} have been used for the flood defences in the lower town"
    assert diff in text
    assert text.index("negation") < text.index("occasion: medium") < text.index("occasion: date")


def test_kind_level_and_json(db: str) -> None:
    data = json.loads(_run("discrepancies", "--db", db, "--kind", "wording", "--level", "cosmetic",
                           "--format", "json").stdout)
    assert data["schema"] == "sourcetrace.discrepancy/1"
    assert (data["kinds"], data["level"]) == (["wording"], "cosmetic")
    found = [(f["kind"], f["finding"]) for g in data["groups"] for f in g["discrepancies"]]
    assert found == [("wording", "negation"), ("wording", "cosmetic")]
    evidence = data["groups"][0]["discrepancies"][0]["evidence"]
    fields = {"report", "article_id", "outlet", "published", "text", "spans", "sentence", "detail", "group"}
    assert fields <= set(evidence[0])
    two = json.loads(_run("discrepancies", "--db", db, "--kind", "occasion", "--kind", "attribution",
                          "-f", "json").stdout)
    assert {f["kind"] for g in two["groups"] for f in g["discrepancies"]} == {"occasion", "attribution"}


def test_verbose_lists_what_was_skipped(db: str) -> None:
    result = _run("discrepancies", "parking plan", "--db", db, "--verbose")
    assert result.exit_code == 0
    assert result.stdout.startswith("0 findings in 0 claim groups (1 compared;")
    skipped = result.stderr.splitlines()
    assert len(skipped) == 2
    assert skipped[0].startswith("Skipped claim ") and skipped[0].endswith(
        ": its quotation is under 5 words: not compared word by word")
    assert "Skipped" not in _run("discrepancies", "parking plan", "--db", db).stderr


def test_no_match_and_an_empty_corpus(db: str, tmp_path: Path) -> None:
    result = _run("discrepancies", "volcano", "--db", db)
    assert result.exit_code == 1
    assert result.stderr.strip() == \
        f"No claim carried by two articles or more in sqlite:///{db} matches 'volcano'."
    empty = str(tmp_path / "empty.db")
    result = _run("discrepancies", "--db", empty)
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"Error: [E502] sqlite:///{empty}: no articles in this corpus: run "
                                     "`sourcetrace ingest` first")
