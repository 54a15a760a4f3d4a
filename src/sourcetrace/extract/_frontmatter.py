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
from dataclasses import dataclass

from sourcetrace.errors import FrontMatterError, MetadataWarning
from sourcetrace.extract._fields import FieldError, extra_value, map_columns, normalise, shown
from sourcetrace.model import DocumentMetadata

__all__ = ["FrontMatter", "front_matter_metadata", "split_front_matter"]

_OPEN = re.compile(r"\A\ufeff?[ \t]*\r?\n?---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_PAIR = re.compile(r"^(?P<key>[A-Za-z_][\w .-]{0,40}?)[ \t]*:(?:[ \t]+(?P<value>.*?))?[ \t]*$")
_ITEM = re.compile(r"^[ \t]+-[ \t]+(?P<value>.*?)[ \t]*$")
_MAX_LINES = 100


@dataclass(frozen=True)
class FrontMatter:
    """The block's values by key (lists for YAML lists), with the line each key stands on."""

    values: dict[str, str | list[str]]
    lines: dict[str, int]


def split_front_matter(text: str) -> tuple[FrontMatter | None, str]:
    """The front matter at the top of ``text`` and the text after it; ``(None, text)`` when
    the text does not start with a well-formed block."""
    opening = _OPEN.match(text)
    if not opening:
        return None, text
    values: dict[str, str | list[str]] = {}
    lines: dict[str, int] = {}
    last: str | None = None
    position = opening.end()
    first = text[:position].count("\n") + 1
    for number, line in enumerate(text[position:].splitlines(keepends=True), start=first):
        if number > first + _MAX_LINES:
            return None, text
        position += len(line)
        content = line.rstrip("\r\n")
        if _CLOSE.match(content):
            return (FrontMatter(values, lines), text[position:]) if values else (None, text)
        if not content.strip() or content.lstrip().startswith("#"):
            continue
        if (item := _ITEM.match(content)) and last is not None:
            previous = values[last]
            values[last] = [*(previous if isinstance(previous, list) else [previous] if previous else []),
                            _unquote(item["value"])]
            continue
        pair = _PAIR.match(content)
        if not pair:
            return None, text
        last = pair["key"].strip()
        values[last] = _value(pair["value"] or "")
        lines[last] = number
    return None, text


def front_matter_metadata(front: FrontMatter, *, label: str, lenient: bool = False) -> DocumentMetadata:
    """The metadata a front-matter block gives. A value that cannot be used raises
    :class:`FrontMatterError` naming the document, the line and the value; with ``lenient`` the
    field is dropped with a :class:`MetadataWarning`."""
    columns = map_columns(list(front.values), need_key=False)
    fields: dict[str, str | None] = {}
    for field_name, key in columns.fields.items():
        value = front.values[key]
        try:
            fields[field_name] = normalise(field_name, value)
        except FieldError as exc:
            message = f"front matter line {front.lines[key]}: {key} {shown(value)} is {exc.reason}"
            if not lenient:
                raise FrontMatterError(label, message) from exc
            warnings.warn(f"{label}: {message}; the field is left out", MetadataWarning, stacklevel=2)
    extra = {key: text for key in columns.extra if (text := extra_value(front.values[key])) is not None}
    return DocumentMetadata(**fields, extra=extra, origin="front matter")


def _value(raw: str) -> str | list[str]:
    raw = raw.strip()
    if raw[:1] not in ("'", '"') and (comment := re.search(r"\s#", raw)):
        raw = raw[: comment.start()].rstrip()  # "nyt  # the Times": a comment, as in YAML
    if raw.startswith("[") and raw.endswith("]"):
        return [_unquote(part) for part in raw[1:-1].split(",") if part.strip()]
    return _unquote(raw)


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value
