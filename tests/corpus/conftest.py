"""Fixtures for the corpus tests: a fresh SQLite file or a fresh PostgreSQL database per test,
and a few small articles analysed once per session.

The PostgreSQL database is created beside ``test`` on 127.0.0.1:5432 (trust auth, user
``postgres``) under a random ``st_test_…`` name and dropped afterwards, so nothing is left
behind; when no server answers, the PostgreSQL cases are skipped with the reason.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from sourcetrace.model import Analysis, Article, Link

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/test"
PG_BASE = "postgresql://postgres@127.0.0.1:5432/"

STORIES: dict[str, tuple[str, str]] = {
    "ferry": ("Gazette", "Council Delays Ferry Vote\n\n"
              "The council delayed the vote on Tuesday, according to Mayor Jane Holt.\n\n"
              "\"We need more time to read the audit,\" Holt said.\n\n"
              "Officials who asked not to be named said the contract could cost twice as much."),
    "strike": ("Herald", "Port Strike Continues\n\n"
               "Dock workers stayed off the job for a second week, the union said.\n\n"
               "A spokesperson for the Harbour Authority said talks may resume on Friday.\n\n"
               "\"Nobody wants this to drag on,\" said Tom Reyes, a crane operator."),
    "buses": ("Gazette", "School Buses Late Again\n\n"
              "Buses were late on 40 routes, the district said in a statement.\n\n"
              "Sources familiar with the matter said the operator is short of drivers."),
    "market": ("Herald", "Market Hall Reopens\n\n"
               "The market hall reopened on Saturday after two years of repairs, "
               "Mayor Jane Holt said.\n\n"
               "\"It is the heart of the town,\" said Ana Silva, who runs a bakery stall."),
    "budget": ("Courier", "Budget Gap Widens\n\n"
               "The city faces a larger deficit than expected, officials said on Monday.\n\n"
               "Jane Holt said the council would publish the figures next week."),
}


LINKS = {"market": ("market hall", "https://example.org/market-hall")}
"""Stories with one link in their body: its anchor text and its target."""


def story_url(name: str) -> str:
    return f"https://example.org/news/{name}"


def make_article(
    name: str, *, text: str | None = None, url: str | None = "", outlet: str | None = ""
) -> Article:
    """The article of story ``name``; ``url=None`` gives one without a URL."""
    default_outlet, default_text = STORIES[name]
    text = default_text if text is None else text
    links = ()
    if name in LINKS and LINKS[name][0] in text:
        anchor, href = LINKS[name]
        start = text.index(anchor)
        links = (Link(start, start + len(anchor), href, anchor),)
    return Article.from_text(
        text,
        input=f"{name}.txt",
        url=story_url(name) if url == "" else url,
        outlet=default_outlet if outlet == "" else outlet,
        links=links,
    )


@pytest.fixture(scope="session")
def analyzer() -> Any:
    """The rules engine, loaded once for the session. The tests of the corpus, tracing, the CLI's
    corpus commands and the web pin it: what they expect was read off the rules' findings on their
    stories. The trained model (the default engine) is tested in tests/attribution and by the
    evaluation floors, and `ingest` runs with it over PolNeAR dev in tests/cli/test_meta_cmd.py;
    ``Analyzer(nlp=analyzer.nlp)`` gives it with this session's spaCy pipeline."""
    from sourcetrace.attribution import Analyzer

    return Analyzer(engine="rules")


@pytest.fixture(scope="session")
def analyses(analyzer: Any) -> dict[str, Analysis]:
    """Every story analysed once, by name."""
    names = list(STORIES)
    return dict(zip(names, analyzer.analyze_many([make_article(n) for n in names]), strict=True))


def _pg_admin() -> Any:
    import psycopg

    try:
        return psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL at 127.0.0.1:5432 does not answer: {' '.join(str(exc).split())}")


@contextmanager
def fresh_pg_database() -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped (connections and all) on leaving;
    a skip when psycopg is missing or no server answers."""
    pytest.importorskip("psycopg", reason="the [postgres] extra (psycopg) is not installed")
    name = f"st_test_{uuid.uuid4().hex[:12]}"
    with _pg_admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield PG_BASE + name
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_url() -> Iterator[str]:
    with fresh_pg_database() as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return str(tmp_path / "corpus.db")


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest) -> str:
    """A fresh database of each kind: a SQLite file path, or a postgresql:// URL."""
    return str(request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url"))


@pytest.fixture
def open_corpus(db: str) -> Iterator[Callable[[], Any]]:
    """Opens a :class:`Corpus` on ``db``; every one opened is closed (engine disposed) afterwards."""
    from sourcetrace.corpus import Corpus

    opened: list[Corpus] = []

    def make() -> Corpus:
        opened.append(Corpus(db))
        return opened[-1]

    yield make
    for corpus in opened:
        corpus.close()


@pytest.fixture
def corpus(open_corpus: Callable[[], Any]) -> Any:
    return open_corpus()
