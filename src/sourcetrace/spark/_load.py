"""Loading the Spark job's output into a corpus database, for the web interface and every
command that reads a corpus."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from typing import Any

from sourcetrace.errors import ConfigError, SourcetraceError, StorageError, error_for
from sourcetrace.model import Analysis

__all__ = ["load_parquet", "output_size", "read_output"]

_BATCH_ROWS = 64  # analyses are large: a few at a time


def _tables(directory: str) -> tuple[Any, Any]:
    """The ``articles`` and ``errors`` datasets of a job's output (``None`` when it has no
    errors table)."""
    try:
        import pyarrow.dataset as ds
    except ImportError as exc:
        raise ConfigError("--from-parquet", 'needs pyarrow: pip install "sourcetrace[parquet]"') from exc
    articles, errors = os.path.join(directory, "articles"), os.path.join(directory, "errors")
    if not os.path.isdir(articles):
        raise ConfigError(directory, "not the output of `sourcetrace spark`: it has no articles table")
    try:
        return (ds.dataset(articles, format="parquet", partitioning="hive"),
                ds.dataset(errors, format="parquet") if os.path.isdir(errors) else None)
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        raise ConfigError(directory, f"cannot be read as Parquet ({' '.join(str(exc).split())})") from exc


def output_size(directory: str) -> int:
    """How many articles and errors a job's output holds (from the Parquet metadata)."""
    articles, errors = _tables(directory)
    stored = int(articles.count_rows()) if "analysis" in articles.schema.names else 0
    return stored + (int(errors.count_rows()) if errors is not None else 0)


def read_output(directory: str) -> Iterator[Analysis | SourcetraceError]:
    """The analyses (``articles`` table) and the errors (``errors`` table) of a job's output, as
    ``analyze`` would give them; an article row that cannot be read is an error naming it."""
    articles, errors = _tables(directory)
    # A job whose every archive failed writes an articles folder with no data files: no columns.
    batches = articles.to_batches(columns=["input", "analysis"], batch_size=_BATCH_ROWS) \
        if "analysis" in articles.schema.names else []
    for batch in batches:
        for label, text in zip(batch.column(0).to_pylist(), batch.column(1).to_pylist(), strict=True):
            try:
                yield Analysis.from_dict(json.loads(text))
            except (ValueError, KeyError, TypeError) as exc:
                yield StorageError(label, f"the analysis stored in {directory} cannot be read "
                                          f"({type(exc).__name__}: {exc})")
    if errors is not None:
        for row in errors.to_table().to_pylist():
            yield error_for(row["code"], row["input"], row["reason"])


def load_parquet(corpus: Any, directory: str, *,
                 on_result: Callable[[Analysis | SourcetraceError], None] | None = None) -> Any:
    """Store a job's articles and errors in ``corpus`` as ``ingest`` stores them (claims
    grouped as they are written); returns the ``IngestReport``."""
    return corpus.store(read_output(directory), on_result=on_result)
