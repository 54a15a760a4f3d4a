"""The corpus commands: ``ingest``, ``stats``, ``sources``, ``show``, ``export``."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Iterator
from typing import Any

import click

from sourcetrace.cli._app import Reading, _engine_option, _input_options, _read, _write, check_engine, cli
from sourcetrace.cli._console import reporter
from sourcetrace.cli._report import ANALYSIS_FORMATS, render_analyses
from sourcetrace.corpus._store import extra_json, failed_input
from sourcetrace.errors import ConfigError, SourcetraceError, StorageError
from sourcetrace.ingest import expand_inputs
from sourcetrace.model import SOURCE_TYPES, Analysis

__all__ = ["export", "ingest", "show", "sources", "stats"]

_DB = click.option("--db", default=None, metavar="URL",
                   help="Database: a SQLite file path or URL, or postgresql://… "
                        "(default: $SOURCETRACE_DB, else ./sourcetrace.db).")
EXPORT_COLUMNS = (
    "article_id", "url", "outlet", "published", "title", "byline", "wire", "extra", "attribution",
    "source", "source_type", "cue", "content", "kind", "certainty", "rule", "model", "confidence", "parent",
    "via",
)
_LISTED = 12  # outlets and agencies stats names before "… and N more"
_READING_OPTIONS = {"workers": "--workers", "retry_errors": "--retry-errors", "max_mb": "--max-mb",
                    "timeout": "--timeout", "outlet_files": "--outlets", "meta_file": "--meta",
                    "meta_lenient": "--meta-lenient", "lexicon_file": "--lexicon",
                    "engine": "--engine"}
"""The options that say how INPUTS are read and analysed: `ingest --from-parquet` reads none."""


def _open(db: str | None) -> Any:
    from sourcetrace.corpus import Corpus

    return Corpus(db)


@cli.command()
@click.argument("inputs", nargs=-1)
@_DB
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Analysis processes (default: the number of cores).")
@click.option("--retry-errors", is_flag=True, help="Read again the inputs recorded as failed.")
@click.option("--from-parquet", "from_parquet", type=click.Path(exists=True, file_okay=False), default=None,
              metavar="DIR", help="Load the output of `sourcetrace spark` (its articles and errors) instead "
                                  "of reading INPUTS.")
@_input_options
@click.option("--lexicon", "lexicon_file", type=click.Path(exists=True, dir_okay=False),
              help="A JSON file extending the shipped attribution word lists.")
@_engine_option
@click.pass_context
def ingest(
    ctx: click.Context, inputs: tuple[str, ...], db: str | None, workers: int | None, retry_errors: bool,
    from_parquet: str | None, max_mb: float, timeout: float, outlet_files: tuple[str, ...],
    progress: bool | None, meta_file: str | None, meta_lenient: bool, lexicon_file: str | None, engine: str,
) -> None:
    """Analyse INPUTS and store them in the corpus database.

    Takes every input extract takes. Each article is stored whole in its own transaction; an
    article ingested again (same canonical URL, or same outlet, date and text when it has none)
    is replaced, not duplicated, so a run that was stopped can simply be run again. Inputs that fail are
    recorded with their reason (see stats) and can be read again with --retry-errors.

    With --meta, each document takes its outlet, date, URL, byline, title, language and wire
    agency from the manifest row that names it; other columns are stored as extra metadata.

    With --from-parquet DIR, the articles and errors a `sourcetrace spark` run wrote to DIR are
    stored as if they had been analysed here (their claims grouped with the corpus's).
    """
    from sourcetrace.attribution import load_lexicon

    if from_parquet is not None:
        given = [option for name, option in _READING_OPTIONS.items()
                 if ctx.get_parameter_source(name) is click.core.ParameterSource.COMMANDLINE]
        if inputs or given:
            what = ", ".join(given) if given else "INPUTS"
            raise click.UsageError(f"--from-parquet loads what `sourcetrace spark` analysed: {what} "
                                   "cannot go with it")
        _load_parquet(ctx, from_parquet, db, progress)
        return

    load_lexicon(lexicon_file)  # a bad lexicon, manifest or model stops the command before anything is read
    check_engine(engine)
    reading = Reading.from_options(max_mb=max_mb, timeout=timeout, outlet_files=outlet_files,
                                   meta_file=meta_file, meta_lenient=meta_lenient)
    corpus = _open(db)
    retry = [failed_input(label) for label, _, _ in corpus.errors()] if retry_errors else []
    if not inputs and not retry:
        raise click.UsageError("give INPUTS, or --retry-errors with failed inputs recorded")
    names = list(expand_inputs((*inputs, *dict.fromkeys(retry))))
    workers = workers or os.cpu_count() or 1
    with reporter(total=len(names), show=progress, debug=ctx.obj["debug"]) as rep:
        try:  # reading errors are printed by on_result, when they are recorded
            report = corpus.ingest(
                _read(rep, names, reading), workers=workers, lexicon_path=lexicon_file,
                outlet_files=outlet_files, on_result=_on_result(rep), engine=engine,
            )
        finally:
            corpus.close()
    _ingested(report, corpus.url)


def _on_result(rep: Any) -> Any:
    def on_result(result: Analysis | SourcetraceError) -> None:
        if isinstance(result, SourcetraceError):
            rep.error(result)
        else:
            rep.article()

    return on_result


def _ingested(report: Any, url: str) -> None:
    repeated = (f"; {report.repeated} of them replaced an article stored earlier in this run (same URL, "
                "or same outlet, date and text)") if report.repeated else ""
    click.echo(f"{report.stored} articles stored, {len(report.errors)} errors ({url}){repeated}", err=True)
    if report.stored == 0 and report.errors:
        raise SystemExit(1)


def _load_parquet(ctx: click.Context, directory: str, db: str | None, progress: bool | None) -> None:
    from sourcetrace.spark import load_parquet, output_size

    total = output_size(directory)
    corpus = _open(db)
    with reporter(total=total, show=progress, debug=ctx.obj["debug"]) as rep:
        try:
            report = load_parquet(corpus, directory, on_result=_on_result(rep))
        finally:
            corpus.close()
    _ingested(report, corpus.url)


@cli.command()
@_DB
@click.option("--format", "-f", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
def stats(db: str | None, fmt: str) -> None:
    """Counts in the corpus: articles, outlets, attributions, sources by type, errors."""
    corpus = _open(db)
    data = corpus.stats()
    failures = corpus.errors()
    corpus.close()
    if fmt == "json":
        data["failed_inputs"] = [list(f) for f in failures]
        _write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    codes = ", ".join(f"{k} {v}" for k, v in data["errors_by_code"].items())
    dates = data["published"]
    width = len(str(max([1, *data["articles_by_outlet"].values(), *data["articles_by_wire"].values()])))
    lines = [
        f"database      {data['database']} (schema {data['schema_revision']})",
        f"articles      {data['articles']} from {data['outlets']} outlets"
        + (f", published {dates['first']} … {dates['last']}" if dates["first"] else ""),
        *_counted("outlets", data["articles_by_outlet"], width),
        *_counted("wire copy", data["articles_by_wire"], width),
        f"attributions  {data['attributions']}; unattributed claims {data['unattributed']}",
        "sources       " + (", ".join(f"{k} {v}" for k, v in data["sources_by_type"].items()) or "none"),
        f"errors        {data['errors']}" + (f" ({codes})" if data["errors"] else ""),
    ]
    lines += [f"  [{code}] {label}: {reason}" for label, code, reason in failures[:20]]
    if len(failures) > 20:
        lines.append(f"  … and {len(failures) - 20} more (--format json lists them all)")
    _write("\n".join(lines) + "\n")


def _counted(label: str, counts: dict[str, int], width: int) -> list[str]:
    """``outlets       132  Breitbart News`` and one line more for each, the largest first."""
    if not counts:
        return []
    items = list(counts.items())
    lines = [f"{label if i == 0 else '':<13} {n:>{width}}  {name}"
             for i, (name, n) in enumerate(items[:_LISTED])]
    if len(items) > _LISTED:
        rest = sum(n for _, n in items[_LISTED:])
        more = f"… in {len(items) - _LISTED} more (--format json lists them all)"
        lines.append(f"{'':<13} {rest:>{width}}  {more}")
    return lines


@cli.command()
@_DB
@click.option("--type", "source_type", type=click.Choice(SOURCE_TYPES), default=None, help="Only this type.")
@click.option("--outlet", default=None, help="Only sources cited by this outlet.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--format", "-f", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
def sources(db: str | None, source_type: str | None, outlet: str | None, limit: int, fmt: str) -> None:
    """Who is cited across the corpus, how often, and by which outlets."""
    corpus = _open(db)
    rows = corpus.sources(type=source_type, outlet=outlet, limit=limit)
    corpus.close()
    if fmt == "json":
        _write(json.dumps([r.__dict__ | {"outlets": list(r.outlets)} for r in rows], ensure_ascii=False,
                          indent=2) + "\n")
        return
    lines = [f"{'claims':>6} {'articles':>8}  {'type':<12} source  (outlets)"]
    for r in rows:
        where = f"  ({', '.join(r.outlets)})" if r.outlets else ""
        lines.append(f"{r.claims:>6} {r.articles:>8}  {r.type:<12} {r.name}{where}")
    _write("\n".join(lines) + "\n")


@cli.command()
@click.argument("ref")
@_DB
@click.option("--format", "-f", "fmt", type=click.Choice(ANALYSIS_FORMATS), default="text", show_default=True)
@click.option("--color/--no-color", default=None, help="Colour the text report (default: on a terminal).")
def show(ref: str, db: str | None, fmt: str, color: bool | None) -> None:
    """The stored analysis of one article, by its id or URL, in the formats of analyze."""
    corpus = _open(db)
    analysis = corpus.get(ref)
    corpus.close()
    if analysis is None:
        raise StorageError(ref, f"no such article in {corpus.url}")
    color = sys.stdout.isatty() if color is None else color
    _write(render_analyses([analysis], fmt, color=color))


TRACE_FORMATS = ("prov-ttl", "prov-jsonld", "schema-claim")


@cli.command()
@_DB
@click.option("--format", "-f", "fmt", type=click.Choice(("jsonl", "csv", "parquet", *TRACE_FORMATS)),
              default="jsonl", show_default=True,
              help="jsonl: one analysis per line; csv/parquet: one row per attribution; prov-ttl, "
                   "prov-jsonld: the traced claims as W3C PROV-O; schema-claim: as schema.org Claim JSON-LD.")
@click.option("--out", "out", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file (required for parquet; default: standard output).")
@click.option("--query", "-q", default=None,
              help="PROV and schema.org formats: the claims matching this search (as `trace`).")
@click.option("--min-outlets", type=click.IntRange(min=1), default=2, show_default=True,
              help="PROV and schema.org formats without --query: the claims this many outlets carry.")
@click.option("--limit", type=click.IntRange(min=1), default=1000, show_default=True,
              help="PROV and schema.org formats: claim groups at most, most widely reported first.")
def export(db: str | None, fmt: str, out: str | None, query: str | None, min_outlets: int,
           limit: int) -> None:
    """Everything in the corpus, or what `trace` finds in it, to take elsewhere."""
    if fmt == "parquet" and out is None:
        raise ConfigError("--out", "parquet is binary: give a file with --out")
    if query is not None and fmt not in TRACE_FORMATS:
        raise ConfigError("--query", f"selects traced claims: it goes with {', '.join(TRACE_FORMATS)}")
    corpus = _open(db)
    try:
        if fmt in TRACE_FORMATS:
            from sourcetrace.trace import export_trace

            _emit(iter([export_trace(corpus, fmt, query=query, min_outlets=min_outlets, limit=limit)]), out)
        elif fmt == "jsonl":
            _emit((json.dumps(a.to_dict(), ensure_ascii=False) + "\n" for a in corpus.analyses()), out)
        elif fmt == "csv":
            _emit(_csv_lines(corpus), out)
        else:
            _parquet(corpus, str(out))
    finally:
        corpus.close()


def export_rows(corpus: Any) -> Iterator[dict[str, Any]]:
    """One flat row per attribution (article fields repeated), for CSV and Parquet."""
    for article_id, analysis in corpus.items():
        art = analysis.article
        text = art.text
        for i, a in enumerate(analysis.attributions):
            src = analysis.source(a.source_id)
            via = analysis.source(src.via) if src and src.via else None
            yield {
                "article_id": article_id, "url": art.url, "outlet": art.outlet, "published": art.published,
                "title": art.title, "byline": art.byline, "wire": art.wire,
                "extra": extra_json(art.extra), "attribution": i, "source": src.name if src else None,
                "source_type": src.type if src else None,
                "cue": " … ".join(text[s.start : s.end] for s in a.cue),
                "content": " … ".join(text[s.start : s.end] for s in a.content),
                "kind": a.kind, "certainty": a.certainty, "rule": a.rule, "model": a.model,
                "confidence": a.confidence, "parent": a.parent,
                "via": via.name if via else None,
            }


def _csv_lines(corpus: Any) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in export_rows(corpus):
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def _parquet(corpus: Any, path: str) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ConfigError("--format parquet", 'needs pyarrow: pip install "sourcetrace[parquet]"') from exc
    rows = list(export_rows(corpus))
    empty = {c: pa.array([], pa.string()) for c in EXPORT_COLUMNS}
    table = pa.Table.from_pylist(rows) if rows else pa.table(empty)
    pq.write_table(table, path)


def _emit(chunks: Iterator[str], out: str | None) -> None:
    if out is None:
        for chunk in chunks:
            _write(chunk)
        return
    with open(out, "w", encoding="utf-8", newline="") as handle:
        for chunk in chunks:
            handle.write(chunk)
