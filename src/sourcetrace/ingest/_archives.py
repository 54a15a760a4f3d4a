"""WARC archives named by path or URL as a Spark cluster names them: a local path, ``file://``,
or any file system pyarrow reaches (``hdfs://``, ``s3://``, ``s3a://``, ``gs://``)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO
from urllib.parse import urlsplit

from sourcetrace.errors import IngestError, SourcetraceError
from sourcetrace.ingest._options import ReadOptions
from sourcetrace.ingest._prefixed import HEAD_BYTES, Prefixed, is_warc
from sourcetrace.ingest._warc import read_warc
from sourcetrace.model import RawDocument

__all__ = ["open_path", "read_archive"]

_SCHEMES = {"s3a": "s3", "s3n": "s3"}  # Hadoop's names for S3 are pyarrow's s3


@contextmanager
def open_path(path: str) -> Iterator[BinaryIO]:
    """A binary stream of ``path``; an ``IngestError`` naming it when it cannot be opened.
    Remote file systems need pyarrow (the ``spark`` extra brings it) and their credentials as
    pyarrow reads them (the AWS environment variables, a Hadoop configuration)."""
    scheme = urlsplit(path).scheme.lower()
    if len(scheme) <= 1:  # a path, or a Windows drive letter
        try:
            handle: BinaryIO = open(path, "rb")  # noqa: SIM115 (closed below)
        except OSError as exc:
            raise IngestError(path, f"cannot be opened ({exc.strerror or exc})") from exc
    else:
        handle = _remote(path, scheme)
    with handle:
        yield handle


def _remote(path: str, scheme: str) -> BinaryIO:
    try:
        from pyarrow import fs
    except ImportError as exc:
        raise IngestError(path, f'{scheme}:// paths need pyarrow: pip install "sourcetrace[spark]"') from exc
    uri = _SCHEMES[scheme] + path[len(scheme):] if scheme in _SCHEMES else path
    try:
        filesystem, inner = fs.FileSystem.from_uri(uri)
        stream: BinaryIO = filesystem.open_input_stream(inner, compression=None)
    except (OSError, ValueError, ImportError) as exc:
        raise IngestError(path, f"cannot be opened ({' '.join(str(exc).split())})") from exc
    return stream


def read_archive(
    stream: BinaryIO, name: str, options: ReadOptions
) -> Iterator[RawDocument | SourcetraceError]:
    """Every HTML response of the WARC archive (plain or gzipped) read from ``stream``, and an
    error for each record that cannot be read; one error when it is not a WARC archive."""
    head = stream.read(HEAD_BYTES)
    if not is_warc(head, name):
        yield IngestError(name, "not a WARC archive" if head else "empty file, not a WARC archive")
        return
    yield from read_warc(io.BufferedReader(Prefixed(head, stream)), name=name, max_bytes=options.max_bytes)
