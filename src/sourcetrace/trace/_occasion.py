"""Where and when a report places a statement: the medium ("told CNN", "in an interview with Fox
News"), the kind of event ("at a rally", "in a statement"), the place (a US state or a country:
"at a rally in Iowa") and the date ("on Sunday", "last week", "on March 3", read against the
article's date). Read from the attribution's sentence outside its content, so that what the
speaker says is never taken for where they said it.

Two occasions disagree on a facet only when both state it: a report that gives no date does not
disagree with one that does.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from sourcetrace.extract.outlets import default_outlets, name_key
from sourcetrace.trace._graph import _day
from sourcetrace.trace._wording import lexicon

__all__ = ["Occasion", "conflicts", "occasion"]

_WEEKDAYS = [d.lower() for d in calendar.day_name]
_MONTHS = [m.lower() for m in calendar.month_name if m]
_CAPITALISED = r"[A-Z][\w'’.&-]*"


@dataclass(frozen=True, slots=True)
class Occasion:
    """What a report says of the occasion; each facet ``None`` when it says nothing of it.
    ``dates`` is the first and last day it can mean; ``said`` the words each facet was read from."""

    medium: str | None = None
    event: str | None = None
    place: str | None = None
    dates: tuple[date, date] | None = None
    said: tuple[tuple[str, str], ...] = ()

    def words(self, facet: str) -> str:
        return next((text for name, text in self.said if name == facet), "")


def occasion(sentence: str, skip: Sequence[tuple[int, int]], published: str | None) -> Occasion:
    """The occasion a sentence gives, without the stretches ``skip`` (offsets in ``sentence``:
    the claim's content and its source)."""
    chars = list(sentence)
    for start, end in skip:
        chars[max(start, 0) : max(end, 0)] = " " * (max(end, 0) - max(start, 0))
    text = "".join(chars)
    said: list[tuple[str, str]] = []
    medium = _medium(text, said)
    event = _event(text, said)
    place = _place(text, said)
    dates = _dates(text, _day(published), said)
    return Occasion(medium, event, place, dates, tuple(said))


def conflicts(a: Occasion, b: Occasion) -> list[str]:
    """The facets on which two occasions disagree: ``medium``, ``event``, ``place``, ``date``."""
    found = []
    if a.medium and b.medium and a.medium != b.medium:
        found.append("medium")
    if a.event and b.event and a.event != b.event and not _compatible(a.event, b.event):
        found.append("event")
    if a.place and b.place and a.place != b.place:
        found.append("place")
    if a.dates and b.dates and (a.dates[1] + timedelta(days=1) < b.dates[0]
                                or b.dates[1] + timedelta(days=1) < a.dates[0]):
        found.append("date")
    return found


def _medium(text: str, said: list[tuple[str, str]]) -> str | None:
    words = "|".join(lexicon()["media_words"])
    run = rf"(?:the\s+)?{_CAPITALISED}(?:\s+{_CAPITALISED}){{0,3}}"
    pattern = rf"\b(?:{words})\s+(?:an?\s+interview\s+(?:with|on)\s+)?({run})"
    outlets = default_outlets()
    for match in re.finditer(pattern, text):
        names = match.group(1).replace("’s", "").replace("'s", "").split()
        for n in range(len(names), 0, -1):
            found = outlets.by_name(" ".join(names[:n]))
            if found:
                said.append(("medium", match.group().strip()))
                return name_key(found.name)
    return None


def _event(text: str, said: list[tuple[str, str]]) -> str | None:
    pattern, events = _events()
    match = pattern.search(text.lower())
    if match is None:
        return None
    said.append(("event", text[match.start() : match.end()]))
    return events[match.group()]


@lru_cache(maxsize=1)
def _events() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every event phrase (the longest first, so "campaign rally" wins over
    "rally" where both start), and the event each phrase names."""
    events = {phrase: event for event, phrases in lexicon()["events"].items() for phrase in phrases}
    alternatives = "|".join(re.escape(p) for p in sorted(events, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b"), events


def _place(text: str, said: list[tuple[str, str]]) -> str | None:
    match = re.search(rf"\b(?:in|at)\s+(?:the\s+)?({_places()})\b(?!\s+{_CAPITALISED})", text)
    if not match:
        return None
    said.append(("place", match.group().strip()))
    return match.group(1)


@lru_cache(maxsize=1)
def _places() -> str:
    names = sorted(lexicon()["places"], key=len, reverse=True)
    return "|".join(re.escape(n) for n in names)


def _dates(text: str, published: date | None, said: list[tuple[str, str]]) -> tuple[date, date] | None:
    """The days the text's time words can mean, read against the publication date."""
    if published is None:
        return None
    lowered = text.lower()
    months = "|".join(_MONTHS)
    if match := re.search(rf"\b({months})\.?\s+(\d{{1,2}})\b(?:,?\s+(\d{{4}}))?", lowered):
        day = _calendar(published, _MONTHS.index(match.group(1)) + 1, int(match.group(2)), match.group(3))
        if day:
            said.append(("date", text[match.start() : match.end()]))
            return day, day
    found = _relative(lowered, published)
    if found:
        span, days = found
        said.append(("date", text[span[0] : span[1]]))
        return days
    return None


def _relative(lowered: str, published: date) -> tuple[tuple[int, int], tuple[date, date]] | None:
    weekdays = "|".join(_WEEKDAYS)
    rules: list[tuple[str, Any]] = [
        (r"\byesterday\b", lambda m: _one(published - timedelta(days=1))),
        (r"\b(?:today|this morning|this afternoon|tonight|earlier today)\b", lambda m: _one(published)),
        (r"\blast week\b", lambda m: (published - timedelta(days=published.weekday() + 7),
                                      published - timedelta(days=published.weekday() + 1))),
        (r"\bthis week\b", lambda m: (published - timedelta(days=published.weekday()), published)),
        (r"\blast month\b", lambda m: _month_before(published)),
        (r"\b(?:earlier )?this month\b", lambda m: (published.replace(day=1), published)),
        (rf"\b(last\s+)?({weekdays})\b",
         lambda m: _weekday(published, _WEEKDAYS.index(m.group(2)), bool(m.group(1)))),
    ]
    for pattern, days in rules:
        if match := re.search(pattern, lowered):
            return match.span(), days(match)
    return None


def _one(day: date) -> tuple[date, date]:
    return day, day


def _weekday(published: date, weekday: int, last: bool) -> tuple[date, date]:
    """The latest ``weekday`` on or before the publication date ("Sunday"); "last Sunday" may
    also mean the one before it."""
    back = (published.weekday() - weekday) % 7
    day = published - timedelta(days=back)
    return (day - timedelta(days=7), day) if last else (day, day)


def _month_before(published: date) -> tuple[date, date]:
    last = published.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


def _calendar(published: date, month: int, day: int, year: str | None) -> date | None:
    try:
        found = date(int(year) if year else published.year, month, day)
    except ValueError:
        return None
    if not year and found > published + timedelta(days=1):
        found = found.replace(year=found.year - 1) if not (month == 2 and day == 29) else found
    return found



def _compatible(a: str, b: str) -> bool:
    return any(a in group and b in group for group in lexicon()["compatible_events"])
