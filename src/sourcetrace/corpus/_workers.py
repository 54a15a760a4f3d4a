"""Analysis in worker processes: each loads the spaCy pipeline once and analyses batches of
articles; results come back in input order for the single writer.

``concurrent.futures`` rather than ``multiprocessing.Pool``: when a worker dies (the kernel's
out-of-memory killer, a crash in native code) the pool is reported broken instead of waiting
forever for the lost batch. Only a few batches are in flight at a time, so reading the inputs
stays ahead of the workers without holding the whole batch list in memory.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from sourcetrace.attribution._engine import batched
from sourcetrace.errors import AnalysisError, SourcetraceError
from sourcetrace.model import Analysis, Article

__all__ = ["analyze_batch", "analyze_in_workers"]

_analyzer: Any = None


def _init(lexicon_path: str | None, outlet_files: tuple[str, ...], engine: str = "hybrid") -> None:
    global _analyzer
    from sourcetrace.attribution import Analyzer, load_lexicon
    from sourcetrace.extract import load_outlets

    _analyzer = Analyzer(lexicon=load_lexicon(lexicon_path), outlets=load_outlets(*outlet_files),
                         engine=engine)


def analyze_batch(batch: list[Article]) -> list[Analysis | SourcetraceError]:
    """The analyses of ``batch`` by this worker's analyzer (failures in place, as errors)."""
    return list(_analyzer.analyze_each(batch, group=len(batch)))


def analyze_in_workers(
    articles: Iterable[Article],
    *,
    workers: int,
    lexicon_path: str | None = None,
    outlet_files: tuple[str, ...] = (),
    batch: int = 8,
    engine: str = "hybrid",
) -> Iterator[Analysis | SourcetraceError]:
    """Analyses of ``articles`` in input order, by ``workers`` processes (in this process when
    ``workers`` is 1). A worker that dies stops the run with an ``AnalysisError``."""
    if workers <= 1:
        _init(lexicon_path, outlet_files, engine)
        for group in batched(articles, batch):
            yield from analyze_batch(group)
        return
    # Not "fork": the caller may run threads (the progress bar's refresh thread), and a child
    # forked while another thread holds a lock can hang. A fork server starts clean.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init,
                             initargs=(lexicon_path, outlet_files, engine)) as pool:
        pending: deque[Future[list[Analysis | SourcetraceError]]] = deque()
        try:
            for group in batched(articles, batch):
                pending.append(pool.submit(analyze_batch, group))
                if len(pending) >= 2 * workers:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        except BrokenProcessPool as exc:
            raise AnalysisError(None, "an analysis worker process died (out of memory?) or could not "
                                "start; the articles stored so far are whole, run the command again "
                                f"to finish ({exc})") from exc
        finally:
            for future in pending:
                future.cancel()
