"""HTML pages → articles, through trafilatura (body, metadata) and htmldate (dates).

Around trafilatura's extraction: before it, hidden elements are pruned and embedded social-media
posts freed from the wrappers that would get them discarded; after it, an article body that the
page splits over sibling containers (an advertisement between two halves of the text) is joined
back together and extracted again, because trafilatura keeps only the first half. Its XML body
is then read into blocks, and ``_boilerplate`` chooses which of them are the article.
"""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin

import trafilatura
from lxml import etree
from trafilatura.settings import Document

from sourcetrace.errors import NotAnArticleError
from sourcetrace.extract._boilerplate import Block, embedded_post_classes, select_blocks
from sourcetrace.extract._builder import BlockBuilder, TextBuilder
from sourcetrace.extract._language import iso639_1
from sourcetrace.extract._text import MIN_WORDS, normal_words, word_count
from sourcetrace.extract._text import ends_sentence as _ends_sentence
from sourcetrace.model import ParagraphKind

__all__ = ["HtmlExtraction", "extract_html"]

# trafilatura's output elements that start a block of their own; everything else is inline.
_BLOCKS: dict[str, ParagraphKind] = {
    "p": "paragraph", "head": "heading", "quote": "quote", "item": "list", "code": "paragraph",
    "row": "paragraph", "list": "list", "table": "paragraph", "div": "paragraph", "body": "paragraph",
}
_CONTAINERS = frozenset({"body", "div", "table", "row", "cell"})
_SKIPPED = frozenset({"graphic", "note", "fw"})
_HTML_BLOCKS = frozenset(
    {"p", "div", "ul", "ol", "blockquote", "figure", "table", "section", "h1", "h2", "h3", "h4"}
)
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([^\"'\s>]+)", re.I)

_OPTIONS: dict[str, Any] = {
    "include_links": True,
    "include_formatting": True,
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
}
# Elements the reader never sees (a schema.org copy of the headline and teaser, say) are not
# part of the article; trafilatura reads the metadata before it prunes them, so it still finds
# them there.
_HIDDEN = (
    "//*[@hidden or contains(translate(@style, 'DISPLAYNOE ', 'displaynoe'), 'display:none')]"
)  # CSS is case-insensitive: old pages write DISPLAY: NONE
_HIDDEN_XPATH = etree.XPath(_HIDDEN)
# A paragraph this long is prose whichever container holds it; shorter ones may be chrome.
_PROSE_MIN_WORDS = 15
# How far above the extracted text the container split across siblings may be.
_SPLIT_MAX_DEPTH = 6
_SPLIT_MIN_SHARE = 0.9


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
    tree = trafilatura.load_html(html)
    if tree is None and html.strip():
        # A fragment with one root element (a feed item's content) is not taken for a page.
        tree = trafilatura.load_html(f"<html><body>{html}</body></html>")
    if tree is not None:
        _free_embedded_posts(tree)
    doc = None if tree is None else _extraction(
        tree,
        url=url,
        with_metadata=True,
        date_extraction_params={"extensive_search": True, "original_date": True},
    )
    if doc is None:
        raise NotAnArticleError(name, "no article body found in the page")
    page_url = _absolute(doc.url) or url
    builder = _article_text(tree, doc.body, url=url, page_url=page_url, title=doc.title)
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


def _article_text(
    tree: Any, body: Any, *, url: str | None, page_url: str | None, title: str | None
) -> TextBuilder:
    """The article's blocks out of trafilatura's ``body`` for ``tree``, page chrome left out."""
    joined = _join_split_body(tree, body)
    if joined is not None and (again := _extraction(joined, url=url)) is not None:
        body = again.body
    blocks = _blocks(body, base=page_url or "")
    keep = select_blocks(
        [_candidate(block, level) for block, level in blocks], title=title, url=page_url
    )
    builder = TextBuilder()
    for i in keep:
        builder.add_block(blocks[i][0])
    return builder


def _extraction(tree: Any, **options: Any) -> Document | None:
    """trafilatura's extraction of a page with our options; ``None`` when it finds no body.

    Hidden elements are pruned, unless the page has no article without them (nothing, or a
    scrap under ``MIN_WORDS``): then it is one that reveals its text by script, and the hidden
    text is the article.
    """
    best: Document | None = None
    best_words = -1
    for prune in (_HIDDEN, None):
        doc = trafilatura.bare_extraction(tree, prune_xpath=prune, **_OPTIONS, **options)
        if isinstance(doc, Document) and doc.body is not None:
            words = word_count(" ".join(doc.body.itertext()))
            if words >= MIN_WORDS:
                return doc
            # A pruned page left with a scrap (a menu) may be one whose article is hidden.
            if words > best_words:
                best, best_words = doc, words
        if not _HIDDEN_XPATH(tree):
            break
    return best


def _free_embedded_posts(tree: Any) -> None:
    """Turn each embedded social-media post into a plain block quote, in place.

    The embed's wrapper ("social-embed", "widget") is replaced by the quote, so the extractor
    does not discard it as page chrome; its links but the last (the post's own address) become
    text, so it does not read as a list of links either.
    """
    for quote in _embedded_posts_xpath()(tree):
        text = " ".join(quote.text_content().split())
        outer = quote
        for ancestor in quote.iterancestors():
            if ancestor.tag in ("body", "html", "article", "main") or (
                " ".join(ancestor.text_content().split()) != text
            ):
                break
            outer = ancestor
        for link in quote.findall(".//a")[:-1]:
            link.tag = "span"
            link.attrib.clear()
        quote.attrib.clear()
        _wrap_loose_tail(quote)
        if outer is not quote and outer.getparent() is not None:
            quote.tail = outer.tail
            outer.getparent().replace(outer, quote)


def _wrap_loose_tail(quote: Any) -> None:
    """Put the text and inline elements after a quote's last paragraph into a paragraph of
    their own: embed code leaves the post's credit loose there ("— Name (@handle) <a>date</a>"),
    and the extractor trims loose text, gluing "(@handle)" to the date."""
    paragraphs = quote.findall("p")
    if not paragraphs:
        return
    last = paragraphs[-1]
    loose = list(last.itersiblings())
    if any(elem.tag in _HTML_BLOCKS for elem in loose) or not (
        (last.tail or "").strip() or loose
    ):
        return
    wrapper = quote.makeelement("p", {})
    wrapper.text, last.tail = last.tail, None
    for elem in loose:
        wrapper.append(elem)
    last.addnext(wrapper)


@lru_cache(maxsize=1)
def _embedded_posts_xpath() -> etree.XPath:
    wanted = " or ".join(
        f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"
        for name in embedded_post_classes()
    )
    return etree.XPath(f"//blockquote[{wanted}]")


def _join_split_body(tree: Any, body: Any) -> Any | None:
    """A copy of the page with its article body joined, when the body is split over sibling
    containers of the same kind; ``None`` when it is not.

    The extracted paragraphs are found in the page. If the page holds more paragraphs of prose
    than were extracted, and the container of the extracted ones has a sibling or cousin with
    the same tag and class holding such prose, that is the rest of the article.
    """
    extracted = f" {normal_words(' '.join(body.itertext()))} "
    found: dict[Any, int] = {}
    missed: dict[Any, int] = {}
    for paragraph in tree.iter("p"):
        text = normal_words(paragraph.text_content())
        words = word_count(text)
        if words < _PROSE_MIN_WORDS:
            continue
        if f" {text} " in extracted:
            found[paragraph] = words
        else:
            missed[paragraph] = words
    if not found or not missed:
        return None
    container = _container_of(found)
    if container is None:
        return None
    rest = _same_kind_nearby(container)
    if sum(missed.get(p, 0) for other in rest for p in other.iter("p")) < _PROSE_MIN_WORDS:
        return None
    return _joined_copy(tree, container, rest)


def _container_of(found: dict[Any, int]) -> Any | None:
    """The nearest ancestor with a class that holds (nearly) all the text found; a pull quote
    repeating a sentence of the article may sit outside it."""
    total = sum(found.values())
    for depth, ancestor in enumerate(next(iter(found)).iterancestors()):
        if depth > _SPLIT_MAX_DEPTH or ancestor.tag in ("body", "html"):
            return None
        inside = sum(words for p, words in found.items() if ancestor in p.iterancestors())
        if ancestor.get("class") and inside >= _SPLIT_MIN_SHARE * total:
            return ancestor
    return None


def _same_kind_nearby(container: Any) -> list[Any]:
    """Elements with the container's tag and class among its siblings and cousins."""
    parent = container.getparent()
    grandparent = None if parent is None else parent.getparent()
    if grandparent is None:
        return []
    inside = set(container.iter())
    above = set(container.iterancestors())
    return [
        other for other in grandparent.iter(container.tag)
        if other.get("class") == container.get("class") and other not in inside
        and other not in above
    ]


def _joined_copy(tree: Any, container: Any, rest: list[Any]) -> Any:
    """A copy of ``tree`` in which the children of ``rest`` are moved into ``container``."""
    joined = deepcopy(tree)
    paths = [tree.getroottree().getpath(e) for e in (container, *rest)]
    target, *others = [joined.getroottree().xpath(path)[0] for path in paths]
    for other in others:
        for child in list(other):
            target.append(child)
        parent = other.getparent()
        if parent is not None:
            parent.remove(other)
    return joined


def _candidate(block: BlockBuilder, level: int) -> Block:
    text, links = block.finished()
    linked = sum(end - start for start, end, _ in links)
    return Block(text, linked / len(text) if text else 0.0, level)


def _blocks(body: Any, *, base: str) -> list[tuple[BlockBuilder, int]]:
    """The blocks of trafilatura's XML body in reading order, each with its heading level
    (0 for a block that is not a heading); empty blocks are left out."""
    blocks: list[tuple[BlockBuilder, int]] = []
    _mend_paragraphs(body)
    _walk(body, blocks, base=base, kind="paragraph")
    return [(block, level) for block, level in blocks if block.text.strip()]


def _walk(
    elem: Any, blocks: list[tuple[BlockBuilder, int]], *, base: str, kind: ParagraphKind
) -> None:
    """Collect the blocks under ``elem``; text outside child blocks forms blocks of its own."""
    own_kind = kind if elem.tag in _CONTAINERS else _BLOCKS.get(elem.tag, kind)
    if elem.tag == "list":
        own_kind = "list"
    elif elem.tag == "p" and kind in ("quote", "list"):
        own_kind = kind  # a paragraph of a block quote is quoted text
    level = _heading_level(elem)
    block = BlockBuilder(own_kind)
    if elem.text:
        block.add(elem.text)
    for child in elem:
        if child.tag in _BLOCKS or (child.tag == "cell" and _holds_blocks(child)):
            # A cell of a layout table holds whole paragraphs: walk it like a division.
            blocks.append((block, level))
            _walk(child, blocks, base=base, kind=_child_kind(elem.tag, own_kind))
            block = BlockBuilder(own_kind)
        else:
            if child.tag == "cell":
                # Cells are inline in their row's block; without a space "1", "Kyle Busch" and
                # "5040" would run together into one token.
                block.add(" ")
            _inline(child, block, base=base)
        if child.tail:
            block.add(child.tail)
    blocks.append((block, level))


def _mend_paragraphs(body: Any) -> None:
    """Put back together, in place, paragraphs that trafilatura cut at a link: it sometimes
    lifts a link out of its ``<p>``, leaving "… suffered from", the link, and "since 2016."
    as three blocks. A paragraph that does not end a sentence takes back the inline elements
    after it when the next paragraph carries on the sentence (starts in lower case or with
    punctuation). So does one whose link was moved to the start of the next paragraph."""
    for parent in body.iter(*_CONTAINERS):
        open_p: Any = None
        lifted: list[Any] = []
        for child in list(parent):
            if child.tag == "p" and open_p is not None and _carries_on(child, lifted):
                _append_text(open_p, f" {open_p.tail or ''} ")
                open_p.tail = None
                for elem in lifted:
                    open_p.append(elem)
                _append_text(open_p, child.text)
                for grandchild in list(child):
                    open_p.append(grandchild)
                _append_text(open_p, child.tail)
                parent.remove(child)
            elif child.tag not in _BLOCKS and open_p is not None:
                lifted.append(child)
                continue
            else:
                open_p = child if child.tag == "p" else None
            lifted = []
            if open_p is not None and _ends_sentence("".join(open_p.itertext())):
                open_p = None


def _carries_on(paragraph: Any, lifted: list[Any]) -> bool:
    """Whether ``paragraph`` goes on with the sentence an open paragraph left unfinished."""
    if lifted:
        return _continues(paragraph.text)
    opens_with_link = not (paragraph.text or "").strip() and len(paragraph) and paragraph[0].tag == "ref"
    return bool(opens_with_link) and _continues("".join(paragraph.itertext()))


def _append_text(elem: Any, text: str | None) -> None:
    if not text:
        return
    if len(elem):
        elem[-1].tail = (elem[-1].tail or "") + text
    else:
        elem.text = (elem.text or "") + text


def _continues(text: str | None) -> bool:
    text = (text or "").lstrip()
    return bool(text) and (text[0].islower() or text[0] in ",.;:!?)]’”")


def _heading_level(elem: Any) -> int:
    if elem.tag != "head":
        return 0
    rend = elem.get("rend") or ""
    return int(rend[1]) if len(rend) == 2 and rend[0] == "h" and rend[1].isdigit() else 2


def _holds_blocks(elem: Any) -> bool:
    return any(node.tag in _BLOCKS for node in elem.iterdescendants())


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
    """The page's declared language as an ISO 639-1 code (``en-GB`` → ``en``, ``eng`` → ``en``)."""
    if not declared:
        match = _HTML_LANG.search(html[:4096])
        declared = match.group(1) if match else None
    return iso639_1(declared) if declared else None
