from __future__ import annotations

import json
from pathlib import Path

from sourcetrace.extract import domain_of, load_outlets


def test_names_short_names_and_domains() -> None:
    table = load_outlets()
    assert table.canonical("NYT") == "The New York Times"
    assert table.canonical("new york times") == "The New York Times"
    assert table.canonical(url="https://www.nytimes.com/2024/x.html") == "The New York Times"
    assert table.canonical(url="https://edition.cnn.com/world") == "CNN"
    assert table.canonical("wash-post") == "The Washington Post"
    assert table.canonical("huff-post") == "HuffPost"
    assert table.canonical("EUToday") == "EU Today"


def test_unknown_names_are_kept_tidied_and_taglines_refused() -> None:
    table = load_outlets()
    assert table.canonical("  The  Harbourton   Gazette ") == "The Harbourton Gazette"
    assert table.canonical("The best news from the whole wide world, every day") is None
    assert table.canonical(url="https://unknown.example/a") is None
    # Among unknown names the most repeated wins; a known one beats them all.
    assert table.canonical("Gazette", "Harbourton Gazette", "harbourton gazette") == "Harbourton Gazette"
    assert table.canonical("Gazette", "NYT") == "The New York Times"


def test_taglines_and_sections_after_a_separator_are_dropped() -> None:
    table = load_outlets()
    assert table.canonical("LinkNaija | Nigeria's popular news platform") == "LinkNaija"
    assert table.canonical("NYT > World News") == "The New York Times"
    assert table.canonical("World News – The Guardian") == "The Guardian"
    assert table.canonical("Radio Free Europe/Radio Liberty") == "Radio Free Europe/Radio Liberty"


def test_user_file_extends_and_overrides(tmp_path: Path) -> None:
    extra = tmp_path / "mine.json"
    extra.write_text(json.dumps({"outlets": [
        {"name": "Harbourton Gazette", "aliases": ["HG"], "domains": ["harbourton-gazette.example"]},
    ]}))
    table = load_outlets(extra)
    assert table.canonical("HG") == "Harbourton Gazette"
    assert table.canonical(url="https://www.harbourton-gazette.example/x") == "Harbourton Gazette"
    assert table.canonical("NYT") == "The New York Times"


def test_domain_of() -> None:
    assert domain_of("https://WWW.Example.org:8080/a?b") == "example.org"
    assert domain_of(None) is None
    assert domain_of("not a url") is None
