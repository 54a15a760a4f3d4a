"""The pages as a client sees them: every page answers, shows what it should, and keeps the
article's own text from ever becoming markup; writes are refused unless allowed and authorised."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from sourcetrace.corpus import Corpus
from sourcetrace.web import CSP

from .conftest import HOSTILE

ARTICLE = ("Council Delays Ferry Vote\n\nThe council delayed the vote on Tuesday, according to Mayor Jane "
           "Holt.\n\n\"We need more time to read the audit,\" Holt said.\n\nOfficials who asked not to be "
           "named said the contract could cost twice as much.")


def _article_id(db: str, url_part: str) -> int:
    with Corpus(db) as corpus:
        found = corpus.recent(limit=100, like=url_part)
    return int(found[0]["id"])


def test_every_page_answers_with_the_security_headers(client: TestClient, corpus_db: str) -> None:
    article = _article_id(corpus_db, "ferry-terminal")
    for url in ("/", "/corpus", "/analyse", f"/articles/{article}", "/search?q=ferry", "/claims/1",
                "/sources?name=Jane+Holt&type=person", "/api/stats", "/api/openapi.json",
                "/static/style.css"):
        response = client.get(url)
        assert response.status_code == 200, (url, response.text[:300])
        assert response.headers["content-security-policy"] == CSP
        assert response.headers["x-content-type-options"] == "nosniff"
    assert "'unsafe-inline'" not in CSP and "script-src 'self'" in CSP


def test_the_article_page_marks_each_role(client: TestClient, corpus_db: str) -> None:
    page = client.get(f"/articles/{_article_id(corpus_db, 'ferry-terminal')}").text
    assert '<span class="m source"' in page and '<span class="m cue"' in page
    pattern = r'<span class="m content" data-a="(\d+)" id="a\1" tabindex="0" title="([^"]*)">the city'
    content = re.search(pattern, page)
    assert content and "Officials (anonymous) · said · asserted · verb_ccomp" in content.group(2)
    assert "Harbourton Gazette ← Officials" in content.group(2)  # the chain
    assert "Summary" in page and "anonymous or agentless" in page
    assert "Harbourton Gazette" in page
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts == ['<script src="/static/app.js" defer>']


def test_hostile_text_title_and_url_stay_text(client: TestClient, corpus_db: str) -> None:
    page = client.get(f"/articles/{_article_id(corpus_db, 'evil.example')}").text
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>never</b>" not in page
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in page and "&lt;b&gt;never&lt;/b&gt;" in page
    assert f'href="{HOSTILE.url}"' not in page
    assert 'rel="noopener noreferrer"' in page
    corpus_page = client.get("/corpus").text
    assert "<img src=x" not in corpus_page and "&lt;img src=x onerror=alert(1)&gt;" in corpus_page


def test_only_web_addresses_become_links(make_client: Callable[..., TestClient], tmp_path: Path,
                                         analyzer: Any) -> None:
    from sourcetrace.model import Article

    db = str(tmp_path / "js.db")
    with Corpus(db) as corpus:
        article_id = corpus.add(analyzer.analyze(Article.from_text(
            "Harbour Plan\n\nThe mayor said the harbour would stay open all summer for the fishing boats.",
            input="js.txt", url="javascript:alert(1)", outlet="Gazette")))
    page = make_client(db).get(f"/articles/{article_id}").text
    assert 'href="javascript:' not in page and "javascript:alert(1)" in page


def test_the_trace_page_draws_the_graph_and_the_disagreements(client: TestClient) -> None:
    search = client.get("/search", params={"q": "ferry terminal"}).text
    group = re.search(r'href="/claims/(\d+)"', search)
    assert group
    page = client.get(f"/claims/{group.group(1)}").text
    assert '<svg class="graph"' in page and "1</strong> independent source" in page
    assert "not named: counted for Harbourton Gazette alone" in page
    assert 'reached from <a href="#r1">r1</a>' in page
    assert "Officials" in page and "Timeline" in page
    negation = client.get("/search", params={"q": "flood defences"}).text
    found = re.search(r'href="/claims/(\d+)"', negation)
    assert found
    page = client.get(f"/claims/{found.group(1)}").text
    assert "wording: negation" in page and "<del>should</del>" in page and "<ins>shouldn&#39;t</ins>" in page


def test_the_source_page_lists_its_claims(client: TestClient) -> None:
    page = client.get("/sources", params={"name": "Jane Holt", "type": "person"}).text
    assert "We will not raise property taxes this year" in page
    assert client.get("/sources", params={"name": "x", "type": "wizard"}).status_code == 400


def test_analysing_pasted_text_without_storing(client: TestClient, corpus_db: str) -> None:
    before = client.get("/api/stats").json()["articles"]
    response = client.post("/analyse", data={"text": ARTICLE})
    assert response.status_code == 200
    assert "Not stored" in response.text and "Council Delays Ferry Vote" in response.text
    assert "the contract could cost twice as much" in response.text and "hedged: could" in response.text
    assert client.get("/api/stats").json()["articles"] == before
    assert client.post("/analyse", data={"text": "  "}).status_code == 400


def test_storing_needs_allow_write_and_the_token(
    make_client: Callable[..., TestClient], tmp_path: Path
) -> None:
    db = str(tmp_path / "w.db")
    read_only = make_client(db)
    refused = read_only.post("/analyse", data={"text": ARTICLE, "store": "true"})
    assert refused.status_code == 403 and "--allow-write" in refused.text
    assert read_only.post("/api/analyse", json={"text": ARTICLE, "store": True}).status_code == 403
    guarded = make_client(db, allow_write=True, token="s3cret")
    assert "<dt>articles</dt><dd>0</dd>" in guarded.get("/corpus").text
    assert guarded.post("/analyse", data={"text": ARTICLE, "store": "true"}).status_code == 401
    wrong = guarded.post("/analyse", data={"text": ARTICLE, "store": "true", "token": "wrong"})
    assert wrong.status_code == 401
    stored = guarded.post("/analyse", data={"text": ARTICLE, "store": "true", "token": "s3cret"},
                          follow_redirects=False)
    assert stored.status_code == 303 and stored.headers["location"].startswith("/articles/")
    page = guarded.get("/corpus").text  # the listing kept for the corpus page follows the write
    assert "<dt>articles</dt><dd>1</dd>" in page and "Council Delays Ferry Vote" in page
    api = guarded.post("/api/analyse", json={"text": ARTICLE, "store": True},
                       headers={"Authorization": "Bearer s3cret"})
    assert api.status_code == 200 and api.json()["article_id"] >= 1


def test_bad_uploads_get_a_message(make_client: Callable[..., TestClient]) -> None:
    small = make_client(max_upload=1000)
    response = small.post("/analyse", files={"file": ("big.txt", b"x " * 2000, "text/plain")})
    assert response.status_code == 413 and "big.txt: larger than" in response.text
    assert "Traceback" not in response.text
    ok = small.post("/analyse", files={"file": ("a.txt", ARTICLE[:900].encode("cp1252"), "text/plain")})
    assert ok.status_code == 200 and "Council Delays Ferry Vote" in ok.text
    png = b"\x89PNG\r\n\x1a\n" + bytes(300)
    binary = small.post("/analyse", files={"file": ("photo.png", png, "image/png")})
    assert binary.status_code == 400 and "photo.png" in binary.text and "Traceback" not in binary.text


def test_errors_are_pages_not_tracebacks(make_client: Callable[..., TestClient], tmp_path: Path) -> None:
    client = make_client()
    missing = client.get("/articles/99999")
    assert missing.status_code == 404 and "no article 99999" in missing.text
    assert client.get("/api/articles/99999").json() == {"error": "no article 99999 in this corpus"}
    empty = make_client(str(tmp_path / "empty.db"))
    landing = empty.get("/")
    assert landing.status_code == 200 and "The corpus is empty" in landing.text
    broken = make_client(str(tmp_path / "not-a-db.db"))
    (tmp_path / "not-a-db.db").write_bytes(b"this is not sqlite" * 100)
    response = broken.get("/corpus")
    assert response.status_code >= 400 and "Traceback" not in response.text and "<html" in response.text


def test_serve_refuses_other_machines_without_a_token() -> None:
    from click.testing import CliRunner

    from sourcetrace.cli import cli
    from sourcetrace.cli._serve_cmd import loopback

    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0"], env={"SOURCETRACE_TOKEN": ""})
    assert result.exit_code == 2 and "give a --token" in result.output
    assert loopback("127.0.0.1") and loopback("::1") and loopback("localhost")
    assert not loopback("0.0.0.0") and not loopback("192.168.1.4") and not loopback("example.org")


def test_other_host_names_and_other_sites_are_refused(make_client: Callable[..., TestClient],
                                                        tmp_path: Path) -> None:
    db = str(tmp_path / "h.db")
    local = make_client(db, hosts=("127.0.0.1", "localhost"), allow_write=True)
    rebound = local.get("/analyse")  # the test client says "testserver": a name rebound to us
    assert rebound.status_code == 400 and "does not answer to the name" in rebound.text
    assert local.get("http://127.0.0.1/analyse").status_code == 200
    assert local.get("http://localhost/api/stats").status_code == 200
    open_server = make_client(db, allow_write=True)
    crossing = open_server.post("/analyse", data={"text": ARTICLE, "store": "true"},
                                headers={"Origin": "https://evil.example"})
    assert crossing.status_code == 403 and "another site" in crossing.text
    assert open_server.post("/api/analyse", json={"text": ARTICLE, "store": True},
                            headers={"Referer": "https://evil.example/page"}).status_code == 403
    same = open_server.post("/analyse", data={"text": ARTICLE}, headers={"Origin": "http://testserver"})
    assert same.status_code == 200


def test_the_token_goes_in_a_bearer_header(make_client: Callable[..., TestClient], tmp_path: Path) -> None:
    guarded = make_client(str(tmp_path / "t.db"), allow_write=True, token="s3cret")
    body = {"text": ARTICLE, "store": True}
    lower = guarded.post("/api/analyse", json=body, headers={"Authorization": "bearer s3cret"})
    assert lower.status_code == 200
    assert guarded.post("/api/analyse", json=body, headers={"Authorization": "s3cret"}).status_code == 401


def test_unknown_pages_and_bad_parameters_are_pages_too(client: TestClient) -> None:
    missing = client.get("/nope")
    assert missing.status_code == 404 and "no page at /nope" in missing.text and "<html" in missing.text
    bad = client.get("/claims/x")
    assert bad.status_code == 422 and "<html" in bad.text and "group" in bad.text
    assert client.get("/api/nope").json() == {"error": "no page at /api/nope"}
    assert "error" in client.get("/api/claims/x").json()


def test_svg_labels_and_classes_are_escaped() -> None:
    from sourcetrace.model import ClaimTrace, TraceEdge, TraceNode
    from sourcetrace.web._svg import trace_svg

    evil = 'person"><script>alert(1)</script>'
    group = ClaimTrace(group=1, claim="x", reports=(), origins=("s",), independence=1, edges=(
        TraceEdge("r1", "s", 'quotes"><script>'),), nodes=(
        TraceNode("r1", "report", "<b>Gazette</b>", "report"), TraceNode("s", "source", "<i>Holt</i>", evil)))
    svg = trace_svg(group)
    assert "<script>" not in svg and "<b>" not in svg and "<i>" not in svg and "&lt;i&gt;Holt" in svg


def test_exports_from_the_api(client: TestClient) -> None:
    turtle = client.get("/api/export", params={"format": "prov-ttl", "q": "ferry terminal", "limit": 1})
    assert turtle.status_code == 200 and turtle.headers["content-type"].startswith("text/turtle")
    assert "prov:wasQuotedFrom" in turtle.text
    claims = client.get("/api/export", params={"format": "schema-claim", "min_outlets": 3})
    assert claims.headers["content-type"].startswith("application/ld+json") and '"Claim"' in claims.text
    assert client.get("/api/export", params={"format": "rdfxml"}).status_code == 422
