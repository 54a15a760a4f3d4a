"""Front matter: a block of ``key: value`` lines between ``---`` lines at the top of a text file,
the habit of static-site generators and archive exports::

    ---
    title: Ministry confirms review
    publisher: nyt
    date: 2025-01-14
    authors:
      - Priya Raman
    ---
    The agriculture ministry has begun …

Keys are read as manifest columns are (``publisher`` is the outlet, ``date`` the publication
date); other keys are kept as extra metadata. A block with a line that is not ``key: value``
is not front matter, and the text is left as it is.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field

from sourcetrace.errors import FrontMatterError, MetadataWarning
from sourcetrace.extract._fields import map_columns, read_fields, unquote
from sourcetrace.model import DocumentMetadata

__all__ = ["FrontMatter", "front_matter_metadata", "split_front_matter"]

_OPEN = re.compile(r"\A\ufeff?[ \t]*\r?\n?---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_PAIR = re.compile(r"^(?P<key>[A-Za-z_][\w .-]{0,40}?)[ \t]*:(?:[ \t]+(?P<value>.*?))?[ \t]*$")
_ITEM = re.compile(r"^[ \t]*-[ \t]+(?P<value>.*?)[ \t]*$")
_CONTINUED = re.compile(r"^[ \t]+(?P<value>\S.*?)[ \t]*$")
_MAX_LINES = 100


@dataclass(frozen=True)
class FrontMatter:
    """The block's values by key (lists for YAML lists), with the line each key stands on."""

    values: dict[str, str | list[str]]
    lines: dict[str, int]


@dataclass
class _Block:
    """The block being read: values, the line of each key, and the key whose value goes on."""

    values: dict[str, str | list[str]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    last: str | None = None
    scalar: str | None = None  # ">" or "|": the last key's value is the indented lines below it

    def add(self, content: str, number: int) -> bool:
        """Take one line; ``False`` when it cannot be part of front matter."""
        if self.last is not None and self.scalar and (more := _CONTINUED.match(content)):
            joiner = " " if self.scalar == ">" else "\n"
            previous = self.values[self.last]
            self.values[self.last] = f"{previous}{joiner if previous else ''}{more['value']}"
            return True
        if (item := _ITEM.match(content)) and self.last is not None and not self.scalar:
            previous = self.values[self.last]
            items = previous if isinstance(previous, list) else [previous] if previous else []
            self.values[self.last] = [*items, _scalar(item["value"])]
            return True
        pair = _PAIR.match(content)
        if not pair:
            return False
        self.last = pair["key"].strip()
        raw = (pair["value"] or "").strip()
        self.scalar = raw[:1] if raw[:1] in (">", "|") and len(raw.rstrip("+-")) == 1 else None
        self.values[self.last] = "" if self.scalar else _value(raw)
        self.lines[self.last] = number
        return True


def split_front_matter(text: str, *, label: str = "") -> tuple[FrontMatter | None, str]:
    """The front matter at the top of ``text`` and the text after it; ``(None, text)`` when
    the text does not start with a well-formed block. A block that opens like front matter
    (``---`` and a ``key: value`` line) but cannot be read gives a ``MetadataWarning`` naming
    ``label`` and the line, and is left in the text."""
    opening = _OPEN.match(text)
    if not opening:
        return None, text
    block = _Block()
    position = opening.end()
    first = text[:position].count("\n") + 1
    for number, line in enumerate(text[position:].splitlines(keepends=True), start=first):
        position += len(line)
        content = line.rstrip("\r\n")
        if _CLOSE.match(content):
            return (FrontMatter(block.values, block.lines), text[position:]) if block.values else (None, text)
        if not content.strip() or content.lstrip().startswith("#"):
            continue
        if number >= first + _MAX_LINES or not block.add(content, number):
            if block.values:
                why = "no closing ---" if number >= first + _MAX_LINES else f"line {number} is not key: value"
                warnings.warn(f"{label or 'text'}: front matter could not be read ({why}); kept as text",
                              MetadataWarning, stacklevel=2)
            return None, text
    if block.values:
        warnings.warn(f"{label or 'text'}: front matter could not be read (no closing ---); kept as text",
                      MetadataWarning, stacklevel=2)
    return None, text


def front_matter_metadata(front: FrontMatter, *, label: str, lenient: bool = False,
                          given: frozenset[str] = frozenset()) -> DocumentMetadata:
    """The metadata a front-matter block gives; fields in ``given`` (which a manifest row
    states, and which win) are not read. A value that cannot be used raises
    :class:`FrontMatterError` naming the document, the line and the value; with ``lenient`` the
    field is dropped with a :class:`MetadataWarning`."""
    columns = map_columns(list(front.values), need_key=False)

    def problem(message: str) -> None:
        if not lenient:
            raise FrontMatterError(label, message)
        warnings.warn(f"{label}: {message}; the field is left out", MetadataWarning, stacklevel=3)

    fields, extra = read_fields(front.values, columns, problem=problem, skip=given,
                                where=lambda key: f"front matter line {front.lines[key]}: {key}")
    return DocumentMetadata(**fields, extra=extra, origin="front matter")


def _value(raw: str) -> str | list[str]:
    """A value as YAML writes it on one line: a list in brackets, a quoted or a plain scalar."""
    if raw.startswith("["):
        close = _closing_bracket(raw)
        if close is not None:
            return [_scalar(part) for part in _split_list(raw[1:close]) if part.strip()]
    return _scalar(raw)


def _scalar(raw: str) -> str:
    """A quoted value without its quotes; a plain one without a trailing comment (`` # …``)."""
    raw = raw.strip()
    if raw[:1] in ("'", '"'):
        end = raw.find(raw[0], 1)
        if end > 0:
            return raw[1:end]
    comment = re.search(r"\s#", raw)
    return unquote(raw[: comment.start()] if comment else raw)


def _closing_bracket(raw: str) -> int | None:
    quote = None
    for i, char in enumerate(raw):
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "]":
            return i
    return None


def _split_list(inner: str) -> list[str]:
    """The items of ``a, "b, c", d``: commas inside quotes do not split."""
    parts, current, quote = [], "", None
    for char in inner:
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == ",":
            parts.append(current)
            current = ""
            continue
        current += char
    return [*parts, current]
