"""Manifests: tables of per-document metadata (CSV, TSV, JSON Lines, JSON), read in any usual
encoding, checked row by row, and matched to documents by path, file name, stem or URL."""

from __future__ import annotations

import codecs
import gzip
import re
from pathlib import Path

import pytest

from sourcetrace.errors import ConfigError, ManifestError, MetadataWarning
from sourcetrace.extract import Manifest, default_outlets, extract_articles, load_manifest
from sourcetrace.extract._dates import numeric_order, parse_date
from sourcetrace.model import Article, RawDocument
from tests.conftest import shared_path

BODY = (
    "Dock workers at three of the country's largest ports stayed off the job for an eighth day on "
    "Wednesday, union leaders said, after overnight talks with employers ended without a deal.\n\n"
    "The transport ministry said in a statement that it was monitoring the situation closely but "
    "would not intervene while negotiations continued.\n"
)
DATED_BODY = f"Port Strike Enters Second Week\n\nPublished: 12 February 2025\n\n{BODY}"
POLNEAR_OUTLETS = {
    "Breitbart News", "HuffPost", "The New York Times", "Politico", "USA Today", "The Washington Post",
    "The Western Journal",
}


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def _load(tmp_path: Path, name: str, content: str | bytes, *, lenient: bool = False) -> Manifest:
    return load_manifest(_write(tmp_path, name, content), lenient=lenient)


def _raw(input: str, *, url: str | None = None) -> RawDocument:
    kind = "url" if input.startswith("http") else "file"
    return RawDocument(input=input, kind=kind, data=b"text", url=url)


def _articles(folder: Path, manifest: Manifest) -> dict[str, Article]:
    """The articles of ``folder`` by path relative to it; fails on any error."""
    found: dict[str, Article] = {}
    for item in extract_articles([str(folder)], manifest=manifest):
        assert isinstance(item, Article), item
        found[Path(item.source.input).relative_to(folder).as_posix()] = item
    return found


# Formats


def test_csv_with_commas(tmp_path: Path) -> None:
    manifest = _load(tmp_path, "meta.csv", "path,publisher,Publication Date,title\n"
                                           'nyt/a.txt,nyt,2016-03-11,"Trump, Clinton trade barbs"\n')
    assert len(manifest) == 1
    row = manifest.rows[0]
    assert (row.where, row.key) == ("line 2", "nyt/a.txt")
    assert row.metadata.outlet == "nyt"
    assert row.metadata.published == "2016-03-11"
    assert row.metadata.title == "Trump, Clinton trade barbs"
    assert row.metadata.origin == f"{tmp_path / 'meta.csv'} line 2"


def test_csv_with_semicolons(tmp_path: Path) -> None:
    manifest = _load(tmp_path, "meta.csv", "path;outlet;date;title\n"
                                           "a.txt;wash-post;25/03/2016;Ceasefire, for now\n")
    meta = manifest.rows[0].metadata
    assert (meta.outlet, meta.published, meta.title) == ("wash-post", "2016-03-25", "Ceasefire, for now")


def test_tsv_keeps_double_quotes_inside_a_title(tmp_path: Path) -> None:
    manifest = _load(tmp_path, "meta.tsv", 'filename\toutlet\ttitle\n'
                                           'a\tnyt\tTrump calls report "fake news" again\n'
                                           'b\tnyt\t"Quoted, ""whole"" title"\n')
    assert [r.metadata.title for r in manifest.rows] == [
        'Trump calls report "fake news" again', 'Quoted, "whole" title']


def test_json_lines_keep_extra_columns_as_text(tmp_path: Path) -> None:
    manifest = _load(tmp_path, "meta.jsonl",
                     '{"id": 7, "outlet": "nyt", "views": 1200, "share": 0.5, "tags": ["ukraine", "us"], '
                     '"flag": true, "geo": {"lat": 1}, "note": null}\n'
                     "\n"
                     '{"id": "b", "authors": ["Jill Colvin", "Zeke Miller"]}\n')
    first, second = manifest.rows
    assert (first.where, first.key, first.metadata.outlet) == ("line 1", "7", "nyt")
    assert first.metadata.extra == {"views": "1200", "share": "0.5", "tags": '["ukraine", "us"]',
                                    "flag": "true", "geo": '{"lat": 1}'}
    assert second.where == "line 3"
    assert second.metadata.byline == "Jill Colvin, Zeke Miller"
    assert second.metadata.extra == {}


def test_json_array(tmp_path: Path) -> None:
    manifest = _load(tmp_path, "meta.json", '[{"path": "a.txt", "outlet": "nyt"},\n'
                                            ' {"path": "b.txt", "outlet": "politico", "date": "2016-03-11"}]')
    assert [(r.where, r.key, r.metadata.outlet) for r in manifest.rows] == [
        ("item 1", "a.txt", "nyt"), ("item 2", "b.txt", "politico")]
    assert manifest.rows[1].metadata.published == "2016-03-11"


@pytest.mark.parametrize("content", [
    "path|outlet|date\na.txt|nyt|2016-03-11\n",
    "path\toutlet\tdate\na.txt\tnyt\t2016-03-11\n",
    "path;outlet;date\na.txt;nyt;2016-03-11\n",
    "path,outlet,date\na.txt,nyt,2016-03-11\n",
    '{"path": "a.txt", "outlet": "nyt", "date": "2016-03-11"}\n',
    '[{"path": "a.txt", "outlet": "nyt", "date": "2016-03-11"}]',
], ids=["pipe", "tab", "semicolon", "comma", "jsonl", "json-array"])
def test_unknown_extension_is_sniffed_by_content(tmp_path: Path, content: str) -> None:
    manifest = _load(tmp_path, "meta.dat", content)
    meta = manifest.rows[0].metadata
    assert (manifest.rows[0].key, meta.outlet, meta.published) == ("a.txt", "nyt", "2016-03-11")


def test_tab_separated_file_named_csv(tmp_path: Path) -> None:
    manifest = _load(tmp_path, "meta.csv", "path\toutlet\tdate\na.txt\tnyt\t2016-03-11\n")
    assert manifest.columns.key == "path"
    assert manifest.rows[0].metadata.outlet == "nyt"


def test_unknown_extension_without_a_delimiter_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="is not a table"):
        _load(tmp_path, "meta.dat", "just one column\na.txt\n")


def test_gzipped_csv(tmp_path: Path) -> None:
    data = gzip.compress(b"path;outlet\na.txt;Le Monde\n")
    manifest = _load(tmp_path, "meta.csv.gz", data)
    assert (manifest.rows[0].key, manifest.rows[0].metadata.outlet) == ("a.txt", "Le Monde")


def test_damaged_gzip_is_refused(tmp_path: Path) -> None:
    data = gzip.compress(b"path,outlet\na.txt,nyt\n" * 50)[:40]
    with pytest.raises(ManifestError, match="damaged gzip data"):
        _load(tmp_path, "meta.csv.gz", data)


def test_unreadable_file_is_a_manifest_error(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="cannot be read"):
        load_manifest(tmp_path / "absent.csv")


# Encodings

TITLE = "Café crème à Zürich: “quoted” – dash"
TABLE = f"path,outlet,title\na.txt,Le Monde,{TITLE}\n"


@pytest.mark.parametrize("data", [
    codecs.BOM_UTF8 + TABLE.encode("utf-8"),
    TABLE.encode("utf-16"),
    codecs.BOM_UTF16_BE + TABLE.encode("utf-16-be"),
    TABLE.encode("utf-16-le"),
    TABLE.encode("utf-16-be"),
], ids=["utf-8-bom", "utf-16-bom", "utf-16-be-bom", "utf-16-le-no-bom", "utf-16-be-no-bom"])
def test_unicode_encodings_are_read(tmp_path: Path, data: bytes) -> None:
    manifest = _load(tmp_path, "meta.csv", data)
    row = manifest.rows[0]
    assert manifest.columns.key == "path"  # no BOM left on the first header
    assert (row.key, row.metadata.title) == ("a.txt", TITLE)


def test_windows_1252_is_read_with_a_warning(tmp_path: Path) -> None:
    data = "path,outlet,title\na.txt,Le Monde,Café crème à Paris\n".encode("cp1252")
    with pytest.warns(MetadataWarning, match="not UTF-8; read as Windows-1252"):
        manifest = _load(tmp_path, "meta.csv", data)
    assert manifest.rows[0].metadata.title == "Café crème à Paris"


def test_windows_1252_with_curly_quotes_is_read_with_a_warning(tmp_path: Path) -> None:
    data = "path,outlet,title\na.txt,nyt,“Trump’s” plan – a review\n".encode("cp1252")
    with pytest.warns(MetadataWarning, match="Windows-1252"):
        manifest = _load(tmp_path, "meta.csv", data)
    assert manifest.rows[0].metadata.title == "“Trump’s” plan – a review"


@pytest.mark.parametrize(("text", "encoding"), [
    ("path,outlet,title\n"
     + "a.txt,Газета,Правительство России объявило о новых мерах поддержки экономики\n" * 3, "koi8-r"),
    ("path,outlet,title\n"
     + "a.txt,朝日新聞,政府は新しい経済対策を発表しました。記者会見で首相が説明した。\n" * 3, "shift_jis"),
])
def test_non_western_legacy_encodings_are_refused(tmp_path: Path, text: str, encoding: str) -> None:
    path = _write(tmp_path, "meta.csv", text.encode(encoding))
    with pytest.raises(ManifestError) as caught:
        load_manifest(path)
    message = str(caught.value)
    assert message.startswith(f"[E301] {path}: is not UTF-8 (byte 0x")
    assert "at offset 24" in message and message.endswith("save it as UTF-8")


def test_binary_junk_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="holds NUL bytes: binary data"):
        _load(tmp_path, "meta.csv", bytes(range(256)) * 8)


# Columns


@pytest.mark.parametrize(("header", "field", "value", "expected"), [
    ("Publication Date", "published", "2016-03-11", "2016-03-11"),
    ("publication_date", "published", "2016-03-11", "2016-03-11"),
    ("PUBLISHED", "published", "2016-03-11", "2016-03-11"),
    ("publisher", "outlet", "nyt", "nyt"),
    ("source", "outlet", "nyt", "nyt"),
    ("Author", "byline", "Jill Colvin", "Jill Colvin"),
    ("Headline", "title", "Senate nears deal", "Senate nears deal"),
    ("Canonical URL", "url", "https://www.nytimes.com/a.html", "https://www.nytimes.com/a.html"),
    ("Lang", "language", "English", "en"),
    ("Wire Service", "wire", "AP", "AP"),
])
def test_columns_are_recognised_whatever_their_case_and_spelling(
    tmp_path: Path, header: str, field: str, value: str, expected: str,
) -> None:
    manifest = _load(tmp_path, "meta.csv", f"path,{header}\na.txt,{value}\n")
    assert manifest.columns.fields == {field: header}
    assert manifest.columns.extra == ()
    assert getattr(manifest.rows[0].metadata, field) == expected


def test_the_most_specific_column_wins_and_the_others_are_extra(tmp_path: Path) -> None:
    manifest = _load(tmp_path, "meta.csv", "path,source,outlet,date,published\n"
                                           "a.txt,rss feed,nyt,sometime,2016-03-11\n")
    assert manifest.columns.fields == {"outlet": "outlet", "published": "published"}
    meta = manifest.rows[0].metadata
    assert (meta.outlet, meta.published) == ("nyt", "2016-03-11")
    assert meta.extra == {"source": "rss feed", "date": "sometime"}


@pytest.mark.parametrize(("header", "row", "key"), [
    ("id,filename,path,outlet", "1,a.txt,nyt/a.txt,nyt", "nyt/a.txt"),
    ("id,outlet,filename", "1,nyt,a.txt", "a.txt"),
    ("outlet,ID", "nyt,1", "1"),
    ("name,outlet", "first-story,nyt", "first-story"),
])
def test_key_column_preference(tmp_path: Path, header: str, row: str, key: str) -> None:
    manifest = _load(tmp_path, "meta.csv", f"{header}\n{row}\n")
    assert manifest.rows[0].key == key
    assert manifest.rows[0].metadata.outlet == "nyt"


def test_other_key_candidates_are_kept_as_extra(tmp_path: Path) -> None:
    manifest = _load(tmp_path, "meta.csv", "id,filename,path\n1,a.txt,nyt/a.txt\n")
    assert manifest.columns.key == "path"
    assert manifest.rows[0].metadata.extra == {"id": "1", "filename": "a.txt"}


@pytest.mark.parametrize("missing", ["None", "NA", "", "n/a", "null", "-", "  ", "unknown"])
def test_missing_value_tokens_mean_not_stated(tmp_path: Path, missing: str) -> None:
    manifest = _load(tmp_path, "meta.csv", f"path,outlet,date,url,language,note\n"
                                           f"a.txt,{missing},{missing},{missing},{missing},{missing}\n")
    meta = manifest.rows[0].metadata
    assert (meta.outlet, meta.published, meta.url, meta.language) == (None, None, None, None)
    assert meta.extra == {}


# Dates


@pytest.mark.parametrize(("value", "expected"), [
    ("2016-03-11T09:30:00-05:00", "2016-03-11T09:30:00-05:00"),
    ("2016-03-11T14:30:00Z", "2016-03-11T14:30:00+00:00"),
    ("2016-03-11 09:30", "2016-03-11T09:30:00"),
    ("20160311", "2016-03-11"),
    ("Fri, 11 Mar 2016 10:00:00 +0000", "2016-03-11T10:00:00+00:00"),
    ("Fri, 11 Mar 2016 10:00:00 -0500", "2016-03-11T10:00:00-05:00"),
    ("March 11, 2016", "2016-03-11"),
    ("11 March 2016", "2016-03-11"),
    ("Mar. 11, 2016", "2016-03-11"),
    ("March 11, 2016 at 9:30 a.m. EST", "2016-03-11T09:30:00-05:00"),
])
def test_dates_in_usual_formats_keep_their_time_zone(tmp_path: Path, value: str, expected: str) -> None:
    manifest = _load(tmp_path, "meta.tsv", f"path\tdate\na.txt\t{value}\n")
    assert manifest.rows[0].metadata.published == expected


def test_a_day_first_column_reads_its_ambiguous_dates_day_first(tmp_path: Path) -> None:
    manifest = _load(tmp_path, "meta.csv", "path,date\na,25/03/2016\nb,04/03/2016\nc,2016-05-01\n")
    assert [r.metadata.published for r in manifest.rows] == ["2016-03-25", "2016-03-04", "2016-05-01"]


def test_a_month_first_column_reads_its_ambiguous_dates_month_first(tmp_path: Path) -> None:
    # With dots alone "04.03.2016" would be read day first (the European habit).
    manifest = _load(tmp_path, "meta.csv", "path,date\na,03.25.2016\nb,04.03.2016\n")
    assert [r.metadata.published for r in manifest.rows] == ["2016-03-25", "2016-04-03"]


def test_a_column_with_no_sign_keeps_the_readers_habit(tmp_path: Path) -> None:
    manifest = _load(tmp_path, "meta.csv", "path,date\na,04/03/2016\nb,04.03.2016\n")
    assert [r.metadata.published for r in manifest.rows] == ["2016-04-03", "2016-03-04"]


def test_a_column_mixing_both_orders_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "meta.csv", "path,Date\na,25/03/2016\nb,01/01/2016\nc,03/26/2016\n")
    with pytest.raises(ManifestError) as caught:
        load_manifest(path)
    assert str(caught.value).startswith(
        f"[E301] {path}: column 'Date' writes dates day first (line 2 '25/03/2016') and month first "
        "(line 4 '03/26/2016')")


def test_a_column_mixing_both_orders_is_read_as_it_can_be_when_lenient(tmp_path: Path) -> None:
    with pytest.warns(MetadataWarning, match="each is read as it can be"):
        manifest = _load(tmp_path, "meta.csv", "path,date\na,25/03/2016\nb,03/26/2016\n", lenient=True)
    assert [r.metadata.published for r in manifest.rows] == ["2016-03-25", "2016-03-26"]


def test_a_month_first_column_with_am_pm_times(tmp_path: Path) -> None:
    manifest = _load(tmp_path, "meta.csv", "path,date\na,03/25/2016 10:30 PM\nb,03/04/2016 09:00 AM\n")
    assert [r.metadata.published for r in manifest.rows] == ["2016-03-25T22:30:00", "2016-03-04T09:00:00"]


@pytest.mark.parametrize(("value", "order"), [
    ("25/03/2016", True),
    ("25.03.2016 10:00", True),
    (" 03/25/2016 ", False),
    ("04/03/2016", None),
    ("2016-03-25", None),
    ("13/13/2016", None),
    ("March 25, 2016", None),
])
def test_numeric_order(value: str, order: bool | None) -> None:
    assert numeric_order(value) is order


@pytest.mark.parametrize(("value", "day_first", "expected"), [
    ("04/03/2016", True, "2016-03-04"),
    ("04/03/2016", False, "2016-04-03"),
    ("04/03/2016", None, "2016-04-03"),
    ("04.03.2016", None, "2016-03-04"),
    ("25/03/2016 10:30", True, "2016-03-25T10:30:00"),
    ("31/02/2016", True, None),
    ("2016-03-11T09:30:00.250+01:00", None, "2016-03-11T09:30:00.250000+01:00"),
    ("Fri, 11 Mar 2016 10:00:00 GMT", None, "2016-03-11T10:00:00+00:00"),
    ("Fri, 32 Mar 2016 10:00:00 GMT", None, None),
    ("March 11, 2016.", None, "2016-03-11"),
    ("2016-03-11 and later", None, None),
    ("March 11, 2016 and March 12, 2016", None, None),
    ("2016", None, None),
    ("   ", None, None),
])
def test_parse_date(value: str, day_first: bool | None, expected: str | None) -> None:
    assert parse_date(value, day_first=day_first) == expected


# Errors: each names the file, the line and the value


@pytest.mark.parametrize(("name", "content", "fragment"), [
    ("meta.csv", "path,date\na.txt,2016-03-11\nb.txt,sometime in spring\n",
     "line 3: column 'date': 'sometime in spring' is not a date or date-time sourcetrace can read"),
    ("meta.jsonl", '{"id": "a", "title": ["Senate", "nears deal"]}\n',
     """line 1: column 'title': '["Senate", "nears deal"]' is a JSON list where title needs a text"""),
    ("meta.jsonl", '{"id": "a"}\n{"id": "b", "outlet": {"name": "nyt"}}\n',
     """line 2: column 'outlet': '{"name": "nyt"}' is a JSON object where outlet needs a text"""),
    ("meta.jsonl", '{"id": "a", "published": true}\n',
     "line 1: column 'published': 'true' is a JSON boolean where published needs a text"),
    ("meta.csv", "path,url\na.txt,www.nytimes.com/a.html\n",
     "line 2: column 'url': 'www.nytimes.com/a.html' is not an absolute http(s) URL"),
    ("meta.csv", "path,url\na.txt,ftp://nytimes.com/a\n",
     "line 2: column 'url': 'ftp://nytimes.com/a' is not an absolute http(s) URL"),
    ("meta.csv", "path,language\na.txt,en\nb.txt,Klingonese\n",
     "line 3: column 'language': 'Klingonese' is not an ISO 639-1 language code"),
    ("meta.csv", "path,outlet\na.txt,nyt\nb.txt,nyt,extra\n",
     "line 3: 3 fields, but the header has 2 (is a value with a delimiter in it not quoted?)"),
    ("meta.tsv", "path\ttitle\na.txt\tSenate\tnears deal\n",
     "line 2: 3 fields, but the header has 2 (is a value with a tab in it?)"),
    ("meta.csv", "path,outlet\na.txt,nyt\n,politico\n", "line 3: no key (column 'path' is empty)"),
    ("meta.csv", "path,outlet\na.txt,nyt\nb.txt,nyt\n./a.txt,politico\n",
     "line 2 and line 4 both have the key './a.txt'"),
    ("meta.csv", "path,outlet,date,outlet\na.txt,nyt,2016-03-11,politico\n",
     "columns 2 and 4 are both named 'outlet'"),
    ("meta.csv", "", "is empty: a manifest needs a header and one row per document"),
    ("meta.csv", "  \n\n", "is empty"),
    ("meta.csv", "path,outlet,date\n\n", "has a header but no rows"),
    ("meta.jsonl", '{"id": "a"}\n{"id": \n', "line 2: not valid JSON"),
    ("meta.jsonl", '{"id": "a"}\n["b", "nyt"]\n', "line 2: a JSON list, not an object of fields"),
    ("meta.json", '[{"id": "a"}, "b"]', "item 2: a JSON str, not an object of fields"),
    ("meta.csv", 'path,title\na.txt,"unclosed\n', "line 2: not valid CSV"),
])
def test_errors_name_the_file_the_line_and_the_value(
    tmp_path: Path, name: str, content: str, fragment: str,
) -> None:
    path = _write(tmp_path, name, content)
    with pytest.raises(ManifestError) as caught:
        load_manifest(path)
    error = caught.value
    assert isinstance(error, ConfigError)
    assert (error.code, error.exit_code, error.input) == ("E301", 2, str(path))
    assert str(error).startswith(f"[E301] {path}: ")
    assert fragment in str(error)


def test_line_numbers_count_blank_lines_and_multi_line_values(tmp_path: Path) -> None:
    path = _write(tmp_path, "meta.csv", '\npath,title,date\na,"two\nlines",2016-03-11\n\nb,x,whenever\n')
    with pytest.raises(ManifestError, match="line 6: column 'date': 'whenever'"):
        load_manifest(path)


def test_a_field_error_suggests_lenient_mode(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match=re.escape("(--meta-lenient drops what cannot be read")):
        _load(tmp_path, "meta.csv", "path,date\na.txt,someday\n")


def test_lenient_drops_the_bad_field_and_keeps_the_rest(tmp_path: Path) -> None:
    content = ("path,outlet,date,url,title\n"
               "a.txt,nyt,someday,https://www.nytimes.com/a.html,First\n"
               "b.txt,politico,2016-03-11,not a url,Second\n")
    with pytest.warns(MetadataWarning) as record:
        manifest = _load(tmp_path, "meta.csv", content, lenient=True)
    messages = [str(w.message) for w in record]
    path = tmp_path / "meta.csv"
    assert messages == [
        f"{path}: line 2: column 'date': 'someday' is not a date or date-time sourcetrace can read "
        "(use ISO 8601: 2016-03-11 or 2016-03-11T09:30:00-05:00); the field is left out",
        f"{path}: line 3: column 'url': 'not a url' is not an absolute http(s) URL; the field is left out",
    ]
    first, second = (r.metadata for r in manifest.rows)
    assert (first.outlet, first.published, first.url, first.title) == (
        "nyt", None, "https://www.nytimes.com/a.html", "First")
    assert (second.outlet, second.published, second.url, second.title) == (
        "politico", "2016-03-11", None, "Second")


def test_lenient_skips_a_row_without_a_key(tmp_path: Path) -> None:
    with pytest.warns(MetadataWarning, match=r"line 3: no key \(column 'path' is empty\); row skipped"):
        manifest = _load(tmp_path, "meta.csv", "path,outlet\na.txt,nyt\nNA,politico\nc.txt,usa-today\n",
                         lenient=True)
    assert [r.key for r in manifest.rows] == ["a.txt", "c.txt"]


def test_two_rows_for_one_key_are_an_error_also_when_lenient(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match=r"line 2 and line 3 both have the key 'a\.txt'"):
        _load(tmp_path, "meta.csv", "path,outlet\na.txt,nyt\na.txt,politico\n", lenient=True)


# Matching


@pytest.mark.parametrize(("key", "input"), [
    ("corpus/nyt/a.txt", "/data/corpus/nyt/a.txt"),
    ("./nyt/a.txt", "/data/corpus/nyt/a.txt"),
    ("nyt\\a.txt", "/data/corpus/nyt/a.txt"),
    ("a.txt", "/data/corpus/nyt/a.txt"),
    ("a", "/data/corpus/nyt/a.txt"),
    ("nyt/a", "/data/corpus/nyt/a.txt"),
    ("x", "/data/corpus/x.html.gz"),
    ("x.html", "/data/corpus/x.html.gz"),
    ("x.html.gz", "/data/corpus/x.html.gz"),
    ("/data/corpus/nyt/a.txt", "/data/corpus/nyt/a.txt"),
    ("https://www.nytimes.com/2016/03/11/a.html", "https://www.nytimes.com/2016/03/11/a.html"),
], ids=["relative", "dot-relative", "backslashes", "file-name", "stem", "relative-stem", "double-stem",
        "single-stem", "full-name", "absolute", "url-input"])
def test_a_row_matches_by_key(tmp_path: Path, key: str, input: str) -> None:
    manifest = _load(tmp_path, "meta.csv", f"path,outlet\nother.txt,politico\n{key},nyt\n")
    row = manifest.lookup(_raw(input))
    assert row is not None
    assert (row.key, row.metadata.outlet) == (key, "nyt")


@pytest.mark.parametrize("input", [
    "/data/corpus/notnyt/a.txt",  # a key matches whole path parts only
    "/data/corpus/nyt/ba.txt",
    "/data/corpus/nyt/a.txt.bak/b.txt",
])
def test_a_key_does_not_match_part_of_a_name(tmp_path: Path, input: str) -> None:
    manifest = _load(tmp_path, "meta.csv", "path,outlet\nnyt/a.txt,nyt\n")
    assert manifest.lookup(_raw(input)) is None


def test_a_relative_input_matches_an_absolute_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    manifest = _load(tmp_path, "meta.csv", f"path,outlet\n{tmp_path / 'corpus' / 'a.txt'},nyt\n")
    row = manifest.lookup(_raw("corpus/a.txt"))
    assert row is not None and row.metadata.outlet == "nyt"
    assert manifest.lookup(_raw("elsewhere/a.txt")) is None


def test_the_longest_matching_key_wins(tmp_path: Path) -> None:
    manifest = _load(tmp_path, "meta.csv", "path,outlet\na.txt,nyt\nwapo/a.txt,wash-post\na,politico\n")
    found = [manifest.lookup(_raw(p)) for p in ("/c/wapo/a.txt", "/c/nyt/a.txt", "/c/nyt/a.html")]
    assert [r.metadata.outlet if r else None for r in found] == ["wash-post", "nyt", "politico"]


def test_a_document_fetched_from_a_url_matches_the_rows_url(tmp_path: Path) -> None:
    manifest = _load(tmp_path, "meta.csv", "id,url,outlet\n"
                                           "17,https://www.nytimes.com/2016/03/11/a.html,nyt\n"
                                           "18,https://www.politico.com/b,politico\n")
    archived = RawDocument(input="crawl.warc.gz", kind="warc", data=b"x", locator="record 3",
                           url="https://www.politico.com/b")
    fetched = _raw("https://www.nytimes.com/2016/03/11/a.html")
    row_b, row_a = manifest.lookup(archived), manifest.lookup(fetched)
    assert row_a is not None and (row_a.key, row_a.metadata.outlet) == ("17", "nyt")
    assert row_b is not None and (row_b.key, row_b.metadata.outlet) == ("18", "politico")
    assert manifest.lookup(_raw("https://www.politico.com/c")) is None


def test_warnings_name_unmatched_rows_and_inputs(tmp_path: Path) -> None:
    path = _write(tmp_path, "meta.csv", "path,outlet\na.txt,nyt\nb.txt,nyt\nc.txt,nyt\n"
                                        "d.txt,nyt\ne.txt,nyt\nf.txt,nyt\n")
    manifest = load_manifest(path)
    assert manifest.warnings() == [
        f"{path}: 6 rows match no input: line 2 'a.txt', line 3 'b.txt', line 4 'c.txt', … (3 more)"]
    assert manifest.match(_raw("/c/a.txt")) is not None
    assert manifest.match(_raw("/c/b.txt")) is not None
    assert manifest.match(_raw("/c/z.txt")) is None
    assert manifest.match(_raw("/c/c.txt")) is not None
    assert manifest.match(_raw("/c/e.txt")) is not None
    assert manifest.warnings() == [
        f"{path}: 2 rows match no input: line 5 'd.txt', line 7 'f.txt'",
        f"{path}: 1 input matches no row: /c/z.txt",
    ]


def test_warnings_count_inputs_and_show_the_first_few(tmp_path: Path) -> None:
    path = _write(tmp_path, "meta.csv", "path,outlet\na.txt,nyt\n")
    manifest = load_manifest(path)
    for name in ("a", "v", "w", "x", "y", "z"):
        manifest.match(_raw(f"/c/{name}.txt"))
    assert manifest.warnings() == [f"{path}: 5 inputs match no row: /c/v.txt, /c/w.txt, /c/x.txt, … (2 more)"]


def test_lookup_does_not_record_a_match(tmp_path: Path) -> None:
    path = _write(tmp_path, "meta.csv", "path,outlet\na.txt,nyt\n")
    manifest = load_manifest(path)
    assert manifest.lookup(_raw("/c/a.txt")) is not None
    assert manifest.lookup(_raw("/c/z.txt")) is None
    assert manifest.warnings() == [f"{path}: 1 row matches no input: line 2 'a.txt'"]


def test_warnings_name_a_row_that_matches_two_inputs(tmp_path: Path) -> None:
    path = _write(tmp_path, "meta.csv", "path,outlet\na.txt,nyt\n")
    manifest = load_manifest(path)
    manifest.match(_raw("/c/nyt/a.txt"))
    manifest.match(_raw("/c/wapo/a.txt"))
    assert manifest.warnings() == [
        f"{path} line 2 ('a.txt') matches 2 inputs: /c/nyt/a.txt, /c/wapo/a.txt; give a longer path as "
        "the key to tell them apart"]


def test_extract_articles_takes_each_documents_row(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write(corpus, "nyt/a.txt", DATED_BODY)
    _write(corpus, "wapo/a.txt", DATED_BODY)
    html = f"<html><body><article><p>{BODY.replace(chr(10) * 2, '</p><p>')}</p></article></body></html>"
    _write(corpus, "b.html.gz", gzip.compress(html.encode()))
    _write(corpus, "c.txt", DATED_BODY)
    path = _write(tmp_path, "meta.tsv", "path\tpublisher\tdate\tlanguage\ttopic\n"
                                        "nyt/a.txt\tnyt\t2016-03-11\tEnglish\tlabour\n"
                                        "b\tpolitico\tMarch 12, 2016\tNA\tNA\n"
                                        "c.txt\twest-journal\tNA\ten\tports\n"
                                        "missing.txt\tusa-today\t2016-03-13\ten\t\n")
    manifest = load_manifest(path)
    articles = _articles(corpus, manifest)
    nyt, html, plain, unmatched = (articles[k] for k in ("nyt/a.txt", "b.html.gz", "c.txt", "wapo/a.txt"))
    assert (nyt.outlet, nyt.published, nyt.language, nyt.extra) == (
        "The New York Times", "2016-03-11", "en", {"topic": "labour"})
    assert nyt.source.metadata == f"{path} line 2"
    assert (html.outlet, html.published, html.source.format) == ("Politico", "2016-03-12", "html")
    # "NA" leaves the date the text gives.
    assert (plain.outlet, plain.published, plain.extra) == (
        "The Western Journal", "2025-02-12", {"topic": "ports"})
    assert (unmatched.outlet, unmatched.published, unmatched.source.metadata) == (None, "2025-02-12", None)
    assert manifest.warnings() == [
        f"{path}: 1 row matches no input: line 5 'missing.txt'",
        f"{path}: 1 input matches no row: {corpus / 'wapo' / 'a.txt'}",
    ]


def test_polnear_metadata_train_rows_are_complete() -> None:
    manifest = load_manifest(shared_path("data/polnear/metadata.tsv"))
    train = [row for row in manifest.rows if row.metadata.extra.get("compartment") == "train"]
    assert len(train) == 840
    outlets = default_outlets()
    seen: set[str] = set()
    for row in train:
        assert row.key, row.where
        known = outlets.known(row.metadata.outlet or "")
        assert known is not None and known.name in POLNEAR_OUTLETS, (row.where, row.metadata.outlet)
        seen.add(known.name)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row.metadata.published or ""), (row.where, row)
    assert seen == POLNEAR_OUTLETS


def test_a_key_in_another_case_matches(tmp_path: Path) -> None:
    manifest = _load(tmp_path, "meta.csv", "filename,outlet\nSTORY-12.TXT,nyt\n")
    assert manifest.match(_raw(str(tmp_path / "texts" / "story-12.txt"))) is manifest.rows[0].metadata


def test_a_relative_key_is_also_read_from_the_manifests_folder(tmp_path: Path) -> None:
    manifest = _load(tmp_path, "meta/manifest.csv", "path,outlet\n../texts/a.txt,nyt\n")
    assert manifest.match(_raw(str(tmp_path / "texts" / "a.txt"))) is manifest.rows[0].metadata
    assert manifest.match(_raw(str(tmp_path / "other" / "a.txt"))) is None


@pytest.mark.parametrize(("value", "iso"), [
    ("Friday, March 11, 2016", "2016-03-11"),
    ("Sun 13 March 2016", "2016-03-13"),
    ("Fri, 11 Mar 2016 10:00:00 +0000", "2016-03-11T10:00:00+00:00"),
])
def test_a_leading_weekday_is_read(value: str, iso: str) -> None:
    assert parse_date(value) == iso


def test_two_rows_giving_one_url_are_an_error(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match=r"line 2 and line 3 both give the URL 'https://www.nytimes.com/x'$"):
        _load(tmp_path, "meta.tsv", "filename\turl\none\thttps://www.nytimes.com/x\ntwo\thttps://www.nytimes.com/x\n")


def test_a_row_matching_two_inputs_gives_its_url_to_the_first_only(tmp_path: Path) -> None:
    manifest = _load(tmp_path, "meta.csv", "filename,outlet,url\na.txt,nyt,https://www.nytimes.com/a\n")
    first = manifest.match(_raw("/c/one/a.txt"))
    second = manifest.match(_raw("/c/two/a.txt"))
    assert first is not None and second is not None
    assert (first.url, second.url, second.outlet) == ("https://www.nytimes.com/a", None, "nyt")


def test_without_a_key_column_the_url_column_is_the_key(tmp_path: Path) -> None:
    manifest = _load(tmp_path, "meta.csv", "outlet,url,date\nnyt,https://www.nytimes.com/a,2016-03-11\n"
                                           "nyt,https://www.nytimes.com/b,2016-03-12\n")
    assert manifest.columns.key == "url"
    found = manifest.match(_raw("crawl.warc", url="https://www.nytimes.com/b"))
    assert found is not None and (found.outlet, found.published) == ("nyt", "2016-03-12")


def test_a_first_column_that_holds_a_field_is_not_taken_for_the_key(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="no key column: name one path, filename or id"):
        _load(tmp_path, "meta.csv", "outlet,date\nnyt,2016-03-11\n")


@pytest.mark.parametrize(("key", "kind"), [("true", "bool"), ("1.5", "float"), ('["a"]', "list")])
def test_a_json_key_that_is_not_a_text_is_named(tmp_path: Path, key: str, kind: str) -> None:
    with pytest.raises(ManifestError, match=rf"line 1: column 'id': the key .* is a JSON {kind}, not a text"):
        _load(tmp_path, "meta.jsonl", f'{{"id": {key}, "outlet": "nyt"}}\n')


def test_an_outlet_name_too_long_to_be_one_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match=r"line 2: column 'outlet': .* is 250 characters long"):
        _load(tmp_path, "meta.csv", f"path,outlet\na.txt,{'x' * 250}\n")


@pytest.mark.parametrize("code", ["zz", "qq-QQ", "xyz"])
def test_a_language_code_that_is_no_language_is_refused(tmp_path: Path, code: str) -> None:
    with pytest.raises(ManifestError, match="is not an ISO 639-1 language code"):
        _load(tmp_path, "meta.csv", f"path,language\na.txt,{code}\n")


@pytest.mark.parametrize(("value", "iso"), [
    ("2016-03-11T25:00", None),
    ("11 Mar 2016 9:30 XYZ", None),
    ("2016-03-11 MST", None),
    ("2016-03-11 09:30 EST", "2016-03-11T09:30:00-05:00"),
    ("2016-03-11 10:00 UTC", "2016-03-11T10:00:00+00:00"),
    ("2016-03-11 10:00 GMT+2", "2016-03-11T10:00:00+02:00"),
    ("11/03/2016 9:30 PM PST", "2016-11-03T21:30:00-08:00"),
])
def test_times_and_zones_are_read_whole_or_not_at_all(value: str, iso: str | None) -> None:
    assert parse_date(value) == iso
