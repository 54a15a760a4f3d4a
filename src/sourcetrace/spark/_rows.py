"""What one WARC archive gives the Spark job: for each article the rows of every table, and a
row for each record or archive that failed. Plain Python (no PySpark): it runs inside Spark's
Python workers, and in tests and the benchmark without Spark.

Rows are made by the code ``analyze`` and ``ingest`` use: the archive read by
``sourcetrace.ingest``, each HTML response extracted and analysed as ``analyze`` does, the rows
built by ``sourcetrace.corpus`` (``article_row``, ``child_rows``, ``claim_row``). Ids are
stable 63-bit hashes (an article's of its corpus key; a claim's of that key and its index), so
that the same page read twice, by two tasks or two runs, has the same id.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from sourcetrace.corpus._claims import buckets, claim_row, claim_units
from sourcetrace.corpus._rows import article_key, article_row, child_rows
from sourcetrace.errors import AnalysisError, ConfigError, IngestError, ModelNotFoundError, SourcetraceError
from sourcetrace.model import Analysis, Article

__all__ = [
    "CHILD_TABLES",
    "COLUMNS",
    "PARTITIONED",
    "ROW_FIELDS",
    "Bundle",
    "Item",
    "Settings",
    "Worker",
    "arrow_batches",
    "arrow_schema",
    "arrow_struct",
    "article_bundle",
    "error_row",
    "item_record",
    "publication_day",
    "spark_type",
    "stable_id",
    "warc_items",
]

# Every table the job writes, with its columns and their types ("string", "int", "long",
# "binary", "string[]", "long[]"). The article tables are partitioned by ``date``: the day the
# article was published (YYYY-MM-DD), or "unknown".
COLUMNS: dict[str, dict[str, str]] = {
    "articles": {
        "article_id": "long", "key": "string", "url": "string", "outlet": "string", "domain": "string",
        "title": "string", "byline": "string", "published": "string", "language": "string",
        "wire": "string", "extra": "string", "input": "string", "warc": "string", "sha256": "string",
        "text": "string", "analysis": "string", "claims": "int", "unattributed": "int",
        "signature": "binary", "date": "string",
    },
    "sources": {
        "article_id": "long", "sid": "string", "name": "string", "type": "string", "role": "string",
        "via": "string", "claims": "int", "date": "string",
    },
    "attributions": {
        "article_id": "long", "idx": "int", "sid": "string", "rule": "string", "kind": "string",
        "certainty": "string", "cue": "string", "source_text": "string", "content": "string",
        "start": "int", "end": "int", "parent": "int", "date": "string",
    },
    "links": {
        "article_id": "long", "start": "int", "end": "int", "href": "string", "anchor": "string",
        "date": "string",
    },
    "claims": {
        "claim_id": "long", "article_id": "long", "idx": "int", "kind": "string", "text": "string",
        "sentence": "string", "start": "int", "end": "int", "source": "string", "source_type": "string",
        "via": "string", "cue": "string", "certainty": "string", "hedges": "string",
        "directness": "string", "parent": "int", "rule": "string", "words": "string", "names": "string",
        "grp": "long", "date": "string",
    },
    "claim_variants": {"claim_id": "long", "other_id": "long"},
    "groups": {
        "grp": "long", "claim": "string", "reports": "int", "articles": "int", "outlets": "int",
        "independence": "int", "origins": "string[]", "first_published": "string",
        "first_outlets": "string[]", "trace": "string",
    },
    "errors": {
        "input": "string", "warc": "string", "code": "string", "error": "string", "reason": "string",
    },
}
PARTITIONED = ("articles", "sources", "attributions", "links", "claims")


def stable_id(text: str) -> int:
    """A non-negative 63-bit id from a string: the same in every process and run."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big") >> 1


def publication_day(published: str | None) -> str:
    """The partition an article goes to: the day it was published, or ``unknown``."""
    day = (published or "")[:10]
    ok = len(day) == 10 and day[4] == day[7] == "-" and day.replace("-", "").isdigit()
    return day if ok else "unknown"


@dataclass
class Bundle:
    """One article's rows, table by table; ``buckets`` holds the LSH buckets of each groupable
    claim (by claim id), which the second stage joins on and does not write."""

    article_id: int
    input: str
    tables: dict[str, list[dict[str, Any]]]
    buckets: dict[int, list[int]] = field(default_factory=dict)


def article_bundle(analysis: Analysis, *, warc: str) -> Bundle:
    """Every row one analysis gives: the article, its sources, attributions, links and claims
    (``grp`` left empty: the second stage groups them)."""
    key = article_key(analysis)
    article_id = stable_id(key)
    day = publication_day(analysis.article.published)
    own = {"article_id": article_id, "date": day}
    article = article_row(analysis) | own | {"key": key, "warc": warc}
    tables = {name: [own | row for row in rows] for name, rows in child_rows(analysis).items()}
    tables["articles"] = [article]
    claims, keyed = [], {}
    for unit in claim_units(analysis):
        claim_id = stable_id(f"{key}#{unit.idx}")
        claims.append(claim_row(unit) | own | {"claim_id": claim_id, "grp": None})
        if unit.groupable:
            keyed[claim_id] = buckets(unit.words)
    tables["claims"] = claims
    return Bundle(article_id, article["input"], tables, keyed)


def error_row(error: SourcetraceError, *, warc: str) -> dict[str, Any]:
    """An error as a row: its reason on one line, as the CLI prints it."""
    reason = " ".join(error.reason.split())
    return {"input": error.input or warc, "warc": warc, "code": error.code, "error": type(error).__name__,
            "reason": reason if len(reason) <= _REASON else reason[:_REASON] + "…"}


_REASON = 1000


Item = tuple[Literal["article"], Bundle] | tuple[Literal["error"], dict[str, Any]]


@dataclass(frozen=True)
class Settings:
    """What every worker needs to read and analyse as ``analyze`` would."""

    max_bytes: int
    outlet_files: tuple[str, ...] = ()
    lexicon_path: str | None = None
    engine: str = "hybrid"
    batch: int = 8


class Worker:
    """Reads WARC archives and analyses their pages: the pipeline is loaded when the first page
    is analysed and kept for every archive this process reads (one per Spark Python worker)."""

    def __init__(self, settings: Settings) -> None:
        from sourcetrace.attribution import Analyzer, load_lexicon
        from sourcetrace.extract import load_outlets

        self.settings = settings
        self.outlets = load_outlets(*settings.outlet_files)
        self.analyzer = Analyzer(lexicon=load_lexicon(settings.lexicon_path), outlets=self.outlets,
                                 engine=settings.engine)

    def items(self, warc: str) -> Iterator[Item]:
        """An article bundle for each page of the archive ``warc`` and an error row for each
        failure; never raises for a bad archive or record (a missing model or a bad setting,
        which concern every archive, stop the job)."""
        from sourcetrace.extract import extract_documents
        from sourcetrace.ingest import ReadOptions, open_path, read_archive

        options = ReadOptions(max_bytes=self.settings.max_bytes)
        try:
            with open_path(warc) as stream:
                pending: list[Article] = []
                for item in extract_documents(read_archive(stream, warc, options), outlets=self.outlets):
                    if isinstance(item, SourcetraceError):
                        yield "error", error_row(item, warc=warc)
                        continue
                    pending.append(item)
                    if len(pending) >= self.settings.batch:
                        yield from self._analysed(pending, warc)
                        pending = []
                yield from self._analysed(pending, warc)
        except (ModelNotFoundError, ConfigError):
            raise
        except SourcetraceError as exc:
            yield "error", error_row(exc, warc=warc)
        except Exception as exc:  # a bug on one archive must not fail the job
            error = IngestError(warc, f"reading failed: {type(exc).__name__}: {exc}")
            yield "error", error_row(error, warc=warc)

    def _analysed(self, articles: list[Article], warc: str) -> Iterator[Item]:
        for result in self.analyzer.analyze_each(articles, group=max(1, len(articles))):
            if isinstance(result, SourcetraceError):
                yield "error", error_row(result, warc=warc)
                continue
            try:
                bundle = article_bundle(result, warc=warc)
            except Exception as exc:  # one page's rows failing is that page's error, not the archive's
                error = AnalysisError(result.article.source.label, f"its rows cannot be made "
                                      f"({type(exc).__name__}: {exc})")
                yield "error", error_row(error, warc=warc)
                continue
            yield "article", bundle


_worker: Worker | None = None


def warc_items(settings: Settings, warcs: Iterable[str]) -> Iterator[Item]:
    """The items of each archive, by this process's worker (made on the first call, and again
    only if the settings change)."""
    global _worker
    if _worker is None or _worker.settings != settings:
        _worker = Worker(settings)
    for warc in warcs:
        yield from _worker.items(warc)


CHILD_TABLES = ("sources", "attributions", "links", "claims")
ROW_FIELDS = ("article_id", "input", "error", "article", *CHILD_TABLES, "buckets")
"""The fields of the one row each item becomes in Spark: an error, or an article with its
child rows and the buckets of its groupable claims (``claim_id``, ``words``, ``names``,
``buckets``)."""


def item_record(item: Item) -> dict[str, Any]:
    """An item as one record of :data:`ROW_FIELDS` (nested rows as dicts): the Python workers
    make each record once, and Spark writes every table from it."""
    empty: dict[str, Any] = {name: [] for name in CHILD_TABLES} | {"buckets": []}
    if item[0] == "error":
        return {"article_id": None, "input": None, "error": _only("errors", item[1]), "article": None} | empty
    bundle = item[1]
    claims = {row["claim_id"]: row for row in bundle.tables["claims"]}
    keyed = [{"claim_id": claim_id, "words": claims[claim_id]["words"], "names": claims[claim_id]["names"],
              "buckets": keys} for claim_id, keys in bundle.buckets.items()]
    children = {name: [_only(name, row) for row in bundle.tables[name]] for name in CHILD_TABLES}
    return {"article_id": bundle.article_id, "input": bundle.input, "error": None,
            "article": _only("articles", bundle.tables["articles"][0])} | children | {"buckets": keyed}


KEYED = {"claim_id": "long", "words": "string", "names": "string", "buckets": "long[]"}
"""The columns of an article's ``buckets`` records."""


def arrow_struct(columns: dict[str, str]) -> Any:
    """The Arrow type of a row of ``COLUMNS`` (Spark's types are derived from these)."""
    import pyarrow as pa

    kinds = {"string": pa.string(), "int": pa.int32(), "long": pa.int64(), "binary": pa.binary(),
             "string[]": pa.list_(pa.string()), "long[]": pa.list_(pa.int64())}
    return pa.struct([pa.field(name, kinds[kind]) for name, kind in columns.items()])


def spark_type(columns: dict[str, str]) -> Any:
    """The Spark type of a row of ``COLUMNS``: the Arrow type the workers write, as Spark reads
    it (needs PySpark)."""
    from pyspark.sql.pandas.types import from_arrow_type

    return from_arrow_type(arrow_struct(columns))


def arrow_schema() -> Any:
    """The Arrow schema of :func:`item_record` (pyarrow: the job hands Spark Arrow batches)."""
    import pyarrow as pa

    struct = arrow_struct
    return pa.schema([
        pa.field("article_id", pa.int64()), pa.field("input", pa.string()),
        pa.field("error", struct(COLUMNS["errors"])), pa.field("article", struct(COLUMNS["articles"])),
        *[pa.field(name, pa.list_(struct(COLUMNS[name]))) for name in CHILD_TABLES],
        pa.field("buckets", pa.list_(struct(KEYED))),
    ])


def arrow_batches(settings: Settings, batches: Iterable[Any], *, size: int = 16) -> Iterator[Any]:
    """For Spark's ``mapInArrow``: the records of the archives named in ``batches`` (Arrow
    batches of one ``path`` column), ``size`` records a batch."""
    import pyarrow as pa

    schema = arrow_schema()
    records: list[dict[str, Any]] = []
    for batch in batches:
        for item in warc_items(settings, batch.column(0).to_pylist()):
            records.append(item_record(item))
            if len(records) >= size:
                yield pa.RecordBatch.from_pylist(records, schema=schema)
                records = []
    if records:
        yield pa.RecordBatch.from_pylist(records, schema=schema)


def _only(table: str, row: dict[str, Any]) -> dict[str, Any]:
    return {column: row.get(column) for column in COLUMNS[table]}
