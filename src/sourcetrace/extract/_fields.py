"""The fields of user-supplied metadata: which column holds which field, and each value checked
and normalised. Shared by manifests and front matter; the column names and the words for "not
stated" are data (``sourcetrace/data/metadata.json``)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sourcetrace.data import load_json
from sourcetrace.extract._dates import parse_date
from sourcetrace.extract._language import iso639_1
from sourcetrace.extract.outlets import domain_of

__all__ = [
    "Columns", "FieldError", "extra_value", "fold", "is_missing", "map_columns", "normalise",
    "read_fields", "shown", "unquote",
]


class FieldError(ValueError):
    """A value that cannot be used for its field; ``reason`` says why, for a user."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def fold(name: str) -> str:
    """A column name as it is compared: lower case, letters and digits only."""
    return "".join(c for c in name.casefold() if c.isalnum())


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    data: dict[str, Any] = load_json("metadata.json")
    return data


_MAX_NAME = 200  # characters: an outlet or agency name longer than this is a shifted column


@lru_cache(maxsize=1)
def _missing() -> frozenset[str]:
    return frozenset(_data()["missing"])


def is_missing(value: Any) -> bool:
    """Whether ``value`` means "not stated": empty, ``None``, ``NA``, ``null`` and the like."""
    return value is None or (isinstance(value, str) and value.strip().lower() in _missing())


@dataclass(frozen=True)
class Columns:
    """Which column is the key, which holds each field, and which are extra (names as given)."""

    key: str
    fields: dict[str, str] = field(default_factory=dict)
    extra: tuple[str, ...] = ()


def map_columns(headers: Sequence[str], *, need_key: bool = True) -> Columns:
    """Read a header: each field takes its most specific column; the key column is the first of
    the known key names present, else the URL column, else the first column when it holds no
    field; the rest are extra. A header with no usable key column is a :class:`FieldError`."""
    folded = {h: fold(h) for h in headers}
    fields: dict[str, str] = {}
    for name, synonyms in _data()["fields"].items():
        for synonym in synonyms:
            found = [h for h in headers if folded[h] == synonym and h not in fields.values()]
            if found:
                fields[name] = found[0]
                break
    key = ""
    if need_key:
        named = [h for name in _data()["key"] for h in headers if folded[h] == name]
        first = headers[0] if headers and headers[0] not in fields.values() else None
        key = next(iter(named), None) or fields.get("url") or first or ""
        if not key:
            raise FieldError("no key column: name one path, filename or id (or give a url column)")
    used = {key, *fields.values()}
    return Columns(key=key, fields=fields, extra=tuple(h for h in headers if h not in used))


def read_fields(record: Mapping[str, Any], columns: Columns, *, where: Callable[[str], str],
                problem: Callable[[str], None], day_first: bool | None = None,
                skip: frozenset[str] = frozenset()) -> tuple[dict[str, str | None], dict[str, str]]:
    """The fields and extra columns of one row (or front-matter block). A value that cannot be
    used goes to ``problem`` as a message (``where(column)`` says where it stands), which raises
    or warns; fields in ``skip`` are left unread (another source gives them)."""
    values: dict[str, str | None] = {}
    for name, column in columns.fields.items():
        if name in skip:
            continue
        value = record.get(column)
        try:
            values[name] = normalise(name, value, day_first=day_first)
        except FieldError as exc:
            problem(f"{where(column)} {shown(value)} is {exc.reason}")
    extra = {column: text for column in columns.extra
             if (text := extra_value(record.get(column))) is not None}
    return values, extra


def unquote(value: str) -> str:
    """A value without the quotes around it, if it has any (``"nyt"`` → ``nyt``)."""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def shown(value: Any, limit: int = 60) -> str:
    """A value as an error message quotes it: on one line, cut when long."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def normalise(name: str, value: Any, *, day_first: bool | None = None) -> str | None:
    """The value of field ``name`` as an article holds it, or ``None`` when it says "not
    stated"; a value that cannot be that field raises :class:`FieldError`."""
    if is_missing(value):
        return None
    if name == "byline" and isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = ", ".join(v.strip() for v in value if not is_missing(v))
        return value or None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise FieldError(f"a JSON {_json_type(value)} where {name} needs a text")
    text = " ".join(str(value).split())
    if name == "published":
        iso = parse_date(text, day_first=day_first)
        if iso is None:
            raise FieldError("not a date or date-time sourcetrace can read (use ISO 8601: 2016-03-11 or "
                             "2016-03-11T09:30:00-05:00)")
        return iso
    if name == "url":
        if not text.lower().startswith(("http://", "https://")) or domain_of(text) is None:
            raise FieldError("not an absolute http(s) URL")
        return text
    if name == "language":
        return _language(text)
    if len(text) > _MAX_NAME and name in ("outlet", "wire"):
        raise FieldError(f"{len(text)} characters long, too long for a name (is a column shifted?)")
    return text


def extra_value(value: Any) -> str | None:
    """An extra column's value as text (JSON for lists and objects), ``None`` when not stated."""
    if is_missing(value):
        return None
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _language(text: str) -> str:
    names: dict[str, str] = _data()["languages"]
    if text.lower() in names:
        return names[text.lower()]
    code = iso639_1(text)
    if code in _codes():
        return str(code)
    raise FieldError("not an ISO 639-1 language code (en, en-US, eng) or an English language name")


@lru_cache(maxsize=1)
def _codes() -> frozenset[str]:
    return frozenset(_data()["iso639_1"].split())


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__
