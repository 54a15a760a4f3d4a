"""Fixtures for the ingest tests: a real local HTTP server and saved feeds pointing at it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from .helpers import FEED_BASE, data_text


@pytest.fixture(scope="session")
def make_httpserver() -> Iterator[HTTPServer]:
    """pytest-httpserver's server, on 127.0.0.1 and threaded.

    Threaded so that a handler still sleeping after a client timed out does not hold up the
    requests of the next test.
    """
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


@pytest.fixture
def feed_file(tmp_path: Path, httpserver: HTTPServer) -> Callable[[str], Path]:
    """Write a saved feed with its links pointing at the local server; returns the path."""

    def write(name: str) -> Path:
        text = data_text(name).replace(FEED_BASE, httpserver.url_for("/"))
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
