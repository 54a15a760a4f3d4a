"""Reading claims back: full-text search, the members of claim groups, the groups most widely
reported, and indexing the articles stored before claims were kept."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, delete, func, select, text, update
from sqlalchemy.engine import Connection, Engine

from sourcetrace.corpus._claims import article_signature, delete_claims, index_claims
from sourcetrace.corpus._schema import articles, claim_buckets, claim_variants, claims, errors, links
from sourcetrace.model import Analysis

__all__ = [
    "GroupCount", "count_articles", "forget_claims", "group_members", "index_pending", "list_groups",
    "pending", "recent_articles", "search_groups", "search_terms", "source_claims", "variant_links",
    "version",
]

_TERM = re.compile(r'"([^"]*)"|([^\W_]+(?:[\'’][^\W_]+)*)')
# The expression PostgreSQL's search index (migration 0003) is built on; a query must use the same.
_SEARCHED = "coalesce(text, '') || ' ' || coalesce(source, '')"


@dataclass(frozen=True)
class GroupCount:
    """A claim group as the listing shows it: how many articles and outlets carry it."""

    group: int
    reports: int
    outlets: int
    first: str | None


def search_terms(query: str) -> list[str]:
    """What a query asks for: its "quoted phrases" and its other words, each as plain text, so
    that no character in it can mean anything to the search engine (``AND``, ``*``, ``-`` and
    brackets are words or nothing)."""
    terms = []
    for phrase, word in _TERM.findall(query):
        words = re.findall(r"[^\W_]+", phrase) if phrase else [word]
        if words:
            terms.append(" ".join(words))
    return terms


def search_groups(conn: Connection, query: str, *, limit: int | None = 10,
                  min_reports: int = 1) -> list[GroupCount]:
    """The groups of the claims matching ``query`` (every term, phrases as phrases), most
    widely reported first."""
    terms = search_terms(query)
    if not terms:
        return []
    where: Any
    if conn.dialect.name == "sqlite":
        fts = " AND ".join('"' + term.replace('"', '""') + '"' for term in terms)
        matched = select(text("rowid")).select_from(text("claims_fts")).where(text("claims_fts MATCH :q"))
        where = claims.c.id.in_(matched.params(q=fts))
    else:
        # Written out as the index of migration 0003 is, so that PostgreSQL uses that index.
        asked = " && ".join(f"phraseto_tsquery('simple', :t{i})" for i in range(len(terms)))
        where = text(f"to_tsvector('simple', {_SEARCHED}) @@ ({asked})").bindparams(
            *(bindparam(f"t{i}", term) for i, term in enumerate(terms)))
    groups = select(claims.c.grp).where(where).distinct().scalar_subquery()
    return _counted(conn, claims.c.grp.in_(groups), limit=limit, min_outlets=1, min_reports=min_reports)


def list_groups(conn: Connection, *, min_outlets: int = 2, limit: int | None = 50,
                min_reports: int = 1) -> list[GroupCount]:
    """The claim groups carried by at least ``min_outlets`` outlets (and ``min_reports``
    articles), most widely reported first; all of them when ``limit`` is ``None``."""
    return _counted(conn, claims.c.grp.is_not(None), limit=limit, min_outlets=min_outlets,
                    min_reports=min_reports)


def _counted(conn: Connection, where: Any, *, limit: int | None, min_outlets: int,
             min_reports: int) -> list[GroupCount]:
    outlets = func.count(func.distinct(func.coalesce(articles.c.outlet, articles.c.domain, articles.c.input)))
    reports = func.count(func.distinct(claims.c.article_id))
    query = (select(claims.c.grp, reports, outlets, func.min(articles.c.published))
             .join(articles, articles.c.id == claims.c.article_id)
             .where(where).group_by(claims.c.grp)
             .having(outlets >= min_outlets).having(reports >= min_reports)
             .order_by(outlets.desc(), reports.desc(), claims.c.grp).limit(limit))
    return [GroupCount(int(g), int(r), int(o), f) for g, r, o, f in conn.execute(query)]


def group_members(conn: Connection, groups: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Every claim of each group, with its article's fields and outbound links, in article and
    claim order."""
    query = (select(claims, articles.c.outlet, articles.c.url, articles.c.title, articles.c.published,
                    articles.c.wire, articles.c.domain, articles.c.signature, articles.c.input)
             .join(articles, articles.c.id == claims.c.article_id)
             .where(claims.c.grp.in_(groups)).order_by(claims.c.article_id, claims.c.idx))
    members: dict[int, list[dict[str, Any]]] = {g: [] for g in groups}
    article_ids = set()
    for row in conn.execute(query).mappings():
        member = decoded(dict(row))
        members[int(member["grp"])].append(member)
        article_ids.add(member["article_id"])
    hrefs: dict[int, list[str]] = {}
    if article_ids:
        for article_id, href in conn.execute(select(links.c.article_id, links.c.href)
                                             .where(links.c.article_id.in_(article_ids))):
            hrefs.setdefault(int(article_id), []).append(str(href))
    for rows in members.values():
        for member in rows:
            member["links"] = hrefs.get(member["article_id"], [])
    return members


def decoded(member: dict[str, Any]) -> dict[str, Any]:
    """A claim row with its JSON columns read (``via``: (name, type) pairs; ``hedges``), as
    ``build_trace`` takes it."""
    member["via"] = [tuple(v) for v in json.loads(member["via"])] if member["via"] else []
    member["hedges"] = json.loads(member["hedges"]) if member["hedges"] else []
    return member


def variant_links(conn: Connection, groups: list[int] | None = None) -> list[tuple[int, int]]:
    """The pairs of groups holding a claim and its variant (``claim_variants``): all of them,
    or those touching ``groups``."""
    mine, other = claims.alias("mine"), claims.alias("other")
    query = (select(mine.c.grp, other.c.grp).select_from(claim_variants)
             .join(mine, mine.c.id == claim_variants.c.claim_id)
             .join(other, other.c.id == claim_variants.c.other_id)
             .where(mine.c.grp != other.c.grp).distinct())
    if groups is not None:
        query = query.where(mine.c.grp.in_(groups) | other.c.grp.in_(groups))
    return [(int(a), int(b)) for a, b in conn.execute(query)]


def recent_articles(conn: Connection, *, limit: int = 10, like: str | None = None) -> list[dict[str, Any]]:
    """The articles stored last (or those whose title, outlet or URL holds ``like``, in any case),
    newest first: id, title, outlet, published, url, when stored, claims."""
    query = select(articles.c.id, articles.c.title, articles.c.outlet, articles.c.published, articles.c.url,
                   articles.c.ingested_at, articles.c.claims)
    if like:
        pattern = "%" + like.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(func.lower(articles.c.title).like(pattern, escape="\\")
                            | func.lower(articles.c.outlet).like(pattern, escape="\\")
                            | func.lower(articles.c.url).like(pattern, escape="\\"))
    query = query.order_by(articles.c.ingested_at.desc(), articles.c.id.desc()).limit(limit)
    return [dict(row) for row in conn.execute(query).mappings()]


def source_claims(conn: Connection, name: str, kind: str, *, limit: int = 500) -> list[dict[str, Any]]:
    """The claims attributed to one source (by name and type, as the analysis wrote them), with
    their articles, oldest first."""
    query = (select(claims.c.article_id, claims.c.text, claims.c.cue, claims.c.certainty, claims.c.grp,
                    claims.c.directness, articles.c.outlet, articles.c.published, articles.c.title,
                    articles.c.url)
             .join(articles, articles.c.id == claims.c.article_id)
             .where(claims.c.source == name, claims.c.source_type == kind, claims.c.kind == "attributed")
             .order_by(articles.c.published, claims.c.article_id, claims.c.idx).limit(limit))
    return [dict(row) for row in conn.execute(query).mappings()]


def version(conn: Connection) -> tuple[int, str, int]:
    """What changes whenever the corpus does: its articles, when one was last written, its errors."""
    articles_now, last = conn.execute(select(func.count(), func.max(articles.c.updated_at))).one()
    failed = conn.execute(select(func.count()).select_from(errors)).scalar_one()
    return int(articles_now), str(last), int(failed)


def count_articles(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())


def index_pending(engine: Engine, *, batch: int = 100) -> int:
    """Index the claims of articles stored before claims were kept (``claims_indexed`` false),
    from their stored analyses, a batch per transaction; returns how many were indexed."""
    done = 0
    while True:
        with engine.begin() as conn:
            rows = conn.execute(select(articles.c.id, articles.c.analysis)
                                .where(articles.c.claims_indexed.is_(False)).order_by(articles.c.id)
                                .limit(batch)).all()
            for article_id, data in rows:
                analysis = Analysis.from_dict(json.loads(data))
                delete_claims(conn, int(article_id))
                index_claims(conn, int(article_id), analysis)
                conn.execute(update(articles).where(articles.c.id == article_id).values(
                    signature=article_signature(analysis.article.text), claims_indexed=True))
        done += len(rows)
        if len(rows) < batch:
            return done


def forget_claims(engine: Engine) -> None:
    """Drop every claim, bucket and search row, and mark every article as not yet indexed, so
    that :func:`index_pending` groups the whole corpus again (after the grouping settings
    changed)."""
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.execute(text("DELETE FROM claims_fts"))
        conn.execute(delete(claim_buckets))
        conn.execute(delete(claim_variants))
        conn.execute(delete(claims))
        conn.execute(update(articles).values(claims_indexed=False))


def pending(conn: Connection) -> int:
    query = select(func.count()).select_from(articles).where(articles.c.claims_indexed.is_(False))
    return int(conn.execute(query).scalar_one())
