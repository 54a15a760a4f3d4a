"""Type each source mention and merge the mentions of one source within an article.

Typing reads the words of the mention and their part-of-speech tags (no named-entity model, for
speed): a known outlet name or an outlet's work ("a Times article") is an ``outlet``; a head noun
from the lexicon's lists makes an ``organisation``, ``document``, ``anonymous`` or ``unspecified``
source; a proper name is a ``person`` unless it is a place or carries an organisation word; first
person outside quotations is the ``author``. Pronouns, relative pronouns and definite
descriptions ("the newspaper", "the report", "the senator") take the source of the nearest fitting
mention before them. Persons merge by surname ("Biden" and "President Joe Biden"), outlets by their
canonical name from the outlet table, others by their words without determiners.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

from sourcetrace.attribution._cues import Mention
from sourcetrace.attribution._lexicon import Lexicon
from sourcetrace.extract.outlets import OutletTable
from sourcetrace.model import Source, SourceType, Span

__all__ = ["SourceResolver"]

_PROPER = ("NNP", "NNPS")
_REACH = 300  # how many recent sources a pronoun, "the newspaper" or a surname is matched against
_JOINERS = frozenset({"of", "for", "&", "a", "the", "on"})
_ACRONYM = re.compile(r"^[A-Z][A-Z.&]{1,6}$")


@dataclass
class _Entry:
    id: str
    name: str
    type: SourceType
    key: str
    role: str | None = None
    mentions: list[Span] = field(default_factory=list)
    plural: bool = False
    outlet_work: bool = False


@dataclass
class _Typed:
    type: SourceType
    name: str
    key: str
    role: str | None = None
    plural: bool = False
    outlet_work: bool = False
    refer: str | None = None  # "person", "plural", "neuter", "outlet", "document", "author", "speaker"


class SourceResolver:
    """Collects the source mentions of one article, in text order, and builds its sources."""

    def __init__(self, lexicon: Lexicon, outlets: OutletTable, *, article_outlet: str | None) -> None:
        self.lexicon = lexicon
        self.outlets = outlets
        self.article_outlet = article_outlet
        self._recent: OrderedDict[str, _Entry] = OrderedDict()  # least recently mentioned first
        self._by_key: dict[str, _Entry] = {}

    def add(self, mention: Mention, *, speaker: str | None = None, in_quote: bool = False) -> str:
        """The id of the source ``mention`` belongs to; ``speaker`` is the source id of the
        quotation the mention sits in, if any (so "I" there is the speaker, not the author)."""
        typed = self._type(mention.antecedent or mention.words, mention)
        entry: _Entry | None = None
        if typed.refer is not None:
            entry = self._refer(typed, speaker=speaker, in_quote=in_quote)
        if entry is None:
            entry = self._by_key.get(typed.key) or self._merge_person(typed)
        if entry is None:
            entry = _Entry(id=f"s{len(self._recent) + 1}", name=typed.name, type=typed.type, key=typed.key,
                           role=typed.role, plural=typed.plural, outlet_work=typed.outlet_work)
            self._by_key[typed.key] = entry
        elif typed.refer is None:
            if entry.type == "person" and len(typed.name) > len(entry.name):
                entry.name = typed.name
            entry.role = entry.role or typed.role
        span = Span(mention.start, mention.end)
        if not entry.mentions or entry.mentions[-1] != span:
            entry.mentions.append(span)
        self._recent[entry.id] = entry
        self._recent.move_to_end(entry.id)  # the most recent last, for pronouns
        return entry.id

    def _latest(self) -> Iterator[_Entry]:
        """Entries from the most recently mentioned back, as far as a reference can reach."""
        return islice(reversed(self._recent.values()), _REACH)

    def sources(self) -> list[Source]:
        ordered = sorted(self._recent.values(), key=lambda e: int(e.id[1:]))
        return [Source(id=e.id, name=e.name, type=e.type, role=e.role,
                       mentions=tuple(sorted(e.mentions, key=lambda s: s.start))) for e in ordered]

    # -- typing ------------------------------------------------------------------------------------

    def _type(self, words: tuple[tuple[str, str], ...], mention: Mention) -> _Typed:
        lex = self.lexicon
        text = " ".join(w for w, _ in words)
        head = mention.head if not mention.antecedent else _head_of(words)
        low = head.lower()
        tag = _tag_of(words, head) if mention.antecedent else mention.head_tag
        if tag in ("PRP", "PRP$", "WP", "WDT", "WP$") or (low in lex.relative_pronouns and len(words) == 1):
            return self._pronoun(low)
        plural = tag in ("NNS", "NNPS")
        if tag in ("NN", "NNS") and head[:1].isupper() and not self._common(low):
            tag = "NNP"  # "Trump" opening a sentence, "Sanders": names the tagger took for nouns
        elif tag in _PROPER and head[:1].islower():
            tag = "NN"  # "the transport ministry" tagged as a name
        outlet, outlet_run = self._outlet(words)
        bare = _strip(text, lex)
        head_in_outlet = head in outlet_run.split()
        if outlet is not None and (head_in_outlet or low in lex.outlet_work_heads or low in lex.outlet_heads):
            return _Typed("outlet", outlet, f"outlet:{outlet}", outlet_work=low in lex.outlet_work_heads)
        if tag in _PROPER and low in lex.document_heads and len(words) <= 3:
            return _Typed("document", bare, f"document:{bare.lower()}")  # "New Poll" in a headline
        if tag in _PROPER and plural and low in lex.unspecified_heads:
            return _Typed("unspecified", bare, f"unspecified:{bare.lower()}", plural=True)  # "Republicans"
        if tag in _PROPER:
            return self._proper(words, text, head, role_outlet=outlet)
        if low in lex.outlet_heads and _definite(words):
            return _Typed("outlet", bare, f"outlet-ref:{bare}", refer="outlet")
        if low in lex.organisation_heads:
            runs = _proper_runs(words)
            if runs and "," in text:  # "the ferry operator, Westbay Lines": named by the appositive
                name = max(runs, key=len)
                role = _strip(text.split(",")[0], lex)
                return _Typed("organisation", name, f"organisation:{name.lower()}", role=role)
            return _Typed("organisation", bare, f"organisation:{bare.lower()}", plural=plural)
        if low in lex.document_heads:
            content_words = [w for w, t in words if t[:1].isalpha()]
            refer = "document" if _definite(words) and len(content_words) <= 2 else None
            return _Typed("document", bare, f"document:{bare.lower()}", refer=refer)
        runs = _proper_runs(words)
        if runs and "," in text and not plural and (low in lex.role_nouns or low in lex.anonymous_heads):
            # "her senior policy adviser, Jake Sullivan": a person named by the appositive.
            typed = self._proper(words, text, max(runs, key=len).split()[-1], role_outlet=None)
            if typed.type == "person":
                typed.role = _strip(text.split(",")[0], lex)
                return typed
        anonymous = any(w.lower() in lex.anonymous_markers for w, _ in words)
        if low in lex.unspecified_heads and not anonymous:
            return _Typed("unspecified", bare, f"unspecified:{bare.lower()}", plural=True)
        if low in lex.role_nouns and not plural and _definite(words) and not anonymous:
            return _Typed("person", bare, f"person-ref:{bare.lower()}", refer="person")
        if low in lex.anonymous_heads or anonymous:
            return _Typed("anonymous", bare, f"anonymous:{bare.lower()}", plural=plural)
        if tag == "CD" or low.endswith("%"):
            return _Typed("unspecified", bare, f"unspecified:{bare.lower()}", plural=True)
        if plural:
            return _Typed("unspecified", bare, f"unspecified:{bare.lower()}", plural=True)
        return _Typed("unspecified" if not _indefinite(words) else "anonymous", bare,
                      f"other:{bare.lower()}")

    def _pronoun(self, low: str) -> _Typed:
        lex = self.lexicon
        if low in lex.first_person:
            return _Typed("author", "the author", "author", refer="speaker")
        if low in lex.male_pronouns or low in lex.female_pronouns:
            return _Typed("person", low, f"pronoun:{low}", refer="person")
        if low in lex.plural_pronouns:
            return _Typed("unspecified", low, f"pronoun:{low}", plural=True, refer="plural")
        return _Typed("unspecified", low, f"pronoun:{low}", refer="neuter")

    def _common(self, low: str) -> bool:
        lex = self.lexicon
        return any(low in words for words in (
            lex.anonymous_heads, lex.unspecified_heads, lex.document_heads, lex.outlet_heads,
            lex.organisation_heads, lex.role_nouns, lex.outlet_work_heads,
        ))

    def _outlet(self, words: tuple[tuple[str, str], ...]) -> tuple[str | None, str]:
        """The canonical outlet named in ``words``, and the words that name it."""
        for run in _proper_runs(words):
            # "The Times" after "The New York Times" is the same paper, whatever else the outlet
            # table calls "The Times": outlets already named in the article come first.
            if run.count(" ") == 0 or (run.startswith("The ") and run.count(" ") == 1):
                word = run.removeprefix("The ").strip()
                for name in self._outlet_names():
                    if word and word in name.split() and word not in ("The", "News"):
                        return name, run
            for candidate in (run, run.removeprefix("The ")):
                outlet = self.outlets.known(candidate)
                if outlet is not None:
                    return outlet.name, run
        return None, ""

    def _outlet_names(self) -> list[str]:
        names = [e.name for e in self._latest() if e.type == "outlet"]
        if self.article_outlet:
            names.append(self.article_outlet)
        return names

    def _proper(self, words: tuple[tuple[str, str], ...], text: str, head: str, *,
                role_outlet: str | None) -> _Typed:
        """A name: typed by the run of proper nouns holding the syntactic head ("Scott Pruitt,
        the attorney general of Oklahoma": Pruitt, a person), the rest kept as the role."""
        lex = self.lexicon
        runs = _proper_runs(words)
        name = next((r for r in runs if head in r.split()), max(runs, key=len) if runs else text)
        parts = name.split()
        if len(parts) > 1 and parts[-1] in lex.outlet_words and not titles_only(parts, lex):
            outlet = name if name.startswith("The ") or not text.startswith("the ") else f"The {name}"
            return _Typed("outlet", outlet, f"outlet:{outlet}")  # "the Coastline Courier"
        if any(p in lex.organisation_words for p in parts) or name in lex.places or (
            len(parts) == 1 and _ACRONYM.match(name) and name not in lex.titles
        ):
            bare = _strip(text, lex)
            return _Typed("organisation", bare, f"organisation:{name.lower()}")
        titles = []
        while parts and (parts[0] in lex.titles or parts[0].rstrip(".") + "." in lex.titles):
            titles.append(parts.pop(0))
        person = " ".join(parts) or name
        role = " ".join([*_premodifiers(words, name, lex), *titles]) or None
        if role_outlet and role_outlet not in (role or ""):
            role = f"{role_outlet} {role}" if role else role_outlet  # "NBC News moderator Matt Lauer"
        return _Typed("person", person, f"person:{person.split()[-1].lower()}", role=role or None)

    # -- reference ---------------------------------------------------------------------------------

    def _refer(self, typed: _Typed, *, speaker: str | None, in_quote: bool) -> _Entry | None:
        wanted = typed.refer
        if wanted == "speaker":
            if in_quote and speaker is not None:
                return self._recent.get(speaker)
            return None  # the author: a normal entry keyed "author"
        if wanted == "document":  # "the audit" is the internal audit named before, if there was one
            head = typed.name.split()[-1].lower()
            same = next((e for e in self._latest()
                         if e.type == "document" and head in e.name.lower().split()), None)
            if same is not None:
                return same
        for entry in self._latest():
            if wanted == "person" and entry.type == "person" and not entry.plural:
                return entry
            if wanted == "outlet" and entry.type == "outlet":
                return entry
            if wanted == "document" and (entry.type == "document" or entry.outlet_work):
                return entry
            if wanted == "plural" and (entry.plural or entry.type in (
                    "organisation", "anonymous", "outlet", "document", "unspecified")):
                return entry
            if wanted == "neuter" and entry.type in ("organisation", "outlet", "document"):
                return entry
        if wanted == "outlet" and self.article_outlet:
            return self._by_key.get(f"outlet:{self.article_outlet}")
        return None

    def _merge_person(self, typed: _Typed) -> _Entry | None:
        if typed.type != "person" or typed.refer is not None:
            return None
        surname = typed.key.removeprefix("person:")
        for entry in self._latest():
            if entry.type == "person" and surname in entry.name.lower().split():
                return entry
        return None


def _proper_runs(words: tuple[tuple[str, str], ...]) -> list[str]:
    runs: list[list[str]] = []
    current: list[str] = []
    for word, tag in words:
        if tag in _PROPER or (current and word in _JOINERS):
            current.append(word)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    out = []
    for run in runs:
        while run and run[-1] in _JOINERS:
            run.pop()
        if run:
            out.append(" ".join(run).replace(" 's", "'s").removesuffix("'s").removesuffix("’s"))
    if out and words and words[0][0] in ("The", "the") and words[1:2] and words[1][1] in _PROPER:
        out[0] = "The " + out[0]
    return out


def titles_only(parts: list[str], lexicon: Lexicon) -> bool:
    return all(p in lexicon.titles for p in parts)


def _premodifiers(words: tuple[tuple[str, str], ...], name: str, lexicon: Lexicon) -> list[str]:
    """The words before a name that say who the person is: "council leader" in "council leader
    Maria Okafor", "Republican attorney general" (determiners and possessives left out)."""
    first = name.split()[0]
    out: list[str] = []
    for word, tag in words:
        if word == first:
            break
        if word.lower() in lexicon.determiners or tag in ("POS", ",", "DT", "PRP$"):
            continue
        out.append(word)
    return out[-6:]


def _head_of(words: tuple[tuple[str, str], ...]) -> str:
    nouns = [w for w, t in words if t.startswith("NN")]
    return nouns[-1] if nouns else words[-1][0]


def _tag_of(words: tuple[tuple[str, str], ...], head: str) -> str:
    return next((t for w, t in reversed(words) if w == head), "NN")


def _definite(words: tuple[tuple[str, str], ...]) -> bool:
    return bool(words) and words[0][0].lower() in ("the", "this", "that", "these", "those")


def _indefinite(words: tuple[tuple[str, str], ...]) -> bool:
    return bool(words) and words[0][0].lower() in ("a", "an", "one", "some", "another")


def _strip(text: str, lexicon: Lexicon) -> str:
    words = text.replace(" ,", ",").replace(" 's", "'s").replace(" ’s", "’s").split()
    while words and words[0].lower() in lexicon.determiners and len(words) > 1:
        words.pop(0)
    return " ".join(words).strip(" ,;:") or text
