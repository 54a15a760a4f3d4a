"""The packaged example's analysis, reviewed by eye and frozen: any change in what the rules find
on it (a rule, a span, a source's type or name, a chain) shows up here as a readable diff.

To accept a change after reviewing it, regenerate the file with ``golden_view`` below and read
the diff before committing it.
"""

from __future__ import annotations

import json
from typing import Any

from sourcetrace.attribution import Analyzer
from sourcetrace.extract import extract_text
from sourcetrace.model import Analysis, Span
from tests.conftest import DATA, ROOT

EXAMPLE = ROOT / "src/sourcetrace/data/examples/harbourton-ferry-contract.txt"
GOLDEN = DATA / "golden" / "harbourton-ferry-contract.analysis.json"


def golden_view(analysis: Analysis) -> dict[str, Any]:
    """What a reader checks, as text: each attribution's roles, type and rule; the sources; the
    chains; the unattributed claims."""
    text = analysis.article.text

    def txt(spans: tuple[Span, ...]) -> str:
        return " … ".join(text[s.start : s.end] for s in spans)

    def source(source_id: str | None) -> Any:
        return analysis.source(source_id)

    return {
        "attributions": [
            {
                "rule": a.rule, "source": txt(a.source),
                "source_name": s.name if (s := source(a.source_id)) else None,
                "type": s.type if s else None, "cue": txt(a.cue), "content": txt(a.content),
                "kind": a.kind, "certainty": a.certainty, "parent": a.parent,
            }
            for a in analysis.attributions
        ],
        "sources": [
            {"name": s.name, "type": s.type, "role": s.role,
             "via": v.name if (v := source(s.via)) else None}
            for s in analysis.sources
        ],
        "chains": analysis.provenance.chains() if analysis.provenance else [],
        "unattributed": [text[c.span.start : c.span.end] for c in analysis.unattributed],
    }


def test_packaged_example_matches_golden_analysis() -> None:
    article = extract_text(EXAMPLE.read_text(encoding="utf-8"), input=str(EXAMPLE))
    got = golden_view(Analyzer().analyze(article))
    assert got == json.loads(GOLDEN.read_text(encoding="utf-8"))
