"""Assembling article text block by block while keeping paragraph and link offsets exact."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sourcetrace.model import Link, Paragraph, ParagraphKind

__all__ = ["BlockBuilder", "TextBuilder"]

_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
PARAGRAPH_SEPARATOR = "\n\n"


@dataclass
class BlockBuilder:
    """One block's text, whitespace collapsed, with the links that sit in it."""

    kind: ParagraphKind = "paragraph"
    text: str = ""
    links: list[tuple[int, int, str]] = field(default_factory=list)

    def add(self, piece: str, href: str | None = None) -> None:
        piece = _SPACE.sub(" ", piece)
        if self.text.endswith((" ", "\n")) or not self.text:
            piece = piece.lstrip(" ")
        if not piece:
            return
        start = len(self.text)
        self.text += piece
        if href:
            # A link's span is its anchor text without the spaces around it.
            lead = len(piece) - len(piece.lstrip())
            trail = len(piece) - len(piece.rstrip())
            if start + lead < len(self.text) - trail:
                self.links.append((start + lead, len(self.text) - trail, href))

    def line_break(self) -> None:
        self.text = self.text.rstrip(" ")
        if self.text and not self.text.endswith("\n"):
            self.text += "\n"

    def finished(self) -> tuple[str, list[tuple[int, int, str]]]:
        lead = len(self.text) - len(self.text.lstrip())
        text = self.text.strip()
        links = [
            (max(0, s - lead), min(len(text), e - lead), href)
            for s, e, href in self.links
            if min(len(text), e - lead) > max(0, s - lead)
        ]
        return text, links


@dataclass
class TextBuilder:
    """The whole article: blocks joined by a blank line."""

    parts: list[str] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    length: int = 0

    def add_block(self, block: BlockBuilder) -> None:
        text, links = block.finished()
        self.add(text, block.kind, links)

    def add(self, text: str, kind: ParagraphKind = "paragraph",
            links: list[tuple[int, int, str]] | None = None) -> None:
        if not text:
            return
        if self.parts:
            self.parts.append(PARAGRAPH_SEPARATOR)
            self.length += len(PARAGRAPH_SEPARATOR)
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        self.paragraphs.append(Paragraph(start, self.length, kind))
        for s, e, href in links or ():
            self.links.append(Link(start + s, start + e, href, text[s:e]))

    @property
    def text(self) -> str:
        return "".join(self.parts)
