"""Manifests: a table saying which outlet published each document of a folder, when, under what
URL and byline (CSV, TSV, JSON Lines; one row per document).

A row is matched to a document by its key: the document's path (also relative, matched against
the end of the document's path), its file name, or its file name without extension; a URL key
(or the row's URL) matches a document fetched from, or archived under, that URL. Loading checks
every row, so a manifest that cannot be used stops the run before anything is read.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import os
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sourcetrace.errors import ManifestError, MetadataWarning
from sourcetrace.extract._dates import numeric_order
from sourcetrace.extract._fields import (
    Columns,
    FieldError,
    is_missing,
    map_columns,
    read_fields,
    shown,
    unquote,
)
from sourcetrace.model import DocumentMetadata, RawDocument

__all__ = ["Manifest", "ManifestRow", "load_manifest"]

Record = tuple[str, dict[str, Any]]
"""Where a row stands (``line 12``) and its values by column."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_WESTERN = frozenset({"cp1252", "latin_1", "iso8859_15", "iso8859_1"})
_SHOWN_NAMES = 3


@dataclass(frozen=True)
class ManifestRow:
    """One row: where it stands in the file, its key, and the metadata it gives."""

    where: str
    key: str
    metadata: DocumentMetadata


class Manifest:
    """The rows of a manifest, indexed for matching; it remembers what it matched, so that
    :meth:`warnings` can tell the rows and documents left without a partner."""

    def __init__(self, name: str, rows: list[ManifestRow], columns: Columns) -> None:
        self.name = name
        self.rows = rows
        self.columns = columns
        self._by_key: dict[str, ManifestRow] = {}
        self._by_url: dict[str, ManifestRow] = {}
        self._folded: dict[str, ManifestRow] = {}
        here = os.path.dirname(os.path.abspath(name))
        for row in rows:
            key = _norm_key(row.key)
            self._by_key[key] = row
            self._folded.setdefault(key.casefold(), row)
            if "://" not in key and "/" in key:
                # A relative path is also read from the manifest's folder ("../texts/a.txt").
                self._by_key.setdefault(_norm_key(os.path.normpath(os.path.join(here, key))), row)
            if row.metadata.url:
                self._by_url.setdefault(row.metadata.url, row)
        self._matched: dict[str, list[str]] = {}
        self._unmatched: list[str] = []

    def __len__(self) -> int:
        return len(self.rows)

    def lookup(self, raw: RawDocument) -> ManifestRow | None:
        """The row for ``raw``, without recording the match."""
        candidates = list(_candidates(raw))
        for candidate in candidates:
            row = self._by_key.get(candidate) or self._by_url.get(candidate)
            if row is not None:
                return row
        # File names written in another case ("A.TXT" for a.txt), as manifests made on Windows do.
        for candidate in candidates:
            if (row := self._folded.get(candidate.casefold())) is not None:
                return row
        return None

    def match(self, raw: RawDocument) -> DocumentMetadata | None:
        """The metadata for ``raw``, or ``None`` when no row names it; the match is recorded."""
        row = self.lookup(raw)
        if row is None:
            self._unmatched.append(raw.label)
            return None
        matched = self._matched.setdefault(row.where, [])
        matched.append(raw.label)
        if len(matched) > 1 and row.metadata.url:
            # A row naming several documents (see warnings()) gives its URL to the first only:
            # one URL is one article in the corpus, and the others would be stored over it.
            return replace(row.metadata, url=None)
        return row.metadata

    def warnings(self) -> list[str]:
        """One line for the rows no document matched, one for the documents no row matched,
        and one for each row that matched several documents."""
        lines = []
        unmatched_rows = [r for r in self.rows if r.where not in self._matched]
        if unmatched_rows:
            lines.append(f"{self.name}: {_count(len(unmatched_rows), 'row')} no input: "
                         + _first(f"{r.where} {r.key!r}" for r in unmatched_rows))
        if self._unmatched:
            lines.append(f"{self.name}: {_count(len(self._unmatched), 'input')} no row: "
                         + _first(self._unmatched))
        for row in self.rows:
            labels = self._matched.get(row.where, [])
            if len(labels) > 1:
                lines.append(f"{self.name} {row.where} ({row.key!r}) matches {len(labels)} inputs: "
                             + _first(labels) + "; give a longer path as the key to tell them apart")
        return lines


def load_manifest(path: str | os.PathLike[str], *, lenient: bool = False) -> Manifest:
    """Read and check a manifest. A row that cannot be used raises :class:`ManifestError` naming
    the file, the line and the value; with ``lenient``, a bad field is dropped (or a row without
    a key skipped) with a :class:`MetadataWarning` instead. Two rows for one key are an error
    either way."""
    name = os.fspath(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ManifestError(name, f"cannot be read ({exc.strerror or exc})") from exc
    text = _decode(data, name)
    if not text.strip():
        raise ManifestError(name, "is empty: a manifest needs a header and one row per document")
    headers, records = _parse(text, name)
    if not records:
        raise ManifestError(name, "has a header but no rows")
    try:
        columns = map_columns(headers)
    except FieldError as exc:
        raise ManifestError(name, f"{exc.reason}; its columns are {', '.join(map(repr, headers))}") from exc
    rows = _rows(name, records, columns, lenient=lenient)
    return Manifest(name, rows, columns)


def _decode(data: bytes, name: str) -> str:
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise ManifestError(name, f"damaged gzip data ({exc})") from exc
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff")
            except UnicodeDecodeError as exc:
                raise ManifestError(name, f"starts with a {encoding.upper()} byte-order mark but is not "
                                          f"valid {encoding.upper()} (at byte {exc.start})") from exc
    if b"\x00" in data[:4096]:
        return _utf16_without_bom(data, name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        guess = best.encoding if best is not None else None
        text = _windows_1252(data, guess)
        if text is not None:
            warnings.warn(f"{name}: not UTF-8; read as Windows-1252 (Western European)", MetadataWarning,
                          stacklevel=3)
            return text
        looks = f"; it looks like {guess}" if guess else ""
        raise ManifestError(name, f"is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}"
                                  f"{looks}): save it as UTF-8") from exc


def _windows_1252(data: bytes, guess: str | None) -> str | None:
    """``data`` as Windows-1252 (Excel's habit) when that is safe: the statistical guess is a
    Western code page, or it is another one that reads every non-ASCII byte here as Windows-1252
    does (cp1250 and cp1252 agree on curly quotes and dashes). ``None`` otherwise."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if guess in _WESTERN:
        return text
    if guess is None:
        return None
    high = bytes(sorted({b for b in data if b >= 0x80}))
    try:
        same = all(high[i : i + 1].decode(guess) == high[i : i + 1].decode("cp1252")
                   for i in range(len(high)))
    except (UnicodeDecodeError, LookupError):
        return None
    return text if same else None


def _utf16_without_bom(data: bytes, name: str) -> str:
    """Text in UTF-16 without a byte-order mark (every other byte of ASCII is zero), else an
    error: NUL bytes in anything else mean binary data."""
    head = data[:4096]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    encoding = "utf-16-le" if odd > len(head) // 4 and even == 0 else \
        "utf-16-be" if even > len(head) // 4 and odd == 0 else None
    if encoding:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    raise ManifestError(name, "holds NUL bytes: binary data, not a CSV, TSV or JSON Lines table")


def _parse(text: str, name: str) -> tuple[list[str], list[Record]]:
    """The header and the rows, by the file's extension, else by its content."""
    suffixes = [s.lower() for s in Path(name).suffixes if s.lower() != ".gz"]
    suffix = suffixes[-1] if suffixes else ""
    first = text.lstrip()[:1]
    if suffix in (".jsonl", ".ndjson", ".json") or (suffix not in (".csv", ".tsv", ".tab") and first in "{["):
        return _parse_json(text, name)
    header = text.lstrip("\r\n").split("\n", 1)[0]
    # The extension's delimiter unless the header plainly uses another (a .csv written with tabs
    # or semicolons is common); a file without either is sniffed.
    expected = "\t" if suffix in (".tsv", ".tab") else "," if suffix == ".csv" else None
    delimiter = max(("\t", ",", ";", "|"), key=lambda d: (header.count(d), d == expected))
    if not header.count(delimiter):
        if expected is None:
            raise ManifestError(name, "is not a table: no tab, comma or semicolon in its first line, and "
                                      "not JSON Lines")
        delimiter = expected
    return _parse_delimited(text, name, delimiter)


def _parse_delimited(text: str, name: str, delimiter: str) -> tuple[list[str], list[Record]]:
    # TSV has no quoting (quotes inside titles are common in TSV exports); CSV has.
    tsv = delimiter == "\t"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True,
                        quoting=csv.QUOTE_NONE if tsv else csv.QUOTE_MINIMAL)
    rows: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for cells in reader:
            if cells and any(c.strip() for c in cells):
                rows.append((line, [_tsv_cell(c) if tsv else c for c in cells]))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise ManifestError(name, f"line {line}: not valid CSV ({exc})") from exc
    if not rows:
        return [], []
    headers = [h.strip() or f"column {i}" for i, h in enumerate(rows[0][1], start=1)]
    _check_headers(headers, name)
    records: list[Record] = []
    for number, cells in rows[1:]:
        where = f"line {number}"
        if len(cells) > len(headers) and any(c.strip() for c in cells[len(headers):]):
            raise ManifestError(name, f"{where}: {len(cells)} fields, but the header has {len(headers)}"
                                      + (" (is a value with a tab in it?)" if delimiter == "\t" else
                                         " (is a value with a delimiter in it not quoted?)"))
        records.append((where, dict(zip(headers, cells, strict=False))))
    return headers, records


def _tsv_cell(cell: str) -> str:
    """A TSV cell written in quotes anyway (``"A ""quoted"" title"``) without them."""
    stripped = cell.strip()
    if stripped.startswith('"') and stripped.endswith('"'):
        return unquote(stripped).replace('""', '"')
    return cell


def _check_headers(headers: list[str], name: str) -> None:
    seen: dict[str, int] = {}
    for number, header in enumerate(headers, start=1):
        if header in seen:
            raise ManifestError(name, f"columns {seen[header]} and {number} are both named {header!r}")
        seen[header] = number


def _parse_json(text: str, name: str) -> tuple[list[str], list[Record]]:
    items: list[tuple[str, Any]] = []
    if text.lstrip().startswith("["):
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise ManifestError(name, f"not valid JSON ({exc})") from exc
        items = [(f"item {i}", item) for i, item in enumerate(data, start=1)]
    else:
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    items.append((f"line {number}", json.loads(line)))
                except (json.JSONDecodeError, RecursionError) as exc:
                    raise ManifestError(name, f"line {number}: not valid JSON ({exc})") from exc
    headers: dict[str, None] = {}
    records: list[Record] = []
    for where, item in items:
        if not isinstance(item, dict):
            raise ManifestError(name, f"{where}: a JSON {type(item).__name__}, not an object of fields")
        headers.update(dict.fromkeys(str(k) for k in item))
        records.append((where, {str(k): v for k, v in item.items()}))
    return list(headers), records


def _rows(name: str, records: list[Record], columns: Columns, *, lenient: bool) -> list[ManifestRow]:
    day_first = _day_first(name, records, columns.fields.get("published"), lenient=lenient)
    rows: list[ManifestRow] = []
    seen: dict[str, str] = {}
    urls: dict[str, str] = {}
    for where, record in records:
        key = record.get(columns.key)
        if is_missing(key):
            _problem(name, f"{where}: no key (column {columns.key!r} is empty)", lenient, "row skipped")
            continue
        if isinstance(key, bool) or not isinstance(key, (str, int)):
            _problem(name, f"{where}: column {columns.key!r}: the key {shown(key)} is a JSON "
                           f"{type(key).__name__}, not a text", lenient, "row skipped")
            continue
        key = str(key).strip()
        normal = _norm_key(key)
        if normal in seen:
            raise ManifestError(name, f"{seen[normal]} and {where} both have the key {key!r}")
        seen[normal] = where
        values, extra = read_fields(record, columns, day_first=day_first, where=_at(where),
                                    problem=_dropping(name, lenient))
        url = values.get("url")
        if url and url in urls:
            # One URL is one article in the corpus: two rows giving it would store one over the other.
            raise ManifestError(name, f"{urls[url]} and {where} both give the URL {url!r}")
        if url:
            urls[url] = where
        metadata = DocumentMetadata(**values, extra=extra, origin=f"{name} {where}")
        rows.append(ManifestRow(where, key, metadata))
    return rows


def _at(where: str) -> Callable[[str], str]:
    """How a problem with a column of the row at ``where`` is located: ``line 7: column 'date':``."""
    return lambda column: f"{where}: column {column!r}:"


def _dropping(name: str, lenient: bool) -> Callable[[str], None]:
    return lambda message: _problem(name, message, lenient, "the field is left out")


def _day_first(name: str, records: list[Record], column: str | None, *, lenient: bool) -> bool | None:
    """Whether the date column writes numeric dates day first (some ``25/03/2016``), month first
    (some ``03/25/2016``), or gives no sign (``None``: the date reader's habit then)."""
    if column is None:
        return None
    seen: dict[bool, str] = {}
    for where, record in records:
        value = record.get(column)
        if isinstance(value, str) and (order := numeric_order(value)) is not None:
            seen.setdefault(order, f"{where} {value.strip()!r}")
    if len(seen) == 2:
        message = (f"column {column!r} writes dates day first ({seen[True]}) and month first "
                   f"({seen[False]}): use one order, or ISO 8601 (2016-03-25)")
        _problem(name, message, lenient, "each is read as it can be")
        return None
    return next(iter(seen), None)


def _problem(name: str, message: str, lenient: bool, consequence: str) -> None:
    if not lenient:
        raise ManifestError(name, message + " (--meta-lenient drops what cannot be read, with a warning)")
    warnings.warn(f"{name}: {message}; {consequence}", MetadataWarning, stacklevel=4)


def _norm_key(key: str) -> str:
    key = key.strip().replace("\\", "/")
    if "://" in key:
        return key
    while key.startswith("./"):
        key = key[2:]
    return key


def _candidates(raw: RawDocument) -> Iterator[str]:
    """The keys that could name ``raw``, the most specific first: its URL; for a file, its path
    from the longest to the shortest ending, then the same without extensions."""
    if raw.url:
        yield raw.url
    if raw.input.lower().startswith(("http://", "https://")):
        yield raw.input
    if raw.kind != "file":
        return
    yield _norm_key(os.path.abspath(raw.input))
    parts = [p for p in _norm_key(raw.input).split("/") if p not in ("", ".")]
    if not parts:
        return
    variants = [parts]
    stem = parts[-1]
    while "." in stem.lstrip("."):
        stem = stem.rsplit(".", 1)[0]
        variants.append([*parts[:-1], stem])
    for variant in variants:
        for i in range(len(variant)):
            yield "/".join(variant[i:])


def _count(n: int, noun: str) -> str:
    """``1 row matches``, ``3 rows match``."""
    return f"{n} {noun} matches" if n == 1 else f"{n} {noun}s match"


def _first(names: Any) -> str:
    names = list(names)
    shown_names = ", ".join(names[:_SHOWN_NAMES])
    return shown_names + (f", … ({len(names) - _SHOWN_NAMES} more)" if len(names) > _SHOWN_NAMES else "")
