"""Bytes → text, trusting declared encodings only when the bytes agree with them."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

__all__ = ["decode"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def decode(data: bytes, *, content_type: str | None = None) -> str:
    """Decode ``data``: BOM, then the declared charset (HTTP header, ``<meta>``), then UTF-8, then
    a statistical guess. A declared charset the bytes contradict is ignored: pages that say
    ``utf-8`` and are Windows-1252 are common."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace").lstrip("\ufeff")
    utf8 = _strict(data, "utf-8")
    if utf8 is not None and not data.isascii():
        # Valid UTF-8 with non-ASCII bytes is almost never anything else, whatever a header says;
        # a Windows-1252 declaration would turn it into mojibake, since cp1252 accepts any bytes.
        return utf8
    for encoding in _declared(data, content_type):
        text = _strict(data, encoding)
        if text is not None:
            return text
    if utf8 is not None:
        return utf8
    # Undeclared single-byte text: Windows-1252 is the web's default (as in browsers); the
    # statistical guess is kept for what it cannot decode, since on mostly-English text it
    # confuses Western and Central European code pages.
    cp1252 = _strict(data, "cp1252")
    if cp1252 is not None:
        return cp1252
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        return data.decode(best.encoding, errors="replace")
    return data.decode("cp1252", errors="replace")


def _declared(data: bytes, content_type: str | None) -> list[str]:
    found = []
    if content_type and (header := _HEADER_CHARSET.search(content_type)):
        found.append(header.group(1))
    if meta := _META_CHARSET.search(data[:8192]):
        found.append(meta.group(1).decode("ascii", "ignore"))
    names = []
    for label in found:
        try:
            names.append(codecs.lookup(label).name)
        except LookupError:
            continue
    # Browsers read ISO-8859-1 declarations as Windows-1252; so do we.
    return ["cp1252" if n in ("latin-1", "iso8859-1", "ascii") else n for n in names]


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return text.lstrip("\ufeff")

