"""The web interface (``sourcetrace serve``; needs the ``web`` extra): an article's sourcing at a
glance, the corpus, where a claim came from and where its reports disagree, and a JSON API.

    >>> from sourcetrace.web import WebSettings, create_app
    >>> app = create_app(WebSettings(db="sourcetrace.db"))    # serve with uvicorn

Pages render on the server and read without JavaScript; the one script adds hover and keyboard
moves. Safe by default: read-only, no URL fetching, a strict Content-Security-Policy, every text
from an article escaped.
"""

from __future__ import annotations

from sourcetrace.web._app import CSP, WebSettings, create_app

__all__ = ["CSP", "WebSettings", "create_app"]
