"""``--meta`` and ``--meta-lenient`` through the commands: what reaches the output and the
corpus, the warning lines, and the errors that stop a run before anything is read."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sourcetrace.cli import cli
from tests.conftest import SHARED
from tests.corpus.conftest import STORIES

POLNEAR = SHARED / "data" / "polnear"
POLNEAR_OUTLETS = {
    "Breitbart News", "HuffPost", "The New York Times", "Politico", "USA Today", "The Washington Post",
    "The Western Journal",
}


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(autouse=True)
def _no_database_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCETRACE_DB", raising=False)


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """Three stories as text files, and a TSV manifest naming two of them (and one more)."""
    folder = tmp_path / "texts"
    folder.mkdir()
    for name in ("ferry", "strike", "buses"):
        (folder / f"{name}.txt").write_text(STORIES[name][1], encoding="utf-8")
    (tmp_path / "meta.tsv").write_text(
        "filename\tpublisher\tpublication_date\tauthor\twire\tsection\n"
        "ferry\tnyt\t2016-03-11T09:30:00-05:00\tPriya Raman\tNone\tMetro\n"
        "strike.txt\twash-post\tMarch 12, 2016\tAP\tAP\tBusiness\n"
        "gone\thuff-post\t2016-03-13\tNA\tNA\t\n",
        encoding="utf-8",
    )
    return tmp_path


def test_extract_takes_each_documents_fields_from_its_row(corpus_dir: Path) -> None:
    result = _run("extract", str(corpus_dir / "texts"), "--meta", str(corpus_dir / "meta.tsv"))
    assert result.exit_code == 0, result.output
    by_name = {Path(a["source"]["input"]).stem: a for a in json.loads(result.stdout)}
    ferry, strike, buses = by_name["ferry"], by_name["strike"], by_name["buses"]
    assert (ferry["outlet"], ferry["published"], ferry["byline"], ferry["wire"]) == (
        "The New York Times", "2016-03-11T09:30:00-05:00", "Priya Raman", None)
    assert ferry["extra"] == {"section": "Metro"}
    assert ferry["source"]["metadata"] == f"{corpus_dir / 'meta.tsv'} line 2"
    assert (strike["outlet"], strike["published"], strike["wire"]) == (
        "The Washington Post", "2016-03-12", "Associated Press")
    assert buses["extra"] == {} and "metadata" not in buses["source"]
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    assert warnings == [
        f"Warning: {corpus_dir / 'meta.tsv'}: 1 row matches no input: line 4 'gone'",
        f"Warning: {corpus_dir / 'meta.tsv'}: 1 input matches no row: {corpus_dir / 'texts' / 'buses.txt'}",
    ]


def test_a_bad_value_stops_the_run_before_anything_is_read(corpus_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("path,date\nferry.txt,2016-03-11\nstrike.txt,Marc 3 2016\n", encoding="utf-8")
    db = tmp_path / "c.db"
    result = _run("ingest", str(corpus_dir / "texts"), "--meta", str(bad), "--db", str(db), "--workers", "1")
    assert result.exit_code == 2
    expected = f"Error: [E301] {bad}: line 3: column 'date': 'Marc 3 2016' is not a date"
    assert result.stderr.startswith(expected)
    assert not db.exists()


def test_lenient_drops_the_bad_field_with_a_warning(corpus_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("path,date,outlet\nferry.txt,2016-03-11,nyt\nstrike.txt,Marc 3 2016,wash-post\n",
                   encoding="utf-8")
    result = _run("extract", str(corpus_dir / "texts" / "strike.txt"), "--meta", str(bad), "--meta-lenient",
                  "--format", "jsonl")
    assert result.exit_code == 0, result.output
    article = json.loads(result.stdout)
    assert article["outlet"] == "The Washington Post"
    assert article["published"] is None  # the story's text gives no date either
    assert f"Warning: {bad}: line 3: column 'date': 'Marc 3 2016' is not a date" in result.stderr
    assert "the field is left out" in result.stderr


def test_two_rows_for_one_key_name_both_rows(corpus_dir: Path, tmp_path: Path) -> None:
    twice = tmp_path / "twice.jsonl"
    twice.write_text('{"id": "ferry", "outlet": "nyt"}\n\n{"id": "ferry", "outlet": "AP"}\n',
                     encoding="utf-8")
    result = _run("analyze", str(corpus_dir / "texts"), "--meta", str(twice), "--meta-lenient")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: [E301] {twice}: line 1 and line 3 both have the key 'ferry'"


def test_bad_front_matter_fails_its_document_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text("---\noutlet: nyt\ndate: soon\n---\n" + STORIES["ferry"][1],
                                  encoding="utf-8")
    (folder / "b.txt").write_text("---\noutlet: AP\n---\n" + STORIES["strike"][1], encoding="utf-8")
    result = _run("extract", str(folder), "--format", "jsonl")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"Error: [E202] {folder / 'a.txt'}: front matter line 3: date 'soon' is not a date or date-time "
        "sourcetrace can read (use ISO 8601: 2016-03-11 or 2016-03-11T09:30:00-05:00)"]
    (article,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert (article["outlet"], article["wire"]) == ("Associated Press", "Associated Press")
    lenient = _run("extract", str(folder / "a.txt"), "--format", "jsonl", "--meta-lenient")
    assert lenient.exit_code == 0
    assert json.loads(lenient.stdout)["outlet"] == "The New York Times"
    assert lenient.stderr.startswith(f"Warning: {folder / 'a.txt'}: front matter line 3: date 'soon'")


def test_ingest_stores_the_metadata_and_show_stats_export_give_it_back(
    corpus_dir: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "c.db")
    result = _run("ingest", str(corpus_dir / "texts"), "--meta", str(corpus_dir / "meta.tsv"), "--db", db,
                  "--workers", "1")
    assert result.exit_code == 0, result.output
    assert "Warning:" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("3 articles stored, 0 errors")
    stats = json.loads(_run("stats", "--db", db, "--format", "json").stdout)
    assert stats["articles_by_outlet"]["The New York Times"] == 1
    assert stats["articles_by_outlet"]["The Washington Post"] == 1
    assert stats["articles_by_wire"] == {"Associated Press": 1}
    assert stats["published"]["first"] == "2016-03-11T09:30:00-05:00"
    text = _run("stats", "--db", db).stdout
    assert "wire copy" in text and "Associated Press" in text
    pages = [" ".join(_run("show", str(i), "--db", db).stdout.split()) for i in (1, 2, 3)]
    shown = next(page for page in pages if "Ferry" in page)
    assert "section: Metro" in shown and f"metadata from {corpus_dir / 'meta.tsv'} line 2" in shown
    exported = _run("export", "--db", db, "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(exported)))
    ferry = [r for r in rows if r["outlet"] == "The New York Times"]
    assert ferry and all(json.loads(r["extra"]) == {"section": "Metro"} for r in ferry)
    assert all(r["byline"] == "AP" and r["wire"] == "Associated Press" for r in rows
               if r["outlet"] == "The Washington Post")


def test_a_manifest_giving_an_outlet_later_updates_the_article_in_place(
    corpus_dir: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "c.db")
    texts = str(corpus_dir / "texts")
    assert _run("ingest", texts, "--db", db, "--workers", "1").exit_code == 0
    before = json.loads(_run("stats", "--db", db, "--format", "json").stdout)
    again = _run("ingest", texts, "--db", db, "--workers", "1", "--meta", str(corpus_dir / "meta.tsv"))
    assert again.exit_code == 0
    after = json.loads(_run("stats", "--db", db, "--format", "json").stdout)
    assert before["articles"] == after["articles"] == 3
    assert "The New York Times" in after["articles_by_outlet"]


@pytest.mark.skipif(not (POLNEAR / "metadata.tsv").is_file(), reason="PolNeAR is not beside the checkout")
def test_polnear_dev_with_its_metadata_has_the_seven_outlets(tmp_path: Path) -> None:
    db = str(tmp_path / "polnear.db")
    result = _run("ingest", str(POLNEAR / "dev" / "text"), "--meta", str(POLNEAR / "metadata.tsv"),
                  "--db", db, "--workers", "2")
    assert result.exit_code == 0, result.output
    assert "rows match no input" in result.stderr and "match no row" not in result.stderr
    stats = json.loads(_run("stats", "--db", db, "--format", "json").stdout)
    assert stats["articles"] == 84
    assert stats["articles_by_outlet"] == dict.fromkeys(sorted(POLNEAR_OUTLETS), 12)
    assert stats["articles_by_wire"] == {"United Press International": 3, "Associated Press": 2, "Reuters": 1}
    assert stats["published"]["first"].startswith("2016-")


def test_ingest_says_when_an_article_replaced_one_of_the_same_run(tmp_path: Path) -> None:
    folder = tmp_path / "texts"
    folder.mkdir()
    for name in ("copy-1.txt", "copy-2.txt"):
        (folder / name).write_text(STORIES["ferry"][1], encoding="utf-8")
    db = str(tmp_path / "c.db")
    result = _run("ingest", str(folder), "--db", db, "--workers", "1")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == (
        f"2 articles stored, 0 errors (sqlite:///{db}); 1 of them replaced an article stored earlier in "
        "this run (same URL, or same outlet, date and text)")
    assert json.loads(_run("stats", "--db", db, "--format", "json").stdout)["articles"] == 1
