"""Limits that apply to reading every input."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_MAX_BYTES", "ReadOptions"]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How inputs are read.

    ``max_bytes`` caps one document (an HTTP body, a file, a decompressed gzip, a WARC record);
    ``timeout`` is seconds per network operation, and a whole download must finish within
    ``4 * timeout``.
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = 20.0
    max_redirects: int = 10
    user_agent: str = "sourcetrace/0.1 (news sourcing analysis; +https://pypi.org/project/sourcetrace/)"
    fetch_feed_items: bool = True


def megabytes(n: int) -> str:
    """A size limit as users write it: ``20 MB``, ``2.4 KB``, ``300 bytes``."""
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.3g} MB"
    if n >= 1024:
        return f"{n / 1024:.3g} KB"
    return f"{n} bytes"
