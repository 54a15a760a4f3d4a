"""``sourcetrace serve``: the web interface over a corpus (needs the ``web`` extra)."""

from __future__ import annotations

import ipaddress

import click

from sourcetrace.cli._app import cli
from sourcetrace.cli._corpus_cmds import _DB

__all__ = ["loopback", "serve"]


def loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@cli.command()
@_DB
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; beyond the loopback a --token is required.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--allow-write", is_flag=True, help="Let the Analyse page and the API store articles.")
@click.option("--allow-fetch", is_flag=True,
              help="Let visitors analyse a URL: fetched only from public addresses, size and time capped.")
@click.option("--token", envvar="SOURCETRACE_TOKEN", default=None, metavar="SECRET",
              help="Secret a client must send to store (Authorization: Bearer …, or the form's token "
                   "field); also read from $SOURCETRACE_TOKEN.")
def serve(db: str | None, host: str, port: int, allow_write: bool, allow_fetch: bool,
          token: str | None) -> None:
    """Serve the web interface: analyse an article, explore the corpus, trace a claim.

    Read-only unless --allow-write; listening beyond 127.0.0.1 needs --token.
    """
    if not loopback(host) and not token:
        raise click.UsageError(f"listening on {host} lets other machines in: give a --token "
                               "(or bind 127.0.0.1)")
    try:
        import uvicorn

        from sourcetrace.web import WebSettings, create_app
    except ImportError as exc:
        raise click.ClickException(f"the web interface needs the web extra: pip install 'sourcetrace[web]' "
                                   f"({exc.name} is missing)") from exc
    # On the loopback, only loopback names: a page elsewhere cannot rebind a name to 127.0.0.1.
    hosts = ("127.0.0.1", "localhost", "::1", "[::1]") if loopback(host) else None
    app = create_app(WebSettings(db=db, allow_write=allow_write, allow_fetch=allow_fetch, token=token,
                                 hosts=hosts))
    mode = ("read and write" if allow_write else "read-only") + (", fetching URLs" if allow_fetch else "")
    click.echo(f"sourcetrace on http://{host}:{port}/ ({mode})", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
