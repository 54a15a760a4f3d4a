"""Wire copy: which news agency's story an article is, from the marks agencies leave on it.

A dateline near the top ("WASHINGTON (AP) —", "NEW YORK, Nov. 19 (UPI) —"), a byline that is an
agency ("By The Associated Press", "Reuters Staff"), or a credit line at the end that only one
agency writes ("(Reporting by …; Editing by …)" is Reuters'). A bracketed name counts only when
the outlet table knows it as a news agency, so "(CNN) —" is not wire copy. The patterns are data:
``sourcetrace/data/metadata.json``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from re import Pattern
from typing import Any

from sourcetrace.data import load_json
from sourcetrace.extract.outlets import OutletTable

__all__ = ["detect_wire"]


@lru_cache(maxsize=1)
def _rules() -> tuple[Pattern[str], list[tuple[Pattern[str], str | None]], frozenset[str], dict[str, Any]]:
    data: dict[str, Any] = load_json("metadata.json")["wire"]
    credits = [(re.compile(c["pattern"], re.I), c["agency"]) for c in data["credits"]]
    return re.compile(data["dateline"]), credits, frozenset(data["byline_noise"]), data


def detect_wire(paragraphs: Sequence[str], *, byline: str | None, outlets: OutletTable,
                head: Sequence[str] = ()) -> str | None:
    """The canonical name of the agency whose copy this is, or ``None``. ``head`` holds lines
    from the top of the document as it was read, before cleaning: a plain-text cleaner may take a
    dateline for page chrome."""
    dateline, credits, noise, data = _rules()
    for paragraph in (*head[: data["head_paragraphs"] * 2], *paragraphs[: data["head_paragraphs"]]):
        match = dateline.match(paragraph)
        if match and (agency := _agency(match["agency"], outlets)):
            return agency
    if byline and (agency := _byline_agency(byline, noise, outlets)):
        return agency
    for paragraph in reversed(paragraphs[-data["tail_paragraphs"]:]):
        line = paragraph.strip()
        for pattern, named in credits:
            found = pattern.match(line)
            if found and (agency := _agency(named or found["agency"], outlets)):
                return agency
    return None


def _agency(name: str, outlets: OutletTable) -> str | None:
    outlet = outlets.by_name(name.strip())
    return outlet.name if outlet is not None and outlet.kind == "agency" else None


def _byline_agency(byline: str, noise: frozenset[str], outlets: OutletTable) -> str | None:
    """The agency a byline names with nothing else in it but words like "By" and "Staff"
    ("By The Associated Press"), or after the writers' names ("By Jill Colvin, Associated Press")."""
    for part in dict.fromkeys((byline, re.split(r",|\s[-–—|]\s", byline)[-1])):
        words = [w for w in part.split() if w.lower().strip(".") not in noise]
        if words and (agency := _agency(" ".join(words), outlets)):
            return agency
    return None
