"""Where the reports of one claim disagree: the words of a quotation changed (``wording``), the
words given to another speaker (``speaker``), placed at another occasion (``occasion``), or the
claim stated as fact, or without the hedge, that other reports attribute or hedge
(``attribution``: the laundering of a claim).

Each article of a group is one *version*: its best claim of the group (one with a named source
and a quotation first), read back from the stored analysis so that every finding points to the
words in the article. A version whose article or claim can no longer be read is skipped with the
reason. Each check compares the versions to a reference (the wording, or speaker, most versions
carry; the earliest on a tie) and reports one finding per way of disagreeing, with its evidence.

What is not flagged, on purpose: a spokesperson and the person or office they speak for; a
pronoun in one report and a name in another; a report crediting an outlet (the outlet relays the
speaker: the trace draws it as a chain); an occasion one report gives and another does not; the
quotation a report prints without naming its speaker when the article names that speaker
elsewhere (the analysis could not join them, the article did).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from sourcetrace.corpus._claims import NEGATED
from sourcetrace.model import (
    DISCREPANCY_KINDS,
    Analysis,
    Discrepancy,
    DiscrepancyKind,
    Evidence,
    GroupDiscrepancies,
    WordChange,
)
from sourcetrace.trace._graph import (
    Member,
    _counted,
    _day,
    _key,
    _People,
    _person_key,
    _pronouns,
    _publisher,
    build_trace,
    one_per_article,
)
from sourcetrace.trace._occasion import Occasion, conflicts, occasion
from sourcetrace.trace._wording import (
    LEVELS,
    WordDiff,
    closing_mark,
    compare,
    lexicon,
    quoted_parts,
    ratio,
    same_words,
    tokens,
)

__all__ = ["Skip", "compare_group"]

Skip = tuple[int, int | None, str]
"""A group or report not compared: group, article id (``None`` for the whole group), reason."""


@dataclass
class _Version:
    """One article's claim of the group, with the words compared and where they are."""

    report: str
    member: Member
    body: str
    spans: tuple[tuple[int, int], ...]  # the content (or the sentence, for an unattributed claim)
    source_spans: tuple[tuple[int, int], ...] = ()
    quoted: list[tuple[int, str]] = field(default_factory=list)
    paragraphs: tuple[tuple[int, int], ...] = ()
    quoters: tuple[int, ...] = ()  # where the article's quotations with a named source start

    @cached_property
    def words(self) -> list[Any]:
        return tokens((s, self.body[s:e]) for s, e in self.spans)

    @cached_property
    def quote(self) -> list[Any]:
        return tokens(self.quoted)

    @property
    def article_id(self) -> int:
        return int(self.member["article_id"])

    @property
    def outlet(self) -> str:
        return _publisher(self.member)

    @property
    def published(self) -> str:
        return str(self.member["published"] or "")

    @property
    def attributed(self) -> bool:
        return bool(self.member["kind"] == "attributed")

    @property
    def sentence(self) -> tuple[int, int]:
        return int(self.member["start"]), int(self.member["end"])

    @cached_property
    def occasion(self) -> Occasion:
        start, end = self.sentence
        skip = [(s - start, e - start) for s, e in (*self.spans, *self.source_spans)]
        return occasion(self.body[start:end], skip, self.member["published"])

    @cached_property
    def around(self) -> tuple[int, int]:
        """The claim's paragraph and the one before it: where a speaker the sentence does not
        name would be named."""
        start, end = self.sentence
        inside = [i for i, (s, e) in enumerate(self.paragraphs) if s <= start < e]
        if not inside:
            return max(0, start - 600), end
        return self.paragraphs[max(inside[0] - 1, 0)][0], max(end, self.paragraphs[inside[0]][1])

    @property
    def context(self) -> str:
        return self.body[self.around[0] : self.around[1]]

    @property
    def introduced(self) -> bool:
        """Whether an unattributed quotation is given a speaker around it, in words the analysis
        did not join to it: announced by a colon ("He told his audience:"), or beside (in its
        paragraph or the one before) a quotation whose speaker is named, which it continues."""
        start, _ = self.sentence
        if self.body[:start].rstrip().endswith(":"):
            return True
        low, high = self.around
        return any(low <= s < high and s != start for s in self.quoters)

    @cached_property
    def outside(self) -> str:
        """The sentence without the claim's content: where the speaker and occasion are told."""
        start, end = self.sentence
        chars = list(self.body[start:end])
        for s, e in self.spans:
            chars[max(s - start, 0) : max(e - start, 0)] = " " * (max(e - start, 0) - max(s - start, 0))
        return "".join(chars)

    def evidence(self, detail: str = "", *, quote: bool = False) -> Evidence:
        spans = tuple((s, s + len(t)) for s, t in self.quoted) if quote and self.quoted else self.spans
        text = " … ".join(self.body[s:e] for s, e in spans)
        return Evidence(report=self.report, article_id=self.article_id, outlet=self.outlet,
                        published=self.member["published"], text=text, spans=spans, sentence=self.sentence,
                        detail=detail, url=self.member["url"], source=self.member["source"],
                        source_type=self.member["source_type"], group=self.member["grp"])


@dataclass(frozen=True)
class _Speaker:
    key: str
    label: str
    type: str


def compare_group(group: int, members: Sequence[Member], analyses: dict[int, Analysis], *,
                  variants: Sequence[int] = (), kinds: Iterable[DiscrepancyKind] = DISCREPANCY_KINDS,
                  level: str = "substantive") -> tuple[GroupDiscrepancies | None, list[Skip]]:
    """The disagreements among the reports of one group and of the groups holding its
    ``variants`` (``members``: the claims of them all; ``None`` when there are none), and what
    was skipped, with the reason."""
    skipped: list[Skip] = []
    trace = build_trace(group, members)
    report_of = {p.article_id: r.id for r in trace.reports for p in r.publications}
    versions = []
    for member in one_per_article(members, _rank):
        found = _version(member, analyses.get(int(member["article_id"])), report_of[member["article_id"]])
        if isinstance(found, str):
            skipped.append((group, int(member["article_id"]), found))
        else:
            versions.append(found)
    if len(versions) < 2:
        skipped.append((group, None, "fewer than two reports to compare"))
        return None, skipped
    people = _People(v.member["source"] for v in versions
                     if v.member["source_type"] == "person" and v.member["source"])
    checks = {"wording": lambda: _wording(versions, people, level, skipped, group),
              "speaker": lambda: _speakers(versions, people),
              "occasion": lambda: _occasions(versions, people),
              "attribution": lambda: _attribution(versions)}
    findings = [d for kind in DISCREPANCY_KINDS if kind in set(kinds) for d in checks[kind]()]
    if not findings:
        return None, skipped
    findings.sort(key=lambda d: -d.severity)
    outlets = tuple(dict.fromkeys(v.outlet for v in versions))
    claim = next((str(m["text"]) for m in members if m["grp"] == group), trace.claim)
    return GroupDiscrepancies(group, claim, len(versions), outlets, tuple(findings), tuple(variants)), skipped


# -- versions --------------------------------------------------------------------------------------


def _rank(member: Member) -> tuple[int, int, int]:
    """Which claim of an article stands for it: a named source, then a quotation, then the first."""
    source = member["source"]
    named = member["kind"] == "attributed" and source is not None and source.lower() not in _pronouns()
    quoted = member["directness"] in ("direct", "mixed")
    attributed = 0 if named else 1 if member["kind"] == "attributed" else 2
    return attributed, 0 if quoted else 1, int(member["idx"])


def _version(member: Member, analysis: Analysis | None, report: str) -> _Version | str:
    if analysis is None:
        return "its article can no longer be read from the corpus"
    body = analysis.article.text
    paragraphs = tuple((p.start, p.end) for p in analysis.article.paragraphs)
    quoters = tuple(a.sentence.start for a in analysis.attributions if a.source_id and a.kind != "indirect")
    if member["kind"] == "attributed":
        if member["idx"] >= len(analysis.attributions):
            return "the stored analysis no longer holds this claim (run `sourcetrace claims --regroup`)"
        attribution = analysis.attributions[member["idx"]]
        spans = tuple((s.start, s.end) for s in attribution.content)
        if " … ".join(body[s:e] for s, e in spans) != member["text"]:
            return "the stored text no longer holds this claim (run `sourcetrace claims --regroup`)"
        quoted = [q for s, e in spans for q in quoted_parts(body[s:e], s)]
        if attribution.kind == "direct" and not quoted:
            quoted = [(s, body[s:e]) for s, e in spans]
        sources = tuple((s.start, s.end) for s in attribution.source)
        quoted = quoted if attribution.kind != "indirect" else []
        return _Version(report, member, body, spans, sources, quoted, paragraphs, quoters)
    start, end = int(member["start"]), int(member["end"])
    if " ".join(body[start:end].split()) != member["sentence"]:
        return "the stored text no longer holds this claim (run `sourcetrace claims --regroup`)"
    return _Version(report, member, body, ((start, end),), (), _quoted_sentence(body, start, end), paragraphs,
                    quoters)


def _quoted_sentence(body: str, start: int, end: int) -> list[tuple[int, str]]:
    """The quotations of a sentence in the author's voice; a sentence that only closes a
    quotation (the last of several quoted sentences) is quoted up to its closing mark."""
    sentence = body[start:end]
    found = quoted_parts(sentence, start)
    close = closing_mark(sentence)
    if not found and close is not None:
        found = [(start, sentence[:close])]
    return found


def _discrepancy(kind: DiscrepancyKind, finding: str, reason: str, evidence: Sequence[Evidence], *,
                 penalty: int = 0, diff: WordDiff | None = None) -> Discrepancy:
    severity = max(int(lexicon()["severity"][f"{kind}:{finding}"]) - penalty, 0)
    if diff is None:
        return Discrepancy(kind, finding, severity, reason, tuple(evidence))
    return Discrepancy(kind, finding, severity, reason, tuple(evidence), level=diff.level,
                       changes=tuple(WordChange(c.kind, c.a, c.b) for c in diff.changes), diff=diff.ops)


def _clusters(versions: Iterable[_Version], key: Any) -> list[list[_Version]]:
    """Versions grouped by ``key``, the largest group first (the earliest on a tie)."""
    found: dict[Any, list[_Version]] = {}
    for version in versions:
        found.setdefault(key(version), []).append(version)
    return sorted(found.values(), key=lambda c: (-len(c), min(v.published or "9" for v in c)))


# -- wording ---------------------------------------------------------------------------------------


def _wording(versions: list[_Version], people: _People, level: str, skipped: list[Skip], group: int
             ) -> list[Discrepancy]:
    minimum = lexicon()["min_words"]
    quoted = [v for v in versions if len(v.quote) >= minimum]
    skipped += [(group, v.article_id, f"its quotation is under {minimum} words: not compared word by word")
                for v in versions if v.quoted and len(v.quote) < minimum]
    found = []
    clusters = _clusters(quoted, lambda v: tuple(t.text for t in v.quote))
    for cluster in clusters[1:]:
        variant = cluster[0]
        reference = next((r for r in clusters[0] if _one_voice(r, variant, people)), None)
        if reference is None:
            continue  # the same words from two speakers: the speaker check says so
        if ratio(reference.quote, variant.quote) < 0.5 and not same_words(reference.quote, variant.quote):
            continue  # two quotations of the group, not two wordings of one
        diff = compare(reference.quote, variant.quote)
        if diff.level is None or LEVELS.index(diff.level) < LEVELS.index(level):
            continue
        worst = max(diff.changes, key=lambda c: int(lexicon()["severity"][f"wording:{c.kind}"]))
        detail = ("same words, other punctuation, case or spelling" if worst.kind == "cosmetic"
                  else _change_words(worst))
        evidence = [reference.evidence("the wording most reports carry", quote=True),
                    *(v.evidence(detail, quote=True) for v in cluster)]
        found.append(_discrepancy("wording", worst.kind, _wording_reason(worst, reference, cluster), evidence,
                                  diff=diff))
    return found + _paraphrases(versions, people)


def _paraphrases(versions: list[_Version], people: _People) -> list[Discrepancy]:
    """A negation changed between reports that are not both quotations, or a number between two
    that give the claim to one speaker (statements in the authors' voice with other numbers are
    most often later figures: a count updated, the next primary)."""
    def key(v: _Version) -> tuple[int, tuple[str, ...]]:
        negated = sum(t.norm in lexicon()["negations"] or t.norm == "not" for t in v.words) % 2
        return negated, tuple(sorted(t.norm for t in v.words if t.kind == "number"))

    clusters = _clusters(versions, key)
    found = []
    for cluster in clusters[1:]:
        for variant in cluster:
            reference = next((r for r in clusters[0] if not (r.quote and variant.quote)
                              and _one_voice(r, variant, people)
                              and ratio(r.words, variant.words) >= lexicon()["paraphrase_ratio"]), None)
            if reference is None:
                continue
            diff = compare(reference.words, variant.words)
            one_speaker = _one_speaker(reference, variant, people)
            changes = [c for c in diff.changes
                       if c.kind == "negation" or (c.kind == "number" and one_speaker)]
            if changes:
                first = changes[0]
                evidence = [reference.evidence("the other reports"), variant.evidence(_change_words(first))]
                found.append(_discrepancy("wording", first.kind, _wording_reason(first, reference, [variant]),
                                          evidence, penalty=lexicon()["paraphrase_penalty"], diff=diff))
                break
    return found


def _one_voice(a: _Version, b: _Version, people: _People) -> bool:
    """Whether two versions may be the words of one speaker: the same speaker, or one of them
    not named in a way that can be compared (two people saying "X" and "not X" are a debate,
    not a misquotation)."""
    sa, sb = _speaker(a, people), _speaker(b, people)
    return sa is None or sb is None or sa.key == sb.key or "unattributed" in (sa.type, sb.type)


def _one_speaker(a: _Version, b: _Version, people: _People) -> bool:
    sa, sb = _speaker(a, people), _speaker(b, people)
    return (sa is not None and sb is not None and sa.key == sb.key
            and sa.type not in ("anonymous", "unspecified"))


def _change_words(change: Any) -> str:
    return f"{change.a or '—'} → {change.b or '—'}"


def _wording_reason(change: Any, reference: _Version, variants: list[_Version]) -> str:
    outlets = _names(v.outlet for v in variants)
    if change.kind == "cosmetic":
        return (f"only punctuation, case, quotation marks or spelling differ in {outlets} "
                f"from {reference.outlet}")
    what = {
        "negation": f"a negation is {'added' if _negations(change.b) > _negations(change.a) else 'dropped'}",
        "reversal": "a word that reverses the sense is changed",
        "number": "a number is changed", "name": "a name is changed", "modal": "a modal is changed",
        "reworded": "words are changed", "abridged": "words are left out",
    }[change.kind]
    return f"{what} in {outlets}: “{change.a or '…'}” in {reference.outlet} is “{change.b or '…'}”"


def _negations(words: str) -> int:
    negations = lexicon()["negations"]
    return sum(t.norm in negations for t in tokens([(0, words)]))


def _names(items: Iterable[str]) -> str:
    names = list(dict.fromkeys(items))
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


# -- speakers --------------------------------------------------------------------------------------


def _speaker(version: _Version, people: _People) -> _Speaker | None:
    """Who a version gives the words to; ``None`` when it does not say in a way that can be
    compared: no source ("it was reported"), an outlet (a relay), a pronoun, or a quotation
    printed in the author's voice whose speaker the analysis could not find."""
    member = version.member
    if not version.attributed:
        return _Speaker("", "no one", "unattributed") if _looks_quoted(version) else None
    name, kind = member["source"], member["source_type"]
    spoken = " ".join(version.body[s:e] for s, e in version.source_spans).lower()
    if not name or kind in ("outlet", "author") or name.lower() in _pronouns() or spoken in _pronouns():
        return None
    if kind == "person":
        key, label = people.canonical(name)
        return _Speaker(key, label, kind)
    if kind in ("anonymous", "unspecified"):
        return _Speaker(kind, name, kind)
    if kind == "organisation" and not re.search(r"\b[A-Z]", name):
        return None  # "the campaign", "the company": whose, the sentence may not say
    return _Speaker(_org_key(name), name, kind)


def _looks_quoted(version: _Version) -> bool:
    """Whether an unattributed sentence is someone's words: in quotation marks, or in the first
    person."""
    first = lexicon()["first_person"]
    start, end = version.sentence
    if version.quoted or re.search(r"[“”\"«»]|''", version.body[start:end]):
        return True
    return any(t.norm in first for t in version.words if t.text.lower() != "us")


def _speakers(versions: list[_Version], people: _People) -> list[Discrepancy]:
    minimum = lexicon()["min_words"]
    speakers = {v.article_id: _speaker(v, people) if len(v.quote) >= minimum else None for v in versions}
    known = [v for v in versions if speakers[v.article_id] is not None]
    clusters = _clusters(known, lambda v: speakers[v.article_id].key)  # type: ignore[union-attr]
    found = []
    for cluster in clusters[1:]:
        for reference in clusters[0]:
            matching = [v for v in cluster if same_words(reference.quote, v.quote)
                        and not compare(reference.quote, v.quote).substantive]
            a, b = speakers[reference.article_id], speakers[cluster[0].article_id]
            assert a is not None and b is not None
            finding = _speaker_finding(a, b, reference, matching[0]) if matching else None
            if finding:
                evidence = [reference.evidence(_given(a), quote=True),
                            *(v.evidence(_given(b), quote=True) for v in matching[:5])]
                reason = (f"the same words are given to {_given(a)} by {reference.outlet} "
                          f"and to {_given(b)} by {_names(v.outlet for v in matching)}")
                found.append(_discrepancy("speaker", finding, reason, evidence))
                break
    return found


def _said(version: _Version) -> list[Any]:
    return version.quote if len(version.quote) >= lexicon()["min_words"] else version.words


def _given(speaker: _Speaker) -> str:
    if speaker.type == "unattributed":
        return "no one (printed without attribution)"
    return f"{speaker.label} ({speaker.type})"


def _speaker_finding(a: _Speaker, b: _Speaker, va: _Version, vb: _Version) -> str | None:
    """How two speakers of the same words disagree, or ``None`` when they do not (one speaks
    for the other, or one is not named in a way that can be compared)."""
    types = {a.type, b.type}
    if "unattributed" in types:
        quiet, named = (va, b) if a.type == "unattributed" else (vb, a)
        harmless = (quiet.introduced or _mentions(quiet.context, named)
                    or named.type in ("anonymous", "unspecified"))
        return None if harmless else "unattributed"
    if "unspecified" in types or types == {"document"} or types == {"anonymous"}:
        return None
    if _speaks_for(va, b) or _speaks_for(vb, a):
        return None
    if "anonymous" in types:
        return "anonymous"
    if types == {"person"}:
        return "people"
    return "document" if "document" in types else "organisation"


def _mentions(text: str, speaker: _Speaker) -> bool:
    """Whether ``text`` names ``speaker`` (by surname, or an organisation's name)."""
    words = speaker.key.split()
    wanted = words[-1] if speaker.type == "person" and words else speaker.key
    return bool(wanted) and re.search(rf"\b{re.escape(wanted)}\b", _key(text)) is not None


def _speaks_for(version: _Version, other: _Speaker) -> bool:
    """Whether the source of ``version`` speaks for ``other`` ("a Clinton spokesman", "Clinton's
    campaign", "a statement from the senator's office" for Clinton, the senator's office)."""
    if not other.key or other.type in ("anonymous", "unspecified"):
        return False
    text = f"{version.member['source'] or ''} . {version.outside}"
    for principal in _principals(text):
        key = _key(principal)
        last, other_last = key.split()[-1:], other.key.split()[-1:]
        if key == other.key or (last and last == other_last):
            return True
    return False


def _principals(text: str) -> list[str]:
    """The names a speaker is said to speak for: "Clinton" in "Clinton spokesman Brian Fallon",
    "Clinton's campaign", "a spokeswoman for Hillary Clinton"."""
    roles = _roles()
    name = r"((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.-]*)"
    before = re.findall(rf"{name}(?:['’]s)?\s+(?:{roles})\b", text)
    after = re.findall(rf"\b(?:{roles})\s+(?:for|to|of|from)\s+(?:the\s+)?(?:[a-z.]+\s+)?{name}", text)
    return [_person_key(n) or n for n in (*before, *after)]


@lru_cache(maxsize=1)
def _roles() -> str:
    return "|".join(re.escape(r) for r in sorted(lexicon()["speaks_for"], key=len, reverse=True))


def _org_key(name: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", _key(name))


# -- occasions -------------------------------------------------------------------------------------


def _occasions(versions: list[_Version], people: _People) -> list[Discrepancy]:
    placed = [v for v in versions if v.attributed and (v.occasion.said)]
    found: dict[tuple[str, frozenset[str]], Discrepancy] = {}
    for i, a in enumerate(placed):
        for b in placed[i + 1 :]:
            sa, sb = _speaker(a, people), _speaker(b, people)
            if sa and sb and sa.key != sb.key:
                continue  # two speakers: the speaker check says so
            if not same_words(_said(a), _said(b)):
                continue
            for facet in conflicts(a.occasion, b.occasion):
                wa, wb = a.occasion.words(facet), b.occasion.words(facet)
                key = (facet, frozenset((wa.lower(), wb.lower())))
                if key in found:
                    continue
                reason = (f"the same words are placed “{wa}” by {a.outlet} and “{wb}” by {b.outlet}: "
                          "said twice, or one report has the occasion wrong")
                found[key] = _discrepancy("occasion", facet, reason, [a.evidence(wa), b.evidence(wb)])
    return list(found.values())


# -- attribution -----------------------------------------------------------------------------------


def _attribution(versions: list[_Version]) -> list[Discrepancy]:
    attributed = [v for v in versions if v.attributed and v.member["source"]
                  and v.member["source_type"] not in ("author",)]
    found = []
    laundered = set()
    for version in versions:
        if version.attributed or _looks_quoted(version):
            continue
        backing = [a for a in attributed if _covers(version, a) and not _credits(a, version.outlet)
                   and not _named_near(version, a)]
        if backing:
            laundered.add(version.article_id)
            first = min(backing, key=lambda a: a.published or "9")
            days = _days_between(first.published, version.published)
            later = (f" ({_counted(days, 'day', 'days')} later)" if days
                     else " (the same day)" if days == 0 else "")
            reason = (f"{version.outlet} states as fact{later} what {_names(a.outlet for a in backing)} "
                      f"{'attributes' if len(backing) == 1 else 'attribute'} to {first.member['source']}")
            evidence = [*(a.evidence(f"attributed to {a.member['source']}") for a in backing[:3]),
                        version.evidence("stated as fact")]
            found.append(_discrepancy("attribution", "fact", reason, evidence,
                                      penalty=0 if days is not None and days >= 0 else 1))
    hedged = [v for v in versions if v.member["certainty"] != "asserted" and v.member["hedges"]]
    for version in versions:
        if version.member["hedges"] or version.article_id in laundered or (
                _looks_quoted(version) and not version.attributed):
            continue
        for other in hedged:
            hedge = _dropped_hedge(other, version)
            if hedge:
                reason = f"{version.outlet} drops the hedge “{hedge}” that {other.outlet} keeps"
                evidence = [other.evidence(f"hedged: {', '.join(other.member['hedges'])}"),
                            version.evidence("not hedged")]
                found.append(_discrepancy("attribution", "hedge", reason, evidence))
                break
    return found


def _days_between(first: str, then: str) -> int | None:
    """Days from one publication date to another; ``None`` when either is unknown or ``then``
    is earlier (the statement came first: it may be where the others took the claim from)."""
    start, end = _day(first), _day(then)
    if start is None or end is None:
        return None
    days = (end - start).days
    return days if days >= 0 else None


def _covers(statement: _Version, attributed: _Version) -> bool:
    """Whether a sentence holds nearly all the words of an attributed claim, names apart (so
    that two sentences naming the same people are not one claim for it), and its negation."""
    theirs = set(str(attributed.member["words"]).split())
    mine = set(str(statement.member["words"]).split())
    if (NEGATED in theirs) != (NEGATED in mine):
        return False
    plain = theirs - set(str(attributed.member["names"] or "").split()) - {NEGATED}
    if len(plain) < lexicon()["min_words"] - 2:
        return False
    return bool(len(plain & mine) >= lexicon()["same_words"] * len(plain))


def _named_near(statement: _Version, attributed: _Version) -> bool:
    """Whether the paragraph of a statement (or the one before) names the source another report
    gives it: the article attributes it there, in words the analysis did not join to it."""
    name, kind = str(attributed.member["source"]), str(attributed.member["source_type"])
    if kind in ("anonymous", "unspecified"):
        return False
    key = _person_key(name) if kind == "person" else _org_key(name)
    return bool(key) and _mentions(statement.context, _Speaker(key, name, kind))


def _credits(attributed: _Version, outlet: str) -> bool:
    """Whether a report credits ``outlet`` (as its source, or the source's relay): the claim is
    that outlet's own reporting."""
    names = [str(attributed.member["source"]), *(str(name) for name, _ in attributed.member["via"])]
    return any(_org_key(name) == _org_key(outlet) for name in names)


def _dropped_hedge(hedged: _Version, plain: _Version) -> str | None:
    """The hedge of ``hedged`` that ``plain`` carries the claim without, if it does."""
    inside = {t.norm: t.text for t in hedged.words}
    for hedge in hedged.member["hedges"]:
        word = hedge.lower().split()[0]
        if word in inside:
            if ratio(hedged.words, plain.words) < lexicon()["paraphrase_ratio"]:
                continue
            diff = compare(hedged.words, plain.words)
            if any(word in {w.lower() for w in c.a.split()} for c in diff.changes):
                return str(hedge)
        elif _covers(plain, hedged) and _covers(hedged, plain):
            return str(hedge)
    return None
