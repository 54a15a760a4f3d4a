"""Where and when a report places a statement, read from the sentence outside the claim."""

from __future__ import annotations

from datetime import date

import pytest

from sourcetrace.trace._occasion import Occasion, conflicts, occasion


def _read(sentence: str, published: str | None = "2025-06-04", content: str = "") -> Occasion:
    """The occasion of ``sentence``, its quoted ``content`` left out (a Wednesday by default)."""
    start = sentence.index(content) if content else 0
    return occasion(sentence, [(start, start + len(content))] if content else [], published)


def test_media_events_and_places() -> None:
    found = _read("Holt said in an interview with CNN on Sunday.")
    assert (found.medium, found.event, found.dates) == ("cnn", "interview", (date(2025, 6, 1),) * 2)
    assert found.words("medium") == "in an interview with CNN"
    assert _read("Holt told Fox News.").medium == "fox news"
    assert _read("Trump said on ABC's This Week.").medium == "abc news"
    rally = _read("Trump said at a rally in Iowa on Tuesday.")
    assert (rally.event, rally.place) == ("rally", "Iowa")
    assert _read("Khan said in a statement.").event == "statement"
    assert _read("Axelrod tweeted.").event == "post"


def test_the_claim_itself_is_not_the_occasion() -> None:
    sentence = '"We held a rally in Ohio and told CNN everything," Holt said on Monday.'
    found = _read(sentence, content='"We held a rally in Ohio and told CNN everything,"')
    assert (found.medium, found.event, found.place) == (None, None, None)
    assert found.dates == (date(2025, 6, 2),) * 2


@pytest.mark.parametrize(("words", "first", "last"), [
    ("yesterday", date(2025, 6, 3), date(2025, 6, 3)),
    ("last week", date(2025, 5, 26), date(2025, 6, 1)),
    ("this week", date(2025, 6, 2), date(2025, 6, 4)),
    ("last month", date(2025, 5, 1), date(2025, 5, 31)),
    ("on March 3", date(2025, 3, 3), date(2025, 3, 3)),
    ("on December 24", date(2024, 12, 24), date(2024, 12, 24)),
    ("last Friday", date(2025, 5, 23), date(2025, 5, 30)),
])
def test_dates_are_read_against_the_publication_date(words: str, first: date, last: date) -> None:
    assert _read(f"Holt said {words}.").dates == (first, last)


def test_no_date_without_a_publication_date() -> None:
    assert _read("Holt said on Sunday.", published=None).dates is None


def test_conflicts_only_where_both_say() -> None:
    cnn, fox = _read("Holt told CNN on Sunday."), _read("Holt told Fox News.")
    assert conflicts(cnn, fox) == ["medium"]
    assert conflicts(cnn, _read("Holt said.")) == []
    assert conflicts(_read("Holt said at a rally."), _read("Holt said in a speech.")) == []  # compatible
    assert conflicts(_read("Holt said at a rally."), _read("Holt said in an interview.")) == ["event"]
    assert conflicts(_read("Holt said in Iowa."), _read("Holt said in Ohio.")) == ["place"]
    assert conflicts(_read("Holt said on Sunday."), _read("Holt said on Monday.")) == []  # a day apart
    assert conflicts(_read("Holt said on Sunday."), _read("Holt said on Thursday.")) == ["date"]
    assert conflicts(_read("Trump said last month."), _read("Trump said on May 12.")) == []
