"""Wrong, missing and unusual encodings, end to end: the article text has the right characters."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from sourcetrace import extract_articles
from sourcetrace.model import Article

from .helpers import data_text

MARKET_HALL = data_text("market-hall.html")
BUDGET = data_text("budget-scrape.txt")
CHARSET_META = '<meta charset="utf-8">\n'

# Phrases of market-hall.html that need more than ASCII.
CP1252_PHRASES = [
    "cost €4.2 million — almost a third more",
    "“We found rot in every one of the roof trusses",
    "said Hélène Dubois, the conservation architect",
    "The Quay Street Residents’ Association",
    "including a café run by the Ortiz family",
]


def _article(path: Path) -> Article:
    outcomes = list(extract_articles([str(path)]))
    assert len(outcomes) == 1, outcomes
    (article,) = outcomes
    assert isinstance(article, Article), article
    return article


def _latin1_page() -> str:
    """market-hall.html with the characters Latin-1 lacks spelled out in ASCII."""
    page = MARKET_HALL
    for old, new in {"€": "EUR ", "—": "-", "“": '"', "”": '"', "’": "'", "·": "|", "©": "(c)"}.items():
        page = page.replace(old, new)
    page.encode("latin-1")  # must not raise
    return page


def _cp1252_page(tmp_path: Path) -> Path:
    assert CHARSET_META in MARKET_HALL
    path = tmp_path / "page.html"
    path.write_bytes(MARKET_HALL.replace(CHARSET_META, "").encode("cp1252"))
    return path


def _latin1_page_declaring_utf8(tmp_path: Path) -> Path:
    path = tmp_path / "page.html"
    path.write_bytes(_latin1_page().encode("latin-1"))
    return path


def test_windows_1252_page_without_declaration(tmp_path: Path) -> None:
    article = _article(_cp1252_page(tmp_path))
    for phrase in CP1252_PHRASES:
        assert phrase in article.text
    assert article.byline == "Marta Jiménez"


def test_windows_1252_page_without_declaration_keeps_punctuation(tmp_path: Path) -> None:
    """The characters Windows-1252 shares with the code pages it is confused with."""
    article = _article(_cp1252_page(tmp_path))
    for phrase in CP1252_PHRASES:
        if "è" not in phrase:
            assert phrase in article.text
    assert article.byline == "Marta Jiménez"
    assert "\ufffd" not in article.text


def test_page_declaring_utf8_but_encoded_in_latin1(tmp_path: Path) -> None:
    article = _article(_latin1_page_declaring_utf8(tmp_path))
    assert "said Hélène Dubois, the conservation architect" in article.text
    assert "including a café run by the Ortiz family" in article.text


def test_page_declaring_utf8_but_encoded_in_latin1_is_not_decoded_as_utf8(tmp_path: Path) -> None:
    article = _article(_latin1_page_declaring_utf8(tmp_path))
    assert "including a café run by the Ortiz family" in article.text
    assert article.byline == "Marta Jiménez"
    assert "\ufffd" not in article.text


def test_utf8_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(codecs.BOM_UTF8 + MARKET_HALL.encode("utf-8"))
    article = _article(path)
    assert article.title == "Riverside market hall to reopen after two-year restoration"
    for phrase in CP1252_PHRASES:
        assert phrase in article.text


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
    ids=["le", "be"],
)
def test_utf16_page_with_bom(tmp_path: Path, bom: bytes, codec: str) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(bom + MARKET_HALL.replace(CHARSET_META, "").encode(codec))
    article = _article(path)
    assert article.source.format == "html"
    assert article.title == "Riverside market hall to reopen after two-year restoration"
    assert "<p>" not in article.text
    for phrase in CP1252_PHRASES:
        assert phrase in article.text


def test_utf16_page_with_bom_is_decoded_without_damage(tmp_path: Path) -> None:
    """Whatever the HTML detection, the characters themselves come through."""
    path = tmp_path / "page.html"
    path.write_bytes(MARKET_HALL.encode("utf-16"))
    article = _article(path)
    for phrase in CP1252_PHRASES:
        assert phrase in article.text


def test_plain_text_in_windows_1252(tmp_path: Path) -> None:
    text = (
        BUDGET.replace('"Nobody', "“Nobody")
        .replace('Tuesday,"', "Tuesday,”")
        .replace("a budget of 212 million", "a budget of €212 million")
    )
    path = tmp_path / "scrape.txt"
    path.write_bytes(text.encode("cp1252"))
    article = _article(path)
    assert article.source.format == "text"
    assert article.title == "Council Approves Leaner Budget as Reserves Run Low"
    assert "approved a budget of €212 million on Thursday" in article.text
    assert "“Nobody came into politics to close libraries on a Tuesday,”" in article.text
    assert "Share this article" not in article.text


def test_plain_text_in_windows_1252_with_accented_names(tmp_path: Path) -> None:
    text = (
        BUDGET.replace("care services", "care services, school crèches and the Müller day centre")
        .replace('"Nobody', "“Nobody")
        .replace('nobody."', "nobody.”")
        .replace("the council leader said", "the council leader, Inés Núñez, said")
    )
    path = tmp_path / "scrape.txt"
    path.write_bytes(text.encode("cp1252"))
    article = _article(path)
    assert "school crèches and the Müller day centre" in article.text
    assert "the council leader, Inés Núñez, said" in article.text


@pytest.mark.network
def test_http_charset_header_is_used_when_the_page_has_none(httpserver: HTTPServer) -> None:
    page = MARKET_HALL.replace(CHARSET_META, "").encode("cp1252")
    httpserver.expect_request("/page").respond_with_data(
        page, content_type="text/html; charset=windows-1252"
    )
    (article,) = extract_articles([httpserver.url_for("/page")])
    assert isinstance(article, Article), article
    for phrase in CP1252_PHRASES:
        assert phrase in article.text


@pytest.mark.network
def test_utf8_page_served_as_latin1(httpserver: HTTPServer) -> None:
    page = _latin1_page().replace(CHARSET_META, "").encode("utf-8")
    assert not any(page.count(bytes([b])) for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D))
    httpserver.expect_request("/page").respond_with_data(
        page, content_type="text/html; charset=iso-8859-1"
    )
    (article,) = extract_articles([httpserver.url_for("/page")])
    assert isinstance(article, Article), article
    assert "said Hélène Dubois, the conservation architect" in article.text
    assert "Ã" not in article.text
