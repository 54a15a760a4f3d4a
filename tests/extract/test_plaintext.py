from __future__ import annotations

import string
from pathlib import Path

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
