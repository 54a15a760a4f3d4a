from __future__ import annotations

import pytest

from sourcetrace.extract import find_date, guess_language
from sourcetrace.extract._dates import find_dates
from sourcetrace.extract._decode import decode


@pytest.mark.parametrize(("text", "expected"), [
    ("November 18, 2024", "2024-11-18"),
    ("Published: 18 Nov 2024 10:32", "2024-11-18T10:32:00"),
    ("Updated Nov. 3rd, 2024 at 4:05 pm", "2024-11-03T16:05:00"),
    ("2024-11-18T10:32:00Z", "2024-11-18T10:32:00+00:00"),
    ("2024-11-18T10:32:00+0100", "2024-11-18T10:32:00+01:00"),
    ("17 of March 2023", "2023-03-17"),
    ("February 30, 2024", None),
    ("no date here", None),
    ("the year 1066", None),
    # Numbers only: day-first or month-first when one number cannot be a month, else by separator.
    ("18.11.2024", "2024-11-18"),
    ("11/18/2024 10:32 AM", "2024-11-18T10:32:00"),
    ("18/11/2024", "2024-11-18"),
    ("3/4/2024", "2024-03-04"),
    ("3.4.2024", "2024-04-03"),
    ("03-04-2024", "2024-04-03"),
    ("2024/11/18", "2024-11-18"),
    ("13/13/2024", None),
    # The time before the date.
    ("9:42 PM EST November 15, 2023", "2023-11-15T21:42:00-05:00"),
    ("Updated 9:42 PM EST, November 15, 2023", "2023-11-15T21:42:00-05:00"),
    # Other languages' month names and connecting words.
    ("18 de noviembre de 2024 - 10:32 CET", "2024-11-18T10:32:00+01:00"),
    ("3 de março de 2025 às 08h15", "2025-03-03T08:15:00"),
    ("1er décembre 2024 à 10h32", "2024-12-01T10:32:00"),
    ("am 3. März 2025, 14:05 Uhr", "2025-03-03T14:05:00"),
    ("18 novembre 2024 alle 10:32", "2024-11-18T10:32:00"),
    ("18 ноября 2024 г.", "2024-11-18"),
    ("2024年11月18日 10:32", "2024-11-18T10:32:00"),
    # A decimal after a year is not a time.
    ("In 2023, 12.50 percent", None),
])
def test_find_date(text: str, expected: str | None) -> None:
    assert find_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("18 Nov 2024 10:32 +02:00", "2024-11-18T10:32:00+02:00"),
    ("18.11.2024 10:32 (UTC+2)", "2024-11-18T10:32:00+02:00"),
    ("Nov 3, 2024 at 4:05 pm GMT", "2024-11-03T16:05:00+00:00"),
    ("March 3, 2025 10:15 AM XYZT", "2025-03-03T10:15:00"),  # unknown zone: local time kept
])
def test_time_zones_become_offsets(text: str, expected: str) -> None:
    assert find_date(text) == expected


def test_find_dates_reads_in_order_and_keeps_the_longest_reading() -> None:
    text = "Published 18 Nov 2024, 10:32 | Updated 9:05 AM GMT, 19 November 2024"
    found = find_dates(text)
    assert [d.iso for d in found] == ["2024-11-18T10:32:00", "2024-11-19T09:05:00+00:00"]
    assert text[found[1].start : found[1].end] == "9:05 AM GMT, 19 November 2024"


def test_guess_language() -> None:
    en = "The minister said that the plan was on track and that it would be published. " * 3
    de = "Der Minister sagte, dass der Plan auf Kurs sei und dass er veröffentlicht werde. " * 3
    assert guess_language(en) == "en"
    assert guess_language(de) == "de"
    assert guess_language("Ok.") is None


def test_decode_trusts_declarations_only_when_bytes_agree() -> None:
    latin = "<meta charset='utf-8'><p>Café in Zürich</p>".encode("latin-1")
    assert "Café in Zürich" in decode(latin)
    cp1252 = "“Quoted” – text".encode("cp1252")
    assert decode(cp1252, content_type="text/html; charset=iso-8859-1") == "“Quoted” – text"
    assert decode("ÄÖÜ".encode("utf-16")) == "ÄÖÜ"
    assert decode(b"plain ascii") == "plain ascii"
