"""Articles as the CLI prints them: JSON, JSON Lines, plain text, Markdown."""

from __future__ import annotations

import json
from collections.abc import Sequence

from sourcetrace.model import Article

__all__ = ["FORMATS", "render"]

FORMATS = ("json", "jsonl", "text", "markdown")


def render(articles: Sequence[Article], fmt: str) -> str:
    """All of ``articles`` in one format; ``json`` gives an object for one article and an array
    for several."""
    if fmt == "jsonl":
        return "".join(json.dumps(a.to_dict(), ensure_ascii=False) + "\n" for a in articles)
    if fmt == "json":
        data = [a.to_dict() for a in articles]
        return json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2) + "\n"
    one = render_text if fmt == "text" else render_markdown
    return "\n\n".join(one(a) for a in articles)


def render_one(article: Article, fmt: str) -> str:
    """One article, for streaming formats (``jsonl``, ``text``, ``markdown``)."""
    return render([article], fmt)


def _meta(article: Article) -> list[str]:
    parts = [article.outlet or article.domain, article.byline and f"by {article.byline}",
             article.published, article.language]
    return [p for p in parts if p]


def render_text(article: Article) -> str:
    title = article.title or "(untitled)"
    lines = [title, "=" * min(len(title), 100)]
    meta = _meta(article)
    if meta:
        lines.append(" · ".join(meta))
    if article.url:
        lines.append(article.url)
    lines.append("")
    for p in article.paragraphs:
        body = article.text[p.start : p.end]
        prefix = {"heading": "## ", "quote": "> ", "list": "  • "}.get(p.kind, "")
        lines.append(prefix + body.replace("\n", "\n" + " " * len(prefix)))
        lines.append("")
    if article.links:
        lines.append("Links:")
        lines += [f"  [{i}] {link.anchor} → {link.href}" for i, link in enumerate(article.links, 1)]
        lines.append("")
    src = article.source
    where = src.label
    lines.append(f"(source: {where}; {src.kind}, {src.format}; sha256 {src.sha256[:12]})")
    return "\n".join(lines) + "\n"


def render_markdown(article: Article) -> str:
    lines = [f"# {_md_escape(article.title or '(untitled)')}", ""]
    meta = _meta(article)
    if meta:
        lines += ["*" + " · ".join(_md_escape(m) for m in meta) + "*", ""]
    if article.url:
        lines += [f"<{article.url}>", ""]
    for p in article.paragraphs:
        body = _with_links(article, p.start, p.end)
        prefix = {"heading": "## ", "quote": "> ", "list": "- "}.get(p.kind, "")
        lines += [prefix + body.replace("\n", "  \n" + ("> " if p.kind == "quote" else "")), ""]
    return "\n".join(lines)


def _with_links(article: Article, start: int, end: int) -> str:
    out, pos = [], start
    for link in article.links:
        if start <= link.start and link.end <= end:
            out.append(_md_escape(article.text[pos : link.start]))
            out.append(f"[{_md_escape(link.anchor)}]({link.href.replace(')', '%29')})")
            pos = link.end
    out.append(_md_escape(article.text[pos:end]))
    return "".join(out)


def _md_escape(text: str) -> str:
    for char in "\\`*_[]":
        text = text.replace(char, "\\" + char)
    return text
