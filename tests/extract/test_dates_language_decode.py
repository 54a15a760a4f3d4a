from __future__ import annotations

import pytest

from sourcetrace.extract import find_date, guess_language
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
])
def test_find_date(text: str, expected: str | None) -> None:
    assert find_date(text) == expected


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
