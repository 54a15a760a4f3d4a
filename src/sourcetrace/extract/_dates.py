"""Dates as plain-text scrapes write them, to ISO 8601.

HTML dates come from htmldate; this covers the lines a copy-paste keeps: "November 18, 2024",
"18 Nov 2024 10:32", "9:42 PM EST, November 15, 2023", "18 de noviembre de 2024", "18.11.2024",
"11/18/2024", "2024年11月18日", "2024-11-18T10:32:00Z". Month names, in several languages, and the
small words between the parts ("of", "de") live in ``sourcetrace/data/plaintext.json``.

Numeric dates are read day-first when the first number cannot be a month, month-first when the
second cannot be; otherwise month-first with slashes (the US habit) and day-first with dots and
dashes (the European one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from re import Pattern
from typing import Any

from sourcetrace.data import load_json

__all__ = ["DateMatch", "find_date", "find_dates", "numeric_order", "parse_date"]


@dataclass(frozen=True)
class DateMatch:
    """A date found in a text: where it stands (time included) and its ISO form."""

    start: int
    end: int
    iso: str


def find_date(text: str) -> str | None:
    """The first plausible date in ``text`` as ``YYYY-MM-DD`` (with a time when one is given)."""
    found = find_dates(text)
    return found[0].iso if found else None


def find_dates(text: str) -> list[DateMatch]:
    """Every plausible date in ``text`` in reading order; of overlapping readings, the longest."""
    found: list[DateMatch] = []
    for pattern in _patterns():
        for match in pattern.finditer(text):
            iso = _to_iso(match.groupdict())
            if iso:
                found.append(DateMatch(match.start(), match.end(), iso))
    found.sort(key=lambda d: (d.start, -d.end))
    kept: list[DateMatch] = []
    for candidate in found:
        if not kept or candidate.start >= kept[-1].end:
            kept.append(candidate)
    return kept


_NUMERIC = re.compile(
    r"(?P<n1>\d{1,2})(?P<sep>[./-])(?P<n2>\d{1,2})(?P=sep)(?P<year>\d{4})(?P<rest>.*)", re.S)
_WEEKDAY = re.compile(r"(?i)^(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+(?=\w)")
_ZONE_AFTER = re.compile(
    r"(?P<moment>.*\d(?:\s*[ap]\.?m\.?)?)\s*\(?(?P<zone>(?:UTC|GMT)\s?[+-]\d{1,2}(?::?\d{2})?|[A-Z]{2,5})\)?",
    re.I)
_RFC2822 = re.compile(r"\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}")


def numeric_order(value: str) -> bool | None:
    """For a numeric date (``25/03/2016``): ``True`` when it can only be read day-first,
    ``False`` when only month-first, ``None`` when either way or when it is not such a date."""
    match = _NUMERIC.fullmatch(value.strip())
    if not match:
        return None
    n1, n2 = int(match["n1"]), int(match["n2"])
    if n1 > 12 >= n2:
        return True
    if n2 > 12 >= n1:
        return False
    return None


def parse_date(value: str, *, day_first: bool | None = None) -> str | None:
    """``value`` read whole as a date or date-time, in ISO 8601 (a time zone kept as an offset);
    ``None`` when it is not one, or holds more than a date.

    Takes ISO 8601 (also ``20160311``), RFC 2822 (``Fri, 11 Mar 2016 10:00:00 +0000``) and every
    form :func:`find_dates` reads. ``day_first`` settles numeric dates such as ``03/04/2016``
    that could be read either way; ``None`` leaves it to :func:`find_dates`'s habit.
    """
    text = value.strip()
    if not text:
        return None
    text = _WEEKDAY.sub("", text, count=1)
    zoned = _ZONE_AFTER.fullmatch(text)
    if zoned and zoned["zone"].upper() not in ("AM", "PM"):
        # "2016-03-11 09:30 EST": the zone abbreviation becomes an offset; one not in the table
        # would leave the time in an unknown zone, so the value is not read at all.
        offset = _offset(zoned["zone"])
        moment = parse_date(zoned["moment"], day_first=day_first) if offset else None
        if offset is None or moment is None or "T" not in moment or moment[-6] in "+-":
            return None
        return moment + offset
    numeric = _NUMERIC.fullmatch(text)
    if numeric and day_first is not None:
        # Written again with the separator whose habit is the wanted order: slashes read month
        # first, dots day first (see _day_month); a time after the date stays as it was.
        n1, n2, year = numeric["n1"], numeric["n2"], numeric["year"]
        day, month = (n1, n2) if day_first else (n2, n1)
        text = (f"{day}.{month}.{year}" if day_first else f"{month}/{day}/{year}") + numeric["rest"]
    try:
        if len(text) <= 10 and "T" not in text:
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text).isoformat()
    except ValueError:
        pass
    if _RFC2822.match(text):
        try:
            return parsedate_to_datetime(text).isoformat()
        except (TypeError, ValueError):
            return None
    found = find_dates(text)
    if len(found) != 1 or found[0].start != 0 or found[0].end < len(text.rstrip(".")):
        return None
    if "T" not in found[0].iso and re.search(r"\d:\d\d", text):
        return None  # a time that is not one ("25:00"): the date alone would hide the mistake
    return found[0].iso


def _data() -> dict[str, Any]:
    raw: dict[str, Any] = load_json("plaintext.json")
    return raw


def month_names() -> list[str]:
    """Every month name and abbreviation the date reader knows, in all its languages."""
    return list(_months())


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    return {
        name.lower(): number
        for number, names in enumerate(_data()["dates"]["months"], start=1)
        for name in names
    }


def _either(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> tuple[Pattern[str], ...]:
    words = _data()["dates"]
    month = r"(?P<month>" + _either(list(_months())) + r")(?!\w)\.?"
    ordinal = r"(?:" + _either(words["ordinal_suffixes"]) + r")?\.?"
    of = r"(?:(?:" + _either(words["before_month"]) + r")\s+)?"
    of_year = r"(?:(?:" + _either(words["before_year"]) + r")\s+)?"
    at = r"(?:(?:" + _either(words["before_time"]) + r")\s+)?"
    # A time after the date ("…, 10:32 a.m."), or before it ("9:42 PM EST, November 15, 2023").
    after = (
        r"(?:\s*[,|–—-]?\s*" + at + r"(?P<hour>\d{1,2})[:.h](?P<minute>\d{2})(?![\d%])"
        r"(?::(?P<second>\d{2}))?\s*(?P<ampm>[ap]\.?\s?m\.?(?!\w))?" + _zone("tz") + r")?"
    )
    before = (
        r"(?:(?<![\d.:])(?P<bhour>\d{1,2})[:.h](?P<bminute>\d{2})\s*(?P<bampm>[ap]\.?\s?m\.?(?!\w))?"
        + _zone("btz") + r"\s*[,|–—-]?\s*" + r"(?:on\s+)?)?"
    )
    bodies = [
        r"(?<!\w)" + month + r"\s+(?P<day>\d{1,2})" + ordinal + r",?\s+(?P<year>\d{4})(?!\d)",
        r"(?<![\w.])(?P<day>\d{1,2})" + ordinal + r"\s+" + of + month
        + r",?\s+" + of_year + r"(?P<year>\d{4})(?!\d)",
        r"(?<![\w.])(?P<n1>\d{1,2})(?P<sep>[./-])(?P<n2>\d{1,2})(?P=sep)(?P<year>\d{4})(?!\d)",
        r"(?<!\d)(?P<year>\d{4})\s*[年년]\s*(?P<mon>\d{1,2})\s*[月월]\s*(?P<day>\d{1,2})\s*[日일]",
    ]
    iso = re.compile(
        r"(?<!\d)(?P<year>\d{4})(?P<ysep>[-/.])(?P<mon>\d{1,2})(?P=ysep)(?P<day>\d{1,2})(?!\d)"
        r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?(?:\.\d+)?"
        r"(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
    )
    return (iso, *(re.compile(before + body + after, re.I) for body in bodies))


def _zone(group: str) -> str:
    """A time zone after a time: an offset ("+02:00", "UTC+2", "GMT") or an abbreviation."""
    return (
        r"(?:\s*\(?(?P<" + group + r">Z(?!\w)|(?:UTC|GMT)?\s?[+-]\d{1,2}(?::?\d{2})?(?!\d)"
        r"|(?-i:[A-Z]{2,5})(?!\w))\)?)?"
    )


def _offset(zone: str | None) -> str | None:
    """``+HH:MM`` for a zone, or ``None`` when it is unknown (then the time stays local)."""
    if not zone:
        return None
    zone = zone.replace(" ", "").upper()
    known: dict[str, str] = _data()["dates"]["zones"]
    if zone in known:
        return known[zone]
    match = re.fullmatch(r"(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?", zone)
    if not match:
        return None
    sign, hours, minutes = match.groups()
    return f"{sign}{int(hours):02d}:{minutes or '00'}"


def _day_month(parts: dict[str, str | None]) -> tuple[int, int]:
    if parts.get("n1"):
        first, second = int(parts["n1"] or 0), int(parts["n2"] or 0)
        month_first = parts.get("sep") == "/"
        if first > 12:
            month_first = False
        elif second > 12:
            month_first = True
        return (second, first) if month_first else (first, second)
    if parts.get("mon"):
        return int(parts["day"] or 0), int(parts["mon"] or 0)
    return int(parts["day"] or 0), _months()[(parts["month"] or "").lower()]


def _to_iso(parts: dict[str, str | None]) -> str | None:
    try:
        year = int(parts["year"] or 0)
        day_of_month, month = _day_month(parts)
        day = date(year, month, day_of_month)
    except (ValueError, KeyError):
        return None
    if not 1900 <= year <= 2100:
        return None
    hour_text = parts.get("hour") or parts.get("bhour")
    if not hour_text:
        return day.isoformat()
    hour = int(hour_text)
    minute = int(parts.get("minute") or parts.get("bminute") or 0)
    ampm = re.sub(r"[.\s]", "", parts.get("ampm") or parts.get("bampm") or "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        moment = datetime(day.year, day.month, day.day, hour, minute, int(parts.get("second") or 0))
    except ValueError:
        return day.isoformat()
    return moment.isoformat() + (_offset(parts.get("tz") or parts.get("btz")) or "")
