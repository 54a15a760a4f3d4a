"""``sourcetrace`` and its commands. Each command parses options and calls the library."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import click

from sourcetrace import __version__
from sourcetrace.cli._console import Reporter, reporter, warnings_as_lines
from sourcetrace.cli._render import FORMATS, render, render_one
from sourcetrace.cli._report import ANALYSIS_FORMATS, render_analyses
from sourcetrace.errors import SourcetraceError
from sourcetrace.extract import Manifest, OutletTable, extract_articles, load_manifest, load_outlets
from sourcetrace.ingest import DEFAULT_MAX_BYTES, Fetcher, ReadOptions, expand_inputs
from sourcetrace.model import Analysis, Article

__all__ = ["cli", "main"]

EXAMPLE_NAME = "eutoday-atacms-authorisation.txt"
_POSITIVE = click.FloatRange(min=0, min_open=True)


class _Group(click.Group):
    """Turns a ``SourcetraceError`` that stops a whole command (a bad outlet file, say) into one
    ``Error: …`` line and the error's exit code."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            with warnings_as_lines():
                return super().invoke(ctx)
        except SourcetraceError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"Error: {exc.message}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sourcetrace")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Who says so? Clean news articles and trace the sources behind their claims."""
    ctx.obj = {"debug": debug}


ENGINES = ("hybrid", "model", "rules")  # sourcetrace.attribution.ENGINES, without importing the engine
_engine_option = click.option(
    "--engine", type=click.Choice(ENGINES), default="hybrid", show_default=True,
    help="What finds attributions: the trained model with the rules' surest findings added "
         "(hybrid), the model alone, or the rules alone (no model files needed).")


def check_engine(engine: str) -> None:
    """Load the trained model now when the engine needs it: a missing or damaged model file stops
    the command with one error before any input is read."""
    if engine != "rules":
        from sourcetrace.attribution import load_tagger

        load_tagger()


def _input_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options every command that reads inputs shares."""
    options = [
        click.option("--max-mb", type=_POSITIVE, default=DEFAULT_MAX_BYTES / 1024 / 1024, show_default=True,
                     help="Largest document (download, file, decompressed data, WARC record) in MB."),
        click.option("--timeout", type=_POSITIVE, default=20.0, show_default=True,
                     help="Seconds per network operation."),
        click.option("--outlets", "outlet_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
                     help="A JSON outlet table extending the shipped one (repeatable)."),
        click.option("--progress/--no-progress", default=None,
                     help="Force the progress bar on or off (default: on when stderr is a terminal)."),
        click.option("--meta", "meta_file", type=click.Path(exists=True, dir_okay=False), default=None,
                     help="A manifest (CSV, TSV or JSON Lines) giving each document's outlet, date, URL, "
                          "byline, title, language, wire agency and more."),
        click.option("--meta-lenient", is_flag=True,
                     help="Drop a metadata value that cannot be read, with a warning, instead of stopping."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@dataclass(frozen=True)
class Reading:
    """How a command reads its inputs: limits, outlet table, and the user's metadata."""

    options: ReadOptions
    outlets: OutletTable
    manifest: Manifest | None = None
    lenient: bool = False

    @classmethod
    def from_options(cls, *, max_mb: float, timeout: float, outlet_files: Sequence[str],
                     meta_file: str | None, meta_lenient: bool) -> Reading:
        """Everything checked before any input is read: a bad outlet table or manifest stops
        the command here."""
        manifest = load_manifest(meta_file, lenient=meta_lenient) if meta_file else None
        return cls(ReadOptions(max_bytes=int(max_mb * 1024 * 1024), timeout=timeout),
                   load_outlets(*outlet_files), manifest, meta_lenient)


def _read(rep: Reporter, names: Sequence[str | SourcetraceError], reading: Reading
          ) -> Iterator[Article | SourcetraceError]:
    """The articles of every input, in order, each input's errors in their place; ``rep``
    counts the inputs done. At the end, what the manifest left unmatched is told."""
    with Fetcher(reading.options) as fetcher:
        for name in names:
            if isinstance(name, SourcetraceError):  # an empty or unreadable directory
                yield name
            else:
                yield from extract_articles([name], reading.options, outlets=reading.outlets, fetcher=fetcher,
                                            manifest=reading.manifest, lenient=reading.lenient)
            rep.input_done()
    if reading.manifest is not None:
        for line in reading.manifest.warnings():
            rep.warning(line)


def _articles(rep: Reporter, names: Sequence[str | SourcetraceError], reading: Reading) -> Iterator[Article]:
    """The articles of every input, in order; errors go to ``rep`` and the batch goes on."""
    for item in _read(rep, names, reading):
        if isinstance(item, SourcetraceError):
            rep.error(item)
        else:
            yield item


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="json",
              show_default=True, help="Output format; jsonl streams one article per line.")
@_input_options
@click.pass_context
def extract(
    ctx: click.Context,
    inputs: tuple[str, ...],
    fmt: str,
    max_mb: float,
    timeout: float,
    outlet_files: tuple[str, ...],
    progress: bool | None,
    meta_file: str | None,
    meta_lenient: bool,
) -> None:
    """Extract clean articles from INPUTS.

    An input is a file (HTML, gzipped HTML, plain text), a directory (read recursively), - for
    standard input, an http(s) URL, a WARC or WARC.gz archive, or an RSS/Atom feed (file or URL;
    every item's page is read). Each document that fails prints one "Error:" line on stderr and
    the batch goes on; the exit status is 1 only when no input gave an article.

    With --meta, each document takes its outlet, date, URL, byline, title, language and wire
    agency from the manifest row that names it (by path, file name, or name without extension).
    """
    reading = Reading.from_options(max_mb=max_mb, timeout=timeout, outlet_files=outlet_files,
                                   meta_file=meta_file, meta_lenient=meta_lenient)
    names = list(expand_inputs(inputs))
    collected: list[Article] = []
    with reporter(total=len(names), show=progress, debug=ctx.obj["debug"]) as rep:
        for article in _articles(rep, names, reading):
            rep.article()
            if fmt != "json":
                _write(render_one(article, fmt) + ("\n" if fmt != "jsonl" else ""))
            else:
                collected.append(article)
    if collected:
        _write(render(collected, fmt))
    if rep.articles == 0:
        raise SystemExit(1)


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "-f", "fmt", type=click.Choice(ANALYSIS_FORMATS), default="text",
              show_default=True, help="text: a readable report; json/jsonl: sourcetrace.analysis/1.")
@_input_options
@click.option("--lexicon", "lexicon_file", type=click.Path(exists=True, dir_okay=False),
              help="A JSON file extending the shipped attribution word lists.")
@_engine_option
@click.option("--color/--no-color", default=None,
              help="Colour the text report (default: when stdout is a terminal).")
@click.pass_context
def analyze(
    ctx: click.Context,
    inputs: tuple[str, ...],
    fmt: str,
    max_mb: float,
    timeout: float,
    outlet_files: tuple[str, ...],
    progress: bool | None,
    meta_file: str | None,
    meta_lenient: bool,
    lexicon_file: str | None,
    engine: str,
    color: bool | None,
) -> None:
    """Find every attributed claim in INPUTS: source, cue, content, hedging, chains.

    Takes every input extract takes. For each article it prints the attributions (who says
    what, by which cue, directly or in paraphrase, how hedged, by which rule), the sources
    typed and merged, the provenance tree (who cites whom), the claims made in the article's
    own voice, and a summary. A document that fails prints one "Error:" line on stderr and the
    batch goes on; the exit status is 1 only when no article was analysed.
    """
    from sourcetrace.attribution import Analyzer, load_lexicon

    reading = Reading.from_options(max_mb=max_mb, timeout=timeout, outlet_files=outlet_files,
                                   meta_file=meta_file, meta_lenient=meta_lenient)
    check_engine(engine)
    analyzer = Analyzer(lexicon=load_lexicon(lexicon_file), outlets=reading.outlets, engine=engine)
    names = list(expand_inputs(inputs))
    color = sys.stdout.isatty() if color is None else color
    width = shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else 100
    collected: list[Analysis] = []
    with reporter(total=len(names), show=progress, debug=ctx.obj["debug"]) as rep:
        for result in analyzer.analyze_each(_articles(rep, names, reading)):
            if isinstance(result, SourcetraceError):
                rep.error(result)
                continue
            rep.article()
            if fmt == "json":
                collected.append(result)
            else:
                _write(render_analyses([result], fmt, color=color, width=width))
    if collected:
        _write(render_analyses(collected, fmt))
    if rep.articles == 0:
        raise SystemExit(1)


@cli.command()
@click.option("--format", "-f", "fmt", type=click.Choice(ANALYSIS_FORMATS), default="text", show_default=True)
@click.pass_context
def demo(ctx: click.Context, fmt: str) -> None:
    """Run the main job, analyze, on the example article.

    Uses ../shared/examples/eutoday-atacms-authorisation.txt when it is there (beside the
    project checkout), else the small example shipped inside the package.
    """
    ctx.invoke(analyze, inputs=(str(example_path()),), fmt=fmt, max_mb=DEFAULT_MAX_BYTES / 2**20,
               timeout=20.0, outlet_files=(), progress=False, meta_file=None, meta_lenient=False,
               lexicon_file=None, engine="hybrid", color=None)


def example_path() -> Path:
    """The shared example when present (from the working directory or the checkout), else the
    packaged one."""
    here = Path(__file__).resolve()
    for base in (Path.cwd(), *here.parents):
        candidate = base.parent / "shared" / "examples" / EXAMPLE_NAME
        if candidate.is_file():
            return candidate
    packaged = resources.files("sourcetrace.data").joinpath("examples/harbourton-ferry-contract.txt")
    return Path(str(packaged))


def _write(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # `sourcetrace extract … | head`: the reader has gone, and that is not an error. Point
        # stdout at /dev/null so that flushing it at exit does not fail again; stderr stays open
        # for the progress bar to close cleanly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise SystemExit(0) from None


def main() -> None:
    cli(prog_name="sourcetrace")
