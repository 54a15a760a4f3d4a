"""Gzipped inputs: transparent decompression, damage, and decompression bombs."""

from __future__ import annotations

import gzip
import io
import tracemalloc
from pathlib import Path

import pytest

from sourcetrace.errors import CorruptInputError, InputTooLargeError, NotAnArticleError
from sourcetrace.ingest import DEFAULT_MAX_BYTES, ReadOptions, read_inputs
from sourcetrace.ingest._gzip import gunzip
from sourcetrace.model import RawDocument

from .helpers import data_bytes

MARKET_HALL = data_bytes("market-hall.html")
BUDGET = data_bytes("budget-scrape.txt")
MB = 1024 * 1024


def _one(name: str, options: ReadOptions | None = None, **kwargs: object):
    outcomes = list(read_inputs([name], options, **kwargs))
    assert len(outcomes) == 1, outcomes
    return outcomes[0]


def _write(tmp_path: Path, name: str, content: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content)
    return str(path)


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("page.html.gz", MARKET_HALL, "text/html"),
        ("scrape.txt.gz", BUDGET, "text/plain"),
        ("no-suffix", MARKET_HALL, "text/html"),
    ],
)
def test_gzipped_file_is_decompressed(
    tmp_path: Path, name: str, content: bytes, content_type: str
) -> None:
    path = _write(tmp_path, name, gzip.compress(content))
    doc = _one(path)
    fmt = "html" if content_type == "text/html" else "text"
    assert doc == RawDocument(
        input=path, kind="file", data=content, content_type=content_type, format=fmt
    )


def test_every_gzip_member_is_decompressed(tmp_path: Path) -> None:
    half = len(MARKET_HALL) // 2
    members = gzip.compress(MARKET_HALL[:half]) + gzip.compress(MARKET_HALL[half:])
    doc = _one(_write(tmp_path, "page.html.gz", members))
    assert doc.data == MARKET_HALL


def test_gzipped_stdin_is_decompressed() -> None:
    doc = _one("-", stdin=io.BytesIO(gzip.compress(MARKET_HALL)))
    assert (doc.input, doc.kind, doc.data) == ("-", "stdin", MARKET_HALL)


@pytest.mark.parametrize("cut", [10, 500, len(gzip.compress(MARKET_HALL)) - 20])
def test_truncated_gzip_is_corrupt(tmp_path: Path, cut: int) -> None:
    path = _write(tmp_path, "page.html.gz", gzip.compress(MARKET_HALL)[:-cut])
    error = _one(path)
    assert isinstance(error, CorruptInputError)
    assert error.input == path
    assert error.reason == "truncated gzip data (the file ends mid-stream)"
    assert error.message.startswith(f"[E103] {path}: ")


def test_gzip_with_a_bad_checksum_is_corrupt(tmp_path: Path) -> None:
    packed = bytearray(gzip.compress(MARKET_HALL))
    packed[-8] ^= 0xFF  # first byte of the CRC-32 trailer
    path = _write(tmp_path, "page.html.gz", bytes(packed))
    error = _one(path)
    assert isinstance(error, CorruptInputError)
    assert error.input == path
    assert error.reason.startswith("damaged gzip data (")
    assert "incorrect data check" in error.reason


def test_gzip_of_nothing_is_empty(tmp_path: Path) -> None:
    path = _write(tmp_path, "empty.html.gz", gzip.compress(b""))
    error = _one(path)
    assert isinstance(error, NotAnArticleError)
    assert (error.input, error.reason) == (path, "empty input")


def test_gzip_of_binary_is_not_an_article(tmp_path: Path) -> None:
    path = _write(tmp_path, "image.gz", gzip.compress(bytes(range(256)) * 16))
    error = _one(path)
    assert isinstance(error, NotAnArticleError)
    assert error.reason == "binary data, not HTML or text"


def _bomb(total: int) -> bytes:
    """A few hundred kilobytes that decompress to ``total`` bytes of zeros."""
    member = gzip.compress(bytes(8 * MB), compresslevel=9)
    return member * (total // (8 * MB))


BOMB = _bomb(256 * MB)


@pytest.mark.parametrize(
    ("options", "limit_text", "limit"),
    [(ReadOptions(max_bytes=MB), "1 MB", MB), (ReadOptions(), "20 MB", DEFAULT_MAX_BYTES)],
    ids=["1MB", "default-20MB"],
)
def test_gzip_bomb_stops_at_the_limit(
    tmp_path: Path, options: ReadOptions, limit_text: str, limit: int
) -> None:
    assert len(BOMB) < 300_000
    path = _write(tmp_path, "bomb.html.gz", BOMB)
    tracemalloc.start()
    try:
        error = _one(path, options)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(error, InputTooLargeError)
    assert error.input == path
    assert error.reason == f"decompresses to more than the {limit_text} limit"
    # Decompressing all 256 MB would need far more than this.
    assert peak < 3 * limit + 4 * MB


def test_gunzip_accepts_exactly_max_bytes() -> None:
    assert gunzip(gzip.compress(b"a" * 1000), name="x", max_bytes=1000) == b"a" * 1000
    with pytest.raises(InputTooLargeError) as info:
        gunzip(gzip.compress(b"a" * 1001), name="x", max_bytes=1000)
    assert info.value.input == "x"


def test_gunzip_skips_zero_padding_between_members() -> None:
    padded = gzip.compress(b"first ") + b"\x00" * 16 + gzip.compress(b"second")
    assert gunzip(padded, name="x", max_bytes=100) == b"first second"


def test_gunzip_ignores_trailing_garbage_as_gzip_does() -> None:
    assert gunzip(gzip.compress(b"body") + b"not gzip", name="x.gz", max_bytes=100) == b"body"
    assert gunzip(gzip.compress(b"a") + gzip.compress(b"b") + b"\0\0junk", name="x.gz",
                  max_bytes=100) == b"ab"
