"""The fields of user-supplied metadata: which column holds which field, and each value checked
and normalised. Shared by manifests and front matter; the column names and the words for "not
stated" are data (``sourcetrace/data/metadata.json``)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sourcetrace.data import load_json
from sourcetrace.extract._dates import parse_date
from sourcetrace.extract.outlets import domain_of

__all__ = [
    "Columns", "FieldError", "extra_value", "fold", "is_missing", "map_columns", "normalise",
    "shown",
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
    """Read a header: the key column is the first of the known key names present (else the first
    column); each field takes its most specific column; the rest are extra."""
    folded = {h: fold(h) for h in headers}
    key = headers[0] if headers else ""
    for name in _data()["key"]:
        found = [h for h in headers if folded[h] == name]
        if found:
            key = found[0]
            break
    if not need_key:
        key = ""
    fields: dict[str, str] = {}
    for name, synonyms in _data()["fields"].items():
        for synonym in synonyms:
            found = [h for h in headers if folded[h] == synonym and h not in fields.values()]
            if found:
                fields[name] = found[0]
                break
    used = {key, *fields.values()}
    return Columns(key=key, fields=fields, extra=tuple(h for h in headers if h not in used))


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
    code = re.split(r"[-_]", text)[0].lower()
    if len(code) == 3 and code.isalpha():
        iso639_2: dict[str, str] = load_json("stopwords.json")["iso639_2"]
        if code in iso639_2:
            return iso639_2[code]
    if len(code) == 2 and code.isascii() and code.isalpha():
        return code
    raise FieldError("not a language code (en, en-US, eng) or an English language name")


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__
