"""Loading the Spark job's output into a corpus database, for the web interface and every
command that reads a corpus."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from typing import Any

from sourcetrace.errors import ConfigError, SourcetraceError, error_for
from sourcetrace.model import Analysis

__all__ = ["load_parquet", "read_output"]

_BATCH_ROWS = 64  # analyses are large: a few at a time


def read_output(directory: str) -> Iterator[Analysis | SourcetraceError]:
    """The analyses (``articles`` table) and the errors (``errors`` table) of a job's output, as
    ``analyze`` would give them."""
    try:
        import pyarrow.dataset as ds
    except ImportError as exc:
        raise ConfigError("--from-parquet", 'needs pyarrow: pip install "sourcetrace[parquet]"') from exc
    articles = os.path.join(directory, "articles")
    if not os.path.isdir(articles):
        raise ConfigError(directory, "not the output of `sourcetrace spark`: it has no articles table")
    table = ds.dataset(articles, format="parquet", partitioning="hive")
    for batch in table.to_batches(columns=["analysis"], batch_size=_BATCH_ROWS):
        for text in batch.column(0).to_pylist():
            yield Analysis.from_dict(json.loads(text))
    errors = os.path.join(directory, "errors")
    if os.path.isdir(errors):
        for row in ds.dataset(errors, format="parquet").to_table().to_pylist():
            yield error_for(row["code"], row["input"], row["reason"])


def load_parquet(corpus: Any, directory: str, *,
                 on_result: Callable[[Analysis | SourcetraceError], None] | None = None) -> Any:
    """Store a job's articles and errors in ``corpus`` as ``ingest`` stores them (claims
    grouped as they are written); returns the ``IngestReport``."""
    return corpus.store(read_output(directory), on_result=on_result)
