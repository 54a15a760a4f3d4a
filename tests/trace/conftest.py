"""The trace tests run on both databases, as the corpus tests do; ``load`` stores small corpora
(``corpora.py``, ``discrepant.py``), analysed by the real engine, in a fresh one."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from sourcetrace.corpus import Corpus
from tests.corpus.conftest import analyzer, db, pg_url, sqlite_url

from .corpora import Story, store

__all__ = ["analyzer", "db", "load", "pg_url", "sqlite_url"]


@pytest.fixture
def load(db: str, analyzer: Any) -> Iterator[Callable[..., Corpus]]:
    """Opens the test's database with the stories of the corpora given stored in it."""
    opened: list[Corpus] = []

    def make(*corpora: list[Story]) -> Corpus:
        corpus = Corpus(db)
        opened.append(corpus)
        for stories in corpora:
            store(corpus, stories, analyzer)
        return corpus

    yield make
    for corpus in opened:
        corpus.close()
