from __future__ import annotations

from sourcetrace import RawDocument, extract_article
from tests.conftest import DATA


def _article():
    data = (DATA / "extract" / "page-with-links.html").read_bytes()
    return extract_article(RawDocument(input="page.html", kind="file", data=data))


def test_metadata_from_page() -> None:
    article = _article()
    assert article.title == "Ministry Confirms Review of Grain Export Licences"
    assert article.byline == "Priya Raman"
    assert article.published == "2025-01-14"
    assert article.language == "en"
    assert article.url == "https://www.nytimes.com/2025/01/14/world/grain-licences.html"
    assert article.outlet == "The New York Times"
    assert article.domain == "nytimes.com"
    assert article.source.format == "html"


def test_body_without_chrome_and_with_kinds() -> None:
    article = _article()
    assert article.text.startswith("The agriculture ministry has begun a review")
    assert "Privacy" not in article.text and "Home" not in article.text
    kinds = {article.text[p.start : p.end]: p.kind for p in article.paragraphs}
    assert kinds["Questions in parliament"] == "heading"
    assert kinds["Licences under review: 212"] == "list"
    quote = next(t for t, k in kinds.items() if k == "quote")
    assert quote.startswith("“The review is routine")


def test_links_keep_exact_offsets_and_absolute_urls() -> None:
    article = _article()
    by_anchor = {link.anchor: link for link in article.links}
    reuters = by_anchor["Reuters reported"]
    assert reuters.href == "https://www.reuters.com/world/grain-exports-2025-01-13/"
    assert article.text[reuters.start : reuters.end] == "Reuters reported"
    earlier = by_anchor["an earlier hearing"]
    assert earlier.href == "https://www.nytimes.com/2025/01/10/world/grain-committee.html"
    assert article.text[earlier.start : earlier.end] == "an earlier hearing"


def test_paragraphs_tile_the_text() -> None:
    article = _article()
    assert "\n\n".join(article.paragraph_texts()) == article.text


def test_article_hidden_until_a_script_shows_it_is_still_found() -> None:
    body = " ".join(["The harbour authority approved a new budget on Tuesday after a long debate."] * 4)
    html = (f"<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            f"<div style='display:none' id='story'><h1>Budget</h1><p>{body}</p><p>{body}</p></div>"
            "</body></html>").encode()
    article = extract_article(RawDocument(input="hidden.html", kind="file", data=html))
    assert article.text.startswith("The harbour authority approved a new budget")
    assert "Home" not in article.text


def test_declared_language_becomes_iso_639_1() -> None:
    body = "<p>" + "The council said on Monday that the budget would be published next week. " * 3 + "</p>"
    for lang, expected in (("en-GB", "en"), ("eng", "en"), ("de_AT", "de"), ("zz9", None)):
        html = f"<html lang='{lang}'><body><article>{body}{body}</article></body></html>".encode()
        article = extract_article(RawDocument(input="p.html", kind="file", data=html))
        # An unusable declaration falls back to the guess from the text.
        assert article.language == (expected or "en"), lang
