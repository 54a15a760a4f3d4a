"""The canonical outlet table: names, short names and domains of news media.

The table ships as ``sourcetrace/data/outlets.json``; users extend it with their own file of the
same shape (``{"outlets": [{"name", "aliases", "domains", "kind"}]}``) through
:meth:`OutletTable.extend` or :func:`load_outlets`. Later entries win on conflicts, so a user's
file can rename or re-home an outlet.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sourcetrace.data import load_json
from sourcetrace.errors import ConfigError

_NAME_SEPARATOR = re.compile(r"\s+[|–—>»:·•-]\s+")

__all__ = ["Outlet", "OutletTable", "default_outlets", "domain_of", "load_outlets", "name_key", "tidy_name"]


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    kind: str = "online"


@dataclass
class OutletTable:
    """Look outlets up by any of their names or by a host name."""

    outlets: list[Outlet] = field(default_factory=list)
    _by_key: dict[str, Outlet] = field(default_factory=dict, repr=False)
    _by_domain: dict[str, Outlet] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for outlet in list(self.outlets):
            self._index(outlet)

    def add(self, outlet: Outlet) -> None:
        self.outlets.append(outlet)
        self._index(outlet)

    def extend(self, path: str | Path) -> None:
        """Add the outlets of a user's JSON file; a file that cannot be used is a ``ConfigError``."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(str(path), f"cannot be read ({exc.strerror or exc})") from exc
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
            raise ConfigError(str(path), f"not valid JSON ({type(exc).__name__}: {exc})") from exc
        for outlet in _parse(data, str(path)):
            self.add(outlet)

    def _index(self, outlet: Outlet) -> None:
        for name in (outlet.name, *outlet.aliases):
            self._by_key[name_key(name)] = outlet
        for domain in outlet.domains:
            self._by_domain[_bare(domain)] = outlet

    def by_name(self, name: str) -> Outlet | None:
        return self._by_key.get(name_key(name))

    def by_domain(self, host: str) -> Outlet | None:
        """The outlet serving ``host`` or any parent domain of it (``edition.cnn.com`` → CNN)."""
        parts = _bare(host).split(".")
        for i in range(len(parts) - 1):
            found = self._by_domain.get(".".join(parts[i:]))
            if found:
                return found
        return None

    def known(self, name: str) -> Outlet | None:
        """The outlet ``name`` refers to, also when a tagline or section follows it after a
        separator ("LinkNaija | Nigeria's popular news platform", "NYT > World")."""
        for part in _parts(name):
            if found := self.by_name(part):
                return found
        return None

    def canonical(self, *names: str | None, url: str | None = None) -> str | None:
        """The canonical outlet name from what a page calls itself (``names``, most telling
        first) and its URL.

        A name the table knows wins; then the domain; then, among names it does not know, the
        one the page repeats most (the earliest on a tie), tidied; with none of these, ``None``.
        """
        for name in names:
            if name and (known := self.known(name)):
                return known.name
        host = domain_of(url) if url else None
        if host and (known := self.by_domain(host)):
            return known.name
        plausible = [tidied for name in names if name and (tidied := tidy_name(name))]
        if not plausible:
            return None
        counts = Counter(name.lower() for name in plausible)
        return max(plausible, key=lambda name: counts[name.lower()])


def tidy_name(name: str) -> str | None:
    """An outlet name the table does not know, as it can be shown: the part before any tagline,
    spaces collapsed; ``None`` when it reads like a tagline or a URL rather than a name."""
    parts = _parts(name)
    if not parts or not _plausible_name(parts[0]):
        return None
    return " ".join(parts[0].split())


def _parts(name: str) -> list[str]:
    return [p for p in _NAME_SEPARATOR.split(name) if p.strip()]


def domain_of(url: str | None) -> str | None:
    """The host of ``url`` without ``www.``; ``None`` when ``url`` has none."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    if not host or "." not in host or not re.fullmatch(r"[\w.-]+", host):
        return None
    return _bare(host)


def _bare(host: str) -> str:
    host = host.strip().lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def name_key(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    folded = re.sub(r"[^a-z0-9]+", " ", folded).strip()
    return folded[4:] if folded.startswith("the ") else folded


def _plausible_name(name: str) -> bool:
    # Site names sometimes hold a whole tagline or a URL; neither names an outlet.
    words = name.split()
    return 0 < len(words) <= 8 and "/" not in name


def _parse(data: Any, origin: str) -> list[Outlet]:
    """The outlets of a table file, or a ``ConfigError`` that says what is wrong where."""
    rows = data.get("outlets") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise ConfigError(origin, 'not an outlet table: expected {"outlets": [...]} '
                                  "(see sourcetrace/data/outlets.json)")
    outlets = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict) or not isinstance(row.get("name"), str) or not row["name"].strip():
            raise ConfigError(origin, f"outlet {number} has no name")
        lists = {key: row.get(key, []) for key in ("aliases", "domains")}
        for key, value in lists.items():
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(origin, f"outlet {number} ({row['name']}): {key} must be a list of strings")
        outlets.append(Outlet(row["name"], tuple(lists["aliases"]), tuple(lists["domains"]),
                              str(row.get("kind", "online"))))
    return outlets


def load_outlets(*extra: str | Path) -> OutletTable:
    """The shipped table, extended by each of ``extra`` in turn."""
    table = OutletTable(_parse(load_json("outlets.json"), "outlets.json"))
    for path in extra:
        table.extend(path)
    return table


@lru_cache(maxsize=1)
def default_outlets() -> OutletTable:
    """The shipped table, loaded once."""
    return load_outlets()
