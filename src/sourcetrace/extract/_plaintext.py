"""Plain-text scrapes → articles: the page chrome a copy-paste drags along is recognised and removed.

A scrape is read as lines. The *header* is everything before the first line that reads as body
text (a long sentence); there the repeated headline is the title, a "by …" line the byline, a
date line the publication date, and what is neither a sentence nor any of these (section
navigation, share buttons, "5 min read") is chrome. In the *body*, a terminal marker ("You may
also like", "Leave a Comment", a copyright line) ends the article; "Read also:" blocks, "Click
here …" lines, newsletter pitches and the like are dropped where they stand. A marker is a label,
never a sentence: a body line that reads as a sentence of more than a few words stays text
whatever it starts with. The patterns live in ``sourcetrace/data/plaintext.json``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from re import Pattern
from typing import Any

from sourcetrace.data import load_json
from sourcetrace.extract._builder import TextBuilder
from sourcetrace.extract._dates import DateMatch, find_dates
from sourcetrace.extract._text import WORD as _WORD
from sourcetrace.extract._text import ends_sentence, word_count
from sourcetrace.model import ParagraphKind

__all__ = ["PlainExtraction", "clean_plaintext"]

_BULLET = re.compile(r"^(?:[-*•·▪►]|\d{1,2}[.)])\s+(?=\S)")
_QUOTE_MARK = re.compile(r"^>\s?")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")

# A line of at least this many words that ends like a sentence starts the body.
_BODY_MIN_WORDS = 12
# Header lines this long or longer are body even without a final full stop.
_BODY_ANY_WORDS = 30
_HEADING_MAX_WORDS = 14
_READ_ALSO_MAX_HEADLINES = 5
_TEASER_MIN_WORDS = 5
# Wrapped text fills its lines to at least this share of the widest one, which is this wide.
_WRAP_FILL = 0.7
_MIN_WRAP_WIDTH = 25
# Markers and chrome are labels: a line longer than this is never one, and a sentence longer
# than the second figure is never a terminal marker ("More from the minister is expected.").
_MARKER_MAX_WORDS = 24
_MARKER_MAX_SENTENCE_WORDS = 6
# The headline sits near the body; only this many header lines are searched for it.
_TITLE_SCAN_LINES = 40
# A date line holds little besides its date and labels: a time zone, a weekday, a name.
_DATE_LINE_MAX_WORDS = 14
_DATE_LINE_MAX_OTHER_WORDS = 4
# Date labels rank the dates they introduce: "Published" beats no label beats "Updated".
_PUBLISHED, _UNLABELLED, _UPDATED = 0, 1, 2


@dataclass(frozen=True)
class _Rules:
    terminal: Pattern[str]
    notice: Pattern[str]
    inline: Pattern[str]
    chrome: Pattern[str]
    byline: Pattern[str]
    byline_name_prefixes: frozenset[str]
    byline_name_particles: frozenset[str]
    byline_not_names: frozenset[str]
    trailing_byline: Pattern[str]
    nav_separator: Pattern[str]
    date_prefix: Pattern[str]
    outlet_hints: tuple[Pattern[str], ...]
    outlet_hint_stopwords: frozenset[str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    raw: dict[str, Any] = load_json("plaintext.json")

    def whole(patterns: list[str]) -> Pattern[str]:
        return re.compile(r"(?:" + "|".join(patterns) + r")\s*", re.IGNORECASE)

    def one(key: str) -> Pattern[str]:
        return re.compile(raw[key], re.IGNORECASE)

    return _Rules(
        terminal=whole(raw["terminal_markers"]),
        notice=whole(raw["notices"]),
        inline=re.compile(
            r"(?:" + "|".join(raw["inline_markers"]) + r")(?:\s*[:：]\s*(?P<rest>.*)|\s*\.{0,3})",
            re.IGNORECASE,
        ),
        chrome=whole(raw["chrome_lines"]),
        byline=one("byline"),
        byline_name_prefixes=frozenset(raw["byline_name_prefixes"]),
        byline_name_particles=frozenset(raw["byline_name_particles"]),
        byline_not_names=frozenset(raw["byline_not_names"]),
        trailing_byline=one("trailing_byline"),
        nav_separator=one("nav_separator"),
        date_prefix=one("date_prefix"),
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
    # Measured once: every rule below asks these again and again.
    words: int = field(init=False)
    is_sentence: bool = field(init=False)
    is_body: bool = field(init=False)

    def __post_init__(self) -> None:
        self.words = word_count(self.text)
        self.is_sentence = ends_sentence(self.text) and not self.text.endswith((":", "："))
        self.is_body = (
            (self.is_sentence and self.words >= _BODY_MIN_WORDS) or self.words >= _BODY_ANY_WORDS
        )


def clean_plaintext(text: str) -> PlainExtraction:
    """Remove the page chrome from a plain-text scrape and find its title, byline and date."""
    lines = _lines(text)
    result = PlainExtraction(TextBuilder())
    if not lines:
        return result
    body_start = next((i for i, line in enumerate(lines) if line.is_body), len(lines))
    header, body = lines[:body_start], lines[body_start:]
    # The headline is just above the body; with no body found, at the top of the page.
    zone = header[-_TITLE_SCAN_LINES:] if body else header[:_TITLE_SCAN_LINES]
    result.title = _find_title(zone)
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
    indent = 0
    for raw in text.split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if not line:
            blank = True
            continue
        # A line indented deeper than the one before starts a paragraph, as a blank line does.
        deeper = len(raw) - len(raw.lstrip())
        physical.append(_Line(line, blank or deeper > indent))
        blank, indent = False, deeper
    logical: list[_Line] = []
    for block in _blocks(physical):
        if _is_wrapped(block):
            logical.append(_Line(" ".join(line.text for line in block), True))
        else:
            logical.extend(_rejoin(block))
    return logical


# -- the header ---------------------------------------------------------------------------------


def _read_header(header: list[_Line], result: PlainExtraction) -> list[_Line]:
    """Take byline and date from the header; return the header lines that are content."""
    kept: list[_Line] = []
    dates: list[tuple[int, str]] = []
    byline_hint = None
    for line in header:
        text = line.text
        if result.title and (text == result.title or text.endswith(" " + result.title)):
            continue  # the headline, or a breadcrumb trail that ends with it
        if result.byline is None and (credit := _byline(text)):
            result.byline, rest = credit
            dates += _ranked_dates(rest or "")
            byline_hint = _outlet_hint(result.byline)
            continue
        if line_dates := _date_line(text):
            dates += line_dates
            # "Posted on March 3, 2025 by Chris Adeyemi": a date line that also credits a writer.
            trailing = _rules().trailing_byline.search(text)
            if result.byline is None and trailing:
                result.byline = trailing.group("name").strip()
            continue
        if _is_chrome(line) or not line.is_sentence or line.words < 4:
            _harvest_outlet(text, result)
            continue  # navigation, share buttons, labels: nothing a reader reads as the article
        kept.append(line)
    if dates:
        result.published = min(dates, key=lambda ranked: ranked[0])[1]  # the first of the best
    if byline_hint:
        result.byline_hints.append(byline_hint)
    return kept


def _find_title(zone: list[_Line]) -> str | None:
    """The repeated headline if there is one (scrapes often hold it two or three times, once at
    the end of a breadcrumb trail); else the last headline-like line before the byline."""
    candidates = [(i, line) for i, line in enumerate(zone) if _headline_like(line)]
    if not candidates:
        return None
    counts = Counter(line.text for _, line in candidates)
    for line in zone:  # a zone of at most _TITLE_SCAN_LINES lines, each tested against each candidate
        for candidate in list(counts):
            if line.text != candidate and line.text.endswith(" " + candidate):
                counts[candidate] += 1
    best, n = counts.most_common(1)[0]
    if n >= 2:
        return best
    byline_at = next((i for i, line in enumerate(zone) if _byline(line.text)), len(zone))
    before = [line for i, line in candidates if i < byline_at and line.words >= 3]
    return (before or [line for _, line in candidates])[-1].text


def _headline_like(line: _Line) -> bool:
    text = line.text
    return (
        2 <= line.words <= 40
        and not text.endswith((".", ":", "。", "："))
        and not _rules().nav_separator.search(text)
        and not _is_chrome(line)
        and _byline(text) is None
        and not _date_line(text)
    )


def _byline(text: str) -> tuple[str, str | None] | None:
    """``(name, rest)`` when the line credits a writer: "By Jane Doe | Reuters", "Por Ana García".

    Other languages' "by" (por, par, von, di, de) are ordinary words too, so after them the name
    must look like one: capitalised words, no question word ("Por qué …" is a headline).
    """
    rules = _rules()
    match = rules.byline.fullmatch(text)
    if not match:
        return None
    if match.group("prefix").lower() in rules.byline_name_prefixes and not _name_shaped(match["name"]):
        return None
    return _split_byline(match.group("credit"))


def _name_shaped(text: str) -> bool:
    """Capitalised words ("Ana García", "Jan de Vries"), not a question ("qué Rusia …")."""
    rules = _rules()
    words = text.split()
    return (
        0 < len(words) <= 8 and words[0].lower() not in rules.byline_not_names
        and all(not w[:1].islower() or w in rules.byline_name_particles for w in words)
    )


def _split_byline(credit: str) -> tuple[str, str | None] | None:
    """The credit's names and what follows them. It runs on over affiliations and further names
    ("Jane Doe and John Roe, Reuters", "Jane Doe, John Roe and Ann Poe") up to chrome ("| 5 min
    read") or a date, which goes to the rest with everything after it."""
    rest = None
    dates = find_dates(credit)
    if dates:
        cut = dates[0].start
        label = next((m for m in _rules().date_prefix.finditer(credit) if m.end() == cut), None)
        cut = label.start() if label else cut
        credit, rest = credit[:cut], credit[cut:]
    parts = [part.strip(" -–—") for part in re.split(r"[|•·,]", credit)]
    parts = [part for part in parts if part]
    if not parts:
        return None
    names = parts[:1]
    for part in parts[1:]:
        if _is_chrome(_Line(part, False)) or not (len(part.split()) <= 4 or _name_shaped(part)):
            break
        names.append(part)
    return ", ".join(names), rest


def _ranked_dates(text: str) -> list[tuple[int, str]]:
    """The dates in ``text``, each ranked by the nearest "published"/"updated" label before it."""
    return _rank(find_dates(text), list(_rules().date_prefix.finditer(text)))


def _rank(dates: list[DateMatch], labels: list[re.Match[str]]) -> list[tuple[int, str]]:
    ranked = []
    for found in dates:
        label = next((m for m in reversed(labels) if m.lastgroup and m.end() <= found.start), None)
        rank = _UNLABELLED if label is None else (
            _PUBLISHED if label.lastgroup == "published" else _UPDATED
        )
        ranked.append((rank, found.iso))
    return ranked


def _date_line(text: str) -> list[tuple[int, str]]:
    """The ranked dates of a line that is mostly dates and their labels ("Updated 9:42 PM EST,
    November 15, 2023"); empty for any other line, such as a headline that mentions a date."""
    if len(text.split()) > _DATE_LINE_MAX_WORDS:
        return []
    dates = find_dates(text)
    if not dates:
        return []
    labels = list(_rules().date_prefix.finditer(text))
    leftover = list(text)
    for start, end in [(d.start, d.end) for d in dates] + [m.span() for m in labels]:
        leftover[start:end] = " " * (end - start)
    others = _WORD.findall(re.sub(r"\d", " ", "".join(leftover)))
    return _rank(dates, labels) if len(others) <= _DATE_LINE_MAX_OTHER_WORDS else []


def _is_terminal(line: _Line) -> bool:
    """A label that ends the article ("You may also like", "© 2024 …")."""
    rules = _rules()
    if line.words > _MARKER_MAX_WORDS:
        return False
    if rules.notice.fullmatch(line.text):
        return True
    if line.is_sentence and line.words > _MARKER_MAX_SENTENCE_WORDS:
        return False
    return bool(rules.terminal.fullmatch(line.text))


def _is_chrome(line: _Line) -> bool:
    if line.words > _MARKER_MAX_WORDS:
        return False
    return bool(_rules().chrome.fullmatch(line.text)) or _is_terminal(line)


# -- the body -----------------------------------------------------------------------------------


def _cut_footer(body: list[_Line], result: PlainExtraction) -> list[_Line]:
    """Drop chrome inside the body and everything from a terminal marker on."""
    rules = _rules()
    kept: list[_Line] = []
    skip_headlines = 0
    seen_body = False
    for index, line in enumerate(body):
        text = line.text
        short = line.words <= _MARKER_MAX_WORDS
        if seen_body and _is_terminal(line):
            for later in body[index:]:
                _harvest_outlet(later.text, result)
            break
        if short and (match := rules.inline.fullmatch(text)):
            rest = match.group("rest")
            if rest is None or not rest.strip():
                skip_headlines = _READ_ALSO_MAX_HEADLINES
            continue
        # Teaser headlines run to several words; a shorter label is the article's own subheading.
        if skip_headlines and not line.is_sentence and _TEASER_MIN_WORDS <= line.words <= 40:
            skip_headlines -= 1
            continue
        skip_headlines = 0
        if short and rules.chrome.fullmatch(text):
            _harvest_outlet(text, result)
            continue
        kept.append(line)
        seen_body = seen_body or line.is_body
    while kept and _trailing_chrome(kept[-1]):
        _harvest_outlet(kept.pop().text, result)
    return kept


def _trailing_chrome(line: _Line) -> bool:
    """Chrome, or a heading with no text after it, at the very end of the body. Lists, quotes,
    credit lines ("Reporting by …; Editing by …") and lines that introduce something stay."""
    text = line.text
    long_sentence = line.is_sentence and line.words > _MARKER_MAX_SENTENCE_WORDS
    if _is_chrome(line) or (not long_sentence and _outlet_hint(text)):
        return True
    if line.is_sentence or line.words > _HEADING_MAX_WORDS or text.endswith((":", "：", ",")):
        return False
    if _BULLET.match(text) or _QUOTE_MARK.match(text):
        return False
    if _byline(text) or _rules().trailing_byline.search(text):
        return False
    return text[:1].isalnum() and not text[:1].islower()


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
    terminal range, one of them running on into the next; or two lines where the first runs on
    into a lower-case second. A headline, byline and date typed one under the other (the usual
    copy-paste of a page's top) are not a paragraph: a byline or date line is never joined.
    """
    if len(block) < 2 or any(_BULLET.match(line.text) or _QUOTE_MARK.match(line.text) for line in block):
        return False
    widths = [len(line.text) for line in block[:-1]]
    if len(block[-1].text) > 100 or not all(40 <= w <= 100 for w in widths):
        return False
    if any(_stands_alone(line, after) for line, after in zip(block, [*block[1:], None], strict=True)):
        return False
    if len(block) == 2:
        return not block[0].is_sentence and block[1].text[:1].islower()
    return max(widths) - min(widths) <= 30 and any(
        _runs_on(line, after) for line, after in pairwise(block)
    )


def _rejoin(block: list[_Line]) -> list[_Line]:
    """A block that is not one wrapped paragraph may still hold several, one after another
    without blank lines between them, or wrapped narrower than a terminal: a line that fills
    the block's width and stops mid-sentence is joined to the next."""
    width = max(len(line.text) for line in block)
    if len(block) < 3 or width < _MIN_WRAP_WIDTH or any(
        _BULLET.match(line.text) or _QUOTE_MARK.match(line.text) for line in block
    ):
        return block
    out = [block[0]]
    for before, line in pairwise(block):
        if (
            len(before.text) >= _WRAP_FILL * width and _runs_on(before, line)
            and not _stands_alone(before, line) and not _stands_alone(line, None)
        ):
            out[-1] = _Line(f"{out[-1].text} {line.text}", out[-1].blank_before)
        else:
            out.append(line)
    return out


def _stands_alone(line: _Line, after: _Line | None) -> bool:
    """A byline or date line, unless it runs on into a lower-case next line (then it is prose
    that happens to begin "By Tuesday, …")."""
    if after is not None and after.text[:1].islower():
        return False
    credit = _byline(line.text)
    return bool(credit and not credit[0][:1].islower()) or bool(_date_line(line.text))


def _runs_on(line: _Line, after: _Line) -> bool:
    """The line stops mid-sentence and the next one carries on."""
    if after.text[:1].islower():
        return True
    text = line.text
    mid_sentence = text[-1:].islower() or text.endswith((",", "-", "–", "—"))
    return mid_sentence and not ends_sentence(text) and after.text[:1].isalnum()


def _kind(line: _Line, *, standalone: bool) -> tuple[str, ParagraphKind]:
    text = line.text
    if _QUOTE_MARK.match(text):
        return _QUOTE_MARK.sub("", text), "quote"
    if bullet := _BULLET.match(text):
        return text[bullet.end():], "list"
    if (
        standalone and not line.is_sentence and line.words <= _HEADING_MAX_WORDS
        and text[:1].isupper() and not text.endswith((",", ":", "："))
        and not _rules().trailing_byline.search(text)  # "Reporting by …; Editing by …"
    ):
        return text, "heading"
    return text, "paragraph"
