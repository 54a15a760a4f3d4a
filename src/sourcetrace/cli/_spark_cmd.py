"""``sourcetrace spark``: the Spark job over WARC archives (needs the ``spark`` extra)."""

from __future__ import annotations

import click

from sourcetrace.cli._app import _POSITIVE, _engine_option, cli
from sourcetrace.errors import ConfigError
from sourcetrace.ingest import DEFAULT_MAX_BYTES

__all__ = ["spark_command"]


def _setting(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise ConfigError("--conf", f"{text!r} is not KEY=VALUE (spark.executor.memory=8g)")
    return key.strip(), value.strip()


@cli.command("spark")
@click.argument("warc_manifest")
@click.option("--out", required=True, metavar="DIR",
              help="Where the Parquet tables go: a directory, hdfs://…, s3a://… (whatever Spark writes).")
@click.option("--master", default=None, metavar="URL",
              help="Spark master: local[4], spark://host:7077, yarn (default: spark-submit's, else every "
                   "local core).")
@click.option("--conf", "conf", multiple=True, metavar="KEY=VALUE",
              help="A Spark setting, as spark-submit takes it (repeatable).")
@click.option("--prefix", default=None, metavar="URL",
              help="Put before the manifest's relative paths (s3a://commoncrawl/ for Common Crawl's "
                   "warc.paths.gz).")
@click.option("--overwrite", is_flag=True, help="Replace the tables already under --out.")
@click.option("--max-mb", type=_POSITIVE, default=DEFAULT_MAX_BYTES / 1024 / 1024, show_default=True,
              help="Largest WARC record read, in MB.")
@click.option("--outlets", "outlet_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A JSON outlet table extending the shipped one (repeatable; a path every worker reads).")
@click.option("--lexicon", "lexicon_file", type=click.Path(exists=True, dir_okay=False),
              help="A JSON file extending the shipped attribution word lists (a path every worker reads).")
@_engine_option
def spark_command(warc_manifest: str, out: str, master: str | None, conf: tuple[str, ...], prefix: str | None,
                  overwrite: bool, max_mb: float, outlet_files: tuple[str, ...],
                  lexicon_file: str | None, engine: str) -> None:
    """Analyse the WARC archives WARC_MANIFEST lists on Apache Spark and write Parquet tables.

    WARC_MANIFEST is a text file (plain or gzipped, as Common Crawl's warc.paths.gz) with one
    archive a line: local paths, file://, hdfs://, s3a://. Each archive is one task; its HTML
    responses are extracted and analysed as `analyze` does, and written to DIR/articles,
    attributions, sources, links and claims (partitioned by publication date), with
    claim_variants, groups (every claim two articles carry, traced as `trace` does) and errors
    (every archive or record that failed, with its reason). Load the result into a corpus
    database with `sourcetrace ingest --from-parquet DIR`.
    """
    from sourcetrace.spark import Settings, run_job

    settings = Settings(max_bytes=int(max_mb * 1024 * 1024), outlet_files=outlet_files,
                        lexicon_path=lexicon_file, engine=engine)
    report = run_job(warc_manifest, out, settings=settings, master=master, conf=[_setting(c) for c in conf],
                     prefix=prefix, overwrite=overwrite, log=lambda line: click.echo(line, err=True))
    click.echo(f"{report.articles} articles, {report.errors} errors, {report.claims} claims, "
               f"{report.groups} claims carried by two articles or more, from {report.archives} archives "
               f"→ {out}", err=True)
