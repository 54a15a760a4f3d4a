"""sourcetrace: who says so? Clean news articles and trace the sources behind their claims.

The library core is importable without the CLI extra::

    from sourcetrace import extract_articles
    for item in extract_articles(["page.html", "https://example.org/feed.xml"]):
        ...  # an Article, or the SourcetraceError that stopped that document

    from sourcetrace import Analyzer
    analysis = Analyzer().analyze(article)   # attributions, sources, chains, hedging

spaCy loads only when the first article is analysed.
"""

from sourcetrace.attribution import Analyzer, analyze_text
from sourcetrace.errors import (
    AnalysisError,
    AttributionModelError,
    ConfigError,
    CorruptInputError,
    EmptyCorpusError,
    ExtractionError,
    FetchError,
    FrontMatterError,
    IngestError,
    InputTooLargeError,
    JobError,
    ManifestError,
    MetadataWarning,
    ModelNotFoundError,
    NotAnArticleError,
    SchemaVersionError,
    SourcetraceError,
    SourcetraceWarning,
    StorageError,
    error_for,
)
from sourcetrace.extract import Manifest, extract_article, extract_articles, extract_text, load_manifest
from sourcetrace.extract.outlets import OutletTable, load_outlets
from sourcetrace.ingest import ReadOptions, read_inputs
from sourcetrace.model import (
    ANALYSIS_SCHEMA,
    ARTICLE_SCHEMA,
    DISCREPANCY_SCHEMA,
    TRACE_SCHEMA,
    Analysis,
    Article,
    Attribution,
    Claim,
    ClaimTrace,
    Discrepancies,
    Discrepancy,
    DocumentMetadata,
    DocumentSource,
    Evidence,
    GroupDiscrepancies,
    Hedge,
    Link,
    Paragraph,
    ProvenanceNode,
    RawDocument,
    Source,
    Span,
    Trace,
)

__version__ = "0.1.0"

__all__ = [
    "ANALYSIS_SCHEMA",
    "ARTICLE_SCHEMA",
    "DISCREPANCY_SCHEMA",
    "TRACE_SCHEMA",
    "Analysis",
    "AnalysisError",
    "Analyzer",
    "Article",
    "Attribution",
    "AttributionModelError",
    "Claim",
    "ClaimTrace",
    "ConfigError",
    "CorruptInputError",
    "Discrepancies",
    "Discrepancy",
    "DocumentMetadata",
    "DocumentSource",
    "EmptyCorpusError",
    "Evidence",
    "ExtractionError",
    "FetchError",
    "FrontMatterError",
    "GroupDiscrepancies",
    "Hedge",
    "IngestError",
    "InputTooLargeError",
    "JobError",
    "Link",
    "Manifest",
    "ManifestError",
    "MetadataWarning",
    "ModelNotFoundError",
    "NotAnArticleError",
    "OutletTable",
    "Paragraph",
    "ProvenanceNode",
    "RawDocument",
    "ReadOptions",
    "SchemaVersionError",
    "Source",
    "SourcetraceError",
    "SourcetraceWarning",
    "Span",
    "StorageError",
    "Trace",
    "__version__",
    "analyze_text",
    "error_for",
    "extract_article",
    "extract_articles",
    "extract_text",
    "load_manifest",
    "load_outlets",
    "read_inputs",
]
