"""One claim group → its provenance graph: reports, what each cites, the origins, how many
independent sources they are, and the timeline.

- One report per article (the article's best claim of the group: one with a source first).
  Articles whose texts are copies of one story (wire copy, rewrites: their MinHash signatures
  agree on at least half their shingles) are one report with several publications; the wire
  agency, when there is one, is the publisher of the original.
- A report cites, in this order of preference: the reports of the group its articles link to
  (``links``); else, when its source is an outlet (or was cited through one) whose older article
  in the group carries the claim, that report (``names``); else its source, outside the corpus
  (``quotes``), through the outlets or sources it was relayed by (``relays``). A report with no
  source cites the agency whose copy it is (``wire``), or nothing: it is the outlet's own claim.
- The origins are the nodes that cite nothing further. Named people, organisations, outlets and
  documents are one node across the group; anonymous and unspecified sources are one node per
  outlet citing them. The independence count is the number of origins.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np

from sourcetrace.corpus._claims import settings, signature_from
from sourcetrace.data import load_json
from sourcetrace.extract.outlets import name_key
from sourcetrace.model import (
    ClaimTrace,
    Publication,
    Relation,
    Report,
    TimelineEntry,
    TraceEdge,
    TraceNode,
)
from sourcetrace.trace._wording import closes_quotation

__all__ = ["build_trace", "one_per_article"]

Member = dict[str, Any]
_PER_OUTLET = ("anonymous", "unspecified")
_OWN_VOICE = ("author",)


def build_trace(group: int, members: Sequence[Member]) -> ClaimTrace:
    """The trace of one claim group from its members (``Corpus.group_members``)."""
    chosen = one_per_article(members)
    reports = _reports(_stories(chosen))
    graph = _Graph(reports, chosen)
    for report in reports:
        graph.cite(report)
    origins = graph.origins()
    return ClaimTrace(
        group=group, claim=reports[0].content if reports else "", reports=tuple(reports),
        nodes=tuple(graph.nodes.values()), edges=tuple(graph.edges), origins=tuple(origins),
        independence=len(origins), notes=tuple(graph.notes(origins)), timeline=tuple(_timeline(reports)),
    )


def one_per_article(members: Sequence[Member], rank: Callable[[Member], Any] | None = None) -> list[Member]:
    """Each article's best claim of the group, the lowest ``rank`` (by default: one with a
    source first, then the first)."""
    rank = rank or _preference
    best: dict[int, Member] = {}
    for member in members:
        current = best.get(member["article_id"])
        if current is None or rank(member) < rank(current):
            best[member["article_id"]] = member
    return list(best.values())


def _preference(member: Member) -> tuple[int, int]:
    sourced = member["kind"] == "attributed" and member["source"] is not None
    return (0 if sourced else 1 if member["kind"] == "attributed" else 2, member["idx"])


def _stories(members: list[Member]) -> list[list[Member]]:
    """Members grouped by story: articles whose texts are near-copies of each other."""
    parent = list(range(len(members)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    signed = [(i, s) for i, m in enumerate(members) if (s := signature_from(m["signature"])) is not None]
    if len(signed) > 1:
        matrix = np.stack([s for _, s in signed])
        threshold = settings()["syndication"]
        for row, (i, sig) in enumerate(signed[:-1]):
            shared = (matrix[row + 1 :] == sig).mean(axis=1)  # the estimated Jaccard with each later one
            for offset in np.nonzero(shared >= threshold)[0]:
                parent[find(signed[row + 1 + int(offset)][0])] = find(i)
    stories: dict[int, list[Member]] = {}
    for i, member in enumerate(members):
        stories.setdefault(find(i), []).append(member)
    return list(stories.values())


def _reports(stories: list[list[Member]]) -> list[Report]:
    built = []
    for story in stories:
        story = sorted(story, key=lambda m: (_day(m["published"]) or date.max, m["article_id"]))
        lead = min(story, key=lambda m: (_preference(m)[0] > 0, _day(m["published"]) or date.max))
        wires = Counter(m["wire"] for m in story if m["wire"])
        publications = tuple(Publication(article_id=m["article_id"], outlet=_publisher(m),
                                         url=m["url"], title=m["title"], published=m["published"],
                                         wire=m["wire"]) for m in story)
        built.append(Report(
            id="", claim_id=lead["id"], publications=publications, content=lead["text"],
            sentence=lead["sentence"], kind=lead["kind"], source=lead["source"],
            source_type=lead["source_type"], cue=lead["cue"], certainty=lead["certainty"],
            hedges=tuple(lead["hedges"]), via=tuple(tuple(v) for v in lead["via"]),
            original=wires.most_common(1)[0][0] if wires else None,
            quotation=lead["kind"] == "unattributed" and (
                lead["directness"] == "direct" or closes_quotation(lead["sentence"])),
        ))
    built.sort(key=lambda r: (_day(r.published) or date.max, r.publications[0].article_id))
    return [_with_id(r, f"r{i}") for i, r in enumerate(built, start=1)]


def _with_id(report: Report, report_id: str) -> Report:
    return replace(report, id=report_id)


class _Graph:
    """The nodes and edges being built, with what resolving a citation needs."""

    def __init__(self, reports: list[Report], members: list[Member]) -> None:
        self.reports = {r.id: r for r in reports}
        self._order = {r.id: i for i, r in enumerate(reports)}  # by date: a report cites earlier ones only
        self.nodes: dict[str, TraceNode] = {}
        self.edges: list[TraceEdge] = []
        self._out: dict[str, set[str]] = {}
        self._by_url: dict[str, str] = {}
        self._links: dict[str, list[str]] = {}
        self._people = _People(m["source"] for m in members if m["source_type"] == "person" and m["source"])
        self.unnamed: list[str] = []  # reports quoting words whose speaker they do not name
        for node_id, report in self.reports.items():
            self.nodes[node_id] = TraceNode(node_id, "report", _report_label(report), "report")
        article_report = {p.article_id: r.id for r in reports for p in r.publications}
        for member in members:
            report_id = article_report[member["article_id"]]
            if member["url"]:
                self._by_url[_url_key(member["url"])] = report_id
            self._links.setdefault(report_id, []).extend(member["links"])

    def cite(self, report: Report) -> None:
        found = (self._by_url.get(_url_key(href)) for href in self._links.get(report.id, []))
        linked = {t for t in found if t and self._order[t] < self._order[report.id]}
        if linked:
            for target in sorted(linked, key=lambda t: int(t[1:])):
                self._edge(report.id, target, "links")
            return
        if report.quotation and self._people.only:
            # Someone's words the sentence does not say whose: the one person the group gives them to.
            self.unnamed.append(report.id)
            self._edge(report.id, self._node(self._people.only, "person", None), "quotes")
            return
        if report.source is None or report.source_type in _OWN_VOICE:
            if report.original and report.original not in report.outlets:
                self._edge(report.id, self._node(report.original, "outlet", None), "wire")
            return
        self._follow(report)

    def _follow(self, report: Report) -> None:
        """From the report through the outlets and sources the claim was relayed by, outermost
        first, to its source. When the outlet the report names has an earlier report of the claim
        in the group, the report cites that report instead, and the walk ends there."""
        hops = list(reversed([(str(report.source), str(report.source_type)), *report.via]))
        name, kind = hops[0]
        if kind == "outlet" and (resolved := self._older_report(name, report)):
            self._edge(report.id, resolved, "names")
            return
        current, citing = report.id, report.original or (report.outlets[0] if report.outlets else "?")
        for hop, (name, kind) in enumerate(hops):
            node = self._node(name, kind, citing)
            relation: Relation = "relays" if hop else ("names" if kind == "outlet" else "quotes")
            if not self._edge(current, node, relation):
                return  # a chain that comes back on itself ("Rubio" relaying "he", taken as Rubio)
            current = node
            if kind == "outlet":
                citing = name

    def _older_report(self, outlet: str, citing: Report) -> str | None:
        """The earliest report of the group, before ``citing``, that ``outlet`` published."""
        wanted = name_key(outlet)
        for report_id, report in self.reports.items():
            if self._order[report_id] >= self._order[citing.id]:
                return None
            if wanted in {name_key(o) for o in (*report.outlets, report.original) if o}:
                return report_id
        return None

    def _node(self, name: str, kind: str, citing: str | None) -> str:
        if kind == "outlet":
            node_id, label, cited_by = f"outlet:{name_key(name)}", name, None
        elif kind in _PER_OUTLET or (kind == "document" and len(_key(name).split()) < 2):
            node_id = f"{kind}:{_key(name)}@{citing}"
            label, cited_by = name, citing
        elif kind == "person":
            key, label = self._people.canonical(name)
            node_id, cited_by = f"person:{key}", None
        else:
            node_id, label, cited_by = f"{kind}:{_key(name)}", name, None
        if node_id not in self.nodes:
            self.nodes[node_id] = TraceNode(node_id, "source", label, kind, cited_by)
        return node_id

    def _edge(self, source: str, target: str, relation: Relation) -> bool:
        """Add the edge unless it would close a cycle; whether the edge is there now. Reports cite
        earlier reports only, and sources never cite reports, so only edges between sources can
        close one."""
        if source == target or (source not in self.reports and not self._may_cite(source, target)):
            return False
        if target not in self._out.setdefault(source, set()):
            self._out[source].add(target)
            self.edges.append(TraceEdge(source, target, relation))
        return True

    def _may_cite(self, source: str, target: str) -> bool:
        """Whether an edge source → target keeps the graph free of cycles."""
        stack, seen = [target], set()
        while stack:
            node = stack.pop()
            if node == source:
                return False
            if node not in seen:
                seen.add(node)
                stack.extend(self._out.get(node, ()))
        return True

    def origins(self) -> list[str]:
        return [node_id for node_id in self.nodes if not self._out.get(node_id)]

    def notes(self, origins: list[str]) -> list[str]:
        found = []
        per_outlet = [o for o in origins if self.nodes[o].type in _PER_OUTLET]
        if per_outlet:
            found.append(f"{_counted(len(per_outlet), 'origin is', 'origins are')} anonymous or unspecified, "
                         "counted once per outlet citing them: the unnamed sources of two outlets are not "
                         "known to be the same people")
        own = [o for o in origins if self.nodes[o].kind == "report"]
        if own:
            found.append(f"{_counted(len(own), 'report gives', 'reports give')} no source "
                         f"({', '.join(own)}): each counts as its publisher's own claim")
        if self.unnamed:
            label = self._people.labels.get(str(self._people.only), str(self._people.only))
            verb = "quotes" if len(self.unnamed) == 1 else "quote"
            found.append(f"{', '.join(self.unnamed)} {verb} the words without naming the speaker in the "
                         f"sentence: taken as {label}, the one person this claim is attributed to by name")
        if self._people.pronouns and self._people.only:
            label = self._people.labels.get(self._people.only, self._people.only)
            known_as = ", ".join(repr(p) for p in sorted(set(self._people.pronouns)))
            found.append(f"a source the analysis knew only as {known_as} is taken as {label}, the one person "
                         "this claim is attributed to by name")
        for report in self.reports.values():
            if len(report.publications) > 1:
                wire = f", wire copy of {report.original}" if report.original else ""
                found.append(f"{report.id} is one story published {len(report.publications)} times "
                             f"({', '.join(report.outlets)}{wire}): it counts once")
        return found


def _counted(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


class _People:
    """Person names of one group, merged: "Trump", "Mr. Trump" and "Donald J. Trump" are one
    when no other person of the group has that surname. A pronoun the analysis could not
    resolve ("she said") is taken as the one person the group names, when it names one."""

    def __init__(self, names: Any) -> None:
        self.full: dict[str, str] = {}  # surname → the fullest key with it, if only one
        seen: dict[str, set[str]] = {}
        labels: dict[str, str] = {}
        for name in names:
            key = _person_key(name)
            if key and key not in _pronouns():
                seen.setdefault(key.split()[-1], set()).add(key)
                labels[key] = max(labels.get(key, name), _person_label(name), key=len)
        for surname, keys in seen.items():
            longer = {k for k in keys if len(k.split()) > 1}
            if len(longer) == 1:
                self.full[surname] = longer.pop()
        self.labels = labels
        people = {self.full.get(k, k) if len(k.split()) == 1 else k for k in labels}
        self.only = people.pop() if len(people) == 1 else None
        self.pronouns: list[str] = []  # the pronouns taken as the only person, for a note

    def canonical(self, name: str) -> tuple[str, str]:
        key = _person_key(name) or _key(name)
        if key in _pronouns() and self.only:
            self.pronouns.append(name)
            key = self.only
        elif len(key.split()) == 1 and key in self.full:
            key = self.full[key]
        elif key.split() and key.split()[-1] in self.full and len(key.split()) > 1:
            key = self.full[key.split()[-1]] if _compatible(key, self.full[key.split()[-1]]) else key
        return key, self.labels.get(key, name)


def _compatible(a: str, b: str) -> bool:
    """"donald trump" and "donald j trump" are one person; "bill clinton" and "hillary clinton" are not."""
    return a.split()[0] == b.split()[0]


@lru_cache(maxsize=1)
def _pronouns() -> frozenset[str]:
    lexicon = load_json("attribution.json")
    return frozenset(lexicon["male_pronouns"] + lexicon["female_pronouns"])


def _person_label(name: str) -> str:
    """How a person is shown: the name without the role before it or after a comma."""
    return " ".join(_name_run(name.split(",")[0].split(), titles=False)) or name


def _name_run(words: list[str], *, titles: bool) -> list[str]:
    """The capitalised words a name ends with (up to a title, when ``titles``)."""
    run: list[str] = []
    for word in reversed(words):
        if not word[:1].isupper() or (titles and word.lower().rstrip(".") in _titles()):
            break
        run.insert(0, word)
    return run


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    return frozenset(t.lower().rstrip(".") for t in load_json("attribution.json")["titles"])


def _person_key(name: str) -> str:
    """A person's name without titles, roles and middle initials: the run of capitalised words
    it ends with ("secretary of state Hillary Clinton" → "hillary clinton"), before any comma
    ("Jane Holt, the mayor")."""
    words = name.split(",")[0].replace("’s", "").replace("'s", "").split()
    run = _name_run(words, titles=True)
    keys = [w for w in _key(" ".join(run or words)).split() if len(w) > 1 and w not in _titles()]
    return " ".join(keys)


def _key(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^\w\s-]", " ", folded.lower().replace("'s", "")).split())


def _publisher(member: Member) -> str:
    """Who published an article: its outlet, else its site, else the input it was read from (so
    that two articles of unknown outlets are never taken for one publisher)."""
    return str(member["outlet"] or member["domain"] or member["input"])


def _url_key(url: str) -> str:
    """A URL as links and canonical URLs are compared: no scheme, ``www.``, fragment or final slash."""
    url = re.sub(r"^https?://(www\.)?", "", url.strip().lower()).split("#")[0]
    return url.rstrip("/")


def _report_label(report: Report) -> str:
    outlets = ", ".join(report.outlets) or "(unknown outlet)"
    return f"{outlets} ({report.published[:10]})" if report.published else outlets


def _day(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _timeline(reports: list[Report]) -> list[TimelineEntry]:
    first = next((d for r in reports if (d := _day(r.published))), None)
    entries = []
    for report in reports:
        day = _day(report.published)
        after = (day - first).days if day and first else None
        entries.append(TimelineEntry(report.id, report.published, report.outlets, after))
    return entries
