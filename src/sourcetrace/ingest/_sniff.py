"""Telling what a run of bytes is: gzip, WARC, a feed, HTML, plain text or binary junk."""

from __future__ import annotations

import re
from typing import Literal

__all__ = ["Sniffed", "sniff"]

Sniffed = Literal["gzip", "warc", "feed", "html", "text", "empty", "binary"]

GZIP_MAGIC = b"\x1f\x8b"
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_MARK = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|meta|title|article|div|p|h[1-6]|main|section|span|a\s)[\s>/]",
    re.IGNORECASE,
)
# Control bytes that never occur in real text in any encoding we accept (tab, LF, CR, FF and ESC
# for ISO-2022 are allowed).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def sniff(data: bytes, *, content_type: str | None = None) -> Sniffed:
    """Classify ``data`` from its first bytes, helped by an HTTP ``Content-Type`` if known."""
    head = data[:4096]
    if not head.strip():
        return "empty"
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    if head.startswith(b"WARC/"):
        return "warc"
    if _looks_binary(head):
        return "binary"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: look at it as text
        head = head.decode("utf-16", "replace").encode("utf-8")
    ctype = (content_type or "").split(";")[0].strip().lower()
    probe = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if ctype in ("application/rss+xml", "application/atom+xml") or ((
        probe.startswith(b"<?xml") or probe.startswith(b"<rss") or probe.startswith(b"<feed")
    ) and _FEED_ROOT.search(head)):
        return "feed"
    if ctype in ("text/html", "application/xhtml+xml") or _HTML_MARK.search(head):
        return "html"
    return "text"


def _looks_binary(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a byte-order mark is text
        return False
    if b"\x00" in head:
        return True
    controls = sum(head.count(bytes([b])) for b in _CONTROL)
    return controls > max(2, len(head) // 100)
