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
    _after_link: bool = field(default=False, repr=False)

    def add(self, piece: str, href: str | None = None) -> None:
        piece = _SPACE.sub(" ", piece)
        if self.text.endswith((" ", "\n")) or not self.text:
            piece = piece.lstrip(" ")
        if not piece:
            return
        if (href or self._after_link) and _glued(self.text, piece):
            # Extractors drop the space between a link and the words beside it ("via<a>Lab</a>").
            # Only a lower-case letter against a capital is taken for that: "<a>NATO</a>s" and
            # "<a>Wiki</a>pedia" are single words.
            piece = " " + piece
        self._after_link = bool(href)
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


def _glued(before: str, after: str) -> bool:
    a, b = before[-1:], after[:1]
    return a.islower() and b.isupper() and _spaced_script(a) and _spaced_script(b)


def _spaced_script(char: str) -> bool:
    # Thai, Lao, Myanmar, Khmer and the CJK scripts write words without spaces between them.
    code = ord(char)
    return not (0x0E00 <= code <= 0x109F or 0x1780 <= code <= 0x17FF or code >= 0x2E80)


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
