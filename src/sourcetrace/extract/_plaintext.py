"""Plain-text scrapes → articles: the page chrome a copy-paste drags along is recognised and removed.

A scrape is read as lines. The *header* is everything before the first line that reads as body
text (a long sentence); there the repeated headline is the title, a "by …" line the byline, a
date line the publication date, and what is neither a sentence nor any of these (section
navigation, share buttons, "5 min read") is chrome. In the *body*, a terminal marker ("You may
also like", "Leave a Comment", a copyright line) ends the article; "Read also:" blocks, "Click
here …" lines and the like are dropped where they stand. The patterns live in
``sourcetrace/data/plaintext.json``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from re import Pattern
from typing import Any

from sourcetrace.extract._builder import TextBuilder
from sourcetrace.extract._dates import find_date
from sourcetrace.extract._text import WORD as _WORD
from sourcetrace.extract._text import ends_sentence, word_count
from sourcetrace.model import ParagraphKind

__all__ = ["PlainExtraction", "clean_plaintext"]

_BULLET = re.compile(r"^(?:[-*•·▪►]|\d{1,2}[.)])\s+(?=\S)")
_QUOTE_MARK = re.compile(r"^>\s?")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_TRAILING_BYLINE = re.compile(r"\bby\s+([A-Z][^|•·\d]{1,80}?)\s*$")
_NAV_SEPARATOR = re.compile(r"\s[|>»›/•·]\s")

# A line of at least this many words that ends like a sentence starts the body.
_BODY_MIN_WORDS = 12
# Header lines this long or longer are body even without a final full stop.
_BODY_ANY_WORDS = 30
_HEADING_MAX_WORDS = 14
_READ_ALSO_MAX_HEADLINES = 5


@dataclass(frozen=True)
class _Rules:
    terminal: Pattern[str]
    inline: Pattern[str]
    chrome: Pattern[str]
    byline: Pattern[str]
    date_prefix: Pattern[str]
    outlet_hints: tuple[Pattern[str], ...]
    outlet_hint_stopwords: frozenset[str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    raw: dict[str, Any] = json.loads(
        resources.files("sourcetrace.data").joinpath("plaintext.json").read_text(encoding="utf-8")
    )

    def whole(patterns: list[str]) -> Pattern[str]:
        return re.compile(r"(?:" + "|".join(patterns) + r")\s*", re.IGNORECASE)

    return _Rules(
        terminal=whole(raw["terminal_markers"]),
        inline=re.compile(
            r"(?:" + "|".join(raw["inline_markers"]) + r")(?:\s*:\s*(?P<rest>.*)|\s*\.{0,3})",
            re.IGNORECASE,
        ),
        chrome=whole(raw["chrome_lines"]),
        byline=re.compile(raw["byline"], re.IGNORECASE),
        date_prefix=re.compile(raw["date_prefix"], re.IGNORECASE),
        outlet_hints=tuple(re.compile(p, re.IGNORECASE) for p in raw["outlet_hints"]),
        outlet_hint_stopwords=frozenset(raw["outlet_hint_stopwords"]),
    )


@dataclass
class PlainExtraction:
    builder: TextBuilder
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    outlet_hints: list[str] = field(default_factory=list)
    """Names of the site found in its chrome, most telling first."""
    byline_hints: list[str] = field(default_factory=list)
    """Names found in a staff byline ("by Gazette Staff"): weaker, often shortened."""


@dataclass
class _Line:
    text: str
    blank_before: bool

    @property
    def words(self) -> int:
        return word_count(self.text)

    @property
    def is_sentence(self) -> bool:
        return ends_sentence(self.text) and not self.text.endswith(":")

    @property
    def is_body(self) -> bool:
        return (self.is_sentence and self.words >= _BODY_MIN_WORDS) or self.words >= _BODY_ANY_WORDS


def clean_plaintext(text: str) -> PlainExtraction:
    """Remove the page chrome from a plain-text scrape and find its title, byline and date."""
    lines = _lines(text)
    result = PlainExtraction(TextBuilder())
    if not lines:
        return result
    body_start = next((i for i, line in enumerate(lines) if line.is_body), len(lines))
    header, body = lines[:body_start], lines[body_start:]
    kept_header = _read_header(header, result)
    body = _cut_footer(body, result)
    _assemble(kept_header + body, result)
    return result


def _lines(text: str) -> list[_Line]:
    """The text's logical lines: blank lines dropped (remembered as ``blank_before``) and
    hard-wrapped blocks joined into one line each."""
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    physical: list[_Line] = []
    blank = True
    for raw in text.split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if not line:
            blank = True
            continue
        physical.append(_Line(line, blank))
        blank = False
    logical: list[_Line] = []
    for block in _blocks(physical):
        if _is_wrapped(block):
            logical.append(_Line(" ".join(line.text for line in block), True))
        else:
            logical.extend(block)
    return logical


# -- the header ---------------------------------------------------------------------------------


def _read_header(header: list[_Line], result: PlainExtraction) -> list[_Line]:
    """Take title, byline and date from the header; return the header lines that are content."""
    rules = _rules()
    result.title = _find_title(header)
    kept: list[_Line] = []
    byline_hint = None
    for line in header:
        text = line.text
        if result.title and (text == result.title or text.endswith(" " + result.title)):
            continue  # the headline, or a breadcrumb trail that ends with it
        if result.byline is None and (match := rules.byline.fullmatch(text)):
            result.byline, rest = _split_byline(match.group("name"), match.group("rest"))
            result.published = result.published or find_date(rest or "")
            byline_hint = _outlet_hint(result.byline)
            continue
        if (date := _header_date(text)) is not None:
            result.published = result.published or date
            # "Posted on March 3, 2025 by Chris Adeyemi": a date line that also credits a writer.
            credit = _TRAILING_BYLINE.search(text)
            if result.byline is None and credit:
                result.byline = credit.group(1).strip()
            continue
        if _is_chrome(text) or not line.is_sentence or line.words < 4:
            _harvest_outlet(text, result)
            continue  # navigation, share buttons, labels: nothing a reader reads as the article
        kept.append(line)
    if byline_hint:
        result.byline_hints.append(byline_hint)
    return kept


def _find_title(header: list[_Line]) -> str | None:
    """The repeated headline if there is one (scrapes often hold it two or three times, once at
    the end of a breadcrumb trail); else the last headline-like line before the byline."""
    candidates = [(i, line) for i, line in enumerate(header) if _headline_like(line)]
    if not candidates:
        return None
    counts = Counter(line.text for _, line in candidates)
    for line in header:
        for candidate in counts:
            if line.text != candidate and line.text.endswith(" " + candidate):
                counts[candidate] += 1
    best, n = counts.most_common(1)[0]
    if n >= 2:
        return best
    byline_at = next(
        (i for i, line in enumerate(header) if _rules().byline.fullmatch(line.text)), len(header)
    )
    before = [line for i, line in candidates if i < byline_at and line.words >= 3]
    return (before or [line for _, line in candidates])[-1].text


def _headline_like(line: _Line) -> bool:
    text = line.text
    return (
        2 <= line.words <= 40
        and not text.endswith((".", ":"))
        and not _NAV_SEPARATOR.search(text)
        and not _is_chrome(text)
        and not _rules().byline.fullmatch(text)
        and _header_date(text) is None
    )


def _split_byline(name: str, rest: str | None) -> tuple[str, str | None]:
    name = name.strip(" -–—|,")
    # "By Jane Doe and John Roe, Reuters" keeps the whole credit; a trailing date goes to ``rest``.
    date_at = re.search(r"\b(?:published|updated|posted)\b", name, re.IGNORECASE)
    if date_at:
        rest = name[date_at.start():] + (" " + rest if rest else "")
        name = name[: date_at.start()].strip(" -–—|,")
    if rest and find_date(rest) is None and len(rest.split()) <= 4:
        name, rest = f"{name}, {rest}", None
    return name, rest


def _header_date(text: str) -> str | None:
    if len(text.split()) > 14:
        return None
    stripped = _rules().date_prefix.sub("", text, count=1)
    date = find_date(stripped)
    if date is None:
        return None
    # The line must be mostly the date: a headline that merely mentions one is not a date line.
    leftover = _WORD.findall(re.sub(r"\d", " ", stripped))
    return date if len(leftover) <= 6 else None


def _is_chrome(text: str) -> bool:
    rules = _rules()
    if len(text.split()) > 24:
        return False
    return bool(rules.chrome.fullmatch(text) or rules.terminal.fullmatch(text))


# -- the body -----------------------------------------------------------------------------------


def _cut_footer(body: list[_Line], result: PlainExtraction) -> list[_Line]:
    """Drop chrome inside the body and everything from a terminal marker on."""
    rules = _rules()
    kept: list[_Line] = []
    skip_headlines = 0
    for index, line in enumerate(body):
        text = line.text
        short = line.words <= 24
        if short and rules.terminal.fullmatch(text) and any(k.is_body for k in kept):
            for later in body[index:]:
                _harvest_outlet(later.text, result)
            break
        if short and (match := rules.inline.fullmatch(text)):
            rest = match.group("rest")
            if rest is None or not rest.strip():
                skip_headlines = _READ_ALSO_MAX_HEADLINES
            continue
        if skip_headlines and not line.is_sentence and line.words <= 40:
            skip_headlines -= 1
            continue
        skip_headlines = 0
        if short and rules.chrome.fullmatch(text):
            _harvest_outlet(text, result)
            continue
        kept.append(line)
    while kept and not kept[-1].is_sentence and kept[-1].words <= _HEADING_MAX_WORDS:
        _harvest_outlet(kept.pop().text, result)  # trailing labels and headings with no text after
    return kept


def _harvest_outlet(text: str, result: PlainExtraction) -> None:
    """Chrome often names the site ("© 2024 The Daily Planet"); keep the name as a hint."""
    hint = _outlet_hint(text)
    if hint:
        result.outlet_hints.append(hint)


def _outlet_hint(text: str) -> str | None:
    for pattern in _rules().outlet_hints:
        match = pattern.fullmatch(text)
        if match:
            name = re.sub(r"^the\s+", "", match.group("outlet").strip(" .-–—"))
            words = {w.lower() for w in _WORD.findall(name)}
            return name if words - _rules().outlet_hint_stopwords else None
    return None


# -- paragraphs ---------------------------------------------------------------------------------


def _assemble(lines: list[_Line], result: PlainExtraction) -> None:
    for index, line in enumerate(lines):
        alone = line.blank_before and (index + 1 == len(lines) or lines[index + 1].blank_before)
        text, kind = _kind(line, standalone=alone)
        result.builder.add(text, kind)


def _blocks(lines: list[_Line]) -> list[list[_Line]]:
    blocks: list[list[_Line]] = []
    for line in lines:
        if line.blank_before or not blocks:
            blocks.append([line])
        else:
            blocks[-1].append(line)
    return blocks


def _is_wrapped(block: list[_Line]) -> bool:
    """A block hard-wrapped at a fixed width (older archives, e-mail) is one paragraph.

    Three or more lines whose widths (all but the last) sit close together in a typical
    terminal range; or two lines where the first runs on into a lower-case second.
    """
    if len(block) < 2 or any(_BULLET.match(line.text) or _QUOTE_MARK.match(line.text) for line in block):
        return False
    widths = [len(line.text) for line in block[:-1]]
    if len(block[-1].text) > 100 or not all(40 <= w <= 100 for w in widths):
        return False
    if len(block) == 2:
        return not block[0].is_sentence and block[1].text[:1].islower()
    return max(widths) - min(widths) <= 30


def _kind(line: _Line, *, standalone: bool) -> tuple[str, ParagraphKind]:
    text = line.text
    if _QUOTE_MARK.match(text):
        return _QUOTE_MARK.sub("", text), "quote"
    if bullet := _BULLET.match(text):
        return text[bullet.end():], "list"
    if (
        standalone and not line.is_sentence and line.words <= _HEADING_MAX_WORDS
        and text[:1].isupper() and not text.endswith(",")
    ):
        return text, "heading"
    return text, "paragraph"
