"""Dates as plain-text scrapes write them, to ISO 8601.

HTML dates come from htmldate; this covers the lines a copy-paste keeps ("November 18, 2024",
"18 Nov 2024 10:32", "2024-11-18T10:32:00Z").
"""

from __future__ import annotations

import re
from datetime import date, datetime

__all__ = ["find_date"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_TIME = r"(?:,?\s*(?:at\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})\s*(?P<ampm>[ap]\.?m\.?)?)?"
_PATTERNS = [
    re.compile(
        r"\b(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})"
        r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?(?:\.\d+)?"
        r"(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
    ),
    re.compile(
        r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b" + _TIME, re.I
    ),
    re.compile(
        r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>\d{4})\b" + _TIME,
        re.I,
    ),
]


def find_date(text: str) -> str | None:
    """The first plausible date in ``text`` as ``YYYY-MM-DD`` (with a time when one is given)."""
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            found = _to_iso(match.groupdict())
            if found:
                return found
    return None


def _to_iso(parts: dict[str, str | None]) -> str | None:
    try:
        year = int(parts["year"] or 0)
        month = int(parts["mon"] or 0) if parts.get("mon") else _MONTHS[(parts["month"] or "").lower()]
        day = date(year, month, int(parts["day"] or 0))
    except (ValueError, KeyError):
        return None
    if not 1900 <= year <= 2100:
        return None
    if not parts.get("hour"):
        return day.isoformat()
    hour, minute = int(parts["hour"] or 0), int(parts["minute"] or 0)
    ampm = (parts.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        moment = datetime(day.year, day.month, day.day, hour, minute, int(parts.get("second") or 0))
    except ValueError:
        return day.isoformat()
    tz = parts.get("tz")
    iso = moment.isoformat()
    if tz:
        iso += "+00:00" if tz == "Z" else (tz if ":" in tz else f"{tz[:3]}:{tz[3:]}")
    return iso
