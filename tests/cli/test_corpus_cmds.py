"""The corpus commands (ingest, stats, sources, show, export) on a real SQLite file."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sourcetrace.cli import cli
from sourcetrace.cli._corpus_cmds import EXPORT_COLUMNS
from sourcetrace.corpus import SCHEMA_REVISION
from tests.conftest import DATA
from tests.corpus.conftest import STORIES, fresh_pg_database

NAMES = ("ferry", "strike", "buses")
PAGE = str(DATA / "extract" / "page-with-links.html")
PAGE_URL = "https://www.nytimes.com/2025/01/14/world/grain-licences.html"
UNREACHABLE = "postgresql://postgres@127.0.0.1:1/x"


def _run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def _write_stories(folder: Path, names: tuple[str, ...] = NAMES) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names:
        path = folder / f"{name}.txt"
        path.write_text(STORIES[name][1], encoding="utf-8")
        paths.append(str(path))
    return paths


def _stats(db: str) -> dict:
    result = _run("stats", "--db", db, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(autouse=True)
def _no_database_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCETRACE_DB", raising=False)


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[str]]:
    """A corpus with three plain-text stories (ids 1-3, no URL, no outlet) and a New York Times
    page with a URL and links (id 4); its path and the inputs. Tests only read it."""
    folder = tmp_path_factory.mktemp("corpus")
    inputs = [*_write_stories(folder / "inputs"), PAGE]
    db = str(folder / "corpus.db")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCETRACE_DB", raising=False)
        result = _run("ingest", *inputs, "--db", db, "--workers", "1", "--no-progress")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [f"4 articles stored, 0 errors (sqlite:///{db})"]
    return db, inputs


def test_stats_as_text_and_as_json(stored: tuple[str, list[str]]) -> None:
    db, _ = stored
    data = _stats(db)
    assert data["schema_revision"] == SCHEMA_REVISION
    assert data["articles"] == 4
    assert len(data["articles_by_outlet"]) == 1
    assert data["attributions"] > 0 and sum(data["sources_by_type"].values()) > 0
    assert (data["errors"], data["errors_by_code"], data["failed_inputs"]) == (0, {}, [])
    text = _run("stats", "--db", db)
    assert text.exit_code == 0
    lines = text.stdout.splitlines()
    assert lines[0].startswith("database ") and f"(schema {SCHEMA_REVISION})" in lines[0]
    assert lines[1].startswith("articles      4 from 1 outlets")
    (outlet, count), = data["articles_by_outlet"].items()
    assert lines[2].split() == ["outlets", str(count), *outlet.split()]
    assert lines[3].startswith(f"attributions  {data['attributions']};")
    assert lines[5].split() == ["errors", "0"]


def test_sources_of_one_type(stored: tuple[str, list[str]]) -> None:
    db, _ = stored
    result = _run("sources", "--db", db, "--type", "anonymous")
    assert result.exit_code == 0
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["claims", "articles", "type", "source", "(outlets)"]
    assert rows and all(row.split()[2] == "anonymous" for row in rows)
    assert any("Sources familiar with the matter" in row for row in rows)
    data = json.loads(_run("sources", "--db", db, "--type", "anonymous", "-f", "json").stdout)
    assert {r["type"] for r in data} == {"anonymous"} and len(data) == len(rows)
    people = json.loads(_run("sources", "--db", db, "--type", "person", "-f", "json").stdout)
    assert {r["name"] for r in people} >= {"Jane Holt", "Tom Reyes"}


def test_show_gives_back_what_analyze_printed(stored: tuple[str, list[str]]) -> None:
    db, inputs = stored
    result = _run("show", "1", "--db", db, "--format", "json")
    assert result.exit_code == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    assert data["schema"] == "sourcetrace.analysis/1"
    assert data["article"]["title"] == "Council Delays Ferry Vote"
    assert data == json.loads(_run("analyze", inputs[0], "--format", "json").stdout)
    assert "Legend: [source] {cue} «content»" in _run("show", "2", "--db", db).stdout


def test_show_by_url_and_sources_of_one_outlet(stored: tuple[str, list[str]]) -> None:
    db, _ = stored
    result = _run("show", PAGE_URL, "--db", db, "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads(_run("analyze", PAGE, "-f", "json").stdout)
    assert json.loads(_run("show", "4", "--db", db, "-f", "json").stdout)["article"]["url"] == PAGE_URL
    nyt = json.loads(_run("sources", "--db", db, "--outlet", "The New York Times", "-f", "json").stdout)
    assert nyt and all(r["outlets"] == ["The New York Times"] for r in nyt)
    names = {r["name"] for r in nyt}
    assert not names & {"Jane Holt", "Tom Reyes", "Sources familiar with the matter"}
    text = _run("sources", "--db", db, "--outlet", "The New York Times").stdout
    assert all(line.endswith("  (The New York Times)") for line in text.splitlines()[1:])


def test_show_of_a_missing_article_is_one_error_line(stored: tuple[str, list[str]]) -> None:
    db, _ = stored
    result = _run("show", "99", "--db", db)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"Error: [E500] 99: no such article in sqlite:///{db}"]


def test_export_jsonl_gives_one_analysis_per_line(stored: tuple[str, list[str]]) -> None:
    db, _ = stored
    result = _run("export", "--db", db, "--format", "jsonl")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["schema"] for r in rows] == ["sourcetrace.analysis/1"] * 4
    assert [r["article"]["title"] for r in rows[:3]] == [STORIES[n][1].split("\n", 1)[0] for n in NAMES]
    assert rows[3]["article"]["url"] == PAGE_URL and len(rows[3]["article"]["links"]) == 2


def _csv_rows(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)
    return list(reader.fieldnames or ()), rows


def test_export_csv_has_one_row_per_attribution(stored: tuple[str, list[str]], tmp_path: Path) -> None:
    db, _ = stored
    result = _run("export", "--db", db, "--format", "csv")
    assert result.exit_code == 0
    header, rows = _csv_rows(result.stdout)
    assert header == list(EXPORT_COLUMNS)
    assert len(rows) == _stats(db)["attributions"]
    assert {r["article_id"] for r in rows} == {"1", "2", "3", "4"}
    assert {r["title"] for r in rows} >= {"Council Delays Ferry Vote", "Port Strike Continues",
                                         "School Buses Late Again"}
    assert {r["outlet"] for r in rows} == {"", "The New York Times"}
    assert all(r["cue"] and r["kind"] and r["rule"] for r in rows)
    # Only the model gives a cue with no content ("Neither official was authorised …" here).
    assert all(r["content"] or r["model"] for r in rows)
    out = tmp_path / "export.csv"
    assert _run("export", "--db", db, "--format", "csv", "--out", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8") == result.stdout


def test_export_parquet_reads_back(stored: tuple[str, list[str]], tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="the [parquet] extra (pyarrow) is not installed")
    db, _ = stored
    out = tmp_path / "corpus.parquet"
    result = _run("export", "--db", db, "--format", "parquet", "--out", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    table = pq.read_table(out)
    assert table.column_names == list(EXPORT_COLUMNS)
    _, csv_rows = _csv_rows(_run("export", "--db", db, "--format", "csv").stdout)
    rows = table.to_pylist()
    assert len(rows) == len(csv_rows) == _stats(db)["attributions"]
    assert [(r["article_id"], r["source"], r["cue"], r["content"]) for r in rows] == [
        (int(r["article_id"]), r["source"], r["cue"], r["content"]) for r in csv_rows]


def test_export_parquet_without_out_is_a_usage_error(stored: tuple[str, list[str]]) -> None:
    db, _ = stored
    result = _run("export", "--db", db, "--format", "parquet")
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("Error: [E300] --out: ")


def test_retry_errors_stores_an_input_that_became_readable(tmp_path: Path) -> None:
    db = str(tmp_path / "corpus.db")
    (present,) = _write_stories(tmp_path, ("ferry",))
    late = tmp_path / "late.txt"
    first = _run("ingest", present, str(late), "--db", db, "--workers", "1", "--no-progress")
    assert first.exit_code == 0
    assert first.stderr.splitlines() == [f"Error: [E100] {late}: no such file or directory",
                                         f"1 articles stored, 1 errors (sqlite:///{db})"]
    data = _stats(db)
    assert (data["articles"], data["errors_by_code"], data["failed_inputs"]) == (
        1, {"E100": 1}, [[str(late), "E100", "no such file or directory"]])

    late.write_text(STORIES["strike"][1], encoding="utf-8")
    retry = _run("ingest", "--retry-errors", "--db", db, "--workers", "1", "--no-progress")
    assert retry.exit_code == 0, retry.output
    assert retry.stderr.splitlines() == [f"1 articles stored, 0 errors (sqlite:///{db})"]
    data = _stats(db)
    assert (data["articles"], data["errors"], data["failed_inputs"]) == (2, 0, [])
    shown = json.loads(_run("show", "2", "--db", db, "-f", "json").stdout)
    assert shown["article"]["title"] == "Port Strike Continues"


def test_ingesting_the_same_inputs_again_does_not_duplicate(tmp_path: Path) -> None:
    db = str(tmp_path / "corpus.db")
    inputs = _write_stories(tmp_path / "inputs", ("ferry", "buses"))
    for _ in range(2):
        assert _run("ingest", *inputs, "--db", db, "--workers", "1", "--no-progress").exit_code == 0
    data = _stats(db)
    assert data["articles"] == 2
    assert len(_run("export", "--db", db).stdout.splitlines()) == 2


def test_retry_errors_with_nothing_recorded_and_no_inputs_is_a_usage_error(tmp_path: Path) -> None:
    result = _run("ingest", "--retry-errors", "--db", str(tmp_path / "corpus.db"))
    assert result.exit_code == 2
    assert "--retry-errors" in result.stderr


def test_an_unreachable_database_is_one_error_line(tmp_path: Path) -> None:
    (story,) = _write_stories(tmp_path, ("ferry",))
    result = _run("ingest", story, "--db", UNREACHABLE, "--workers", "1", "--no-progress")
    assert result.exit_code != 0
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("Error: [E500] ")
    assert "127.0.0.1:1" in line and "Traceback" not in result.output


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty working directory, to see that no ./sourcetrace.db appears in it."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    yield cwd
    assert not (cwd / "sourcetrace.db").exists()


def test_sourcetrace_db_names_the_database_when_db_is_not_given(tmp_path: Path, elsewhere: Path) -> None:
    db = tmp_path / "from-env.db"
    env = {"SOURCETRACE_DB": str(db)}
    (story,) = _write_stories(tmp_path / "inputs", ("buses",))
    ingest = _run("ingest", story, "--workers", "1", "--no-progress", env=env)
    assert ingest.exit_code == 0, ingest.output
    assert db.exists()
    data = json.loads(_run("stats", "--format", "json", env=env).stdout)
    assert (data["database"], data["articles"]) == (f"sqlite:///{db}", 1)
    assert _stats(str(db))["articles"] == 1
    other = tmp_path / "given.db"
    assert _run("stats", "--db", str(other), env=env).exit_code == 0  # --db wins over the variable
    assert other.exists()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "corpus.db")
        return
    with fresh_pg_database() as url:
        yield url


def test_the_article_id_of_export_is_the_id_show_takes(any_db: str, tmp_path: Path) -> None:
    """A write rolled back half-way (an ingest killed, a failed insert) can leave a gap in the
    ids on PostgreSQL, whose sequences are not rolled back; the export must still name each
    article by its id."""
    from dataclasses import replace

    from sourcetrace.corpus import Corpus
    from sourcetrace.corpus._store import write_analysis

    ferry, strike = _write_stories(tmp_path / "inputs", ("ferry", "strike"))
    assert _run("ingest", ferry, "--db", any_db, "--workers", "1", "--no-progress").exit_code == 0
    with Corpus(any_db) as corpus, corpus.engine.connect() as conn:
        stored = corpus.get(1)
        assert stored is not None
        other = replace(stored, article=replace(stored.article, url="https://example.org/never-stored"))
        write_analysis(conn, other)
        conn.rollback()
    assert _run("ingest", strike, "--db", any_db, "--workers", "1", "--no-progress").exit_code == 0
    _, rows = _csv_rows(_run("export", "--db", any_db, "--format", "csv").stdout)
    exported = {(r["article_id"], r["title"]) for r in rows}
    assert len(exported) == 2
    for article_id, title in sorted(exported):
        shown = _run("show", article_id, "--db", any_db, "-f", "json")
        assert shown.exit_code == 0, shown.stderr
        assert json.loads(shown.stdout)["article"]["title"] == title
