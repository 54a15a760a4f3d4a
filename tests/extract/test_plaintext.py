from __future__ import annotations

import string
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcetrace.extract import clean_plaintext, extract_text
from tests.conftest import DATA, shared_path

EXAMPLE_TITLE = (
    "U.S. Greenlights Ukraine’s Use of Long-Range Missiles Against Russian and North Korean Forces"
)


def _scrape(name: str) -> str:
    return (DATA / "extract" / name).read_text(encoding="utf-8")


def test_shared_example_comes_out_clean() -> None:
    text = shared_path("examples/eutoday-atacms-authorisation.txt").read_text(encoding="utf-8")
    article = extract_text(text, input="eutoday.txt")
    assert article.title == EXAMPLE_TITLE
    assert article.text.startswith("According to reports from The New York Times")
    assert article.text.endswith("Russia-North Korea alliance.")
    assert article.byline == "EUToday Correspondents"
    assert article.outlet == "EU Today"
    for chrome in ("Home POLITICS", "Read also", "Click here", "You may also like", "Leave a Comment",
                   "brings you the latest", "Editors' Picks", "Latest Posts"):
        assert chrome not in article.text
    headings = [article.text[p.start : p.end] for p in article.paragraphs if p.kind == "heading"]
    assert headings == ["Expanded Strike Potential", "Strategic Aims and International Reactions",
                        "North Korea’s Role and Future Implications"]


def test_packaged_example_comes_out_clean() -> None:
    path = Path(__file__).resolve().parents[2] / "src/sourcetrace/data/examples/harbourton-ferry-contract.txt"
    article = extract_text(path.read_text(encoding="utf-8"))
    assert article.title == "Harbourton Council Delays Vote on Ferry Contract After Audit Questions"
    assert article.byline == "Gazette Staff"
    assert article.published == "2025-03-04"
    assert article.outlet == "Harbourton Gazette"
    assert article.text.startswith("Harbourton’s town council has postponed")
    assert article.text.endswith("at its April meeting.")
    assert "Dredging" not in article.text  # the "Read also:" headline went with its marker
    assert "Share Tweet Email" not in article.text


def test_wire_style_scrape() -> None:
    article = extract_text(_scrape("scrape-wire-style.txt"))
    assert article.title == "Port Strike Enters Second Week as Talks Stall"
    assert article.byline == "Anna Lindqvist and Tomas Berg, Northern Wire"
    assert article.published == "2025-02-12T09:15:00"
    assert article.outlet == "Northern Wire"
    assert article.text.startswith("Dock workers at three")
    assert article.text.endswith("a spokesperson for the bank told reporters.")
    for chrome in ("ADVERTISEMENT", "READ MORE", "Rail freight", "Photo:", "Share this", "Related",
                   "Ferry operators", "©", "min read", "Skip to content"):
        assert chrome not in article.text
    assert len(article.paragraphs) == 4


def test_blog_style_scrape_drops_comment_form() -> None:
    article = extract_text(_scrape("scrape-blog-style.txt"))
    assert article.title == "Mayor Says City Will Appeal Zoning Ruling"
    assert article.byline == "Chris Adeyemi"
    assert article.published == "2025-03-03"
    assert article.text.endswith("he told the Ledger.")
    for chrome in ("Tags:", "Leave a Reply", "Email", "Share on", "MENU"):
        assert chrome not in article.text


def test_hard_wrapped_archive_is_unwrapped_and_lists_kept() -> None:
    article = extract_text(_scrape("scrape-wrapped-archive.txt"))
    assert article.title == "SENATE PANEL SEEKS RECORDS ON GRANT PROGRAM"
    assert article.byline == "Lee Marsh"
    assert article.outlet is None  # "Staff Reporter" names no outlet
    paragraphs = article.paragraph_texts()
    assert paragraphs[0].startswith("A Senate committee asked the Commerce Department on Tuesday to turn")
    assert "Tuesday to turn over internal records" in paragraphs[0]
    assert "\n" not in paragraphs[0]
    kinds = [p.kind for p in article.paragraphs]
    assert kinds == ["paragraph", "paragraph", "list", "list", "paragraph"]
    assert paragraphs[2] == "The program funded 140 projects in its first year."


def test_title_first_line_then_body() -> None:
    text = ("Senators Trade Barbs Over Budget Deadline\n\n"
            "Senators from both parties traded accusations on Thursday as a budget deadline neared, "
            "with each side blaming the other for the impasse.\n\n"
            "\"We are not going to be rushed,\" one senior senator said.\n")
    result = clean_plaintext(text)
    assert result.title == "Senators Trade Barbs Over Budget Deadline"
    assert result.builder.text.startswith("Senators from both parties")
    assert result.builder.text.endswith("one senior senator said.")


def test_read_also_inline_is_removed_but_body_after_it_stays() -> None:
    body = "The minister said the plan would be published next week, officials confirmed on Monday."
    text = f"{body}\n\nRead also: Ministers clash over spending plans\n\n{body} Again."
    result = clean_plaintext(text)
    assert result.builder.text == f"{body}\n\n{body} Again."


def test_terminal_marker_before_any_body_is_not_a_cut() -> None:
    # A "Comments" label above the article must not throw the article away.
    body = ("Rescue teams reached the village on Sunday after a landslide cut the only road, "
            "the regional governor said in a televised address.")
    result = clean_plaintext(f"Comments\n\n{body}\n")
    assert result.builder.text == body


def test_paragraph_offsets_are_exact() -> None:
    article = extract_text(_scrape("scrape-wire-style.txt"))
    for p in article.paragraphs:
        chunk = article.text[p.start : p.end]
        assert chunk == chunk.strip() and chunk
    joined = "\n\n".join(article.paragraph_texts())
    assert joined == article.text


def test_sentences_that_begin_like_markers_do_not_cut_the_article() -> None:
    # "Copyright …", "Sign up …" and "More from …" open ordinary sentences too; only the real
    # copyright notice (with ©) ends the article, and the newsletter pitch goes where it stands.
    article = extract_text(_scrape("scrape-mid-article-markers.txt"))
    assert article.title == "Reservoir Board Weighs Lawsuit Over Water Rights Formula"
    assert article.byline == "Daniel Okoye, Courier Staff"
    assert article.published == "2024-08-12T07:05:00"
    assert article.text.startswith("The Riverside reservoir board met behind closed doors")
    assert article.text.endswith("a spokeswoman for the water department said on Monday evening.")
    paragraphs = article.paragraph_texts()
    assert "Copyright infringement is not the only legal worry for the board, lawyers said." in paragraphs
    assert "More from the governor's office is expected later." in paragraphs
    for chrome in ("Sign up", "newsletter", "ADVERTISEMENT", "More from The Courier", "cooling centres", "©"):
        assert chrome not in article.text
    assert len(paragraphs) == 7


def test_trailing_list_and_credit_line_are_kept() -> None:
    article = extract_text(_scrape("scrape-trailing-list-and-credit.txt"))
    assert article.title == "Oil Prices Climb After Pipeline Outage in North Sea"
    assert article.byline == "Maren Holt"
    assert article.published == "2024-11-04T15:12:00+00:00"
    assert article.text.startswith("Oil prices rose more than 2% on Monday")
    assert article.text.endswith("Reporting by Maren Holt in London; Editing by Paul Winter")
    tail = article.paragraphs[-5:]
    assert [p.kind for p in tail] == ["paragraph", "list", "list", "list", "paragraph"]
    assert article.text[tail[0].start : tail[0].end] == "What traders are watching this week:"
    assert article.text[tail[3].start : tail[3].end] == "Output decisions by OPEC+ producers"


def test_trailing_headings_with_nothing_after_them_still_go() -> None:
    body = ("The council approved the budget on Tuesday after a four-hour debate, with two members "
            "voting against it.")
    quote = "\"We kept our promise,\" the mayor said."
    result = clean_plaintext(f"{body}\n\nKey dates:\n\n- March 3: first reading\n\n"
                             f"> {quote}\n\nRelated Topics\nBudget\nCouncil\n")
    paragraphs = [result.builder.text[p.start : p.end] for p in result.builder.paragraphs]
    assert paragraphs == [body, "Key dates:", "March 3: first reading", quote]
    assert [p.kind for p in result.builder.paragraphs] == ["paragraph", "paragraph", "list", "quote"]


def test_header_lines_typed_without_blank_lines_are_not_glued() -> None:
    # Title, byline and two dates one under the other, all of a width a hard-wrapped paragraph
    # could have; the "Published" date wins over the "Last updated" one above it.
    article = extract_text(_scrape("scrape-glued-header.txt"))
    assert article.title == "House Approves Emergency Funding for Wildfire Recovery Efforts"
    assert article.byline == "Rachel Moreno, Samuel Ortiz and Dana Whitfield"
    assert article.published == "2023-11-21T21:42:00-05:00"
    assert article.text.startswith("WASHINGTON — The House voted 311-117 on Tuesday night")
    assert article.text.endswith("\"Families who lost everything should not have to wait another month,\" "
                                 "one senator said.")
    assert "Related Topics" not in article.text and "Wildfires" not in article.text


def test_wrapped_prose_that_begins_like_a_byline_is_still_joined() -> None:
    text = ("The committee said the letters would be published once every recipient had been told,\n"
            "by the end of the month at the latest, and that no names would be withheld from\n"
            "the final list, which runs to more than three hundred pages in all.\n")
    result = clean_plaintext(text)
    assert result.builder.text == " ".join(text.split())


@pytest.mark.parametrize(("header", "published"), [
    ("By Jane Doe | Updated Nov 4, 2024 | Published Nov 3, 2024", "2024-11-03"),
    ("By Jane Doe Published November 3, 2024, 10:00", "2024-11-03T10:00:00"),
    ("By Jane Doe\nUpdated: 4 November 2024 08:00\nFirst published: 3 November 2024 17:30",
     "2024-11-03T17:30:00"),
], ids=["byline-rest", "byline-run-on", "date-lines"])
def test_published_date_wins_over_updated(header: str, published: str) -> None:
    result = clean_plaintext(f"Ferry Fares Rise Again\n{header}\n\n{_BUS_BODY}\n")
    assert result.title == "Ferry Fares Rise Again"
    assert result.byline == "Jane Doe"
    assert result.published == published


def test_spanish_scrape() -> None:
    article = extract_text(_scrape("scrape-spanish.txt"))
    assert article.title == "Por qué sube el precio del aceite de oliva en Europa"
    assert article.byline == "Lucía Fernández Ortega"
    assert article.published == "2025-03-03T08:15:00+01:00"
    assert article.outlet == "Diario del Sur"
    assert article.text.startswith("El precio del aceite de oliva virgen extra")
    assert article.text.endswith("hasta que llegue la próxima cosecha, en otoño.")
    for chrome in ("Lee también", "agricultores", "Noticias relacionadas", "sequía", "derechos"):
        assert chrome not in article.text
    assert len(article.paragraphs) == 3


_BUS_BODY = ("The city council voted on Monday night to fund an overnight bus service on four routes "
             "from next spring, officials said.")
_SECOND = "Transit officials said the first buses would run in April, once drivers had been hired."


@pytest.mark.parametrize(("header", "read_also", "title", "byline", "published"), [
    ("Par quoi remplacer le gaz russe cet hiver\nPar Claire Martin et Julien Lefèvre\n"
     "Publié le 18 novembre 2024 à 10h32", "À lire aussi : Les prix de l'électricité repartent",
     "Par quoi remplacer le gaz russe cet hiver", "Claire Martin et Julien Lefèvre", "2024-11-18T10:32:00"),
    ("Von wegen Sparkurs: Berlin erhöht die Ausgaben\nVon Anna Schmidt und Peter Müller\n"
     "18. November 2024, 10:32 Uhr", "Lesen Sie auch: Länder fordern mehr Geld für Schulen",
     "Von wegen Sparkurs: Berlin erhöht die Ausgaben", "Anna Schmidt und Peter Müller",
     "2024-11-18T10:32:00"),
    ("Di cosa parliamo quando parliamo di inflazione\nDi Marco Rossi\n18 novembre 2024 alle 10:32",
     "Leggi anche: La Bce valuta un nuovo taglio dei tassi",
     "Di cosa parliamo quando parliamo di inflazione", "Marco Rossi", "2024-11-18T10:32:00"),
    ("Por que o preço do café disparou neste ano\nPor Ana Souza\n18 de novembro de 2024 às 10h32",
     "Leia também: Produtores temem nova quebra de safra",
     "Por que o preço do café disparou neste ano", "Ana Souza", "2024-11-18T10:32:00"),
    ("De Nederlandsche Bank verhoogt de rente opnieuw\nDoor Jan de Vries\n18 november 2024 om 10:32",
     "Lees ook: Huizenprijzen stijgen opnieuw",
     "De Nederlandsche Bank verhoogt de rente opnieuw", "Jan de Vries", "2024-11-18T10:32:00"),
    ("Por Qué Rusia Intensifica Sus Ataques\nPor Ana García\n18/11/2024",
     "Читайте также: Германия продлевает работу угольных станций",
     "Por Qué Rusia Intensifica Sus Ataques", "Ana García", "2024-11-18"),
], ids=["fr", "de", "it", "pt", "nl", "es-title-case"])
def test_non_english_headers(header: str, read_also: str, title: str, byline: str, published: str) -> None:
    # Other languages' "by" starts headlines too ("Por qué …", "Von wegen …", "De Nederlandsche …").
    result = clean_plaintext(f"Accueil › Economie\n\n{header}\n\n{_BUS_BODY}\n\n{read_also}\n\n{_SECOND}\n")
    assert (result.title, result.byline, result.published) == (title, byline, published)
    assert result.builder.text == f"{_BUS_BODY}\n\n{_SECOND}"


@pytest.mark.parametrize(("date_line", "published"), [
    ("11/18/2024 10:32 AM", "2024-11-18T10:32:00"),
    ("18.11.2024 10:32", "2024-11-18T10:32:00"),
    ("10:32 AM ET 11/18/2024", "2024-11-18T10:32:00"),
    ("Monday, November 18, 2024", "2024-11-18"),
])
def test_a_date_line_is_never_the_title(date_line: str, published: str) -> None:
    title = "City Council Backs Plan for Overnight Bus Service"
    result = clean_plaintext(f"{title}\n{date_line}\n\n{_BUS_BODY}\n")
    assert result.title == title
    assert result.published == published
    assert result.builder.text == _BUS_BODY


def test_chinese_scrape() -> None:
    article = extract_text(_scrape("scrape-chinese.txt"))
    assert article.title == "国家电网今冬用电高峰保供方案出台"
    assert article.byline is None
    assert article.published == "2024-12-02T09:30:00"
    paragraphs = article.paragraph_texts()
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("入冬以来，多地用电负荷持续攀升")
    assert paragraphs[-1].endswith("电网调峰能力将成为保障供电安全的关键。")
    for chrome in ("首页", "来源", "记者", "责任编辑"):
        assert chrome not in article.text


_line = st.text(alphabet=string.ascii_letters + string.digits + " .,:;!?'\"“”’-—|>©\t", max_size=120)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_line, st.just(""), st.sampled_from(
    ["Read also:", "You may also like", "© 2024 Daily Example", "by Staff Writer", "Home NEWS",
     "Advertisement", "November 3, 2024", "Leave a Comment"])), max_size=40))
def test_cleaner_never_crashes_and_keeps_offsets(lines: list[str]) -> None:
    text = "\n".join(lines)
    result = clean_plaintext(text)
    out = result.builder.text
    for p in result.builder.paragraphs:
        piece = out[p.start : p.end]
        assert piece and piece == piece.strip()
    # Nothing is invented: every word of the output occurs in the input.
    source_words = set(text.split())
    for word in out.split():
        assert word in source_words or any(word in w for w in source_words)


_P1 = ("The agriculture ministry has begun a review of grain export licences, officials said on "
       "Tuesday, after complaints from farmers that the approval process had slowed to a crawl "
       "during the harvest season and cost them sales.")
_P2 = ("A spokesperson for the ministry said the review would be completed within six weeks. "
       "Opposition politicians called it too little, too late, and demanded that the minister "
       "appear before parliament to explain the delays.")


def _indented(paragraph: str, width: int) -> str:
    lines = textwrap.wrap(paragraph, width)
    return "\n".join(["    " + lines[0], *lines[1:]])


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(f"{textwrap.fill(_P1, 72)}\n{textwrap.fill(_P2, 72)}", id="no-blank-line"),
        pytest.param(f"{textwrap.fill(_P1, 35)}\n\n{textwrap.fill(_P2, 35)}", id="narrow"),
        pytest.param(f"{_indented(_P1, 72)}\n{_indented(_P2, 72)}", id="indented"),
    ],
)
def test_wrapped_paragraphs_in_any_common_shape_are_rejoined(body: str) -> None:
    article = extract_text(f"Ministry reviews grain licences\n\n{body}\n")
    assert article.title == "Ministry reviews grain licences"
    assert article.paragraph_texts() == [_P1, _P2]
