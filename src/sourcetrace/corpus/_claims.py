"""Claims across the corpus: every claim of every article stored as a row, and grouped, as
articles are ingested, with the claims of other articles that say the same thing.

A claim is an attribution's content ("Mexico will pay for the wall", attributed to Trump) or a
sentence an article asserts in its own voice. Two claims are one when their words (content
words, lower case, a plural -s taken off) overlap enough, their numbers agree and the names in
them overlap. Candidates come from MinHash LSH kept in the database (``claim_buckets``: one row
per band of each claim's signature), so grouping a new article costs a few indexed lookups
whatever the size of the corpus. Groups are kept as ``claims.grp``: the id of the claim that
started the group; when a new claim joins two groups they become one.

Each article also gets a MinHash signature of its text (``articles.signature``), by which the
trace tells copies of one story (wire copy, rewrites) apart from independent reports.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, Literal

import numpy as np
from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.engine import Connection

from sourcetrace.corpus._schema import claim_buckets, claim_variants, claims
from sourcetrace.data import load_json
from sourcetrace.model import Analysis, Span

__all__ = [
    "ClaimUnit",
    "Features",
    "bucket_links",
    "buckets",
    "claim_row",
    "claim_units",
    "content_words",
    "delete_claims",
    "features",
    "index_claims",
    "jaccard",
    "relation",
    "same_claim",
    "signature",
    "similarity",
    "spelling",
    "variant",
]

NEGATED = "!not"
"""The word a claim's words hold when it is negated."""
_NEGATIONS = frozenset({"not", "no", "never", "nobody", "nothing", "none", "neither", "nor", "cannot",
                        "without", "nowhere"})
_NOT_ONLY = re.compile(r"\bnot\s+(?:only|just|merely)\b", re.I)  # "won not only in the North…" affirms
_WORD = re.compile(r"[^\W_][\w'’.,-]*[^\W_]|[^\W_]")
_NUMBER = re.compile(r"\d")
_FTS_INSERT = text("INSERT INTO claims_fts (rowid, text, source) VALUES (:i, :t, :o)")


@lru_cache(maxsize=1)
def settings() -> dict[str, Any]:
    data: dict[str, Any] = load_json("claims.json")
    return data


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(settings()["stopwords"])


@dataclass(frozen=True)
class ClaimUnit:
    """One claim of an article, as the corpus stores it."""

    idx: int
    kind: str  # "attributed" or "unattributed"
    text: str
    sentence: str
    start: int
    end: int
    source: str | None = None
    source_type: str | None = None
    via: tuple[tuple[str, str], ...] = ()
    cue: str = ""
    certainty: str = "asserted"
    hedges: tuple[str, ...] = ()
    directness: str | None = None
    parent: int | None = None
    rule: str | None = None

    @property
    def groupable(self) -> bool:
        """Whether this claim takes part in grouping: a statement with enough words; not a topic
        (the noun phrase of "X denied the allegations", "her warning about the deal"), and, for
        a sentence the article asserts itself, one that names someone or something (a sentence
        naming nothing, "The poll has a margin of error of 3 points", cannot be traced)."""
        if len(self.words - {NEGATED}) < settings()["min_words"] or self.rule in settings()["topic_rules"]:
            return False
        if not self.words - self.names - {NEGATED}:
            return False  # only names: "Trump and Texas Sen. Ted Cruz" is not a statement
        return self.kind != "unattributed" or bool(self.names) or self.directness == "direct"

    @cached_property
    def words(self) -> frozenset[str]:
        return content_words(self.text)

    @cached_property
    def numbers(self) -> frozenset[str]:
        return frozenset(w for w in self.words if _NUMBER.search(w))

    @cached_property
    def names(self) -> frozenset[str]:
        return names_in(self.text)


def content_words(text: str) -> frozenset[str]:
    """The words that carry a claim: lower case, no stopwords, stemmed (Snowball's English
    stemmer: "banning" and "ban" are one), numbers without their thousands separators."""
    stop = _stopwords()
    out = set()
    for token in _WORD.findall(_NOT_ONLY.sub(" ", text)):
        word = _plain(token)
        if word in _NEGATIONS or word.endswith("n't"):
            out.add(NEGATED)  # "she should face no charges" is not "she should face charges"
        elif _NUMBER.search(word):
            out.add(word.replace(",", ""))
        elif len(word) >= 2 and word not in stop:
            out.add(_stem(spelling(word)))
    return frozenset(out)


def names_in(text: str) -> frozenset[str]:
    """Capitalised words that are not the first of a sentence or quotation, in the form of
    :func:`content_words`: who and what a claim names ("Trump", "Iowa", "NATO")."""
    found = set()
    for match in re.finditer(r"(?<![\w'’])([A-Z][\w'’-]+)", text):
        before = text[: match.start()].rstrip(" \"'“‘(")
        if not before or (before[-1] in ".!?:;" and not _abbreviation(before)):
            continue
        word = _plain(match.group(1))
        if len(word) >= 2 and word not in _stopwords():
            found.add(_stem(spelling(word)))
    return frozenset(found)


def _abbreviation(before: str) -> bool:
    """Whether the text before a word ends with a title or an initial ("Sen.", "Donald J."), not
    with the end of a sentence."""
    last = before.split()[-1] if before.split() else ""
    return last.endswith(".") and ((len(last) == 2 and last[0].isupper()) or last in _abbreviations())


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(t for t in load_json("attribution.json")["titles"] if t.endswith("."))


def _plain(token: str) -> str:
    word = token.lower().replace("’", "'").rstrip(".,")
    if word.endswith("'s"):
        word = word[:-2]
    return word if _NUMBER.search(word) else word.strip("'.,-")


@lru_cache(maxsize=200_000)
def spelling(word: str) -> str:
    """One spelling for a lower-case word written two ways ("harbour" and "harbor", "defence"
    and "defense", "organised" and "organized"): ``spelling.json``."""
    data = _spellings()
    if word in data["spellings"]:
        return str(data["spellings"][word])
    if len(word) >= 6:
        for british, american in data["suffixes"]:
            if word.endswith(british):
                return str(word[: -len(british)] + american)
    return word


@lru_cache(maxsize=1)
def _spellings() -> dict[str, Any]:
    data: dict[str, Any] = load_json("spelling.json")
    return data


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return str(_stemmer().stemWord(word))


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


Features = tuple[frozenset[str], frozenset[str], frozenset[str]]
"""A claim's words, numbers and names, as :func:`similarity` compares them."""


def similarity(a: ClaimUnit | Features, b: ClaimUnit | Features) -> float:
    """The share of words two claims have in common; 0 when their numbers disagree, when the
    names in them barely overlap, or when the words that are not names do not (two claims about
    Trump and Clinton are not one because of the names)."""
    wa, na, ma = (a.words, a.numbers, a.names) if isinstance(a, ClaimUnit) else a
    wb, nb, mb = (b.words, b.numbers, b.names) if isinstance(b, ClaimUnit) else b
    config = settings()
    if na != nb or (NEGATED in wa) != (NEGATED in wb):
        return 0.0
    if ma and mb and len(ma & mb) < config["names_overlap"] * min(len(ma), len(mb)):
        return 0.0
    if min(len(wa), len(wb)) < config["short_words"] and wa != wb:
        return 0.0  # a short claim is the same claim only in the same words
    if jaccard(wa - ma, wb - mb) < config["other_words"]:
        return 0.0
    return jaccard(wa, wb)


def variant(a: ClaimUnit | Features, b: ClaimUnit | Features) -> bool:
    """Whether two claims that disagree on a negation or a number would otherwise be one
    ("money that should have been used" and "money that shouldn't have been used"): the words
    that are neither names, numbers nor the negation nearly all shared, as many numbers on each
    side, and the names agreeing. Such claims are not grouped (said by two people, they are two
    claims), but recorded as variants, which ``sourcetrace discrepancies`` compares."""
    wa, na, ma = (a.words, a.numbers, a.names) if isinstance(a, ClaimUnit) else a
    wb, nb, mb = (b.words, b.numbers, b.names) if isinstance(b, ClaimUnit) else b
    config = settings()
    if na == nb and (NEGATED in wa) == (NEGATED in wb):
        return False
    if len(na) != len(nb) or ((ma or mb) and len(ma & mb) < config["names_overlap"] * max(len(ma), len(mb))):
        return False
    plain_a, plain_b = wa - na - ma - {NEGATED}, wb - nb - mb - {NEGATED}
    return bool(min(len(plain_a), len(plain_b)) >= config["variant_words"]
                and jaccard(plain_a, plain_b) >= config["variant"])


def same_claim(a: Any, b: Any) -> bool:
    return similarity(a, b) >= float(settings()["jaccard"])


Relation = Literal["copy", "same", "variant"]


def relation(a: ClaimUnit | Features, b: ClaimUnit | Features) -> Relation | None:
    """How two claims that share an LSH bucket relate: ``copy`` (nearly the same words), ``same``
    (one claim: they go in one group), ``variant`` (:func:`variant`), or none. The corpus asks
    this as it groups each new claim, the Spark job for every pair in a bucket."""
    score = similarity(a, b)
    if score >= settings()["copy"]:
        return "copy"
    if score >= settings()["jaccard"]:
        return "same"
    return "variant" if variant(a, b) else None


def bucket_links(members: Sequence[tuple[int, Features]], *, window: int = 1000
                 ) -> Iterator[tuple[int, int, Relation]]:
    """The related pairs ``(earlier id, later id, relation)`` among the claims of one LSH bucket,
    each claim compared with the ones before it in id order. Claims with the same words, numbers
    and names are one ``copy`` of the first (a claim fifty outlets carry word for word costs one
    comparison each, not fifty); the others are compared with the ``window`` distinct claims
    before them (a bound the corpus has no need of, for a bucket that boilerplate fills). A
    near copy is compared with the claims before it but not with those after, as the corpus
    indexes no buckets for it."""
    first: dict[Features, int] = {}
    distinct: list[tuple[int, Features]] = []
    for claim_id, mine in sorted(members, key=lambda m: m[0]):
        if mine in first:
            yield first[mine], claim_id, "copy"
            continue
        first[mine] = claim_id
        copy = False
        for other_id, other in distinct[-window:]:
            how = relation(mine, other)
            if how is not None:
                yield other_id, claim_id, how
                copy = copy or how == "copy"
        if not copy:  # as in the corpus, where a near copy stores no buckets: later claims do not meet it
            distinct.append((claim_id, mine))


# -- MinHash ---------------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _empty(num_perm: int) -> Any:
    from datasketch import MinHash

    # One set of permutations (the seed is fixed) for every signature ever stored, so that
    # signatures written by earlier runs stay comparable; copies are cheaper than new ones.
    return MinHash(num_perm=num_perm, seed=1)


def signature(items: Iterable[str], num_perm: int | None = None) -> np.ndarray:
    """The MinHash signature (datasketch) of a set of strings: ``num_perm`` 32-bit values."""
    minhash = _empty(num_perm or settings()["num_perm"]).copy()
    minhash.update_batch([item.encode("utf-8") for item in set(items)])
    return np.asarray(minhash.hashvalues, dtype=np.uint64)



def article_signature(text_: str) -> bytes:
    """The signature of an article's text, over shingles of ``shingle_words`` words."""
    words = re.findall(r"\w+", text_.lower())
    n = settings()["shingle_words"]
    shingles = {" ".join(words[i : i + n]) for i in range(max(1, len(words) - n + 1))}
    return signature(shingles).astype("<u4").tobytes()


def signature_from(data: bytes | None) -> np.ndarray | None:
    return None if not data else np.frombuffer(data, dtype="<u4").astype(np.uint64)


def buckets(words: frozenset[str]) -> list[int]:
    """The LSH buckets of a claim: one per band of its signature, as signed 63-bit integers."""
    sig = signature(words)
    rows = settings()["rows"]
    out = []
    for band in range(settings()["bands"]):
        digest = hashlib.blake2b(sig[band * rows : (band + 1) * rows].tobytes(), digest_size=8,
                                 person=band.to_bytes(2, "little")).digest()
        out.append(int.from_bytes(digest, "little", signed=True))
    return out


# -- claims of an analysis -------------------------------------------------------------------------


def claim_units(analysis: Analysis) -> list[ClaimUnit]:
    """Every claim of an analysis: its attributions (with a content), then its unattributed
    sentences, then the quotations it prints with no source (``directness`` ``direct``: the
    analysis leaves a sentence opening with a quotation mark out of the article's own voice, but
    a quotation printed without its speaker is what another report may give to someone)."""
    body = analysis.article.text
    units = []
    for i, a in enumerate(analysis.attributions):
        if not a.content:
            continue
        source = analysis.source(a.source_id)
        units.append(ClaimUnit(
            idx=i, kind="attributed", text=_joined(body, a.content), sentence=_sentence(body, a.sentence),
            start=a.sentence.start, end=a.sentence.end, source=source.name if source else None,
            source_type=source.type if source else None, via=_via(analysis, source),
            cue=_joined(body, a.cue), certainty=a.certainty, hedges=tuple(h.cue for h in a.hedges),
            directness=a.kind, parent=a.parent, rule=a.rule,
        ))
    for j, claim in enumerate(analysis.unattributed):
        sentence = _sentence(body, claim.span)
        units.append(ClaimUnit(
            idx=len(analysis.attributions) + j, kind="unattributed", text=sentence, sentence=sentence,
            start=claim.span.start, end=claim.span.end, certainty=claim.certainty,
            hedges=tuple(h.cue for h in claim.hedges),
        ))
    # Numbered after every attribution and unattributed sentence, not after the units so far:
    # an attribution with no content (a cue alone) has no unit, yet keeps its number.
    first = len(analysis.attributions) + len(analysis.unattributed)
    for k, (start, end) in enumerate(_bare_quotations(analysis)):
        sentence = _sentence(body, Span(start, end))
        units.append(ClaimUnit(idx=first + k, kind="unattributed", text=sentence, sentence=sentence,
                               start=start, end=end, directness="direct"))
    return units


def _bare_quotations(analysis: Analysis) -> list[tuple[int, int]]:
    """The sentences opening with a quotation mark that no attribution covers: a quotation the
    article prints without saying whose it is (or says so only in an earlier sentence)."""
    from sourcetrace.attribution._claims import MIN_WORDS
    from sourcetrace.attribution._segment import sentences

    text = analysis.article.text
    covered = [(s.start, s.end) for a in analysis.attributions for s in (*a.source, *a.cue, *a.content)]
    found = []
    for paragraph in analysis.article.paragraphs:
        if paragraph.kind == "heading":
            continue
        for start, end in sentences(text, paragraph.start, paragraph.end):
            while start < end and text[start].isspace():
                start += 1
            piece = text[start:end]
            if (piece[:1] in "\"“«" and len(re.findall(r"\w+", piece)) >= MIN_WORDS
                    and not any(s < end and start < e for s, e in covered)):
                found.append((start, end))
    return found


def _joined(body: str, spans: Sequence[Span]) -> str:
    return " … ".join(body[s.start : s.end] for s in spans)


def _sentence(body: str, span: Span) -> str:
    return " ".join(body[span.start : span.end].split())


def _via(analysis: Analysis, source: Any) -> tuple[tuple[str, str], ...]:
    """The sources a source was cited through, nearest first ("officials" via The Times)."""
    chain: list[tuple[str, str]] = []
    seen = {source.id} if source else set()
    current = analysis.source(source.via) if source and source.via else None
    while current is not None and current.id not in seen:
        chain.append((current.name, current.type))
        seen.add(current.id)
        current = analysis.source(current.via) if current.via else None
    return tuple(chain)


# -- storing and grouping --------------------------------------------------------------------------


def delete_claims(conn: Connection, article_id: int) -> None:
    """Remove an article's claims (and their search rows) before it is written again.

    A claim that repeated one of them stored no buckets of its own (:func:`_groups`): it was
    found through the claim it repeated. Such a claim is indexed now (unless it repeats a claim
    of its group that still is): otherwise the article written again, and any later report,
    could no longer find the group."""
    affected = [g for (g,) in conn.execute(select(claims.c.grp).where(claims.c.article_id == article_id)
                                           .where(claims.c.grp.is_not(None)).distinct())]
    if conn.dialect.name == "sqlite":
        conn.execute(text("DELETE FROM claims_fts WHERE rowid IN "
                          "(SELECT id FROM claims WHERE article_id = :a)"), {"a": article_id})
    conn.execute(delete(claims).where(claims.c.article_id == article_id))
    if not affected:
        return
    indexed = select(claim_buckets.c.claim_id).where(claim_buckets.c.claim_id == claims.c.id).exists()
    members = (select(claims.c.id, claims.c.words, claims.c.names, indexed.label("indexed"))
               .where(claims.c.grp.in_(affected)).order_by(claims.c.id))
    found = [(int(i), features(words, names), bool(done)) for i, words, names, done in conn.execute(members)]
    kept = [mine for _, mine, done in found if done]
    rows = []
    for claim_id, mine, done in found:
        if done or any(relation(mine, other) == "copy" for other in kept):
            continue
        kept.append(mine)
        rows += [(k, claim_id) for k in buckets(mine[0])]
    if rows:
        _insert_buckets(conn, rows)


def index_claims(conn: Connection, article_id: int, analysis: Analysis) -> None:
    """Store the claims of one article and group each with the claims already in the corpus
    (and the article's other claims) that say the same thing; in the caller's transaction, in
    a handful of statements whatever the number of claims. The article's own row is the
    caller's (``signature`` and ``claims_indexed`` are set there)."""
    units = claim_units(analysis)
    if not units:
        return
    keys = {n: buckets(unit.words) for n, unit in enumerate(units) if unit.groupable}
    labels, keys, variants = _groups(conn, units, keys)
    rows = [claim_row(unit) | {"article_id": article_id, "grp": max(label, 0) or None}
            for unit, label in zip(units, labels, strict=True)]
    returning = insert(claims).returning(claims.c.id, sort_by_parameter_order=True)
    ids = [int(i) for i in conn.execute(returning, rows).scalars()]
    # A new group takes the id of its first claim, known only now: one statement for the claims
    # alone in their group, one for each new group of several.
    new: dict[int, list[int]] = {}
    for n, label in enumerate(labels):
        if label < 0:
            new.setdefault(label, []).append(ids[n])
    alone = [members[0] for members in new.values() if len(members) == 1]
    if alone:
        conn.execute(update(claims).where(claims.c.id.in_(alone)).values(grp=claims.c.id))
    for members in (m for m in new.values() if len(m) > 1):
        conn.execute(update(claims).where(claims.c.id.in_(members)).values(grp=members[0]))
    if keys:
        _insert_buckets(conn, [(k, ids[n]) for n, ks in keys.items() for k in ks])
    if variants:
        conn.execute(insert(claim_variants),
                     [{"claim_id": ids[n], "other_id": other} for n, other in sorted(variants)])
    if conn.dialect.name == "sqlite":
        conn.execute(_FTS_INSERT,
                     [{"i": i, "t": u.text, "o": u.source or ""} for i, u in zip(ids, units, strict=True)])


def _insert_buckets(conn: Connection, rows: list[tuple[int, int]]) -> None:
    """Hundreds of rows an article: PostgreSQL takes them fastest by COPY, in the transaction."""
    if conn.dialect.name == "postgresql":
        cursor: Any = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        with cursor, cursor.copy("COPY claim_buckets (bucket, claim_id) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    conn.execute(insert(claim_buckets), [{"bucket": b, "claim_id": c} for b, c in rows])


def claim_row(unit: ClaimUnit) -> dict[str, Any]:
    """A claim's row as the corpus stores it and the Spark job writes it (without ids and group)."""
    return {
        "idx": unit.idx, "kind": unit.kind, "text": unit.text,
        "sentence": unit.sentence, "start": unit.start, "end": unit.end, "source": unit.source,
        "source_type": unit.source_type, "via": json.dumps(unit.via) if unit.via else None,
        "cue": unit.cue, "certainty": unit.certainty,
        "hedges": json.dumps(unit.hedges) if unit.hedges else None, "directness": unit.directness,
        "parent": unit.parent, "rule": unit.rule, "words": " ".join(sorted(unit.words)),
        "names": " ".join(sorted(unit.names)),
    }


def _groups(conn: Connection, units: list[ClaimUnit], keys: dict[int, list[int]]
            ) -> tuple[list[int], dict[int, list[int]], set[tuple[int, int]]]:
    """The group of each new claim, by position: an existing group's id (positive), or a new
    group (negative: -1, -2, … in the order they start); the buckets to store for each; and its
    :func:`variant` among the claims already stored (position, claim id).

    Candidates share an LSH bucket with the claim: claims already stored (one query for the
    whole article) and the article's earlier ones. A claim joins the groups of all the claims it
    matches, which become one: the smallest existing group, else the first new one; existing
    groups merged away are updated here (one statement each, rare). A claim that repeats one
    already indexed (``copy``: nearly the same words) stores no buckets: a claim fifty outlets
    carry in the same words costs no more to match than one a single outlet carries, while its
    paraphrases, which can bring further paraphrases in, are indexed."""
    by_bucket: dict[int, list[tuple[int, Features, int | None]]] = {}
    wanted = {k for ks in keys.values() for k in ks}
    if wanted:
        stored = (select(claim_buckets.c.bucket, claims.c.grp, claims.c.words, claims.c.names, claims.c.id)
                  .join(claims, claims.c.id == claim_buckets.c.claim_id)
                  .where(claim_buckets.c.bucket.in_(wanted)))
        for bucket, grp, words, names, claim_id in conn.execute(stored):
            by_bucket.setdefault(int(bucket), []).append((int(grp), features(words, names), int(claim_id)))
    parent: dict[int, int] = {}

    def find(label: int) -> int:
        while label in parent:
            label = parent[label]
        return label

    labels: list[int] = []
    copies: set[int] = set()  # positions of claims that repeat a claim already indexed
    variants: set[tuple[int, int]] = set()
    for n, unit in enumerate(units):
        mine = (unit.words, unit.numbers, unit.names)
        candidates = {(g, theirs, i) for k in keys.get(n, ()) for g, theirs, i in by_bucket.get(k, ())}
        matched = set()
        for g, theirs, i in candidates:
            how = relation(mine, theirs)
            if how == "variant" and i is not None:
                variants.add((n, i))
            elif how in ("copy", "same"):
                matched.add(find(g))
                if how == "copy":
                    copies.add(n)
        existing = [g for g in matched if g > 0]
        target = min(existing) if existing else max(matched) if matched else -(len(labels) + 1)
        for other in matched - {target}:
            parent[other] = target
        labels.append(target)
        if n not in copies:  # the article's later claims can match this one
            for k in keys.get(n, ()):
                by_bucket.setdefault(k, []).append((target, mine, None))
    for merged in sorted(g for g in parent if g > 0):
        conn.execute(update(claims).where(claims.c.grp == merged).values(grp=find(merged)))
    return [find(label) for label in labels], {n: ks for n, ks in keys.items() if n not in copies}, variants


def features(words: str, names: str | None) -> Features:
    """A claim's :data:`Features` from its stored ``words`` and ``names`` columns."""
    found = frozenset(words.split())
    return found, frozenset(w for w in found if _NUMBER.search(w)), frozenset((names or "").split())
