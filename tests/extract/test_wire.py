"""Wire copy: the news agency behind an article, from its dateline, byline or credit line, or as
metadata says; and user-supplied outlet and agency names canonicalised through the outlet table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sourcetrace.extract import (
    default_outlets,
    detect_wire,
    extract_article,
    extract_articles,
    extract_text,
    load_manifest,
    load_outlets,
)
from sourcetrace.model import Article, DocumentMetadata, RawDocument

P1 = ("lawmakers met on Tuesday to debate the spending bill, which faces a deadline at the end of the "
      "week, officials said.")
P2 = ("The speaker told reporters that a deal was close but that several issues remained unresolved "
      "after hours of talks.")
P3 = ("A vote is expected on Friday, according to two aides familiar with the schedule who spoke on "
      "condition of anonymity.")
TITLE = "Senate Nears Deal on Spending Bill"


def _wire(*paragraphs: str, byline: str | None = None) -> str | None:
    return detect_wire(list(paragraphs), byline=byline, outlets=default_outlets())


def _story(*parts: str) -> str:
    return "\n\n".join([TITLE, *parts]) + "\n"


@pytest.mark.parametrize(("dateline", "agency"), [
    ("WASHINGTON (AP) —", "Associated Press"),
    ("NEW YORK, Nov. 19 (UPI) —", "United Press International"),
    ("LONDON (Reuters) -", "Reuters"),
    ("PARIS (AFP) -", "Agence France-Presse"),
    ("BERLIN (dpa) –", "Deutsche Presse-Agentur"),
    ("(AP) —", "Associated Press"),
])
def test_datelines(dateline: str, agency: str) -> None:
    assert _wire(f"{dateline} {P1}", P2, P3) == agency


@pytest.mark.parametrize("dateline", ["WASHINGTON (CNN) —", "ATLANTA (WSB) —", "WASHINGTON —", "(D-Mass.) —"])
def test_bracketed_names_that_are_not_agencies(dateline: str) -> None:
    assert _wire(f"{dateline} {P1}", P2, P3) is None


def test_a_dateline_counts_only_near_the_top() -> None:
    assert _wire(P2, P3, P2, P3, f"WASHINGTON (AP) — {P1}") is None


@pytest.mark.parametrize(("byline", "agency"), [
    ("By The Associated Press", "Associated Press"),
    ("Reuters Staff", "Reuters"),
    ("By Jill Colvin, Associated Press", "Associated Press"),
    ("By JILL COLVIN and ZEKE MILLER, The Associated Press", "Associated Press"),
    ("By Reuters", "Reuters"),
    ("AFP", "Agence France-Presse"),
    ("By Jane Doe", None),
    ("By Tom Reuters", None),
    ("Staff writer", None),
    ("By Jane Doe, CNN", None),
])
def test_bylines(byline: str, agency: str | None) -> None:
    assert _wire(P1, P2, P3, byline=byline) == agency


@pytest.mark.parametrize(("credit", "agency"), [
    ("(Reporting by Jane Doe in London; Editing by John Smith)", "Reuters"),
    ("Reporting by Jane Doe; additional reporting by Ali Khan; editing by John Smith.", "Reuters"),
    ("— AFP", "Agence France-Presse"),
    ("- Reuters", "Reuters"),
    ("(AFP)", "Agence France-Presse"),
    ("Copyright 2016 The Associated Press. All rights reserved.", "Associated Press"),
    ("© 2016 Thomson Reuters", "Reuters"),
    ("Copyright 2016 United Press International, Inc.", "United Press International"),
    ("Reporting by Jane Doe.", None),
    ("— CNN", None),
    ("Copyright 2016 The New York Times Company", None),
])
def test_credit_lines(credit: str, agency: str | None) -> None:
    assert _wire(P1, P2, P3, credit) == agency


def test_a_credit_line_counts_only_near_the_end() -> None:
    assert _wire(P1, "— AFP", P2, P3, P2, P3) is None


def test_a_normal_article_is_not_wire_copy() -> None:
    article = extract_text(_story(
        "By Jane Doe",
        f"WASHINGTON — Senate {P1}",
        f"{P2} The Associated Press reported the same figures on Monday, citing Reuters.",
        f"{P3} (Jane Doe contributed reporting from New York.)",
    ))
    assert article.byline == "Jane Doe"
    assert article.wire is None


def test_an_agency_named_in_the_opening_sentence_is_not_a_dateline() -> None:
    opening = ("Reporters from the Associated Press (AP) — the news agency — were barred from the Oval "
               "Office on Tuesday, the White House said.")
    assert _wire(opening, P2, P3) is None


@pytest.mark.parametrize(("text", "agency"), [
    (_story(f"WASHINGTON (AP) — {P1}", P2, P3), "Associated Press"),
    (_story("By The Associated Press", P1, P2, P3), "Associated Press"),
    (_story("By Jill Colvin, Associated Press", P1, P2, P3), "Associated Press"),
    (_story(P1, P2, P3, "(Reporting by Jane Doe; Editing by John Smith)"), "Reuters"),
    (_story(P1, P2, P3, "— AFP"), "Agence France-Presse"),
    (_story(f"WASHINGTON (CNN) — {P1}", P2, P3), None),
], ids=["dateline", "byline", "byline-after-name", "reuters-credit", "afp-credit", "cnn"])
def test_extraction_sets_wire(text: str, agency: str | None) -> None:
    assert extract_text(text).wire == agency


def test_an_agencys_own_story_is_its_wire_copy() -> None:
    article = extract_text(_story(P1, P2, P3), url="https://apnews.com/article/senate-deal")
    assert (article.outlet, article.wire) == ("Associated Press", "Associated Press")


# Metadata


def _raw(text: str) -> RawDocument:
    return RawDocument(input="story.txt", kind="file", data=text.encode("utf-8"))


@pytest.mark.parametrize(("given", "canonical"), [
    ("AP", "Associated Press"),
    ("The Associated Press", "Associated Press"),
    ("reuters", "Reuters"),
    ("UPI", "United Press International"),
    ("afp", "Agence France-Presse"),
    ("  Harbourton   Wire ", "Harbourton Wire"),  # unknown: kept as written, tidied
])
def test_the_metadata_wire_wins_and_is_canonicalised(given: str, canonical: str) -> None:
    text = _story(f"LONDON (Reuters) - {P1}", P2, P3)
    article = extract_article(_raw(text), metadata=DocumentMetadata(wire=given))
    assert article.wire == canonical


@pytest.mark.parametrize(("given", "canonical"), [
    ("nyt", "The New York Times"),
    ("wash-post", "The Washington Post"),
    ("huff-post", "HuffPost"),
    ("west-journal", "The Western Journal"),
    ("usa-today", "USA Today"),
    ("breitbart", "Breitbart News"),
    ("politico", "Politico"),
    ("NYT > Politics", "The New York Times"),
    ("  Harbourton   Gazette ", "Harbourton Gazette"),
])
def test_the_metadata_outlet_is_canonicalised(given: str, canonical: str) -> None:
    text = _story("By Jane Doe, The Guardian", P1, P2, P3)
    article = extract_article(_raw(text), metadata=DocumentMetadata(outlet=given))
    assert article.outlet == canonical


def test_a_manifest_sets_outlet_and_wire(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(_story(P1, P2, P3))
    (docs / "b.txt").write_text(_story(f"LONDON (Reuters) - {P1}", P2, P3))
    manifest = tmp_path / "meta.tsv"
    manifest.write_text("filename\tpublisher\twire\na\tbreitbart\tAP\nb\twest-journal\tNone\n")
    articles = {Path(a.source.input).name: a
                for a in extract_articles([str(docs)], manifest=load_manifest(manifest))
                if isinstance(a, Article)}
    assert (articles["a.txt"].outlet, articles["a.txt"].wire) == ("Breitbart News", "Associated Press")
    # "None" states nothing: the dateline stands.
    assert (articles["b.txt"].outlet, articles["b.txt"].wire) == ("The Western Journal", "Reuters")


def test_a_users_outlet_file_extends_the_table(tmp_path: Path) -> None:
    mine = tmp_path / "outlets.json"
    mine.write_text(json.dumps({"outlets": [
        {"name": "Harbourton Gazette", "aliases": ["hgz"], "domains": ["harbourton-gazette.example"]},
        {"name": "Northern Wire Service", "aliases": ["NWS"], "kind": "agency"},
    ]}))
    outlets = load_outlets(mine)
    meta = DocumentMetadata(outlet="hgz", wire="nws")
    article = extract_article(_raw(_story(P1, P2, P3)), outlets=outlets, metadata=meta)
    assert (article.outlet, article.wire) == ("Harbourton Gazette", "Northern Wire Service")
    # The shipped table does not know the short names.
    plain = extract_article(_raw(_story(P1, P2, P3)), metadata=meta)
    assert (plain.outlet, plain.wire) == ("hgz", "nws")
    # A user's agency is recognised in datelines too; the shipped names still are.
    dateline = [f"OSLO (NWS) — {P1}", P2]
    assert detect_wire(dateline, byline=None, outlets=outlets) == "Northern Wire Service"
    assert detect_wire(dateline, byline=None, outlets=default_outlets()) is None
    assert outlets.canonical("nyt") == "The New York Times"
