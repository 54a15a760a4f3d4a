"""Front matter: a ``key: value`` block between ``---`` lines at the top of a file, read as a
manifest row is, and weighed between a manifest (stronger) and what extraction reads (weaker)."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

from sourcetrace.errors import ExtractionError, FrontMatterError, MetadataWarning
from sourcetrace.extract import extract_article, extract_articles, load_manifest
from sourcetrace.extract._frontmatter import FrontMatter, front_matter_metadata, split_front_matter
from sourcetrace.model import Article, DocumentMetadata, RawDocument

BODY = (
    "Dock workers at three of the country's largest ports stayed off the job for an eighth day on "
    "Wednesday, union leaders said, after overnight talks with employers ended without a deal.\n\n"
    "The transport ministry said in a statement that it was monitoring the situation closely but "
    "would not intervene while negotiations continued.\n"
)
HEADER = "Port Strike Enters Second Week\n\nBy Anna Lindqvist\nPublished: 12 February 2025 09:15\n\n"
BLOCK = (
    "---\n"
    'title: "Ministry: confirms review"\n'
    "publisher: nyt\n"
    "# a comment line\n"
    "\n"
    "Publication Date: '2025-01-14'\n"
    "authors:\n"
    "  - Priya Raman\n"
    "  - 'Jo Bloggs'\n"
    'tags: [grain, "export licences", trade]\n'
    "section:\n"
    "---\n"
)


def _raw(text: str, input: str = "story.txt") -> RawDocument:
    return RawDocument(input=input, kind="file", data=text.encode("utf-8"))


def test_a_block_is_parsed() -> None:
    front, rest = split_front_matter(BLOCK + BODY)
    assert front == FrontMatter(
        values={"title": "Ministry: confirms review", "publisher": "nyt", "Publication Date": "2025-01-14",
                "authors": ["Priya Raman", "Jo Bloggs"], "tags": ["grain", "export licences", "trade"],
                "section": ""},
        lines={"title": 2, "publisher": 3, "Publication Date": 6, "authors": 7, "tags": 10, "section": 11},
    )
    assert rest == BODY


def test_the_block_gives_metadata_as_a_manifest_row_would() -> None:
    front, _ = split_front_matter(BLOCK + BODY)
    assert front is not None
    assert front_matter_metadata(front, label="story.txt") == DocumentMetadata(
        outlet="nyt", published="2025-01-14", title="Ministry: confirms review",
        byline="Priya Raman, Jo Bloggs", extra={"tags": '["grain", "export licences", "trade"]'},
        origin="front matter",
    )


@pytest.mark.parametrize("text", [
    f"---\r\ntitle: Ferry vote\r\ndate: 2025-03-04\r\n---\r\n{BODY}",
    f"---\ntitle: Ferry vote\ndate: 2025-03-04\n...\n{BODY}",
    f"\ufeff---\ntitle: Ferry vote\ndate: 2025-03-04\n---  \n{BODY}",
], ids=["crlf", "dots-close", "bom"])
def test_fence_variants(text: str) -> None:
    front, rest = split_front_matter(text)
    assert front is not None
    assert front.values == {"title": "Ferry vote", "date": "2025-03-04"}
    assert rest == BODY


def test_the_text_after_the_block_is_the_article_body() -> None:
    article = extract_article(_raw(BLOCK + BODY))
    assert article.text.startswith("Dock workers at three")
    assert article.text.endswith("while negotiations continued.")
    assert len(article.paragraphs) == 2
    for leftover in ("---", "publisher", "nyt", "Priya", "grain", "a comment line"):
        assert leftover not in article.text
    assert (article.title, article.outlet, article.published, article.byline) == (
        "Ministry: confirms review", "The New York Times", "2025-01-14", "Priya Raman, Jo Bloggs")
    assert article.extra == {"tags": '["grain", "export licences", "trade"]'}
    assert article.source.metadata == "front matter"
    assert article.source.format == "text"


@pytest.mark.parametrize("text", [
    f"---\n---\n{BODY}",
    f"Ferry vote\n---\ntitle: Ferry vote\n---\n{BODY}",
    f"---\n- a list item first\n---\n{BODY}",
], ids=["empty", "not-at-the-top", "item-without-key"])
def test_not_front_matter_leaves_the_text_as_it_is(text: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert split_front_matter(text) == (None, text)


@pytest.mark.parametrize(("text", "why"), [
    (f"---\ntitle: Ferry vote\nthis line is not a pair\n---\n{BODY}", "line 3 is not key: value"),
    (f"---\ntitle: Ferry vote\ndate: 2025-03-04\n{BODY}", "line 4 is not key: value"),
    ("---\n" + "".join(f"key{i}: value\n" for i in range(120)) + f"---\n{BODY}", "no closing ---"),
    ("---\ntitle: Ferry vote\ndate: 2025-03-04\n", "no closing ---"),
], ids=["not-a-pair", "no-closing-fence", "too-long", "ends-in-the-block"])
def test_a_block_that_opens_as_front_matter_but_cannot_be_read_is_told(text: str, why: str) -> None:
    expected = f"^story.txt: front matter could not be read \\({why}\\); kept as text$"
    with pytest.warns(MetadataWarning, match=expected):
        assert split_front_matter(text, label="story.txt") == (None, text)


@pytest.mark.parametrize(("block", "values"), [
    ("authors:\n- Priya Raman\n- Tom Ellis\n", {"authors": ["Priya Raman", "Tom Ellis"]}),
    ("description: >\n  A long\n  summary\ntitle: X\n", {"description": "A long summary", "title": "X"}),
    ("note: |\n  one\n  two\n", {"note": "one\ntwo"}),
    ('authors: ["Raman, Priya", "Ellis, Tom"]\n', {"authors": ["Raman, Priya", "Ellis, Tom"]}),
    ('title: "A # not a comment" # a comment\n', {"title": "A # not a comment"}),
], ids=["unindented-list", "folded-scalar", "literal-scalar", "quoted-commas", "comment-after-quotes"])
def test_yaml_forms_exports_write(block: str, values: dict[str, object]) -> None:
    front, _ = split_front_matter(f"---\n{block}---\n{BODY}")
    assert front is not None and front.values == values


def test_a_field_the_manifest_gives_is_not_read_from_front_matter() -> None:
    row = DocumentMetadata(published="2016-03-11", origin="meta.csv line 2")
    article = extract_article(_raw(f"---\ndate: soon\noutlet: nyt\n---\n{BODY}"), metadata=row)
    assert (article.published, article.outlet) == ("2016-03-11", "The New York Times")


def test_a_text_without_front_matter_has_no_metadata_origin() -> None:
    with pytest.warns(MetadataWarning):
        article = extract_article(_raw(f"---\ntitle: Ferry vote\nthis line is not a pair\n---\n{BODY}"))
    assert article.source.metadata is None
    assert article.title != "Ferry vote"


# What wins: manifest row > front matter > what extraction read


def test_extraction_alone() -> None:
    article = extract_article(_raw(HEADER + BODY))
    assert (article.title, article.byline, article.published) == (
        "Port Strike Enters Second Week", "Anna Lindqvist", "2025-02-12T09:15:00")
    assert article.source.metadata is None


def test_front_matter_wins_over_the_texts_own_header() -> None:
    block = "---\ntitle: Strike enters week two\ndate: 2016-03-11T09:30:00-05:00\n---\n"
    article = extract_article(_raw(block + HEADER + BODY))
    assert article.title == "Strike enters week two"
    assert article.published == "2016-03-11T09:30:00-05:00"
    assert article.byline == "Anna Lindqvist"  # not stated in the block: extraction's stands
    assert article.source.metadata == "front matter"


def test_a_manifest_row_wins_over_front_matter() -> None:
    block = ("---\ntitle: Strike enters week two\ndate: 2016-03-11\noutlet: wash-post\n"
             "desk: metro\nbeat: ports\n---\n")
    row = DocumentMetadata(title="Port strike: the manifest title", outlet="nyt", extra={"desk": "national"},
                           origin="meta.csv line 2")
    article = extract_article(_raw(block + HEADER + BODY), metadata=row)
    assert article.title == "Port strike: the manifest title"
    assert article.outlet == "The New York Times"
    assert article.published == "2016-03-11"
    assert article.byline == "Anna Lindqvist"
    assert article.extra == {"desk": "national", "beat": "ports"}
    assert article.source.metadata == "meta.csv line 2, front matter"


def test_a_manifest_row_wins_over_extraction_without_front_matter() -> None:
    row = DocumentMetadata(published="2016-03-11", origin="meta.csv line 7")
    article = extract_article(_raw(HEADER + BODY), metadata=row)
    assert (article.title, article.published) == ("Port Strike Enters Second Week", "2016-03-11")
    assert article.source.metadata == "meta.csv line 7"


def test_manifest_and_front_matter_through_extract_articles(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("---\ntitle: Front title\ndate: 2016-03-11\n---\n" + BODY)
    manifest_path = tmp_path / "meta.csv"
    manifest_path.write_text("path,title,date\na.txt,Manifest title,NA\n")
    [article] = extract_articles([str(tmp_path / "docs")], manifest=load_manifest(manifest_path))
    assert isinstance(article, Article)
    assert (article.title, article.published) == ("Manifest title", "2016-03-11")
    assert article.source.metadata == f"{manifest_path} line 2, front matter"


# Bad values


BAD_DATE = f"---\ntitle: Ferry vote\n\nauthor: Jane Doe\ndate: next Tuesday\n---\n{HEADER}{BODY}"


def test_a_bad_date_is_an_error_naming_the_input_and_the_line() -> None:
    with pytest.raises(FrontMatterError) as caught:
        extract_article(_raw(BAD_DATE, input="docs/ferry.txt"))
    error = caught.value
    assert isinstance(error, ExtractionError)
    assert (error.code, error.input) == ("E202", "docs/ferry.txt")
    assert str(error).startswith(
        "[E202] docs/ferry.txt: front matter line 5: date 'next Tuesday' is not a date or date-time")


def test_a_bad_date_stops_only_its_document_in_a_batch(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BAD_DATE)
    (tmp_path / "b.txt").write_text(BODY)
    results = list(extract_articles([str(tmp_path)]))
    errors = [r for r in results if isinstance(r, FrontMatterError)]
    articles = [r for r in results if isinstance(r, Article)]
    assert [Path(e.input or "").name for e in errors] == ["a.txt"]
    assert [Path(a.source.input).name for a in articles] == ["b.txt"]


def test_lenient_drops_the_bad_field_with_a_warning() -> None:
    with pytest.warns(MetadataWarning, match=r"^docs/ferry\.txt: front matter line 5: date 'next Tuesday' is "
                                             r"not a date.*; the field is left out$"):
        article = extract_article(_raw(BAD_DATE, input="docs/ferry.txt"), lenient=True)
    assert article.title == "Ferry vote"
    assert article.byline == "Jane Doe"
    assert article.published == "2025-02-12T09:15:00"  # the text's own date stands


@pytest.mark.parametrize(("line", "message"), [
    ("url: nytimes.com/a", "url 'nytimes.com/a' is not an absolute http(s) URL"),
    ("language: Elvish", "language 'Elvish' is not an ISO 639-1 language code"),
])
def test_other_bad_values_are_errors(line: str, message: str) -> None:
    with pytest.raises(FrontMatterError, match=re.escape(f"story.txt: front matter line 2: {message}")):
        extract_article(_raw(f"---\n{line}\n---\n{BODY}"))


# HTML after front matter


def test_an_html_document_after_front_matter_is_read_as_html() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY.strip().split("\n\n"))
    html = (f"<!doctype html><html><head><title>Page title</title></head><body><nav>Home | World</nav>"
            f"<article><h1>Page heading</h1>{paragraphs}</article></body></html>")
    article = extract_article(_raw("---\ntitle: Block title\noutlet: reuters\n---\n" + html, input="p.html"))
    assert article.source.format == "html"
    assert article.text.startswith("Dock workers at three")
    assert "<p>" not in article.text and "---" not in article.text
    assert (article.title, article.outlet) == ("Block title", "Reuters")


# Bugs


def test_a_trailing_comment_is_not_part_of_the_value() -> None:
    front, _ = split_front_matter(f"---\npublisher: nyt  # the Times\n---\n{BODY}")
    assert front is not None
    assert front.values == {"publisher": "nyt"}


def test_line_numbers_count_a_blank_line_before_the_block() -> None:
    front, _ = split_front_matter(f"\n---\ntitle: Ferry vote\ndate: next Tuesday\n---\n{BODY}")
    assert front is not None
    assert front.lines == {"title": 3, "date": 4}
