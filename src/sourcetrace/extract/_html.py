"""HTML pages → articles, through trafilatura (body, metadata) and htmldate (dates)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import trafilatura

from sourcetrace.errors import NotAnArticleError
from sourcetrace.extract._builder import BlockBuilder, TextBuilder
from sourcetrace.model import ParagraphKind

__all__ = ["HtmlExtraction", "extract_html"]

# trafilatura's output elements that start a block of their own; everything else is inline.
_BLOCKS: dict[str, ParagraphKind] = {
    "p": "paragraph", "head": "heading", "quote": "quote", "item": "list", "code": "paragraph",
    "row": "paragraph", "list": "list", "table": "paragraph", "div": "paragraph", "body": "paragraph",
}
_SKIPPED = frozenset({"graphic", "note", "fw"})
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?", re.I)


@dataclass(frozen=True, slots=True)
class HtmlExtraction:
    builder: TextBuilder
    title: str | None
    byline: str | None
    published: str | None
    sitename: str | None
    url: str | None
    language: str | None


def extract_html(html: str, *, name: str, url: str | None = None) -> HtmlExtraction:
    """Run trafilatura over a page; a page without an article body is a ``NotAnArticleError``."""
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_links=True,
        include_formatting=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        date_extraction_params={"extensive_search": True, "original_date": True},
    )
    if doc is None or doc.body is None:
        raise NotAnArticleError(name, "no article body found in the page")
    page_url = _absolute(doc.url) or url
    builder = TextBuilder()
    _walk(doc.body, builder, base=page_url or url or "", kind="paragraph")
    if not builder.paragraphs:
        raise NotAnArticleError(name, "the page's article body is empty")
    return HtmlExtraction(
        builder=builder,
        title=_clean(doc.title),
        byline=_clean(doc.author),
        published=doc.date or None,
        sitename=_clean(doc.sitename),
        url=page_url,
        language=_language(doc.language, html),
    )


def _walk(elem: Any, builder: TextBuilder, *, base: str, kind: ParagraphKind) -> None:
    """Emit the blocks under ``elem``; text outside child blocks forms blocks of its own."""
    own_kind = kind if elem.tag in ("body", "div", "table", "row") else _BLOCKS.get(elem.tag, kind)
    if elem.tag == "list":
        own_kind = "list"
    block = BlockBuilder(own_kind)
    if elem.text:
        block.add(elem.text)
    for child in elem:
        if child.tag in _BLOCKS:
            builder.add_block(block)
            _walk(child, builder, base=base, kind=_child_kind(elem.tag, own_kind))
            block = BlockBuilder(own_kind)
        else:
            _inline(child, block, base=base)
        if child.tail:
            block.add(child.tail)
    builder.add_block(block)


def _child_kind(parent: str, kind: ParagraphKind) -> ParagraphKind:
    if parent == "quote":
        return "quote"
    if parent in ("list", "item"):
        return "list"
    return kind


def _inline(elem: Any, block: BlockBuilder, *, base: str) -> None:
    if elem.tag in _SKIPPED:
        return
    if elem.tag == "lb":
        block.line_break()
        return
    href = _href(elem.get("target"), base) if elem.tag == "ref" else None
    if href:
        block.add("".join(elem.itertext()), href)
        return
    if elem.text:
        block.add(elem.text)
    for child in elem:
        _inline(child, block, base=base)
        if child.tail:
            block.add(child.tail)


def _href(target: str | None, base: str) -> str | None:
    if not target:
        return None
    target = target.strip()
    if target.startswith(("#", "mailto:", "javascript:", "tel:", "data:")):
        return None
    absolute = urljoin(base, target) if base else target
    return absolute if absolute.startswith(("http://", "https://")) else None


def _absolute(url: str | None) -> str | None:
    return url if url and url.startswith(("http://", "https://")) else None


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    value = " ".join(value.split())
    return value or None


def _language(declared: str | None, html: str) -> str | None:
    if declared:
        return declared.split("-")[0].lower()
    match = _HTML_LANG.search(html[:4096])
    return match.group(1).lower() if match else None
