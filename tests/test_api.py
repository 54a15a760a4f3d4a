"""The public API: what ``__all__`` promises is there, and the core imports without the extras."""

from __future__ import annotations

import subprocess
import sys

import sourcetrace
import sourcetrace.attribution
import sourcetrace.corpus
import sourcetrace.errors
import sourcetrace.extract
import sourcetrace.ingest
import sourcetrace.model
import sourcetrace.spark
import sourcetrace.trace


def test_all_is_complete_and_resolvable() -> None:
    for module in (sourcetrace, sourcetrace.errors, sourcetrace.model, sourcetrace.ingest,
                   sourcetrace.extract, sourcetrace.attribution, sourcetrace.corpus, sourcetrace.trace,
                   sourcetrace.spark):
        for name in module.__all__:
            assert hasattr(module, name), f"{module.__name__}.__all__ names missing {name}"
    # Every error class and model type is exported from the top level.
    for name in sourcetrace.errors.__all__:
        assert name in sourcetrace.__all__
    for name in ("Article", "Paragraph", "Link", "DocumentSource", "RawDocument", "Analysis", "Attribution",
                 "Source", "Claim", "ProvenanceNode", "Span", "Hedge", "Analyzer", "Trace", "ClaimTrace",
                 "Discrepancies", "Discrepancy", "GroupDiscrepancies", "Evidence"):
        assert name in sourcetrace.__all__


def test_error_hierarchy() -> None:
    e = sourcetrace.FetchError("https://e.org", "HTTP 404 Not Found")
    assert isinstance(e, sourcetrace.IngestError)
    assert isinstance(e, sourcetrace.SourcetraceError)
    assert e.message == "[E101] https://e.org: HTTP 404 Not Found"
    assert issubclass(sourcetrace.NotAnArticleError, sourcetrace.ExtractionError)
    import pickle

    back = pickle.loads(pickle.dumps(e))
    assert type(back) is sourcetrace.FetchError and back.message == e.message


def test_core_imports_without_cli_extras() -> None:
    code = (
        "import sys\n"
        "for heavy in ('click', 'rich', 'pyspark', 'pyarrow', 'fastapi'):\n"
        "    sys.modules[heavy] = None\n"
        "import sourcetrace, sourcetrace.extract, sourcetrace.ingest, sourcetrace.attribution\n"
        "import sourcetrace.corpus, sourcetrace.trace, sourcetrace.spark\n"
        "assert 'spacy' not in sys.modules, 'spaCy must load only when an article is analysed'\n"
        "body = 'Officials said the plan was on track. ' * 5\n"
        "a = sourcetrace.extract_text('A headline here\\n\\n' + body)\n"
        "print(a.title)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "A headline here"
