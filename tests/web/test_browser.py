"""The pages in a real browser (Playwright driving Debian's chromium): hover a claim, move with
the keyboard, follow a chain, search, analyse pasted text; screenshots of the article and trace
pages of the example are saved under ``test-artifacts/`` for a person to look at."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sourcetrace.corpus import Corpus

pytest.importorskip("playwright", reason="the browser tests need playwright (the dev extra)")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None,
                                reason="no chromium on this machine (apt-get install chromium)")

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
EXAMPLE = Path(__file__).resolve().parents[3] / "shared/examples/eutoday-atacms-authorisation.txt"


@pytest.fixture(scope="module")
def server(corpus_db: str, analyzer: Any) -> Iterator[str]:
    import uvicorn

    from sourcetrace.web import WebSettings, create_app

    if EXAMPLE.exists():
        from sourcetrace.extract import extract_text

        with Corpus(corpus_db) as corpus:
            text = EXAMPLE.read_text(encoding="utf-8")
            corpus.add(analyzer.analyze(extract_text(text, input=str(EXAMPLE))))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(WebSettings(db=corpus_db), analyzer=analyzer)
    served = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=served.run, daemon=True)
    thread.start()
    for _ in range(100):
        if served.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    served.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert errors == [], errors  # no script error, no CSP violation


def _article_url(server: str, corpus_db: str, like: str) -> str:
    with Corpus(corpus_db) as corpus:
        return f"{server}/articles/{corpus.recent(limit=200, like=like)[0]['id']}"


def test_hovering_and_keys_on_the_article_page(page: Any, server: str, corpus_db: str) -> None:
    page.goto(_article_url(server, corpus_db, "ferry-terminal"))
    first = page.locator(".m.content[data-a]").first
    first.hover()
    lit = page.locator(".m.lit")
    assert lit.count() >= 2  # the content and its source and cue light up together
    focus = page.locator("#focus")
    assert focus.is_visible() and "Officials" in focus.inner_text()  # the claim's details beside the text
    page.mouse.move(0, 0)
    assert page.locator(".m.lit").count() == 0
    page.keyboard.press("j")
    focused = page.evaluate("document.activeElement.id")
    assert focused.startswith("a")
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") != focused


def test_following_a_chain_and_searching(page: Any, server: str, corpus_db: str) -> None:
    page.goto(_article_url(server, corpus_db, "ferry-terminal"))
    page.locator("ul.tree a", has_text="Officials").first.click()
    assert "/sources?" in page.url and page.locator("h1").inner_text() == "Officials"
    page.fill("#q", '"ferry terminal"')
    page.press("#q", "Enter")
    page.locator("ul.results a").first.click()
    assert "/claims/" in page.url
    assert page.locator("svg.graph").count() == 1
    assert "independent source" in page.locator("p.independence").inner_text()


def test_analysing_pasted_text(page: Any, server: str) -> None:
    page.goto(f"{server}/analyse")
    page.fill("#text", "Harbour Plan\n\n\"We will not sell the harbour,\" Mayor Jane Holt said on Tuesday.")
    page.click("button.primary")
    assert "Not stored" in page.content()
    assert page.locator(".m.source", has_text="Mayor Jane Holt").count() == 1


@pytest.mark.skipif(not EXAMPLE.exists(), reason=f"needs {EXAMPLE} (the shared data beside the checkout)")
def test_screenshots_of_the_example(page: Any, server: str, corpus_db: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(_article_url(server, corpus_db, "EU Today"))
    page.screenshot(path=str(ARTIFACTS / "article-eutoday.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(ARTIFACTS / "article-eutoday-phone.png"))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{server}/search?q=" + "%22ferry+terminal%22")
    page.locator("ul.results a").first.click()
    page.screenshot(path=str(ARTIFACTS / "trace-ferry-terminal.png"), full_page=True)
    assert (ARTIFACTS / "article-eutoday.png").stat().st_size > 10_000
