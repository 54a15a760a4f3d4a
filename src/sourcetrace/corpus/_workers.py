"""Analysis in worker processes: each loads the spaCy pipeline once and analyses batches of
articles; results come back in input order for the single writer."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from typing import Any

from sourcetrace.errors import AnalysisError, SourcetraceError
from sourcetrace.model import Analysis, Article

__all__ = ["analyze_batch", "analyze_in_workers"]

_analyzer: Any = None


def _init(lexicon_path: str | None) -> None:
    global _analyzer
    from sourcetrace.attribution import Analyzer, load_lexicon

    _analyzer = Analyzer(lexicon=load_lexicon(lexicon_path))


def analyze_batch(batch: list[Article], analyzer: Any = None) -> list[Analysis | SourcetraceError]:
    """The analyses of ``batch``; an article whose analysis fails gives an ``AnalysisError``."""
    analyzer = analyzer or _analyzer
    try:
        return list(analyzer.analyze_many(batch))
    except SourcetraceError:
        raise
    except Exception:  # find the article that fails, and analyse the others
        out: list[Analysis | SourcetraceError] = []
        for article in batch:
            try:
                out.append(analyzer.analyze(article))
            except SourcetraceError:
                raise
            except Exception as exc:
                reason = f"analysis failed ({type(exc).__name__}: {exc})"
                out.append(AnalysisError(article.source.input, reason))
        return out


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def analyze_in_workers(
    articles: Iterable[Article], *, workers: int, lexicon_path: str | None = None, batch: int = 8
) -> Iterator[Analysis | SourcetraceError]:
    """Analyses of ``articles`` in input order, by ``workers`` processes (in this process when
    ``workers`` is 1)."""
    if workers <= 1:
        _init(lexicon_path)
        for group in _batches(articles, batch):
            yield from analyze_batch(group)
        return
    # Not "fork": the caller may run threads (the progress bar's refresh thread), and a child
    # forked while another thread holds a lock can hang. A fork server starts clean.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    with context.Pool(workers, initializer=_init, initargs=(lexicon_path,)) as pool:
        for results in pool.imap(analyze_batch, _batches(articles, batch), chunksize=1):
            yield from results
