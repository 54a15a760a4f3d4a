"""HTML pages through ``extract_article``: the headline block, in-body chrome, related links,
embedded posts, split bodies, hidden elements, tables and cut paragraphs.

The pages under ``tests/data/extract/html/`` were written for these tests; each is a small
news article with the page's navigation, header and footer around it.
"""

from __future__ import annotations

import json
from functools import cache

import pytest
from lxml import etree

from sourcetrace import RawDocument, extract_article
from sourcetrace.extract._boilerplate import Block, _is_chrome, select_blocks
from sourcetrace.extract._html import _blocks, _mend_paragraphs
from sourcetrace.model import Article
from tests.conftest import DATA, shared_path

PAGES = DATA / "extract" / "html"
URL = "https://news.example.com/2024/story"
PROSE = (
    "The council published its annual budget on Thursday, setting aside more money for road "
    "repairs, school buildings and the care of older residents than in any previous year."
)


def _extract(data: bytes, name: str = "page.html") -> Article:
    raw = RawDocument(input=name, kind="file", data=data, url=URL, content_type="text/html")
    return extract_article(raw)


@cache
def _page(name: str) -> Article:
    return _extract((PAGES / name).read_bytes(), name)


def _paragraph(article: Article, containing: str) -> tuple[int, str]:
    """The position and text of the one paragraph that contains ``containing``."""
    found = [(i, t) for i, t in enumerate(article.paragraph_texts()) if containing in t]
    assert len(found) == 1, f"{containing!r} in {len(found)} paragraphs: {article.paragraph_texts()}"
    return found[0]


@pytest.mark.parametrize("name", sorted(p.name for p in PAGES.glob("*.html")))
def test_links_and_paragraphs_index_the_text_exactly(name: str) -> None:
    article = _page(name)
    assert article.links, "every page links from its body"
    for link in article.links:
        assert article.text[link.start : link.end] == link.anchor
        assert link.href.startswith("https://")
    assert "\n\n".join(article.paragraph_texts()) == article.text
    assert len(article.text.split()) >= 150


# -- the header -------------------------------------------------------------------------


def test_headline_kicker_and_byline_leave_the_text_but_stay_metadata() -> None:
    article = _page("headline-kicker-byline.html")
    assert article.text.startswith("The harbour council voted on Monday night")
    for header in ("Local News", "Harbour Council Approves", "By Maren Okafor", "March 18, 2024"):
        assert header not in article.text
    assert article.title == "Harbour Council Approves Flood Barrier Plan"
    assert article.byline == "Maren Okafor"
    assert article.published == "2024-03-18"
    assert article.url == "https://www.coastalledger.example/2024/03/18/flood-barrier-plan"
    # A relative link resolves against the address the page was read from, as in a browser.
    [link] = article.links
    assert link.href == "https://news.example.com/2023/11/02/estuary-assessment"
    assert len(article.paragraphs) == 5


# -- chrome inside the body -------------------------------------------------------------


def test_chrome_blocks_go_but_prose_mentioning_them_stays() -> None:
    article = _page("chrome-in-body.html")
    texts = article.paragraph_texts()
    for chrome in ("Advertisement", "Photo: Dana Whitlow", "Sign up for our newsletter",
                   "Follow us on Twitter", "Share this article"):
        assert not [t for t in texts if chrome in t], chrome
    _, prose = _paragraph(article, "glossy television advertisement")
    assert prose.startswith("Passenger groups welcomed the fine")
    assert len(texts) == 5
    assert texts[-1].startswith("The money from the fine")


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("Advertising revenue at the group fell by a third last year, the company said.",
                     id="advertising"),
        pytest.param("Print circulation has fallen every year since 2010.", id="print"),
        pytest.param("More than two million people follow the mayor on TikTok, where she posts short "
                     "videos about council decisions.", id="follow-on"),
        pytest.param("Copyright law has not kept pace with generative AI, the judge wrote.",
                     id="copyright"),
        pytest.param("Getty Images said on Tuesday it had agreed to merge with Shutterstock.",
                     id="photo-agency"),
        pytest.param("The minister's comments came as the public consultation closed on Friday.",
                     id="comments-closed"),
        pytest.param("Subscription revenue rose 12 per cent after the paper launched a daily news "
                     "podcast.", id="subscription"),
    ],
)
def test_short_news_sentences_are_not_chrome(sentence: str) -> None:
    blocks = [Block(PROSE), Block(sentence), Block(PROSE)]
    assert select_blocks(blocks) == [0, 1, 2]


# -- related links ----------------------------------------------------------------------


def test_related_marker_and_the_headlines_under_it_go() -> None:
    article = _page("related-and-teasers.html")
    for related in ("You may also like", "Nurse pay talks", "Junior doctors win"):
        assert related not in article.text
    assert article.text.endswith("reduce the sleep loss they measured.")


def test_unmarked_run_of_linked_teasers_goes() -> None:
    article = _page("related-and-teasers.html")
    for teaser in ("Hospital waiting lists", "Autumn flu vaccine", "Do sleep apps"):
        assert teaser not in article.text
    before, _ = _paragraph(article, "The effect was strongest among nurses over fifty")
    after, _ = _paragraph(article, "A spokesperson for the health authority")
    assert after == before + 1
    assert len(article.paragraphs) == 5


def test_paragraph_with_one_citation_link_keeps_it() -> None:
    article = _page("related-and-teasers.html")
    _, text = _paragraph(article, "were published in the journal Occupational Medicine and have")
    assert text.startswith("The researchers, from the university's department")
    [link] = article.links
    assert link.anchor == "the journal Occupational Medicine"
    assert link.href == "https://journals.example.org/occmed/2024/0917"
    assert article.text[link.start : link.end] == link.anchor


# -- embedded posts ---------------------------------------------------------------------


def test_embedded_tweet_is_a_quote() -> None:
    article = _page("embedded-tweet.html")
    position, text = _paragraph(article, "The Col du Verrier is closed in both directions")
    kinds = [p.kind for p in article.paragraphs]
    assert kinds[position] == "quote"
    assert kinds[position - 1] == "paragraph"
    assert article.paragraph_texts()[position - 1].endswith("on social media early in the morning:")
    assert text.endswith("until further notice. #snow")
    assert [link.href for link in article.links] == [
        "https://twitter.com/valleyroads/status/1790000000000000000"
    ]
    assert article.text.endswith("carry chains until the end of the week.")


def test_embedded_tweet_attribution_keeps_its_spaces() -> None:
    article = _page("embedded-tweet.html")
    _paragraph(article, "— Valley Roads Agency (@valleyroads) May 14, 2024")


# -- a body split around an advertisement -----------------------------------------------


def test_body_split_around_an_ad_is_joined_in_order() -> None:
    article = _page("split-body.html")
    starts = [t.split(",")[0].split(".")[0] for t in article.paragraph_texts()]
    assert starts == [
        "Crumb & Co", "The company reported sales of 212 million pounds for last year",
        "Chief executive Alina Morrow said the chain had avoided the worst of the cost increases by "
        "buying flour a year in advance and by baking in regional kitchens rather than in every shop",
        "Analysts were more cautious", "The company's shares", "Morrow said most of the new shops "
        "would be in the north of England and in Scotland",
    ]
    assert "Advertisement" not in article.text
    assert "garden furniture" not in article.text


# -- hidden elements --------------------------------------------------------------------


@pytest.mark.parametrize(
    "style",
    [
        'style="display: none"',
        'style="color: #555; display : none;"',
        'style="DISPLAY: none"',
    ],
)
def test_hidden_elements_are_not_text(style: str) -> None:
    html = (PAGES / "hidden-copy.html").read_text(encoding="utf-8")
    assert 'style="display: none"' in html
    article = _extract(html.replace('style="display: none"', style).encode())
    assert "Teaser copy" not in article.text  # the schema.org copy, hidden with @hidden
    assert "Hidden sidebar text" not in article.text
    assert article.text.startswith("The central library will stay open until nine")
    assert len(article.paragraphs) == 5


# -- tables -----------------------------------------------------------------------------


def test_layout_table_is_read_paragraph_by_paragraph() -> None:
    article = _page("tables.html")
    texts = article.paragraph_texts()
    assert [t.split()[0] for t in texts[:4]] == ["Kyle", "Busch", "The", "Second"]
    assert texts[1] == (
        "Busch started eighteenth after a qualifying spin on Saturday and spent most of the "
        "afternoon in the middle of the field. A late caution for debris bunched the leaders "
        "together, and he chose fresh tyres while most of the front runners stayed out."
    )
    assert all(p.kind == "paragraph" for p in article.paragraphs)


def test_data_table_cells_are_separated_by_spaces() -> None:
    texts = _page("tables.html").paragraph_texts()
    start = texts.index("The top three finishers in the race were as follows:")
    assert texts[start + 1 : start + 5] == [
        "Pos Driver Laps", "1 Kyle Busch 250", "2 Martin Truex 250", "3 Denny Hamlin 250",
    ]
    assert "1Kyle" not in "".join(texts)


# -- paragraphs cut at a link -----------------------------------------------------------


def _mended(xml: str) -> list[tuple[str, list[str]]]:
    """The blocks of a trafilatura-style body after mending: each block's text with its anchors."""
    body = etree.fromstring(xml)
    _mend_paragraphs(body)
    blocks = []
    for block, _ in _blocks(body, base=""):
        text, links = block.finished()
        blocks.append((text, [text[start:end] for start, end, _ in links]))
    return blocks


def test_paragraph_cut_around_a_lifted_link_is_mended() -> None:
    blocks = _mended(
        '<body><p>Its keyboards have suffered from </p><ref target="https://example.org/k">sticky '
        'keys</ref><p> since their launch in 2016, and from </p><ref target="https://example.org/r">'
        "repeated repairs</ref><p>.</p><p>Next paragraph.</p></body>"
    )
    assert blocks == [
        ("Its keyboards have suffered from sticky keys since their launch in 2016, and from "
         "repeated repairs.", ["sticky keys", "repeated repairs"]),
        ("Next paragraph.", []),
    ]


@pytest.mark.parametrize(
    "xml",
    [
        # the first paragraph ends a sentence: the link is a block of its own
        '<body><p>The report is out.</p><ref target="https://example.org/r">the report</ref>'
        "<p>and its annex.</p></body>",
        # the next paragraph starts a sentence of its own
        '<body><p>Read the findings in</p><ref target="https://example.org/r">the report</ref>'
        "<p>The minister said.</p></body>",
    ],
)
def test_paragraphs_that_are_not_cut_stay_apart(xml: str) -> None:
    assert len(_mended(xml)) == 3


def test_paragraph_cut_before_a_link_opening_the_next_one_is_mended() -> None:
    article = _page("br-paragraphs-with-links.html")
    _, text = _paragraph(article, "whose foldable models have suffered from")
    assert "since their launch in 2021" in text


def test_text_beside_a_link_keeps_its_space() -> None:
    article = _page("br-paragraphs-with-links.html")
    assert "phone, via Teardown Lab" in article.text


# -- the chrome patterns against real article text ------------------------------------------


def test_chrome_patterns_spare_benchmark_article_paragraphs() -> None:
    truth = shared_path("data/article-extraction-benchmark/ground-truth.json")
    articles = json.loads(truth.read_text(encoding="utf-8"))
    paragraphs = [
        line.strip() for item in articles.values()
        for line in (item.get("articleBody") or "").split("\n") if line.strip()
    ]
    assert len(paragraphs) > 1000
    dropped = [p for p in paragraphs if _is_chrome(Block(p), None)]
    assert len(dropped) < 0.005 * len(paragraphs), dropped


def test_mending_keeps_loose_text_between_the_pieces() -> None:
    blocks = _mended(
        "<body><p>Prices rose sharply for</p>loose words<p><ref target='https://e.org/g'>grain</ref>"
        " exports this week.</p></body>"
    )
    assert blocks[0][0] == "Prices rose sharply for loose words grain exports this week."
    assert blocks[0][1] == ["grain"]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("the alliance's <a href='https://e.org/n'>NATO</a>s members", "NATO s"),
        ("read <a href='https://e.org/w'>Wiki</a>pedia today", "Wiki pedia"),
        ("a $5<a href='https://e.org/b'>bn</a> loan", "$5 bn"),
    ],
)
def test_words_that_run_into_a_link_are_not_split(html: str, expected: str) -> None:
    from sourcetrace.extract._builder import BlockBuilder

    block = BlockBuilder()
    before, rest = html.split("<a href='", 1)
    href, rest = rest.split("'>", 1)
    anchor, after = rest.split("</a>", 1)
    block.add(before)
    block.add(anchor, href)
    block.add(after)
    assert expected not in block.text
    assert block.text.replace(" ", "") == (before + anchor + after).replace(" ", "")
