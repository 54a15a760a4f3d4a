from __future__ import annotations

import json

import pytest

from sourcetrace.model import ARTICLE_SCHEMA, Article, DocumentSource, Link, Paragraph, RawDocument


def _article() -> Article:
    text = "Title line\n\nBody with a link here."
    return Article(
        text=text,
        source=DocumentSource(input="a.html", kind="file", sha256="0" * 64, format="html"),
        title="T", url="https://example.org/a", outlet="Example", domain="example.org",
        byline="A. Writer", published="2025-01-02", language="en",
        paragraphs=(Paragraph(0, 10, "heading"), Paragraph(12, 34)),
        links=(Link(29, 33, "https://example.org/b", "here"),),
    )


def test_round_trip_through_json() -> None:
    article = _article()
    data = json.loads(json.dumps(article.to_dict()))
    assert data["schema"] == ARTICLE_SCHEMA
    assert Article.from_dict(data) == article


def test_json_has_the_documented_keys() -> None:
    data = _article().to_dict()
    assert list(data) == ["schema", "url", "outlet", "domain", "title", "byline", "published",
                          "language", "wire", "extra", "text", "paragraphs", "links", "source"]
    assert data["paragraphs"][0] == {"start": 0, "end": 10, "kind": "heading"}
    assert data["links"][0] == {"start": 29, "end": 33, "href": "https://example.org/b", "anchor": "here"}
    assert data["source"] == {"input": "a.html", "kind": "file", "sha256": "0" * 64, "format": "html"}


def test_unknown_schema_is_refused() -> None:
    data = _article().to_dict()
    data["schema"] = "sourcetrace.article/99"
    with pytest.raises(ValueError, match="unsupported article schema"):
        Article.from_dict(data)


def test_spans_outside_the_text_are_refused() -> None:
    with pytest.raises(ValueError, match="outside text"):
        Article(text="short", source=DocumentSource("x", "file", "0"), paragraphs=(Paragraph(0, 6),))


def test_from_text_keeps_offsets_of_the_original() -> None:
    text = "Headline\n\n  Indented paragraph.\nNext line.\n"
    article = Article.from_text(text)
    assert article.text == text
    assert article.paragraph_texts() == ["Headline", "Indented paragraph.", "Next line."]


def test_raw_document_label_names_locator_and_url() -> None:
    raw = RawDocument(input="crawl.warc.gz", kind="warc", data=b"x", url="https://e.org/p",
                      locator="record 3")
    assert raw.label == "crawl.warc.gz [record 3] (https://e.org/p)"
    assert len(raw.sha256) == 64
