"""A user's own places: a CSV or GeoJSON file of names and coordinates, as gazetteer entries.

CSV needs a header with ``name``, ``lat`` and ``lon`` (or ``latitude``/``longitude``); ``kind``, ``country``,
``admin1``, ``population``, ``aliases`` (separated by ``|`` or ``;``) and ``id`` are optional. GeoJSON needs
Point features with a ``name`` property and the same optional ones (``aliases`` may be a list).

>>> import io
>>> csv_text = "name,lat,lon,kind,country,aliases\\nTonenke,48.1089,37.5506,village,UA,Тоненьке|Tonenkoye\\n"
>>> [e] = read_csv(io.StringIO(csv_text), "mine.csv")
>>> e.name, e.kind, e.lat, e.names
('Tonenke', 'village', 48.1089, ('Тоненьке', 'Tonenkoye'))
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterator
from typing import IO

from geomap.errors import InputError
from geomap.gazetteer import KINDS, Entry
from geomap.geonames import kind_for_population, parse_coordinate


def _entry(props: dict, lat: float, lon: float, where: str) -> Entry:
    name = " ".join(str(props.get("name") or "").split())
    if not name:
        raise InputError(f"{where}: the place has no name")
    kind = str(props.get("kind") or "").strip().lower()
    try:
        population = int(props.get("population") or 0)
    except (TypeError, ValueError):
        raise InputError(f"{where}: population {props.get('population')!r} is not a whole number") from None
    kind = kind or kind_for_population(population)
    if kind not in KINDS:
        raise InputError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    aliases = props.get("aliases") or []
    if isinstance(aliases, str):
        aliases = re.split(r"[|;]", aliases)
    names = tuple(dict.fromkeys(a for a in (" ".join(str(x).split()) for x in aliases) if a and a != name))
    ident = str(props.get("id") or "").strip()
    if not ident:
        # stable across re-imports of the same file: the same place gets the same id and replaces itself
        digest = hashlib.sha1(f"{name}|{lat:.5f}|{lon:.5f}".encode()).hexdigest()[:10]
        ident = f"user:{digest}"
    elif ":" not in ident:
        ident = f"user:{ident}"
    return Entry(
        id=ident,
        name=name,
        kind=kind,
        country=str(props.get("country") or "").strip().upper(),
        admin1=str(props.get("admin1") or "").strip(),
        lat=lat,
        lon=lon,
        population=population,
        names=names,
    )


def read_csv(f: IO[str], name: str) -> Iterator[Entry]:
    """Entries from a CSV of places; ``name`` labels errors ("mine.csv:3")."""
    reader = csv.DictReader(f)
    fields = {(h or "").strip().lower(): h for h in reader.fieldnames or []}
    lat_col = fields.get("lat") or fields.get("latitude")
    lon_col = fields.get("lon") or fields.get("lng") or fields.get("longitude")
    if "name" not in fields or not lat_col or not lon_col:
        raise InputError(f"{name}:1: a CSV of places needs the columns name, lat and lon")
    for row in reader:
        where = f"{name}:{reader.line_num}"
        if None in row:
            raise InputError(f"{where}: more values than the header has columns")
        props = {k: row.get(h) for k, h in fields.items()}
        lat = parse_coordinate((row[lat_col] or "").strip(), 90, "latitude", where)
        lon = parse_coordinate((row[lon_col] or "").strip(), 180, "longitude", where)
        yield _entry(props, lat, lon, where)


def read_geojson(f: IO[str], name: str) -> Iterator[Entry]:
    """Entries from the Point features of a GeoJSON FeatureCollection."""
    try:
        data = json.load(f)
    except json.JSONDecodeError as e:
        raise InputError(f"{name}:{e.lineno}: not valid JSON: {e.msg}") from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise InputError(f"{name}: not a GeoJSON FeatureCollection")
    for i, feature in enumerate(data.get("features") or []):
        where = f"{name}: feature {i}"
        geom = feature.get("geometry") if isinstance(feature, dict) else None
        if not isinstance(geom, dict) or geom.get("type") != "Point":
            raise InputError(f"{where}: only Point features can be imported as places")
        coords = geom.get("coordinates")
        if not isinstance(coords, list) or len(coords) < 2:
            raise InputError(f"{where}: a Point needs [longitude, latitude]")
        lon = parse_coordinate(str(coords[0]), 180, "longitude", where)
        lat = parse_coordinate(str(coords[1]), 90, "latitude", where)
        yield _entry(feature.get("properties") or {}, lat, lon, where)
