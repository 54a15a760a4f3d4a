"""News crawls at web-archive scale: a Spark job reads WARC archives and writes Parquet.

    $ sourcetrace spark warc.paths --out crawl/ --master local[8]

    >>> from sourcetrace.spark import Settings, run_job
    >>> report = run_job("warc.paths", "crawl/", settings=Settings(max_bytes=20_000_000))

Stage one (``_rows``) extracts and analyses every HTML response with the code ``analyze`` runs;
stage two (``_grouping``) groups claims across the whole output and traces each group with
``trace``'s code. The tables (``COLUMNS``) are partitioned by publication date; ``_load``
loads them into a corpus database. PySpark (the ``spark`` extra) is imported only by
:func:`run_job`: the rows, the loader and the manifest reader work without it.
"""

from __future__ import annotations

from sourcetrace.spark._job import JobReport, read_manifest, run_job
from sourcetrace.spark._load import load_parquet, output_size, read_output
from sourcetrace.spark._rows import COLUMNS, PARTITIONED, Settings, Worker, article_bundle, stable_id

__all__ = ["COLUMNS", "PARTITIONED", "JobReport", "Settings", "Worker", "article_bundle", "load_parquet",
           "output_size", "read_manifest", "read_output", "run_job", "stable_id"]
