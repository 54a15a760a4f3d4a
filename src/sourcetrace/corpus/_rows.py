"""One analysis as table rows: the article, its sources, attributions and outbound links, in
the columns the corpus database stores them and the Spark job writes them to Parquet (one
implementation for both, so that a corpus loaded from Parquet holds what ``ingest`` stores)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sourcetrace.model import Analysis, Span

__all__ = ["article_key", "article_row", "child_rows", "extra_json", "sha256_hex", "text_key"]

_MAX_KEY = 600  # characters of a URL kept as the key itself; longer ones are hashed


def article_key(analysis: Analysis) -> str:
    """What makes two ingests the same article: its canonical URL (hashed when it is too long
    for an index), else its outlet, date and text: one wire story kept as text files from three
    outlets is three articles, and so is a story an outlet published again on another day."""
    article = analysis.article
    if article.url and len(article.url) <= _MAX_KEY:
        return f"url:{article.url}"
    if article.url:
        return f"url-sha256:{sha256_hex(article.url)}"
    return text_key(article.outlet, article.published, article.text)


def text_key(outlet: str | None, published: str | None, text: str) -> str:
    """The key of an article without a URL: the hash of its outlet, date and text (the text
    alone when it has neither)."""
    if outlet is None and published is None:
        return "sha256:" + sha256_hex(text)
    return "sha256:" + sha256_hex(f"{outlet or ''}\n{published or ''}\n{text}")


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def extra_json(extra: dict[str, str]) -> str | None:
    """An article's extra metadata as stored and exported: a JSON object, ``None`` when empty."""
    return json.dumps(extra, ensure_ascii=False) if extra else None


def article_row(analysis: Analysis) -> dict[str, Any]:
    """The article's own row (without the database's id, key and timestamps)."""
    from sourcetrace.corpus._claims import article_signature

    article = analysis.article
    summary = analysis.summary()
    return {
        "url": article.url, "outlet": article.outlet, "domain": article.domain, "title": article.title,
        "byline": article.byline, "published": article.published, "language": article.language,
        "wire": article.wire, "extra": extra_json(article.extra), "input": article.source.label,
        "sha256": article.source.sha256, "text": article.text,
        "analysis": json.dumps(analysis.to_dict(), ensure_ascii=False),
        "claims": summary["attributed"], "unattributed": summary["unattributed"],
        "signature": article_signature(article.text),
    }


def child_rows(analysis: Analysis) -> dict[str, list[dict[str, Any]]]:
    """The rows of the article's ``sources``, ``attributions`` and ``links`` (without the
    article's id)."""
    text = analysis.article.text
    claims = {s["id"]: s["claims"] for s in analysis.summary()["sources"]}
    return {
        "sources": [
            {"sid": s.id, "name": s.name, "type": s.type, "role": s.role, "via": s.via,
             "claims": claims.get(s.id, 0)}
            for s in analysis.sources
        ],
        "attributions": [
            {"idx": i, "sid": a.source_id, "rule": a.rule, "kind": a.kind, "certainty": a.certainty,
             "cue": _text(text, a.cue), "source_text": _text(text, a.source),
             "content": _text(text, a.content), "start": a.sentence.start, "end": a.sentence.end,
             "parent": a.parent}
            for i, a in enumerate(analysis.attributions)
        ],
        "links": [
            {"start": link.start, "end": link.end, "href": link.href, "anchor": link.anchor}
            for link in analysis.article.links
        ],
    }


def _text(text: str, spans: tuple[Span, ...]) -> str:
    return " … ".join(text[s.start : s.end] for s in spans)
