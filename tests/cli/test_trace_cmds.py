"""``trace`` and ``claims`` through the command line: the formats, and the messages for an empty
corpus and a query without a match."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from sourcetrace.cli import cli
from tests.trace.corpora import ANONYMOUS, RELAY, store


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, analyzer: Any) -> str:
    from sourcetrace.corpus import Corpus

    path = str(tmp_path_factory.mktemp("trace") / "c.db")
    with Corpus(path) as corpus:
        store(corpus, RELAY + ANONYMOUS, analyzer)
    return path


def test_trace_text_report(db: str) -> None:
    result = _run("trace", "ferry terminal", "--db", db, "--limit", "1")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Claim 2 · 3 reports in 3 outlets · 1 independent source"
    path = ("r2 Coastline Courier (2025-03-02) ─links→ r1 Harbourton Gazette (2025-03-01) ─quotes→ "
            "Officials (anonymous, Harbourton Gazette's) ◆")
    assert path in " ".join(result.stdout.split())
    assert "Origins ◆ Officials (anonymous, Harbourton Gazette's)" in result.stdout
    assert "2025-03-03  +2 days    r3 Bay Herald" in result.stdout


def test_trace_json_and_dot(db: str) -> None:
    data = json.loads(_run("trace", "grain licences", "--db", db, "--format", "json").stdout)
    assert data["schema"] == "sourcetrace.trace/1" and data["query"] == "grain licences"
    top = data["groups"][0]
    assert (top["independence"], sorted(top["outlets"])) == (2, ["Bay Herald", "Coastline Courier"])
    assert {e["relation"] for e in top["edges"]} == {"quotes"}
    dot = _run("trace", "grain licences", "--db", db, "--format", "dot").stdout
    assert dot.startswith("digraph trace {") and "cluster_" in dot


def test_claims_lists_the_widely_reported(db: str) -> None:
    result = _run("claims", "--db", db)
    assert result.exit_code == 0
    header, first, second = result.stdout.splitlines()
    assert header.split()[:5] == ["group", "outlets", "reports", "independent", "first"]
    assert first.split()[1:5] == ["3", "3", "1", "2025-03-01"]
    assert second.split()[1:5] == ["2", "2", "2", "2025-04-10"]
    data = json.loads(_run("claims", "--db", db, "--min-outlets", "3", "--format", "json").stdout)
    assert [len(g["outlets"]) for g in data["groups"]] == [3]


def test_no_match_says_so(db: str) -> None:
    result = _run("trace", "volcano", "--db", db)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.strip() == f"No claim in sqlite:///{db} matches 'volcano'."


def test_an_empty_corpus_points_to_ingest(tmp_path: Path) -> None:
    db = str(tmp_path / "empty.db")
    for command in (("trace", "ferry"), ("claims",)):
        result = _run(*command, "--db", db)
        assert result.exit_code == 1
        assert result.stderr.strip() == (f"Error: [E502] sqlite:///{db}: no articles in this corpus: run "
                                         "`sourcetrace ingest` first")
