"""The Spark job in local[2] on archives written by the tests: its Parquet rows are what
`analyze` gives for the same pages, damaged archives end in the errors table, claims are
grouped and traced as the corpus groups and traces them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sourcetrace.spark import COLUMNS, JobReport
from tests.corpus.conftest import fresh_pg_database
from tests.spark.conftest import Crawl

pa = pytest.importorskip("pyarrow", reason="the Parquet tables are read with pyarrow")
ds = pytest.importorskip("pyarrow.dataset")


def table(out: Path, name: str) -> list[dict[str, Any]]:
    partitioning = "hive" if (out / name).is_dir() and any(p.name.startswith("date=")
                                                          for p in (out / name).iterdir()) else None
    rows = ds.dataset(out / name, format="parquet", partitioning=partitioning).to_table().to_pylist()
    for row in rows:
        if "date" in row:
            row["date"] = str(row["date"])
    return rows


def expected_bundles(crawl: Crawl, analyzer: Any) -> list[Any]:
    """What `analyze` gives for the pages of the archives, as the job's rows: with the default
    engine, the hybrid (the job runs it too), on the session's spaCy pipeline."""
    from sourcetrace.attribution import Analyzer
    from sourcetrace.extract import extract_articles
    from sourcetrace.spark import article_bundle

    analyzer = Analyzer(nlp=analyzer.nlp)
    bundles = []
    for warc in (*crawl.good, crawl.truncated, crawl.corrupt):
        for item in extract_articles([str(warc)]):
            if not isinstance(item, Exception):
                bundles.append(article_bundle(analyzer.analyze(item), warc=str(warc)))
    first: dict[int, Any] = {}
    for bundle in bundles:  # a page crawled twice is one article: the copy from the first input
        if bundle.article_id not in first or bundle.input < first[bundle.article_id].input:
            first[bundle.article_id] = bundle
    return list(first.values())


@pytest.fixture(scope="module")
def expected(crawl: Crawl, job: tuple[Path, JobReport], analyzer: Any) -> list[Any]:
    return expected_bundles(crawl, analyzer)


def _key(name: str, row: dict[str, Any]) -> tuple[Any, ...]:
    order = {"articles": ("article_id",), "sources": ("article_id", "sid"),
             "attributions": ("article_id", "idx"), "links": ("article_id", "start"),
             "claims": ("article_id", "idx")}[name]
    return tuple(row[c] for c in order)


@pytest.mark.parametrize("name", ["articles", "sources", "attributions", "links"])
def test_rows_equal_what_analyze_gives(job: tuple[Path, JobReport], expected: list[Any], name: str) -> None:
    out, _ = job
    got = sorted(table(out, name), key=lambda r: _key(name, r))
    want = sorted((r for b in expected for r in b.tables[name]), key=lambda r: _key(name, r))
    assert got == [{c: r.get(c) for c in COLUMNS[name]} for r in want]
    assert len(got) > 0 or name == "links"


def test_every_page_is_one_article_with_its_analysis(job: tuple[Path, JobReport], expected: list[Any],
                                                     crawl: Crawl) -> None:
    from sourcetrace.model import Analysis

    out, report = job
    rows = table(out, "articles")
    assert report.articles == len(rows) == len(expected) == 6
    ledger = [r for r in rows if r["outlet"] == "Daily Ledger"]
    assert [r["input"] for r in ledger] == [f"{crawl.good[0]} [record 1]"]  # not crawl-1's copy
    for row in rows:
        analysis = Analysis.from_dict(json.loads(row["analysis"]))
        assert analysis.article.url == row["url"] and analysis.attributions
    outlets = {r["outlet"] for r in rows}
    assert outlets == {"Daily Ledger", "Evening Courier", "Harbour Times", "Northern Post"}


def test_article_tables_are_partitioned_by_publication_date(job: tuple[Path, JobReport]) -> None:
    out, _ = job
    for name in ("articles", "sources", "attributions", "claims"):
        days = {p.name for p in (out / name).iterdir() if p.is_dir()}
        assert days == {"date=2026-03-03", "date=2026-03-04", "date=2026-03-05", "date=2026-03-06",
                        "date=unknown"}, name
    undated = [r for r in table(out, "articles") if r["date"] == "unknown"]
    assert [r["url"] for r in undated] == ["https://www.northernpost.example/news/fuel-tax"]


def test_damaged_archives_are_errors_and_the_pages_before_the_damage_are_kept(
        job: tuple[Path, JobReport], crawl: Crawl) -> None:
    out, report = job
    errors = {Path(r["warc"]).name: r for r in table(out, "errors")}
    assert report.errors == len(errors) == 4
    assert errors[crawl.truncated.name]["code"] == "E103"
    assert "truncated" in errors[crawl.truncated.name]["reason"]
    assert errors[crawl.corrupt.name]["code"] == "E103"
    assert errors[crawl.not_warc.name]["reason"] == "not a WARC archive"
    assert errors[crawl.missing.name]["code"] == "E100"
    assert all("\n" not in r["reason"] and len(r["reason"]) < 300 for r in errors.values())
    urls = {r["url"] for r in table(out, "articles")}
    assert "https://www.northernpost.example/news/keller" in urls  # before the cut
    assert "https://www.harbourtimes.example/news/talks" in urls  # before the bad member
    assert not any(u.endswith(".png") for u in urls)  # the image response is skipped, not an error


def test_claims_are_grouped_as_the_corpus_groups_them(job: tuple[Path, JobReport], crawl: Crawl,
                                                      tmp_path: Path) -> None:
    from sourcetrace.corpus import Corpus

    out, _ = job
    spark_groups = _partition(table(out, "claims"), key=lambda r: (r["article_id"], r["idx"]))
    with Corpus(str(tmp_path / "c.db")) as corpus:
        corpus.ingest([str(w) for w in (*crawl.good, crawl.truncated, crawl.corrupt)])
        ids = {a.article.url: i for i, a in corpus.items()}
        members = corpus.group_members([g.group for g in corpus.claim_groups(min_outlets=1, limit=None)])
        url_of = {v: k for k, v in ids.items()}
    from sourcetrace.spark import stable_id

    corpus_groups = {frozenset((stable_id(f"url:{url_of[m['article_id']]}"), m["idx"]) for m in ms)
                     for ms in members.values()}
    shared = {g for g in spark_groups if len({a for a, _ in g}) >= 2}
    assert shared == {g for g in corpus_groups if len({a for a, _ in g}) >= 2}
    assert len(shared) >= 3  # the quotation, the Reuters claim, the officials' claim


def _partition(rows: list[dict[str, Any]], key: Any) -> set[frozenset[Any]]:
    groups: dict[int, set[Any]] = {}
    for row in rows:
        groups.setdefault(row["grp"], set()).add(key(row))
    return {frozenset(g) for g in groups.values()}


def test_groups_are_traced_as_trace_traces_them(job: tuple[Path, JobReport]) -> None:
    from sourcetrace.model import ClaimTrace

    out, report = job
    groups = table(out, "groups")
    assert report.groups == len(groups) >= 3
    quotation = next(g for g in groups if "under any circumstances" in g["claim"])
    traced = ClaimTrace.from_dict(json.loads(quotation["trace"]))
    assert quotation["outlets"] == 4 and quotation["articles"] == 6
    assert quotation["origins"] == ["Defence Minister Anna Keller"] and quotation["independence"] == 1
    assert quotation["first_published"] == "2026-03-03"
    assert sorted(quotation["first_outlets"]) == ["Daily Ledger", "Evening Courier"]
    assert {r.claim_id for r in traced.reports} <= {r["claim_id"] for r in table(out, "claims")}
    officials = next(g for g in groups if "negotiations" in g["claim"])
    # every outlet relays The Times's unnamed officials: one source, however many outlets
    assert officials["independence"] == 1 and officials["origins"] == ["Unnamed officials"]
    reuters = next(g for g in groups if "fuel tax" in g["claim"])
    assert reuters["origins"] == ["Reuters"] and reuters["outlets"] == 4


def test_variants_and_claims_columns(job: tuple[Path, JobReport]) -> None:
    out, _ = job
    claims = table(out, "claims")
    assert {c for row in claims for c in row} == set(COLUMNS["claims"])
    assert all(row["grp"] is not None for row in claims)
    ids = {row["claim_id"] for row in claims}
    assert len(ids) == len(claims)
    assert all(v["claim_id"] in ids and v["other_id"] in ids for v in table(out, "claim_variants"))


def test_job_report_is_written_beside_the_tables(job: tuple[Path, JobReport]) -> None:
    out, report = job
    saved = json.loads((out / "job.json").read_text(encoding="utf-8"))
    assert saved == report.to_dict()
    assert saved["archives"] == 6 and set(saved["seconds"]) == {"analyse", "group"}


def test_duckdb_reads_the_tables_as_the_readme_shows(job: tuple[Path, JobReport]) -> None:
    duckdb = pytest.importorskip("duckdb", reason="duckdb is not installed")
    out, _ = job
    query = f"""
        SELECT source, count(DISTINCT a.outlet) AS outlets, count(*) AS claims
        FROM read_parquet('{out}/attributions/*/*.parquet', hive_partitioning = true) t
        JOIN read_parquet('{out}/articles/*/*.parquet', hive_partitioning = true) a USING (article_id)
        JOIN read_parquet('{out}/sources/*/*.parquet', hive_partitioning = true) s
             ON s.article_id = t.article_id AND s.sid = t.sid
        GROUP BY source ORDER BY outlets DESC, claims DESC"""
    query = query.replace("SELECT source", "SELECT s.name AS source").replace("GROUP BY source",
                                                                             "GROUP BY s.name")
    rows = duckdb.sql(query).fetchall()
    assert ("Anna Keller", 4, 6) in rows or any(r[0] and "Keller" in r[0] and r[1] == 4 for r in rows)


def test_an_existing_output_is_not_overwritten_unless_asked(job: tuple[Path, JobReport],
                                                           crawl: Crawl) -> None:
    from sourcetrace.cli import cli

    out, _ = job
    result = CliRunner().invoke(cli, ["spark", str(crawl.manifest), "--out", str(out), "--master", "local[1]",
                                      "--conf", "spark.ui.enabled=false"])
    assert result.exit_code == 2, result.output
    assert "already written there" in result.output and "--overwrite" in result.output


@pytest.fixture(params=["sqlite", "postgresql"])
def corpus_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "loaded.db")
    else:
        with fresh_pg_database() as url:
            yield url


def test_ingest_from_parquet_loads_the_corpus(job: tuple[Path, JobReport], corpus_url: str) -> None:
    from sourcetrace.cli import cli
    from sourcetrace.corpus import Corpus
    from sourcetrace.trace import claim_groups, trace

    out, _ = job
    result = CliRunner().invoke(cli, ["ingest", "--from-parquet", str(out), "--db", corpus_url])
    assert result.exit_code == 0, result.output
    assert "6 articles stored, 4 errors" in result.output
    with Corpus(corpus_url) as corpus:
        assert corpus.article_count() == 6
        assert len(corpus.errors()) == 4
        found = trace(corpus, '"under any circumstances"')
        assert found.groups and found.groups[0].independence == 1
        assert len(found.groups[0].outlets) == 4
        traced = {g.claim: g for g in claim_groups(corpus, min_outlets=1, limit=100)
                  if len({p.article_id for r in g.reports for p in r.publications}) >= 2}
    # every group the job traced, traced the same by `trace` on the loaded corpus
    groups = table(out, "groups")
    assert len(groups) == len(traced)
    for row in groups:
        same = traced[row["claim"]]
        assert (row["independence"], row["outlets"], row["reports"]) == (
            same.independence, len(same.outlets), len(same.reports))
        assert row["origins"] == [same.node(o).label for o in same.origins]  # type: ignore[union-attr]
