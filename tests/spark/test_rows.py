"""The plain-Python parts of the Spark job (no Spark needed): the rows of an analysis, the
manifest, reading archives in a worker, the output loader, and grouping's pairwise step."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from sourcetrace.corpus._claims import ClaimUnit, bucket_links
from sourcetrace.errors import ConfigError, CorruptInputError, IngestError, SourcetraceError, error_for
from sourcetrace.spark import Settings, Worker, read_manifest, read_output, stable_id
from sourcetrace.spark._rows import COLUMNS, article_bundle, publication_day
from tests.spark.conftest import Crawl


def features(text: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    unit = ClaimUnit(0, "attributed", text, text, 0, len(text))
    return unit.words, unit.numbers, unit.names


def test_stable_ids_are_the_same_everywhere_and_fit_a_long() -> None:
    assert stable_id("url:https://example.org/a") == stable_id("url:https://example.org/a")
    assert stable_id("a") != stable_id("b")
    assert all(0 <= stable_id(str(n)) < 2**63 for n in range(1000))


@pytest.mark.parametrize(("published", "day"), [
    ("2026-03-03", "2026-03-03"), ("2026-03-03T09:30:00+01:00", "2026-03-03"), (None, "unknown"),
    ("", "unknown"), ("2026", "unknown"), ("March 3, 2026", "unknown"),
])
def test_publication_day(published: str | None, day: str) -> None:
    assert publication_day(published) == day


def test_bucket_links_copies_same_and_variants() -> None:
    a = features("Mexico will pay for the wall on the southern border, Trump said")
    b = features("Mexico will pay for the wall along the southern border, Trump said")
    c = features("Mexico will not pay for the wall on the southern border, Trump said")
    d = features("The harbour contract talks collapsed after three days of meetings")
    links = set(bucket_links([(5, a), (1, a), (7, b), (9, c), (3, d)]))
    assert (1, 5, "copy") in links  # the same words: one comparison, with the first
    assert {(1, 7, "copy"), (1, 7, "same")} & links
    assert (1, 9, "variant") in links and not any(3 in pair[:2] for pair in links)


def test_bucket_links_window_bounds_comparisons() -> None:
    many = [(n, features(f"Officials said claim number {n} about the port was true")) for n in range(50)]
    assert len(list(bucket_links(many, window=3))) <= 3 * 50


def test_bundle_rows_are_the_corpus_rows(crawl: Crawl, analyzer: Any) -> None:
    from sourcetrace.corpus._claims import claim_units
    from sourcetrace.corpus._rows import article_key, article_row, child_rows
    from sourcetrace.extract import extract_articles

    article = next(a for a in extract_articles([str(crawl.good[0])]) if not isinstance(a, Exception))
    analysis = analyzer.analyze(article)
    bundle = article_bundle(analysis, warc="crawl-0.warc.gz")
    row = bundle.tables["articles"][0]
    assert row["article_id"] == bundle.article_id == stable_id(article_key(analysis))
    assert {k: row[k] for k in article_row(analysis)} == article_row(analysis)
    assert row["date"] == "2026-03-03" and row["warc"] == "crawl-0.warc.gz"
    for name, rows in child_rows(analysis).items():
        assert [{k: r[k] for k in want} for r, want in zip(bundle.tables[name], rows, strict=True)] == rows
    assert len(bundle.tables["claims"]) == len(claim_units(analysis))
    for name, rows in bundle.tables.items():
        assert all(set(r) == set(COLUMNS[name]) for r in rows), name
    assert set(bundle.buckets) <= {c["claim_id"] for c in bundle.tables["claims"]}


def test_manifest_lines_comments_gzip_and_prefix(tmp_path: Path) -> None:
    plain = tmp_path / "warc.paths"
    plain.write_text("# crawl\n/data/a.warc.gz\n\ncrawl-data/b.warc.gz\n/data/a.warc.gz\n", encoding="utf-8")
    assert read_manifest(str(plain)) == ["/data/a.warc.gz", "crawl-data/b.warc.gz"]
    packed = tmp_path / "warc.paths.gz"
    packed.write_bytes(gzip.compress(b"crawl-data/b.warc.gz\ns3a://other/c.warc.gz\n"))
    assert read_manifest(str(packed), prefix="s3a://commoncrawl/") == [
        "s3a://commoncrawl/crawl-data/b.warc.gz", "s3a://other/c.warc.gz"]
    assert read_manifest("file://" + str(plain))[0] == "/data/a.warc.gz"


def test_bad_manifests_are_named_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.paths"
    empty.write_text("# nothing\n\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="lists no WARC archives"):
        read_manifest(str(empty))
    with pytest.raises(IngestError, match="cannot be opened"):
        read_manifest(str(tmp_path / "absent.paths"))
    broken = tmp_path / "broken.paths.gz"
    broken.write_bytes(gzip.compress(b"a.warc.gz\n")[:-6])
    with pytest.raises(IngestError, match="damaged gzip"):
        read_manifest(str(broken))


def test_a_worker_turns_every_failure_into_an_error_row(crawl: Crawl) -> None:
    worker = Worker(Settings(max_bytes=5_000_000))
    found: dict[str, list[str]] = {}
    for path in (crawl.truncated, crawl.corrupt, crawl.not_warc, crawl.missing):
        found[path.name] = sorted(kind for kind, _ in worker.items(str(path)))
    assert found[crawl.truncated.name] == ["article", "error"]
    assert found[crawl.corrupt.name] == ["article", "error"]
    assert found[crawl.not_warc.name] == ["error"] and found[crawl.missing.name] == ["error"]
    errors = [row for kind, row in worker.items(str(crawl.missing)) if kind == "error"]
    assert errors[0]["input"] == str(crawl.missing) and errors[0]["code"] == "E100"


def test_a_worker_keeps_its_pipeline_between_archives(crawl: Crawl) -> None:
    from sourcetrace.spark import _rows

    settings = Settings(max_bytes=5_000_000)
    list(_rows.warc_items(settings, [str(crawl.missing)]))
    first = _rows._worker
    list(_rows.warc_items(settings, [str(crawl.not_warc)]))
    assert _rows._worker is first
    list(_rows.warc_items(Settings(max_bytes=1_000), [str(crawl.not_warc)]))
    assert _rows._worker is not first


def test_error_codes_give_back_their_classes() -> None:
    assert type(error_for("E103", "a.warc", "cut")) is CorruptInputError
    assert error_for("E103", "a.warc", "cut").message == "[E103] a.warc: cut"
    assert type(error_for("E999", None, "later release")) is SourcetraceError


def test_loading_something_that_is_no_job_output(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no articles table"):
        list(read_output(str(tmp_path)))


def test_a_row_whose_analysis_cannot_be_read_is_an_error_not_a_crash(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    from sourcetrace.attribution import analyze_text

    good = json.dumps(analyze_text("The council met on Tuesday, the mayor said.").to_dict())
    (tmp_path / "articles" / "date=unknown").mkdir(parents=True)
    pq.write_table(pa.table({"input": ["a.warc [record 1]", "a.warc [record 2]"], "analysis": [good, "{"]}),
                   tmp_path / "articles" / "date=unknown" / "part-0.parquet")
    results = list(read_output(str(tmp_path)))
    assert not isinstance(results[0], Exception)
    assert isinstance(results[1], SourcetraceError) and results[1].input == "a.warc [record 2]"
    assert "cannot be read" in results[1].reason


def test_trace_row_is_build_trace(tmp_path: Path) -> None:
    from sourcetrace.corpus import Corpus
    from sourcetrace.spark._grouping import trace_row
    from sourcetrace.trace import build_trace
    from tests.corpus.conftest import make_article

    with Corpus(str(tmp_path / "c.db")) as corpus:
        corpus.ingest([make_article("ferry"), make_article("market", outlet="Courier"),
                       make_article("budget")])
        group = corpus.claim_groups(min_outlets=1, limit=1)[0].group
        members = corpus.group_members([group])[group]
    row = trace_row(group, [dict(m) for m in members])
    traced = build_trace(group, members)
    assert json.loads(row["trace"]) == json.loads(json.dumps(traced.to_dict()))
    assert row["independence"] == traced.independence and row["claim"] == traced.claim


def test_an_output_with_no_article_still_loads_its_errors(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    from click.testing import CliRunner

    from sourcetrace.cli import cli

    (tmp_path / "out" / "articles").mkdir(parents=True)  # Spark writes no file for an empty table
    (tmp_path / "out" / "articles" / "_SUCCESS").write_bytes(b"")
    (tmp_path / "out" / "errors").mkdir()
    pq.write_table(pa.table({"input": ["a.warc"], "warc": ["a.warc"], "code": ["E103"],
                             "error": ["CorruptInputError"], "reason": ["the archive ends inside a record"]}),
                   tmp_path / "out" / "errors" / "part-0.parquet")
    result = CliRunner().invoke(cli, ["ingest", "--from-parquet", str(tmp_path / "out"),
                                      "--db", str(tmp_path / "c.db")])
    assert result.exit_code == 1  # nothing stored: as ingest, whose every input failed
    assert "[E103] a.warc: the archive ends inside a record" in result.output
    assert "0 articles stored, 1 errors" in result.output


def test_from_parquet_refuses_what_only_reading_inputs_uses(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from sourcetrace.cli import cli

    (tmp_path / "out").mkdir()
    for args in (["page.html"], ["--workers", "2"], ["--lexicon", __file__]):
        result = CliRunner().invoke(cli, ["ingest", "--from-parquet", str(tmp_path / "out"), *args])
        assert result.exit_code == 2 and "cannot go with it" in result.output, args


def test_a_page_whose_rows_fail_is_an_error_and_the_archive_goes_on(crawl: Crawl,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from sourcetrace.spark import _rows

    real = _rows.article_bundle
    seen: list[str] = []

    def flaky(analysis: object, *, warc: str) -> object:
        seen.append(warc)
        if len(seen) == 1:
            raise ValueError("a bug on this page")
        return real(analysis, warc=warc)  # type: ignore[arg-type]

    monkeypatch.setattr(_rows, "article_bundle", flaky)
    worker = Worker(Settings(max_bytes=5_000_000))
    items = list(worker.items(str(crawl.good[0])))
    assert [kind for kind, _ in items] == ["error", "article"]
    assert items[0][1]["code"] == "E400" and "a bug on this page" in items[0][1]["reason"]
    assert items[0][1]["input"].endswith("[record 1]")


def test_spark_failures_are_one_line() -> None:
    from sourcetrace.spark._job import _first_line

    line = _first_line(RuntimeError("An error occurred while calling o42.parquet.\n: java.io.IOException: …"))
    assert line == "the Spark job failed: RuntimeError: An error occurred while calling o42.parquet."
