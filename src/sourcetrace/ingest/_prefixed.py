"""Telling a WARC archive by its first bytes, and reading a stream again from its start after
looking at them."""

from __future__ import annotations

import io
import zlib
from typing import Any, BinaryIO

from sourcetrace.ingest._sniff import GZIP_MAGIC

__all__ = ["HEAD_BYTES", "Prefixed", "is_warc"]

HEAD_BYTES = 1024
"""How much of a stream is read to tell what it holds."""


def is_warc(head: bytes, name: str) -> bool:
    if head.startswith(b"WARC/"):
        return True
    if not head.startswith(GZIP_MAGIC):
        return False
    if name.lower().endswith((".warc.gz", ".arc.gz")):
        return True
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64).startswith(b"WARC/")
    except zlib.error:
        return False


class Prefixed(io.RawIOBase):
    """``head`` followed by the rest of ``stream``: lets a sniffed stream be read from its start
    without seeking, which pipes cannot do."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head = head
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer)
        if self._head:
            n = min(len(view), len(self._head))
            view[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        chunk = self._stream.read(len(view))
        view[: len(chunk)] = chunk
        return len(chunk)
