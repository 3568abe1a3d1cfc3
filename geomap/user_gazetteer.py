"""The user gazetteer: places a user imported, in one SQLite file, searched before the embedded data.

Imports take GeoNames dumps exactly as downloaded (``UA.zip``, ``allCountries.zip``, ``cities500.zip``,
``alternateNamesV2.zip``, or the ``.txt`` inside) and CSV or GeoJSON files of the user's own places
(:mod:`geomap.user_places`). An entry with the id of an embedded one (``geonames:709717``) replaces it;
the embedded data itself never changes. Each import is one transaction: a bad line or a killed process
leaves the store as it was.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "mine.csv").write_text("name,lat,lon,kind,country\\nTonenke,48.1089,37.5506,village,UA\\n")
>>> store = UserGazetteer(folder / "gazetteer.sqlite")
>>> store.import_files([folder / "mine.csv"])
{'mine.csv': 1}
>>> [e.name for e in store.lookup_key("tonenke")]
['Tonenke']
"""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import time
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, closing
from itertools import islice
from pathlib import Path
from typing import IO

from geomap.errors import GazetteerError, InputError
from geomap.folding import name_key
from geomap.gazetteer import Entry
from geomap.geonames import (
    ALTERNATE_NAME_COLUMNS,
    DEFAULT_CLASSES,
    GEONAME_COLUMNS,
    read_alternate_names,
    read_geonames,
)
from geomap.user_places import read_csv, read_geojson

SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, country TEXT NOT NULL, admin1 TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER NOT NULL, names TEXT NOT NULL, source TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS names (key TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (key, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS imports (file TEXT, bytes INTEGER, rows INTEGER, seconds REAL, imported TEXT);
"""
BATCH = 20_000
# Members of GeoNames zips that are documentation, not data.
NOT_DATA = ("readme.txt", "iso-languagecodes.txt")


def default_path() -> Path:
    """``$GEOMAP_GAZETTEER``, else ``gazetteer.sqlite`` in the user's data folder (XDG on Linux).

    >>> default_path().name
    'gazetteer.sqlite'
    """
    if os.environ.get("GEOMAP_GAZETTEER"):
        return Path(os.environ["GEOMAP_GAZETTEER"])
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "geomap" / "gazetteer.sqlite"


def _row(e: Entry, source: str) -> tuple:
    return (e.id, e.name, e.kind, e.country, e.admin1, e.lat, e.lon, e.population, "|".join(e.names), source)


def _entry(r: tuple) -> Entry:
    return Entry(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], tuple(r[8].split("|")) if r[8] else ())


def _name_keys(e: Entry) -> set[str]:
    return {k for k in map(name_key, (e.name, *e.names)) if k}


class UserGazetteer:
    """One SQLite file of imported entries, with a folded-name index."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def exists(self) -> bool:
        return self.path.is_file()

    def _connect(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # the gazetteer may be opened on the preload thread and read on the main one, never both at once
            con = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            con.executescript(SCHEMA)
        except (OSError, sqlite3.Error) as e:
            raise GazetteerError(f"{self.path}: cannot open the user gazetteer: {e}") from None
        return con

    def _query(self, sql: str, params: Iterable = ()) -> list[tuple]:
        if not hasattr(self, "_con"):
            self._con = self._connect()
        try:
            return self._con.execute(sql, tuple(params)).fetchall()
        except sqlite3.Error as e:
            raise GazetteerError(f"{self.path}: the user gazetteer is damaged: {e}") from None

    def lookup_key(self, key: str) -> list[Entry]:
        """Entries under a folded name (see :func:`~geomap.folding.name_key`)."""
        sql = "SELECT e.* FROM names n JOIN entries e ON e.id = n.id WHERE n.key = ?"
        return [_entry(r) for r in self._query(sql, (key,))]

    def has_key(self, key: str) -> bool:
        return bool(self._query("SELECT 1 FROM names WHERE key = ? LIMIT 1", (key,)))

    def has_longer_key(self, head: str) -> bool:
        """Whether some name key is ``head`` followed by more."""
        sql = "SELECT 1 FROM names WHERE key > ? AND key < ? LIMIT 1"
        return bool(self._query(sql, (head, head + "\U0010ffff")))

    def get_many(self, ids: list[str]) -> dict[str, Entry]:
        """The entries among ``ids`` that this store holds."""
        return _entries_by_id(self._query, ids)

    def longest_key(self) -> int:
        return self._query("SELECT coalesce(max(length(key)), 0) FROM names")[0][0]

    def stats(self) -> dict:
        """Counts by kind and the files imported, for ``geomap gazetteer stats``."""
        kinds = dict(self._query("SELECT kind, count(*) FROM entries GROUP BY kind ORDER BY 2 DESC"))
        files = self._query("SELECT file, rows, imported FROM imports ORDER BY imported")
        return {"path": str(self.path), "entries": sum(kinds.values()), "by_kind": kinds, "imports": files}

    def import_files(
        self,
        paths: list[Path],
        classes: str = DEFAULT_CLASSES,
        countries: frozenset[str] = frozenset(),
        defaults: Callable[[list[str]], dict[str, Entry]] | None = None,
        progress: Callable[[str, int], None] | None = None,
    ) -> dict[str, int]:
        """Import ``paths`` in one transaction; returns the rows taken from each file.

        ``defaults`` looks up embedded entries by id: alternate names for an entry the store does not hold
        yet make it a copy of the embedded one with the extra names.
        """
        counts: dict[str, int] = {}
        with closing(self._connect()) as con:
            # Speed without giving up atomicity: the rollback journal is what undoes a killed import.
            con.execute("PRAGMA synchronous = NORMAL")
            con.execute("PRAGMA cache_size = -200000")
            try:
                con.execute("BEGIN IMMEDIATE")
                for path in paths:
                    start = time.perf_counter()
                    path = Path(path)
                    n = counts[path.name] = self._import_one(con, path, classes, countries, defaults, progress)
                    con.execute(
                        "INSERT INTO imports VALUES (?, ?, ?, ?, datetime('now'))",
                        (str(path.resolve()), path.stat().st_size, n, time.perf_counter() - start),
                    )
                con.execute("COMMIT")
            except BaseException as e:
                if con.in_transaction:
                    con.execute("ROLLBACK")
                if isinstance(e, sqlite3.Error):
                    raise GazetteerError(f"{self.path}: cannot write the user gazetteer: {e}") from None
                if isinstance(e, UnicodeDecodeError | csv.Error):
                    raise InputError(f"{path}: not a readable UTF-8 CSV or JSON file ({e})") from None
                raise
        if hasattr(self, "_con"):
            del self._con  # a reader opened before the import would not see it
        return counts

    def _import_one(self, con, path: Path, classes, countries, defaults, progress) -> int:
        suffix = path.suffix.lower()
        if suffix == ".csv":
            with _open_text(path) as f:
                return self._put(con, read_csv(f, path.name), path.name, progress)
        if suffix in (".geojson", ".json"):
            with _open_text(path) as f:
                return self._put(con, read_geojson(f, path.name), path.name, progress)
        lines = _dump_lines(path)
        first = next(lines, "")
        columns = first.count("\t") + 1
        rest = _chain(first, lines)
        if columns == GEONAME_COLUMNS:
            return self._put(con, read_geonames(rest, path.name, classes, countries), path.name, progress)
        if columns == ALTERNATE_NAME_COLUMNS:
            return self._add_names(con, read_alternate_names(rest, path.name), path.name, defaults, progress)
        raise InputError(
            f"{path.name}:1: {columns} tab-separated columns: neither a GeoNames geoname table "
            f"({GEONAME_COLUMNS}) nor alternateNamesV2 ({ALTERNATE_NAME_COLUMNS}); CSV and GeoJSON need "
            ".csv or .geojson"
        )

    def _put(self, con, entries: Iterator[Entry], source: str, progress) -> int:
        replacing = con.execute("SELECT 1 FROM entries LIMIT 1").fetchone() is not None
        total = 0
        while batch := list(islice(entries, BATCH)):
            if replacing:  # an entry imported again must not keep the names it had
                ids = [(e.id,) for e in batch]
                con.executemany("DELETE FROM names WHERE id = ?", ids)
            _insert(con, batch, source)
            total += len(batch)
            if progress:
                progress(source, total)
        return total

    def _add_names(self, con, pairs: Iterator[tuple[str, str]], source: str, defaults, progress) -> int:
        """Alternate names join the entries they name: the store's, or copies of embedded ones."""
        total = 0
        while batch := list(islice(pairs, BATCH)):
            by_id: dict[str, list[str]] = {}
            for ident, name in batch:
                by_id.setdefault(ident, []).append(name)
            ids = list(by_id)
            held = _entries_by_id(lambda sql, params: con.execute(sql, params).fetchall(), ids)
            missing = [i for i in ids if i not in held]
            if missing and defaults:
                held.update((i, e) for i, e in defaults(missing).items())
            updated = []
            for ident, e in held.items():
                known = {e.name, *e.names}
                extra = [n for n in dict.fromkeys(by_id[ident]) if n not in known]
                if extra:
                    updated.append(Entry(**{**e.__dict__, "names": (*e.names, *extra)}))
            _insert(con, updated, source)
            total += sum(len(by_id[e.id]) for e in updated)
            if progress:
                progress(source, total)
        return total


def _entries_by_id(query: Callable[[str, list[str]], list[tuple]], ids: list[str]) -> dict[str, Entry]:
    """The stored entries among ``ids``, asked for a few hundred at a time (SQLite bounds a query's
    parameters); ``query`` runs SQL with parameters and returns the rows."""
    held = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        rows = query(f"SELECT * FROM entries WHERE id IN ({','.join('?' * len(chunk))})", chunk)
        held.update((r[0], _entry(r)) for r in rows)
    return held


def _insert(con: sqlite3.Connection, entries: list[Entry], source: str) -> None:
    con.executemany("INSERT OR REPLACE INTO entries VALUES (?,?,?,?,?,?,?,?,?,?)", [_row(e, source) for e in entries])
    con.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)", [(k, e.id) for e in entries for k in _name_keys(e)])


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    if first:
        yield first
    yield from rest


def _open_text(path: Path) -> io.TextIOWrapper:
    try:
        return path.open(encoding="utf-8-sig", newline="")
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror}") from None


def _dump_lines(path: Path) -> Iterator[str]:
    """The lines of a GeoNames dump, plain or zipped, streamed; damage is an error naming the line."""
    number = 0
    try:
        with ExitStack() as stack:
            for line in _open_dump(path, stack):
                number += 1
                yield line
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path.name}:{number + 1}: not UTF-8 text") from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as e:
        raise InputError(f"{path.name}:{number + 1}: the zip archive is damaged or truncated ({e})") from None


def _open_dump(path: Path, stack: ExitStack) -> IO[str]:
    """The dump's text: the one data file of a zip, or the file itself."""
    if zipfile.is_zipfile(path):
        z = stack.enter_context(zipfile.ZipFile(path))
        members = [m for m in z.namelist() if m.endswith(".txt") and m.lower() not in NOT_DATA]
        if len(members) != 1:
            raise InputError(f"{path.name}: expected one data file in the zip, found {members or 'none'}")
        return stack.enter_context(io.TextIOWrapper(z.open(members[0]), encoding="utf-8", newline="\n"))
    if path.suffix.lower() == ".zip":
        raise InputError(f"{path.name}: not a complete zip archive (truncated or damaged download?)")
    return stack.enter_context(path.open(encoding="utf-8", newline="\n"))
