"""sourcetrace: who says so? Clean news articles and trace the sources behind their claims.

The library core is importable without the CLI extra::

    from sourcetrace import extract_articles
    for item in extract_articles(["page.html", "https://example.org/feed.xml"]):
        ...  # an Article, or the SourcetraceError that stopped that document
"""

from sourcetrace.errors import (
    ConfigError,
    CorruptInputError,
    ExtractionError,
    FetchError,
    IngestError,
    InputTooLargeError,
    NotAnArticleError,
    SourcetraceError,
)
from sourcetrace.extract import extract_article, extract_articles, extract_text
from sourcetrace.extract.outlets import OutletTable, load_outlets
from sourcetrace.ingest import ReadOptions, read_inputs
from sourcetrace.model import (
    ARTICLE_SCHEMA,
    Article,
    DocumentSource,
    Link,
    Paragraph,
    RawDocument,
)

__version__ = "0.1.0"

__all__ = [
    "ARTICLE_SCHEMA",
    "Article",
    "ConfigError",
    "CorruptInputError",
    "DocumentSource",
    "ExtractionError",
    "FetchError",
    "IngestError",
    "InputTooLargeError",
    "Link",
    "NotAnArticleError",
    "OutletTable",
    "Paragraph",
    "RawDocument",
    "ReadOptions",
    "SourcetraceError",
    "__version__",
    "extract_article",
    "extract_articles",
    "extract_text",
    "load_outlets",
    "read_inputs",
]
