"""Every error sourcetrace raises, each carrying the input it concerns and the reason.

The hierarchy::

    SourcetraceError                 base: ``code``, ``input``, ``reason``, ``exit_code``
    ├── IngestError                  an input could not be read
    │   ├── FetchError               HTTP status, timeout, redirect loop, connection failure
    │   ├── InputTooLargeError       over the size limit (HTTP body, file, decompressed data)
    │   └── CorruptInputError        truncated gzip, broken WARC record, unreadable feed
    ├── ExtractionError              the input was read but holds no article
    │   ├── NotAnArticleError        empty, binary, or a page with no article body
    │   └── FrontMatterError         a text file's front matter holds a value that cannot be used
    ├── AnalysisError                an article was read but could not be analysed
    │   ├── ModelNotFoundError       no English spaCy pipeline is installed
    │   └── AttributionModelError    the trained attribution model's files are missing or damaged
    ├── StorageError                 the corpus database cannot be reached, read or written
    │   ├── SchemaVersionError       the database's schema is newer than this release
    │   └── EmptyCorpusError         there is nothing in the corpus to trace
    ├── ConfigError                  a user's table or setting is invalid (an outlet file)
    │   └── ManifestError            a metadata manifest cannot be used (row, column, value named)
    └── JobError                     the Spark job failed as a whole (Spark cannot start, output
                                     cannot be written); a bad archive or record never does

Warnings (``SourcetraceWarning``, a ``UserWarning``) tell of what was skipped or dropped while the
work went on: manifest rows that match no input, a bad field dropped under ``--meta-lenient``.
The CLI prints each as one ``Warning: …`` line.
 Codes are stable: a message
``[E103] feed.xml: ...`` means the same thing in every release, so users can search for it.
"""

from __future__ import annotations

__all__ = [
    "AnalysisError",
    "AttributionModelError",
    "ConfigError",
    "CorruptInputError",
    "EmptyCorpusError",
    "ExtractionError",
    "FetchError",
    "FrontMatterError",
    "IngestError",
    "InputTooLargeError",
    "JobError",
    "ManifestError",
    "MetadataWarning",
    "ModelNotFoundError",
    "NotAnArticleError",
    "SchemaVersionError",
    "SourcetraceError",
    "SourcetraceWarning",
    "StorageError",
    "error_for",
]


class SourcetraceError(Exception):
    """Base of every sourcetrace error: says which input failed and why."""

    code = "E000"
    exit_code = 1

    def __init__(self, input: str | None, reason: str) -> None:
        self.input = input
        self.reason = reason
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """One line for a user: ``[E101] page.html: reason``. Control characters in a file name
        or a library's message are escaped, so that one error is always one line."""
        where = f"{_one_line(self.input)}: " if self.input else ""
        return f"[{self.code}] {where}{_one_line(self.reason)}"

    def __reduce__(self) -> tuple[type[SourcetraceError], tuple[str | None, str]]:
        # Keep errors picklable so worker processes can hand them back.
        return (type(self), (self.input, self.reason))


def _one_line(text: str) -> str:
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class IngestError(SourcetraceError):
    """An input could not be read: missing file, unknown kind, unreadable bytes."""

    code = "E100"


class FetchError(IngestError):
    """A URL could not be fetched: HTTP error status, timeout, redirect loop, network failure."""

    code = "E101"


class InputTooLargeError(IngestError):
    """An input is over the size limit; raised before the whole of it is read."""

    code = "E102"


class CorruptInputError(IngestError):
    """An input is damaged: truncated gzip, a broken WARC record, a feed that does not parse."""

    code = "E103"


class ExtractionError(SourcetraceError):
    """An input was read but no article could be extracted from it."""

    code = "E200"


class NotAnArticleError(ExtractionError):
    """The input holds no article: it is empty, binary, or a page without an article body."""

    code = "E201"


class FrontMatterError(ExtractionError):
    """A text file's front matter holds a value that cannot be used (a date that is not one)."""

    code = "E202"


class ConfigError(SourcetraceError):
    """A file or setting the user supplied is invalid: it names the file and what is wrong."""

    code = "E300"
    exit_code = 2


class ManifestError(ConfigError):
    """A metadata manifest cannot be used: the message names the file, the line and the value."""

    code = "E301"


class AnalysisError(SourcetraceError):
    """An article was read but its attributions could not be found."""

    code = "E400"


class ModelNotFoundError(AnalysisError):
    """No English spaCy pipeline is installed; the message says which package to install."""

    code = "E401"
    exit_code = 2


class AttributionModelError(AnalysisError):
    """The trained attribution model's files are missing or damaged; the message names the file
    and says to reinstall (``--engine rules`` works without them)."""

    code = "E402"
    exit_code = 2


class StorageError(SourcetraceError):
    """The corpus database cannot be reached, read or written; nothing half-written is left."""

    code = "E500"


class SchemaVersionError(StorageError):
    """The database was written by a newer sourcetrace: its schema revision is unknown here."""

    code = "E501"
    exit_code = 2


class EmptyCorpusError(StorageError):
    """The corpus holds no article: the message says to run ``ingest`` first."""

    code = "E502"


class JobError(SourcetraceError):
    """The Spark job failed as a whole: Spark could not start, or the output could not be
    written. A bad archive or record is an error row instead, and the job goes on."""

    code = "E600"


class SourcetraceWarning(UserWarning):
    """Something was skipped or dropped while the work went on; the message says what."""


class MetadataWarning(SourcetraceWarning):
    """User-supplied metadata was not (all) used: rows or inputs unmatched, a bad field dropped."""


def error_for(code: str, input: str | None, reason: str) -> SourcetraceError:
    """The error a stored code stands for (``E103`` → ``CorruptInputError``), as it was raised;
    a code this release does not know gives the base class."""
    found: list[type[SourcetraceError]] = [SourcetraceError]
    while found:
        kind = found.pop()
        if kind.code == code:
            return kind(input, reason)
        found += kind.__subclasses__()
    return SourcetraceError(input, reason)
