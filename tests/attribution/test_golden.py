"""The packaged example's analysis, reviewed by eye and frozen, by the rules and by the hybrid
engine (the shipped model with the rules): any change in what either finds on it (a rule, a span,
a source's type or name, a chain, whether the model found it) shows up here as a readable diff.

To accept a change after reviewing it (a rule change, a retrained model), regenerate the files
with ``python -m tests.attribution.test_golden`` and read the diff before committing it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sourcetrace.attribution import Analyzer
from sourcetrace.extract import extract_text
from sourcetrace.model import Analysis, Span
from tests.conftest import DATA, ROOT

EXAMPLE = ROOT / "src/sourcetrace/data/examples/harbourton-ferry-contract.txt"
GOLDEN = {
    "rules": DATA / "golden" / "harbourton-ferry-contract.analysis.json",
    "hybrid": DATA / "golden" / "harbourton-ferry-contract.hybrid.json",
}


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
                **({"model": a.model} if a.model is not None else {}),
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


def _view(engine: str, nlp: Any = None) -> dict[str, Any]:
    article = extract_text(EXAMPLE.read_text(encoding="utf-8"), input=str(EXAMPLE))
    return golden_view(Analyzer(nlp=nlp, engine=engine).analyze(article))


@pytest.mark.parametrize("engine", list(GOLDEN))
def test_packaged_example_matches_golden_analysis(engine: str, analyzer: Analyzer) -> None:
    assert _view(engine, analyzer.nlp) == json.loads(GOLDEN[engine].read_text(encoding="utf-8"))


def _write(path: Path, view: dict[str, Any]) -> None:
    path.write_text(json.dumps(view, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    for name, path in GOLDEN.items():
        _write(path, _view(name))
        print(f"wrote {path}")
