"""Bounded gzip decompression that says why it failed."""

from __future__ import annotations

import zlib

from sourcetrace.errors import CorruptInputError, InputTooLargeError
from sourcetrace.ingest._options import megabytes

__all__ = ["gunzip"]

def gunzip(data: bytes, *, name: str, max_bytes: int) -> bytes:
    """Decompress every gzip member of ``data``, refusing to produce more than ``max_bytes``."""
    out = bytearray()
    rest = data
    while rest:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        pending = rest
        try:
            while pending and not inflater.eof:
                out += inflater.decompress(pending, max_bytes + 1 - len(out))
                if len(out) > max_bytes:
                    raise InputTooLargeError(
                        name, f"decompresses to more than the {megabytes(max_bytes)} limit"
                    )
                pending = inflater.unconsumed_tail
        except zlib.error as exc:
            raise CorruptInputError(name, f"damaged gzip data ({exc})") from exc
        if not inflater.eof:
            raise CorruptInputError(name, "truncated gzip data (the file ends mid-stream)")
        rest = inflater.unused_data.lstrip(b"\x00")
        if rest and not rest.startswith(b"\x1f\x8b"):
            break  # bytes after the last member are not gzip: ignored, as gzip(1) ignores them
    return bytes(out)

