"""The JSON API under ``/api/``: the CLI's schemas (``sourcetrace.analysis/1``,
``sourcetrace.trace/1``, ``sourcetrace.discrepancy/1``) over HTTP, described by
``/api/openapi.json``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import PlainTextResponse, Response
from pydantic import BaseModel, Field

from sourcetrace.model import DISCREPANCY_KINDS, SOURCE_TYPES, Trace
from sourcetrace.web._app import state

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["api"])
_LEVELS = "^(cosmetic|abridged|reworded|substantive)$"
RowId = Annotated[int, Path(ge=1, le=2**63 - 1)]
"""An article or group id: what a database integer can hold."""


class TextIn(BaseModel):
    """A text to analyse (HTML or a plain-text scrape; ``url`` then says where it is from), or
    only a ``url`` to fetch (when the server allows it); and whether to store the analysis."""

    text: str | None = Field(default=None, min_length=1, max_length=5_000_000)
    url: str | None = Field(default=None, max_length=2000)
    store: bool = False


@router.post("/analyse")
def analyse(request: Request, body: TextIn) -> dict[str, Any]:
    """The ``sourcetrace.analysis/1`` object of a text (or of the page at ``url``); with
    ``store``, also stored (the server must allow writes; ``article_id`` says where)."""
    from sourcetrace.extract import extract_text
    from sourcetrace.web._fetch import fetch_article

    site = state(request)
    if body.store:
        site.may_write(request)
    if body.text is not None:
        article = extract_text(body.text, input="<api>", url=body.url)
    elif body.url:
        if not site.settings.allow_fetch:
            raise HTTPException(403, "fetching URLs is off: start the server with --allow-fetch")
        article = fetch_article(body.url, max_bytes=site.settings.max_upload)
    else:
        raise HTTPException(422, "give a text or a url")
    analysis = site.analyzer.analyze(article)
    data: dict[str, Any] = analysis.to_dict()
    if body.store:
        data["article_id"] = site.corpus.add(analysis)
    return data


@router.get("/articles/{article_id}")
def article(request: Request, article_id: RowId) -> dict[str, Any]:
    """A stored article's ``sourcetrace.analysis/1`` object."""
    analysis = state(request).corpus.get(article_id)
    if analysis is None:
        raise HTTPException(404, f"no article {article_id} in this corpus")
    data: dict[str, Any] = analysis.to_dict()
    return data


@router.get("/stats")
def stats(request: Request) -> dict[str, Any]:
    """What ``sourcetrace stats --format json`` prints."""
    data: dict[str, Any] = state(request).corpus.stats()
    return data


@router.get("/claims")
def claims(request: Request, min_outlets: Annotated[int, Query(ge=1, le=100_000)] = 2,
           limit: Annotated[int, Query(ge=1, le=500)] = 50) -> dict[str, Any]:
    """The claim groups the most outlets carry, traced (``sourcetrace.trace/1``)."""
    from sourcetrace.trace import claim_groups

    groups = claim_groups(state(request).corpus, min_outlets=min_outlets, limit=limit)
    return Trace(None, tuple(groups)).to_dict()


@router.get("/claims/{group}")
def claim(request: Request, group: RowId) -> dict[str, Any]:
    """One claim group traced (``sourcetrace.trace/1`` with that group alone)."""
    from sourcetrace.trace import trace_groups

    found = trace_groups(state(request).corpus, [group])
    if not found:
        raise HTTPException(404, f"no claim group {group} in this corpus")
    return Trace(None, tuple(found)).to_dict()


@router.get("/trace")
def trace(request: Request, q: Annotated[str, Query(min_length=1, max_length=500)],
          limit: Annotated[int, Query(ge=1, le=100)] = 10) -> dict[str, Any]:
    """What ``sourcetrace trace Q --format json`` prints."""
    from sourcetrace.trace import trace as run

    return run(state(request).corpus, q, limit=limit).to_dict()


@router.get("/discrepancies")
def discrepancies(request: Request, q: Annotated[str | None, Query(max_length=500)] = None,
                  kind: Annotated[list[str] | None, Query()] = None,
                  level: Annotated[str, Query(pattern=_LEVELS)] = "substantive",
                  limit: Annotated[int, Query(ge=1, le=500)] = 20) -> dict[str, Any]:
    """What ``sourcetrace discrepancies [Q] --format json`` prints (``kind`` repeatable)."""
    from sourcetrace.trace import discrepancies as run

    unknown = sorted(set(kind or ()) - set(DISCREPANCY_KINDS))
    if unknown:
        expected = ", ".join(DISCREPANCY_KINDS)
        raise HTTPException(422, f"unknown kind {unknown[0]!r}; expected one of {expected}")
    kinds = [k for k in DISCREPANCY_KINDS if not kind or k in kind]
    return run(state(request).corpus, q or None, kinds=kinds, level=level, limit=limit).to_dict()


@router.get("/sources")
def sources(request: Request, type: Annotated[str | None, Query(max_length=20)] = None,
            outlet: Annotated[str | None, Query(max_length=300)] = None,
            limit: Annotated[int, Query(ge=1, le=500)] = 50) -> list[dict[str, Any]]:
    """Who is cited across the corpus, most claims first (``sourcetrace sources``)."""
    if type is not None and type not in SOURCE_TYPES:
        raise HTTPException(422, f"unknown source type {type!r}")
    found = state(request).corpus.sources(type=type, outlet=outlet, limit=limit)
    return [{"name": s.name, "type": s.type, "claims": s.claims, "articles": s.articles,
             "outlets": list(s.outlets)} for s in found]


_MEDIA = {"prov-ttl": "text/turtle", "prov-jsonld": "application/ld+json",
          "schema-claim": "application/ld+json"}
_EXPORTS = "^(prov-ttl|prov-jsonld|schema-claim)$"


@router.get("/export", response_class=PlainTextResponse)
def export(request: Request, format: Annotated[str, Query(pattern=_EXPORTS)],
           q: Annotated[str | None, Query(max_length=500)] = None,
           min_outlets: Annotated[int, Query(ge=1, le=100_000)] = 2,
           limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> Response:
    """What ``sourcetrace export --format …`` writes: the traced claims (matching ``q``, or carried
    by ``min_outlets`` outlets) as W3C PROV-O (Turtle or JSON-LD) or schema.org ``Claim`` JSON-LD."""
    from sourcetrace.trace import export_trace

    body = export_trace(state(request).corpus, format, query=q or None, min_outlets=min_outlets, limit=limit)
    return Response(body, media_type=_MEDIA[format])
