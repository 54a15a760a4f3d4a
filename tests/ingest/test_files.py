"""Files, directories and standard input as inputs."""

from __future__ import annotations

import io
import os
import random
from pathlib import Path

import pytest

from sourcetrace.errors import IngestError, InputTooLargeError, NotAnArticleError
from sourcetrace.ingest import ReadOptions, expand_inputs, is_url, read_inputs
from sourcetrace.model import RawDocument

from .helpers import data_bytes

MARKET_HALL = data_bytes("market-hall.html")
BUDGET = data_bytes("budget-scrape.txt")


def _one(name: str, options: ReadOptions | None = None, **kwargs: object):
    outcomes = list(read_inputs([name], options, **kwargs))
    assert len(outcomes) == 1, outcomes
    return outcomes[0]


def test_html_file_is_one_raw_html_document(tmp_path: Path) -> None:
    path = tmp_path / "market-hall.html"
    path.write_bytes(MARKET_HALL)
    doc = _one(str(path))
    assert doc == RawDocument(
        input=str(path), kind="file", data=MARKET_HALL, url=None, content_type="text/html",
        format="html",
    )
    assert doc.label == str(path)


def test_plain_text_file_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "budget.txt"
    path.write_bytes(BUDGET)
    doc = _one(str(path))
    assert isinstance(doc, RawDocument)
    assert (doc.kind, doc.content_type, doc.data) == ("file", "text/plain", BUDGET)


def test_html_is_recognised_by_content_not_by_name(tmp_path: Path) -> None:
    path = tmp_path / "saved-page"
    path.write_bytes(MARKET_HALL)
    assert _one(str(path)).content_type == "text/html"


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.html"
    error = _one(str(path))
    assert type(error) is IngestError
    assert error.input == str(path)
    assert error.reason == "no such file or directory"
    assert error.message == f"[E100] {path}: no such file or directory"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "secret.html"
    path.write_bytes(MARKET_HALL)
    path.chmod(0)
    error = _one(str(path))
    assert type(error) is IngestError
    assert (error.input, error.reason) == (str(path), "permission denied")


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  \n"], ids=["zero-bytes", "whitespace"])
def test_empty_file_is_not_an_article(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.html"
    path.write_bytes(content)
    error = _one(str(path))
    assert isinstance(error, NotAnArticleError)
    assert error.input == str(path)
    assert error.reason == "empty input"


@pytest.mark.parametrize(
    "content",
    [
        random.Random(7).randbytes(4096),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        b"%PDF-1.7\n" + bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 40,
    ],
    ids=["random", "png-named-html", "pdf-with-controls"],
)
def test_binary_junk_is_not_an_article(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(content)
    error = _one(str(path))
    assert isinstance(error, NotAnArticleError)
    assert error.input == str(path)
    assert error.reason == "binary data, not HTML or text"
    assert str(path) in error.message


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    path.write_bytes(MARKET_HALL)
    error = _one(str(path), ReadOptions(max_bytes=1024))
    assert isinstance(error, InputTooLargeError)
    assert error.input == str(path)
    assert error.reason == "file is over the 1 KB limit"


def test_file_exactly_at_the_size_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(MARKET_HALL)
    doc = _one(str(path), ReadOptions(max_bytes=len(MARKET_HALL)))
    assert isinstance(doc, RawDocument)
    assert doc.data == MARKET_HALL


def _tree(root: Path) -> None:
    files = {
        "b-story.html": MARKET_HALL,
        "a-story.htm": MARKET_HALL,
        "notes.TXT": BUDGET,
        "story.2024-03-05": BUDGET,  # a date, not a suffix
        "README": BUDGET,
        "manifest.csv": b"url,title\nhttps://example.org/a,A\n",
        "photo.png": b"\x89PNG\r\n\x1a\n\x00\x00",
        "data.json": b"{}",
        ".hidden.html": MARKET_HALL,
        "2024/03/late.html": MARKET_HALL,
        "2024/early.txt": BUDGET,
        "2024/.drafts/draft.html": MARKET_HALL,
        ".git/HEAD": b"ref: refs/heads/main\n",
        "archive/z.html.gz": b"",
    }
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def test_directory_is_walked_sorted_skipping_hidden_and_non_documents(tmp_path: Path) -> None:
    _tree(tmp_path)
    found = [str(Path(p).relative_to(tmp_path)) for p in expand_inputs([str(tmp_path)])]
    # Each directory's files in sorted order, then its subdirectories, also sorted.
    assert found == [
        "README",
        "a-story.htm",
        "b-story.html",
        "notes.TXT",
        "story.2024-03-05",
        "2024/early.txt",
        "2024/03/late.html",
        "archive/z.html.gz",
    ]


def test_directory_documents_are_read_in_walk_order(tmp_path: Path) -> None:
    _tree(tmp_path)
    outcomes = list(read_inputs([str(tmp_path)]))
    names = [Path(o.input).name for o in outcomes]
    assert names == [
        "README", "a-story.htm", "b-story.html", "notes.TXT", "story.2024-03-05",
        "early.txt", "late.html", "z.html.gz",
    ]
    kinds = [o.content_type if isinstance(o, RawDocument) else type(o).__name__ for o in outcomes]
    assert kinds == [
        "text/plain", "text/html", "text/html", "text/plain", "text/plain",
        "text/plain", "text/html", "NotAnArticleError",  # the empty .gz
    ]


def test_directory_skips_media_files_whose_suffix_has_a_digit(tmp_path: Path) -> None:
    for name in ("clip.mp4", "episode.mp3", "font.woff2", "story.html"):
        (tmp_path / name).write_bytes(MARKET_HALL if name.endswith(".html") else b"\x00\x01")
    found = [Path(p).name for p in expand_inputs([str(tmp_path)])]
    assert found == ["story.html"]


def test_files_named_explicitly_are_read_whatever_their_name(tmp_path: Path) -> None:
    hidden = tmp_path / ".cached.html"
    hidden.write_bytes(MARKET_HALL)
    export = tmp_path / "export.csv"
    export.write_bytes(BUDGET)
    outcomes = list(read_inputs([str(hidden), str(export)]))
    assert [(o.input, o.content_type) for o in outcomes] == [
        (str(hidden), "text/html"),
        (str(export), "text/plain"),
    ]


def test_expand_inputs_keeps_urls_stdin_and_missing_paths_as_given(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(MARKET_HALL)
    inputs = ["-", "https://example.org/x", "HTTP://EXAMPLE.ORG/", str(tmp_path / "missing")]
    assert list(expand_inputs([*inputs, str(tmp_path)])) == [*inputs, str(tmp_path / "a.html")]


def test_directory_without_documents_says_so(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "notes.csv").write_bytes(b"a,b\n")
    (error,) = list(read_inputs([str(tmp_path)]))
    assert isinstance(error, IngestError)
    assert error.input == str(tmp_path)
    assert error.reason == "no document files under this directory"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("https://example.org/a", True),
        ("http://example.org", True),
        ("HTTPS://EXAMPLE.ORG/A", True),
        ("ftp://example.org/a", False),
        ("example.org/a.html", False),
        ("http.html", False),
        ("-", False),
    ],
)
def test_is_url(name: str, expected: bool) -> None:
    assert is_url(name) is expected


def test_stdin_is_read_when_input_is_dash() -> None:
    doc = _one("-", stdin=io.BytesIO(MARKET_HALL))
    assert doc == RawDocument(
        input="-", kind="stdin", data=MARKET_HALL, content_type="text/html", format="html"
    )


def test_stdin_plain_text() -> None:
    doc = _one("-", stdin=io.BytesIO(BUDGET))
    assert (doc.input, doc.kind, doc.content_type) == ("-", "stdin", "text/plain")


def test_empty_stdin_is_not_an_article() -> None:
    error = _one("-", stdin=io.BytesIO(b""))
    assert isinstance(error, NotAnArticleError)
    assert (error.input, error.reason) == ("-", "empty input")


def test_stdin_over_the_limit_stops_reading_at_the_limit() -> None:
    stream = io.BytesIO(b"<p>" + b"x" * 5_000_000)
    error = _one("-", ReadOptions(max_bytes=1000), stdin=stream)
    assert isinstance(error, InputTooLargeError)
    assert error.input == "-"
    assert "over the" in error.reason
    assert stream.tell() == 1001  # one byte past the limit, not the whole stream


def test_stdin_between_files_keeps_order(tmp_path: Path) -> None:
    first = tmp_path / "first.html"
    first.write_bytes(MARKET_HALL)
    last = tmp_path / "last.txt"
    last.write_bytes(BUDGET)
    outcomes = list(read_inputs([str(first), "-", str(last)], stdin=io.BytesIO(BUDGET)))
    assert [(o.input, o.kind) for o in outcomes] == [
        (str(first), "file"),
        ("-", "stdin"),
        (str(last), "file"),
    ]
