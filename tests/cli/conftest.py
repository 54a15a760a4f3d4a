"""The CLI tests that need a corpus build it with the session's analyzer (spaCy loaded once)."""

from __future__ import annotations

from tests.corpus.conftest import analyzer

__all__ = ["analyzer"]
