"""The attribution tests share the session's analyzer (spaCy and the model loaded once)."""

from __future__ import annotations

from tests.corpus.conftest import analyzer

__all__ = ["analyzer"]
