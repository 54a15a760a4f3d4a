"""The trace tests run on both databases, as the corpus tests do."""

from __future__ import annotations

from tests.corpus.conftest import db, pg_url, sqlite_url

__all__ = ["db", "pg_url", "sqlite_url"]
