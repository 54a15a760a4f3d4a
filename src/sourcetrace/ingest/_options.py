"""Limits that apply to reading every input."""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from sourcetrace.errors import InputTooLargeError

__all__ = ["DEFAULT_MAX_BYTES", "ReadOptions", "megabytes", "read_bounded"]

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


def read_bounded(
    stream: IO[bytes], max_bytes: int, *, name: str | None, prefix: bytes = b"", what: str = "input"
) -> bytes:
    """``prefix`` and the rest of ``stream``, reading one byte past ``max_bytes`` at most; more
    than that is an ``InputTooLargeError``. Works on pipes and devices, which report no size."""
    data = prefix + stream.read(max(0, max_bytes + 1 - len(prefix)))
    if len(data) > max_bytes:
        raise InputTooLargeError(name, f"{what} is over the {megabytes(max_bytes)} limit")
    return data
