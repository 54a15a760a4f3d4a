"""The pages: analyse, article, corpus, search, claim group (trace) and source; each a stable
URL, rendered on the server (JavaScript only adds hover and keyboard moves)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from sourcetrace.corpus._claims import _via
from sourcetrace.model import SOURCE_TYPES, Analysis, Article, ClaimTrace
from sourcetrace.web._api import RowId
from sourcetrace.web._app import state
from sourcetrace.web._marks import blocks
from sourcetrace.web._svg import trace_svg

__all__ = ["router"]

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


@router.get("/")
def home(request: Request) -> Response:
    """The corpus page, or the analyse page while the corpus is empty."""
    if state(request).corpus.article_count():
        return corpus_page(request)
    return state(request).page(request, "analyse.html", empty=True)


@router.get("/analyse")
def analyse_form(request: Request) -> Response:
    return state(request).page(request, "analyse.html", empty=False)


@router.post("/analyse")
async def analyse(request: Request, text: Annotated[str, Form()] = "", url: Annotated[str, Form()] = "",
                  store: Annotated[bool, Form()] = False, token: Annotated[str | None, Form()] = None,
                  file: UploadFile | None = None) -> Response:
    """Analyse pasted text, an uploaded file or (when the server allows it) a URL; store it only
    when asked and allowed."""
    site = state(request)
    if store:
        site.may_write(request, token)  # before any work: a refused write costs nothing
    if url.strip() and not text.strip() and not (file and file.filename):
        article = await fetched(request, url.strip())
    else:
        article = await _article(request, text, file)
    analysis = await run_in_threadpool(site.analyzer.analyze, article)
    if store:
        article_id = site.corpus.add(analysis)
        return RedirectResponse(f"/articles/{article_id}", status_code=303)
    return _article_page(request, analysis, None)


async def fetched(request: Request, url: str) -> Article:
    """The article at a URL a visitor gave, when the server allows fetching (``--allow-fetch``)."""
    from sourcetrace.web._fetch import fetch_article

    settings = state(request).settings
    if not settings.allow_fetch:
        raise HTTPException(403, "fetching URLs is off: start the server with --allow-fetch")
    article: Article = await run_in_threadpool(fetch_article, url, max_bytes=settings.max_upload)
    return article


async def _article(request: Request, text: str, file: UploadFile | None) -> Article:
    from sourcetrace.extract import extract_article, extract_text
    from sourcetrace.model import RawDocument

    limit = state(request).settings.max_upload
    if file is not None and file.filename:
        data = await file.read(limit + 1)
        if len(data) > limit:
            raise HTTPException(413, f"{file.filename}: larger than {limit // 1_000_000} MB")
        # Read as the CLI reads a file: its encoding detected, HTML or text sniffed.
        return extract_article(RawDocument(file.filename, "file", data))
    if not text.strip():
        raise HTTPException(400, "nothing to analyse: paste a text or choose a file")
    if len(text.encode()) > limit:
        raise HTTPException(413, f"the text is larger than {limit // 1_000_000} MB")
    return extract_text(text, input="<pasted text>")


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: RowId) -> Response:
    analysis = state(request).corpus.get(article_id)
    if analysis is None:
        raise HTTPException(404, f"no article {article_id} in this corpus")
    return _article_page(request, analysis, article_id)


def _article_page(request: Request, analysis: Analysis, article_id: int | None) -> Response:
    return state(request).page(request, "article.html", analysis=analysis, article_id=article_id,
                               blocks=blocks(analysis), summary=analysis.summary(),
                               details=[_details(analysis, i) for i in range(len(analysis.attributions))])


def _details(analysis: Analysis, index: int) -> dict[str, Any]:
    """What a claim's hover and its row in the table say."""
    a = analysis.attributions[index]
    text = analysis.article.text
    source = analysis.source(a.source_id)
    chain = [source.name, *(name for name, _ in _via(analysis, source))] if source else []
    return {
        "index": index, "source": source.name if source else "(no source given)",
        "type": source.type if source else "agentless", "cue": " … ".join(text[s.start:s.end] for s in a.cue),
        "content": " … ".join(text[s.start:s.end] for s in a.content), "kind": a.kind,
        "certainty": a.certainty, "hedges": [h.cue for h in a.hedges], "rule": a.found_by,
        "chain": " ← ".join([analysis.article.outlet or "this article", *reversed(chain)]) if chain else "",
    }


@router.get("/corpus")
def corpus_page(request: Request) -> Response:
    from sourcetrace.trace import claim_groups

    site = state(request)
    corpus = site.corpus
    stats = site.cached("stats", corpus.stats)
    groups = (site.cached("groups", lambda: claim_groups(corpus, min_outlets=2, limit=20))
              if stats["articles"] else [])
    recent = site.cached("recent", lambda: corpus.recent(limit=10))
    return site.page(request, "corpus.html", stats=stats, groups=groups, recent=recent,
                     errors=corpus.errors()[:20])


@router.get("/search")
def search(request: Request, q: Annotated[str, Query(max_length=500)] = "") -> Response:
    from sourcetrace.trace import trace

    corpus = state(request).corpus
    result = trace(corpus, q, limit=30) if q.strip() and corpus.article_count() else None
    articles = corpus.recent(limit=20, like=q.strip()) if q.strip() else []
    return state(request).page(request, "search.html", q=q, result=result, articles=articles)


@router.get("/claims/{group}")
def trace_page(request: Request, group: RowId) -> Response:
    from sourcetrace.trace import discrepancies, trace_groups

    corpus = state(request).corpus
    found = trace_groups(corpus, [group])
    if not found:
        raise HTTPException(404, f"no claim group {group} in this corpus")
    disagreements = discrepancies(corpus, group=group, level="abridged")
    return state(request).page(request, "trace.html", group=found[0], svg=Markup(trace_svg(found[0])),
                               disagreements=disagreements, origins=_origins(found[0]))


def _origins(group: ClaimTrace) -> list[dict[str, Any]]:
    """Each counted origin with the reports that lead to it and why it counts as one source."""
    cites: dict[str, list[str]] = {}
    for edge in group.edges:
        cites.setdefault(edge.source, []).append(edge.target)
    reach: dict[str, list[str]] = {}
    for report in group.reports:
        stack, seen = [report.id], set()
        while stack:
            at = stack.pop()
            if at in seen:
                continue
            seen.add(at)
            stack.extend(cites.get(at, ()))
            if at in group.origins:
                reach.setdefault(at, []).append(report.id)
    out = []
    for node_id in group.origins:
        node = group.node(node_id)
        if node is None:
            continue
        if node.kind == "report":
            why = "gives no source: counted as its publisher's own claim"
        elif node.type in ("anonymous", "unspecified"):
            why = (f"not named: counted for {node.cited_by or 'its outlet'} alone (the unnamed sources of "
                   "two outlets are not known to be the same people)")
        else:
            why = "named: one source however many reports cite it"
        out.append({"node": node, "reports": reach.get(node_id, []), "why": why})
    return out


@router.get("/sources")
def source_page(request: Request, name: Annotated[str, Query(max_length=500)],
                type: Annotated[str, Query(max_length=20)]) -> Response:
    if type not in SOURCE_TYPES:
        raise HTTPException(400, f"unknown source type {type!r}")
    claims = state(request).corpus.source_claims(name, type)
    outlets: dict[str, int] = {}
    for claim in claims:
        outlet = claim["outlet"] or "(unknown outlet)"
        outlets[outlet] = outlets.get(outlet, 0) + 1
    return state(request).page(request, "source.html", name=name, type=type, claims=claims, outlets=outlets)
