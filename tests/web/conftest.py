"""A small corpus for the web tests (the trace test stories, analysed by the real engine, in a
SQLite file) and a client for the application over it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web tests need the web extra")
from fastapi.testclient import TestClient

from sourcetrace.corpus import Corpus
from sourcetrace.web import WebSettings, create_app
from tests.corpus.conftest import analyzer
from tests.trace import discrepant
from tests.trace.corpora import QUOTED, RELAY, Story, store

__all__ = ["analyzer", "client", "corpus_db", "make_client"]

HOSTILE = Story(
    "<img src=x onerror=alert(1)>", "https://evil.example/<script>alert(2)</script>", "2025-07-09",
    "<script>alert(3)</script> Harbour Plan\n\n"
    "\"We will <b>never</b> sell the harbour to <script>alert(4)</script> anyone,\" said Mayor Jane Holt "
    "on Tuesday.\n\nThe council will vote on the plan in August, officials said.")


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory, analyzer: Any) -> str:
    path = str(tmp_path_factory.mktemp("web") / "corpus.db")
    with Corpus(path) as corpus:
        store(corpus, RELAY + QUOTED + discrepant.NEGATION + [HOSTILE], analyzer)
    return path


@pytest.fixture
def make_client(corpus_db: str, analyzer: Any) -> Iterator[Callable[..., TestClient]]:
    clients: list[TestClient] = []

    def make(db: str | None = None, **settings: Any) -> TestClient:
        client = TestClient(create_app(WebSettings(db=db or corpus_db, **settings), analyzer=analyzer),
                            raise_server_exceptions=False)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: Callable[..., TestClient]) -> TestClient:
    return make_client()


def empty_db(tmp: Path) -> str:
    return str(tmp / "empty.db")
