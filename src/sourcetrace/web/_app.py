"""The web application: settings, the shared corpus and analyser, security headers, the token
check for writes, and error pages that never show a stack trace."""

from __future__ import annotations

import hmac
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint

from sourcetrace.errors import EmptyCorpusError, SourcetraceError

__all__ = ["CSP", "WebSettings", "create_app", "state"]

log = logging.getLogger("sourcetrace.web")

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
"""No inline script or style, nothing from another origin: article text is untrusted."""


@dataclass(frozen=True)
class WebSettings:
    """How the server runs: the corpus (``db``: as the CLI's ``--db``), and what it may do
    beyond reading: fetch URLs, store articles; ``token``: the secret a client must send to store
    (required when the server listens beyond the loopback)."""

    db: str | None = None
    allow_fetch: bool = False
    allow_write: bool = False
    token: str | None = None
    max_upload: int = 5_000_000
    hosts: tuple[str, ...] | None = None
    """The host names a request may be addressed to (``None``: any). ``sourcetrace serve`` on
    the loopback allows only loopback names, so that a page elsewhere cannot rebind a name of its
    own to 127.0.0.1 and read or write through the visitor's browser."""


class _State:
    """What every request shares: the settings, the templates, the corpus and the analyser (both
    opened on first use: the analyser loads spaCy, a second or two)."""

    def __init__(self, settings: WebSettings, analyzer: Any = None) -> None:
        self.settings = settings
        self._analyzer = analyzer
        self._corpus: Any = None
        self._cache: dict[tuple[str, Any], Any] = {}
        directory = resources.files("sourcetrace.web") / "templates"
        self.templates = Jinja2Templates(directory=str(directory))
        self.templates.env.globals["settings"] = settings

    @property
    def corpus(self) -> Any:
        if self._corpus is None:
            from sourcetrace.corpus import Corpus

            self._corpus = Corpus(self.settings.db)
        return self._corpus

    @property
    def analyzer(self) -> Any:
        if self._analyzer is None:
            from sourcetrace.attribution import Analyzer

            self._analyzer = Analyzer()
        return self._analyzer

    def cached(self, name: str, compute: Callable[[], Any]) -> Any:
        """``compute()``, kept until the corpus changes (the corpus page's listing scans every
        claim; a page nobody has written to since needs no new scan)."""
        key = (name, self.corpus.version())
        if key not in self._cache:
            if len(self._cache) > 64:
                self._cache.clear()
            self._cache[key] = compute()
        return self._cache[key]

    def close(self) -> None:
        if self._corpus is not None:
            self._corpus.close()

    def page(self, request: Request, template: str, /, code: int = 200, **context: Any) -> HTMLResponse:
        return self.templates.TemplateResponse(request, template, context, status_code=code)

    def may_write(self, request: Request, form_token: str | None = None) -> None:
        """Refuse a write unless the server allows writes and, when it has a token, the client
        sent it (``Authorization: Bearer …`` or the form's ``token`` field)."""
        if not self.settings.allow_write:
            raise HTTPException(403, "storing is off: start the server with --allow-write")
        if self.settings.token:
            scheme, _, value = request.headers.get("authorization", "").partition(" ")
            sent = value.strip() if scheme.lower() == "bearer" else (form_token or "")
            if not hmac.compare_digest(sent.encode(), self.settings.token.encode()):
                raise HTTPException(401, "storing needs the server's token")


def state(request: Request) -> _State:
    found: _State = request.app.state.sourcetrace
    return found


class _SecurityHeaders(BaseHTTPMiddleware):
    """Refuses requests addressed to another host name, and writing requests (POST) sent from
    another site's page (their ``Origin``, or ``Referer``, is not this server); then adds the
    security headers to every response."""

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        hosts = state(request).settings.hosts
        host = (request.url.hostname or "").lower()
        if hosts is not None and host not in hosts:
            return _secured(_error(request, 400, f"this server does not answer to the name {host!r}"))
        if request.method not in ("GET", "HEAD", "OPTIONS") and not _same_origin(request):
            return _secured(_error(request, 403, "a request from another site's page is refused"))
        return _secured(await call_next(request))


def _same_origin(request: Request) -> bool:
    """Whether a request comes from this server's own pages: its ``Origin`` (or, without one,
    its ``Referer``) is this server. A request with neither (``curl``, a script) is a client of
    its own, not a page tricked into sending it."""
    sent = request.headers.get("origin") or request.headers.get("referer")
    if sent is None:
        return True
    parts = urlsplit(sent)
    return (parts.scheme, parts.netloc.lower()) == (request.url.scheme, request.url.netloc.lower())


def _secured(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    return response


def create_app(settings: WebSettings | None = None, *, analyzer: Any = None) -> FastAPI:
    """The sourcetrace web application (serve it with uvicorn: ``sourcetrace serve``)."""
    from sourcetrace import __version__
    from sourcetrace.web import _api, _pages

    shared = _State(settings or WebSettings(), analyzer)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        shared.close()

    app = FastAPI(title="sourcetrace", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json", lifespan=lifespan,
                  description="Who says so? The JSON API mirrors the CLI's schemas.")
    app.state.sourcetrace = shared
    app.add_middleware(_SecurityHeaders)
    app.mount("/static", StaticFiles(packages=[("sourcetrace.web", "static")]), name="static")
    app.include_router(_api.router)
    app.include_router(_pages.router)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = str(exc.detail) if exc.status_code != 404 or exc.detail != "Not Found" else \
            f"no page at {request.url.path}"
        return _error(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("query", "path", "body"))
        return _error(request, 422, f"{where or 'request'}: {first.get('msg', 'not valid')}")

    @app.exception_handler(SourcetraceError)
    async def sourcetrace_error(request: Request, exc: SourcetraceError) -> Response:
        status = 404 if isinstance(exc, EmptyCorpusError) else 400
        return _error(request, status, exc.message)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        return _error(request, 500, "something went wrong on the server; the log says what")

    return app


def _error(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message}, status_code=status)
    return state(request).page(request, "error.html", code=status, message=message, status=status)
