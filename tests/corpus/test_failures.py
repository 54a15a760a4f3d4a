"""Failures while ingesting: recorded under one key whatever the label, read again by the right
input, and a worker pool that cannot run stops the run with a clear error instead of hanging."""

from __future__ import annotations

from pathlib import Path

import pytest

from sourcetrace.corpus import Corpus
from sourcetrace.corpus._store import error_key, failed_input
from sourcetrace.errors import AnalysisError, NotAnArticleError
from sourcetrace.model import Article


def test_an_error_label_and_the_article_that_later_reads_share_one_key() -> None:
    assert error_key("c.warc [record 1] (https://example.org/story-1)") == error_key("c.warc [record 1]")
    assert error_key("c.warc [record 1]") != error_key("c.warc [record 2]")


@pytest.mark.parametrize(("label", "input"), [
    ("c.warc [record 1] (https://example.org/story-1)", "c.warc"),
    ("feed.xml [item 3]", "feed.xml"),
    ("rd/notes (1).txt", "rd/notes (1).txt"),
    ("https://example.org/a (https://example.org/b)", "https://example.org/a"),
])
def test_the_input_read_again_for_a_failure(label: str, input: str) -> None:
    assert failed_input(label) == input


def test_a_record_that_failed_is_cleared_when_it_reads(tmp_path: Path) -> None:
    text = "Officials said on Monday that the ferry contract would be cancelled after the audit."
    article = Article.from_text(text, input="c.warc")
    article = Article(text=article.text, paragraphs=article.paragraphs,
                      source=type(article.source)(input="c.warc", kind="warc", sha256="0" * 64,
                                                  format="text", locator="record 1"))
    with Corpus(str(tmp_path / "c.db")) as corpus:
        corpus.add_error(NotAnArticleError("c.warc [record 1] (https://example.org/story-1)", "empty"))
        assert corpus.stats()["errors"] == 1
        from sourcetrace.attribution import Analyzer

        corpus.add(Analyzer().analyze(article))
        assert corpus.stats()["errors"] == 0


def test_workers_that_cannot_start_stop_the_run(tmp_path: Path) -> None:
    articles = [Article.from_text(f"Officials said item {i} would cost more than planned.", input=f"a{i}")
                for i in range(3)]
    with Corpus(str(tmp_path / "c.db")) as corpus, pytest.raises(AnalysisError, match="worker"):
        corpus.ingest(articles, workers=2, lexicon_path=str(tmp_path / "missing.json"))
