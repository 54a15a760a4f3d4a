"""Fixtures for the Spark tests: WARC archives written here with warcio (news pages that
repeat each other's claims, and the damage crawls carry: a truncated record, a non-HTML
response, a corrupt gzip member), and one run of the job in ``local[2]`` per session.

The job needs PySpark (the ``spark`` extra) and Java; without them the job's tests are skipped
with the reason, and the tests of the plain-Python parts still run.
"""

from __future__ import annotations

import io
import shutil
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.corpus.conftest import analyzer

# What the outlets report: one minister's quotation, a claim relayed from Reuters, one from
# unnamed officials through The New York Times; each outlet words a little of it its own way.
CLAIMS = [
    "“We will not send soldiers to the border under any circumstances,” Defence Minister Anna Keller "
    "said on Tuesday.",
    "According to Reuters, the government plans to raise the fuel tax by 12 percent next year.",
    "Unnamed officials told The New York Times that the negotiations over the harbour contract "
    "collapsed after three days.",
]
OWN = {
    "Daily Ledger": ["The minister spoke at a press conference in the capital, where reporters pressed "
                     "her on the budget and on the long delays at the northern crossing.",
                     "Opposition leaders called the plan reckless and promised to fight it in parliament."],
    "Evening Courier": ["Farmers in the south have protested for weeks against the rising price of diesel, "
                        "blocking roads with tractors outside three market towns.",
                        "The finance ministry declined to comment on the figures when asked on Wednesday."],
    "Harbour Times": ["Dock workers gathered outside the port authority building on Monday morning, "
                      "carrying banners and demanding clear answers about their jobs.",
                      "The contract would have been the largest in the history of the port."],
    "Northern Post": ["Residents of the border towns have grown used to the sight of patrols along the "
                      "river, local councillors say, though few expect any change soon.",
                      "Ticket prices on the regional trains also rose for the second time this year."],
}
DATES = {"Daily Ledger": "2026-03-03", "Evening Courier": "2026-03-03", "Harbour Times": "2026-03-04",
         "Northern Post": "2026-03-05"}


def page(outlet: str, *, title: str, date: str | None, slug: str) -> tuple[str, bytes]:
    """A news page of ``outlet`` carrying the shared claims among its own paragraphs: its URL
    and its HTML (with the navigation, share buttons and footer a real page has)."""
    domain = outlet.lower().replace(" ", "") + ".example"
    url = f"https://www.{domain}/news/{slug}"
    own = OWN[outlet]
    body = [own[0], *CLAIMS, own[1]]
    paragraphs = "\n".join(f"<p>{p}</p>" for p in body)
    meta = f'<meta property="article:published_time" content="{date}T09:30:00Z">' if date else ""
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | {outlet}</title>
<meta property="og:site_name" content="{outlet}"><meta property="og:title" content="{title}">
{meta}<link rel="canonical" href="{url}"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav>
<main><article><h1>{title}</h1><p class="byline">By Sam Rivera</p>
{paragraphs}
</article></main>
<aside>Share this story: Facebook · X · Email</aside>
<footer>© {date[:4] if date else "The"} {outlet}. All rights reserved.
<a href="/privacy">Privacy</a></footer></body></html>"""
    return url, html.encode("utf-8")


def write_records(path: Path, records: list[tuple[str, bytes, str]], *, gzip_: bool = True) -> None:
    """A WARC file of HTTP responses: (URL, body, content type) each."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip_)
        for url, body, ctype in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


@dataclass(frozen=True)
class Crawl:
    """The archives of a test crawl and the manifest listing them."""

    root: Path
    manifest: Path
    good: tuple[Path, ...]
    truncated: Path
    corrupt: Path
    not_warc: Path
    missing: Path


def make_crawl(root: Path) -> Crawl:
    root.mkdir(parents=True, exist_ok=True)
    pages = [page(o, title=f"Minister rules out sending soldiers ({o})", date=DATES[o], slug="keller")
             for o in OWN]
    first, second = root / "crawl-0.warc.gz", root / "crawl-1.warc"
    png = b"\x89PNG\r\n\x1a\n" + bytes(64)
    write_records(first, [(pages[0][0], pages[0][1], "text/html; charset=utf-8"),
                          ("https://www.dailyledger.example/logo.png", png, "image/png"),
                          (pages[1][0], pages[1][1], "text/html")])
    # an uncompressed archive, and a page without a date (partition "unknown")
    undated = page("Northern Post", title="Fuel tax to rise", date=None, slug="fuel-tax")
    # ... and the Daily Ledger's page crawled again: one article, from the archive sorting first
    write_records(second, [(pages[2][0], pages[2][1], "text/html"), (undated[0], undated[1], "text/html"),
                           (pages[0][0], pages[0][1], "text/html")], gzip_=False)
    # cut inside its second record: the first page is kept, the cut recorded
    truncated = root / "crawl-2-truncated.warc.gz"
    write_records(truncated, [(pages[3][0], pages[3][1], "text/html"),
                              ("https://www.northernpost.example/news/other",
                               page("Northern Post", title="Other", date="2026-03-06", slug="other")[1],
                               "text/html")])
    data = truncated.read_bytes()
    truncated.write_bytes(data[: len(data) - 400])
    # the second gzip member damaged in its middle
    corrupt = root / "crawl-3-corrupt.warc.gz"
    talks = page("Harbour Times", title="Harbour talks fail", date="2026-03-06", slug="talks")
    later = page("Harbour Times", title="Harbour talks resume", date="2026-03-07", slug="resume")
    write_records(corrupt, [(*talks, "text/html"), (*later, "text/html")])
    data = bytearray(corrupt.read_bytes())
    members = _member_starts(bytes(data))
    data[members[1] + 30 : members[1] + 90] = b"\xff" * 60  # inside the deflate stream
    corrupt.write_bytes(bytes(data))
    not_warc = root / "notes.txt"
    not_warc.write_text("not an archive\n", encoding="utf-8")
    missing = root / "missing.warc.gz"
    manifest = root / "warc.paths"
    lines = ["# the test crawl", str(first), "", str(second), str(truncated), str(corrupt), str(not_warc),
             str(missing)]
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Crawl(root, manifest, (first, second), truncated, corrupt, not_warc, missing)


def _member_starts(data: bytes) -> list[int]:
    """Where each gzip member of a file starts."""
    starts, offset = [], 0
    while offset < len(data):
        starts.append(offset)
        decompressor = zlib.decompressobj(16 + 15)
        decompressor.decompress(data[offset:])
        offset = len(data) - len(decompressor.unused_data)
    return starts


@pytest.fixture(scope="session")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    return make_crawl(tmp_path_factory.mktemp("crawl"))


def spark_ready() -> str | None:
    """Why the Spark job cannot run here, or ``None``."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return 'PySpark is not installed (pip install "sourcetrace[spark]")'
    if shutil.which("java") is None:
        return "Java is not installed (PySpark needs a JVM)"
    return None


@pytest.fixture(scope="session")
def job(crawl: Crawl, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, object]]:
    """The job's output directory and its report, from one run in local[2]."""
    reason = spark_ready()
    if reason:
        pytest.skip(reason)
    from sourcetrace.spark import Settings, run_job

    out = tmp_path_factory.mktemp("spark") / "out"
    report = run_job(str(crawl.manifest), str(out), settings=Settings(max_bytes=5_000_000), master="local[2]",
                     conf=[("spark.ui.enabled", "false")])
    yield out, report


__all__ = ["Crawl", "analyzer", "make_crawl", "page", "write_records"]
