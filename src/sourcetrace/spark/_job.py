"""The Spark job: WARC archives → Parquet tables of articles, attributions, sources, links,
claims, claim groups with their traces, and errors.

Stage one runs one task per archive: the task streams the archive's records and analyses its
HTML responses (``_rows``: the library code ``analyze`` runs, the pipeline loaded once per
Python worker), each article one row with its child rows nested, from which Spark writes every
table without going back to Python. An article read twice (the same URL in two archives) is
kept once: the copy from the input that sorts first. Stage two groups the claims across the
whole output as the corpus does (``_grouping``) and traces every group two articles carry with
``trace``'s own ``build_trace``.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from sourcetrace.errors import ConfigError, IngestError, JobError, SourcetraceError
from sourcetrace.spark._rows import (
    CHILD_TABLES,
    COLUMNS,
    PARTITIONED,
    ROW_FIELDS,
    Settings,
    arrow_batches,
    arrow_schema,
)

__all__ = ["JobReport", "read_manifest", "run_job"]


@dataclass
class JobReport:
    """What a run did: how many archives it read, articles and errors it wrote, claims and
    groups it found, and how long each stage took (seconds)."""

    out: str
    archives: int = 0
    articles: int = 0
    errors: int = 0
    claims: int = 0
    groups: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def read_manifest(manifest: str, *, prefix: str | None = None) -> list[str]:
    """The WARC paths a manifest lists, one a line (gzipped or not, as Common Crawl's
    ``warc.paths.gz``); blank lines and ``#`` comments skipped; ``prefix`` put before relative
    paths (``s3a://commoncrawl/`` before ``crawl-data/CC-NEWS/…``)."""
    from sourcetrace.ingest import open_path

    with open_path(manifest) as stream:
        data = stream.read()
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise IngestError(manifest, f"damaged gzip data ({exc})") from exc
    try:
        lines = data.decode("utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise IngestError(manifest, "not a text file of WARC paths (not UTF-8)") from exc
    paths = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    if prefix:
        paths = [p if "://" in p or p.startswith("/") else prefix.rstrip("/") + "/" + p for p in paths]
    if not paths:
        raise ConfigError(manifest, "the manifest lists no WARC archives")
    return list(dict.fromkeys(paths))


def run_job(
    manifest: str,
    out: str,
    *,
    settings: Settings,
    master: str | None = None,
    conf: Iterable[tuple[str, str]] = (),
    prefix: str | None = None,
    overwrite: bool = False,
    log: Callable[[str], None] | None = None,
) -> JobReport:
    """Run the job on the archives ``manifest`` lists and write its tables under ``out``
    (``out/articles``, ``out/claims``, …). ``master`` is Spark's (``local[4]``,
    ``spark://host:7077``, ``yarn``; default: what spark-submit or the environment gives, else
    every local core)."""
    paths = read_manifest(manifest, prefix=prefix)
    _check_settings(settings)  # what concerns every archive fails here, not in each task
    say = log or (lambda _message: None)
    spark, own = _session(master, dict(conf))
    report = JobReport(out=out, archives=len(paths))
    try:
        if "spark.sql.shuffle.partitions" not in dict(conf):  # Spark's 200 are for far bigger joins
            spark.conf.set("spark.sql.shuffle.partitions", str(_partitions(spark, len(paths))))
        written = [t for t in COLUMNS if _exists(spark, f"{out.rstrip('/')}/{t}")]
        if written and not overwrite:
            raise ConfigError(out, f"{', '.join(written)} already written there: give another --out, or "
                                   "--overwrite")
        _run(spark, paths, settings, out, overwrite, report, say)
    except SourcetraceError:
        raise
    except Exception as exc:  # Spark's own failures (Py4J, a lost executor): one line, the cause kept
        raise JobError(out, _first_line(exc)) from exc
    finally:
        if own:
            spark.stop()
    if "://" not in out or out.startswith("file://"):
        _save_report(report, out.removeprefix("file://"))
    return report


def _run(spark: Any, paths: list[str], settings: Settings, out: str, overwrite: bool, report: JobReport,
         say: Callable[[str], None]) -> None:
    from pyspark import StorageLevel

    started = time.perf_counter()
    articles = _stage_one(spark, paths, settings, out, overwrite, report)
    report.seconds["analyse"] = round(time.perf_counter() - started, 2)
    say(f"stage 1: {report.articles} articles and {report.errors} errors from {len(paths)} archives "
        f"in {report.seconds['analyse']:.1f} s")
    started = time.perf_counter()
    from sourcetrace.spark._grouping import group_claims

    claims, variants, groups = group_claims(articles, partitions=_partitions(spark, len(paths)))
    groups = groups.persist(StorageLevel.MEMORY_AND_DISK)  # traced once, for the write and the count
    _write(claims, "claims", out, overwrite)
    _write(variants, "claim_variants", out, overwrite)
    _write(groups, "groups", out, overwrite)
    report.claims = claims.count()
    report.groups = groups.count()
    report.seconds["group"] = round(time.perf_counter() - started, 2)
    say(f"stage 2: {report.claims} claims, {report.groups} claims carried by two articles or more, "
        f"in {report.seconds['group']:.1f} s")


def _check_settings(settings: Settings) -> None:
    """Load, on the driver, what every worker will load: a missing spaCy model or attribution
    model, a bad outlet table, lexicon or engine stops the job before it starts, as one error."""
    from sourcetrace.attribution import Analyzer, load_lexicon, load_pipeline, load_tagger
    from sourcetrace.extract import load_outlets

    Analyzer(engine=settings.engine)  # an unknown engine
    load_outlets(*settings.outlet_files)
    load_lexicon(settings.lexicon_path)
    load_pipeline()
    if settings.engine != "rules":
        load_tagger()


def _exists(spark: Any, path: str) -> bool:
    """Whether ``path`` exists, asked of the file system Spark writes to (local, HDFS, S3)."""
    jvm = spark.sparkContext._jvm
    target = jvm.org.apache.hadoop.fs.Path(path)
    return bool(target.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).exists(target))


def _first_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split("\n", 1)[0].split())
    return f"the Spark job failed: {type(exc).__name__}: {text[:300]}" if text else \
        f"the Spark job failed: {type(exc).__name__}"


def _session(master: str | None, conf: dict[str, str]) -> tuple[Any, bool]:
    """The Spark session, and whether the job started it (a session the caller runs is used,
    and left running)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise ConfigError("sourcetrace spark", 'needs PySpark: pip install "sourcetrace[spark]"') from exc
    active = SparkSession.getActiveSession()
    if active is not None:
        return active, False
    builder = SparkSession.builder.appName("sourcetrace")
    if master:
        builder = builder.master(master)
    local = master is None or master.startswith("local")
    # Python workers run this interpreter (which has sourcetrace; on a cluster, the same path on
    # every node), unless told otherwise: PySpark reads the variable, not the setting, when the
    # job is not started by spark-submit.
    os.environ.setdefault("PYSPARK_PYTHON", conf.get("spark.pyspark.python", sys.executable))
    if local:
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    defaults = {
        "spark.sql.sources.partitionOverwriteMode": "static",
        "spark.sql.parquet.compression.codec": "zstd",
        "spark.sql.debug.maxToStringFields": "200",  # the article rows are wide
        "spark.ui.showConsoleProgress": "true" if sys.stderr.isatty() else "false",
    }
    if local:
        defaults |= {"spark.driver.host": "127.0.0.1", "spark.driver.bindAddress": "127.0.0.1",
                     "spark.driver.memory": "4g"}
    for key, value in (defaults | conf).items():
        builder = builder.config(key, value)
    try:
        return builder.getOrCreate(), True
    except Exception as exc:  # no Java, a JVM that does not start, a master that does not answer
        raise JobError(master or "local", _first_line(exc).replace("the Spark job failed", "Spark cannot "
                                                                   "start", 1)) from exc


def _stage_one(spark: Any, paths: list[str], settings: Settings, out: str, overwrite: bool,
               report: JobReport) -> Any:
    """Read, extract and analyse every archive (one task each; the only Python pass over the
    articles), write the errors and the article tables, and give back the articles (one row
    each, with their child rows nested), kept in memory or on disk for stage two."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as f

    archives = spark.createDataFrame(spark.sparkContext.parallelize([(p,) for p in paths], len(paths)),
                                     "path string")
    items = archives.mapInArrow(lambda batches: arrow_batches(settings, batches), _item_schema())
    items = items.persist(StorageLevel.MEMORY_AND_DISK)
    errors = items.where(f.col("error").isNotNull()).select("error.*")
    _write(errors, "errors", out, overwrite)
    report.errors = errors.count()
    # An article read twice (the same URL in two archives) is kept once: the copy from the input
    # that sorts first, whichever task finished first. Only the ids and inputs are shuffled to
    # find the other copies (few: a broadcast), not the articles.
    read = items.where(f.col("article").isNotNull()).drop("error")
    kept = read.groupBy("article_id").agg(f.min("input").alias("first"), f.count("*").alias("copies"))
    again = (read.select("article_id", "input").join(kept.where("copies > 1"), "article_id")
             .where("input != first").select("article_id", "input"))
    articles = read.join(f.broadcast(again), ["article_id", "input"], "left_anti")
    # As many partitions as the cluster runs tasks at once (the archives are read already: the
    # rows come from the cache): each task writes one file per publication day, and a crawl's
    # pages span many days.
    articles = articles.coalesce(max(1, int(spark.sparkContext.defaultParallelism)))
    articles = articles.persist(StorageLevel.MEMORY_AND_DISK)
    report.articles = articles.count()
    items.unpersist()
    _write(articles.select("article.*"), "articles", out, overwrite)
    for table in CHILD_TABLES[:-1]:  # the claims are written with their groups, in stage two
        _write(articles.select(f.explode(table).alias("r")).select("r.*"), table, out, overwrite)
    return articles


def _partitions(spark: Any, archives: int) -> int:
    """Partitions after a shuffle: as many as the cluster runs tasks at once, at least two,
    and no more than one per archive read (tiny jobs stay tiny)."""
    return max(2, min(int(spark.sparkContext.defaultParallelism) * 2, archives))


def _write(frame: Any, table: str, out: str, overwrite: bool) -> None:
    writer = frame.write.mode("overwrite" if overwrite else "errorifexists")
    if table in PARTITIONED:
        writer = writer.partitionBy("date")
    try:
        writer.parquet(f"{out.rstrip('/')}/{table}")
    except Exception as exc:
        if "already exists" in str(exc):
            raise ConfigError(out, f"{table} is already written there: give another --out, or --overwrite"
                              ) from None
        raise


def _item_schema() -> Any:
    from pyspark.sql.pandas.types import from_arrow_schema

    schema = from_arrow_schema(arrow_schema())
    assert schema.names == list(ROW_FIELDS)
    return schema


def _save_report(report: JobReport, out: str) -> None:
    try:
        with open(f"{out.rstrip('/')}/job.json", "w", encoding="utf-8") as handle:
            json.dump(report.to_dict(), handle, indent=2)
            handle.write("\n")
    except OSError as exc:
        reason = f"the tables are written, but job.json cannot be ({exc.strerror or exc})"
        raise JobError(out, reason) from exc


