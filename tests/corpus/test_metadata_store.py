"""Article metadata in the corpus, on SQLite and PostgreSQL: wire and extra columns, the key of
an article without a URL, and the migration that brings a revision-0001 database up to date."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from sqlalchemy import column, create_engine, insert, inspect, select, table

from sourcetrace.corpus import SCHEMA_REVISION, Corpus, article_key
from sourcetrace.corpus._schema import articles
from sourcetrace.corpus._store import database_url
from sourcetrace.model import Analysis

from .conftest import STORIES, make_article


def _row(corpus: Corpus, article_id: int) -> Any:
    with corpus.engine.connect() as conn:
        return conn.execute(select(articles).where(articles.c.id == article_id)).one()


def test_wire_and_extra_are_stored_and_read_back(
    open_corpus: Callable[[], Corpus], analyzer: Any
) -> None:
    corpus = open_corpus()
    extra = {"section": "Business", "n": "3"}
    article = replace(make_article("strike"), wire="Associated Press", extra=extra)
    article_id = corpus.add(analyzer.analyze(article))
    row = _row(corpus, article_id)
    assert row.wire == "Associated Press"
    assert json.loads(row.extra) == extra
    stored = corpus.get(article_id)
    assert stored is not None
    assert (stored.article.wire, stored.article.extra) == ("Associated Press", extra)
    assert corpus.stats()["articles_by_wire"] == {"Associated Press": 1}


def test_one_text_from_three_outlets_without_urls_is_three_articles(
    open_corpus: Callable[[], Corpus], analyzer: Any
) -> None:
    corpus = open_corpus()
    text = STORIES["strike"][1]
    copies = []
    for outlet in ("Herald", "Courier", "Gazette"):
        article = make_article("strike", text=text, url=None, outlet=outlet)
        copies.append(replace(article, source=replace(article.source, input=f"{outlet}/strike.txt")))
    keys = {article_key(a) for a in analyzer.analyze_many(copies)}
    assert len(keys) == 3
    for analysis in analyzer.analyze_many(copies):
        corpus.add(analysis)
    stats = corpus.stats()
    assert stats["articles"] == 3
    assert stats["articles_by_outlet"] == {"Courier": 1, "Gazette": 1, "Herald": 1}
    # The same outlet's copy again replaces its article.
    corpus.add(analyzer.analyze(copies[0]))
    assert corpus.stats()["articles"] == 3


def test_a_url_given_later_rekeys_the_article_read_from_the_same_input(
    open_corpus: Callable[[], Corpus], analyzer: Any
) -> None:
    corpus = open_corpus()
    bare = make_article("ferry", url=None, outlet=None)
    first = corpus.add(analyzer.analyze(bare))
    with_url = replace(bare, url="https://example.org/ferry", outlet="The New York Times")
    second = corpus.add(analyzer.analyze(with_url))
    assert first == second and corpus.stats()["articles"] == 1
    assert _row(corpus, first).key == "url:https://example.org/ferry"


def _database_at_0001(db: str) -> None:
    """A database migrated only to revision 0001, as the first corpus release left it."""
    from alembic import command
    from alembic.config import Config

    engine = create_engine(database_url(db))
    with engine.begin() as conn:
        config = Config()
        config.set_main_option("script_location", str(resources.files("sourcetrace.corpus") / "migrations"))
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
    engine.dispose()


def test_a_revision_0001_database_is_migrated_and_keeps_its_articles(
    db: str, analyses: dict[str, Analysis]
) -> None:
    _database_at_0001(db)
    analysis = analyses["buses"]
    text = analysis.article.text
    old_key = "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
    now = datetime.now(UTC)
    engine = create_engine(database_url(db))
    with engine.begin() as conn:
        old_columns = {c["name"] for c in inspect(conn).get_columns("articles")}
        assert "wire" not in old_columns
        values = {
            "key": old_key, "url": None, "outlet": "Gazette", "input": "buses.txt", "sha256": "0" * 64,
            "text": text, "analysis": json.dumps(analysis.to_dict()), "claims": 1, "unattributed": 0,
            "ingested_at": now, "updated_at": now,
        }
        old_articles = table("articles", *(column(name) for name in values))
        conn.execute(insert(old_articles), [values])
    engine.dispose()
    with Corpus(db) as corpus:
        assert corpus.revision == SCHEMA_REVISION
        with corpus.engine.connect() as conn:
            row = conn.execute(select(articles.c.key, articles.c.wire, articles.c.extra)).one()
        new_key = "sha256:" + hashlib.sha256(f"Gazette\n\n{text}".encode()).hexdigest()
        assert (row.key, row.wire, row.extra) == (new_key, None, None)
        stored = corpus.get(1)
        assert stored is not None and (stored.article.wire, stored.article.extra) == (None, {})
