"""The corpus store on a real SQLite file and a real PostgreSQL database: schema, writing,
reading, counting, errors, and refusing what it cannot use."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, inspect, select, text

from sourcetrace.corpus import SCHEMA_REVISION, Corpus, article_key, database_url
from sourcetrace.corpus._schema import articles, attributions, claim_buckets, links, sources
from sourcetrace.errors import FetchError, IngestError, SchemaVersionError, StorageError
from sourcetrace.model import Analysis, Article

from .conftest import LINKS, STORIES, make_article, story_url

TABLES = {"articles", "sources", "attributions", "links", "errors", "alembic_version"}


def _count(corpus: Corpus, table: Any, **where: Any) -> int:
    query = select(func.count()).select_from(table)
    for column, value in where.items():
        query = query.where(table.c[column] == value)
    with corpus.engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def _attribution_ids(corpus: Corpus, article_id: int) -> set[int]:
    with corpus.engine.connect() as conn:
        rows = conn.execute(select(attributions.c.id).where(attributions.c.article_id == article_id))
        return {int(r) for (r,) in rows}


def _attribution_rows(corpus: Corpus) -> dict[str, list[tuple[Any, ...]]]:
    """Attribution rows per article URL, without the database's own ids."""
    columns = [c for c in attributions.c if c.name not in ("id", "article_id")]
    query = (select(articles.c.url, *columns).join(articles, articles.c.id == attributions.c.article_id)
             .order_by(articles.c.url, attributions.c.idx))
    out: dict[str, list[tuple[Any, ...]]] = {}
    with corpus.engine.connect() as conn:
        for url, *values in conn.execute(query):
            out.setdefault(url, []).append(tuple(values))
    return out


def _add_all(corpus: Corpus, analyses: dict[str, Analysis]) -> dict[str, int]:
    return {name: corpus.add(analysis) for name, analysis in analyses.items()}


def test_opening_creates_the_schema_at_the_current_revision(open_corpus: Callable[[], Corpus]) -> None:
    corpus = open_corpus()
    assert corpus.revision == SCHEMA_REVISION
    assert set(inspect(corpus.engine).get_table_names()) >= TABLES
    again = open_corpus()  # an existing database is opened as it is
    assert again.revision == SCHEMA_REVISION
    assert again.stats()["schema_revision"] == SCHEMA_REVISION


def test_an_empty_corpus_counts_zero(corpus: Corpus) -> None:
    stats = corpus.stats()
    counts = ("articles", "outlets", "attributions", "unattributed", "errors")
    assert {k: stats[k] for k in counts} == dict.fromkeys(counts, 0)
    assert stats["sources_by_type"] == {} and stats["errors_by_code"] == {}
    assert corpus.sources() == [] and corpus.errors() == [] and list(corpus.analyses()) == []


def test_add_then_get_by_id_and_by_url_gives_back_the_analysis(
    corpus: Corpus, analyses: dict[str, Analysis]
) -> None:
    ids = _add_all(corpus, analyses)
    assert len(set(ids.values())) == len(STORIES)
    for name, analysis in analyses.items():
        by_id = corpus.get(ids[name])
        by_url = corpus.get(story_url(name))
        assert by_id is not None and by_url is not None
        assert by_id.to_dict() == analysis.to_dict()
        assert by_url.to_dict() == analysis.to_dict()
        assert corpus.get(str(ids[name])).to_dict() == analysis.to_dict()
    assert [a.to_dict() for a in corpus.analyses()] == [a.to_dict() for a in analyses.values()]
    assert corpus.get(max(ids.values()) + 1) is None
    assert corpus.get("https://example.org/news/nowhere") is None


def test_rows_mirror_the_stored_analysis(corpus: Corpus, analyses: dict[str, Analysis]) -> None:
    ids = _add_all(corpus, analyses)
    for name, analysis in analyses.items():
        assert _count(corpus, attributions, article_id=ids[name]) == len(analysis.attributions)
        assert _count(corpus, sources, article_id=ids[name]) == len(analysis.sources)
        assert _count(corpus, links, article_id=ids[name]) == len(analysis.article.links)
    assert _count(corpus, links) == len(LINKS)


def test_the_same_article_again_keeps_one_row_and_replaces_its_attributions(
    corpus: Corpus, analyses: dict[str, Analysis]
) -> None:
    ids = _add_all(corpus, analyses)
    before = corpus.stats()
    old = _attribution_ids(corpus, ids["ferry"])
    assert old
    assert corpus.add(analyses["ferry"]) == ids["ferry"]
    assert corpus.stats() == before
    new = _attribution_ids(corpus, ids["ferry"])
    assert len(new) == len(old) and not new & old  # the rows were written again, not kept
    assert _count(corpus, articles, url=story_url("ferry")) == 1


def test_an_article_stored_again_stays_in_the_groups_its_copies_joined(
    corpus: Corpus, analyzer: Any
) -> None:
    """A claim repeating another word for word is found through the first (it stores no LSH
    buckets); writing the first article again must not leave its group unfindable."""
    text = STORIES["ferry"][1]

    def story(name: str, outlet: str) -> Analysis:
        return analyzer.analyze(Article.from_text(text, input=f"{name}.txt", url=f"https://example.org/{name}",
                                                  outlet=outlet))

    first, copy = story("a", "Gazette"), story("b", "Herald")
    corpus.add(first)
    corpus.add(copy)
    def shared() -> list[tuple[int, int]]:
        return [(g.reports, g.outlets) for g in corpus.claim_groups(min_outlets=2, limit=None)]
    def indexed() -> int:
        with corpus.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(claim_buckets)).scalar_one())

    before, index = shared(), indexed()
    assert before and all(outlets == 2 for _, outlets in before)
    corpus.add(copy)  # the copy stored again: its original is still indexed, nothing more is
    assert (shared(), indexed()) == (before, index)
    corpus.add(first)  # the original stored again: the copies are indexed in its place, once
    assert (shared(), indexed()) == (before, index)
    corpus.add(story("c", "Courier"))
    assert all(outlets == 3 for _, outlets in shared())


def test_the_same_text_without_a_url_keeps_one_row(corpus: Corpus, analyzer: Any) -> None:
    analysis = analyzer.analyze(make_article("buses", url=None))
    assert article_key(analysis).startswith("sha256:")
    first = corpus.add(analysis)
    before = corpus.stats()
    assert corpus.add(analysis) == first
    assert corpus.stats() == before
    assert before["articles"] == 1
    assert corpus.get(first).to_dict() == analysis.to_dict()


def test_a_changed_text_under_the_same_url_updates_the_row(
    corpus: Corpus, analyses: dict[str, Analysis], analyzer: Any
) -> None:
    first = corpus.add(analyses["ferry"])
    text = STORIES["ferry"][1].replace("Mayor Jane Holt", "Mayor Jane Holt and her deputy") + (
        "\n\nThe audit office said it had found no wrongdoing.")
    changed = analyzer.analyze(make_article("ferry", text=text))
    assert changed.article.text != analyses["ferry"].article.text
    assert corpus.add(changed) == first
    stored = corpus.get(story_url("ferry"))
    assert stored is not None and stored.to_dict() == changed.to_dict()
    assert corpus.stats()["articles"] == 1
    assert _count(corpus, attributions, article_id=first) == len(changed.attributions)
    with corpus.engine.connect() as conn:
        row = conn.execute(select(articles.c.text, articles.c.sha256).where(articles.c.id == first)).one()
    assert tuple(row) == (text, changed.article.source.sha256)


def test_stats_counts_articles_outlets_attributions_and_sources(
    corpus: Corpus, analyses: dict[str, Analysis]
) -> None:
    _add_all(corpus, analyses)
    stats = corpus.stats()
    values = list(analyses.values())
    assert stats["articles"] == len(values)
    assert stats["outlets"] == len({a.article.outlet for a in values}) == 3
    assert stats["attributions"] == sum(len(a.attributions) for a in values)
    assert stats["unattributed"] == sum(len(a.unattributed) for a in values)
    by_type = Counter(s.type for a in values for s in a.sources)
    assert stats["sources_by_type"] == dict(sorted(by_type.items()))
    assert stats["errors"] == 0 and stats["errors_by_code"] == {}
    assert stats["schema_revision"] == SCHEMA_REVISION


def _expected_sources(analyses: dict[str, Analysis], *, type: str | None = None,
                      outlet: str | None = None) -> dict[tuple[str, str], tuple[int, int]]:
    """(name, type) → (claims, articles), computed from the analyses themselves."""
    claims: Counter[tuple[str, str]] = Counter()
    cited: Counter[tuple[str, str]] = Counter()
    for analysis in analyses.values():
        if outlet is not None and analysis.article.outlet != outlet:
            continue
        per_source = {s["id"]: s["claims"] for s in analysis.summary()["sources"]}
        for source in analysis.sources:
            if type is None or source.type == type:
                claims[source.name, source.type] += per_source.get(source.id, 0)
                cited[source.name, source.type] += 1
    return {key: (claims[key], cited[key]) for key in claims}


def test_sources_are_grouped_across_articles_and_filtered(
    corpus: Corpus, analyses: dict[str, Analysis]
) -> None:
    _add_all(corpus, analyses)
    everyone = corpus.sources()
    assert {(r.name, r.type): (r.claims, r.articles) for r in everyone} == _expected_sources(analyses)
    assert [r.claims for r in everyone] == sorted((r.claims for r in everyone), reverse=True)
    holt = next(r for r in everyone if r.name == "Jane Holt")
    assert (holt.type, holt.articles, holt.outlets) == ("person", 3, ("Courier", "Gazette", "Herald"))

    anonymous = corpus.sources(type="anonymous")
    assert anonymous and {r.type for r in anonymous} == {"anonymous"}
    assert {(r.name, r.type): (r.claims, r.articles) for r in anonymous} == _expected_sources(
        analyses, type="anonymous")

    gazette = corpus.sources(outlet="Gazette")
    assert {(r.name, r.type): (r.claims, r.articles) for r in gazette} == _expected_sources(
        analyses, outlet="Gazette")
    assert "Tom Reyes" not in {r.name for r in gazette}

    people_in_herald = corpus.sources(type="person", outlet="Herald")
    assert {r.name for r in people_in_herald} == {"Tom Reyes", "Jane Holt", "Ana Silva"}
    assert len(corpus.sources(limit=1)) == 1


def test_errors_are_counted_and_cleared_when_the_input_is_stored(
    corpus: Corpus, analyses: dict[str, Analysis]
) -> None:
    ferry_input = analyses["ferry"].article.source.input
    corpus.add_error(IngestError(ferry_input, "No such file or directory"))
    corpus.add_error(FetchError("https://example.org/gone", "HTTP 404 Not Found"))
    corpus.add_error(FetchError("https://example.org/gone", "HTTP 410 Gone"))  # recorded again: replaced
    stats = corpus.stats()
    assert (stats["errors"], stats["errors_by_code"]) == (2, {"E100": 1, "E101": 1})
    assert sorted(corpus.errors()) == [
        (ferry_input, "E100", "No such file or directory"),
        ("https://example.org/gone", "E101", "HTTP 410 Gone"),
    ]
    corpus.add(analyses["ferry"])
    assert corpus.errors() == [("https://example.org/gone", "E101", "HTTP 410 Gone")]
    stats = corpus.stats()
    assert (stats["errors"], stats["errors_by_code"]) == (1, {"E101": 1})


def test_a_database_from_a_newer_release_is_refused(db: str, open_corpus: Callable[[], Corpus]) -> None:
    corpus = open_corpus()
    with corpus.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    corpus.close()
    with pytest.raises(SchemaVersionError) as caught:
        Corpus(db)
    error = caught.value
    assert isinstance(error, StorageError)
    assert error.code == "E501" and error.exit_code == 2
    assert "9999" in error.message and SCHEMA_REVISION in error.message
    assert "\n" not in error.message
    engine = create_engine(database_url(db))
    try:
        with engine.connect() as conn:  # refused, and left as it was
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "9999"
    finally:
        engine.dispose()


@pytest.mark.parametrize("where", ["postgresql", "sqlite", "not-a-database"])
def test_a_database_that_cannot_be_reached_is_one_storage_error(where: str, tmp_path: Path) -> None:
    missing_dir = tmp_path / "no" / "such" / "dir"
    notes = tmp_path / "notes.txt"
    notes.write_text("These are notes, not a database.\n" * 200, encoding="utf-8")
    db = {"postgresql": "postgresql://postgres:s3cret@127.0.0.1:1/sourcetrace",
          "sqlite": str(missing_dir / "corpus.db"), "not-a-database": str(notes)}[where]
    with pytest.raises(StorageError) as caught:
        Corpus(db)
    error = caught.value
    assert type(error) is StorageError and error.code == "E500"
    assert error.message.startswith("[E500] ")
    assert "\n" not in error.message and "Traceback" not in error.message
    assert "s3cret" not in error.message  # the password is not shown
    assert not missing_dir.exists()


def test_a_long_url_is_stored_and_a_long_input_recorded(corpus: Corpus, analyzer: Any) -> None:
    """Tracking parameters make real URLs longer than a few hundred characters; one such
    article must not stop an ingest on either database."""
    url = "https://example.org/news/ferry?" + "&".join(f"utm_param{i}=value{i}" for i in range(50))
    assert len(url) > 1000
    analysis = analyzer.analyze(make_article("ferry", url=url))
    article_id = corpus.add(analysis)
    assert corpus.get(url).to_dict() == analysis.to_dict()
    assert corpus.add(analysis) == article_id
    corpus.add_error(FetchError(url, "HTTP 404 Not Found"))
    assert corpus.errors() == [(url, "E101", "HTTP 404 Not Found")]


def test_ingest_with_two_workers_stores_what_one_worker_stores(corpus: Corpus, tmp_path: Path) -> None:
    items: list[Any] = [make_article(name) for name in STORIES]
    items.insert(2, IngestError("unreadable.txt", "Permission denied"))
    items.append(make_article("buses", url=None, outlet="Courier"))  # same text, no URL: a sixth article
    with Corpus(str(tmp_path / "one-worker.db")) as reference:
        one = reference.ingest(items, workers=1)
        expected = {a.article.url: a.to_dict() for a in reference.analyses()}
        expected_rows = _attribution_rows(reference)
        expected_stats = reference.stats()
    two = corpus.ingest(items, workers=2)
    assert (one.stored, [e.message for e in one.errors]) == (6, ["[E100] unreadable.txt: Permission denied"])
    assert (two.stored, [e.message for e in two.errors]) == (one.stored, [e.message for e in one.errors])
    assert {a.article.url: a.to_dict() for a in corpus.analyses()} == expected
    assert _attribution_rows(corpus) == expected_rows
    stats = corpus.stats()
    assert {k: v for k, v in stats.items() if k != "database"} == {
        k: v for k, v in expected_stats.items() if k != "database"}
